//! `FMT003` unknown-key: A key that relkit does not know, usually a typo.

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT003`: A key that relkit does not know, usually a typo.
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT003",
    name: "unknown-key",
    summary: "A key that relkit does not know, usually a typo.",
    default_severity: Severity::Warning,
    doc: include_str!("../../book/src/rules/FMT003.md"),
    check: None,
};
