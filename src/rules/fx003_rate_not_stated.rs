//! `FX003` rate-not-stated: the release gives US-dollar translations but does
//! not tell the reader the rate — no convenience-translation disclaimer and
//! no sentence such as "at the rate of ¥118.75 = US$1".

use crate::diagnostics::{Diagnostic, Severity, plural};
use crate::fx::{RateSource, Translations};
use crate::legend;
use crate::model::Document;
use crate::rules::RuleInfo;

/// `FX003`: translations without a stated rate.
pub static RULE: RuleInfo = RuleInfo {
    code: "FX003",
    name: "rate-not-stated",
    summary: "Dollar translations are given but the release does not state the exchange rate.",
    default_severity: Severity::Warning,
    doc: include_str!("../../book/src/rules/FX003.md"),
    check: Some(check),
};

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let translations = Translations::shared(doc);
    let Some(first) = translations.pairs.first() else {
        return;
    };
    let disclaimer_listed = legend::listed(doc)
        .iter()
        .any(|l| l.disclaimer.kind == "convenience-translation");
    let sentence = translations
        .rates
        .iter()
        .any(|r| r.source == RateSource::Text);
    if disclaimer_listed || sentence {
        return;
    }
    let mut d = Diagnostic::new(
        &RULE,
        first.usd_span,
        format!(
            "the release gives {} but does not state the exchange rate",
            plural(translations.pairs.len(), "dollar translation")
        ),
    )
    .with_label("the first translation")
    .with_help(
        "list `convenience-translation` under `disclaimers:` (it states the rate and its date from `fx:`), or add a sentence such as \"translated at the rate of ¥118.75 = US$1\"",
    );
    if let Some(fix) = legend::add_disclaimer_fix(doc, "convenience-translation") {
        d = d.with_fix(fix);
    }
    out.push(d);
}
