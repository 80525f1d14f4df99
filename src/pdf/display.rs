//! The display list: what the layout puts on each page, independent of the
//! file format — shaped glyph runs at positions, filled rectangles, lines,
//! paths and link areas, each marked as content or as an artifact (running
//! header and footer), and the document's logical structure (headings,
//! paragraphs, lists, tables, figures) that content items belong to. The
//! [`writer`](super::writer) turns it into a tagged PDF; a different writer
//! could take its place without touching the layout.
//!
//! Coordinates are PDF points with the origin at the bottom left of the
//! page and y growing upwards.

use super::font::{FontFace, ShapedGlyph};
use std::sync::Arc;

/// An RGB colour, each part 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

impl Color {
    /// Black.
    pub const BLACK: Color = Color(0.0, 0.0, 0.0);

    /// A colour from `#rrggbb`, or `None` when the text is not one.
    pub fn from_hex(hex: &str) -> Option<Color> {
        let digits = hex.strip_prefix('#')?;
        if digits.len() != 6 || !digits.is_ascii() {
            return None;
        }
        let part = |i: usize| {
            digits
                .get(i..i + 2)
                .and_then(|p| u8::from_str_radix(p, 16).ok())
                .map(|v| f32::from(v) / 255.0)
        };
        Some(Color(part(0)?, part(2)?, part(4)?))
    }
}

/// What an item is, for the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Part of the release's content: it belongs to the structure element
    /// with this index in [`DisplayList::structure`].
    Content(usize),
    /// Page furniture: the running header and footer, rules, a table header
    /// repeated after a page break, the draft watermark.
    Artifact,
}

/// How a table header cell relates to the data cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// It heads the cells below it.
    Column,
    /// It heads the cells to its right.
    Row,
}

/// A structure element type (PDF 32000-1:2008, 14.8.4, standard structure
/// types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructKind {
    /// The whole release.
    Document,
    /// A heading, level 1–6.
    Heading(u8),
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item.
    LI,
    /// A list item's bullet or number.
    Lbl,
    /// A list item's content.
    LBody,
    /// A block quote.
    BlockQuote,
    /// A footnote.
    Note,
    /// A table.
    Table,
    /// A table row.
    TR,
    /// A header cell.
    TH(Scope),
    /// A data cell.
    TD,
    /// A chart, with alternate text.
    Figure,
}

impl StructKind {
    /// The structure type's name in the PDF (`/S`).
    pub fn name(self) -> &'static str {
        match self {
            StructKind::Document => "Document",
            StructKind::Heading(1) => "H1",
            StructKind::Heading(2) => "H2",
            StructKind::Heading(3) => "H3",
            StructKind::Heading(4) => "H4",
            StructKind::Heading(5) => "H5",
            StructKind::Heading(_) => "H6",
            StructKind::P => "P",
            StructKind::L => "L",
            StructKind::LI => "LI",
            StructKind::Lbl => "Lbl",
            StructKind::LBody => "LBody",
            StructKind::BlockQuote => "BlockQuote",
            StructKind::Note => "Note",
            StructKind::Table => "Table",
            StructKind::TR => "TR",
            StructKind::TH(_) => "TH",
            StructKind::TD => "TD",
            StructKind::Figure => "Figure",
        }
    }
}

/// One element of the structure tree. Element 0 is the [`StructKind::Document`]
/// root; every other element names its parent, and elements are listed in
/// reading order (a parent before its children).
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    /// The element's type.
    pub kind: StructKind,
    /// The parent element's index (`None` for the root).
    pub parent: Option<usize>,
    /// Alternate text (a chart's numbers in words).
    pub alt: Option<String>,
}

/// One shaped run of text in one face.
#[derive(Debug, Clone)]
pub struct GlyphRun {
    /// The face, an index into [`DisplayList::faces`].
    pub face: usize,
    /// Font size in points.
    pub size: f32,
    /// Where the run's baseline starts.
    pub x: f32,
    /// The baseline.
    pub y: f32,
    /// The glyphs; their clusters index into `text`.
    pub glyphs: Vec<ShapedGlyph>,
    /// The text the glyphs were shaped from.
    pub text: String,
    /// Fill colour.
    pub color: Color,
    /// Content or artifact.
    pub role: Role,
}

impl GlyphRun {
    /// The run's advance width.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.x_advance).sum()
    }
}

/// One thing drawn on a page.
#[derive(Debug, Clone)]
pub enum Item {
    /// Text.
    Glyphs(GlyphRun),
    /// A filled rectangle (`x`, `y` is its bottom left corner).
    Rect {
        /// Left.
        x: f32,
        /// Bottom.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Fill.
        color: Color,
        /// Content or artifact.
        role: Role,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Stroke width.
        width: f32,
        /// Stroke colour.
        color: Color,
        /// Content or artifact.
        role: Role,
    },
    /// A polyline through `points`, stroked.
    Path {
        /// The points.
        points: Vec<(f32, f32)>,
        /// Stroke width.
        width: f32,
        /// Stroke colour.
        color: Color,
        /// Content or artifact.
        role: Role,
    },
    /// A closed shape through `points`, filled (a pie slice).
    Shape {
        /// The corners, in order.
        points: Vec<(f32, f32)>,
        /// Fill colour.
        color: Color,
        /// Content or artifact.
        role: Role,
    },
    /// A clickable area that opens `uri`.
    Link {
        /// Left, bottom, right, top.
        rect: [f32; 4],
        /// The address.
        uri: String,
    },
}

/// One page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// What is drawn, in order.
    pub items: Vec<Item>,
}

/// A heading, for the document outline (bookmarks).
#[derive(Debug, Clone)]
pub struct OutlineEntry {
    /// Heading level, 1–6.
    pub level: u8,
    /// The heading's text.
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// The top of the heading on its page.
    pub y: f32,
}

/// Facts about the document, for its metadata.
#[derive(Debug, Clone, Default)]
pub struct DocumentInfo {
    /// The headline.
    pub title: String,
    /// The issuer.
    pub author: Option<String>,
    /// The subhead.
    pub subject: Option<String>,
    /// Keywords (ticker, company).
    pub keywords: Option<String>,
    /// `en` or `ja`.
    pub lang: String,
    /// The creation date, `YYYY-MM-DD`: the day of `SOURCE_DATE_EPOCH` when
    /// it is set, else the release date.
    pub date: Option<String>,
    /// The program that made it.
    pub producer: String,
    /// relkit's version.
    pub relkit_version: String,
    /// SHA-256 of the draft it was built from.
    pub draft_sha256: Option<String>,
}

/// A laid-out document.
#[derive(Debug, Clone)]
pub struct DisplayList {
    /// The faces glyph runs refer to.
    pub faces: Vec<Arc<FontFace>>,
    /// The pages.
    pub pages: Vec<Page>,
    /// The headings, in order.
    pub outline: Vec<OutlineEntry>,
    /// The structure tree the content items belong to.
    pub structure: Vec<StructNode>,
    /// Metadata.
    pub info: DocumentInfo,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_from_hex() {
        assert_eq!(Color::from_hex("#ff0000"), Some(Color(1.0, 0.0, 0.0)));
        assert_eq!(Color::from_hex("#0b5fa5").map(|c| c.2 > 0.6), Some(true));
        assert_eq!(Color::from_hex("red"), None);
        assert_eq!(Color::from_hex("#12345"), None);
        assert_eq!(Color::from_hex("#ééé"), None);
    }
}
