//! The draft's US-dollar convenience translations: every yen/dollar pair in
//! its prose (with spans in the draft), every rate it states (front matter,
//! `relkit.toml`, sentences such as "¥118.75 = US$1"), and the rate the
//! pairs themselves imply. The `FX` rules share this analysis.

use crate::amounts::{self, Amount, Pair};
use crate::draft::format::{Currency, group, japanese_number, round};
use crate::model::Document;
use crate::source::Span;
use crate::text::ByteClasses;
use rust_decimal::Decimal;

/// A conversion pair located in the draft.
#[derive(Debug, Clone)]
pub struct PlacedPair {
    /// The amounts.
    pub pair: Pair,
    /// The yen amount in the draft.
    pub yen_span: Span,
    /// The dollar amount in the draft.
    pub usd_span: Span,
    /// The dollar number (digits only) in the draft, when it was typed by
    /// hand (not rendered from a figure reference) and so can be fixed.
    pub usd_number_span: Option<Span>,
    /// The yen amount as printed.
    pub yen_text: String,
    /// The dollar amount as printed.
    pub usd_text: String,
    /// The dollar amount's whole match, parentheses included (for rewriting).
    pub usd_full_text: String,
}

/// Where a rate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateSource {
    /// `fx: rate:` in the front matter.
    FrontMatter,
    /// A sentence of the release.
    Text,
    /// `[fx] rate` in `relkit.toml`.
    Config,
}

/// A stated rate.
#[derive(Debug, Clone, Copy)]
pub struct StatedRate {
    /// Yen per dollar.
    pub rate: Decimal,
    /// Where it is written (the front matter value or the sentence); none for `relkit.toml`.
    pub span: Option<Span>,
    /// Where it comes from.
    pub source: RateSource,
}

/// Everything about a draft's translations.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    /// Every pair, in reading order.
    pub pairs: Vec<PlacedPair>,
    /// Every stated rate: front matter first, then sentences, then configuration.
    pub rates: Vec<StatedRate>,
    /// How the printed amounts were shortened.
    pub rounding: amounts::Rounding,
}

impl Translations {
    /// The draft's translations, computed once per document and shared by the rules.
    pub fn shared(doc: &Document) -> std::sync::Arc<Translations> {
        doc.analysis(Translations::of)
    }

    /// Read a draft.
    pub fn of(doc: &Document) -> Translations {
        let mut out = Translations {
            rounding: doc.fx_rounding,
            ..Translations::default()
        };
        let front_matter_rate = doc
            .front_matter
            .as_ref()
            .and_then(|f| f.fx.as_ref())
            .and_then(|fx| fx.rate.as_ref());
        if let Some(rate) = front_matter_rate {
            out.rates.push(StatedRate {
                rate: rate.value,
                span: Some(rate.span),
                source: RateSource::FrontMatter,
            });
        }
        let block_amounts = amounts::BlockAmounts::shared(doc);
        for (index, block) in doc.blocks.iter().enumerate() {
            let text = block.text.as_str();
            // Most paragraphs have no money at all; a rate statement has
            // amounts too ("¥118.75", "118.75円").
            if block_amounts.of_block(index).is_empty() {
                continue;
            }
            for statement in amounts::rate_statements_classified(text, block.classes) {
                out.rates.push(StatedRate {
                    rate: statement.rate,
                    span: Some(block.text.source_span(statement.range)),
                    source: RateSource::Text,
                });
            }
            let found = block_amounts.of_block(index);
            for pair in amounts::pairs(text, found) {
                let usd_number_span = {
                    let span = block.text.source_span(pair.usd.number.clone());
                    let written = text.get(pair.usd.number.clone()).unwrap_or("");
                    (doc.source.slice(span) == written).then_some(span)
                };
                out.pairs.push(PlacedPair {
                    yen_span: block.text.source_span(pair.yen.range.clone()),
                    usd_span: block.text.source_span(pair.usd.range.clone()),
                    usd_number_span,
                    yen_text: text.get(pair.yen.range.clone()).unwrap_or("").to_string(),
                    usd_text: text
                        .get(pair.usd.range.clone())
                        .unwrap_or("")
                        .trim_matches(['(', ')', ' ', '（', '）'])
                        .to_string(),
                    usd_full_text: text.get(pair.usd.range.clone()).unwrap_or("").to_string(),
                    pair,
                });
            }
        }
        out.pairs.extend(table_pairs(doc));
        if front_matter_rate.is_none()
            && let Some(rate) = doc.fx_rate
        {
            out.rates.push(StatedRate {
                rate,
                span: None,
                source: RateSource::Config,
            });
        }
        out
    }

