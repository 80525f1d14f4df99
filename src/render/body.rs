//! The release body as it will be published, computed from the document's
//! one event list (no second Markdown parse): figure references replaced by
//! their formatted values, amounts (rendered or typed by hand) glued against
//! line breaks, and the figures block taken out. Every backend renders
//! these events.

use crate::model::Document;
use crate::source::Span;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

/// A replacement of draft text: what `span` of the draft shows instead.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    span: Span,
    shown: String,
}

/// The body's events, ready for a backend.
pub fn published_events(doc: &Document) -> Vec<Event<'static>> {
    // A document parsed for linting alone did not keep its events.
    let parsed;
    let events = if doc.events.is_empty() {
        let body = doc.layout.body;
        parsed = crate::model::events::parse(doc.source.slice(body), body.start);
        &parsed
    } else {
        &doc.events
    };
    let edits = edits(doc);
    let mut out: Vec<Event<'static>> = Vec::with_capacity(events.len());
    let mut run: Option<(String, Span)> = None;
    let mut in_figures = false;
    for (event, span) in events {
        if in_figures {
            in_figures = !matches!(event, Event::End(TagEnd::CodeBlock));
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("figures") =>
            {
                flush_run(&mut run, doc, &edits, &mut out);
                in_figures = true;
            }
            // Text and soft breaks are read as one run, so that an edit
            // written across pulldown-cmark's text pieces still applies.
            Event::Text(text) => extend_run(&mut run, text, *span),
            Event::SoftBreak => extend_run(&mut run, "\n", *span),
            other => {
                flush_run(&mut run, doc, &edits, &mut out);
                out.push(other.clone());
            }
        }
    }
    flush_run(&mut run, doc, &edits, &mut out);
    out
}

fn extend_run(run: &mut Option<(String, Span)>, text: &str, span: Span) {
    match run {
        Some((buffer, covered)) => {
            buffer.push_str(text);
            *covered = covered.join(span);
        }
        None => *run = Some((text.to_string(), span)),
    }
}

/// End the current text run: apply the edits that fall inside it.
fn flush_run(
    run: &mut Option<(String, Span)>,
    doc: &Document,
    edits: &[Edit],
    out: &mut Vec<Event<'static>>,
) {
    let Some((text, span)) = run.take() else {
        return;
    };
    let first = edits.partition_point(|e| e.span.start < span.start);
    let inside: Vec<&Edit> = edits
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|e| e.span.end <= span.end)
        .collect();
    let shown = if inside.is_empty() {
        text
    } else if doc.source.slice(span) == text {
        // The run is the draft's text as written: edit by offset.
        apply_at_offsets(&text, span.start, &inside)
    } else {
        // Escapes or entities changed the text: find each edit's words.
        apply_by_content(&text, doc, &inside)
    };
    out.push(Event::Text(CowStr::from(shown)));
}

fn apply_at_offsets(text: &str, base: usize, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for edit in edits {
        let start = edit.span.start - base;
        let end = edit.span.end - base;
        if start < at {
            continue;
        }
        out.push_str(text.get(at..start).unwrap_or(""));
        out.push_str(&edit.shown);
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

fn apply_by_content(text: &str, doc: &Document, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for edit in edits {
        let written = doc.source.slice(edit.span);
        let Some(found) = text.get(at..).and_then(|rest| rest.find(written)) else {
            continue;
        };
        out.push_str(text.get(at..at + found).unwrap_or(""));
        out.push_str(&edit.shown);
        at += found + written.len();
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// The replacements, in draft order, without overlaps: each resolved figure
/// reference by its value, each hand-typed amount by itself with no-break
/// spaces.
fn edits(doc: &Document) -> Vec<Edit> {
    let mut edits: Vec<Edit> = doc
        .references
        .iter()
        .filter_map(|reference| {
            let shown = reference.resolved.as_ref().ok()?;
            Some(Edit {
                span: reference.span,
                shown: glue(shown),
            })
        })
        .collect();
    let amounts = crate::amounts::BlockAmounts::shared(doc);
    for (index, block) in doc.blocks.iter().enumerate() {
        for amount in amounts.of_block(index) {
            let Some(span) = crate::claims::hand_typed(doc, block, amount.range.clone()) else {
                continue;
            };
            let written = doc.source.slice(span);
            let glued = glue(written);
            if glued != written {
                edits.push(Edit { span, shown: glued });
            }
        }
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut end = 0;
    edits.retain(|e| {
        let keep = e.span.start >= end;
        if keep {
            end = e.span.end;
        }
        keep
    });
    edits
}

/// Keep an amount on one line: "JPY10.6\u{a0}billion\u{a0}($89.0\u{a0}million)".
pub fn glue(amount: &str) -> String {
    let mut out = String::with_capacity(amount.len() + 8);
    for (i, c) in amount.char_indices() {
        let rest = amount.get(i + 1..).unwrap_or("");
        let joins = ["thousand", "million", "billion", "trillion", "(", "（"]
            .iter()
            .any(|w| rest.starts_with(w));
        out.push(if c == ' ' && joins { '\u{a0}' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParseOptions;
    use crate::source::SourceFile;

    fn published(text: &str) -> Vec<Event<'static>> {
        let parse = |keep_events| {
            let options = ParseOptions {
                keep_events,
                ..ParseOptions::default()
            };
            Document::parse(SourceFile::named("t.md", text), options, &mut Vec::new())
        };
        let kept = published_events(&parse(true));
        // Parsed for linting alone, the events are read again: the same result.
        assert_eq!(kept, published_events(&parse(false)));
        kept
    }

    fn texts(events: &[Event<'_>]) -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect()
    }

    const FRONT: &str = "---\ntitle: T\ncompany: C\nfx: { rate: 118.75 }\n---\n";
    const FIGURES: &str = "```figures\nrevenue:\n  unit: JPY\n  scale: million\n  values: { 3Q02: 10573 }\n  display: { scale: billion, decimals: 1 }\n```\n";

    #[test]
    fn references_show_their_values_and_the_figures_block_goes() {
        let events = published(&format!(
            "{FRONT}Revenue was {{{{ revenue.3Q02 }}}}, up\n6.3%.\n\n{FIGURES}"
        ));
        assert_eq!(
            texts(&events),
            ["Revenue was JPY10.6\u{a0}billion\u{a0}($89.0\u{a0}million), up\n6.3%."]
        );
        assert!(
            !events
                .iter()
                .any(|e| matches!(e, Event::Start(Tag::CodeBlock(_)))),
            "{events:?}"
        );
    }

    #[test]
    fn references_after_escapes_are_replaced_too() {
        let events = published(&format!(
            "{FRONT}A \\*starred\\* {{{{ revenue.3Q02 }}}} &amp; JPY5 billion.\n\n{FIGURES}"
        ));
        assert_eq!(
            texts(&events),
            ["A *starred* JPY10.6\u{a0}billion\u{a0}($89.0\u{a0}million) & JPY5\u{a0}billion."]
        );
    }

    #[test]
    fn amounts_do_not_break_across_lines() {
        assert_eq!(
            glue("JPY10.6 billion ($89.0 million) to JPY13.0 billion"),
            "JPY10.6\u{a0}billion\u{a0}($89.0\u{a0}million) to JPY13.0\u{a0}billion"
        );
    }

    #[test]
    fn other_code_blocks_stay() {
        let events = published("# T\n\n```text\nkeep me\n```\n");
        assert!(
            texts(&events).contains(&"keep me\n".to_string()),
            "{events:?}"
        );
    }
}
