//! Inline SVG charts drawn from the figures block — bars, a line, or a pie
//! for a breakdown — with axis labels and values, so that no chart can
//! disagree with the text. Forecast periods are drawn lighter and marked (E);
//! a guidance range is drawn from its low to its high end.

use super::escape;
use crate::draft::figures::{Amount, Chart, Figure, Unit};
use crate::draft::format::{Scale, group, round};
use crate::draft::front_matter::Lang;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A chart ready for the page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RenderedChart {
    /// `bar`, `line` or `pie`.
    pub kind: &'static str,
    /// The figure id.
    pub id: String,
    /// The caption under the chart.
    pub caption: String,
    /// The SVG element.
    pub svg: String,
    /// The numbers drawn, for backends that show them as a table.
    pub data: Vec<ChartDatum>,
}

/// One bar, point or slice of a chart.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChartDatum {
    /// The period or part ("3Q02", "4Q02 (E)").
    pub label: String,
    /// The value as labelled on the chart ("10.6", "12.5–13.0").
    pub value: String,
    /// The value (the low end of a range), in the chart's unit.
    pub low: f64,
    /// The high end of a range (the value itself when exact).
    pub high: f64,
    /// Whether it is a forecast.
    pub estimate: bool,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 44.0;

/// One bar or point: label, low and high value (equal when exact), forecast or not.
struct Point {
    label: String,
    low: Decimal,
    high: Decimal,
    estimate: bool,
}

/// The unit words under the chart: "Billions of yen", "%", "億円".
fn unit_caption(figure: &Figure, scale: Scale, lang: Lang) -> String {
    match (figure.unit, lang) {
        (Unit::Percent, _) => "%".to_string(),
        (Unit::Count, _) => String::new(),
        (Unit::Money(c), Lang::En) => {
            let currency = match c {
                crate::draft::format::Currency::Jpy => "yen",
                crate::draft::format::Currency::Usd => "U.S. dollars",
            };
            match scale {
                Scale::One => currency.to_string(),
                s => format!("{}s of {currency}", capitalise(s.word())),
            }
        }
        (Unit::Money(c), Lang::Ja) => {
            let currency = match c {
                crate::draft::format::Currency::Jpy => "円",
                crate::draft::format::Currency::Usd => "米ドル",
            };
            let prefix = match scale {
                Scale::One => "",
                Scale::Thousand => "千",
                Scale::Million => "百万",
                Scale::Billion => "十億",
            };
            format!("{prefix}{currency}")
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The chart a figure asks for, or `None` when it asks for none or has no values.
pub fn render(figure: &Figure, lang: Lang) -> Option<RenderedChart> {
    let kind = figure.chart?;
    let scale = match figure.unit {
        Unit::Money(_) => figure.display.scale.unwrap_or(figure.scale),
        _ => figure.scale,
    };
    let decimals = figure.display.decimals.unwrap_or(match figure.unit {
        Unit::Percent => 1,
        _ => 0,
    });
    let to_display = |d: Decimal| match figure.unit {
        Unit::Money(_) => d * figure.scale.factor() / scale.factor(),
        _ => d,
    };
    let names: Vec<&str> = figure
        .values
        .iter()
        .map(|v| v.period.value.as_str())
        .collect();
    // Pies show a breakdown in the order written; bars and lines a time series.
    let shown: Vec<&str> = if kind == Chart::Pie {
        names
    } else {
        crate::claims::series(&names)
    };
    let points: Vec<Point> = shown
        .iter()
        .filter_map(|p| figure.value(p))
        .map(|v| {
            let (low, high) = match v.amount {
                Amount::Exact(d) => (to_display(d), to_display(d)),
                Amount::Range { low, high } => (to_display(low), to_display(high)),
            };
            Point {
                label: if v.estimate {
                    format!("{} (E)", v.period.value)
                } else {
                    v.period.value.clone()
                },
                low,
                high,
                estimate: v.estimate,
            }
        })
        .collect();
    if points.is_empty() {
        return None;
    }
    let unit = unit_caption(figure, scale, lang);
    let value_text = |p: &Point| {
        if p.low == p.high {
            group(round(p.low, decimals), decimals)
        } else {
            format!(
                "{}–{}",
                group(round(p.low, decimals), decimals),
                group(round(p.high, decimals), decimals)
            )
        }
    };
    let title = escape(figure.label());
    let svg = match kind {
        Chart::Bar => bars(&points, &title, &unit, &value_text),
        Chart::Line => line(&points, &title, &unit, &value_text),
        Chart::Pie => pie(&points, &title, &value_text),
    };
    let caption = if unit.is_empty() {
        figure.label().to_string()
    } else {
        format!("{} ({unit})", figure.label())
    };
    let data = points
        .iter()
        .map(|p| ChartDatum {
            label: p.label.clone(),
            value: value_text(p),
            low: f(p.low),
            high: f(p.high),
            estimate: p.estimate,
        })
        .collect();
    Some(RenderedChart {
        kind: match kind {
            Chart::Bar => "bar",
            Chart::Line => "line",
            Chart::Pie => "pie",
        },
        id: figure.id.value.clone(),
        caption,
        svg,
        data,
    })
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A coordinate written with one decimal: stable text, no float noise.
fn c(x: f64) -> String {
    format!("{x:.1}")
}

/// The y axis: from zero (or the lowest negative value) to a round maximum.
fn axis(points: &[Point]) -> (f64, f64) {
    let max = points.iter().map(|p| f(p.high)).fold(0.0_f64, f64::max);
    let min = points.iter().map(|p| f(p.low)).fold(0.0_f64, f64::min);
    let span = (max - min).max(1e-9);
    let step = 10f64.powf(span.log10().floor());
    let top = if max > 0.0 {
        (max / step).ceil() * step
    } else {
        0.0
    };
    let bottom = if min < 0.0 {
        (min / step).floor() * step
    } else {
        0.0
    };
    (bottom, if top > bottom { top } else { bottom + 1.0 })
}

/// The plotting area of a bar or line chart: the y axis and one slot per point.
struct Plot {
    bottom: f64,
    top: f64,
    slot: f64,
}

impl Plot {
    fn new(points: &[Point]) -> Plot {
        let (bottom, top) = axis(points);
        Plot {
            bottom,
            top,
            slot: (WIDTH - LEFT - RIGHT) / points.len().max(1) as f64,
        }
    }

    /// The y coordinate of a value.
    fn y(&self, v: f64) -> f64 {
        TOP + (HEIGHT - TOP - BOTTOM) * (self.top - v) / (self.top - self.bottom)
    }
}

/// A label centred on `x`.
fn centred_text(x: f64, y: f64, text: &str) -> String {
    format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>\n",
        c(x),
        c(y),
        escape(text)
    )
}

fn frame(plot: &Plot, title: &str, unit: &str, inner: &str) -> String {
    let (bottom, top) = (plot.bottom, plot.top);
    let y = |v: f64| plot.y(v);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{title}\">\n"
    );
    svg.push_str(&format!("<title>{title}</title>\n"));
    // Axis and gridlines at the bottom, top and zero.
    let mut levels = vec![bottom, 0.0, top];
    levels.dedup_by(|a, b| (*a - *b).abs() < f64::EPSILON);
    for v in levels {
        svg.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>\n",
            c(LEFT),
            c(y(v)),
            c(WIDTH - RIGHT),
            c(y(v))
        ));
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
            c(LEFT - 6.0),
            c(y(v) + 4.0),
            axis_label(v)
        ));
    }
    if !unit.is_empty() {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\n",
            c(LEFT - 48.0),
            c(TOP - 12.0),
            escape(unit)
        ));
    }
    svg.push_str(inner);
    svg.push_str("</svg>");
    svg
}

