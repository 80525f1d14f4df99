//! The PDF layout: the release's parts (letterhead, headline, body events,
//! highlights table, charts, contacts, disclaimers, end mark) turned into
//! blocks, the blocks into lines, and the lines onto pages of the
//! [`PageDesign`], as a [`DisplayList`].
//!
//! * Text is shaped with the bundled faces, Latin first and Japanese for
//!   the characters the Latin face lacks.
//! * Lines break at spaces and between Japanese characters (optimal fit:
//!   Knuth–Plass, [`super::linebreak`]), with kinsoku
//!   (no line starts with 、。）」ー or a small kana, none ends with （「),
//!   and never inside an amount ("JPY10.6 billion ($89.0 million)",
//!   "106億円"): the amounts relkit reads in the text are kept whole, but
//!   for a break between the groups of a Japanese amount ("1億 | 9,400万円").
//! * Body paragraphs are justified or ragged as the design says.
//! * No heading ends a page (it keeps the next two lines with it), no
//!   paragraph leaves a single line at the foot or the head of a page, table
//!   rows are never split and a table's header row is repeated after a page
//!   break; a disclaimer is kept on one page when it fits on one.
//! * The running header and footer ("Page 2 of 3") are drawn once the page
//!   count is known, as artifacts.
//!
//! This module holds the `Flow` — the cursor down the pages, the
//! structure tree being built, placing lines and finishing pages — and the
//! parts are placed by its submodules: `blocks` (Markdown events into
//! blocks), `text` (shaping and line breaking), `prose`, `table` and
//! `chart`.

use super::design::PageDesign;
use super::display::{
    Color, DisplayList, DocumentInfo, GlyphRun, Item, OutlineEntry, Page, Role, Scope, StructKind,
    StructNode,
};
use super::font::{FaceSet, FontStack, ShapedGlyph};
use super::linebreak::{BreakOptions, Item as KpItem, break_paragraph};
use crate::error::{Error, Result};
use crate::render::Release;
use crate::render::chart::RenderedChart;
use pulldown_cmark::{Alignment, Event, Tag, TagEnd};
use std::ops::Range;

mod blocks;
mod chart;
mod prose;
mod table;
mod text;

use blocks::{Block, Group, Span, TableBlock, blocks_of_events};
use text::*;

/// Lay out `release` with `design`, in the bundled faces.
pub fn lay_out(release: &Release, design: &PageDesign) -> Result<DisplayList> {
    let faces = FaceSet::bundled().map_err(|message| Error::Pdf { message })?;
    lay_out_in(release, design, faces)
}

