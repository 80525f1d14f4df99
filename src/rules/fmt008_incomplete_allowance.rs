//! `FMT008` incomplete-allowance: A `relkit-allow` comment without a reason, an author or a valid expiry date.

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT008`: A `relkit-allow` comment without a reason, an author or a valid expiry date.
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT008",
    name: "incomplete-allowance",
    summary: "A `relkit-allow` comment without a reason, an author or a valid expiry date.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FMT008.md"),
    check: None,
};
