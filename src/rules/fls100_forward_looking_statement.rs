//! `FLS100` forward-looking-statement: a note on every sentence that speaks
//! about the future, naming the words that make it forward-looking, so the
//! writer and the lawyer see exactly what the safe harbor has to cover.

use crate::diagnostics::{Diagnostic, Severity};
use crate::legend;
use crate::model::Document;
use crate::rules::RuleInfo;

/// `FLS100`: one note per forward-looking sentence.
pub static RULE: RuleInfo = RuleInfo {
    code: "FLS100",
    name: "forward-looking-statement",
    summary: "A sentence that is a forward-looking statement (a note, shown with `--notes`).",
    default_severity: Severity::Note,
    doc: include_str!("../../book/src/rules/FLS100.md"),
    check: Some(check),
};

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    for statement in &legend::ForwardLooking::shared(doc).0 {
        out.push(Diagnostic::new(
            &RULE,
            statement.span,
            format!("forward-looking: '{}'", statement.cue.phrase),
        ));
    }
}
