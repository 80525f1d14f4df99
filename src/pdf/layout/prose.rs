//! Placing prose: the letterhead, headings, paragraphs and list items, each
//! broken into lines and kept from leaving a widow, an orphan or a heading
//! at the foot of a page.

use super::*;

impl Flow<'_> {
    pub(super) fn body_style(&self) -> TextStyle {
        TextStyle {
            size: self.design.type_sizes.body,
            color: self.color_text,
            bold: false,
            tabular: false,
        }
    }

    /// `spans` set ragged right across the text width and placed.
    pub(super) fn place_ragged(&mut self, spans: &[Span], style: TextStyle) -> Result<()> {
        let lines = self.set_lines(spans, style, 0.0, self.text_width, RAGGED, false, false)?;
        self.open_element(StructKind::P);
        for line in lines {
            self.place(line);
        }
        self.close_element();
        Ok(())
    }

    /// The letterhead, headline, subhead, draft notice and dateline.
    pub(super) fn letterhead(&mut self, release: &Release) -> Result<()> {
        let t = &self.design.type_sizes;
        let company = self.design.letterhead.company.clone();
        if !company.is_empty() {
            let mut spans = vec![Span::bold(&company)];
            if !self.design.letterhead.ticker.is_empty() {
                spans.push(Span::plain(&format!(
                    " ({})",
                    self.design.letterhead.ticker
                )));
            }
            let style = TextStyle {
                size: t.body,
                color: self.color_accent,
                bold: false,
                tabular: false,
            };
            self.place_ragged(&spans, style)?;
            let rule_y = 3.0;
            self.place(PlacedLine {
                height: 10.0,
                items: vec![RelItem::Rule {
                    x: 0.0,
                    width: self.text_width,
                    y: rule_y,
                    color: self.color_accent,
                    thickness: 1.2,
                }],
            });
        }
        if let Some(banner) = &release.draft_banner {
            let style = TextStyle {
                size: t.body,
                color: Color(0.7, 0.0, 0.0),
                bold: true,
                tabular: false,
            };
            self.place_ragged(&[Span::bold(banner)], style)?;
            self.gap(t.body * 0.5);
        }
        self.heading(1, &[Span::plain(&release.release.title)], true)?;
        if let Some(subtitle) = &release.release.subtitle {
            let style = TextStyle {
                size: t.h3,
                color: self.color_muted,
                bold: false,
                tabular: false,
            };
            self.place_ragged(&[Span::plain(subtitle)], style)?;
            self.gap(t.body * 0.6);
        }
        let dateline = match (&release.release.dateline, &release.release.date_long) {
            (Some(place), Some(date)) => Some(format!("{place}, {date} —")),
            (None, Some(date)) => Some(format!("{date} —")),
            (Some(place), None) => Some(format!("{place} —")),
            (None, None) => None,
        };
        if let Some(dateline) = dateline {
            self.paragraph(&[Span::bold(&dateline)], ParagraphKind::Ragged)?;
        }
        Ok(())
    }

    pub(super) fn heading(&mut self, level: u8, spans: &[Span], outline: bool) -> Result<()> {
        let t = &self.design.type_sizes;
        let size = match level {
            1 => t.h1,
            2 => t.h2,
            _ => t.h3,
        };
        let style = TextStyle {
            size,
            color: self.color_accent,
            bold: true,
            tabular: false,
        };
        let lines = self.set_lines(spans, style, 0.0, self.text_width, RAGGED, false, false)?;
        let height: f32 = lines.iter().map(|l| l.height).sum();
        let body_line = t.body * t.line_height;
        self.gap(size * 0.6);
        // Keep the heading with the two lines that follow it.
        if height + 2.0 * body_line > self.room() && !self.at_page_top() {
            self.new_page();
        }
        self.open_element(StructKind::Heading(level.clamp(1, 6)));
        if outline {
            let title: String = spans.iter().map(|s| s.text.as_str()).collect();
            self.outline.push(OutlineEntry {
                level,
                title: title.split_whitespace().collect::<Vec<_>>().join(" "),
                page: self.pages.len().saturating_sub(1),
                y: self.y,
            });
        }
        for line in lines {
            self.place(line);
        }
        self.close_element();
        self.y -= size * 0.25;
        Ok(())
    }

    pub(super) fn paragraph(&mut self, spans: &[Span], kind: ParagraphKind) -> Result<()> {
        self.paragraph_indented(spans, kind, 0, None)
    }

    pub(super) fn paragraph_indented(
        &mut self,
        spans: &[Span],
        kind: ParagraphKind,
        indent: usize,
        marker: Option<&str>,
    ) -> Result<()> {
        let mut style = self.body_style();
        if kind == ParagraphKind::Note {
            style.size = self.design.type_sizes.small;
            style.color = self.color_muted;
        }
        let step = style.size * 1.6;
        let left = step * indent as f32;
        let width = (self.text_width - left).max(step * 4.0);
        let body = kind == ParagraphKind::Body;
        let breaking = Breaking {
            justify: body && self.design.type_sizes.justify,
            hyphenate: body && self.design.type_sizes.hyphenate,
        };
        let mut lines = self.set_lines(
            spans,
            style,
            left,
            width,
            breaking,
            kind == ParagraphKind::Centered,
            false,
        )?;
        if let (Some(marker), Some(first)) = (marker, lines.first_mut()) {
            let marker_lines = self.set_lines(
                &[Span::plain(marker)],
                style,
                0.0,
                step,
                RAGGED,
                false,
                false,
            )?;
            if let Some(m) = marker_lines.into_iter().next() {
                for item in m.items {
                    if let RelItem::Glyphs {
                        face,
                        size,
                        color,
                        x,
                        baseline,
                        glyphs,
                        text,
                        ..
                    } = item
                    {
                        // The marker comes first in reading order; it is
                        // the list item's label (part 1).
                        first.items.insert(
                            0,
                            RelItem::Glyphs {
                                face,
                                size,
                                color,
                                x: x + left - step * 0.9,
                                baseline,
                                glyphs,
                                text,
                                part: 1,
                            },
                        );
                    }
                }
            }
        }
        // In a list item, the marker is the item's label.
        let label = (marker.is_some() && self.kind_of(self.current()) == Some(StructKind::LI))
            .then(|| self.element(StructKind::Lbl));
        let paragraph = self.open_element(StructKind::P);
        self.place_paragraph(lines, &[paragraph, label.unwrap_or(paragraph)]);
        self.close_element();
        self.y -= style.size * 0.45;
        Ok(())
    }

    /// Place a paragraph's lines with widow and orphan control: never one
    /// line alone at the foot or the head of a page.
    pub(super) fn place_paragraph(&mut self, lines: Vec<PlacedLine>, elements: &[usize]) {
        let count = lines.len();
        let line_height = lines.first().map_or(0.0, |l| l.height);
        if line_height > 0.0 && !self.at_page_top() {
            let fit = (self.room() / line_height).floor() as usize;
            // Orphan: the first line alone at the foot of the page.
            if count >= 2 && fit < 2 && fit < count {
                self.new_page();
            }
        }
        for (placed, line) in lines.into_iter().enumerate() {
            let left_after = count - placed;
            // Widow: the last line alone at the head of the next page.
            if left_after == 2
                && count >= 3
                && self.room() >= line.height
                && self.room() < 2.0 * line.height
                && !self.at_page_top()
            {
                self.new_page();
            }
            self.place_in(line, elements, false);
        }
    }
}
