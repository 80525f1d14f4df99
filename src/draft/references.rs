//! Figure references in prose: `{{ revenue.3Q02 }}` is replaced by the
//! formatted value, with its US-dollar convenience translation when the draft
//! has a rate: "JPY10.6 billion ($89.0 million)".
//!
//! Syntax: `{{ FIGURE.PERIOD[.low|.high] [| option …] }}` with the options
//! `abs` (drop the sign, for "a loss of …"), `yen` (no dollar translation)
//! and `usd` (the dollar translation alone).

use super::figures::{Amount, Figure, Figures, Unit};
use super::format::{Currency, Scale, group, money_en, money_ja, round, usd_precision};
use super::front_matter::Lang;
use crate::source::Span;
use crate::suggest;
#[cfg(test)]
use regex::Regex;
use rust_decimal::Decimal;
#[cfg(test)]
use std::sync::LazyLock;

/// The options a reference may carry.
pub const OPTIONS: &[&str] = &["abs", "yen", "usd"];

/// The reference pattern that [`find`] follows by hand (a test compares
/// the two); the regex stays as the definition.
#[cfg(test)]
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\{\{|｛｛)([^{}｛｝\n]*)(?:\}\}|｝｝)")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// A reference as written in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The whole `{{ … }}` in the draft.
    pub span: Span,
    /// The text between the braces, trimmed.
    pub inner: String,
    /// The result: the text to show, or what is wrong.
    pub resolved: Result<String, Problem>,
}

/// Why a reference cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
    /// The corrected reference text (between the braces), when there is a likely one.
    pub replacement: Option<String>,
}

/// Byte ranges of every `{{ … }}` in `text` with the text between the braces.
pub fn find(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, &str)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let at = from + memchr::memchr2(b'{', 0xEF, bytes.get(from..)?)?;
            // The next search starts at the next character: `{` is one
            // byte, and 0xEF leads a character of three.
            from = at + 1;
            let open = brace_pair_at(bytes, at, b'{', 0x9B);
            if open == 0 {
                continue;
            }
            let inner_start = at + open;
            // The text between the braces has no brace and no line break,
            // so it ends at the first of those; a closing pair must follow.
            let inner_end = bytes
                .get(inner_start..)?
                .iter()
                .enumerate()
                .position(|(i, &b)| {
                    matches!(b, b'{' | b'}' | b'\n')
                        || (b == 0xEF
                            && matches!(
                                bytes.get(inner_start + i + 1..inner_start + i + 3),
                                Some([0xBD, 0x9B | 0x9D])
                            ))
                })
                .map_or(bytes.len(), |i| inner_start + i);
            let close = brace_pair_at(bytes, inner_end, b'}', 0x9D);
            if close == 0 {
                continue;
            }
            from = inner_end + close;
            return Some((at..from, text.get(inner_start..inner_end)?));
        }
    })
}

/// The length of the pair of braces at byte `at`: two ASCII braces `ascii`
/// (2 bytes), two full-width braces (6 bytes; their UTF-8 ends in `last`,
/// 0x9B for `｛` and 0x9D for `｝`), or 0 when there is none.
pub(crate) fn brace_pair_at(bytes: &[u8], at: usize, ascii: u8, last: u8) -> usize {
    match bytes.get(at..) {
        Some([a, b, ..]) if *a == ascii && *b == ascii => 2,
        Some([0xEF, 0xBD, x, 0xEF, 0xBD, y, ..]) if *x == last && *y == last => 6,
        _ => 0,
    }
}

/// Settings that come from the draft as a whole.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The figures block.
    pub figures: Option<&'a Figures>,
    /// Yen per dollar, if stated.
    pub rate: Option<Decimal>,
    /// The draft's language.
    pub lang: Lang,
}

/// Full-width ASCII forms (`｜`, `．`, `３Ｑ０２`, the ideographic space), as a
/// Japanese input method types them, written as their ASCII equivalents.
fn half_width(text: &str) -> std::borrow::Cow<'_, str> {
    let is_wide = |c: char| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}');
    if !text.chars().any(is_wide) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect()
}

