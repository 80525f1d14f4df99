//! `FMT007` invalid-suppression: A `relkit-disable` comment that names no rule or an unknown rule.

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT007`: A `relkit-disable` comment that names no rule or an unknown rule.
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT007",
    name: "invalid-suppression",
    summary: "A `relkit-disable` comment that names no rule or an unknown rule.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FMT007.md"),
    check: None,
};
