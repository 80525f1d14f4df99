//! The release body as safe HTML: the draft's Markdown with figure
//! references replaced by their formatted values and the figures block taken
//! out, rendered by pulldown-cmark (tables, footnotes, strikethrough) and then
//! sanitized — no scripts, event handlers, frames, forms or external
//! resources survive.

use crate::model::Document;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};
use std::collections::HashSet;

/// The Markdown extensions releases use.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// The body's Markdown as it will be published: references rendered, the
/// figures block removed.
pub fn body_markdown(doc: &Document) -> String {
    let body = doc.layout.body;
    let text = doc.source.text();
    let body_text = text.get(body.range()).unwrap_or("");
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for reference in &doc.references {
        if let Ok(shown) = &reference.resolved {
            let start = reference.span.start.saturating_sub(body.start);
            let end = reference.span.end.saturating_sub(body.start);
            edits.push((start..end, escape_markdown(&glue(shown))));
        }
    }
    // Hand-typed amounts stay on one line too: "JPY5\u{a0}billion".
    let amounts = crate::amounts::BlockAmounts::shared(doc);
    for (index, block) in doc.blocks.iter().enumerate() {
        for amount in amounts.of_block(index) {
            let Some(span) = crate::claims::hand_typed(doc, block, amount.range.clone()) else {
                continue;
            };
            let written = doc.source.slice(span);
            let glued = glue(written);
            if glued != written && span.start >= body.start {
                edits.push((span.start - body.start..span.end - body.start, glued));
            }
        }
    }
    for (event, range) in Parser::new_ext(body_text, options()).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event {
            if info.split_whitespace().next() == Some("figures") {
                edits.push((range, String::new()));
            }
        }
    }
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(body_text.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(body_text.get(at..range.start).unwrap_or(""));
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(body_text.get(at..).unwrap_or(""));
    out
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

/// Characters in a rendered value that Markdown would read as markup.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '[' | ']' | '<' | '>' | '`' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown to sanitized HTML.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, options());
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    sanitize(&html)
}

/// Keep only safe HTML. Table alignment becomes a class (`num` for
/// right-aligned cells) rather than a style attribute.
pub fn sanitize(html: &str) -> String {
    let aligned = html
        .replace(" style=\"text-align: right\"", " class=\"num\"")
        .replace(" style=\"text-align: center\"", " class=\"center\"")
        .replace(" style=\"text-align: left\"", "");
    let mut builder = ammonia::Builder::default();
    builder
        .add_allowed_classes("td", ["num", "center"])
        .add_allowed_classes("th", ["num", "center"])
        // `language-ruby` on fenced code: harmless, and kept for styling.
        .add_tag_attributes("code", ["class"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        // No images from elsewhere: a release page makes no external requests.
        .rm_tags(["img"])
        // Footnotes link to their definitions by id.
        .add_generic_attributes(["id"])
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", ["footnote-definition"]);
    builder.clean(&aligned).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = to_html(
            "Hello <script>alert(1)</script> <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a> <iframe src=\"https://evil\"></iframe>",
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("iframe"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn amounts_do_not_break_across_lines() {
        assert_eq!(
            glue("JPY10.6 billion ($89.0 million) to JPY13.0 billion"),
            "JPY10.6\u{a0}billion\u{a0}($89.0\u{a0}million) to JPY13.0\u{a0}billion"
        );
    }

    #[test]
    fn footnotes_link_to_their_definitions() {
        let html = to_html("Revenue rose.[^1]\n\n[^1]: Unaudited.\n");
        assert!(html.contains("href=\"#1\""), "{html}");
        assert!(html.contains("id=\"1\""), "{html}");
    }

    #[test]
    fn tables_keep_their_alignment_as_a_class() {
        let html = to_html("| a | b |\n| --- | ---: |\n| x | 1 |\n");
        assert!(html.contains("<td class=\"num\">1</td>"), "{html}");
    }
}
