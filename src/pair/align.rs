//! Matching the paragraphs of the two drafts of a pair, so that a rule can
//! ask which paragraph of the Japanese version translates a paragraph of
//! the English one.
//!
//! The units are the prose blocks outside the legal legends (headings,
//! paragraphs, list items, table cells), in reading order. Two units can
//! match when they are of compatible kinds — a heading with a heading, a
//! paragraph or list item with a paragraph or list item, a table cell with a
//! table cell — and they score higher the more *anchors* they share, the
//! things a translation keeps: figure references (`{{ revenue.3Q02 }}`),
//! amounts of money (compared by value, "JPY10.6 billion" with 106億円),
//! numbers (6.3%, 150, 2002) and Latin names (IIJ, CDN, FY2002). The
//! alignment is the order-keeping matching with the best total score
//! (dynamic programming, as for aligning translated sentences), where
//! leaving a unit unmatched costs a little: without anchors it pairs the
//! units in order, and shared anchors pull it into place where one version
//! has a paragraph more or less.
//!
//! Limits: a paragraph moved elsewhere in one version is found only when an
//! unmatched paragraph of the other shares most of its anchors; drafts of
//! more than about 1,000 units on each side are matched by position alone.

use crate::amounts::{self, Amount};
use crate::draft::format::Currency;
use crate::legend::Legends;
use crate::model::{BlockKind, Document};
use rust_decimal::Decimal;

/// Above this many cells (units × units), the units are matched by position.
const MAX_CELLS: usize = 1_000_000;
/// What leaving a unit unmatched costs.
const SKIP: f64 = -0.2;
/// What any compatible match is worth before anchors.
const BASE: f64 = 0.5;
/// The bonus for the same kind (the same heading level, table position).
const SAME_KIND: f64 = 0.25;
/// The weight of the anchor similarity.
const ANCHORS: f64 = 3.0;
/// The similarity above which unmatched units are taken as each other's
/// counterpart wherever they are.
const MOVED: f64 = 0.5;

/// What a unit shares with its translation.
#[derive(Debug, Clone, Default)]
struct Features {
    /// Figure references, numbers and Latin names, sorted, with weights.
    anchors: Vec<(String, u8)>,
    /// Amounts of money: currency and magnitude interval.
    amounts: Vec<(Currency, Decimal, Decimal)>,
}

impl Features {
    fn weight(&self) -> f64 {
        self.anchors.iter().map(|(_, w)| f64::from(*w)).sum::<f64>()
            + 2.0 * self.amounts.len() as f64
    }
}

/// A unit of alignment: one prose block.
#[derive(Debug, Clone)]
struct Unit {
    block: usize,
    kind: BlockKind,
    features: Features,
}

/// The counterpart of a block in the other draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counterpart {
    /// The blocks of the other draft that translate it: the one matched
    /// with it and the unmatched blocks right around that one (a paragraph
    /// split in two in translation), or unmatched blocks at the same place.
    Blocks(Vec<usize>),
    /// No block of the other draft translates it. It would come after
    /// block `after` of the other draft (`None`: before the first).
    Missing {
        /// The block of the other draft it would follow.
        after: Option<usize>,
    },
}

/// One draft's side of an alignment.
#[derive(Debug, Clone, Default)]
struct Units {
    /// The units' blocks, in reading order.
    blocks: Vec<usize>,
    /// For each unit, the unit of the other side it matches.
    matched: Vec<Option<usize>>,
    /// Each unit's anchors (for the moved-paragraph search).
    features: Vec<Features>,
}

impl Units {
    fn of(units: Vec<Unit>, matched: Vec<Option<usize>>) -> Units {
        let blocks = units.iter().map(|u| u.block).collect();
        let features = units.into_iter().map(|u| u.features).collect();
        Units {
            blocks,
            matched,
            features,
        }
    }

