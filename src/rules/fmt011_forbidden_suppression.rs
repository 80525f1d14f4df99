//! `FMT011` forbidden-suppression: A comment tries to silence a compliance-critical rule that only `relkit.toml` can allow.

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT011`: A comment tries to silence a compliance-critical rule that only `relkit.toml` can allow.
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT011",
    name: "forbidden-suppression",
    summary: "A comment tries to silence a compliance-critical rule that only `relkit.toml` can allow.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FMT011.md"),
    check: None,
};
