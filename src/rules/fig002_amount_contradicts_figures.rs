//! `FIG002` amount-contradicts-figures: an amount typed by hand in the prose,
//! attached to a figure's label ("Total revenues totaled JPY10.7 billion"),
//! that contradicts the figures block at the precision it is printed with.

use crate::amounts;
use crate::claims::{self, Mention};
use crate::diagnostics::{Diagnostic, Fix, Severity};
use crate::draft::figures::{Figure, Unit};
use crate::draft::format::{Currency, money_en};
use crate::model::Document;
use crate::rules::RuleInfo;

/// `FIG002`: a hand-typed amount that contradicts the figures block.
pub static RULE: RuleInfo = RuleInfo {
    code: "FIG002",
    name: "amount-contradicts-figures",
    summary: "An amount typed in the text contradicts the figures block.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FIG002.md"),
    check: Some(check),
};

/// Words that may stand between a figure's name and its amount:
/// "Total revenues **for 3Q02 totaled** JPY10.6 billion".
const LINKING: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "totaled",
    "totalled",
    "totaling",
    "totalling",
    "amounted",
    "amounting",
    "to",
    "reached",
    "of",
    "at",
    "stood",
    "came",
    "in",
    "for",
    "the",
    "quarter",
    "period",
    "year",
    "fiscal",
    "its",
    "a",
    "an",
    "record",
    "は",
    "が",
    "で",
    "、",
    ",",
    ":",
    "：",
    "合計",
    "約",
    "approximately",
    "about",
];

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(figures) = &doc.figures else { return };
    let context = claims::context_periods(doc);
    let figure_terms = claims::FigureTerms::shared(doc);
    let block_amounts = amounts::BlockAmounts::shared(doc);
    for (index, block) in doc.blocks.iter().enumerate() {
        let text = block.text.as_str();
        let found = block_amounts.of_block(index);
        if found.is_empty() {
            continue;
        }
        let mentions = claims::mentions(text, figures, &figure_terms);
        if mentions.is_empty() {
            continue;
        }
        for range in block.sentences() {
            for amount in found.iter().filter(|a| {
                a.currency == Currency::Jpy
                    && a.range.start >= range.start
                    && a.range.end <= range.end
            }) {
                let Some(mention) = attached(text, &mentions, amount.range.start, range.start)
                else {
                    continue;
                };
                let Some(span) = claims::hand_typed(doc, block, amount.range.clone()) else {
                    continue;
                };
                let figure = mention.figure;
                let period = claims::period_near(text, amount.range.start, figure)
                    .map(str::to_string)
                    .or_else(|| context.get(index).map(str::to_string));
                let Some(period) = period else { continue };
                let Some((low, high)) = claims::value_interval(figure, &period) else {
                    continue;
                };
                let (a_low, a_high) = amount.interval();
                let (a_low, a_high) =
                    (a_low.abs().min(a_high.abs()), a_low.abs().max(a_high.abs()));
                // Losses: "operating loss was JPY567 million" against -567.
                let (v_low, v_high) = (low.abs().min(high.abs()), low.abs().max(high.abs()));
                let matches_point = |v: rust_decimal::Decimal| a_low <= v && v < a_high;
                let agrees = matches_point(v_low)
                    || matches_point(v_high)
                    || (a_low <= v_high && v_low < a_high && low != high);
                if agrees {
                    continue;
                }
                let written = text.get(amount.range.clone()).unwrap_or("");
                let expected = shown(figure, v_low, v_high);
                out.push(
                    Diagnostic::new(
                        &RULE,
                        span,
                        format!(
                            "the figures block gives {} for {period} as {expected}, but the text says `{written}`",
                            figure.label()
                        ),
                    )
                    .with_help(format!(
                        "correct the amount, or write `{{{{ {}.{period} | yen }}}}` so that it always matches the figures block",
                        figure.id.value
                    ))
                    .with_fix(Fix::replace(
                        format!("write `{{{{ {}.{period} | yen }}}}`", figure.id.value),
                        span,
                        format!("{{{{ {}.{period} | yen }}}}", figure.id.value),
                    )),
                );
            }
        }
    }
}

/// The figure mention an amount belongs to: the nearest one before it in the
/// same sentence with only linking words between.
fn attached<'a>(
    text: &str,
    mentions: &[Mention<'a>],
    amount_start: usize,
    sentence_start: usize,
) -> Option<Mention<'a>> {
    let mention = mentions
        .iter()
        .rev()
        .find(|m| m.end <= amount_start && m.start >= sentence_start)?;
    let between = text.get(mention.end..amount_start)?;
    let linking = between
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '、' | ':' | '：'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            if w.is_ascii() {
                // As its lower case compares (the ASCII words listed are
                // lower case), without making it.
                LINKING.iter().any(|l| l.eq_ignore_ascii_case(w)) || is_period_word(w)
            } else {
                let lower = w.to_lowercase();
                LINKING.contains(&lower.as_str()) || is_period_word(&lower)
            }
        });
    linking.then_some(*mention)
}

/// "3Q02", "fy2002", "1h03": a period name (ASCII case ignored).
fn is_period_word(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_alphanumeric())
        && (word.contains(['q', 'Q', 'h', 'H'])
            || word
                .get(..2)
                .is_some_and(|fy| fy.eq_ignore_ascii_case("fy")))
}

/// "JPY10,573 million" or "JPY12,500–13,000 million", in the figure's own scale.
fn shown(figure: &Figure, low: rust_decimal::Decimal, high: rust_decimal::Decimal) -> String {
    let currency = match figure.unit {
        Unit::Money(c) => c,
        _ => Currency::Jpy,
    };
    if low == high {
        money_en(low, currency, figure.scale, 0)
    } else {
        format!(
            "{} to {}",
            money_en(low, currency, figure.scale, 0),
            money_en(high, currency, figure.scale, 0)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linking_words_are_read_as_their_lower_case_was() {
        let by_lower_case = |w: &str| {
            let lower = w.to_lowercase();
            let period = lower.chars().any(|c| c.is_ascii_digit())
                && lower.chars().all(|c| c.is_ascii_alphanumeric())
                && (lower.contains('q') || lower.contains('h') || lower.starts_with("fy"));
            LINKING.contains(&lower.as_str()) || period
        };
        let by_ascii_case =
            |w: &str| LINKING.iter().any(|l| l.eq_ignore_ascii_case(w)) || is_period_word(w);
        for w in [
            "was", "WAS", "Totaled", "3Q02", "3q02", "FY2002", "fY02", "1H03", "2002", "Q", "x3Q",
            "3Q-02", "for", "FOR", "合計", "は", "Record", "quarter", "quarters", "",
        ] {
            assert_eq!(by_ascii_case(w), by_lower_case(w), "{w:?}");
        }
    }
}