    /// The unit of `block`, if it is one.
    fn unit(&self, block: usize) -> Option<usize> {
        self.blocks.binary_search(&block).ok()
    }

    /// Whether unit `k` exists and is matched with nothing.
    fn unmatched(&self, k: usize) -> bool {
        self.matched.get(k).is_some_and(Option::is_none)
    }
}

/// The matching of two drafts' units.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    first: Units,
    second: Units,
}

impl Alignment {
    /// Align `first` with `second`.
    pub fn of(first: &Document, second: &Document) -> Alignment {
        let a = units(first);
        let b = units(second);
        let pairs = if a.len().saturating_mul(b.len()) <= MAX_CELLS {
            best_matching(&a, &b)
        } else {
            by_position(a.len(), b.len())
        };
        let mut matched_a = vec![None; a.len()];
        let mut matched_b = vec![None; b.len()];
        for (i, j) in pairs {
            if let Some(slot) = matched_a.get_mut(i) {
                *slot = Some(j);
            }
            if let Some(slot) = matched_b.get_mut(j) {
                *slot = Some(i);
            }
        }
        Alignment {
            first: Units::of(a, matched_a),
            second: Units::of(b, matched_b),
        }
    }

    /// This side's units and the other side's.
    fn sides(&self, side: super::Side) -> (&Units, &Units) {
        match side {
            super::Side::First => (&self.first, &self.second),
            super::Side::Second => (&self.second, &self.first),
        }
    }

    /// The blocks that take part in the alignment (not legends), on `side`.
    pub fn blocks(&self, side: super::Side) -> &[usize] {
        &self.sides(side).0.blocks
    }

    /// The block of the other draft matched with `block` of `side`, if any.
    pub fn matched(&self, side: super::Side, block: usize) -> Option<usize> {
        let (mine, theirs) = self.sides(side);
        let other = mine.matched.get(mine.unit(block)?).copied().flatten()?;
        theirs.blocks.get(other).copied()
    }

    /// The counterpart in the other draft of `block` of `side`; `None` when
    /// the block takes no part in the alignment (a legend).
    pub fn counterpart(&self, side: super::Side, block: usize) -> Option<Counterpart> {
        let (mine, theirs) = self.sides(side);
        let unit = mine.unit(block)?;
        let to_blocks = |ks: Vec<usize>| -> Vec<usize> {
            ks.into_iter()
                .filter_map(|k| theirs.blocks.get(k).copied())
                .collect()
        };
        if let Some(j) = mine.matched.get(unit).copied().flatten() {
            // The matched unit, with the unmatched ones right around it.
            let mut k = j;
            while k > 0 && theirs.unmatched(k - 1) {
                k -= 1;
            }
            let mut end = j + 1;
            while theirs.unmatched(end) {
                end += 1;
            }
            return Some(Counterpart::Blocks(to_blocks((k..end).collect())));
        }
        // Unmatched: the other side's unmatched units between the matches
        // around this unit.
        let before = mine
            .matched
            .get(..unit)
            .and_then(|m| m.iter().rev().find_map(|x| *x));
        let after = mine
            .matched
            .get(unit + 1..)
            .and_then(|m| m.iter().find_map(|x| *x));
        let from = before.map_or(0, |p| p + 1);
        let to = after.unwrap_or(theirs.blocks.len());
        let gap: Vec<usize> = (from..to.max(from))
            .filter(|&k| theirs.unmatched(k))
            .collect();
        if !gap.is_empty() {
            return Some(Counterpart::Blocks(to_blocks(gap)));
        }
        // A paragraph moved: an unmatched unit anywhere that shares most anchors.
        let features = mine.features.get(unit)?;
        let moved = (0..theirs.blocks.len())
            .filter(|&k| theirs.unmatched(k))
            .filter_map(|k| {
                let score = similarity(features, theirs.features.get(k)?);
                (score >= MOVED).then_some((k, score))
            })
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        if let Some((k, _)) = moved {
            return Some(Counterpart::Blocks(to_blocks(vec![k])));
        }
        Some(Counterpart::Missing {
            after: before.and_then(|p| theirs.blocks.get(p).copied()),
        })
    }
}

