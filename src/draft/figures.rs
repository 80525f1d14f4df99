//! The figures block: a fenced code block with the info string `figures`
//! whose YAML declares the release's numbers once, exactly, per period.
//!
//! ```yaml
//! revenue:
//!   label: Total revenues
//!   unit: JPY
//!   scale: million
//!   values: { 3Q01: 9946, 3Q02: 10573, 4Q02: { low: 12500, high: 13000 } }
//!   estimate: [4Q02]
//!   display: { scale: billion, decimals: 1 }
//! ```

use super::Spanned;
use super::format::{Currency, Scale, parse_decimal};
use super::front_matter::{invalid, text, unknown_key};
use super::yaml::{self, Node};
use crate::diagnostics::Diagnostic;
use crate::rules::fmt005_invalid_figures_block;
use crate::source::{SourceFile, Span};
use rust_decimal::Decimal;

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// An amount of money.
    Money(Currency),
    /// A percentage, such as a growth rate or a margin.
    Percent,
    /// A plain count, such as subscribers or contracts.
    Count,
}

/// A period's value: exact, or a guidance range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// One value.
    Exact(Decimal),
    /// A range, `low` ≤ `high`, as guidance is usually given.
    Range {
        /// Lower end.
        low: Decimal,
        /// Upper end.
        high: Decimal,
    },
}

/// One period of a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodValue {
    /// Period name as written, e.g. `3Q02` or `FY2002`.
    pub period: Spanned<String>,
    /// The value in the figure's `scale`.
    pub amount: Amount,
    /// Whether the period is a forecast (listed under `estimate`).
    pub estimate: bool,
    /// Where the value is written (the number, or the whole `{ low, high }`).
    pub span: Span,
}

/// How a figure is written in prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DisplayPrefs {
    /// Scale used in prose (default: the figure's scale).
    pub scale: Option<Scale>,
    /// Decimal places used in prose (default: 0, or 1 for percentages).
    pub decimals: Option<u32>,
    /// Whether yen amounts carry a US-dollar translation (default: yes when a rate is known).
    pub usd: Option<bool>,
    /// Scale of the dollar translation (default: chosen by size).
    pub usd_scale: Option<Scale>,
    /// Decimal places of the dollar translation.
    pub usd_decimals: Option<u32>,
}

/// The chart a figure asks for in rendered releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Vertical bars, one per period.
    Bar,
    /// A line through the periods.
    Line,
    /// A breakdown.
    Pie,
}

/// A named figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The name used in references, e.g. `revenue`.
    pub id: Spanned<String>,
    /// Human label, e.g. "Total revenues".
    pub label: Option<String>,
    /// What it measures.
    pub unit: Unit,
    /// The scale its values are written in.
    pub scale: Scale,
    /// Values per period, in the order written.
    pub values: Vec<PeriodValue>,
    /// Whether this is a non-GAAP measure.
    pub non_gaap: bool,
    /// The GAAP figure a non-GAAP measure reconciles to.
    pub reconciles_to: Option<Spanned<String>>,
    /// Prose display preferences.
    pub display: DisplayPrefs,
    /// Requested chart, if any.
    pub chart: Option<Chart>,
    /// The figure's whole entry.
    pub span: Span,
}

impl Figure {
    /// The value of `period`, if declared.
    pub fn value(&self, period: &str) -> Option<&PeriodValue> {
        self.values.iter().find(|v| v.period.value == period)
    }

    /// The label, or the id when there is none.
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id.value)
    }
}

/// The figures of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figures {
    /// Figures in the order declared.
    pub figures: Vec<Figure>,
    /// The YAML inside the fence.
    pub span: Span,
}

impl Figures {
    /// Look a figure up by id.
    pub fn get(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id.value == id)
    }
}

/// Keys allowed in a figure.
pub const FIGURE_KEYS: &[&str] = &[
    "label",
    "unit",
    "scale",
    "values",
    "estimate",
    "non_gaap",
    "reconciles_to",
    "display",
    "chart",
];
const DISPLAY_KEYS: &[&str] = &["scale", "decimals", "usd", "usd_scale", "usd_decimals"];

fn structure(span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(&fmt005_invalid_figures_block::RULE, span, message)
}

