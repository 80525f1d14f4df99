//! Placing charts: bar and pie charts drawn as shapes in the page's
//! colours, with their legend and a text alternative for the structure
//! tree.

use super::*;

impl Flow<'_> {
    /// A chart drawn with vector shapes and real text, from the same numbers
    /// as the page's SVG: bars or a line ([`Flow::pie_chart`] draws pies).
    pub(super) fn chart(&mut self, chart: &RenderedChart) -> Result<()> {
        if chart.data.is_empty() {
            return Ok(());
        }
        let small = TextStyle {
            size: self.design.type_sizes.small,
            color: self.color_muted,
            bold: false,
            tabular: false,
        };
        let caption_style = TextStyle {
            size: self.design.type_sizes.body,
            color: self.color_text,
            bold: true,
            tabular: false,
        };
        let plot_height = 120.0f32;
        let label_height = small.size * 1.6;
        let caption_lines = self.set_lines(
            &[Span::plain(&chart.caption)],
            caption_style,
            0.0,
            self.text_width,
            RAGGED,
            false,
            false,
        )?;
        let caption_height: f32 = caption_lines.iter().map(|l| l.height).sum();
        let total = caption_height + plot_height + 2.0 * label_height;
        self.gap(self.body_size());
        if total > self.room() && !self.at_page_top() {
            self.new_page();
        }
        self.open_element(StructKind::P);
        for line in caption_lines {
            self.place(line);
        }
        self.close_element();
        let max = chart
            .data
            .iter()
            .map(|d| d.high)
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let min = chart.data.iter().map(|d| d.low).fold(0.0f64, f64::min);
        let span = (max - min).max(1e-9);
        let plot_width = self.text_width.min(420.0);
        let n = chart.data.len() as f32;
        let slot = plot_width / n;
        let to_y = |v: f64| label_height + plot_height * (1.0 - ((v - min) / span) as f32);
        if chart.kind == "pie" {
            return self.pie_chart(chart, plot_height + 2.0 * label_height, small);
        }
        let mut items = Vec::new();
        let zero = to_y(0.0);
        items.push(RelItem::Rule {
            x: 0.0,
            width: plot_width,
            y: zero,
            color: self.color_rule,
            thickness: 0.6,
        });
        let mut points = Vec::new();
        for (i, d) in chart.data.iter().enumerate() {
            let center = slot * (i as f32 + 0.5);
            let color = if d.estimate {
                self.color_estimate
            } else {
                self.color_chart
            };
            let top = to_y(d.high);
            if chart.kind == "line" {
                points.push((center, to_y((d.low + d.high) / 2.0)));
                items.push(RelItem::Rect {
                    x: center - 2.0,
                    y: to_y((d.low + d.high) / 2.0) - 2.0,
                    width: 4.0,
                    height: 4.0,
                    color,
                });
            } else {
                let bar = slot * 0.56;
                let (upper, lower) = if d.high >= 0.0 {
                    (top, zero)
                } else {
                    (zero, to_y(d.low))
                };
                items.push(RelItem::Rect {
                    x: center - bar / 2.0,
                    y: upper,
                    width: bar,
                    height: (lower - upper).max(0.5),
                    color,
                });
            }
            for (text, baseline_y) in [
                (d.value.as_str(), (top - small.size * 0.4).max(small.size)),
                (
                    d.label.as_str(),
                    label_height + plot_height + small.size * 1.3,
                ),
            ] {
                let first = self
                    .set_lines(&[Span::plain(text)], small, 0.0, slot, RAGGED, true, false)?
                    .into_iter()
                    .next();
                if let Some(line) = first {
                    let dy = baseline_y
                        - small.size * self.fonts.ascent()
                        - (line.height - small.size) / 2.0;
                    for item in line.items {
                        if let RelItem::Glyphs { .. } = item {
                            items.push(shift_item(item, center - slot / 2.0, dy));
                        }
                    }
                }
            }
        }
        if points.len() > 1 {
            items.push(RelItem::Path {
                points,
                color: self.color_chart,
                width: 1.5,
            });
        }
        let figure = self.open_element(StructKind::Figure);
        if let Some(node) = self.structure.get_mut(figure) {
            node.alt = Some(chart_alt_text(chart));
        }
        self.place(PlacedLine {
            height: plot_height + 2.0 * label_height,
            items,
        });
        self.close_element();
        Ok(())
    }

    /// A pie chart (its caption placed already): slices as filled shapes in
    /// the page's colours, and a legend with each part's value and share.
    pub(super) fn pie_chart(
        &mut self,
        chart: &RenderedChart,
        height: f32,
        small: TextStyle,
    ) -> Result<()> {
        let total: f64 = chart.data.iter().map(|d| d.high.max(0.0)).sum();
        let radius = height / 2.0 - 6.0;
        let (cx, cy) = (radius + 6.0, height / 2.0);
        let colour = |i: usize| {
            crate::render::chart::PIE_COLOURS
                .get(i % crate::render::chart::PIE_COLOURS.len())
                .and_then(|hex| Color::from_hex(hex))
                .unwrap_or(self.color_chart)
        };
        let mut items = Vec::new();
        let mut angle = -std::f64::consts::FRAC_PI_2;
        let legend_x = cx + radius + 24.0;
        let legend_width = (self.text_width - legend_x).max(60.0);
        for (i, d) in chart.data.iter().enumerate() {
            let share = if total > 0.0 {
                d.high.max(0.0) / total
            } else {
                0.0
            };
            let next = angle + share * std::f64::consts::TAU;
            // The arc as short chords (at most 2° each); y grows downwards
            // here, so angles run clockwise as in the page's SVG.
            let steps = ((next - angle).to_degrees() / 2.0).ceil().max(1.0) as usize;
            let mut points = vec![(cx, cy)];
            for k in 0..=steps {
                let a = angle + (next - angle) * k as f64 / steps as f64;
                points.push((cx + radius * a.cos() as f32, cy + radius * a.sin() as f32));
            }
            if share > 0.0 {
                items.push(RelItem::Shape {
                    points,
                    color: colour(i),
                });
            }
            let row_y = 6.0 + i as f32 * small.size * 1.9;
            items.push(RelItem::Rect {
                x: legend_x,
                y: row_y,
                width: small.size,
                height: small.size,
                color: colour(i),
            });
            let label = format!("{}: {} ({:.1}%)", d.label, d.value, share * 100.0);
            let line = self
                .set_lines(
                    &[Span::plain(&label)],
                    small,
                    0.0,
                    legend_width,
                    RAGGED,
                    false,
                    false,
                )?
                .into_iter()
                .next();
            if let Some(line) = line {
                let dy = row_y + small.size * 0.5 - line.height / 2.0;
                for item in line.items {
                    if let RelItem::Glyphs { .. } = item {
                        items.push(shift_item(item, legend_x + small.size * 1.6, dy));
                    }
                }
            }
            angle = next;
        }
        let legend_height = chart.data.len() as f32 * small.size * 1.9 + 6.0;
        let figure = self.open_element(StructKind::Figure);
        if let Some(node) = self.structure.get_mut(figure) {
            node.alt = Some(chart_alt_text(chart));
        }
        self.place(PlacedLine {
            height: height.max(legend_height),
            items,
        });
        self.close_element();
        Ok(())
    }
}

/// A chart's alternate text: its caption and every value with its label,
/// estimates marked, so a screen reader gives what the bars show.
pub(super) fn chart_alt_text(chart: &RenderedChart) -> String {
    let values: Vec<String> = chart
        .data
        .iter()
        .map(|d| {
            let estimate = if d.estimate { " (estimate)" } else { "" };
            format!("{}: {}{estimate}", d.label, d.value)
        })
        .collect();
    format!(
        "{}. {}.",
        chart.caption.trim_end_matches('.'),
        values.join("; ")
    )
}