/// The units of a draft: every block outside the legends.
fn units(doc: &Document) -> Vec<Unit> {
    let legends = Legends::shared(doc);
    let block_amounts = amounts::BlockAmounts::shared(doc);
    let mut references = doc.references.iter().peekable();
    let mut out = Vec::with_capacity(doc.blocks.len());
    for (i, block) in doc.blocks.iter().enumerate() {
        // References come in reading order, as blocks do.
        let mut refs = Vec::new();
        while let Some(r) = references.peek() {
            if r.span.start >= block.span.end {
                break;
            }
            if r.span.start >= block.span.start {
                let path = r.inner.split('|').next().unwrap_or("").trim();
                refs.push(path.replace(char::is_whitespace, ""));
            }
            references.next();
        }
        if legends.is_legend_block(i) {
            continue;
        }
        let found = block_amounts.of_block(i);
        let features = features(block.text.as_str(), found, refs, doc.fx_rounding);
        out.push(Unit {
            block: i,
            kind: block.kind,
            features,
        });
    }
    out
}

/// The anchors of a block's text.
fn features(
    text: &str,
    found: &[Amount],
    refs: Vec<String>,
    rounding: amounts::Rounding,
) -> Features {
    let mut anchors: Vec<(String, u8)> =
        refs.into_iter().map(|r| (format!("ref:{r}"), 3)).collect();
    let inside_amount = |at: usize| found.iter().any(|a| a.range.contains(&at));
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while let Some(&(at, c)) = chars.get(k) {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        let latin = c.is_ascii_alphabetic();
        if !digit && !latin {
            k += 1;
            continue;
        }
        // A run of letters and digits (with `.` and `,` between digits).
        let start = k;
        while let Some(&(_, c)) = chars.get(k) {
            let next_is_digit = chars
                .get(k + 1)
                .is_some_and(|(_, n)| n.is_ascii_digit() || ('０'..='９').contains(n));
            if c.is_ascii_alphanumeric()
                || ('０'..='９').contains(&c)
                || (matches!(c, '.' | ',' | '，' | '．') && next_is_digit && k > start)
            {
                k += 1;
            } else {
                break;
            }
        }
        if inside_amount(at) {
            continue;
        }
        let token: String = chars
            .get(start..k)
            .unwrap_or_default()
            .iter()
            .filter_map(|(_, c)| match c {
                ',' | '，' => None,
                '．' => Some('.'),
                '０'..='９' => char::from_u32(*c as u32 - '０' as u32 + '0' as u32),
                other => Some(other.to_ascii_lowercase()),
            })
            .collect();
        let has_digit = token.chars().any(|c| c.is_ascii_digit());
        let uppercase = chars
            .get(start..k)
            .unwrap_or_default()
            .iter()
            .filter(|(_, c)| c.is_ascii_uppercase())
            .count();
        // Numbers and names a translation keeps: digits, or two capitals
        // (IIJ, CDN); ordinary words are not anchors.
        if has_digit || uppercase >= 2 {
            anchors.push((token, 1));
        }
    }
    anchors.sort();
    anchors.dedup();
    let amounts = found
        .iter()
        .map(|a| {
            let (low, high) = a.interval_under(rounding);
            let (low, high) = (low.abs().min(high.abs()), low.abs().max(high.abs()));
            (a.currency, low, high)
        })
        .collect();
    Features { anchors, amounts }
}

/// Whether two amounts (currency, magnitude interval) can be the same amount.
pub(crate) fn same_amount(
    a: &(Currency, Decimal, Decimal),
    b: &(Currency, Decimal, Decimal),
) -> bool {
    a.0 == b.0 && overlaps((a.1, a.2), (b.1, b.2))
}

