//! What the prose says about the figures: which figure a sentence talks
//! about ("Total revenues", "operating loss", 売上高), for which period
//! ("3Q02" in the sentence, or an "**In 3Q02:**" line above it), and the
//! periods to compare with (a year earlier, the previous quarter). The
//! `FIG002`, `FIG003`, `NG001` rules share this reading.

use crate::draft::figures::{Amount as Value, Figure, Figures};
use crate::model::{Block, BlockKind, Document};
use crate::source::Span;
use crate::text::ByteClasses;
use rust_decimal::Decimal;

/// Words that name the same measure as a figure's label.
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "revenue",
        &[
            "total revenues",
            "revenues",
            "revenue",
            "net sales",
            "sales",
            "売上高",
            "売上収益",
            "営業収益",
        ],
    ),
    (
        "operating income",
        &[
            "operating income",
            "operating profit",
            "operating loss",
            "営業利益",
            "営業損失",
            "営業損益",
        ],
    ),
    (
        "net income",
        &[
            "net income",
            "net profit",
            "net loss",
            "当期純利益",
            "当期純損失",
            "純利益",
        ],
    ),
    ("ebitda", &["ebitda"]),
];

/// The lower-case terms that name `figure` in prose: its label, its id in
/// words, and the synonyms of the measure it names. Longest first.
pub fn terms(figure: &Figure) -> Vec<String> {
    let label = figure.label().to_lowercase();
    let id = figure.id.value.replace('_', " ").to_lowercase();
    let mut out = vec![label.clone(), id.clone()];
    if let Some(stripped) = label.strip_prefix("total ") {
        out.push(stripped.to_string());
    }
    // "(loss)" in a label such as "Operating income (loss)".
    if let Some((before, _)) = label.split_once(" (") {
        out.push(before.to_string());
    }
    let adjusted = label.contains("adjusted") || id.contains("adjusted");
    for (key, words) in SYNONYMS {
        // "Adjusted EBITDA" is not "EBITDA"; a growth rate is not the revenue itself.
        if (label.contains(key) || id.contains(key)) && !adjusted && figure_is_amount(figure) {
            out.extend(words.iter().map(|w| w.to_string()));
        }
    }
    out.retain(|t| !t.trim().is_empty());
    out.sort_by_key(|t| std::cmp::Reverse(t.len()));
    out.dedup();
    out
}

fn figure_is_amount(figure: &Figure) -> bool {
    matches!(figure.unit, crate::draft::figures::Unit::Money(_))
}

/// A mention of a figure in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention<'a> {
    /// The figure.
    pub figure: &'a Figure,
    /// Byte range of the term in the text.
    pub start: usize,
    /// End of the term.
    pub end: usize,
}

/// Every term of every money figure in one automaton, built once per
/// document: (figure index, term) per pattern.
pub struct FigureTerms {
    finder: Option<aho_corasick::AhoCorasick>,
    figure_of_pattern: Vec<usize>,
}

impl FigureTerms {
    /// The document's figure terms, shared by the rules.
    pub fn shared(doc: &Document) -> std::sync::Arc<FigureTerms> {
        doc.analysis(|doc| {
            let mut patterns = Vec::new();
            let mut figure_of_pattern = Vec::new();
            if let Some(figures) = &doc.figures {
                for (i, figure) in figures.figures.iter().enumerate() {
                    if !figure_is_amount(figure) {
                        continue;
                    }
                    for term in terms(figure) {
                        patterns.push(term);
                        figure_of_pattern.push(i);
                    }
                }
            }
            // The terms are lower case and [`mentions`] searches texts with
            // their ASCII letters lower-cased: the same matches as a search
            // ignoring ASCII case, with the automaton's fast prefilter.
            let finder = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .ok();
            FigureTerms {
                finder,
                figure_of_pattern,
            }
        })
    }
}

/// Every mention of a money figure in `text` (the longest term wins where
/// terms overlap), in order, as whole words.
pub fn mentions<'a>(text: &str, figures: &'a Figures, terms: &FigureTerms) -> Vec<Mention<'a>> {
    let Some(finder) = &terms.finder else {
        return Vec::new();
    };
    let bytes = text.as_bytes();
    let folded = text.to_ascii_lowercase();
    finder
        .find_iter(&folded)
        .filter_map(|m| {
            let figure_index = *terms.figure_of_pattern.get(m.pattern().as_usize())?;
            let figure = figures.figures.get(figure_index)?;
            let before_ok = m.start() == 0
                || bytes
                    .get(m.start() - 1)
                    .is_none_or(|b| !b.is_ascii_alphanumeric());
            let after_ok = bytes
                .get(m.end())
                .is_none_or(|b| !b.is_ascii_alphanumeric());
            (before_ok && after_ok).then_some(Mention {
                figure,
                start: m.start(),
                end: m.end(),
            })
        })
        .collect()
}

