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
//!   "106億円"): the amounts relkit reads in the text are kept whole.
//! * Body paragraphs are justified or ragged as the design says.
//! * No heading ends a page (it keeps the next two lines with it), no
//!   paragraph leaves a single line at the foot or the head of a page, table
//!   rows are never split and a table's header row is repeated after a page
//!   break; a disclaimer is kept on one page when it fits on one.
//! * The running header and footer ("Page 2 of 3") are drawn once the page
//!   count is known, as artifacts.

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

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
struct Span {
    text: String,
    bold: bool,
    small: bool,
    link: Option<String>,
}

impl Span {
    fn plain(text: &str) -> Span {
        Span {
            text: text.to_string(),
            bold: false,
            small: false,
            link: None,
        }
    }

    fn bold(text: &str) -> Span {
        Span {
            bold: true,
            ..Span::plain(text)
        }
    }

    fn small(text: &str) -> Span {
        Span {
            small: true,
            ..Span::plain(text)
        }
    }
}

/// A table: header rows, body rows, each a list of cells of spans.
#[derive(Debug, Clone, Default, PartialEq)]
struct TableBlock {
    header: Vec<Vec<Vec<Span>>>,
    rows: Vec<Vec<Vec<Span>>>,
    align: Vec<Alignment>,
    /// The first column's cells head their rows (the figures table).
    row_headers: bool,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    Paragraph {
        spans: Vec<Span>,
        /// Left indent in list levels and quote levels.
        indent: usize,
        /// The list marker ("•", "1.").
        marker: Option<String>,
        /// Inside a code block: keep lines as written.
        code: bool,
    },
    Table(TableBlock),
    Rule,
    /// A list, list item, quote or footnote begins (for the structure tree).
    Open(Group),
    /// It ends.
    Close(Group),
}

/// A block that holds other blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    List,
    Item,
    Quote,
    Footnote,
}

