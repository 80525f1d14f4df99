//! `PAIR100` forward-looking-without-counterpart: a note on a paragraph (or
//! the title or subtitle) that makes a forward-looking statement in one
//! version of a bilingual release while its counterpart in the other
//! version makes none — a forecast lost, or added, in translation.
//!
//! Forward-looking statements are the ones `FLS100` notes. The counterpart
//! paragraph is found by [`crate::pair::align`]; its limits (a moved
//! paragraph, very long drafts) are why this is a note and not an error.

use crate::diagnostics::{Diagnostic, Severity};
use crate::legend::ForwardLooking;
use crate::model::Document;
use crate::pair::align::Counterpart;
use crate::pair::{self, Pair, Side};
use crate::rules::RuleInfo;
use crate::source::Span;

/// `PAIR100`: a forward-looking statement without a counterpart.
pub static RULE: RuleInfo = RuleInfo {
    code: "PAIR100",
    name: "forward-looking-without-counterpart",
    summary: "A paragraph is forward-looking in one version but its counterpart in the other is not (a note).",
    default_severity: Severity::Note,
    doc: include_str!("../../book/src/rules/PAIR100.md"),
    check: None,
};

/// The title or the subtitle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Title,
    Subtitle,
}

impl Line {
    fn name(self) -> &'static str {
        match self {
            Line::Title => "title",
            Line::Subtitle => "subtitle",
        }
    }

    fn span(self, doc: &Document) -> Option<Span> {
        let fm = doc.front_matter.as_ref()?;
        match self {
            Line::Title => fm.title.as_ref().map(|t| t.span),
            Line::Subtitle => fm.subtitle.as_ref().map(|t| t.span),
        }
    }
}

/// A draft's forward-looking statements by place: the first statement (span
/// and cue) of each block, and of the title and subtitle.
struct Statements {
    blocks: Vec<(usize, Span, String)>,
    lines: Vec<(Line, Span, String)>,
}

impl Statements {
    fn of(doc: &Document) -> Statements {
        let mut blocks: Vec<(usize, Span, String)> = Vec::new();
        let mut lines: Vec<(Line, Span, String)> = Vec::new();
        for statement in &ForwardLooking::shared(doc).0 {
            let start = statement.span.start;
            if let Some(line) = [Line::Title, Line::Subtitle]
                .into_iter()
                .find(|l| l.span(doc) == Some(statement.span))
            {
                if !lines.iter().any(|(l, _, _)| *l == line) {
                    lines.push((line, statement.span, statement.cue.phrase.clone()));
                }
                continue;
            }
            let after = doc.blocks.partition_point(|b| b.span.start <= start);
            let Some(index) = after.checked_sub(1) else {
                continue;
            };
            let inside = doc
                .blocks
                .get(index)
                .is_some_and(|b| start < b.span.end.max(b.span.start + 1));
            if inside && !blocks.iter().any(|(b, _, _)| *b == index) {
                blocks.push((index, statement.span, statement.cue.phrase.clone()));
            }
        }
        Statements { blocks, lines }
    }

    fn in_block(&self, block: usize) -> bool {
        self.blocks.iter().any(|(b, _, _)| *b == block)
    }

    fn line(&self, line: Line) -> Option<&(Line, Span, String)> {
        self.lines.iter().find(|(l, _, _)| *l == line)
    }
}

/// The findings on the draft of `side`.
pub fn check_pair(pair: &Pair<'_>, side: Side, out: &mut Vec<Diagnostic>) {
    let this = pair.doc(side);
    let other = pair.doc(side.other());
    let version = pair.version(side.other());
    let mine = Statements::of(this);
    let theirs = Statements::of(other);
    let help = "a forecast must say the same in both languages: check the translation (in Japanese 見込み, 予想, 予定, 計画, 目標; in English expects, will, plans, forecast), or make the two versions agree";
    // This version's forward-looking paragraphs.
    for (block, span, cue) in &mine.blocks {
        let message = match pair.alignment().counterpart(side, *block) {
            Some(Counterpart::Blocks(blocks)) => {
                if blocks.iter().any(|b| theirs.in_block(*b)) {
                    continue;
                }
                let Some(first) = blocks.first() else {
                    continue;
                };
                format!(
                    "this paragraph is forward-looking ('{cue}'), but its counterpart in {version} ({}) makes no forward-looking statement",
                    pair.place(side.other(), pair::block_anchor(other, *first))
                )
            }
            Some(Counterpart::Missing { .. }) => format!(
                "this paragraph is forward-looking ('{cue}'), but {version} ({}) has no counterpart of it",
                other.source.name()
            ),
            None => continue,
        };
        out.push(Diagnostic::new(&RULE, *span, message).with_help(help));
    }
    // The other version's forward-looking paragraphs, seen from here.
    for (block, span, cue) in &theirs.blocks {
        let (at, message) = match pair.alignment().counterpart(side.other(), *block) {
            Some(Counterpart::Blocks(blocks)) => {
                if blocks.iter().any(|b| mine.in_block(*b)) {
                    continue;
                }
                let Some(first) = blocks.first() else {
                    continue;
                };
                (
                    pair::block_anchor(this, *first),
                    format!(
                        "the counterpart of this paragraph in {version} ({}) is forward-looking ('{cue}'), but this paragraph makes no forward-looking statement",
                        pair.place(side.other(), *span)
                    ),
                )
            }
            Some(Counterpart::Missing { after }) => (
                after.map_or_else(
                    || pair::front_matter_anchor(this),
                    |b| pair::block_anchor(this, b),
                ),
                format!(
                    "{version} has a forward-looking paragraph ('{cue}', {}) that this version does not translate (it would come after this one)",
                    pair.place(side.other(), *span)
                ),
            ),
            None => continue,
        };
        out.push(Diagnostic::new(&RULE, at, message).with_help(help));
    }
    // The title and the subtitle.
    for line in [Line::Title, Line::Subtitle] {
        let name = line.name();
        match (mine.line(line), theirs.line(line)) {
            (Some((_, span, cue)), None) => {
                let message = match line.span(other) {
                    Some(o) => format!(
                        "this {name} is forward-looking ('{cue}'), but the {name} of {version} ({}) is not",
                        pair.place(side.other(), o)
                    ),
                    None => format!(
                        "this {name} is forward-looking ('{cue}'), but {version} ({}) has no {name}",
                        other.source.name()
                    ),
                };
                out.push(Diagnostic::new(&RULE, *span, message).with_help(help));
            }
            (None, Some((_, span, cue))) => {
                let at = line
                    .span(this)
                    .unwrap_or_else(|| pair::front_matter_anchor(this));
                let message = format!(
                    "the {name} of {version} ({}) is forward-looking ('{cue}'), but this version's is not",
                    pair.place(side.other(), *span)
                );
                out.push(Diagnostic::new(&RULE, at, message).with_help(help));
            }
            _ => {}
        }
    }
}
