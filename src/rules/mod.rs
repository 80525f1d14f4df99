//! The rule registry: every rule's stable code, default severity, one-line
//! summary and documentation page (the book page, embedded at build time so
//! that `relkit explain CODE` and the user guide share one source).
//!
//! Each rule lives in its own file. Format rules (`FMT…`) are raised by the
//! parsers in [`crate::draft`] while reading a draft; the others implement a
//! `check` over the finished [`crate::model::Document`], except the pair
//! rules (`PAIR…`), which compare two drafts — a release and its
//! translation — and are listed in [`PAIR_CHECKS`] (see [`crate::pair`]).

pub mod dis001_edited_disclaimer;
pub mod dis002_safe_harbor_not_meaningful;
pub mod dis003_unknown_disclaimer;
pub mod dis004_missing_disclaimer_parameter;
pub mod dis005_superseded_disclaimer;
pub mod fig001_unknown_figure_reference;
pub mod fig002_amount_contradicts_figures;
pub mod fig003_change_contradicts_figures;
pub mod fls001_missing_safe_harbor;
pub mod fls100_forward_looking_statement;
pub mod fmt001_invalid_front_matter;
pub mod fmt002_missing_required_key;
pub mod fmt003_unknown_key;
pub mod fmt004_invalid_value;
pub mod fmt005_invalid_figures_block;
pub mod fmt006_unused_suppression;
pub mod fmt007_invalid_suppression;
pub mod fmt008_incomplete_allowance;
pub mod fmt009_expired_allowance;
pub mod fmt010_unused_allowance;
pub mod fmt011_forbidden_suppression;
pub mod fx001_conversion_mismatch;
pub mod fx002_conflicting_rates;
pub mod fx003_rate_not_stated;
pub mod fx004_inconsistent_translation;
pub mod ng001_non_gaap_without_gaap;
pub mod pair001_figure_differs;
pub mod pair002_rate_differs;
pub mod pair003_disclaimers_differ;
pub mod pair004_date_or_ticker_differs;
pub mod pair005_amount_without_counterpart;
pub mod pair006_invalid_counterpart;
pub mod pair100_forward_looking_without_counterpart;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Document;

/// The signature of a rule that inspects a finished document.
pub type CheckFn = fn(&Document, &mut Vec<Diagnostic>);

/// Static description of a rule.
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable code, such as `FMT003`. Never reused for another meaning.
    pub code: &'static str,
    /// Short kebab-case name, such as `unknown-key`.
    pub name: &'static str,
    /// One line for `relkit rules` and SARIF.
    pub summary: &'static str,
    /// Severity unless `relkit.toml` says otherwise.
    pub default_severity: Severity,
    /// The rule's page of the user guide (Markdown).
    pub doc: &'static str,
    /// The document check, for rules that are not raised by the parser
    /// (none for the pair rules, which are in [`PAIR_CHECKS`]).
    pub check: Option<CheckFn>,
}

impl RuleInfo {
    /// The family prefix of the code (`FMT`, `FLS`, `DIS`, `FX`, `FIG`, `NG`, `PAIR`).
    pub fn family(&self) -> &'static str {
        let end = self
            .code
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(self.code.len());
        self.code.get(..end).unwrap_or(self.code)
    }

    /// What the family is about, in words.
    pub fn family_description(&self) -> &'static str {
        match self.family() {
            "FMT" => "draft format and parsing",
            "FLS" => "forward-looking statements",
            "DIS" => "disclaimers",
            "FX" => "currency translation",
            "FIG" => "figures",
            "NG" => "non-GAAP measures",
            "PAIR" => "bilingual pairs (a release and its translation)",
            _ => "other",
        }
    }

    /// Address of the rule's page in the online user guide.
    pub fn help_uri(&self) -> String {
        format!("https://relkit.dev/book/rules/{}.html", self.code)
    }
}

/// Every rule, in code order.
pub static RULES: &[&RuleInfo] = &[
    &dis001_edited_disclaimer::RULE,
    &dis002_safe_harbor_not_meaningful::RULE,
    &dis003_unknown_disclaimer::RULE,
    &dis004_missing_disclaimer_parameter::RULE,
    &dis005_superseded_disclaimer::RULE,
    &fig001_unknown_figure_reference::RULE,
    &fig002_amount_contradicts_figures::RULE,
    &fig003_change_contradicts_figures::RULE,
    &fls001_missing_safe_harbor::RULE,
    &fls100_forward_looking_statement::RULE,
    &fmt001_invalid_front_matter::RULE,
    &fmt002_missing_required_key::RULE,
    &fmt003_unknown_key::RULE,
    &fmt004_invalid_value::RULE,
    &fmt005_invalid_figures_block::RULE,
    &fmt006_unused_suppression::RULE,
    &fmt007_invalid_suppression::RULE,
    &fmt008_incomplete_allowance::RULE,
    &fmt009_expired_allowance::RULE,
    &fmt010_unused_allowance::RULE,
    &fmt011_forbidden_suppression::RULE,
    &fx001_conversion_mismatch::RULE,
    &fx002_conflicting_rates::RULE,
    &fx003_rate_not_stated::RULE,
    &fx004_inconsistent_translation::RULE,
    &ng001_non_gaap_without_gaap::RULE,
    &pair001_figure_differs::RULE,
    &pair002_rate_differs::RULE,
    &pair003_disclaimers_differ::RULE,
    &pair004_date_or_ticker_differs::RULE,
    &pair005_amount_without_counterpart::RULE,
    &pair006_invalid_counterpart::RULE,
    &pair100_forward_looking_without_counterpart::RULE,
];