/// Blocks from Markdown events. Raw HTML is left out (as in the EDGAR
/// exhibit); images are shown by their description in brackets.
fn blocks_of_events<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut bold = 0usize;
    let mut links: Vec<String> = Vec::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut marker: Option<String> = None;
    let mut quote = 0usize;
    let mut code = false;
    let mut heading: Option<u8> = None;
    let mut table: Option<TableBlock> = None;
    let mut row: Vec<Vec<Span>> = Vec::new();
    let mut in_head = false;
    let mut raw_skip: Option<&'static str> = None;

    let push_text = |spans: &mut Vec<Span>, text: &str, bold: usize, links: &[String]| {
        let link = links.last().cloned();
        match spans.last_mut() {
            Some(last) if last.bold == (bold > 0) && last.link == link && !last.small => {
                last.text.push_str(text)
            }
            _ => spans.push(Span {
                text: text.to_string(),
                bold: bold > 0,
                small: false,
                link,
            }),
        }
    };
    let flush = |blocks: &mut Vec<Block>,
                 spans: &mut Vec<Span>,
                 marker: &mut Option<String>,
                 indent: usize,
                 code: bool| {
        let empty = spans.iter().all(|s| s.text.trim().is_empty());
        if !empty {
            blocks.push(Block::Paragraph {
                spans: std::mem::take(spans),
                indent,
                marker: marker.take(),
                code,
            });
        }
        spans.clear();
    };

    for event in events {
        if let Some(element) = raw_skip {
            if let Event::Html(h) | Event::InlineHtml(h) = &event
                && crate::text::contains_ignore_ascii_case(h, &format!("</{element}"))
            {
                raw_skip = None;
            }
            continue;
        }
        let indent = lists.len() + quote;
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => heading = Some(level as u8),
                Tag::BlockQuote(_) => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Open(Group::Quote));
                    quote += 1;
                }
                Tag::CodeBlock(_) => code = true,
                Tag::List(start) => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Open(Group::List));
                    lists.push(start);
                }
                Tag::Item => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Open(Group::Item));
                    marker = Some(match lists.last_mut() {
                        Some(Some(n)) => {
                            let m = format!("{n}.");
                            *n += 1;
                            m
                        }
                        _ => if lists.len() > 1 { "–" } else { "•" }.to_string(),
                    });
                }
                Tag::Table(align) => {
                    table = Some(TableBlock {
                        align,
                        ..TableBlock::default()
                    });
                }
                Tag::TableHead => in_head = true,
                Tag::TableRow => row.clear(),
                Tag::TableCell => spans.clear(),
                Tag::Strong => bold += 1,
                Tag::Link { dest_url, .. } => links.push(dest_url.to_string()),
                Tag::Image { .. } => push_text(&mut spans, "[", bold, &links),
                Tag::FootnoteDefinition(label) => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Open(Group::Footnote));
                    marker = Some(format!("{label}."));
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    blocks.push(Block::Heading {
                        level: heading.take().unwrap_or(2),
                        spans: std::mem::take(&mut spans),
                    });
                }
                TagEnd::Paragraph => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                }
                TagEnd::Item => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Close(Group::Item));
                }
                TagEnd::FootnoteDefinition => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Close(Group::Footnote));
                }
                TagEnd::CodeBlock => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    code = false;
                }
                TagEnd::BlockQuote(_) => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Close(Group::Quote));
                    quote = quote.saturating_sub(1);
                }
                TagEnd::List(_) => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Close(Group::List));
                    lists.pop();
                }
                TagEnd::TableCell => row.push(std::mem::take(&mut spans)),
                TagEnd::TableHead => {
                    if let Some(t) = &mut table {
                        t.header.push(std::mem::take(&mut row));
                    }
                    in_head = false;
                }
                TagEnd::TableRow => {
                    if let Some(t) = &mut table {
                        if in_head {
                            t.header.push(std::mem::take(&mut row));
                        } else {
                            t.rows.push(std::mem::take(&mut row));
                        }
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = table.take() {
                        blocks.push(Block::Table(t));
                    }
                }
                TagEnd::Strong => bold = bold.saturating_sub(1),
                TagEnd::Link => {
                    links.pop();
                }
                TagEnd::Image => push_text(&mut spans, "]", bold, &links),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                push_text(&mut spans, &t, bold, &links)
            }
            Event::SoftBreak => push_text(&mut spans, " ", bold, &links),
            Event::HardBreak => push_text(&mut spans, "\n", bold, &links),
            Event::FootnoteReference(label) => {
                push_text(&mut spans, &format!("[{label}]"), bold, &links)
            }
            Event::TaskListMarker(done) => {
                push_text(&mut spans, if done { "☑ " } else { "☐ " }, bold, &links)
            }
            Event::Rule => {
                flush(&mut blocks, &mut spans, &mut marker, indent, code);
                blocks.push(Block::Rule);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                raw_skip = ["script", "style"].into_iter().find(|e| {
                    crate::text::contains_ignore_ascii_case(&h, &format!("<{e}"))
                        && !crate::text::contains_ignore_ascii_case(&h, &format!("</{e}"))
                });
            }
        }
    }
    flush(
        &mut blocks,
        &mut spans,
        &mut None,
        lists.len() + quote,
        code,
    );
    blocks
}

// ---------------------------------------------------------------------------
// Fonts and shaping

/// The four bundled faces as two stacks; faces are numbered as in
/// [`DisplayList::faces`].
struct Fonts {
    regular: FontStack,
    bold: FontStack,
    faces: Vec<std::sync::Arc<super::font::FontFace>>,
}

impl Fonts {
    fn new(faces: &FaceSet) -> Fonts {
        Fonts {
            regular: faces.regular_stack(),
            bold: faces.bold_stack(),
            faces: vec![
                faces.latin_regular.clone(),
                faces.japanese_regular.clone(),
                faces.latin_bold.clone(),
                faces.japanese_bold.clone(),
            ],
        }
    }

