//! `FIG003` change-contradicts-figures: a stated change ("an increase of 6.3%
//! YoY", "up 12% from the previous quarter", 前年同期比6.3%増) that the
//! figures block contradicts at the printed precision. Year on year compares
//! with the same period a year earlier; quarter on quarter with the quarter
//! before.

use crate::claims;
use crate::diagnostics::{Diagnostic, Fix, Severity};
use crate::draft::format::{group, parse_decimal};
use crate::model::Document;
use crate::rules::RuleInfo;
use regex::Regex;
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// `FIG003`: a claimed change the figures contradict.
pub static RULE: RuleInfo = RuleInfo {
    code: "FIG003",
    name: "change-contradicts-figures",
    summary: "A stated change (YoY or QoQ) contradicts the change computed from the figures block.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FIG003.md"),
    check: Some(check),
};

const PERCENT: &str = r"(?P<number>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s?(?:%|％|percent|per cent)";

static ENGLISH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)
        (?P<word>increase|increased|rise|rose|growth|grew|gain|gained|up|higher|decrease|decreased|decline|declined|drop|dropped|fall|fell|down|lower)
        (?:\s(?:of|by))?\s(?:approximately\s|about\s|some\s)?{PERCENT}
        (?:\s(?:from\sthe\s(?:same\s(?:period|quarter)\s(?:of|in|a)\s(?:the\s)?(?:previous|prior|last)\s(?:fiscal\s)?year|previous\squarter|prior\squarter|preceding\squarter)
            |(?P<yoy>yoy|year[-\s]on[-\s]year|year[-\s]over[-\s]year)
            |(?P<qoq>qoq|quarter[-\s]on[-\s]quarter|quarter[-\s]over[-\s]quarter|sequentially)))"
    ))
    .ok()
});

static JAPANESE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<kind>前年同期比|前年比|前期比|前四半期比|前年同四半期比)\s?(?:約)?{PERCENT}(?P<word>増|減|の増加|の減少|増加|減少|の増|の減)"
    ))
    .ok()
});

/// Year on year or quarter on quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comparison {
    YearOnYear,
    QuarterOnQuarter,
}

/// A change stated in a sentence.
struct Claim {
    number: std::ops::Range<usize>,
    percent: Decimal,
    decimals: u32,
    negative: bool,
    comparison: Comparison,
    start: usize,
}

fn claims_in(text: &str) -> Vec<Claim> {
    let mut out = Vec::new();
    // Every English claim names its comparison (YoY, year, quarter,
    // sequentially); every Japanese one has 比.
    let has = |word: &str| crate::text::contains_ignore_ascii_case(text, word);
    let english = has("yoy") || has("year") || has("quarter") || has("qoq") || has("sequential");
    if !english && !text.contains('比') {
        return out;
    }
    if let Some(re) = ENGLISH.as_ref().filter(|_| english) {
        for c in re.captures_iter(text) {
            let (Some(whole), Some(n), Some(word)) = (c.get(0), c.name("number"), c.name("word"))
            else {
                continue;
            };
            let lower = whole.as_str().to_lowercase();
            let comparison = if c.name("qoq").is_some()
                || lower.contains("quarter") && !lower.contains("year")
            {
                Comparison::QuarterOnQuarter
            } else {
                Comparison::YearOnYear
            };
            let negative = matches!(
                word.as_str().to_lowercase().as_str(),
                "decrease"
                    | "decreased"
                    | "decline"
                    | "declined"
                    | "drop"
                    | "dropped"
                    | "fall"
                    | "fell"
                    | "down"
                    | "lower"
            );
            if let Some(claim) = claim(n, negative, comparison, whole.start()) {
                out.push(claim);
            }
        }
    }
    // Every Japanese claim's comparison ends in 比.
    if let Some(re) = JAPANESE.as_ref().filter(|_| text.contains('比')) {
        for c in re.captures_iter(text) {
            let (Some(whole), Some(n), Some(word), Some(kind)) =
                (c.get(0), c.name("number"), c.name("word"), c.name("kind"))
            else {
                continue;
            };
            let comparison = if kind.as_str() == "前四半期比" {
                Comparison::QuarterOnQuarter
            } else {
                Comparison::YearOnYear
            };
            let negative = word.as_str().contains('減');
            if let Some(claim) = claim(n, negative, comparison, whole.start()) {
                out.push(claim);
            }
        }
    }
    out
}

fn claim(
    n: regex::Match<'_>,
    negative: bool,
    comparison: Comparison,
    start: usize,
) -> Option<Claim> {
    let percent = parse_decimal(n.as_str())?;
    let decimals = n
        .as_str()
        .replace('．', ".")
        .split_once('.')
        .map_or(0, |(_, f)| u32::try_from(f.len()).unwrap_or(0));
    Some(Claim {
        number: n.range(),
        percent,
        decimals,
        negative,
        comparison,
        start,
    })
}