/// The period an amount at byte `at` of `text` belongs to: a period of the
/// figure named in the same clause (between `;` or `。`), the nearest before
/// the amount, else the first after it — but not one that is compared with
/// ("unchanged from 2Q02", "vs. 3Q01", "前年同期").
pub fn period_near<'a>(text: &str, at: usize, figure: &'a Figure) -> Option<&'a str> {
    let clause_start = text
        .get(..at)
        .and_then(|b| b.rfind([';', '。', '；']))
        .map_or(0, |i| i + 1);
    let clause_end = text
        .get(at..)
        .and_then(|a| a.find([';', '。', '；']))
        .map_or(text.len(), |i| at + i);
    let clause = text.get(clause_start..clause_end)?;
    let mut candidates: Vec<(usize, &'a str)> = Vec::new();
    for v in &figure.values {
        let p = v.period.value.as_str();
        for position in word_positions(clause, p) {
            let before = clause.get(..position).unwrap_or("").trim_end();
            let compared = [
                "from",
                "than",
                "vs.",
                "vs",
                "versus",
                "compared with",
                "compared to",
                "against",
                "over",
                "since",
                "on",
            ]
            .iter()
            .any(|w| crate::text::ends_with_ignore_ascii_case(before, w));
            if !compared {
                candidates.push((clause_start + position, p));
            }
        }
    }
    candidates.sort_by_key(|(position, _)| *position);
    candidates
        .iter()
        .rev()
        .find(|(position, _)| *position < at)
        .or_else(|| candidates.iter().find(|(position, _)| *position > at))
        .map(|(_, p)| *p)
}

/// Where `word` stands as a whole word in `text`, as [`word_starts`] finds
/// it, but without building a `memmem::Finder` per call: `period_near`
/// searches short clauses for a few short periods, where building the
/// finder cost more than the search. The occurrences are the same (the
/// leftmost, then the leftmost after its end: non-overlapping).
fn word_positions(text: &str, word: &str) -> Vec<usize> {
    let (bytes, needle) = (text.as_bytes(), word.as_bytes());
    let Some(&first) = needle.first() else {
        // An empty word is found everywhere; rare enough for the finder.
        return word_starts(text, word, &memchr::memmem::Finder::new(word)).collect();
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = bytes
        .get(from..)
        .and_then(|rest| memchr::memchr(first, rest))
        .map(|i| from + i)
    {
        let end = at + needle.len();
        if bytes.get(at..end) != Some(needle) {
            from = at + 1;
            continue;
        }
        let before = at
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric);
        let after = bytes.get(end).is_some_and(u8::is_ascii_alphanumeric);
        if !before && !after {
            out.push(at);
        }
        from = end;
    }
    out
}

/// Where `word` (found by `finder`) stands as a whole word in `text`: the
/// non-overlapping occurrences with no ASCII letter or digit on either side.
fn word_starts<'a>(
    text: &'a str,
    word: &'a str,
    finder: &'a memchr::memmem::Finder<'_>,
) -> impl Iterator<Item = usize> + 'a {
    let bytes = text.as_bytes();
    finder.find_iter(bytes).filter(move |&start| {
        let end = start + word.len();
        // The bytes next to a whole match are ASCII or start or end a
        // multi-byte character, which is never an ASCII letter or digit.
        let before = start
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric);
        let after = bytes.get(end).is_some_and(u8::is_ascii_alphanumeric);
        !before && !after
    })
}

/// For each block, the period its heading or lead-in line names ("## 3Q02
/// Highlights", "**In 3Q02:**"), when it names exactly one. Computed once per
/// document.
pub fn context_periods(doc: &Document) -> std::sync::Arc<ContextPeriods> {
    doc.analysis(compute_context_periods)
}

/// The period that each block's heading or lead-in line names.
#[derive(Debug, Clone, Default)]
pub struct ContextPeriods {
    /// Every period of the figures block, sorted.
    periods: Vec<String>,
    /// For each block, its period's index in `periods`.
    of_block: Vec<Option<usize>>,
}

impl ContextPeriods {
    /// The period block `index` sits under, if one is named.
    pub fn get(&self, index: usize) -> Option<&str> {
        let period = self.of_block.get(index).copied().flatten()?;
        self.periods.get(period).map(String::as_str)
    }
}

