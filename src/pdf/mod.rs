//! The PDF backend (`relkit build --pdf`): the same [`Release`] the HTML
//! page is made from, laid out by relkit itself and written with lopdf.
//!
//! The pipeline, one module per stage: [`design`] (the page design, from the
//! `pdf.toml` Tera template) → [`layout`] (blocks, lines and pages, from the
//! published body events, the highlights table, charts and disclaimers) →
//! [`display`] (a backend-neutral display list: glyph runs, rules,
//! rectangles, paths, links, and the structure tree they belong to) →
//! [`writer`] (the display list as PDF objects, with [`font`] embedding
//! subsetted Type0 fonts, [`structure`] the tags and [`xmp`] the metadata).
//! [`linebreak`] is the paragraph breaker (Knuth–Plass total fit, UAX #14,
//! kinsoku, hyphenation).
//!
//! Every PDF is a tagged PDF/A: PDF/A-2b by default, PDF/A-1b on request
//! ([`PdfStandard`]) for archives that require the older part.
//!
//! [`Release`]: crate::render::Release

pub mod design;
pub mod display;
pub mod font;
pub mod hash;
pub mod layout;
pub mod linebreak;
pub mod structure;
pub mod writer;
pub mod xmp;

use crate::error::Result;
use crate::render::templates::Templates;
use crate::render::{Backend, Release};

/// The archival standard a PDF conforms to (ISO 19005). Both are tagged,
/// embed every font with a Unicode mapping and carry the sRGB output intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdfStandard {
    /// PDF/A-2b (ISO 19005-2, level B), on PDF 1.7: the default.
    #[default]
    A2b,
    /// PDF/A-1b (ISO 19005-1, level B), on PDF 1.4, for archives that
    /// accept only part 1.
    A1b,
}

impl PdfStandard {
    /// The `%PDF-` header version.
    pub fn pdf_version(self) -> &'static str {
        match self {
            PdfStandard::A2b => "1.7",
            PdfStandard::A1b => "1.4",
        }
    }

    /// The PDF/A part number, as XMP `pdfaid:part` writes it.
    pub fn part(self) -> &'static str {
        match self {
            PdfStandard::A2b => "2",
            PdfStandard::A1b => "1",
        }
    }

    /// The standard from its name on the command line: `2b` or `1b`
    /// (case-insensitive, `pdf/a-` prefix allowed).
    pub fn parse(text: &str) -> Option<PdfStandard> {
        let lower = text.trim().to_ascii_lowercase();
        let short = lower
            .strip_prefix("pdf/a-")
            .or_else(|| lower.strip_prefix("pdfa-"))
            .unwrap_or(&lower);
        match short {
            "2b" => Some(PdfStandard::A2b),
            "1b" => Some(PdfStandard::A1b),
            _ => None,
        }
    }
}

impl std::fmt::Display for PdfStandard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PdfStandard::A2b => "PDF/A-2b",
            PdfStandard::A1b => "PDF/A-1b",
        })
    }
}

/// The PDF backend: design from `pdf.toml`, relkit's layout, lopdf.
#[derive(Debug, Clone, Default)]
pub struct PdfDocument {
    /// The archival standard of the file.
    pub standard: PdfStandard,
    /// Typefaces replacing the bundled ones (`relkit.toml` `[fonts]`).
    pub fonts: crate::config::FontFiles,
}

impl Backend for PdfDocument {
    fn name(&self) -> &'static str {
        "PDF"
    }

    fn file_name(&self, stem: &str) -> String {
        format!("{stem}.pdf")
    }

    fn render(&self, release: &Release, templates: &Templates) -> Result<Vec<u8>> {
        let design = design::PageDesign::load(release, templates)?;
        let list = if self.fonts.any() {
            layout::lay_out_in(release, &design, &font::FaceSet::with_files(&self.fonts)?)?
        } else {
            layout::lay_out(release, &design)?
        };
        writer::write(&list, self.standard)
    }
}