    /// The stack for a style and the display-list number of its first face.
    fn stack(&self, bold: bool) -> (&FontStack, usize) {
        if bold {
            (&self.bold, 2)
        } else {
            (&self.regular, 0)
        }
    }

    /// The ascent of the Latin face, as a share of the size.
    fn ascent(&self) -> f32 {
        self.faces.first().map_or(0.8, |f| {
            let m = f.metrics();
            m.ascent / f32::from(m.units_per_em.max(1))
        })
    }
}

/// One shaped glyph of a paragraph, with its face and style.
#[derive(Debug, Clone)]
struct PlacedGlyph {
    face: usize,
    size: f32,
    color: Color,
    glyph: ShapedGlyph,
}

/// A paragraph's text, shaped: glyphs in text order with clusters indexing
/// `text`.
struct ShapedText {
    text: String,
    glyphs: Vec<PlacedGlyph>,
    /// Links: byte range of the text and address.
    links: Vec<(Range<usize>, String)>,
}

/// The style a span is set in.
#[derive(Debug, Clone, Copy)]
struct TextStyle {
    size: f32,
    color: Color,
    bold: bool,
    /// Tabular figures (table cells: numbers line up in their column).
    tabular: bool,
}

fn shape(
    fonts: &Fonts,
    spans: &[Span],
    style_of: impl Fn(&Span) -> TextStyle,
) -> Result<ShapedText> {
    let mut text = String::new();
    let mut glyphs = Vec::new();
    let mut links = Vec::new();
    for span in spans {
        let start = text.len();
        text.push_str(&span.text);
        let style = style_of(span);
        let (stack, first_face) = fonts.stack(style.bold);
        let piece = span.text.as_str();
        for run in stack
            .shape_with(piece, style.size, style.tabular)
            .map_err(pdf_error)?
        {
            for mut glyph in run.glyphs {
                glyph.cluster = glyph.cluster.start + start..glyph.cluster.end + start;
                glyphs.push(PlacedGlyph {
                    face: first_face + run.face,
                    size: style.size,
                    color: style.color,
                    glyph,
                });
            }
        }
        if let Some(uri) = &span.link
            && (uri.starts_with("http://")
                || uri.starts_with("https://")
                || uri.starts_with("mailto:"))
        {
            links.push((start..text.len(), uri.clone()));
        }
    }
    Ok(ShapedText {
        text,
        glyphs,
        links,
    })
}

fn pdf_error(e: impl std::fmt::Display) -> Error {
    Error::Pdf {
        message: e.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Line breaking

/// Characters that must not start a line (kinsoku shori).
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '・'
            | '：'
            | '；'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '］'
            | '｝'
            | 'ー'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '々'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '％'
            | '%'
    )
}

/// Characters that must not end a line.
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '〔'
            | '〈'
            | '《'
            | '［'
            | '｛'
            | '('
            | '['
            | '{'
            | '¥'
            | '￥'
            | '$'
    )
}

/// Whether `c` is set without spaces between words (Japanese and Chinese).
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// The amounts in `text`, each with the translation in parentheses that
/// follows it ("JPY10.6 billion ($89.0 million)"): no line breaks inside.
fn protected_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for amount in crate::amounts::all(text) {
        let range = amount.range;
        if let Some(last) = out.last_mut() {
            let between = text.get(last.end..range.start).unwrap_or("x");
            let translation = text
                .get(range.clone())
                .is_some_and(|t| t.starts_with('(') || t.starts_with('（'));
            if range.start >= last.end && translation && between.chars().all(char::is_whitespace) {
                last.end = range.end;
                continue;
            }
        }
        out.push(range);
    }
    out
}

