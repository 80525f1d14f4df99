//! The PDF backend (`relkit build --pdf`): the same [`Release`] the HTML
//! page is made from, laid out by relkit itself and written with lopdf.
//!
//! The pipeline, one module per stage: [`design`] (the page design, from the
//! `pdf.toml` Tera template) → [`layout`] (blocks, lines and pages, from the
//! published body events, the highlights table, charts and disclaimers) →
//! [`display`] (a backend-neutral display list: glyph runs, rules,
//! rectangles, paths, links) → [`writer`] (the display list as PDF objects,
//! with [`font`] embedding subsetted Type0 fonts). [`linebreak`] is the
//! paragraph breaker (Knuth–Plass total fit, UAX #14, kinsoku, hyphenation).
//!
//! [`Release`]: crate::render::Release

pub mod design;
pub mod display;
pub mod font;
pub mod hash;
pub mod layout;
pub mod linebreak;
pub mod writer;

use crate::error::Result;
use crate::render::templates::Templates;
use crate::render::{Backend, Release};

/// The PDF backend: design from `pdf.toml`, relkit's layout, lopdf.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfDocument;

impl Backend for PdfDocument {
    fn name(&self) -> &'static str {
        "PDF"
    }

    fn file_name(&self, stem: &str) -> String {
        format!("{stem}.pdf")
    }

    fn render(&self, release: &Release, templates: &Templates) -> Result<Vec<u8>> {
        let design = design::PageDesign::load(release, templates)?;
        let list = layout::lay_out(release, &design)?;
        writer::write(&list)
    }
}