/// Lay out `release` with `design`, in `faces`.
pub fn lay_out_in(release: &Release, design: &PageDesign, faces: &FaceSet) -> Result<DisplayList> {
    let fonts = Fonts::new(faces);
    let mut flow = Flow::new(design, &fonts);
    flow.letterhead(release)?;
    for block in blocks_of_events(release.body.iter().cloned()) {
        flow.block(&block)?;
    }
    if let Some(h) = &release.highlights {
        flow.gap(flow.body_size());
        flow.heading(2, &[Span::plain(&h.title)], true)?;
        let mut header = Vec::new();
        for (i, cell) in h.table.header.iter().enumerate() {
            let _ = i;
            header.push(vec![Span::bold(&cell.join("\n"))]);
        }
        let rows: Vec<Vec<Vec<Span>>> = h
            .table
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![vec![Span::plain(&row.label)]];
                cells.extend(row.cells.iter().map(|c| vec![Span::plain(c)]));
                cells
            })
            .collect();
        let mut align = vec![Alignment::Left];
        align.extend(std::iter::repeat_n(
            Alignment::Right,
            h.table.header.len().saturating_sub(1),
        ));
        flow.table(&TableBlock {
            header: vec![header],
            rows,
            align,
            row_headers: true,
        })?;
        if let Some(note) = &h.note {
            flow.paragraph(&[Span::small(note)], ParagraphKind::Note)?;
        }
    }
    for chart in &release.charts {
        flow.chart(chart)?;
    }
    if !release.contacts.is_empty() {
        flow.gap(flow.body_size());
        flow.heading(2, &[Span::plain(release.labels.contacts)], true)?;
        for contact in &release.contacts {
            let parts: Vec<&str> = [
                &contact.name,
                &contact.title,
                &contact.email,
                &contact.phone,
            ]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
            flow.paragraph(&[Span::plain(&parts.join("\n"))], ParagraphKind::Ragged)?;
        }
    }
    for disclaimer in &release.disclaimers {
        let mut blocks = vec![Block::Heading {
            level: 2,
            spans: vec![Span::plain(&disclaimer.title)],
        }];
        blocks.extend(blocks_of_events(
            crate::model::events::parse(&disclaimer.markdown, 0)
                .into_iter()
                .map(|(event, _)| event),
        ));
        flow.gap(flow.body_size() * 0.5);
        flow.keep_together(&blocks)?;
    }
    flow.gap(flow.body_size());
    flow.paragraph(&[Span::plain("###")], ParagraphKind::Centered)?;
    let mut list = flow.finish(release)?;
    list.info = DocumentInfo {
        title: release.release.title.clone(),
        author: release.release.company.clone(),
        subject: release.release.subtitle.clone(),
        keywords: release.release.ticker.clone(),
        lang: release.release.lang.to_string(),
        // SOURCE_DATE_EPOCH (reproducible builds) wins over the release date.
        date: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .map(|seconds| {
                crate::draft::date::Date::from_days_since_epoch(seconds.div_euclid(86_400))
                    .to_string()
            })
            .or_else(|| release.release.date.clone()),
        producer: format!("relkit {}", release.relkit.version),
        relkit_version: release.relkit.version.to_string(),
        draft_sha256: release.relkit.draft_sha256.clone(),
    };
    Ok(list)
}

// ---------------------------------------------------------------------------
// Blocks from Markdown events

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParagraphKind {
    /// Body text (justified when the design says so).
    Body,
    /// Ragged right.
    Ragged,
    /// Centred (the end mark).
    Centered,
    /// Small, muted (notes under tables).
    Note,
}

/// A line ready to be placed: its height and what it draws, relative to
/// its top left corner (y downwards from the top).
struct PlacedLine {
    height: f32,
    items: Vec<RelItem>,
}

/// An item relative to the top left of its line.
enum RelItem {
    Glyphs {
        face: usize,
        size: f32,
        color: Color,
        x: f32,
        baseline: f32,
        glyphs: Vec<ShapedGlyph>,
        text: String,
        /// Which structure element of the line the glyphs belong to: an
        /// index into the elements given to [`Flow::place_in`] (a list
        /// item's label, a table row's cells); 0 for ordinary text.
        part: usize,
    },
    Rule {
        x: f32,
        width: f32,
        y: f32,
        color: Color,
        thickness: f32,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Color,
    },
    Path {
        points: Vec<(f32, f32)>,
        color: Color,
        width: f32,
    },
    Shape {
        points: Vec<(f32, f32)>,
        color: Color,
    },
    Link {
        x: f32,
        width: f32,
        top: f32,
        bottom: f32,
        uri: String,
    },
}

struct Flow<'a> {
    design: &'a PageDesign,
    fonts: &'a Fonts,
    width: f32,
    height: f32,
    left: f32,
    text_width: f32,
    top: f32,
    bottom: f32,
    pages: Vec<Page>,
    /// The y of the next line's top on the current page.
    y: f32,
    outline: Vec<OutlineEntry>,
    /// The structure tree so far; element 0 is the document.
    structure: Vec<StructNode>,
    /// The open structure elements, innermost last (the document first).
    open: Vec<usize>,
    color_text: Color,
    color_accent: Color,
    color_muted: Color,
    color_rule: Color,
    color_chart: Color,
    color_estimate: Color,
}

