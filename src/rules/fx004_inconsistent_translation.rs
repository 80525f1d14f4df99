//! `FX004` inconsistent-translation: within one section of the release some
//! yen amounts carry a US-dollar translation and others, typed by hand, do
//! not. Thresholds ("more than JPY5 billion", 50億円を超える) and amounts rendered from
//! figures whose translation is switched off are not counted.

use crate::amounts::{self, Amount};
use crate::claims;
use crate::diagnostics::{Diagnostic, Severity, plural};
use crate::draft::format::Currency;
use crate::model::{BlockKind, Document};
use crate::rules::RuleInfo;
use crate::source::Span;
use std::collections::HashSet;

/// `FX004`: mixed translated and untranslated yen amounts in a section.
pub static RULE: RuleInfo = RuleInfo {
    code: "FX004",
    name: "inconsistent-translation",
    summary: "In one section some yen amounts have a dollar translation and others do not.",
    default_severity: Severity::Warning,
    doc: include_str!("../../book/src/rules/FX004.md"),
    check: Some(check),
};

/// Words before an amount that make it a threshold, not a result.
const THRESHOLDS: &[&str] = &[
    "more than",
    "less than",
    "over",
    "under",
    "above",
    "below",
    "in excess of",
    "exceeding",
    "exceeded",
    "surpassed",
    "surpass",
    "at least",
    "up to",
    "nearly",
    "almost",
    "beyond",
];

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let mut section: Vec<(Span, String)> = Vec::new();
    let mut translated = 0usize;
    let flush = |untranslated: &mut Vec<(Span, String)>,
                 translated: &mut usize,
                 out: &mut Vec<Diagnostic>| {
        if *translated > 0
            && let Some((span, text)) = untranslated.first()
        {
            out.push(
                    Diagnostic::new(
                        &RULE,
                        *span,
                        format!(
                            "`{text}` has no dollar translation, but {} in this section {}",
                            plural(*translated, "other yen amount"),
                            if *translated == 1 { "has one" } else { "have one" }
                        ),
                    )
                    .with_label(if untranslated.len() > 1 {
                        format!("and {} more without", untranslated.len() - 1)
                    } else {
                        "no translation".to_string()
                    })
                    .with_help("add the translation in parentheses, or use a figure reference (`{{ figure.period }}`), which adds it at the release's rate; if the section is meant to mix them, switch FX004 off in relkit.toml"),
                );
        }
        untranslated.clear();
        *translated = 0;
    };
    let block_amounts = amounts::BlockAmounts::shared(doc);
    // The pairs and rate statements, as the FX rules read them.
    let translations = crate::fx::Translations::shared(doc);
    // Looked up once per yen amount: index them (sorted, searched by
    // halves) instead of scanning every pair and rate of the release each time.
    let mut translated_yen: Vec<Span> = translations.pairs.iter().map(|p| p.yen_span).collect();
    translated_yen.sort_unstable();
    let mut rate_spans: Vec<Span> = translations.rates.iter().filter_map(|r| r.span).collect();
    rate_spans.sort_unstable();
    let mut listed: HashSet<Span> = HashSet::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        if matches!(block.kind, BlockKind::Heading(_)) {
            flush(&mut section, &mut translated, out);
            listed.clear();
            continue;
        }
        if matches!(block.kind, BlockKind::TableCell { .. }) {
            continue;
        }
        let text = block.text.as_str();
        let found = block_amounts.of_block(index);
        if found.is_empty() {
            continue;
        }
        for amount in found.iter().filter(|a| a.currency == Currency::Jpy) {
            let place = block.text.source_span(amount.range.clone());
            // "¥118.75 = US$1" states the rate; it is not an amount to translate.
            if within_any(&rate_spans, place) {
                continue;
            }
            if translated_yen.binary_search(&place).is_ok() {
                translated += 1;
                continue;
            }
            if is_threshold(text, amount) {
                continue;
            }
            // Rendered from a figure reference: its translation was chosen there.
            let Some(span) = claims::hand_typed(doc, block, amount.range.clone()) else {
                continue;
            };
            if listed.insert(span) {
                section.push((
                    span,
                    text.get(amount.range.clone()).unwrap_or("").to_string(),
                ));
            }
        }
    }
    flush(&mut section, &mut translated, out);
}

/// Whether `place` lies inside one of `spans` (sorted, not overlapping).
fn within_any(spans: &[Span], place: Span) -> bool {
    let after = spans.partition_point(|s| s.start <= place.start);
    after
        .checked_sub(1)
        .and_then(|i| spans.get(i))
        .is_some_and(|s| place.end <= s.end)
}

/// Words after a Japanese amount that make it a threshold: 100億円を超え,
/// 50億円超, 3億円以上, 1億円未満.
const THRESHOLDS_AFTER: &[&str] = &["を超", "超", "以上", "未満", "を上回", "を下回", "近く"];

fn is_threshold(text: &str, amount: &Amount) -> bool {
    let before = text.get(..amount.range.start).unwrap_or("").trim_end();
    let after = text.get(amount.range.end..).unwrap_or("");
    THRESHOLDS
        .iter()
        .any(|t| crate::text::ends_with_ignore_ascii_case(before, t))
        || THRESHOLDS_AFTER.iter().any(|t| after.starts_with(t))
}
