//! `PAIR002` rate-differs: the two versions of a bilingual release
//! translate yen into dollars at different exchange rates, or date their
//! rate differently, or only one of them states a rate.

use crate::diagnostics::{Diagnostic, Severity};
use crate::fx::{self, RateSource, StatedRate, Translations};
use crate::model::Document;
use crate::pair::{self, Pair, Side};
use crate::rules::RuleInfo;
use crate::source::Span;

/// `PAIR002`: the pair's exchange rates disagree.
pub static RULE: RuleInfo = RuleInfo {
    code: "PAIR002",
    name: "rate-differs",
    summary: "The English and Japanese versions state different exchange rates (or rate dates), or only one states a rate.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/PAIR002.md"),
    check: None,
};

/// The findings on the draft of `side`.
pub fn check_pair(pair: &Pair<'_>, side: Side, out: &mut Vec<Diagnostic>) {
    let this = pair.doc(side);
    let other = pair.doc(side.other());
    let version = pair.version(side.other());
    let mine = Translations::shared(this).rate();
    let theirs = Translations::shared(other).rate();
    // A rate without a place comes from `relkit.toml`.
    let where_stated = |s: Side, rate: &StatedRate| match (rate.span, rate.source) {
        (Some(span), _) => pair.place(s, span),
        (None, RateSource::Config) => "relkit.toml".to_string(),
        (None, _) => pair.doc(s).source.name().to_string(),
    };
    match (mine, theirs) {
        (Some(a), Some(b)) if a.rate != b.rate => out.push(
            Diagnostic::new(
                &RULE,
                rate_span(this, &a),
                format!(
                    "this version translates at {} per US dollar, but {version} at {} ({})",
                    fx::rate_text(a.rate),
                    fx::rate_text(b.rate),
                    where_stated(side.other(), &b)
                ),
            )
            .with_help("a release and its translation state the same rate: correct the wrong one"),
        ),
        (Some(a), None) => out.push(
            Diagnostic::new(
                &RULE,
                rate_span(this, &a),
                format!(
                    "this version translates at {} per US dollar, but {version} ({}) states no exchange rate",
                    fx::rate_text(a.rate),
                    other.source.name()
                ),
            )
            .with_help(format!(
                "give the other version the same `fx: rate: {}`, or remove the dollar amounts here",
                a.rate.normalize()
            )),
        ),
        (None, Some(b)) => out.push(
            Diagnostic::new(
                &RULE,
                fx_anchor(this),
                format!(
                    "{version} translates at {} per US dollar ({}), but this version states no exchange rate",
                    fx::rate_text(b.rate),
                    where_stated(side.other(), &b)
                ),
            )
            .with_help(format!(
                "add `fx:` with `rate: {}` to the front matter",
                b.rate.normalize()
            )),
        ),
        _ => {}
    }
    // The date the rate was taken.
    let as_of = |doc: &Document| {
        doc.front_matter
            .as_ref()
            .and_then(|f| f.fx.as_ref())
            .and_then(|fx| fx.as_of.clone())
    };
    match (as_of(this), as_of(other)) {
        (Some(a), Some(b)) if a.value != b.value => out.push(
            Diagnostic::new(
                &RULE,
                a.span,
                format!(
                    "this version takes its rate as of {}, but {version} as of {} ({})",
                    a.value,
                    b.value,
                    pair.place(side.other(), b.span)
                ),
            )
            .with_help("the convenience-translation disclaimer states this date: make it the same in both versions"),
        ),
        (Some(a), None) if theirs.is_some() => out.push(
            Diagnostic::new(
                &RULE,
                a.span,
                format!(
                    "this version takes its rate as of {}, but {version} ({}) does not say when its rate was taken",
                    a.value,
                    other.source.name()
                ),
            )
            .with_help(format!("add `as_of: {}` under `fx:` in the other version", a.value)),
        ),
        (None, Some(b)) if mine.is_some() => out.push(
            Diagnostic::new(
                &RULE,
                fx_anchor(this),
                format!(
                    "{version} takes its rate as of {} ({}), but this version does not say when its rate was taken",
                    b.value,
                    pair.place(side.other(), b.span)
                ),
            )
            .with_help(format!("add `as_of: {}` under `fx:`", b.value)),
        ),
        _ => {}
    }
}

/// Where a stated rate is written, or the `fx` entry for a rate from
/// `relkit.toml`.
fn rate_span(doc: &Document, rate: &StatedRate) -> Span {
    rate.span.unwrap_or_else(|| fx_anchor(doc))
}

/// The `fx` key of the front matter, or the front matter's opening.
fn fx_anchor(doc: &Document) -> Span {
    pair::key_span(doc, "fx").unwrap_or_else(|| pair::front_matter_anchor(doc))
}