impl<'a> Flow<'a> {
    fn new(design: &'a PageDesign, fonts: &'a Fonts) -> Flow<'a> {
        let (width, height) = design.page.size.points();
        let color = |hex: &str| Color::from_hex(hex).unwrap_or(Color::BLACK);
        let mut flow = Flow {
            design,
            fonts,
            width,
            height,
            left: design.page.margin_left,
            text_width: width - design.page.margin_left - design.page.margin_right,
            top: height - design.page.margin_top,
            bottom: design.page.margin_bottom,
            pages: Vec::new(),
            y: 0.0,
            outline: Vec::new(),
            structure: vec![StructNode {
                kind: StructKind::Document,
                parent: None,
                alt: None,
            }],
            open: vec![0],
            color_text: color(&design.colors.text),
            color_accent: color(&design.colors.accent),
            color_muted: color(&design.colors.muted),
            color_rule: color(&design.colors.rule),
            color_chart: color(&design.colors.chart),
            color_estimate: color(&design.colors.chart_estimate),
        };
        flow.new_page();
        flow
    }

    fn body_size(&self) -> f32 {
        self.design.type_sizes.body
    }

    fn new_page(&mut self) {
        self.pages.push(Page {
            width: self.width,
            height: self.height,
            items: Vec::new(),
        });
        self.y = self.top;
    }

    fn at_page_top(&self) -> bool {
        (self.y - self.top).abs() < 0.01
    }

    fn room(&self) -> f32 {
        self.y - self.bottom
    }

    fn gap(&mut self, points: f32) {
        if !self.at_page_top() {
            self.y -= points;
        }
    }

    /// The innermost open structure element.
    fn current(&self) -> usize {
        self.open.last().copied().unwrap_or(0)
    }

    fn kind_of(&self, element: usize) -> Option<StructKind> {
        self.structure.get(element).map(|n| n.kind)
    }

    /// A new structure element inside the current one, not opened. Content
    /// other than its label goes into a list item's body, opened on demand.
    fn element(&mut self, kind: StructKind) -> usize {
        if !matches!(kind, StructKind::Lbl | StructKind::LBody)
            && self.kind_of(self.current()) == Some(StructKind::LI)
        {
            self.open_element(StructKind::LBody);
        }
        self.structure.push(StructNode {
            kind,
            parent: Some(self.current()),
            alt: None,
        });
        self.structure.len() - 1
    }

    /// A new structure element inside the current one, opened: what is
    /// placed next belongs to it until [`Flow::close_element`].
    fn open_element(&mut self, kind: StructKind) -> usize {
        let id = self.element(kind);
        self.open.push(id);
        id
    }

    /// Close the innermost open element (never the document).
    fn close_element(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    /// Close open elements up to and including the innermost `kind`.
    fn close_until(&mut self, kind: StructKind) {
        while self.open.len() > 1 {
            let closed = self.open.pop().and_then(|e| self.kind_of(e));
            if closed == Some(kind) {
                break;
            }
        }
    }

    /// Put `line` at the current position (a new page first if it does not
    /// fit), as content of the innermost open structure element.
    fn place(&mut self, line: PlacedLine) {
        let current = self.current();
        self.place_in(line, &[current], false);
    }

    /// Put `line` at the current position (a new page first if it does not
    /// fit). Glyphs of part `i` belong to the structure element
    /// `elements[i]` (the first when there is no such part), other drawing
    /// to the first; rules are page furniture except in a chart. With
    /// `artifact`, everything is furniture (a repeated table header).
    fn place_in(&mut self, line: PlacedLine, elements: &[usize], artifact: bool) {
        if line.height > self.room() && !self.at_page_top() {
            self.new_page();
        }
        let top = self.y;
        let left = self.left;
        let first = elements.first().copied().unwrap_or(0);
        let role = |part: usize| {
            if artifact {
                Role::Artifact
            } else {
                Role::Content(elements.get(part).copied().unwrap_or(first))
            }
        };
        let rule_role = if self.kind_of(first) == Some(StructKind::Figure) {
            role(0)
        } else {
            Role::Artifact
        };
        let Some(page) = self.pages.last_mut() else {
            return;
        };
        for item in line.items {
            page.items.push(match item {
                RelItem::Glyphs {
                    face,
                    size,
                    color,
                    x,
                    baseline,
                    glyphs,
                    text,
                    part,
                } => Item::Glyphs(GlyphRun {
                    face,
                    size,
                    x: left + x,
                    y: top - baseline,
                    glyphs,
                    text,
                    color,
                    role: role(part),
                }),
                RelItem::Rule {
                    x,
                    width,
                    y,
                    color,
                    thickness,
                } => Item::Line {
                    from: (left + x, top - y),
                    to: (left + x + width, top - y),
                    width: thickness,
                    color,
                    role: rule_role,
                },
                RelItem::Rect {
                    x,
                    y,
                    width,
                    height,
                    color,
                } => Item::Rect {
                    x: left + x,
                    y: top - y - height,
                    width,
                    height,
                    color,
                    role: role(0),
                },
                RelItem::Path {
                    points,
                    color,
                    width,
                } => Item::Path {
                    points: points
                        .iter()
                        .map(|(px, py)| (left + px, top - py))
                        .collect(),
                    width,
                    color,
                    role: role(0),
                },
                RelItem::Shape { points, color } => Item::Shape {
                    points: points
                        .iter()
                        .map(|(px, py)| (left + px, top - py))
                        .collect(),
                    color,
                    role: role(0),
                },
                RelItem::Link {
                    x,
                    width,
                    top: t,
                    bottom: b,
                    uri,
                } => Item::Link {
                    rect: [left + x, top - b, left + x + width, top - t],
                    uri,
                },
            });
        }
        self.y -= line.height;
    }

    /// Set `spans` into lines `width` wide, indented by `indent`.
    #[allow(clippy::too_many_arguments)]
    fn set_lines(
        &self,
        spans: &[Span],
        style: TextStyle,
        indent: f32,
        width: f32,
        breaking: Breaking,
        centered: bool,
        right: bool,
    ) -> Result<Vec<PlacedLine>> {
        let shaped = shape(self.fonts, spans, |s| TextStyle {
            bold: style.bold || s.bold,
            size: if s.small {
                self.design.type_sizes.small
            } else {
                style.size
            },
            color: if s.link.is_some() {
                self.color_accent
            } else {
                style.color
            },
            tabular: style.tabular,
        })?;
        let lines = break_lines(&shaped, self.fonts, width, width, breaking);
        // Runs carry the paragraph's text, for the glyphs' Unicode; a hyphen
        // added at a line end stands for the `-` after it.
        let run_text = format!("{}-", shaped.text);
        let hyphen_cluster = shaped.text.len()..run_text.len();
        let line_height = style.size * self.design.type_sizes.line_height;
        let baseline = (line_height - style.size) / 2.0 + style.size * self.fonts.ascent();
        let mut out = Vec::with_capacity(lines.len());
        for line in lines {
            let shift = if centered {
                ((width - line.width) / 2.0).max(0.0)
            } else if right {
                (width - line.width).max(0.0)
            } else {
                0.0
            };
            let mut items: Vec<RelItem> = Vec::new();
            // Consecutive glyphs of one face and style form one run.
            // (face, size, colour, x, glyphs) of the run being collected.
            let mut run: Option<(usize, f32, Color, f32, Vec<ShapedGlyph>)> = None;
            let flush = |run: Option<(usize, f32, Color, f32, Vec<ShapedGlyph>)>,
                         items: &mut Vec<RelItem>| {
                if let Some((face, size, color, start, glyphs)) = run {
                    items.push(RelItem::Glyphs {
                        face,
                        size,
                        color,
                        x: indent + shift + start,
                        baseline,
                        glyphs,
                        text: run_text.clone(),
                        part: 0,
                    });
                }
            };
            let mut links: Vec<(f32, f32, String)> = Vec::new();
            let hyphen = line.hyphen.map(|(mut p, x)| {
                p.glyph.cluster = hyphen_cluster.clone();
                (p, x)
            });
            let glyphs = line
                .glyphs
                .iter()
                .filter_map(|&(gi, x)| shaped.glyphs.get(gi).map(|p| (p, x)))
                .chain(hyphen.as_ref().map(|(p, x)| (p, *x)));
            for (p, x) in glyphs {
                // A gap left by justification is added to the previous
                // glyph's advance, so one run (one `TJ`) covers the line.
                let continues = match &mut run {
                    Some((face, size, color, start, glyphs))
                        if *face == p.face && *size == p.size && *color == p.color =>
                    {
                        let end = *start + glyphs.iter().map(|g| g.x_advance).sum::<f32>();
                        let gap = x - end;
                        match glyphs.last_mut() {
                            Some(last) if gap.abs() < 0.01 => {
                                let _ = last;
                                true
                            }
                            Some(last) => {
                                let upem = self
                                    .fonts
                                    .faces
                                    .get(p.face)
                                    .map_or(1000.0, |f| f32::from(f.units_per_em()));
                                last.x_advance += gap;
                                last.x_advance_units += (gap * upem / p.size).round() as i32;
                                true
                            }
                            None => false,
                        }
                    }
                    _ => false,
                };
                if !continues {
                    flush(run.take(), &mut items);
                    run = Some((p.face, p.size, p.color, x, Vec::new()));
                }
                if let Some((_, _, _, _, glyphs)) = &mut run {
                    glyphs.push(p.glyph.clone());
                }
                if let Some((_, uri)) = shaped
                    .links
                    .iter()
                    .find(|(r, _)| r.contains(&p.glyph.cluster.start))
                {
                    match links.last_mut() {
                        Some((_, end, u)) if u == uri => *end = x + p.glyph.x_advance,
                        _ => links.push((x, x + p.glyph.x_advance, uri.clone())),
                    }
                }
            }
            flush(run.take(), &mut items);
            for (from, to, uri) in links {
                items.push(RelItem::Link {
                    x: indent + shift + from,
                    width: to - from,
                    top: baseline - style.size * 0.8,
                    bottom: baseline + style.size * 0.25,
                    uri,
                });
            }
            out.push(PlacedLine {
                height: line_height,
                items,
            });
        }
        Ok(out)
    }

    fn block(&mut self, block: &Block) -> Result<()> {
        match block {
            Block::Heading { level, spans } => self.heading(*level, spans, true),
            Block::Paragraph {
                spans,
                indent,
                marker,
                code,
            } => self.paragraph_indented(
                spans,
                if *code {
                    ParagraphKind::Ragged
                } else {
                    ParagraphKind::Body
                },
                *indent,
                marker.as_deref(),
            ),
            Block::Table(table) => self.table(table),
            Block::Open(group) => {
                self.open_element(group_kind(*group));
                Ok(())
            }
            Block::Close(group) => {
                self.close_until(group_kind(*group));
                Ok(())
            }
            Block::Rule => {
                self.gap(self.body_size() * 0.5);
                self.place(PlacedLine {
                    height: self.body_size(),
                    items: vec![RelItem::Rule {
                        x: 0.0,
                        width: self.text_width,
                        y: self.body_size() * 0.5,
                        color: self.color_rule,
                        thickness: 0.5,
                    }],
                });
                Ok(())
            }
        }
    }

    /// Blocks kept on one page when they fit on one (a disclaimer).
    fn keep_together(&mut self, blocks: &[Block]) -> Result<()> {
        let height = self.measure(blocks)?;
        let page_height = self.top - self.bottom;
        if height > self.room() && height <= page_height && !self.at_page_top() {
            self.new_page();
        }
        for block in blocks {
            self.block(block)?;
        }
        Ok(())
    }

    /// The height `blocks` take, set on an empty page.
    fn measure(&self, blocks: &[Block]) -> Result<f32> {
        let mut trial = Flow::new(self.design, self.fonts);
        for block in blocks {
            trial.block(block)?;
        }
        let pages = trial.pages.len() as f32;
        Ok((pages - 1.0) * (trial.top - trial.bottom) + (trial.top - trial.y))
    }

    /// Draw the running header and footer on every page and return the list.
    fn finish(mut self, release: &Release) -> Result<DisplayList> {
        let pages = self.pages.len();
        let small = TextStyle {
            size: self.design.type_sizes.small,
            color: self.color_muted,
            bold: false,
            tabular: false,
        };
        let header_y = self.height - self.design.page.margin_top * 0.55;
        let footer_y = self.design.page.margin_bottom * 0.5;
        let mut furniture: Vec<Vec<Item>> = Vec::with_capacity(pages);
        for number in 1..=pages {
            let fill = |s: &str| {
                s.replace("{page}", &number.to_string())
                    .replace("{pages}", &pages.to_string())
            };
            let mut items = Vec::new();
            for (running, y, rule) in [
                (&self.design.header, header_y, true),
                (&self.design.footer, footer_y, false),
            ] {
                let (right, right_width) =
                    self.one_line(&fill(&running.right), small, self.text_width, true)?;
                let left_room = (self.text_width - right_width - 12.0).max(36.0);
                let (left, _) = self.one_line(&fill(&running.left), small, left_room, false)?;
                for line in [left, right] {
                    items.extend(self.artifact_runs(line, y));
                }
                if rule {
                    items.push(Item::Line {
                        from: (self.left, y - small.size * 0.6),
                        to: (self.left + self.text_width, y - small.size * 0.6),
                        width: 0.4,
                        color: self.color_rule,
                        role: Role::Artifact,
                    });
                }
            }
            if release.draft_banner.is_some() {
                items.extend(self.watermark()?);
            }
            furniture.push(items);
        }
        for (page, items) in self.pages.iter_mut().zip(furniture) {
            let mut all = items;
            all.append(&mut page.items);
            page.items = all;
        }
        Ok(DisplayList {
            faces: self.fonts.faces.clone(),
            pages: self.pages,
            outline: self.outline,
            structure: self.structure,
            info: DocumentInfo::default(),
        })
    }

    /// The text of `line` as page furniture on the baseline `y`.
    fn artifact_runs(&self, line: PlacedLine, y: f32) -> Vec<Item> {
        line.items
            .into_iter()
            .filter_map(|item| match item {
                RelItem::Glyphs {
                    face,
                    size,
                    color,
                    x,
                    glyphs,
                    text,
                    ..
                } => Some(Item::Glyphs(GlyphRun {
                    face,
                    size,
                    x: self.left + x,
                    y,
                    glyphs,
                    text,
                    color,
                    role: Role::Artifact,
                })),
                _ => None,
            })
            .collect()
    }

    /// "DRAFT" across the middle of a page, light, behind the text.
    fn watermark(&self) -> Result<Vec<Item>> {
        let style = TextStyle {
            size: 96.0,
            color: Color(0.96, 0.85, 0.85),
            bold: true,
            tabular: false,
        };
        let lines = self.set_lines(
            &[Span::plain("DRAFT")],
            style,
            0.0,
            self.text_width,
            RAGGED,
            true,
            false,
        )?;
        let out = lines
            .into_iter()
            .take(1)
            .flat_map(|line| self.artifact_runs(line, self.height / 2.0))
            .collect();
        Ok(out)
    }
}

