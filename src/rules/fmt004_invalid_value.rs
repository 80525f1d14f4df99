//! `FMT004` invalid-value: A value of the wrong type or form, such as a date that is not YYYY-MM-DD.

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT004`: A value of the wrong type or form, such as a date that is not YYYY-MM-DD.
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT004",
    name: "invalid-value",
    summary: "A value of the wrong type or form, such as a date that is not YYYY-MM-DD.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FMT004.md"),
    check: None,
};
