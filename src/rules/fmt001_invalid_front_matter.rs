//! `FMT001` invalid-front-matter: The front matter is not valid YAML or is not a mapping of keys to values.

use crate::diagnostics::Severity;
use crate::rules::RuleInfo;

/// `FMT001`: The front matter is not valid YAML or is not a mapping of keys to values.
pub static RULE: RuleInfo = RuleInfo {
    code: "FMT001",
    name: "invalid-front-matter",
    summary: "The front matter is not valid YAML or is not a mapping of keys to values.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FMT001.md"),
    check: None,
};