fn axis_label(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    if rounded == rounded.trunc() {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

fn bars(
    points: &[Point],
    title: &str,
    unit: &str,
    value_text: &dyn Fn(&Point) -> String,
) -> String {
    let plot = Plot::new(points);
    let y = |v: f64| plot.y(v);
    let slot = plot.slot;
    let bar_w = (slot * 0.6).min(64.0);
    let mut inner = String::new();
    for (i, p) in points.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
        let (fill, label) = if p.estimate {
            ("#9cc3e6", "forecast")
        } else {
            ("#0b5fa5", "reported")
        };
        let low = f(p.low);
        let high = f(p.high);
        let (y0, y1) = (y(low.max(0.0)), y(low.min(0.0)));
        inner.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"><title>{} {label}: {}</title></rect>\n",
            c(x),
            c(y0.min(y1)),
            c(bar_w),
            c((y1 - y0).abs().max(0.5)),
            escape(&p.label),
            escape(&value_text(p))
        ));
        if high > low {
            // A guidance range: the part from low to high, hatched lighter.
            inner.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{fill}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>\n",
                c(x),
                c(y(high)),
                c(bar_w),
                c((y(low) - y(high)).max(0.5))
            ));
        }
        inner.push_str(&centred_text(
            x + bar_w / 2.0,
            y(high.max(0.0)) - 6.0,
            &value_text(p),
        ));
        inner.push_str(&centred_text(
            x + bar_w / 2.0,
            HEIGHT - BOTTOM + 18.0,
            &p.label,
        ));
    }
    frame(&plot, title, unit, &inner)
}