impl Flow<'_> {
    /// `text` on one line at most `width` wide (cut with an ellipsis when
    /// longer), right-aligned in `width` when `right`; with its drawn width.
    fn one_line(
        &self,
        text: &str,
        style: TextStyle,
        width: f32,
        right: bool,
    ) -> Result<(PlacedLine, f32)> {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut chars = flat.chars().count();
        loop {
            let candidate = clip(&flat, chars);
            let set = self.set_lines(
                &[Span::plain(&candidate)],
                style,
                0.0,
                f32::MAX / 4.0,
                RAGGED,
                false,
                false,
            )?;
            let Some(line) = set.into_iter().next() else {
                let empty = PlacedLine {
                    height: 0.0,
                    items: Vec::new(),
                };
                return Ok((empty, 0.0));
            };
            let drawn = line_width(&line);
            if drawn <= width || chars <= 1 {
                let shift = if right { (width - drawn).max(0.0) } else { 0.0 };
                let placed = PlacedLine {
                    height: line.height,
                    items: line
                        .items
                        .into_iter()
                        .map(|i| shift_item(i, shift, 0.0))
                        .collect(),
                };
                return Ok((placed, drawn));
            }
            chars -= 1;
        }
    }
}

/// The drawn width of a line's glyph runs.
fn line_width(line: &PlacedLine) -> f32 {
    line.items
        .iter()
        .filter_map(|i| match i {
            RelItem::Glyphs { x, glyphs, .. } => {
                Some(x + glyphs.iter().map(|g| g.x_advance).sum::<f32>())
            }
            _ => None,
        })
        .fold(0.0, f32::max)
}

