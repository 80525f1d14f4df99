//! `FMT005` invalid-figures-block: The figures block is not valid YAML or does not declare figures correctly.

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT005`: The figures block is not valid YAML or does not declare figures correctly.
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT005",
    name: "invalid-figures-block",
    summary: "The figures block is not valid YAML or does not declare figures correctly.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FMT005.md"),
    check: None,
};
