//! `FMT006` unused-suppression: A `relkit-disable` comment that silences nothing.

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT006`: A `relkit-disable` comment that silences nothing.
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT006",
    name: "unused-suppression",
    summary: "A `relkit-disable` comment that silences nothing.",
    default_severity: Severity::Warning,
    doc: include_str!("../../book/src/rules/FMT006.md"),
    check: None,
};
