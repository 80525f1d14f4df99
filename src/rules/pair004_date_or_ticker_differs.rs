//! `PAIR004` date-or-ticker-differs: the two versions of a bilingual release
//! give different release dates or tickers, or only one of them gives one.

use crate::diagnostics::{Diagnostic, Severity};
use crate::draft::Spanned;
use crate::model::Document;
use crate::pair::{self, Pair, Side};
use crate::rules::RuleInfo;

/// `PAIR004`: the pair's date or ticker disagree.
pub static RULE: RuleInfo = RuleInfo {
    code: "PAIR004",
    name: "date-or-ticker-differs",
    summary: "The English and Japanese versions give different dates or tickers, or only one gives one.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/PAIR004.md"),
    check: None,
};

/// The findings on the draft of `side`.
pub fn check_pair(pair: &Pair<'_>, side: Side, out: &mut Vec<Diagnostic>) {
    let date = |doc: &Document| {
        doc.front_matter
            .as_ref()
            .and_then(|f| f.date.as_ref())
            .map(|d| Spanned::new(d.value.to_string(), d.span))
    };
    compare(pair, side, "date", "is dated", date, &|a, b| a == b, out);
    let ticker = |doc: &Document| doc.front_matter.as_ref().and_then(|f| f.ticker.clone());
    compare(
        pair,
        side,
        "ticker",
        "gives the ticker",
        ticker,
        &|a, b| same_ticker(a, b),
        out,
    );
}

/// Compare one front-matter value of the two versions.
fn compare(
    pair: &Pair<'_>,
    side: Side,
    key: &str,
    verb: &str,
    read: impl Fn(&Document) -> Option<Spanned<String>>,
    same: &dyn Fn(&str, &str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let this = pair.doc(side);
    let other = pair.doc(side.other());
    let version = pair.version(side.other());
    match (read(this), read(other)) {
        (Some(a), Some(b)) if !same(&a.value, &b.value) => out.push(
            Diagnostic::new(
                &RULE,
                a.span,
                format!(
                    "this version {verb} {}, but {version} {} ({})",
                    a.value,
                    b.value,
                    pair.place(side.other(), b.span)
                ),
            )
            .with_help(format!(
                "a release and its translation give the same `{key}`: correct the wrong one"
            )),
        ),
        (Some(a), None) => out.push(
            Diagnostic::new(
                &RULE,
                a.span,
                format!(
                    "this version {verb} {}, but {version} ({}) has no `{key}`",
                    a.value,
                    other.source.name()
                ),
            )
            .with_help(format!("add `{key}: {}` to the other version", a.value)),
        ),
        (None, Some(b)) => out.push(
            Diagnostic::new(
                &RULE,
                pair::front_matter_anchor(this),
                format!(
                    "{version} {verb} {} ({}), but this version has no `{key}`",
                    b.value,
                    pair.place(side.other(), b.span)
                ),
            )
            .with_help(format!("add `{key}: {}` to the front matter", b.value)),
        ),
        _ => {}
    }
}

/// Tickers agree when they differ only in case, spacing or full-width
/// characters: `Nasdaq: IIJI`, `NASDAQ:IIJI`, `Ｎａｓｄａｑ： IIJI`.
fn same_ticker(a: &str, b: &str) -> bool {
    let normal = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                other => other,
            })
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    normal(a) == normal(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickers_compare_without_case_spacing_or_width() {
        assert!(same_ticker("Nasdaq: IIJI", "NASDAQ:IIJI"));
        assert!(same_ticker("TSE: 3774", "ＴＳＥ：３７７４"));
        assert!(!same_ticker("Nasdaq: IIJI", "TSE: 3774"));
    }
}