/// Parse the YAML inside a figures fence (`content` is its span in the draft).
pub fn parse(source: &SourceFile, content: Span, diags: &mut Vec<Diagnostic>) -> Figures {
    let mut figures = Figures {
        figures: Vec::new(),
        span: content,
    };
    let root = match yaml::parse(source.slice(content), content.start) {
        Ok(Some(root)) => root,
        Ok(None) => {
            diags.push(
                structure(content, "the figures block is empty")
                    .with_help("declare at least one figure, or remove the block"),
            );
            return figures;
        }
        Err(e) => {
            diags.push(structure(e.span, e.message).with_help(
                "the figures block is YAML: a figure name, then indented `label:`, `unit:`, `scale:` and `values:`",
            ));
            return figures;
        }
    };
    let Some(entries) = root.as_map() else {
        diags.push(
            structure(
                root.span,
                format!(
                    "the figures block must map figure names to figures, but it is {}",
                    root.kind_name()
                ),
            )
            .with_help("start each figure with its name and a colon, e.g. `revenue:`"),
        );
        return figures;
    };
    for (key, value) in entries {
        let Some(id) = key.as_scalar().filter(|s| is_identifier(s)) else {
            diags.push(
                structure(key.span, "a figure name must be a word of letters, digits and `_`, starting with a letter")
                    .with_help("for example `revenue` or `operating_income`"),
            );
            continue;
        };
        if figures.get(id).is_some() {
            diags.push(
                structure(key.span, format!("the figure `{id}` is declared twice"))
                    .with_help("rename or remove one of them"),
            );
            continue;
        }
        if let Some(figure) = figure(Spanned::new(id.to_string(), key.span), value, diags) {
            figures.figures.push(figure);
        }
    }
    for figure in &figures.figures {
        if let Some(target) = &figure.reconciles_to
            && figures.get(&target.value).is_none()
        {
            let names = figures.figures.iter().map(|f| f.id.value.as_str());
            let hint = crate::suggest::did_you_mean(&target.value, names);
            diags.push(
                Diagnostic::new(
                    &crate::rules::fmt004_invalid_value::RULE,
                    target.span,
                    format!(
                        "`reconciles_to` names `{}`, which is not a figure of this block",
                        target.value
                    ),
                )
                .with_help(if hint.is_empty() {
                    "name the GAAP figure this measure reconciles to".to_string()
                } else {
                    hint
                }),
            );
        }
    }
    figures
}

/// Whether `s` can name a figure or period in a reference.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphanumeric())
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

