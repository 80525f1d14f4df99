//! `PAIR001` figure-differs: a figure of the figures block differs between
//! the two versions of a bilingual release — another value for a period,
//! another unit, a forecast in one and a result in the other — or is
//! declared in one version only.

use crate::diagnostics::{Diagnostic, Severity};
use crate::draft::figures::{Amount, Figure, Figures, PeriodValue, Unit};
use crate::draft::format::{Currency, group};
use crate::pair::{self, Pair, Side};
use crate::rules::RuleInfo;
use rust_decimal::Decimal;

/// `PAIR001`: the figures blocks of a pair disagree.
pub static RULE: RuleInfo = RuleInfo {
    code: "PAIR001",
    name: "figure-differs",
    summary: "A figure differs between the English and Japanese versions, or is declared in one only.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/PAIR001.md"),
    check: None,
};

/// The findings on the draft of `side`.
pub fn check_pair(pair: &Pair<'_>, side: Side, out: &mut Vec<Diagnostic>) {
    let this = pair.doc(side);
    let other = pair.doc(side.other());
    let empty = Figures::default();
    let mine = this.figures.as_ref().unwrap_or(&empty);
    let theirs = other.figures.as_ref().unwrap_or(&empty);
    let version = pair.version(side.other());
    for figure in &mine.figures {
        match theirs.get(&figure.id.value) {
            Some(counterpart) => compare(pair, side, figure, counterpart, out),
            None => match renamed(figure, mine, theirs) {
                Some(counterpart) => out.push(
                    Diagnostic::new(
                        &RULE,
                        figure.id.span,
                        format!(
                            "this figure is called `{}` here but `{}` in {version} ({})",
                            figure.id.value,
                            counterpart.id.value,
                            pair.place(side.other(), counterpart.id.span)
                        ),
                    )
                    .with_help("give a figure the same name in both versions, so that relkit can compare them; its `label` may be translated"),
                ),
                None => out.push(
                    Diagnostic::new(
                        &RULE,
                        figure.id.span,
                        format!(
                            "the figure `{}` is not in the figures block of {version} ({})",
                            figure.id.value,
                            other.source.name()
                        ),
                    )
                    .with_help("declare it in the other version's figures block with the same values, or remove it here"),
                ),
            },
        }
    }
    // What the other version declares and this one lacks.
    for counterpart in &theirs.figures {
        if mine.get(&counterpart.id.value).is_none() && renamed(counterpart, theirs, mine).is_none()
        {
            out.push(
                Diagnostic::new(
                    &RULE,
                    pair::figures_anchor(this),
                    format!(
                        "{version} declares the figure `{}` ({}), which this version's figures block lacks",
                        counterpart.id.value,
                        pair.place(side.other(), counterpart.id.span)
                    ),
                )
                .with_help("copy the figure into this version's figures block (translate its `label`), or remove it from the other version"),
            );
        }
    }
}