/// Where a line may break: byte offsets in `text` at which a new line may
/// start, in order. Spaces before the offset are dropped at a break.
fn break_opportunities(text: &str, protected: &[Range<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for pair in chars.windows(2) {
        let (Some(&(_, before)), Some(&(at, after))) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let allowed = if before == ' ' || before == '\t' {
            after != ' ' && !no_line_start(after)
        } else if before == '\n' {
            true
        } else {
            (is_cjk(before) || is_cjk(after))
                && after != ' '
                && !no_line_start(after)
                && !no_line_end(before)
                && !(before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric())
        };
        if allowed && !protected.iter().any(|r| r.start < at && at < r.end) {
            out.push(at);
        }
    }
    out
}

/// One laid-out line: glyph indices and where each starts, relative to the
/// line's left edge.
struct Line {
    /// (glyph index, x).
    glyphs: Vec<(usize, f32)>,
    width: f32,
    /// The hyphen drawn at the end of a hyphenated line, and its x.
    hyphen: Option<(PlacedGlyph, f32)>,
}

/// Break `shaped` into lines of at most `width` (the first `first_width`),
/// justified when `justify` (all lines but the last and those ending in a
/// forced break).
/// How to break a paragraph into lines.
#[derive(Debug, Clone, Copy)]
struct Breaking {
    /// Justified (else ragged right).
    justify: bool,
    /// Hyphenate English words of seven letters or more (never amounts,
    /// tickers, URLs or Japanese).
    hyphenate: bool,
}

/// Ragged right, no hyphenation (headings, cells, captions, furniture).
const RAGGED: Breaking = Breaking {
    justify: false,
    hyphenate: false,
};

fn break_lines(
    shaped: &ShapedText,
    fonts: &Fonts,
    width: f32,
    first_width: f32,
    breaking: Breaking,
) -> Vec<Line> {
    let justify = breaking.justify;
    let text = shaped.text.as_str();
    let protected = protected_ranges(text);
    let breaks = break_opportunities(text, &protected);
    let hyphen_points = if breaking.hyphenate {
        let blocked = super::linebreak::blocked_positions(text.len(), &protected);
        super::linebreak::hyphenation_points(text, &blocked, 7)
    } else {
        Vec::new()
    };
    // Segments between break opportunities, with their glyphs.
    let mut bounds = vec![0];
    bounds.extend(breaks.iter().copied());
    bounds.push(text.len());
    let mut segments: Vec<(Range<usize>, Range<usize>)> = Vec::new(); // text range, glyph range
    let mut g = 0;
    for pair in bounds.windows(2) {
        let (Some(&a), Some(&b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let start = g;
        while shaped
            .glyphs
            .get(g)
            .is_some_and(|pg| pg.glyph.cluster.start < b)
        {
            g += 1;
        }
        segments.push((a..b, start..g));
    }
    let advance = |r: &Range<usize>| -> f32 {
        shaped
            .glyphs
            .get(r.clone())
            .unwrap_or_default()
            .iter()
            .map(|p| p.glyph.x_advance)
            .sum()
    };
    // Trailing spaces of a segment do not count at the end of a line.
    let trimmed = |seg: &(Range<usize>, Range<usize>)| -> Range<usize> {
        let mut end = seg.1.end;
        while end > seg.1.start
            && shaped
                .glyphs
                .get(end - 1)
                .and_then(|p| text.get(p.glyph.cluster.clone()))
                .is_some_and(|t| t.chars().all(char::is_whitespace))
        {
            end -= 1;
        }
        seg.1.start..end
    };
    let forced = |seg: &(Range<usize>, Range<usize>)| {
        text.get(seg.0.clone()).is_some_and(|t| t.ends_with('\n'))
    };

    // The paragraph as Knuth–Plass items: each segment a box; the spaces
    // after it (or, between Japanese characters, nothing) a glue where the
    // line may break; a forced break after a line end.
    // The owner of each item: its segment and, for a box, its glyphs.
    let mut items: Vec<KpItem> = Vec::with_capacity(segments.len() * 2 + 3);
    let mut owner: Vec<Option<(usize, Range<usize>)>> = Vec::with_capacity(segments.len() * 2 + 3);
    for (k, seg) in segments.iter().enumerate() {
        let body = trimmed(seg);
        let space_width = advance(&(body.end..seg.1.end));
        // A word with hyphenation points is a box per syllable, with a
        // flagged penalty as wide as a hyphen between them.
        let mut start = body.start;
        for gi in body.clone().skip(1) {
            let Some(p) = shaped.glyphs.get(gi) else {
                continue;
            };
            let at = p.glyph.cluster.start;
            let starts_cluster = shaped
                .glyphs
                .get(gi - 1)
                .is_some_and(|q| q.glyph.cluster.start < at);
            if starts_cluster
                && hyphen_points.get(at).copied().unwrap_or(false)
                && let Some((hyphen, _)) = hyphen_glyph(fonts, p)
            {
                items.push(KpItem::Box {
                    width: f64::from(advance(&(start..gi))),
                });
                owner.push(Some((k, start..gi)));
                items.push(KpItem::Penalty {
                    width: f64::from(hyphen.glyph.x_advance),
                    penalty: 50.0,
                    flagged: true,
                });
                owner.push(Some((k, gi..gi)));
                start = gi;
            }
        }
        items.push(KpItem::Box {
            width: f64::from(advance(&(start..body.end))),
        });
        owner.push(Some((k, start..body.end)));
        let last = k + 1 == segments.len();
        if forced(seg) {
            items.extend(KpItem::paragraph_end());
            owner.extend([None, None, None]);
        } else if !last {
            let (stretch, shrink) = if space_width > 0.0 {
                (space_width * 0.5, space_width / 3.0)
            } else {
                // Between Japanese characters: a quarter of the last one.
                let last_char = shaped
                    .glyphs
                    .get(body.end.saturating_sub(1))
                    .map_or(0.0, |p| p.glyph.x_advance);
                (last_char * 0.25, 0.0)
            };
            items.push(KpItem::Glue {
                width: f64::from(space_width),
                stretch: f64::from(stretch),
                shrink: f64::from(shrink),
            });
            owner.push(Some((k, body.end..body.end)));
        }
    }
    items.extend(KpItem::paragraph_end());
    owner.extend([None, None, None]);
    let options = if justify {
        BreakOptions::default()
    } else {
        BreakOptions::ragged_right(f64::from(width) * 0.3)
    };
    let kp_lines = break_paragraph(
        &items,
        |n| f64::from(if n == 0 { first_width } else { width }),
        &options,
    );

    let mut out = Vec::with_capacity(kp_lines.len());
    for line in &kp_lines {
        let mut x = 0.0f32;
        let mut placed = Vec::new();
        let range = line.items.clone();
        let last_box = range
            .clone()
            .rev()
            .find(|&i| matches!(items.get(i), Some(KpItem::Box { .. })));
        let mut started = false;
        for i in range {
            let Some(item) = items.get(i) else {
                continue;
            };
            match item {
                KpItem::Box { .. } => {
                    started = true;
                    let Some((_, glyphs)) = owner.get(i).cloned().flatten() else {
                        continue;
                    };
                    for gi in glyphs {
                        let Some(p) = shaped.glyphs.get(gi) else {
                            continue;
                        };
                        let is_break = text.get(p.glyph.cluster.clone()).is_some_and(|t| t == "\n");
                        if !is_break {
                            placed.push((gi, x));
                        }
                        x += p.glyph.x_advance;
                    }
                }
                KpItem::Glue { .. } if started && Some(i) < last_box => {
                    // The spaces are drawn too (stretched or shrunk by the
                    // justification), so the text copies and reads aloud
                    // with its word spaces.
                    if let Some(seg) = owner
                        .get(i)
                        .cloned()
                        .flatten()
                        .and_then(|(k, _)| segments.get(k))
                    {
                        for gi in trimmed(seg).end..seg.1.end {
                            let is_break = shaped
                                .glyphs
                                .get(gi)
                                .and_then(|p| text.get(p.glyph.cluster.clone()))
                                .is_some_and(|t| t == "\n");
                            if !is_break {
                                placed.push((gi, x));
                                break;
                            }
                        }
                    }
                    x += line.set_width(item) as f32;
                }
                _ => {}
            }
        }
        // A line broken at a hyphenation point ends with a hyphen in the
        // face of the syllable before it.
        let mut hyphen = None;
        if line.hyphenated
            && let Some(p) = placed.last().and_then(|&(gi, _)| shaped.glyphs.get(gi))
            && let Some((glyph, _)) = hyphen_glyph(fonts, p)
        {
            let advance = glyph.glyph.x_advance;
            hyphen = Some((glyph, x));
            x += advance;
        }
        out.push(Line {
            glyphs: placed,
            width: x,
            hyphen,
        });
    }
    out
}

/// A hyphen in the face, size and colour of `like`, its cluster just past
/// the paragraph's text (where [`Flow::set_lines`] gives runs a `-`), and
/// its width.
fn hyphen_glyph(fonts: &Fonts, like: &PlacedGlyph) -> Option<(PlacedGlyph, f32)> {
    let face = fonts.faces.get(like.face)?;
    let glyph_id = face.glyph_for_char('-')?;
    let units = face.advance(glyph_id);
    let upem = f32::from(face.units_per_em().max(1));
    let x_advance = units * like.size / upem;
    Some((
        PlacedGlyph {
            face: like.face,
            size: like.size,
            color: like.color,
            glyph: ShapedGlyph {
                glyph_id,
                x_advance,
                x_offset: 0.0,
                y_offset: 0.0,
                x_advance_units: units.round() as i32,
                x_offset_units: 0,
                cluster: usize::MAX..usize::MAX,
            },
        },
        x_advance,
    ))
}

// ---------------------------------------------------------------------------
// Page flow

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

    fn body_style(&self) -> TextStyle {
        TextStyle {
            size: self.design.type_sizes.body,
            color: self.color_text,
            bold: false,
            tabular: false,
        }
    }

    /// `spans` set ragged right across the text width and placed.
    fn place_ragged(&mut self, spans: &[Span], style: TextStyle) -> Result<()> {
        let lines = self.set_lines(spans, style, 0.0, self.text_width, RAGGED, false, false)?;
        self.open_element(StructKind::P);
        for line in lines {
            self.place(line);
        }
        self.close_element();
        Ok(())
    }

    /// The letterhead, headline, subhead, draft notice and dateline.
    fn letterhead(&mut self, release: &Release) -> Result<()> {
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

    fn heading(&mut self, level: u8, spans: &[Span], outline: bool) -> Result<()> {
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

    fn paragraph(&mut self, spans: &[Span], kind: ParagraphKind) -> Result<()> {
        self.paragraph_indented(spans, kind, 0, None)
    }

    fn paragraph_indented(
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
    fn place_paragraph(&mut self, lines: Vec<PlacedLine>, elements: &[usize]) {
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

    fn table(&mut self, table: &TableBlock) -> Result<()> {
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
    fn place_row(&mut self, line: PlacedLine, columns: usize, header: bool, row_header: bool) {
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
    fn table_row(
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

    /// A chart drawn with vector shapes and real text, from the same numbers
    /// as the page's SVG: bars or a line ([`Flow::pie_chart`] draws pies).
    fn chart(&mut self, chart: &RenderedChart) -> Result<()> {
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
    fn pie_chart(&mut self, chart: &RenderedChart, height: f32, small: TextStyle) -> Result<()> {
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

/// A chart's alternate text: its caption and every value with its label,
/// estimates marked, so a screen reader gives what the bars show.
fn chart_alt_text(chart: &RenderedChart) -> String {
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
