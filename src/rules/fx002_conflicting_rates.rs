//! `FX002` conflicting-rates: a release that uses more than one exchange
//! rate — the front matter says one thing and a sentence another, or the
//! translations only fit a rate other than the stated one.

use crate::amounts;
use crate::diagnostics::{Diagnostic, Severity};
use crate::fx::{self, RateSource, Translations};
use crate::model::Document;
use crate::rules::RuleInfo;

/// `FX002`: more than one rate in one release.
pub static RULE: RuleInfo = RuleInfo {
    code: "FX002",
    name: "conflicting-rates",
    summary: "The release uses more than one exchange rate.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FX002.md"),
    check: Some(check),
};

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let translations = Translations::shared(doc);
    let Some(first) = translations.rate() else {
        no_common_rate(&translations, out);
        return;
    };
    let place = |source: RateSource| match source {
        RateSource::FrontMatter => "the front matter",
        RateSource::Text => "the text",
        RateSource::Config => "relkit.toml",
    };
    // Stated rates that differ from the first one.
    for other in translations.rates.iter().skip(1) {
        if other.rate == first.rate || other.source == RateSource::Config {
            continue;
        }
        let Some(span) = other.span else { continue };
        let mut d = Diagnostic::new(
            &RULE,
            span,
            format!(
                "{} states {} per US dollar, but {} states {}",
                place(other.source),
                fx::rate_text(other.rate),
                place(first.source),
                fx::rate_text(first.rate)
            ),
        )
        .with_help("a release translates at one rate: correct one of them");
        if let Some(first_span) = first.span {
            let at = doc.source.line_col(first_span.start);
            d = d.with_label(format!(
                "{} is stated at line {}, column {}",
                fx::rate_text(first.rate),
                at.line,
                at.column
            ));
        }
        out.push(d);
    }
    // Translations that all fit one other rate.
    let pairs = &translations.pairs;
    let all_wrong = pairs.len() >= 2
        && pairs
            .iter()
            .all(|p| !amounts::agrees_under(&p.pair, first.rate, translations.rounding));
    if !all_wrong {
        return;
    }
    if let (Some((low, high)), Some(p)) = (translations.fitting_rates(), pairs.first()) {
        if low <= first.rate && first.rate <= high {
            return;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                p.usd_span,
                format!(
                    "the release's {} dollar translations were made at about {} per US dollar, not at the stated {}",
                    pairs.len(),
                    fx::rate_range_text(low, high),
                    fx::rate_text(first.rate)
                ),
            )
            .with_label("the first of them")
            .with_help(format!(
                "recompute the translations at {}, or correct the stated rate ({})",
                fx::rate_text(first.rate),
                place(first.source)
            )),
        );
    }
}

/// Without a stated rate, the translations must at least agree with each
/// other: some rate must fit them all. When none does, the pair that does not
/// fit the others is reported.
fn no_common_rate(translations: &Translations, out: &mut Vec<Diagnostic>) {
    let pairs = &translations.pairs;
    if pairs.len() < 2 || translations.fitting_rates().is_some() {
        return;
    }
    // The first pair without which the others fit one rate.
    let odd = (0..pairs.len()).find_map(|skip| {
        let rest = Translations {
            pairs: pairs
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, p)| p.clone())
                .collect(),
            rates: Vec::new(),
            rounding: translations.rounding,
        };
        rest.fitting_rates().map(|range| (skip, range))
    });
    let (index, message) = match odd {
        Some((index, (low, high))) => (
            index,
            format!(
                "this translation does not fit the rate of the release's other translations ({} per US dollar)",
                fx::rate_range_text(low, high)
            ),
        ),
        None => (
            0,
            "the release's dollar translations do not agree with each other: no single exchange rate fits them all".to_string(),
        ),
    };
    let Some(p) = pairs.get(index) else { return };
    out.push(
        Diagnostic::new(&RULE, p.usd_span, message)
            .with_label(format!("translates `{}`", p.yen_text))
            .with_help("state the rate in the front matter (`fx: rate:`), then relkit checks every translation against it"),
    );
}