/// Compare a figure with its namesake in the other version.
fn compare(
    pair: &Pair<'_>,
    side: Side,
    figure: &Figure,
    counterpart: &Figure,
    out: &mut Vec<Diagnostic>,
) {
    let version = pair.version(side.other());
    let other = side.other();
    if figure.unit != counterpart.unit {
        out.push(
            Diagnostic::new(
                &RULE,
                figure.id.span,
                format!(
                    "`{}` is {} here but {} in {version} ({})",
                    figure.id.value,
                    unit_name(figure.unit),
                    unit_name(counterpart.unit),
                    pair.place(other, counterpart.id.span)
                ),
            )
            .with_help("a figure measures the same thing in both versions: correct its `unit`"),
        );
        return;
    }
    for value in &figure.values {
        let period = &value.period.value;
        let Some(theirs) = counterpart.value(period) else {
            out.push(
                Diagnostic::new(
                    &RULE,
                    value.period.span,
                    format!(
                        "`{}` has a value for `{period}` here, but {version} gives none ({})",
                        figure.id.value,
                        pair.place(other, counterpart.id.span)
                    ),
                )
                .with_help("give the period the same value in both versions, or remove it here"),
            );
            continue;
        };
        if true_value(figure, value.amount) != true_value(counterpart, theirs.amount) {
            out.push(
                Diagnostic::new(
                    &RULE,
                    value.span,
                    format!(
                        "`{}` for `{period}` is {} here, but {} in {version} ({})",
                        figure.id.value,
                        shown(figure, value.amount),
                        shown(counterpart, theirs.amount),
                        pair.place(other, theirs.span)
                    ),
                )
                .with_help("a translation states the same numbers: check both against the financial statements and correct the wrong one"),
            );
        } else if value.estimate != theirs.estimate {
            out.push(
                Diagnostic::new(
                    &RULE,
                    value.period.span,
                    format!(
                        "`{}` for `{period}` is {} here, but {} in {version} ({})",
                        figure.id.value,
                        kind(value),
                        kind(theirs),
                        pair.place(other, theirs.period.span)
                    ),
                )
                .with_help("list the period under `estimate` in both versions, or in neither"),
            );
        }
    }
    for theirs in &counterpart.values {
        if figure.value(&theirs.period.value).is_none() {
            out.push(
                Diagnostic::new(
                    &RULE,
                    figure.id.span,
                    format!(
                        "{version} gives `{}` a value for `{}` ({}), which this figure lacks",
                        figure.id.value,
                        theirs.period.value,
                        pair.place(other, theirs.period.span)
                    ),
                )
                .with_help(
                    "add the period with the same value here, or remove it from the other version",
                ),
            );
        }
    }
}

/// The figure of `theirs` that is `figure` under another name: not in
/// `mine` by its own name, same unit, same periods and values.
fn renamed<'a>(figure: &Figure, mine: &Figures, theirs: &'a Figures) -> Option<&'a Figure> {
    theirs.figures.iter().find(|g| {
        mine.get(&g.id.value).is_none()
            && g.unit == figure.unit
            && !g.values.is_empty()
            && g.values.len() == figure.values.len()
            && figure.values.iter().all(|v| {
                g.value(&v.period.value)
                    .is_some_and(|w| true_value(g, w.amount) == true_value(figure, v.amount))
            })
    })
}

/// The value in whole units (yen, dollars; percentages and counts as they are).
fn true_value(figure: &Figure, amount: Amount) -> (Decimal, Decimal) {
    let factor = match figure.unit {
        Unit::Money(_) => figure.scale.factor(),
        Unit::Percent | Unit::Count => Decimal::ONE,
    };
    match amount {
        Amount::Exact(v) => ((v * factor).normalize(), (v * factor).normalize()),
        Amount::Range { low, high } => ((low * factor).normalize(), (high * factor).normalize()),
    }
}

/// "10,573 (million yen)", "12,500 to 13,000 (million yen)", "6.3%".
fn shown(figure: &Figure, amount: Amount) -> String {
    let number = |v: Decimal| group(v, v.normalize().scale());
    let numbers = match amount {
        Amount::Exact(v) => number(v),
        Amount::Range { low, high } => format!("{} to {}", number(low), number(high)),
    };
    match figure.unit {
        Unit::Percent => format!("{numbers}%"),
        Unit::Count => numbers,
        Unit::Money(currency) => {
            let currency = match currency {
                Currency::Jpy => "yen",
                Currency::Usd => "US dollars",
            };
            let word = figure.scale.word();
            if word.is_empty() {
                format!("{numbers} ({currency})")
            } else {
                format!("{numbers} ({word} {currency})")
            }
        }
    }
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Money(Currency::Jpy) => "in yen",
        Unit::Money(Currency::Usd) => "in US dollars",
        Unit::Percent => "a percentage",
        Unit::Count => "a count",
    }
}

fn kind(value: &PeriodValue) -> &'static str {
    if value.estimate {
        "a forecast (listed under `estimate`)"
    } else {
        "a result (not listed under `estimate`)"
    }
}