    /// The rate the pairs are checked against: the front matter's, else the
    /// text's, else the configuration's.
    pub fn rate(&self) -> Option<StatedRate> {
        self.rates.first().copied()
    }

    /// The range of rates every pair fits, `(low, high)`, if there is one.
    pub fn fitting_rates(&self) -> Option<(Decimal, Decimal)> {
        let mut low = Decimal::ZERO;
        let mut high = Decimal::MAX;
        for p in &self.pairs {
            let (y_low, y_high) = magnitude(&p.pair.yen, self.rounding);
            let (u_low, u_high) = magnitude(&p.pair.usd, self.rounding);
            if u_low <= Decimal::ZERO || u_high.is_zero() {
                continue;
            }
            // Amounts so far apart that the quotient overflows fit no rate.
            let (Some(pair_low), Some(pair_high)) =
                (y_low.checked_div(u_high), y_high.checked_div(u_low))
            else {
                continue;
            };
            low = low.max(pair_low);
            high = high.min(pair_high);
        }
        (low < high && high < Decimal::MAX).then_some((low, high))
    }
}

/// The currency and multiplier a table header names: "Millions of yen",
/// "Thousands of U.S. dollars", 百万円, 千米ドル.
fn column_unit(header: &str) -> Option<(Currency, Decimal)> {
    let lower = header.to_lowercase();
    let currency = if lower.contains("dollar")
        || lower.contains("usd")
        || lower.contains("us$")
        || header.contains("ドル")
    {
        Currency::Usd
    } else if lower.contains("yen") || lower.contains("jpy") || header.contains('円') {
        Currency::Jpy
    } else {
        return None;
    };
    let scale = if lower.contains("billion") || header.contains("十億") {
        1_000_000_000u64
    } else if header.contains("億") {
        100_000_000
    } else if lower.contains("million") || header.contains("百万") {
        1_000_000
    } else if lower.contains("thousand") || header.contains('千') {
        1_000
    } else {
        1
    };
    Some((currency, Decimal::from(scale)))
}

/// Whether a header of `classes` may name a currency as [`column_unit`]
/// reads it. (Its lower case holds an ASCII word only where the header has
/// the word in some ASCII case: of the other characters, only `K` and `İ`
/// lower-case to ASCII letters, `k` and `i`, which no currency word has.)
fn may_name_currency(classes: ByteClasses) -> bool {
    ["dollar", "usd", "us$", "ドル", "yen", "jpy", "円"]
        .iter()
        .any(|word| classes.may_contain(word))
}

/// A number in a table cell: `10,573`, `(567)`, `△567`, `-567`, `89.0`.
fn cell_amount(text: &str, currency: Currency, unit: Decimal) -> Option<Amount> {
    let trimmed = text.trim();
    let (negative, digits) = match trimmed.strip_prefix(['△', '▲']) {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let value = crate::draft::format::parse_decimal(digits)?;
    let decimals = digits.split_once(['.', '．']).map_or(0, |(_, f)| {
        u32::try_from(f.trim_end_matches(')').chars().count()).unwrap_or(0)
    });
    let value = if negative { -value.abs() } else { value }.checked_mul(unit)?;
    if value.abs() > crate::draft::format::MAX_AMOUNT {
        return None;
    }
    let precision = if decimals > 0 {
        Decimal::try_new(1, decimals).ok()?.checked_mul(unit)?
    } else {
        unit
    };
    // The digits alone, so that a fix keeps the sign as written: "(4,775)", "△4,775".
    let first = text.find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))?;
    let last = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_digit() || ('０'..='９').contains(c))
        .map(|(i, c)| i + c.len_utf8())?;
    Some(Amount {
        currency,
        value,
        precision,
        range: 0..text.len(),
        number: first..last,
        decimals,
        unit,
    })
}

