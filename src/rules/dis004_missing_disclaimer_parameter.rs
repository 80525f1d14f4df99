//! `DIS004` missing-disclaimer-parameter: a listed disclaimer needs a value
//! the draft does not give, such as the convenience-translation text's
//! exchange rate and its date.

use crate::diagnostics::{Diagnostic, Severity};
use crate::legend;
use crate::model::Document;
use crate::rules::RuleInfo;

/// `DIS004`: a disclaimer parameter the draft does not give.
pub static RULE: RuleInfo = RuleInfo {
    code: "DIS004",
    name: "missing-disclaimer-parameter",
    summary: "A listed disclaimer needs a value (such as `fx.as_of`) that the front matter does not give.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/DIS004.md"),
    check: Some(check),
};

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    for listed in legend::listed(doc) {
        let Err(missing) = listed
            .disclaimer
            .render(doc.front_matter.as_ref(), doc.fx_rate)
        else {
            continue;
        };
        let names = missing
            .0
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        let help = missing
            .0
            .iter()
            .map(|m| how_to_give(m))
            .collect::<Vec<_>>()
            .join("; ");
        out.push(
            Diagnostic::new(
                &RULE,
                listed.id.span,
                format!(
                    "the `{}` text needs {names}, which the front matter does not give",
                    listed.disclaimer.id
                ),
            )
            .with_help(help),
        );
    }
}

/// What to write for a parameter.
fn how_to_give(parameter: &str) -> &'static str {
    match parameter {
        "company" => "add `company:` with the issuer's name",
        "ticker" => "add `ticker:`, e.g. `ticker: \"Nasdaq: IIJI\"`",
        "fx.rate" => "add `rate:` (yen per US dollar) under `fx:`",
        "fx.as_of" => "add `as_of: YYYY-MM-DD` (the date of the rate) under `fx:`",
        "fx.source" => "add `source:` (where the rate comes from) under `fx:`",
        "filing" => "add `filing:`, e.g. `filing: annual report on Form 20-F`",
        "risk_factors" => {
            "add `risk_factors:` with the important factors legal approved (at least three)"
        }
        _ => "add it to the front matter",
    }
}
