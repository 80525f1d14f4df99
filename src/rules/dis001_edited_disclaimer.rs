//! `DIS001` edited-disclaimer: an approved text from the disclaimer library
//! is pasted into the release with changes. Legal approved the exact words;
//! the finding shows, word by word, what was changed.

use crate::diagnostics::{Diagnostic, Fix, Severity};
use crate::legend::{Legends, Pasted, words};
use crate::model::Document;
use crate::rules::RuleInfo;
use similar::{ChangeTag, DiffOp, TextDiff};

/// `DIS001`: an approved disclaimer pasted with edits.
pub static RULE: RuleInfo = RuleInfo {
    code: "DIS001",
    name: "edited-disclaimer",
    summary: "An approved disclaimer is pasted into the release with changes to its wording.",
    default_severity: Severity::Warning,
    doc: include_str!("../../book/src/rules/DIS001.md"),
    check: Some(check),
};

/// How many changes the help text lists before "and N more".
const SHOWN: usize = 6;

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let legends = Legends::shared(doc);
    // A superseded version is DIS005's finding, edited or not.
    for pasted in legends
        .pasted
        .iter()
        .filter(|p| p.current.is_none() && !p.is_verbatim())
    {
        let changes = changes(pasted);
        // Only placeholders the draft does not fill ("{{ risk_factors }}" →
        // the company's own list): no edit of the approved words.
        if changes.is_empty() {
            continue;
        }
        let mut help = format!(
            "{}: {}",
            if changes.len() == 1 {
                "the change"
            } else {
                "the changes"
            },
            changes
                .iter()
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")
        );
        if changes.len() > SHOWN {
            help.push_str(&format!("; and {} more", changes.len() - SHOWN));
        }
        help.push_str(&format!(
            ". Restore the approved wording, or list `{}` under `disclaimers:` and remove the pasted text",
            pasted.disclaimer.id
        ));
        out.push(
            Diagnostic::new(
                &RULE,
                pasted.span,
                format!(
                    "this is the approved `{}` text (version {}) with {} changed",
                    pasted.disclaimer.id,
                    pasted.disclaimer.version,
                    if changes.len() == 1 {
                        "one passage".to_string()
                    } else {
                        format!("{} passages", changes.len())
                    }
                ),
            )
            .with_help(help)
            .with_fix(Fix::replace(
                format!("restore the approved `{}` text", pasted.disclaimer.id),
                pasted.span,
                pasted.approved.clone(),
            )),
        );
    }
}

/// The differences, each as "'old' → 'new'", "removed 'x'" or "added 'y'".
pub fn changes(pasted: &Pasted) -> Vec<String> {
    let approved = words(&pasted.approved);
    let written = words(&pasted.written);
    let joiner = if crate::fls::is_japanese(&pasted.approved) {
        ""
    } else {
        " "
    };
    let approved_refs: Vec<&str> = approved.iter().map(String::as_str).collect();
    let written_refs: Vec<&str> = written.iter().map(String::as_str).collect();
    let diff = TextDiff::configure().diff_slices(&approved_refs, &written_refs);
    let mut out = Vec::new();
    for op in diff.ops() {
        let old: Vec<&str> = diff
            .iter_changes(op)
            .filter(|c| c.tag() == ChangeTag::Delete)
            .map(|c| c.value())
            .collect();
        let new: Vec<&str> = diff
            .iter_changes(op)
            .filter(|c| c.tag() == ChangeTag::Insert)
            .map(|c| c.value())
            .collect();
        // A placeholder the draft leaves unfilled matches whatever is written there.
        if !old.is_empty() && old.iter().all(|w| is_placeholder_part(w)) {
            continue;
        }
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { .. } => out.push(format!("removed '{}'", old.join(joiner))),
            DiffOp::Insert { .. } => out.push(format!("added '{}'", new.join(joiner))),
            DiffOp::Replace { .. } => {
                out.push(format!("'{}' → '{}'", old.join(joiner), new.join(joiner)))
            }
        }
    }
    out
}

/// A word of an unfilled `{{ parameter }}` placeholder.
fn is_placeholder_part(word: &str) -> bool {
    word.starts_with("{{")
        || word.ends_with("}}")
        || word
            .trim_end_matches([',', ';', '.', '\'', 's'])
            .ends_with("}}")
        || crate::disclaimers::PARAMETERS.contains(&word)
}
