//! The page design of the PDF: page size and margins, type sizes, colours,
//! the letterhead and the running header and footer. It comes from the
//! `pdf.toml` template — Tera giving TOML, with the same context as the
//! release page — so a project brands its PDF the way it brands its page,
//! by putting its own `pdf.toml` in its templates folder.

use crate::error::{Error, Result};
use crate::render::Release;
use crate::render::templates::Templates;
use serde::Deserialize;

/// The whole design.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageDesign {
    /// Page size and margins.
    pub page: PageSetup,
    /// Type sizes.
    #[serde(rename = "type")]
    pub type_sizes: TypeSizes,
    /// Colours.
    pub colors: Colors,
    /// The issuer's name above the headline.
    pub letterhead: Letterhead,
    /// The running header.
    pub header: Running,
    /// The running footer.
    pub footer: Running,
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSetup {
    /// `A4` or `Letter`.
    pub size: PaperSize,
    /// Top margin (the header sits in it).
    pub margin_top: f32,
    /// Bottom margin (the footer sits in it).
    pub margin_bottom: f32,
    /// Left margin.
    pub margin_left: f32,
    /// Right margin.
    pub margin_right: f32,
}

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum PaperSize {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl PaperSize {
    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        match self {
            PaperSize::A4 => (595.276, 841.89),
            PaperSize::Letter => (612.0, 792.0),
        }
    }
}

/// Type sizes in points.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeSizes {
    /// Body text.
    pub body: f32,
    /// Line height as a multiple of the size.
    pub line_height: f32,
    /// Headline.
    pub h1: f32,
    /// Section headings.
    pub h2: f32,
    /// Smaller headings.
    pub h3: f32,
    /// Notes, header and footer.
    pub small: f32,
    /// Justified body paragraphs (else ragged right).
    pub justify: bool,
    /// Hyphenate English words in body paragraphs (never amounts, tickers,
    /// URLs or Japanese); off when the design does not say.
    #[serde(default)]
    pub hyphenate: bool,
}

/// Colours, `#rrggbb`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Body text.
    pub text: String,
    /// Headline and headings.
    pub accent: String,
    /// Header, footer, notes.
    pub muted: String,
    /// Table and header rules.
    pub rule: String,
    /// Chart bars and lines.
    pub chart: String,
    /// Chart forecasts.
    pub chart_estimate: String,
}

/// The letterhead.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letterhead {
    /// The issuer.
    pub company: String,
    /// Exchange and ticker.
    pub ticker: String,
}

/// A running header or footer: text at the left and at the right, where
/// `{page}` and `{pages}` become the page number and the page count.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Running {
    /// Left-aligned text.
    pub left: String,
    /// Right-aligned text.
    pub right: String,
}

impl PageDesign {
    /// The design for `release`: the `pdf.toml` template rendered and read.
    pub fn load(release: &Release, templates: &Templates) -> Result<PageDesign> {
        let text = templates.render("pdf.toml", release)?;
        let design: PageDesign = toml::from_str(&text).map_err(|e| Error::Template {
            template: templates.origin("pdf.toml"),
            message: format!("the page design it gives is not valid: {}", e.message()),
        })?;
        design.check(&templates.origin("pdf.toml"))?;
        Ok(design)
    }

    /// Refuse designs that cannot be laid out.
    fn check(&self, origin: &str) -> Result<()> {
        let (width, height) = self.page.size.points();
        let p = &self.page;
        let t = &self.type_sizes;
        let problem = if [p.margin_top, p.margin_bottom, p.margin_left, p.margin_right]
            .iter()
            .any(|m| !m.is_finite() || *m < 0.0)
        {
            Some("margins must be zero or more points".to_string())
        } else if width - p.margin_left - p.margin_right < 144.0
            || height - p.margin_top - p.margin_bottom < 144.0
        {
            Some("the margins leave less than two inches for the text".to_string())
        } else if [t.body, t.h1, t.h2, t.h3, t.small]
            .iter()
            .any(|s| !s.is_finite() || !(4.0..=72.0).contains(s))
        {
            Some("type sizes must be between 4 and 72 points".to_string())
        } else if !t.line_height.is_finite() || !(1.0..=3.0).contains(&t.line_height) {
            Some("line_height must be between 1 and 3".to_string())
        } else {
            [
                ("text", &self.colors.text),
                ("accent", &self.colors.accent),
                ("muted", &self.colors.muted),
                ("rule", &self.colors.rule),
                ("chart", &self.colors.chart),
                ("chart_estimate", &self.colors.chart_estimate),
            ]
            .iter()
            .find(|(_, c)| super::display::Color::from_hex(c).is_none())
            .map(|(name, c)| format!("colors.{name} = \"{c}\" is not a #rrggbb colour"))
        };
        match problem {
            Some(message) => Err(Error::Template {
                template: origin.to_string(),
                message,
            }),
            None => Ok(()),
        }
    }
}