/// Whether two intervals `[low, high)` share a value; an interval of one
/// point (`low == high`) is the point itself.
pub(crate) fn overlaps(a: (Decimal, Decimal), b: (Decimal, Decimal)) -> bool {
    let point_in = |p: Decimal, (low, high): (Decimal, Decimal)| {
        low <= p && (p < high || low == high && p == low)
    };
    match (a.0 == a.1, b.0 == b.1) {
        (true, true) => a.0 == b.0,
        (true, false) => point_in(a.0, b),
        (false, true) => point_in(b.0, a),
        (false, false) => a.0 < b.1 && b.0 < a.1,
    }
}

/// How much two units share, from 0 (nothing) to 1 (every anchor).
fn similarity(a: &Features, b: &Features) -> f64 {
    let total = (a.weight() * b.weight()).sqrt();
    if total == 0.0 {
        return 0.0;
    }
    // Shared anchors: both lists are sorted.
    let mut shared = 0.0;
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.anchors.get(i), b.anchors.get(j)) {
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += f64::from(x.1.min(y.1));
                i += 1;
                j += 1;
            }
        }
    }
    let mut used = vec![false; b.amounts.len()];
    for x in &a.amounts {
        if let Some(k) = b
            .amounts
            .iter()
            .enumerate()
            .position(|(k, y)| !used.get(k).copied().unwrap_or(true) && same_amount(x, y))
            && let Some(u) = used.get_mut(k)
        {
            *u = true;
            shared += 2.0;
        }
    }
    (shared / total).min(1.0)
}

/// Which kinds of block can translate each other, and whether exactly.
fn compatible(a: BlockKind, b: BlockKind) -> Option<bool> {
    use BlockKind::*;
    match (a, b) {
        (Heading(x), Heading(y)) => Some(x == y),
        (Paragraph | ListItem, Paragraph | ListItem) => Some(a == b),
        (
            TableCell {
                row: r1,
                column: c1,
                ..
            },
            TableCell {
                row: r2,
                column: c2,
                ..
            },
        ) => Some(r1 == r2 && c1 == c2),
        _ => None,
    }
}

/// What matching unit `a` with unit `b` is worth, or `None` when they
/// cannot match.
fn match_score(a: &Unit, b: &Unit) -> Option<f64> {
    let exact = compatible(a.kind, b.kind)?;
    Some(
        BASE + if exact { SAME_KIND } else { 0.0 } + ANCHORS * similarity(&a.features, &b.features),
    )
}