fn compute_context_periods(doc: &Document) -> ContextPeriods {
    let Some(figures) = &doc.figures else {
        return ContextPeriods {
            periods: Vec::new(),
            of_block: vec![None; doc.blocks.len()],
        };
    };
    let all_periods: Vec<&str> = {
        let mut p: Vec<&str> = figures
            .figures
            .iter()
            .flat_map(|f| f.values.iter().map(|v| v.period.value.as_str()))
            .collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let finders: Vec<memchr::memmem::Finder<'_>> = all_periods
        .iter()
        .map(memchr::memmem::Finder::new)
        .collect();
    let needed: Vec<ByteClasses> = all_periods.iter().map(|p| ByteClasses::of(p)).collect();
    // The index of the one period a block names (not searched for when the
    // block lacks one of its kinds of byte).
    let named = |block: &Block| -> Option<usize> {
        let text = block.text.as_str();
        let mut found = all_periods
            .iter()
            .zip(&finders)
            .zip(&needed)
            .enumerate()
            .filter(|(_, ((p, finder), needed))| {
                block.classes.may_contain_classes(**needed)
                    && word_starts(text, p, finder).next().is_some()
            })
            .map(|(i, _)| i);
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    };
    let mut of_block = Vec::with_capacity(doc.blocks.len());
    let mut current: Option<usize> = None;
    for block in &doc.blocks {
        let text = block.text.as_str();
        match block.kind {
            BlockKind::Heading(_) => current = named(block),
            BlockKind::Paragraph if is_lead_in(text) => current = named(block),
            _ => {}
        }
        of_block.push(current);
    }
    ContextPeriods {
        periods: all_periods.iter().map(|p| p.to_string()).collect(),
        of_block,
    }
}

/// A short line that introduces what follows: "In 3Q02:", "For FY2002:".
fn is_lead_in(text: &str) -> bool {
    let t = text.trim();
    (t.ends_with(':') || t.ends_with('：')) && t.chars().count() <= 40
}

/// The period a year before `period` ("3Q02" → "3Q01", "FY2002" → "FY2001",
/// "1H03" → "1H02").
pub fn year_earlier(period: &str) -> Option<String> {
    let (prefix, year) = split_year(period)?;
    Some(format!("{prefix}{}", previous_year(year)?))
}

/// The quarter before `period` ("3Q02" → "2Q02", "1Q03" → "4Q02").
pub fn quarter_earlier(period: &str) -> Option<String> {
    let (prefix, year) = split_year(period)?;
    let quarter: u32 = prefix.strip_suffix('Q')?.parse().ok()?;
    match quarter {
        1 => Some(format!("4Q{}", previous_year(year)?)),
        2..=4 => Some(format!("{}Q{year}", quarter - 1)),
        _ => None,
    }
}

/// "02" → "01", "00" → "99", "2002" → "2001".
fn previous_year(year: &str) -> Option<String> {
    let width = year.len();
    let n: u32 = year.parse().ok()?;
    let previous = if width == 2 {
        (n + 99) % 100
    } else {
        n.checked_sub(1)?
    };
    Some(format!("{previous:0width$}"))
}

/// How a period sorts and which series it belongs to: (kind, year, index)
/// with kind 0 for quarters, 1 for halves, 2 for fiscal years.
pub fn period_key(period: &str) -> Option<(u8, u32, u32)> {
    let (prefix, year) = split_year(period)?;
    let n: u32 = year.parse().ok()?;
    // Two-digit years: 98 is 1998, 02 is 2002.
    let year = if year.len() == 2 {
        if n >= 70 { 1900 + n } else { 2000 + n }
    } else {
        n
    };
    if prefix == "FY" {
        return Some((2, year, 0));
    }
    let index: u32 = prefix.get(..1)?.parse().ok()?;
    Some((if prefix.ends_with('Q') { 0 } else { 1 }, year, index))
}

/// The periods to show side by side in a table or chart: the quarters when
/// there are any (else the halves, else the fiscal years), in time order.
/// Periods relkit cannot read keep their order when nothing else is known.
pub fn series<'a>(periods: &[&'a str]) -> Vec<&'a str> {
    let keyed: Vec<(&'a str, (u8, u32, u32))> = periods
        .iter()
        .filter_map(|p| period_key(p).map(|k| (*p, k)))
        .collect();
    let Some(kind) = keyed.iter().map(|(_, k)| k.0).min() else {
        return periods.to_vec();
    };
    let mut chosen: Vec<(&'a str, (u8, u32, u32))> =
        keyed.into_iter().filter(|(_, k)| k.0 == kind).collect();
    chosen.sort_by_key(|(_, k)| *k);
    chosen.into_iter().map(|(p, _)| p).collect()
}

/// "3Q02" → ("3Q", "02"); "FY2002" → ("FY", "2002"); "1H03" → ("1H", "03").
fn split_year(period: &str) -> Option<(&str, &str)> {
    let digits_at = period.len()
        - period
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
    let (prefix, year) = (period.get(..digits_at)?, period.get(digits_at..)?);
    let known = prefix == "FY"
        || (prefix.len() == 2
            && prefix.ends_with(['Q', 'H'])
            && prefix.starts_with(|c: char| c.is_ascii_digit()));
    (known && matches!(year.len(), 2 | 4)).then_some((prefix, year))
}

/// A figure's value for a period as an interval in currency units (or
/// percent points): an exact value is a point, a range its two ends.
pub fn value_interval(figure: &Figure, period: &str) -> Option<(Decimal, Decimal)> {
    let v = figure.value(period)?;
    let factor = figure.scale.factor();
    Some(match v.amount {
        Value::Exact(d) => (d * factor, d * factor),
        Value::Range { low, high } => (low * factor, high * factor),
    })
}

/// Whether a block's text at `range` was typed by hand (not rendered from a
/// figure reference), so that it can be checked and fixed.
pub fn hand_typed(doc: &Document, block: &Block, range: std::ops::Range<usize>) -> Option<Span> {
    let span = block.text.source_span(range.clone());
    let written = block.text.as_str().get(range)?;
    (doc.source.slice(span) == written).then_some(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_a_year_and_a_quarter_earlier() {
        assert_eq!(year_earlier("3Q02").as_deref(), Some("3Q01"));
        assert_eq!(year_earlier("FY2002").as_deref(), Some("FY2001"));
        assert_eq!(year_earlier("1Q00").as_deref(), Some("1Q99"));
        assert_eq!(quarter_earlier("3Q02").as_deref(), Some("2Q02"));
        assert_eq!(quarter_earlier("1Q03").as_deref(), Some("4Q02"));
        assert_eq!(quarter_earlier("FY2002"), None);
        assert_eq!(year_earlier("Q3"), None);
    }

    #[test]
    fn series_prefer_quarters_in_time_order() {
        assert_eq!(
            series(&["3Q01", "2Q02", "3Q02", "FY2001", "4Q01"]),
            ["3Q01", "4Q01", "2Q02", "3Q02"]
        );
        assert_eq!(series(&["FY2002", "FY2001"]), ["FY2001", "FY2002"]);
        assert_eq!(series(&["Japan", "US"]), ["Japan", "US"]);
    }

    /// [`word_positions`] as first written, with a `memmem::Finder`.
    fn word_positions_by_finder(text: &str, word: &str) -> Vec<usize> {
        word_starts(text, word, &memchr::memmem::Finder::new(word)).collect()
    }

    proptest::proptest! {
        #[test]
        fn word_positions_are_the_finder_s(
            text in "[13QFY02 x;。]{0,40}",
            word in "[13QFY02 x]{0,5}",
        ) {
            proptest::prop_assert_eq!(
                word_positions(&text, &word),
                word_positions_by_finder(&text, &word)
            );
        }
    }

    #[test]
    fn word_positions_agree_with_the_finder() {
        for (text, word) in [
            ("In 3Q02: revenues", "3Q02"),
            ("3Q02 x3Q02 3Q02", "3Q02"),
            ("1111 11", "11"),
            ("111", "11"),
            ("aaaa", "aa"),
            ("（3Q02）3Q023Q02", "3Q02"),
            ("", "3Q02"),
            ("abc", ""),
            ("前年同期3Q01", "3Q01"),
        ] {
            assert_eq!(
                word_positions(text, word),
                word_positions_by_finder(text, word),
                "{text:?} {word:?}"
            );
        }
    }

    #[test]
    fn words_are_matched_whole() {
        let contains_word = |text: &str, word: &str| !word_positions(text, word).is_empty();
        assert!(contains_word("In 3Q02: revenues", "3Q02"));
        assert!(!contains_word("In 13Q02", "3Q02"));
        assert!(contains_word("（3Q02）", "3Q02"));
        assert_eq!(word_positions("3Q02 x3Q02 3Q02", "3Q02"), [0, 11]);
        assert_eq!(word_positions("1111 11", "11"), [5]);
    }
}
