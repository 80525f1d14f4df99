//! `PAIR005` amount-without-counterpart: an amount of money stated in the
//! prose of one version of a bilingual release has no amount of the same
//! value anywhere in the other version — "JPY5 billion" in English with no
//! 50億円 in Japanese.
//!
//! Amounts are compared by value at the precision they are printed with
//! ("JPY10.6 billion" is anything from 10.55 to 10.65 billion yen, so it
//! matches 106億円 and 105億6,700万円), by size (a loss written with `△` in
//! one language and in words in the other), yen with yen and dollars with
//! dollars. Amounts rendered from figure references count as written. Dollar
//! convenience translations are not compared (they follow from the yen and
//! the rate, which `PAIR002` compares), nor are the legal legends and
//! statements of the rate.

use crate::amounts::{self, Amount, BlockAmounts};
use crate::diagnostics::{Diagnostic, Severity};
use crate::draft::format::{Currency, Scale, japanese_number, money_en};
use crate::draft::front_matter::Lang;
use crate::pair::align::{self, Counterpart};
use crate::pair::{self, Pair, Side};
use crate::rules::RuleInfo;
use crate::source::Span;
use rust_decimal::Decimal;

/// `PAIR005`: an amount stated in one version only.
pub static RULE: RuleInfo = RuleInfo {
    code: "PAIR005",
    name: "amount-without-counterpart",
    summary: "An amount stated in the text of one version has no amount of the same value in the other.",
    default_severity: Severity::Warning,
    doc: include_str!("../../book/src/rules/PAIR005.md"),
    check: None,
};

/// An amount stated in a draft's prose.
struct Stated {
    /// The block it is in.
    block: usize,
    /// Its currency and magnitude interval.
    key: (Currency, Decimal, Decimal),
    /// The amount.
    amount: Amount,
    /// Its place in the draft.
    span: Span,
    /// As printed.
    text: String,
    /// Whether it is the dollar translation of the yen amount before it.
    translation: bool,
}

/// Every amount in the prose of `side` outside legends and rate statements.
fn stated(pair: &Pair<'_>, side: Side) -> Vec<Stated> {
    let doc = pair.doc(side);
    let block_amounts = BlockAmounts::shared(doc);
    let mut out = Vec::new();
    for &index in pair.alignment().blocks(side) {
        let found = block_amounts.of_block(index);
        let Some(block) = doc.blocks.get(index) else {
            continue;
        };
        if found.is_empty() {
            continue;
        }
        let text = block.text.as_str();
        let translations: Vec<std::ops::Range<usize>> = amounts::pairs(text, found)
            .into_iter()
            .map(|p| p.usd.number)
            .collect();
        let rates = amounts::rate_statements(text);
        for amount in found {
            if rates.iter().any(|r| r.range.contains(&amount.range.start)) {
                continue;
            }
            let (low, high) = amount.interval_under(doc.fx_rounding);
            out.push(Stated {
                block: index,
                key: (
                    amount.currency,
                    low.abs().min(high.abs()),
                    low.abs().max(high.abs()),
                ),
                amount: amount.clone(),
                span: block.text.source_span(amount.range.clone()),
                text: text.get(amount.range.clone()).unwrap_or("").to_string(),
                translation: amount.currency == Currency::Usd
                    && translations.contains(&amount.number),
            });
        }
    }
    out
}

/// The amounts of `from` that have no counterpart in the other draft.
fn lacking(pair: &Pair<'_>, from: Side) -> Vec<Stated> {
    let theirs = stated(pair, from.other());
    stated(pair, from)
        .into_iter()
        .filter(|s| !s.translation && !theirs.iter().any(|t| align::same_amount(&s.key, &t.key)))
        .collect()
}

/// The findings on the draft of `side`.
pub fn check_pair(pair: &Pair<'_>, side: Side, out: &mut Vec<Diagnostic>) {
    let this = pair.doc(side);
    let other = pair.doc(side.other());
    let version = pair.version(side.other());
    for s in lacking(pair, side) {
        out.push(
            Diagnostic::new(
                &RULE,
                s.span,
                format!(
                    "`{}` has no counterpart in {version} ({}): it states no amount of about {}",
                    s.text,
                    other.source.name(),
                    notation(&s.amount, other.lang())
                ),
            )
            .with_help("state the amount in the other version too (in its own notation), or correct the one that is wrong; a figure reference such as `{{ revenue.3Q02 }}` writes the same value in both"),
        );
    }
    for s in lacking(pair, side.other()) {
        let (span, message) = match pair.alignment().counterpart(side.other(), s.block) {
            Some(Counterpart::Blocks(blocks)) => (
                blocks.first().map_or_else(
                    || pair::front_matter_anchor(this),
                    |&b| pair::block_anchor(this, b),
                ),
                format!(
                    "{version} states `{}` ({}) in the paragraph this one translates, but this version states no amount of about {}",
                    s.text,
                    pair.place(side.other(), s.span),
                    notation(&s.amount, this.lang())
                ),
            ),
            Some(Counterpart::Missing { after }) => (
                after.map_or_else(
                    || pair::front_matter_anchor(this),
                    |b| pair::block_anchor(this, b),
                ),
                format!(
                    "{version} states `{}` ({}) in a paragraph that this version does not translate (it would come after this one)",
                    s.text,
                    pair.place(side.other(), s.span)
                ),
            ),
            None => continue,
        };
        out.push(
            Diagnostic::new(&RULE, span, message)
                .with_help("translate the amount here, or correct the other version"),
        );
    }
}

/// The amount as `lang` writes it: `JPY10.6 billion`, `106億円`,
/// `8,900万米ドル`, `$89.0 million`.
fn notation(amount: &Amount, lang: Lang) -> String {
    let value = amount.value.abs();
    match lang {
        Lang::Ja => {
            let unit = match amount.currency {
                Currency::Jpy => "円",
                Currency::Usd => "米ドル",
            };
            format!(
                "{}{unit}",
                japanese_number(value.normalize(), value.normalize().scale())
            )
        }
        Lang::En => {
            let scale = [Scale::Billion, Scale::Million]
                .into_iter()
                .find(|s| value >= s.factor())
                .unwrap_or(Scale::One);
            let decimals = (value / scale.factor()).normalize().scale().min(3);
            money_en(value, amount.currency, scale, decimals)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_in_the_other_languages_notation() {
        let en = amounts::all("JPY10.6 billion ($89.0 million)");
        let ja = amounts::all("105億6,700万円");
        assert_eq!(notation(&en[0], Lang::Ja), "106億円");
        assert_eq!(notation(&en[1], Lang::Ja), "8,900万米ドル");
        assert_eq!(notation(&ja[0], Lang::En), "JPY10.567 billion");
        assert_eq!(notation(&en[1], Lang::En), "$89 million");
    }
}
