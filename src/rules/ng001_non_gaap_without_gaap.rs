//! `NG001` non-gaap-without-gaap: a non-GAAP measure (EBITDA, adjusted
//! operating income, free cash flow, a figure marked `non_gaap: true`) shown
//! before its most directly comparable GAAP measure, or without a
//! reconciliation — what Regulation G and Item 10(e) of Regulation S-K
//! require of a public company's release.

use crate::claims;
use crate::diagnostics::{Diagnostic, Severity};
use crate::draft::figures::Figure;
use crate::model::{BlockKind, Document};
use crate::rules::RuleInfo;
use crate::text::ByteClasses;

/// `NG001`: a non-GAAP measure without its GAAP counterpart or reconciliation.
pub static RULE: RuleInfo = RuleInfo {
    code: "NG001",
    name: "non-gaap-without-gaap",
    summary: "A non-GAAP measure is shown before its comparable GAAP measure, or without a reconciliation.",
    default_severity: Severity::Warning,
    doc: include_str!("../../book/src/rules/NG001.md"),
    check: Some(check),
};

/// Non-GAAP measures relkit knows by name, each with the GAAP measures
/// that are most directly comparable.
const KNOWN: &[(&str, &[&str])] = &[
    ("adjusted ebitda", EARNINGS),
    ("ebitda", EARNINGS),
    ("adjusted operating income", OPERATING),
    ("adjusted operating profit", OPERATING),
    (
        "adjusted net income",
        &["net income", "net loss", "当期純利益"],
    ),
    ("free cash flow", OPERATING_CASH),
    ("調整後営業利益", OPERATING),
    ("フリー・キャッシュ・フロー", OPERATING_CASH),
    ("フリーキャッシュフロー", OPERATING_CASH),
];

/// GAAP earnings measures (for EBITDA and its kin).
const EARNINGS: &[&str] = &[
    "operating income",
    "operating loss",
    "operating profit",
    "net income",
    "net loss",
    "営業利益",
    "営業損失",
    "当期純利益",
];

/// GAAP operating income (for adjusted operating income).
const OPERATING: &[&str] = &[
    "operating income",
    "operating profit",
    "operating loss",
    "営業利益",
    "営業損失",
];

/// GAAP operating cash flow (for free cash flow).
const OPERATING_CASH: &[&str] = &[
    "cash flows from operating activities",
    "cash provided by operating activities",
    "net cash provided by operating activities",
    "営業活動によるキャッシュ・フロー",
];

/// A non-GAAP measure named in the release.
struct Measure<'a> {
    /// The name as relkit knows it (lower case).
    name: String,
    /// Lower-case names of the comparable GAAP measures.
    gaap: Vec<String>,
    /// The figure declaring it, if any.
    figure: Option<&'a Figure>,
}