/// Resolve the text between the braces.
///
/// Full-width forms typed with a Japanese input method (`｛｛ revenue．3Q02 ｜ abs ｝｝`)
/// mean the same as their ASCII forms.
pub fn resolve(inner: &str, ctx: &Context<'_>) -> Result<String, Problem> {
    let inner = half_width(inner);
    let inner = inner.as_ref();
    let (path, options) = match inner.split_once('|') {
        Some((p, o)) => (p.trim(), o.split('|').map(str::trim).collect::<Vec<_>>()),
        None => (inner.trim(), Vec::new()),
    };
    let problem = |message: String, help: Option<String>, replacement: Option<String>| Problem {
        message,
        help,
        replacement,
    };
    let parts: Vec<&str> = path.split('.').map(str::trim).collect();
    let (figure_name, period, part) = match parts.as_slice() {
        [f, p] => (*f, *p, None),
        [f, p, part] => (*f, *p, Some(*part)),
        _ => {
            return Err(problem(
                format!("`{{{{ {path} }}}}` is not a figure reference"),
                Some("write `{{ figure.period }}`, for example `{{ revenue.3Q02 }}`".into()),
                None,
            ));
        }
    };
    let Some(figures) = ctx.figures else {
        return Err(problem(
            format!(
                "`{figure_name}.{period}` refers to a figure, but the draft has no figures block"
            ),
            Some("add a fenced block opened with ```figures that declares the figure".into()),
            None,
        ));
    };
    let rebuild = |f: &str, p: &str| {
        let mut s = format!("{f}.{p}");
        if let Some(part) = part {
            s.push('.');
            s.push_str(part);
        }
        if let Some(rest) = inner.split_once('|').map(|(_, o)| o) {
            s.push_str(" |");
            s.push_str(rest.trim_end());
        }
        format!(" {} ", s.trim())
    };
    let Some(figure) = figures.get(figure_name) else {
        let names = figures.figures.iter().map(|f| f.id.value.as_str());
        let nearest = suggest::nearest(figure_name, names);
        return Err(problem(
            format!("there is no figure `{figure_name}` in the figures block"),
            Some(match nearest {
                Some(n) => format!("did you mean `{n}`?"),
                None if figures.figures.is_empty() => {
                    format!("declare `{figure_name}` in the figures block")
                }
                None => format!(
                    "the figures are: {}",
                    figures
                        .figures
                        .iter()
                        .map(|f| f.id.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
            nearest.map(|n| rebuild(n, period)),
        ));
    };
    let Some(value) = figure.value(period) else {
        let periods = figure.values.iter().map(|v| v.period.value.as_str());
        let nearest = suggest::nearest(period, periods.clone());
        return Err(problem(
            format!("the figure `{figure_name}` has no value for `{period}`"),
            Some(match nearest {
                Some(n) => format!("did you mean `{n}`?"),
                None if figure.values.is_empty() => {
                    format!("add `values:` to `{figure_name}` in the figures block")
                }
                None => format!(
                    "its periods are: {}",
                    periods.collect::<Vec<_>>().join(", ")
                ),
            }),
            nearest.map(|n| rebuild(figure_name, n)),
        ));
    };
    for option in &options {
        if option.is_empty() {
            return Err(problem(
                "a `|` in a figure reference has no option after it".into(),
                Some(format!(
                    "write an option after the `|` ({}), or remove the `|`",
                    OPTIONS.join(", ")
                )),
                Some(format!(
                    " {} ",
                    inner.split('|').next().unwrap_or("").trim()
                )),
            ));
        }
        if !OPTIONS.contains(option) {
            return Err(problem(
                format!("unknown option `{option}` in a figure reference"),
                Some(format!("the options are: {}", OPTIONS.join(", "))),
                None,
            ));
        }
    }
    let amount = match (value.amount, part) {
        (a, None) => a,
        (Amount::Range { low, .. }, Some("low")) => Amount::Exact(low),
        (Amount::Range { high, .. }, Some("high")) => Amount::Exact(high),
        (Amount::Exact(_), Some(p)) => {
            return Err(problem(
                format!("`{figure_name}.{period}` is a single value, so `.{p}` does not apply"),
                Some(format!("write `{{{{ {figure_name}.{period} }}}}`")),
                Some(format!(" {figure_name}.{period} ")),
            ));
        }
        (Amount::Range { .. }, Some(p)) => {
            return Err(problem(
                format!("`.{p}` is not a part of a range"),
                Some("use `.low` or `.high`".into()),
                None,
            ));
        }
    };
    if options.contains(&"yen") && options.contains(&"usd") {
        return Err(problem(
            "`yen` and `usd` cannot be used together: `yen` shows the yen amount alone, `usd` the dollar translation alone".into(),
            Some("keep one of them, or neither for the yen amount with its translation".into()),
            None,
        ));
    }
    let opts = Options {
        abs: options.contains(&"abs"),
        yen_only: options.contains(&"yen"),
        usd_only: options.contains(&"usd"),
    };
    if opts.usd_only && ctx.rate.is_none() {
        return Err(problem(
            "`usd` asks for a dollar translation, but the draft states no exchange rate".into(),
            Some("add `fx:` with `rate:` to the front matter".into()),
            None,
        ));
    }
    Ok(render(figure, amount, opts, ctx))
}

#[derive(Debug, Clone, Copy)]
struct Options {
    abs: bool,
    yen_only: bool,
    usd_only: bool,
}

fn render(figure: &Figure, amount: Amount, opts: Options, ctx: &Context<'_>) -> String {
    let scale = figure.display.scale.unwrap_or(figure.scale);
    let sign = |d: Decimal| if opts.abs { d.abs() } else { d };
    match figure.unit {
        Unit::Percent | Unit::Count => {
            let decimals = figure
                .display
                .decimals
                .unwrap_or(if figure.unit == Unit::Percent { 1 } else { 0 });
            let suffix = if figure.unit == Unit::Percent {
                "%"
            } else {
                ""
            };
            let one = |d: Decimal| format!("{}{suffix}", group(round(sign(d), decimals), decimals));
            match amount {
                Amount::Exact(d) => one(d),
                Amount::Range { low, high } => format!("{}–{}", one(low), one(high)),
            }
        }
        Unit::Money(currency) => {
            let decimals = figure.display.decimals.unwrap_or(0);
            let factor = figure.scale.factor();
            let (low, high) = match amount {
                Amount::Exact(d) => (sign(d) * factor, None),
                Amount::Range { low, high } => (sign(low) * factor, Some(sign(high) * factor)),
            };
            let wants_usd =
                currency == Currency::Jpy && figure.display.usd.unwrap_or(true) && !opts.yen_only;
            let usd_rate = ctx.rate.filter(|r| !r.is_zero() && wants_usd);
            // English marks a negative amount with accounting parentheses, but a
            // pair "(JPY567 million) (($4.8 million))" reads badly, so a negative
            // pair is written with minus signs: "-JPY567 million (-$4.8 million)".
            let minus_signs = ctx.lang == Lang::En && usd_rate.is_some();
            let money = |d: Decimal, c: Currency, s: Scale, dp: u32| match ctx.lang {
                Lang::En if minus_signs => signed_en(d, c, s, dp),
                Lang::En => money_en(d, c, s, dp),
                Lang::Ja => money_ja(d, c, s, dp),
            };
            let primary = match high {
                None => money(low, currency, scale, decimals),
                Some(high) => range_text(
                    money(low, currency, scale, decimals),
                    money(high, currency, scale, decimals),
                    ctx.lang,
                ),
            };
            let Some(rate) = usd_rate else {
                return primary;
            };
            let to_usd = |yen: Decimal| yen / rate;
            let (usd_scale, usd_decimals) = {
                let (s, d) = usd_precision(to_usd(low));
                (
                    figure.display.usd_scale.unwrap_or(s),
                    figure.display.usd_decimals.unwrap_or(d),
                )
            };
            let usd = match high {
                None => money(to_usd(low), Currency::Usd, usd_scale, usd_decimals),
                Some(high) => range_text(
                    money(to_usd(low), Currency::Usd, usd_scale, usd_decimals),
                    money(to_usd(high), Currency::Usd, usd_scale, usd_decimals),
                    ctx.lang,
                ),
            };
            if opts.usd_only {
                return usd;
            }
            match ctx.lang {
                Lang::En => format!("{primary} ({usd})"),
                Lang::Ja => format!("{primary}（{usd}）"),
            }
        }
    }
}

/// English money with a leading minus sign instead of accounting parentheses.
fn signed_en(amount: Decimal, currency: Currency, scale: Scale, decimals: u32) -> String {
    let text = money_en(amount.abs(), currency, scale, decimals);
    if amount.is_sign_negative() && !round(amount / scale.factor(), decimals).is_zero() {
        format!("-{text}")
    } else {
        text
    }
}

fn range_text(low: String, high: String, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{low} to {high}"),
        Lang::Ja => format!("{low}～{high}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use crate::source::SourceFile;

    fn figures() -> Figures {
        let yaml = "revenue:\n  unit: JPY\n  scale: million\n  values: {3Q02: 10573, 4Q02: {low: 12500, high: 13000}}\n  display: {scale: billion, decimals: 1}\noperating_income:\n  unit: JPY\n  scale: million\n  values: {3Q02: -567}\ngrowth:\n  unit: percent\n  values: {3Q02: 6.3}\n";
        let source = SourceFile::named("t", yaml);
        let mut d: Vec<Diagnostic> = Vec::new();
        let f = super::super::figures::parse(&source, Span::new(0, yaml.len()), &mut d);
        assert!(d.is_empty(), "{d:?}");
        f
    }

    #[test]
    fn renders_with_usd_translation() {
        let f = figures();
        let rate = Some(Decimal::new(11875, 2));
        let ctx = Context {
            figures: Some(&f),
            rate,
            lang: Lang::En,
        };
        assert_eq!(
            resolve(" revenue.3Q02 ", &ctx).unwrap(),
            "JPY10.6 billion ($89.0 million)"
        );
        assert_eq!(
            resolve("revenue.4Q02.low", &ctx).unwrap(),
            "JPY12.5 billion ($105.3 million)"
        );
        assert_eq!(
            resolve("revenue.4Q02.high", &ctx).unwrap(),
            "JPY13.0 billion ($109.5 million)"
        );
        assert_eq!(
            resolve("operating_income.3Q02 | abs | yen", &ctx).unwrap(),
            "JPY567 million"
        );
        assert_eq!(
            resolve("revenue.3Q02 | usd", &ctx).unwrap(),
            "$89.0 million"
        );
        assert_eq!(resolve("growth.3Q02", &ctx).unwrap(), "6.3%");
        assert_eq!(
            resolve("operating_income.3Q02", &ctx).unwrap(),
            "-JPY567 million (-$4.8 million)"
        );
        assert_eq!(
            resolve("operating_income.3Q02 | yen", &ctx).unwrap(),
            "(JPY567 million)"
        );
        let ja = Context {
            lang: Lang::Ja,
            ..ctx
        };
        assert_eq!(
            resolve("revenue.3Q02", &ja).unwrap(),
            "106億円（8,900万ドル）"
        );
    }

    #[test]
    fn unknown_names_suggest_the_nearest() {
        let f = figures();
        let ctx = Context {
            figures: Some(&f),
            rate: None,
            lang: Lang::En,
        };
        let e = resolve("revenu.3Q02", &ctx).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `revenue`?"));
        assert_eq!(e.replacement.as_deref(), Some(" revenue.3Q02 "));
        let e = resolve("revenue.3Q2", &ctx).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `3Q02`?"));
        assert!(resolve("revenue", &ctx).is_err());
        assert!(resolve("revenue.3Q02 | bold", &ctx).is_err());
        let e = resolve("revenue.3Q02 | yen | usd", &ctx).unwrap_err();
        assert!(
            e.message.contains("cannot be used together"),
            "{}",
            e.message
        );
        let e = resolve("revenue.3Q02 | ", &ctx).unwrap_err();
        assert_eq!(
            e.message,
            "a `|` in a figure reference has no option after it"
        );
        assert_eq!(e.replacement.as_deref(), Some(" revenue.3Q02 "));
        let e = resolve("a.b", &ctx).unwrap_err();
        assert_eq!(e.message, "there is no figure `a` in the figures block");
        assert_eq!(e.replacement, None);
    }

    #[test]
    fn full_width_forms_mean_the_ascii_forms() {
        let f = figures();
        let ctx = Context {
            figures: Some(&f),
            rate: None,
            lang: Lang::Ja,
        };
        assert_eq!(
            resolve("　operating_income．３Ｑ０２　｜　abs　", &ctx).unwrap(),
            "5億6,700万円"
        );
        let found: Vec<_> = find("売上高は｛｛ revenue.3Q02 ｝｝でした")
            .map(|(_, i)| i)
            .collect();
        assert_eq!(found, vec![" revenue.3Q02 "]);
    }

    #[test]
    fn finds_what_the_pattern_matches() {
        // Every string of up to five pieces from an alphabet of braces, line
        // breaks and letters, found by hand and by the regex.
        let alphabet = [
            "{", "}", "｛", "｝", "\n", "a", "{{", "}}", "｛｛", "｝｝", "é",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |a| format!("{t}{a}")))
                .collect();
            texts.extend(longer);
            texts.sort();
            texts.dedup();
        }
        for text in &texts {
            let by_hand: Vec<_> = find(text).collect();
            let by_regex: Vec<_> = REFERENCE
                .captures_iter(text)
                .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.as_str())))
                .collect();
            assert_eq!(by_hand, by_regex, "{text:?}");
        }
    }

    #[test]
    fn finds_references() {
        let found: Vec<_> = find("a {{ x.y }} b {{z.w|abs}}")
            .map(|(r, i)| (r, i.to_string()))
            .collect();
        assert_eq!(
            found,
            vec![
                (2..11, " x.y ".to_string()),
                (14..25, "z.w|abs".to_string())
            ]
        );
    }
}
