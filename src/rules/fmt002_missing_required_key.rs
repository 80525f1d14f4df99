//! `FMT002` missing-required-key: The front matter lacks a required key (`title` or `company`).

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT002`: The front matter lacks a required key (`title` or `company`).
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT002",
    name: "missing-required-key",
    summary: "The front matter lacks a required key (`title` or `company`).",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FMT002.md"),
    check: None,
};
