//! `FMT009` expired-allowance: An allowance whose `until` date has passed: the finding it silenced is reported again.

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT009`: An allowance whose `until` date has passed: the finding it silenced is reported again.
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT009",
    name: "expired-allowance",
    summary: "An allowance whose `until` date has passed: the finding it silenced is reported again.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FMT009.md"),
    check: None,
};
