//! `FX001` conversion-mismatch: a dollar translation that does not follow
//! from its yen amount at the stated rate, allowing for the rounding of both
//! printed numbers ("JPY10.6 billion" is anything from 10.55 to 10.65 billion).

use crate::amounts;
use crate::diagnostics::{Diagnostic, Fix, Severity};
use crate::fx::{self, Translations};
use crate::model::Document;
use crate::rules::RuleInfo;

/// `FX001`: a yen/dollar pair that disagrees with the rate.
pub static RULE: RuleInfo = RuleInfo {
    code: "FX001",
    name: "conversion-mismatch",
    summary: "A dollar translation does not follow from its yen amount at the stated rate.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FX001.md"),
    check: Some(check),
};

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let translations = Translations::shared(doc);
    let Some(stated) = translations.rate() else {
        return; // FX003 asks for a rate
    };
    let rate = stated.rate;
    let wrong: Vec<&fx::PlacedPair> = translations
        .pairs
        .iter()
        .filter(|p| !amounts::agrees_under(&p.pair, rate, translations.rounding))
        .collect();
    // When every pair fits one other rate, FX002 reports the rate instead.
    if !wrong.is_empty()
        && wrong.len() == translations.pairs.len()
        && translations.pairs.len() >= 2
        && translations
            .fitting_rates()
            .is_some_and(|(low, high)| !(low <= rate && rate <= high))
    {
        return;
    }
    for p in wrong {
        let mut d = Diagnostic::new(
            &RULE,
            p.usd_span,
            format!(
                "`{}` does not follow from `{}` at {} per US dollar: the yen amount gives {}",
                p.usd_text,
                p.yen_text,
                fx::rate_text(rate),
                fx::implied_text(&p.pair, rate, translations.rounding)
            ),
        )
        .with_label(format!("translates `{}`", p.yen_text));
        if let (Some(number_span), Some(number)) =
            (p.usd_number_span, fx::corrected_number(&p.pair, rate))
        {
            let corrected = fx::corrected_text(p, &number);
            d = d
                .with_help(format!(
                    "write `{corrected}`, or check the yen amount and the rate"
                ))
                .with_fix(Fix::replace(
                    format!("write `{corrected}`"),
                    number_span,
                    number,
                ));
        } else {
            d = d.with_help("check the yen amount, the dollar amount and the rate");
        }
        out.push(d);
    }
}
