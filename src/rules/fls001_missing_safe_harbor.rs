//! `FLS001` missing-safe-harbor: the release makes forward-looking
//! statements but carries no safe-harbor disclaimer, so it would lose the
//! protection of the PSLRA safe harbor.

use crate::diagnostics::{Diagnostic, Severity, plural};
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
    let legends = Legends::shared(doc);
    if legends.safe_harbor().is_some() {
        return;
    }
    let statements = &legend::ForwardLooking::shared(doc).0;
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
    if let Some(fix) = legend::add_disclaimer_fix(doc, "safe-harbor") {
        d = d.with_fix(fix);
    }
    out.push(d);
}