/// Whether `text` has `%` or `％`, with SIMD byte searches (most blocks have
/// neither).
fn has_percent_sign(text: &str) -> bool {
    // One byte search for `%` and the lead byte of `％` (EF BC 85).
    let b = text.as_bytes();
    memchr::memchr2_iter(b'%', 0xEF, b)
        .any(|at| b.get(at) == Some(&b'%') || b.get(at..at + 3) == Some("％".as_bytes()))
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(figures) = &doc.figures else { return };
    let context = claims::context_periods(doc);
    let figure_terms = claims::FigureTerms::shared(doc);
    for (index, block) in doc.blocks.iter().enumerate() {
        let text = block.text.as_str();
        // `%`, `％` (lead byte 0xEF) or the word.
        let classes = block.classes;
        let sign = (classes.may_have(b'%') || classes.may_have(0xEF)) && has_percent_sign(text);
        let percent = sign
            || (classes.may_contain("percent")
                && crate::text::contains_ignore_ascii_case(text, "percent"));
        if !percent {
            continue;
        }
        let mentions = claims::mentions(text, figures, &figure_terms);
        if mentions.is_empty() {
            continue;
        }
        for claim in claims_in(text) {
            // The figure named before the claim in the same sentence.
            let sentence = block
                .sentences()
                .iter()
                .find(|r| r.contains(&claim.start))
                .cloned()
                .unwrap_or(0..text.len());
            let Some(mention) = mentions
                .iter()
                .rev()
                .find(|m| m.end <= claim.start && m.start >= sentence.start)
            else {
                continue;
            };
            let figure = mention.figure;
            let period = claims::period_near(text, mention.start, figure)
                .map(str::to_string)
                .or_else(|| context.get(index).map(str::to_string));
            let Some(period) = period else { continue };
            let earlier = match claim.comparison {
                Comparison::YearOnYear => claims::year_earlier(&period),
                Comparison::QuarterOnQuarter => claims::quarter_earlier(&period),
            };
            let Some(earlier) = earlier else { continue };
            let (Some((now_low, now_high)), Some((then_low, then_high))) = (
                claims::value_interval(figure, &period),
                claims::value_interval(figure, &earlier),
            ) else {
                continue;
            };
            if then_low != then_high || then_low.is_zero() {
                continue;
            }
            let hundred = Decimal::ONE_HUNDRED;
            // Relative to a tiny earlier value the change may be too large
            // to compute: no claim can be checked against it.
            let change = |now: Decimal| {
                (now - then_low)
                    .checked_div(then_low.abs())?
                    .checked_mul(hundred)
            };
            let (Some(change_low), Some(change_high)) = (change(now_low), change(now_high)) else {
                continue;
            };
            let claimed = if claim.negative {
                -claim.percent
            } else {
                claim.percent
            };
            let half = Decimal::new(5, claim.decimals + 1);
            // Trailing zeros of a whole percentage may be rounded ("10%").
            let half = if claim.decimals == 0
                && claim.percent >= Decimal::TEN
                && (claim.percent % Decimal::TEN).is_zero()
            {
                Decimal::from(5)
            } else {
                half
            };
            let (claim_low, claim_high) = (claimed - half, claimed + half);
            if claim_low <= change_high && change_low < claim_high {
                continue;
            }
            let signed = |d: Decimal| {
                let text = group(d, claim.decimals.max(1));
                if d.is_sign_negative() {
                    text
                } else {
                    format!("+{text}")
                }
            };
            let computed = if change_low == change_high {
                format!("{}%", signed(change_low))
            } else {
                format!("{}% to {}%", signed(change_low), signed(change_high))
            };
            let kind = match claim.comparison {
                Comparison::YearOnYear => "year on year",
                Comparison::QuarterOnQuarter => "quarter on quarter",
            };
            let mut d = Diagnostic::new(
                &RULE,
                block.text.source_span(claim.number.clone()),
                format!(
                    "the figures block gives a change of {computed} in {} {kind} ({earlier} to {period}), but the text says {}{}%",
                    figure.label(),
                    if claim.negative { "-" } else { "+" },
                    claim.percent
                ),
            )
            .with_help("correct the percentage, or the figures behind it");
            let direction_agrees =
                (change_low.is_sign_negative() && change_high.is_sign_negative()) == claim.negative;
            if let (Some(span), true, true) = (
                claims::hand_typed(doc, block, claim.number.clone()),
                change_low == change_high,
                direction_agrees,
            ) {
                let number = group(change_low.abs(), claim.decimals);
                d = d.with_fix(Fix::replace(format!("write {number}%"), span, number));
            }
            out.push(d);
        }
    }
}