/// Conversion pairs in tables: a yen column and the dollar column after it,
/// each with its unit in the header ("Millions of yen", "Thousands of U.S.
/// dollars"), row by row.
fn table_pairs(doc: &Document) -> Vec<PlacedPair> {
    use crate::model::BlockKind;
    let mut out = Vec::new();
    let mut tables: Vec<Vec<&crate::model::Block>> = Vec::new();
    let mut previous_was_cell = false;
    for block in &doc.blocks {
        match block.kind {
            BlockKind::TableCell { header, .. } => {
                let starts_new = !previous_was_cell
                    || (header
                        && tables.last().and_then(|t| t.last()).is_some_and(|b| {
                            matches!(b.kind, BlockKind::TableCell { header: false, .. })
                        }));
                if starts_new {
                    tables.push(Vec::new());
                }
                if let Some(t) = tables.last_mut() {
                    t.push(block);
                }
                previous_was_cell = true;
            }
            _ => previous_was_cell = false,
        }
    }
    for table in tables {
        let units: Vec<(usize, Currency, Decimal)> = table
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::TableCell {
                    header: true,
                    column,
                    ..
                } if may_name_currency(b.classes) => {
                    column_unit(b.text.as_str()).map(|(c, u)| (column, c, u))
                }
                _ => None,
            })
            .collect();
        // Each dollar column with the nearest yen column before it.
        let column_pairs: Vec<((usize, Decimal), (usize, Decimal))> = units
            .iter()
            .filter(|(_, c, _)| *c == Currency::Usd)
            .filter_map(|&(usd_column, _, usd_unit)| {
                units
                    .iter()
                    .rev()
                    .find(|(col, c, _)| *c == Currency::Jpy && *col < usd_column)
                    .map(|&(yen_column, _, yen_unit)| {
                        ((yen_column, yen_unit), (usd_column, usd_unit))
                    })
            })
            .collect();
        let cell = |row: usize, column: usize| {
            table.iter().find(|b| {
                matches!(b.kind, BlockKind::TableCell { header: false, row: r, column: c } if r == row && c == column)
            })
        };
        let rows: Vec<usize> = {
            let mut r: Vec<usize> = table
                .iter()
                .filter_map(|b| match b.kind {
                    BlockKind::TableCell {
                        header: false, row, ..
                    } => Some(row),
                    _ => None,
                })
                .collect();
            r.dedup();
            r
        };
        for ((yen_column, yen_unit), (usd_column, usd_unit)) in column_pairs {
            for &row in &rows {
                let (Some(yen_cell), Some(usd_cell)) =
                    (cell(row, yen_column), cell(row, usd_column))
                else {
                    continue;
                };
                let (yen_text, usd_text) = (yen_cell.text.as_str(), usd_cell.text.as_str());
                let (Some(yen), Some(usd)) = (
                    cell_amount(yen_text, Currency::Jpy, yen_unit),
                    cell_amount(usd_text, Currency::Usd, usd_unit),
                ) else {
                    continue;
                };
                let usd_span = usd_cell.text.full_span().unwrap_or(usd_cell.span);
                let usd_number_span = {
                    let span = usd_cell.text.source_span(usd.number.clone());
                    (Some(doc.source.slice(span)) == usd_text.get(usd.number.clone()))
                        .then_some(span)
                };
                out.push(PlacedPair {
                    yen_span: yen_cell.text.full_span().unwrap_or(yen_cell.span),
                    usd_span,
                    usd_number_span,
                    yen_text: format!("{yen_text} ({})", unit_words(Currency::Jpy, yen_unit)),
                    usd_text: format!("{usd_text} ({})", unit_words(Currency::Usd, usd_unit)),
                    usd_full_text: usd_text.to_string(),
                    pair: Pair { yen, usd },
                });
            }
        }
    }
    out
}

/// "millions of yen", "thousands of U.S. dollars".
fn unit_words(currency: Currency, unit: Decimal) -> String {
    let size = match unit.to_string().as_str() {
        "1000" => "thousands of ",
        "1000000" => "millions of ",
        "1000000000" => "billions of ",
        "100000000" => "hundreds of millions of ",
        _ => "",
    };
    let name = match currency {
        Currency::Jpy => "yen",
        Currency::Usd => "U.S. dollars",
    };
    format!("{size}{name}")
}

/// The interval of an amount's magnitude.
fn magnitude(a: &Amount, rounding: amounts::Rounding) -> (Decimal, Decimal) {
    let (low, high) = a.interval_under(rounding);
    if a.value.is_sign_negative() {
        (-high, -low)
    } else {
        (low, high)
    }
}

