//! Placing tables: column widths, tabular figures, rows that never split,
//! a header row repeated after a page break, and a table kept on one page
//! when it fits.

use super::*;

impl Flow<'_> {
    pub(super) fn table(&mut self, table: &TableBlock) -> Result<()> {
        let columns = table
            .header
            .iter()
            .chain(&table.rows)
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        if columns == 0 {
            return Ok(());
        }
        // Tabular figures, so that right-aligned numbers line up.
        let style = TextStyle {
            size: self.design.type_sizes.body * 0.92,
            color: self.color_text,
            bold: false,
            tabular: true,
        };
        let padding = 4.0f32;
        // Natural widths: the widest line of each column's cells.
        let mut natural = vec![0.0f32; columns];
        let header_count = table.header.len();
        for (r, row) in table.header.iter().chain(&table.rows).enumerate() {
            // Header cells are set in bold (see `table_row`).
            let header = r < header_count;
            for (c, cell) in row.iter().enumerate() {
                let shaped = shape(self.fonts, cell, |s| TextStyle {
                    bold: header || s.bold,
                    ..style
                })?;
                let widest = shaped
                    .text
                    .split('\n')
                    .map(|piece| {
                        let start = piece.as_ptr() as usize - shaped.text.as_ptr() as usize;
                        let end = start + piece.len();
                        shaped
                            .glyphs
                            .iter()
                            .filter(|g| {
                                g.glyph.cluster.start >= start && g.glyph.cluster.start < end
                            })
                            .map(|g| g.glyph.x_advance)
                            .sum::<f32>()
                    })
                    .fold(0.0f32, f32::max);
                if let Some(n) = natural.get_mut(c) {
                    // A hair more than the text, so rounding never wraps it.
                    *n = n.max(widest + 2.0 * padding + 0.5);
                }
            }
        }
        let total: f32 = natural.iter().sum();
        let widths: Vec<f32> = if total <= self.text_width {
            natural.clone()
        } else {
            // Too wide: every column keeps a share of the page in proportion
            // to its natural width, with a floor so none disappears.
            let floor = self.text_width / columns as f32 * 0.4;
            let flexible: f32 = natural.iter().map(|n| (n - floor).max(0.0)).sum();
            let spare = self.text_width - floor * columns as f32;
            natural
                .iter()
                .map(|n| floor + (n - floor).max(0.0) / flexible.max(1.0) * spare)
                .collect()
        };
        let header_rows: Vec<PlacedLine> = table
            .header
            .iter()
            .map(|row| self.table_row(row, &widths, table, style, true, padding))
            .collect::<Result<_>>()?;
        let header_height: f32 = header_rows.iter().map(|r| r.height).sum();
        self.gap(style.size * 0.4);
        let body_rows: Vec<PlacedLine> = table
            .rows
            .iter()
            .map(|r| self.table_row(r, &widths, table, style, false, padding))
            .collect::<Result<_>>()?;
        let first_height = body_rows.first().map_or(0.0, |r| r.height);
        let total = header_height + body_rows.iter().map(|r| r.height).sum::<f32>();
        // A table that fits on a page is kept on one; a longer one starts
        // with its header and at least its first row.
        let needed = if total <= self.top - self.bottom {
            total
        } else {
            header_height + first_height
        };
        if needed > self.room() && !self.at_page_top() {
            self.new_page();
        }
        self.open_element(StructKind::Table);
        // The header rows again after a page break are page furniture: the
        // structure has them once.
        let place_header = |flow: &mut Flow<'_>, repeated: bool| -> Result<()> {
            for row in &table.header {
                let line = flow.table_row(row, &widths, table, style, true, padding)?;
                if repeated {
                    flow.place_in(line, &[], true);
                } else {
                    flow.place_row(line, columns, true, false);
                }
            }
            Ok(())
        };
        place_header(self, false)?;
        for line in body_rows {
            // A row is never split: it goes to the next page whole, under
            // the header row again.
            if line.height > self.room() && !self.at_page_top() {
                self.new_page();
                place_header(self, true)?;
            }
            self.place_row(line, columns, false, table.row_headers);
        }
        self.close_element();
        self.y -= style.size * 0.6;
        Ok(())
    }

    /// Place a table row as a `TR` of `columns` cells: header cells head
    /// their column; with `row_header`, a body row's first cell heads it.
    pub(super) fn place_row(
        &mut self,
        line: PlacedLine,
        columns: usize,
        header: bool,
        row_header: bool,
    ) {
        self.open_element(StructKind::TR);
        let cells: Vec<usize> = (0..columns)
            .map(|c| {
                self.element(if header {
                    StructKind::TH(Scope::Column)
                } else if row_header && c == 0 {
                    StructKind::TH(Scope::Row)
                } else {
                    StructKind::TD
                })
            })
            .collect();
        self.place_in(line, &cells, false);
        self.close_element();
    }

    /// One table row as a line: its cells set in their columns, a rule below.
    pub(super) fn table_row(
        &self,
        row: &[Vec<Span>],
        widths: &[f32],
        table: &TableBlock,
        style: TextStyle,
        header: bool,
        padding: f32,
    ) -> Result<PlacedLine> {
        let mut items = Vec::new();
        let mut height = 0.0f32;
        let mut x = 0.0f32;
        for (c, width) in widths.iter().enumerate() {
            let cell = row.get(c).map(Vec::as_slice).unwrap_or_default();
            let align = table.align.get(c).copied().unwrap_or(Alignment::None);
            let cell_style = TextStyle {
                bold: header,
                ..style
            };
            let inner = (width - 2.0 * padding).max(1.0);
            let lines = self.set_lines(
                cell,
                cell_style,
                0.0,
                inner,
                RAGGED,
                align == Alignment::Center,
                align == Alignment::Right,
            )?;
            let mut y = padding * 0.5;
            for line in lines {
                for item in line.items {
                    items.push(shift_item(with_part(item, c), x + padding, y));
                }
                y += line.height;
            }
            height = height.max(y + padding * 0.5);
            x += width;
        }
        let table_width: f32 = widths.iter().sum();
        items.push(RelItem::Rule {
            x: 0.0,
            width: table_width,
            y: height,
            color: self.color_rule,
            thickness: if header { 0.8 } else { 0.3 },
        });
        Ok(PlacedLine { height, items })
    }
}
