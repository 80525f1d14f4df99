//! The financial-highlights table, generated from the figures block: one row
//! per money figure, one "Millions of yen" column per reported period and a
//! "Thousands of U.S. dollars" convenience-translation column for the latest
//! period, computed by relkit at the release's rate.

use super::escape;
use crate::draft::figures::{Amount, Figure, Figures, Unit};
use crate::draft::format::{Currency, group, round};
use crate::draft::front_matter::Lang;
use rust_decimal::Decimal;

/// The table as HTML, with its title and note, when the figures block has
/// money figures in yen.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Highlights {
    /// The section title.
    pub title: String,
    /// The table (escaped HTML made by relkit).
    pub html: String,
    /// The same table as data, for backends that write tables their own way.
    pub table: TableData,
    /// The convenience-translation note under the table, if there is a USD column.
    pub note: Option<String>,
}

/// A table's cells as text.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TableData {
    /// The header row: each cell's lines (the first cell is the label column's).
    pub header: Vec<Vec<String>>,
    /// The rows below it.
    pub rows: Vec<TableRow>,
}

/// One row: a label, then the numbers.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TableRow {
    /// The figure's label (with the non-GAAP mark).
    pub label: String,
    /// The numbers, as printed (`10,573`, `(567)`, `—`).
    pub cells: Vec<String>,
}

/// Build the table, or `None` when there is nothing to show.
pub fn table(figures: &Figures, rate: Option<Decimal>, lang: Lang) -> Option<Highlights> {
    let rows: Vec<&Figure> = figures
        .figures
        .iter()
        .filter(|f| f.unit == Unit::Money(Currency::Jpy))
        .collect();
    if rows.is_empty() {
        return None;
    }
    // Reported periods (not estimates), in the order they are first declared.
    let mut periods: Vec<&str> = Vec::new();
    for figure in &rows {
        for v in figure.values.iter().filter(|v| !v.estimate) {
            if !periods.contains(&v.period.value.as_str()) {
                periods.push(v.period.value.as_str());
            }
        }
    }
    let periods = crate::claims::series(&periods);
    if periods.is_empty() {
        return None;
    }
    let latest = periods.last().copied();
    let million = Decimal::from(1_000_000u64);
    let thousand = Decimal::from(1_000u64);
    let usd_column = rate.filter(|r| !r.is_zero()).zip(latest);
    let (yen_unit, usd_unit, non_gaap_mark) = match lang {
        Lang::En => (
            "Millions of yen",
            "Thousands of U.S. dollars",
            " (non-GAAP)",
        ),
        Lang::Ja => ("百万円", "千米ドル", "（非GAAP）"),
    };
    let mut data = TableData {
        header: vec![Vec::new()],
        rows: Vec::new(),
    };
    for p in &periods {
        data.header
            .push(vec![p.to_string(), format!("({yen_unit})")]);
    }
    if let Some((_, p)) = usd_column {
        data.header
            .push(vec![p.to_string(), format!("({usd_unit})")]);
    }
    for figure in rows {
        let factor = figure.scale.factor();
        let cell = |value: Option<Decimal>| match value {
            Some(v) => accounting(v, lang),
            None => "—".to_string(),
        };
        let mut cells: Vec<String> = periods
            .iter()
            .map(|p| {
                cell(figure.value(p).and_then(|v| match v.amount {
                    Amount::Exact(d) if !v.estimate => Some(round(d * factor / million, 0)),
                    _ => None,
                }))
            })
            .collect();
        if let Some((rate, p)) = usd_column {
            cells.push(cell(figure.value(p).and_then(|v| match v.amount {
                Amount::Exact(d) if !v.estimate => Some(round(d * factor / rate / thousand, 0)),
                _ => None,
            })));
        }
        let mut label = figure.label().to_string();
        if figure.non_gaap {
            label.push_str(non_gaap_mark);
        }
        data.rows.push(TableRow { label, cells });
    }
    let html = html_table(&data);
    let note = usd_column.map(|(rate, _)| match lang {
        Lang::En => format!(
            "U.S. dollar amounts are translated from yen, for convenience only, at ¥{} = US$1.",
            rate.normalize()
        ),
        Lang::Ja => format!(
            "米ドル金額は、便宜上、1米ドル＝{}円で換算しています。",
            rate.normalize()
        ),
    });
    Some(Highlights {
        title: match lang {
            Lang::En => "Financial highlights".to_string(),
            Lang::Ja => "業績ハイライト".to_string(),
        },
        html,
        table: data,
        note,
    })
}

/// The table as the release page shows it.
fn html_table(data: &TableData) -> String {
    let mut html = String::from("<table>\n<thead>\n<tr><th></th>");
    for cell in data.header.iter().skip(1) {
        let lines: Vec<String> = cell.iter().map(|line| escape(line)).collect();
        html.push_str(&format!("<th class=\"num\">{}</th>", lines.join("<br>")));
    }
    html.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &data.rows {
        html.push_str("<tr><th scope=\"row\">");
        html.push_str(&escape(&row.label));
        html.push_str("</th>");
        for cell in &row.cells {
            html.push_str(&format!("<td class=\"num\">{cell}</td>"));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>");
    html
}

/// `10,573`, `(567)` in English, `△567` in Japanese.
fn accounting(value: Decimal, lang: Lang) -> String {
    let digits = group(value.abs(), 0);
    match (value.is_sign_negative() && !value.is_zero(), lang) {
        (true, Lang::En) => format!("({digits})"),
        (true, Lang::Ja) => format!("△{digits}"),
        (false, _) => digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, Span};

    #[test]
    fn yen_columns_and_a_dollar_column_for_the_latest_period() {
        let yaml = "revenue:\n  label: Total revenues\n  unit: JPY\n  scale: million\n  values: {3Q01: 9946, 3Q02: 10573, 4Q02: {low: 12500, high: 13000}}\n  estimate: [4Q02]\noperating_income:\n  label: Operating income (loss)\n  unit: JPY\n  scale: million\n  values: {3Q01: 151, 3Q02: -567}\n";
        let source = SourceFile::named("f", yaml);
        let mut diags = Vec::new();
        let figures = crate::draft::figures::parse(&source, Span::new(0, yaml.len()), &mut diags);
        let t = table(&figures, Some(Decimal::new(11875, 2)), Lang::En).unwrap();
        assert!(
            t.html
                .contains("<th class=\"num\">3Q02<br>(Thousands of U.S. dollars)</th>"),
            "{}",
            t.html
        );
        assert!(
            t.html
                .contains("<td class=\"num\">10,573</td><td class=\"num\">89,036</td>"),
            "{}",
            t.html
        );
        assert!(
            t.html
                .contains("<td class=\"num\">(567)</td><td class=\"num\">(4,775)</td>"),
            "{}",
            t.html
        );
        assert!(!t.html.contains("4Q02"), "estimates are not highlights");
    }
}
