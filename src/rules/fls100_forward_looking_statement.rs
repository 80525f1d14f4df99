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
    let statements = legend::ForwardLooking::shared(doc);
    // One note per statement, often thousands in a long release: room made
    // once rather than by doubling (and copying) the list as it fills.
    out.reserve(statements.0.len());
    for statement in &statements.0 {
        out.push(Diagnostic::new(
            &RULE,
            statement.span,
            format!("forward-looking: '{}'", statement.cue.phrase),
        ));
    }
}
