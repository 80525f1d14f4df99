//! `FMT010` unused-allowance: A `relkit-allow` comment that allows a finding the rule no longer reports.

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT010`: A `relkit-allow` comment that allows a finding the rule no longer reports.
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT010",
    name: "unused-allowance",
    summary: "A `relkit-allow` comment that allows a finding the rule no longer reports.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FMT010.md"),
    check: None,
};