/// At most `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The structure element a group of blocks is.
fn group_kind(group: Group) -> StructKind {
    match group {
        Group::List => StructKind::L,
        Group::Item => StructKind::LI,
        Group::Quote => StructKind::BlockQuote,
        Group::Footnote => StructKind::Note,
    }
}

/// `item` as part `part` of its line (a table cell's column).
fn with_part(mut item: RelItem, part: usize) -> RelItem {
    if let RelItem::Glyphs { part: p, .. } = &mut item {
        *p = part;
    }
    item
}

/// `item` moved by `dx`, `dy`.
fn shift_item(mut item: RelItem, dx: f32, dy: f32) -> RelItem {
    match &mut item {
        RelItem::Glyphs { x, baseline, .. } => {
            *x += dx;
            *baseline += dy;
        }
        RelItem::Rule { x, y, .. } | RelItem::Rect { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        RelItem::Path { points, .. } | RelItem::Shape { points, .. } => {
            for (x, y) in points.iter_mut() {
                *x += dx;
                *y += dy;
            }
        }
        RelItem::Link { x, top, bottom, .. } => {
            *x += dx;
            *top += dy;
            *bottom += dy;
        }
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinsoku_and_amounts_limit_the_breaks() {
        let text = "売上高は106億円となりました。データセンター（東京）";
        let protected = protected_ranges(text);
        let breaks = break_opportunities(text, &protected);
        for at in &breaks {
            let after = text.get(*at..).and_then(|s| s.chars().next());
            let before = text.get(..*at).and_then(|s| s.chars().last());
            assert!(
                !after.is_some_and(no_line_start),
                "a line would start with {after:?}"
            );
            assert!(
                !before.is_some_and(no_line_end),
                "a line would end with {before:?}"
            );
            assert!(
                !protected.iter().any(|r| r.start < *at && *at < r.end),
                "inside an amount"
            );
        }
        assert!(!breaks.is_empty());
    }

    #[test]
    fn japanese_amounts_may_break_between_their_groups_only() {
        let text = "前四半期は1億9,400万円の営業損失、106億円（8,900万ドル）、１億２,０００万円";
        let pieces: Vec<&str> = protected_ranges(text)
            .into_iter()
            .map(|r| text.get(r).unwrap_or(""))
            .collect();
        assert_eq!(
            pieces,
            [
                "1億",
                "9,400万円",
                "106億円",
                "8,900万ドル",
                "１億",
                "２,０００万円"
            ]
        );
        // The break after 億 is a real opportunity; none falls inside a group.
        let breaks = break_opportunities(text, &protected_ranges(text));
        let after_oku = text.find("1億").map(|i| i + "1億".len());
        assert!(
            after_oku.is_some_and(|at| breaks.contains(&at)),
            "{breaks:?}"
        );
        let inside = text.find("9,400").map(|i| i + 1);
        assert!(inside.is_some_and(|at| !breaks.contains(&at)));
    }

    #[test]
    fn english_breaks_only_at_spaces_outside_amounts() {
        let text = "Revenues were JPY10.6 billion ($89.0 million) in 3Q02.";
        let protected = protected_ranges(text);
        let breaks = break_opportunities(text, &protected);
        let words: Vec<&str> = {
            let mut out = Vec::new();
            let mut from = 0;
            for at in breaks.iter().chain(std::iter::once(&text.len())) {
                out.push(text.get(from..*at).unwrap_or(""));
                from = *at;
            }
            out
        };
        assert_eq!(
            words,
            [
                "Revenues ",
                "were ",
                "JPY10.6 billion ($89.0 million) ",
                "in ",
                "3Q02."
            ]
        );
    }

    /// `text` set `width` points wide at 10 points; each line's text, with
    /// the hyphen when there is one.
    fn set_text(text: &str, width: f32, hyphenate: bool) -> Vec<String> {
        let faces = FaceSet::bundled().expect("bundled faces");
        let fonts = Fonts::new(faces);
        let style = |_: &Span| TextStyle {
            size: 10.0,
            color: Color::BLACK,
            bold: false,
            tabular: false,
        };
        let shaped = shape(&fonts, &[Span::plain(text)], style).expect("shapes");
        let breaking = Breaking {
            justify: true,
            hyphenate,
        };
        break_lines(&shaped, &fonts, width, width, breaking)
            .iter()
            .map(|line| {
                let mut out: String = line
                    .glyphs
                    .iter()
                    .filter_map(|&(gi, _)| shaped.glyphs.get(gi))
                    .filter_map(|p| text.get(p.glyph.cluster.clone()))
                    .collect();
                if line.hyphen.is_some() {
                    out.push('-');
                }
                out.trim_end().to_string()
            })
            .collect()
    }

    #[test]
    fn english_words_are_hyphenated_only_when_asked_and_never_amounts() {
        let text = "Internationalization considerably strengthened the telecommunications \
                    infrastructure: JPY10.6 billion ($89.0 million) of extraordinarily \
                    comprehensive investments.";
        let plain = set_text(text, 120.0, false);
        assert!(plain.iter().all(|l| !l.ends_with('-')), "{plain:?}");
        let hyphenated = set_text(text, 120.0, true);
        assert!(
            hyphenated.iter().any(|l| l.ends_with('-')),
            "a narrow column hyphenates: {hyphenated:?}"
        );
        // The same words, in the same order, once the hyphens are joined.
        let joined = hyphenated.join(" ").replace("- ", "");
        assert_eq!(
            joined.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
        // The amount stays whole on one line.
        assert!(
            hyphenated
                .iter()
                .any(|l| l.contains("JPY10.6 billion ($89.0 million)")),
            "{hyphenated:?}"
        );
        // Japanese is never hyphenated.
        let japanese = set_text(
            "売上高は106億円となり、営業利益は大幅に改善する見込みです。",
            60.0,
            true,
        );
        assert!(japanese.iter().all(|l| !l.ends_with('-')), "{japanese:?}");
    }

    #[test]
    fn table_numbers_are_set_in_tabular_figures() {
        let faces = FaceSet::bundled().expect("bundled faces");
        let fonts = Fonts::new(faces);
        for bold in [false, true] {
            let style = |_: &Span| TextStyle {
                size: 10.0,
                color: Color::BLACK,
                bold,
                tabular: true,
            };
            let width = |text: &str| -> f32 {
                shape(&fonts, &[Span::plain(text)], style)
                    .expect("shapes")
                    .glyphs
                    .iter()
                    .map(|g| g.glyph.x_advance)
                    .sum()
            };
            // Every digit as wide as every other: right-aligned columns line up.
            let one = width("1,111");
            for digits in ["0,000", "4,567", "8,888", "9,320"] {
                assert!(
                    (width(digits) - one).abs() < 0.001,
                    "{digits} (bold {bold})"
                );
            }
        }
    }

    #[test]
    fn blocks_from_markdown() {
        let events = crate::model::events::parse(
            "# Results\n\nRevenue **rose**.\n\n- one\n  - two\n\n| a | b |\n|---|--:|\n| x | 1 |\n\n<script>alert(1)</script>\n",
            0,
        );
        let blocks = blocks_of_events(events.into_iter().map(|(e, _)| e));
        assert!(matches!(
            blocks.first(),
            Some(Block::Heading { level: 1, .. })
        ));
        assert!(
            blocks.iter().any(
                |b| matches!(b, Block::Paragraph { marker: Some(m), indent: 2, .. } if m == "–")
            )
        );
        assert!(
            blocks
                .iter()
                .any(|b| matches!(b, Block::Table(t) if t.rows.len() == 1 && t.header.len() == 1))
        );
        let all_text: String = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { spans, .. } => {
                    Some(spans.iter().map(|s| s.text.clone()).collect::<String>())
                }
                _ => None,
            })
            .collect();
        assert!(!all_text.contains("alert"), "{all_text}");
    }
}
