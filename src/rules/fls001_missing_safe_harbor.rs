//! `FLS001` missing-safe-harbor: the release makes forward-looking
//! statements but carries no safe-harbor disclaimer, so it would lose the
//! protection of the PSLRA safe harbor.

use crate::diagnostics::{Diagnostic, Edit, Fix, Severity, plural};
use crate::legend::{self, Legends};
use crate::model::Document;
use crate::rules::RuleInfo;

/// `FLS001`: forward-looking statements without a safe-harbor disclaimer.
pub static RULE: RuleInfo = RuleInfo {
    code: "FLS001",
    name: "missing-safe-harbor",
    summary: "The release makes forward-looking statements but has no safe-harbor disclaimer.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FLS001.md"),
    check: Some(check),
};

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let legends = Legends::of(doc);
    if legends.safe_harbor().is_some() {
        return;
    }
    let statements = legend::forward_looking(doc, &legends);
    let Some(first) = statements.first() else {
        return;
    };
    let mut d = Diagnostic::new(
        &RULE,
        first.span,
        format!(
            "this release makes {} but carries no safe-harbor disclaimer",
            plural(statements.len(), "forward-looking statement")
        ),
    )
    .with_label(format!("the first: '{}'", first.cue.phrase))
    .with_help(
        "add `safe-harbor` to `disclaimers:` in the front matter (relkit adds the approved text to the release), or paste the safe-harbor paragraph your legal team approved; run with `--notes` to see every forward-looking sentence",
    );
    if let Some(fix) = add_to_disclaimers(doc) {
        d = d.with_fix(fix);
    }
    out.push(d);
}

/// The edit that lists `safe-harbor` in the front matter.
fn add_to_disclaimers(doc: &Document) -> Option<Fix> {
    let fm = doc.front_matter.as_ref()?;
    let text = doc.source.text();
    let edit = match fm.disclaimers.last() {
        Some(last) => {
            let line_start = text
                .get(..last.span.start)?
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let line_end = text
                .get(last.span.end..)?
                .find('\n')
                .map_or(text.len(), |i| last.span.end + i);
            let prefix = text
                .get(line_start..last.span.start)?
                .trim_end_matches(['"', '\'']);
            if !prefix.trim_start().starts_with('-') {
                return None; // a flow list `[a, b]`: leave it to the writer
            }
            Edit {
                span: crate::source::Span::point(line_end),
                replacement: format!("\n{prefix}safe-harbor"),
            }
        }
        None => {
            let yaml = text.get(fm.span.range())?;
            if yaml.lines().any(|l| l.starts_with("disclaimers")) {
                return None;
            }
            let newline = if yaml.is_empty() || yaml.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            Edit {
                span: crate::source::Span::point(fm.span.end),
                replacement: format!("{newline}disclaimers:\n  - safe-harbor\n"),
            }
        }
    };
    Some(Fix {
        message: "list `safe-harbor` under `disclaimers:`".into(),
        edits: vec![edit],
    })
}