/// The dollar number a yen amount gives at `rate`, written at the precision
/// of `usd` (the digits to put in its place): `89.3`, or `1億500万` in
/// Japanese.
pub fn corrected_number(pair: &Pair, rate: Decimal) -> Option<String> {
    if rate.is_zero() || pair.usd.precision.is_zero() {
        return None;
    }
    let implied = pair.yen.value.abs().checked_div(rate)?;
    let value =
        round(implied.checked_div(pair.usd.precision)?, 0).checked_mul(pair.usd.precision)?;
    if pair.usd.unit.is_zero() {
        return Some(japanese_number(value, pair.usd.decimals));
    }
    Some(group(value / pair.usd.unit, pair.usd.decimals))
}

/// "$88.84–89.68 million" or "1億484万–1億568万ドル": the dollar interval a
/// yen amount allows, one digit finer than the dollar amount is printed.
pub fn implied_text(pair: &Pair, rate: Decimal, rounding: amounts::Rounding) -> String {
    let (low, high) = amounts::implied_under(&pair.yen, rate, rounding);
    let (low, high) = (low.abs().min(high.abs()), low.abs().max(high.abs()));
    if pair.usd.unit.is_zero() {
        let step = pair.usd.precision / Decimal::TEN;
        let at = |v: Decimal| {
            v.checked_div(step)
                .and_then(|steps| round(steps, 0).checked_mul(step))
                .unwrap_or(v)
        };
        return format!(
            "{}–{}ドル",
            japanese_number(at(low), 0),
            japanese_number(at(high), 0)
        );
    }
    let unit = pair.usd.unit;
    let decimals = pair.usd.decimals + 1;
    let word = match unit.to_string().as_str() {
        "1000" => " thousand",
        "1000000" => " million",
        "1000000000" => " billion",
        _ => "",
    };
    format!(
        "${}–{}{word}",
        group(low / unit, decimals),
        group(high / unit, decimals)
    )
}

/// The dollar amount as it should read: the printed text with the corrected number.
pub fn corrected_text(placed: &PlacedPair, number: &str) -> String {
    let written = placed.pair.usd.number.clone();
    let start = written.start.saturating_sub(placed.pair.usd.range.start);
    let end = written.end.saturating_sub(placed.pair.usd.range.start);
    let full = &placed.usd_full_text;
    match (full.get(..start), full.get(end..)) {
        (Some(before), Some(after)) => format!("{before}{number}{after}")
            .trim_matches(['(', ')', ' ', '（', '）'])
            .to_string(),
        _ => number.to_string(),
    }
}

/// A rate as a reader writes it: `¥118.75`.
pub fn rate_text(rate: Decimal) -> String {
    format!("¥{}", rate.normalize())
}

/// A range of rates: `¥119.52–120.50`.
pub fn rate_range_text(low: Decimal, high: Decimal) -> String {
    format!("¥{}–{}", group(low, 2), group(high, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_that_name_a_currency_pass_the_byte_class_test() {
        // Only the Kelvin sign and İ lower-case to ASCII letters (k, i).
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            for lower in c.to_lowercase() {
                assert!(
                    !lower.is_ascii_alphabetic() || matches!(lower, 'i' | 'k'),
                    "{c:?}"
                );
            }
        }
        for header in [
            "Millions of yen",
            "Thousands of U.S. DOLLARS",
            "USD",
            "Us$ m",
            "百万円",
            "千米ドル",
            "JPY bn",
            "Quarter",
            "",
        ] {
            if column_unit(header).is_some() {
                assert!(may_name_currency(ByteClasses::of(header)), "{header}");
            }
        }
        assert!(!may_name_currency(ByteClasses::of("Quarter")));
    }

    #[test]
    fn corrections_keep_the_printed_precision() {
        let text = "JPY10.6 billion ($91.0 million)";
        let pair = amounts::pairs(text, &amounts::all(text)).remove(0);
        let rate = Decimal::new(11875, 2);
        assert_eq!(corrected_number(&pair, rate).as_deref(), Some("89.3"));
        assert_eq!(
            implied_text(&pair, rate, amounts::Rounding::Round),
            "$88.84–89.68 million"
        );
        let ja = "125億円（1億1,500万米ドル）";
        let pair = amounts::pairs(ja, &amounts::all(ja)).remove(0);
        assert_eq!(corrected_number(&pair, rate).as_deref(), Some("1億500万"));
        assert_eq!(
            implied_text(&pair, rate, amounts::Rounding::Round),
            "1億480万–1億570万ドル"
        );
    }
}