fn figure(id: Spanned<String>, node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Figure> {
    let Some(entries) = node.as_map() else {
        diags.push(
            structure(
                node.span,
                format!(
                    "the figure `{}` must have `unit`, `scale` and `values`, but it is {}",
                    id.value,
                    node.kind_name()
                ),
            )
            .with_help("indent `label:`, `unit:`, `scale:` and `values:` under the figure's name"),
        );
        return None;
    };
    let mut label = None;
    let mut unit: Option<Unit> = None;
    let mut scale: Option<Scale> = None;
    let mut values: Option<Vec<PeriodValue>> = None;
    let mut estimates: Vec<Spanned<String>> = Vec::new();
    let mut non_gaap = false;
    let mut reconciles_to = None;
    let mut display = DisplayPrefs::default();
    let mut chart = None;
    for (key, value) in entries {
        let name = key.as_scalar().unwrap_or("");
        match name {
            "label" => label = text(value, "label", diags).map(|s| s.value),
            "unit" => {
                if let Some(s) = text(value, "unit", diags) {
                    unit = match s.value.to_ascii_lowercase().as_str() {
                        "jpy" | "yen" => Some(Unit::Money(Currency::Jpy)),
                        "usd" => Some(Unit::Money(Currency::Usd)),
                        "percent" | "%" => Some(Unit::Percent),
                        "count" | "number" => Some(Unit::Count),
                        _ => {
                            diags.push(invalid(
                                value,
                                &format!(
                                    "`unit` must be JPY, USD, percent or count, not `{}`",
                                    s.value
                                ),
                            ));
                            None
                        }
                    };
                }
            }
            "scale" => scale = scale_value(value, "scale", diags),
            "values" => values = period_values(value, diags),
            "estimate" => {
                if let Some(items) = value.as_seq() {
                    estimates = items
                        .iter()
                        .filter_map(|i| text(i, "estimate", diags))
                        .collect();
                } else if let Some(s) = text(value, "estimate", diags) {
                    estimates = vec![s];
                }
            }
            "non_gaap" => match value.as_bool() {
                Some(b) => non_gaap = b,
                None => diags.push(invalid(value, "`non_gaap` must be `true` or `false`")),
            },
            "reconciles_to" => reconciles_to = text(value, "reconciles_to", diags),
            "display" => display = display_prefs(value, diags),
            "chart" => {
                if let Some(s) = text(value, "chart", diags) {
                    chart = match s.value.as_str() {
                        "bar" => Some(Chart::Bar),
                        "line" => Some(Chart::Line),
                        "pie" => Some(Chart::Pie),
                        other => {
                            diags.push(invalid(
                                value,
                                &format!("`chart` must be bar, line or pie, not `{other}`"),
                            ));
                            None
                        }
                    };
                }
            }
            other => diags.push(unknown_key(key, other, FIGURE_KEYS, "figure")),
        }
    }
    let Some(unit) = unit else {
        if !entries.iter().any(|(k, _)| k.as_scalar() == Some("unit")) {
            diags.push(
                structure(id.span, format!("the figure `{}` has no `unit`", id.value))
                    .with_help("add `unit: JPY` (or USD, percent, count)"),
            );
        }
        return None;
    };
    let Some(mut values) = values else {
        if !entries.iter().any(|(k, _)| k.as_scalar() == Some("values")) {
            diags.push(
                structure(
                    id.span,
                    format!("the figure `{}` has no `values`", id.value),
                )
                .with_help(
                    "add `values:` with one `PERIOD: number` line per period, e.g. `3Q02: 10573`",
                ),
            );
        }
        return None;
    };
    let scale = match (unit, scale) {
        (_, Some(s)) => s,
        (Unit::Money(_), None) => {
            diags.push(
                structure(id.span, format!("the figure `{}` has no `scale`", id.value)).with_help(
                    "say what the numbers count: `scale: yen`, `thousand`, `million` or `billion`",
                ),
            );
            return None;
        }
        _ => Scale::One,
    };
    for estimate in &estimates {
        match values.iter_mut().find(|v| v.period.value == estimate.value) {
            Some(v) => v.estimate = true,
            None => diags.push(
                Diagnostic::new(
                    &crate::rules::fmt004_invalid_value::RULE,
                    estimate.span,
                    format!(
                        "`estimate` names the period `{}`, which has no value",
                        estimate.value
                    ),
                )
                .with_help({
                    let periods = || values.iter().map(|v| v.period.value.as_str());
                    let hint = crate::suggest::did_you_mean(&estimate.value, periods());
                    if hint.is_empty() {
                        format!(
                            "the periods are: {}",
                            periods().collect::<Vec<_>>().join(", ")
                        )
                    } else {
                        hint
                    }
                }),
            ),
        }
    }
    Some(Figure {
        id,
        label,
        unit,
        scale,
        values,
        non_gaap,
        reconciles_to,
        display,
        chart,
        span: node.span,
    })
}

fn scale_value(node: &Node, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Scale> {
    let s = text(node, key, diags)?;
    let scale = Scale::parse(&s.value);
    if scale.is_none() {
        diags.push(invalid(
            node,
            &format!(
                "`{key}` must be yen, thousand, million or billion, not `{}`",
                s.value
            ),
        ));
    }
    scale
}

fn decimals_value(node: &Node, key: &str, diags: &mut Vec<Diagnostic>) -> Option<u32> {
    let s = text(node, key, diags)?;
    match s.value.parse::<u32>() {
        Ok(n) if n <= 6 => Some(n),
        _ => {
            diags.push(invalid(
                node,
                &format!(
                    "`{key}` must be a whole number from 0 to 6, not `{}`",
                    s.value
                ),
            ));
            None
        }
    }
}

fn display_prefs(node: &Node, diags: &mut Vec<Diagnostic>) -> DisplayPrefs {
    let mut prefs = DisplayPrefs::default();
    let Some(entries) = node.as_map() else {
        diags.push(invalid(
            node,
            &format!(
                "`display` should hold `scale`, `decimals` and `usd`, but it is {}",
                node.kind_name()
            ),
        ));
        return prefs;
    };
    for (key, value) in entries {
        match key.as_scalar().unwrap_or("") {
            "scale" => prefs.scale = scale_value(value, "display.scale", diags),
            "decimals" => prefs.decimals = decimals_value(value, "display.decimals", diags),
            "usd" => match value.as_bool() {
                Some(b) => prefs.usd = Some(b),
                None => diags.push(invalid(value, "`display.usd` must be `true` or `false`")),
            },
            "usd_scale" => prefs.usd_scale = scale_value(value, "display.usd_scale", diags),
            "usd_decimals" => {
                prefs.usd_decimals = decimals_value(value, "display.usd_decimals", diags)
            }
            other => diags.push(unknown_key(key, other, DISPLAY_KEYS, "`display` entry")),
        }
    }
    prefs
}

fn number(node: &Node, what: &str, diags: &mut Vec<Diagnostic>) -> Option<Decimal> {
    let s = node.as_scalar().filter(|_| !node.is_null());
    match s.and_then(parse_decimal) {
        Some(d) => Some(d),
        None if s.is_some_and(|s| !crate::draft::format::within_digit_limits(s)) => {
            diags.push(
                invalid(
                    node,
                    &format!(
                        "{what} has more digits than relkit reads: at most {} before the point and {} after",
                        crate::draft::format::MAX_INTEGER_DIGITS,
                        crate::draft::format::MAX_DECIMALS
                    ),
                )
                .with_help("give the figure in a larger `scale` (million or billion) with fewer digits"),
            );
            None
        }
        None => {
            let shown = s.map_or_else(|| node.kind_name().to_string(), |s| format!("`{s}`"));
            diags.push(
                invalid(node, &format!("{what} must be a number, not {shown}"))
                    .with_help("write digits only, e.g. `10573`, `-567` or `10,573.5`; the unit and scale are set by `unit` and `scale`"),
            );
            None
        }
    }
}

fn period_values(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Vec<PeriodValue>> {
    let Some(entries) = node.as_map() else {
        diags.push(
            invalid(
                node,
                &format!(
                    "`values` should map periods to numbers, but it is {}",
                    node.kind_name()
                ),
            )
            .with_help("write one `PERIOD: number` per line under `values:`, e.g. `3Q02: 10573`"),
        );
        return None;
    };
    let mut out: Vec<PeriodValue> = Vec::new();
    for (key, value) in entries {
        // `{ 3Q02: 10,573 }`: in a `{ … }` mapping the comma separates
        // entries, so YAML reads `3Q02: 10` and a key `573` with no value.
        if let Some(digits) = key
            .as_scalar()
            .filter(|k| value.is_null() && !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()))
            && let Some(previous) = out.last()
        {
            diags.push(
                    invalid(
                        key,
                        &format!(
                            "the value of `{}` was split at a comma: inside `{{ … }}` a comma separates entries, so `{digits}` became a period of its own",
                            previous.period.value
                        ),
                    )
                    .with_help(
                        "write the number without the thousands separator (`10573`), put it in quotes (`\"10,573\"`), or write one `PERIOD: number` per line",
                    ),
                );
            continue;
        }
        let Some(period) = key.as_scalar().filter(|s| is_identifier(s)) else {
            diags.push(invalid(
                key,
                "a period must be a word such as `3Q02` or `FY2002`",
            ));
            continue;
        };
        if out.iter().any(|v| v.period.value == period) {
            diags.push(invalid(
                key,
                &format!("the period `{period}` is given twice"),
            ));
            continue;
        }
        let what = format!("the value of `{period}`");
        let amount = if let Some(range) = value.as_map() {
            let mut low = None;
            let mut high = None;
            for (k, v) in range {
                match k.as_scalar().unwrap_or("") {
                    "low" => low = number(v, &format!("{what} (low)"), diags),
                    "high" => high = number(v, &format!("{what} (high)"), diags),
                    other => diags.push(unknown_key(k, other, &["low", "high"], "range")),
                }
            }
            match (low, high) {
                (Some(low), Some(high)) if low <= high => Amount::Range { low, high },
                (Some(_), Some(_)) => {
                    diags.push(invalid(
                        value,
                        "a range's `low` must not be greater than its `high`",
                    ));
                    continue;
                }
                _ => {
                    if range
                        .iter()
                        .all(|(k, _)| matches!(k.as_scalar(), Some("low" | "high")))
                    {
                        diags.push(invalid(value, "a range needs both `low` and `high`"));
                    }
                    continue;
                }
            }
        } else {
            match number(value, &what, diags) {
                Some(d) => Amount::Exact(d),
                None => continue,
            }
        };
        out.push(PeriodValue {
            period: Spanned::new(period.to_string(), key.span),
            amount,
            estimate: false,
            span: value.span,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(yaml: &str) -> (Figures, Vec<Diagnostic>) {
        let source = SourceFile::named("t", yaml);
        let mut diags = Vec::new();
        let figures = parse(&source, Span::new(0, yaml.len()), &mut diags);
        (figures, diags)
    }

    #[test]
    fn reads_exact_values_and_ranges() {
        let (f, d) = parse_str(
            "revenue:\n  unit: JPY\n  scale: million\n  values:\n    3Q02: 10,573\n    4Q02: {low: 12500, high: 13000}\n  estimate: [4Q02]\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let rev = f.get("revenue").unwrap();
        assert_eq!(
            rev.value("3Q02").unwrap().amount,
            Amount::Exact(Decimal::from(10573))
        );
        let q4 = rev.value("4Q02").unwrap();
        assert!(q4.estimate);
        assert!(matches!(q4.amount, Amount::Range { .. }));
    }

    #[test]
    fn reports_missing_unit_and_bad_numbers() {
        let (_, d) = parse_str(
            "revenue:\n  unit: JPY\n  scale: million\n  values: { 3Q01: 9,946, 3Q02: 10573 }\n",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .starts_with("the value of `3Q01` was split at a comma"),
            "{}",
            d[0].message
        );
        let (f, d) = parse_str("revenue:\n  scale: million\n  values: {3Q02: lots}\n");
        assert!(f.figures.is_empty());
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["FMT004", "FMT005"]);
    }
}