fn measures(doc: &Document) -> Vec<Measure<'_>> {
    let mut out: Vec<Measure<'_>> = KNOWN
        .iter()
        .map(|(name, gaap)| Measure {
            name: name.to_string(),
            gaap: gaap.iter().map(|g| g.to_string()).collect(),
            figure: None,
        })
        .collect();
    let Some(figures) = &doc.figures else {
        return out;
    };
    for figure in figures.figures.iter().filter(|f| f.non_gaap) {
        let label = figure.label().to_lowercase();
        let gaap: Vec<String> = figure
            .reconciles_to
            .as_ref()
            .and_then(|r| figures.get(&r.value))
            .map(claims::terms)
            .unwrap_or_default();
        match out.iter_mut().find(|m| m.name == label) {
            Some(m) => {
                m.figure = Some(figure);
                m.gaap.extend(gaap);
            }
            None => out.push(Measure {
                name: label,
                gaap,
                figure: Some(figure),
            }),
        }
    }
    // Longest names first, so "adjusted ebitda" is found before "ebitda".
    out.sort_by_key(|m| std::cmp::Reverse(m.name.len()));
    out
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let measures = measures(doc);
    // Built only when a measure is first reported (rare).
    let mut reconciliation_table: Option<Vec<String>> = None;
    let mut reported: Vec<String> = Vec::new();
    // One automaton finds every measure name; most blocks name none. The
    // names are lower case and each block is searched with its ASCII letters
    // lower-cased, which finds what a search ignoring ASCII case finds in the
    // block, and lets the automaton use its fast (SIMD) prefilter.
    let Ok(finder) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(measures.iter().map(|m| m.name.as_str()))
    else {
        return;
    };
    // A block can name a measure only if it has every kind of byte of the name.
    let needed: Vec<ByteClasses> = measures.iter().map(|m| ByteClasses::of(&m.name)).collect();
    let mut folded = String::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        // Table cells are never reported (a reconciliation table names both).
        if matches!(block.kind, BlockKind::TableCell { .. }) {
            continue;
        }
        if !needed.iter().any(|n| block.classes.may_contain_classes(*n)) {
            continue;
        }
        let text = block.text.as_str();
        folded.clear();
        folded.push_str(text);
        folded.make_ascii_lowercase();
        if !finder.is_match(&folded) {
            continue;
        }
        // Only a measure not reported yet needs a closer look.
        let fresh = finder.find_iter(&folded).any(|m| {
            measures
                .get(m.pattern().as_usize())
                .is_some_and(|measure| !reported.contains(&measure.name))
        });
        if !fresh {
            continue;
        }
        let lower = text.to_lowercase();
        // Everything before this block, lower-cased, for the GAAP-first test;
        // built only for a measure's first mention.
        let before = || -> String {
            doc.blocks
                .iter()
                .take(index)
                .map(|b| b.text.as_str().to_lowercase())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for measure in &measures {
            let Some(at) = lower.find(&measure.name) else {
                continue;
            };
            let range = at..at + measure.name.len();
            if taken
                .iter()
                .any(|t| t.start < range.end && range.start < t.end)
            {
                continue;
            }
            taken.push(range.clone());
            if reported.contains(&measure.name) || matches!(block.kind, BlockKind::TableCell { .. })
            {
                continue;
            }
            reported.push(measure.name.clone());
            let seen = format!("{} {}", before(), lower.get(..at).unwrap_or(""));
            let gaap_first = measure.gaap.iter().any(|g| seen.contains(g.as_str()));
            let reconciled = measure.figure.is_some_and(|f| f.reconciles_to.is_some())
                || reconciliation_table
                    .get_or_insert_with(|| has_reconciliation_table(doc, &measures))
                    .contains(&measure.name);
            if gaap_first && reconciled {
                continue;
            }
            let shown = text.get(range.clone()).unwrap_or(&measure.name);
            let reconcile = match measure.figure {
                Some(f) => format!(
                    "add `reconciles_to:` with the GAAP figure to `{}` in the figures block",
                    f.id.value
                ),
                None => format!(
                    "declare `{shown}` in the figures block with `non_gaap: true` and `reconciles_to:` the GAAP figure"
                ),
            };
            // Name the GAAP measure in the language the measure is written in.
            let japanese = crate::fls::is_japanese(shown);
            let gaap_name = measure
                .gaap
                .iter()
                .find(|g| crate::fls::is_japanese(g) == japanese)
                .or(measure.gaap.first())
                .map_or("the comparable GAAP measure", String::as_str);
            let (message, help) = match (gaap_first, reconciled) {
                (false, false) => (
                    format!(
                        "`{shown}` is a non-GAAP measure shown before its comparable GAAP measure and without a reconciliation"
                    ),
                    format!(
                        "present {gaap_name} first, with equal or greater prominence, and {reconcile}"
                    ),
                ),
                (false, true) => (
                    format!(
                        "`{shown}` is a non-GAAP measure shown before its comparable GAAP measure"
                    ),
                    format!("present {gaap_name} first, with equal or greater prominence"),
                ),
                _ => (
                    format!(
                        "`{shown}` is a non-GAAP measure without a reconciliation to its GAAP measure"
                    ),
                    format!("{reconcile}, or add a reconciliation table"),
                ),
            };
            out.push(
                Diagnostic::new(&RULE, block.text.source_span(range), message).with_help(format!(
                    "{help} (Regulation G; Item 10(e) of Regulation S-K)"
                )),
            );
        }
    }
}

/// Measures that appear in a table together with one of their GAAP measures:
/// a reconciliation table.
fn has_reconciliation_table(doc: &Document, measures: &[Measure<'_>]) -> Vec<String> {
    let cells: String = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::TableCell { .. }))
        .map(|b| b.text.as_str().to_lowercase())
        .collect::<Vec<_>>()
        .join(" | ");
    measures
        .iter()
        .filter(|m| cells.contains(&m.name) && m.gaap.iter().any(|g| cells.contains(g.as_str())))
        .map(|m| m.name.clone())
        .collect()
}