/// The order-keeping matching of `a` and `b` with the best total score.
fn best_matching(a: &[Unit], b: &[Unit]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    // score[i][j]: the best score of aligning a[..i] with b[..j]; move: how
    // it was reached (0 start, 1 match, 2 skip a, 3 skip b).
    let mut score = vec![0.0f64; (n + 1) * width];
    let mut moves = vec![0u8; (n + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f64::NEG_INFINITY;
            let mut how = 0u8;
            if i > 0
                && j > 0
                && let (Some(x), Some(y)) = (a.get(i - 1), b.get(j - 1))
                && let Some(s) = match_score(x, y)
            {
                let candidate = score.get(at(i - 1, j - 1)).copied().unwrap_or(0.0) + s;
                if candidate > best {
                    best = candidate;
                    how = 1;
                }
            }
            if i > 0 {
                let candidate = score.get(at(i - 1, j)).copied().unwrap_or(0.0) + SKIP;
                if candidate > best {
                    best = candidate;
                    how = 2;
                }
            }
            if j > 0 {
                let candidate = score.get(at(i, j - 1)).copied().unwrap_or(0.0) + SKIP;
                if candidate > best {
                    best = candidate;
                    how = 3;
                }
            }
            if let (Some(s), Some(mv)) = (score.get_mut(at(i, j)), moves.get_mut(at(i, j))) {
                *s = best;
                *mv = how;
            }
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match moves.get(at(i, j)).copied().unwrap_or(0) {
            1 => {
                out.push((i - 1, j - 1));
                i -= 1;
                j -= 1;
            }
            2 => i -= 1,
            3 => j -= 1,
            _ => break,
        }
    }
    out.reverse();
    out
}

/// Unit `i` of `n` with unit `i × m / n` of `m`.
fn by_position(n: usize, m: usize) -> Vec<(usize, usize)> {
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    for i in 0..n {
        let j = i.saturating_mul(m) / n;
        if out.last().is_none_or(|&(_, last)| last < j) {
            out.push((i, j));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParseOptions;
    use crate::pair::Side;
    use crate::source::SourceFile;

    fn doc(text: &str) -> Document {
        Document::parse(
            SourceFile::named("t.md", text),
            ParseOptions::default(),
            &mut Vec::new(),
        )
    }

    #[test]
    fn paragraphs_pair_in_order_and_an_extra_one_is_found_by_its_anchors() {
        let en = doc(
            "---\ntitle: A\n---\n# Results\n\nRevenues were JPY10.6 billion.\n\nIIJ has 150 customers.\n\nThe CDN platform grew 6.3%.\n",
        );
        let ja = doc(
            "---\ntitle: A\nlang: ja\n---\n# 決算\n\n売上高は106億円でした。\n\n新しい段落です。\n\nIIJの顧客は150社です。\n\nCDNプラットフォームは6.3%成長しました。\n",
        );
        let alignment = Alignment::of(&en, &ja);
        assert_eq!(alignment.matched(Side::First, 0), Some(0));
        assert_eq!(alignment.matched(Side::First, 1), Some(1));
        assert_eq!(alignment.matched(Side::First, 2), Some(3));
        assert_eq!(alignment.matched(Side::First, 3), Some(4));
        assert_eq!(alignment.matched(Side::Second, 2), None);
        // The extra paragraph sits next to a matched one: it is part of its counterpart.
        assert_eq!(
            alignment.counterpart(Side::First, 1),
            Some(Counterpart::Blocks(vec![1, 2]))
        );
    }

    #[test]
    fn a_missing_paragraph_has_no_counterpart() {
        let en = doc("---\ntitle: A\n---\n# Results\n\nOne 2002.\n\nTwo 2003.\n");
        let ja = doc("---\ntitle: A\nlang: ja\n---\n# 決算\n\n一 2002。\n");
        let alignment = Alignment::of(&en, &ja);
        assert_eq!(
            alignment.counterpart(Side::First, 2),
            Some(Counterpart::Missing { after: Some(1) })
        );
        // Its neighbour's counterpart takes the unmatched paragraph in.
        assert_eq!(
            alignment.counterpart(Side::Second, 1),
            Some(Counterpart::Blocks(vec![1, 2]))
        );
    }

    #[test]
    fn empty_drafts_align_without_panicking() {
        let en = doc("---\ntitle: A\n---\n");
        let ja = doc("---\ntitle: A\nlang: ja\n---\n本文。\n");
        let alignment = Alignment::of(&en, &ja);
        assert_eq!(
            alignment.counterpart(Side::Second, 0),
            Some(Counterpart::Missing { after: None })
        );
        assert_eq!(alignment.counterpart(Side::First, 0), None);
        assert_eq!(by_position(3, 0), []);
        assert_eq!(by_position(4, 2), [(0, 0), (2, 1)]);
    }

    #[test]
    fn intervals_and_points_overlap() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(overlaps(
            (d("10.55"), d("10.65")),
            (d("10.573"), d("10.573"))
        ));
        assert!(!overlaps(
            (d("10.55"), d("10.65")),
            (d("10.65"), d("10.65"))
        ));
        assert!(overlaps((d("1"), d("2")), (d("1.5"), d("3"))));
        assert!(!overlaps((d("1"), d("2")), (d("2"), d("3"))));
    }
}