/// The pair rules and their checks, in code order. `PAIR006` (a counterpart
/// that cannot be checked) is raised by [`crate::pair`] before them.
pub static PAIR_CHECKS: &[(&RuleInfo, crate::pair::PairCheckFn)] = &[
    (
        &pair001_figure_differs::RULE,
        pair001_figure_differs::check_pair,
    ),
    (
        &pair002_rate_differs::RULE,
        pair002_rate_differs::check_pair,
    ),
    (
        &pair003_disclaimers_differ::RULE,
        pair003_disclaimers_differ::check_pair,
    ),
    (
        &pair004_date_or_ticker_differs::RULE,
        pair004_date_or_ticker_differs::check_pair,
    ),
    (
        &pair005_amount_without_counterpart::RULE,
        pair005_amount_without_counterpart::check_pair,
    ),
    (
        &pair100_forward_looking_without_counterpart::RULE,
        pair100_forward_looking_without_counterpart::check_pair,
    ),
];

/// Compliance-critical rules: no comment in a draft can silence them
/// (`FMT011`). Only `relkit.toml` can — `[rules]` or a signed `[[allow]]`
/// entry — where the change is reviewed with the pull request and recorded
/// in the build attestation.
///
/// The pair rules that find a translation stating other numbers, another
/// rate, other legends, another date or ticker — or a counterpart that
/// cannot be checked at all — are among them: a disagreement between the
/// two languages of one disclosure is as serious as one within a draft.
pub const FORBIDDEN_INLINE: &[&str] = &[
    "DIS003", "DIS004", "FIG002", "FIG003", "FLS001", "FX001", "FX002", "NG001", "PAIR001",
    "PAIR002", "PAIR003", "PAIR004", "PAIR006",
];

/// Rules about suppression itself, which nothing silences.
pub const UNSUPPRESSIBLE: &[&str] = &["FMT006", "FMT007", "FMT008", "FMT009", "FMT010", "FMT011"];

/// Whether a comment in a draft may silence `code`.
pub fn is_forbidden_inline(code: &str) -> bool {
    FORBIDDEN_INLINE.contains(&code)
}

/// Look a rule up by code, ignoring case.
pub fn find(code: &str) -> Option<&'static RuleInfo> {
    // A code as written by the rules (every diagnostic's) is found without
    // trimming or case folding; no two codes differ only in case.
    if let Some(rule) = RULES.iter().copied().find(|r| r.code == code) {
        return Some(rule);
    }
    let code = code.trim();
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

/// Run every document check.
pub fn run_checks(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        if let Some(check) = rule.check {
            check(doc, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            codes, sorted,
            "RULES must be sorted by code without duplicates"
        );
        for rule in RULES {
            // Upper case, so no two codes differ only in case (see `find`).
            assert_eq!(rule.code, rule.code.to_ascii_uppercase());
            assert_eq!(
                find(&rule.code.to_ascii_lowercase()).map(|r| r.code),
                Some(rule.code)
            );
            assert!(
                rule.doc.starts_with(&format!("# {}", rule.code)),
                "the book page of {} must start with `# {}`",
                rule.code,
                rule.code
            );
            assert!(!rule.summary.is_empty());
            assert!(matches!(
                rule.family(),
                "FMT" | "FLS" | "DIS" | "FX" | "FIG" | "NG" | "PAIR"
            ));
        }
    }

    #[test]
    fn every_pair_rule_is_checked_or_raised_by_the_pair_module() {
        for rule in RULES.iter().filter(|r| r.family() == "PAIR") {
            let checked = PAIR_CHECKS.iter().any(|(r, _)| r.code == rule.code);
            assert!(
                checked || rule.code == "PAIR006",
                "{} is not in PAIR_CHECKS",
                rule.code
            );
            assert!(rule.check.is_none());
        }
        assert_eq!(
            RULES.iter().filter(|r| r.family() == "PAIR").count(),
            PAIR_CHECKS.len() + 1
        );
    }

    #[test]
    fn find_ignores_case() {
        assert_eq!(find("fmt003").map(|r| r.code), Some("FMT003"));
        assert!(find("XYZ999").is_none());
    }
}