fn line(
    points: &[Point],
    title: &str,
    unit: &str,
    value_text: &dyn Fn(&Point) -> String,
) -> String {
    let plot = Plot::new(points);
    let y = |v: f64| plot.y(v);
    let slot = plot.slot;
    let xs: Vec<f64> = (0..points.len())
        .map(|i| LEFT + slot * (i as f64 + 0.5))
        .collect();
    let mid = |p: &Point| (f(p.low) + f(p.high)) / 2.0;
    let path: Vec<String> = points
        .iter()
        .zip(&xs)
        .map(|(p, x)| format!("{},{}", c(*x), c(y(mid(p)))))
        .collect();
    let mut inner = format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#0b5fa5\" stroke-width=\"2\"/>\n",
        path.join(" ")
    );
    for (p, x) in points.iter().zip(&xs) {
        let fill = if p.estimate { "#9cc3e6" } else { "#0b5fa5" };
        inner.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{fill}\"/>\n",
            c(*x),
            c(y(mid(p)))
        ));
        inner.push_str(&centred_text(*x, y(mid(p)) - 10.0, &value_text(p)));
        inner.push_str(&centred_text(*x, HEIGHT - BOTTOM + 18.0, &p.label));
    }
    frame(&plot, title, unit, &inner)
}

/// The colours of a pie's slices, in order (the PDF uses the same).
pub(crate) const PIE_COLOURS: [&str; 6] = [
    "#0b5fa5", "#4f8fcc", "#9cc3e6", "#e07b39", "#f2b880", "#7a7a7a",
];

fn pie(points: &[Point], title: &str, value_text: &dyn Fn(&Point) -> String) -> String {
    const COLOURS: [&str; 6] = PIE_COLOURS;
    let total: f64 = points.iter().map(|p| f(p.high).max(0.0)).sum();
    let (cx, cy, r) = (WIDTH / 3.0, HEIGHT / 2.0, HEIGHT / 2.0 - 24.0);
    let mut inner = String::new();
    let mut angle = -std::f64::consts::FRAC_PI_2;
    for (i, p) in points.iter().enumerate() {
        let share = if total > 0.0 {
            f(p.high).max(0.0) / total
        } else {
            0.0
        };
        let next = angle + share * std::f64::consts::TAU;
        let large = if share > 0.5 { 1 } else { 0 };
        let colour = COLOURS[i % COLOURS.len()];
        inner.push_str(&format!(
            "<path d=\"M{},{} L{},{} A{},{} 0 {large} 1 {},{} Z\" fill=\"{colour}\" stroke=\"#fff\"/>\n",
            c(cx),
            c(cy),
            c(cx + r * angle.cos()),
            c(cy + r * angle.sin()),
            c(r),
            c(r),
            c(cx + r * next.cos()),
            c(cy + r * next.sin())
        ));
        let ly = TOP + 22.0 * i as f64;
        inner.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}: {} ({:.1}%)</text>\n",
            c(WIDTH * 0.62),
            c(ly),
            c(WIDTH * 0.62 + 18.0),
            c(ly + 11.0),
            escape(&p.label),
            escape(&value_text(p)),
            share * 100.0
        ));
        angle = next;
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{title}\">\n<title>{title}</title>\n{inner}</svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, Span};

    fn figure(chart: &str) -> Figure {
        let yaml = format!(
            "revenue:\n  label: Total revenues\n  unit: JPY\n  scale: million\n  values: {{3Q01: 9946, 3Q02: 10573, 4Q02: {{low: 12500, high: 13000}}}}\n  estimate: [4Q02]\n  display: {{scale: billion, decimals: 1}}\n  chart: {chart}\n"
        );
        let source = SourceFile::named("f", yaml.as_str());
        let mut diags = Vec::new();
        let figures = crate::draft::figures::parse(&source, Span::new(0, yaml.len()), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        figures.figures.into_iter().next().unwrap()
    }

    #[test]
    fn bars_carry_the_same_numbers_as_the_text() {
        let chart = render(&figure("bar"), Lang::En).unwrap();
        assert!(chart.svg.contains(">10.6</text>"), "{}", chart.svg);
        assert!(chart.svg.contains(">12.5–13.0</text>"), "{}", chart.svg);
        assert!(chart.svg.contains(">4Q02 (E)</text>"), "{}", chart.svg);
        assert_eq!(chart.caption, "Total revenues (Billions of yen)");
        assert_eq!(
            render(&figure("bar"), Lang::En).unwrap().svg,
            chart.svg,
            "deterministic"
        );
    }

    #[test]
    fn lines_and_pies_render() {
        assert!(
            render(&figure("line"), Lang::En)
                .unwrap()
                .svg
                .contains("<polyline")
        );
        assert!(
            render(&figure("pie"), Lang::Ja)
                .unwrap()
                .svg
                .contains("<path")
        );
    }
}
