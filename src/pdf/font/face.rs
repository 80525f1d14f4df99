//! A font face loaded from bytes: metrics via skrifa, shaping via harfrust.

use std::fmt;
use std::sync::Arc;

use skrifa::raw::types::{NameId, Tag};
use skrifa::raw::{FontRef, TableProvider};

use crate::pdf::hash::StableHasher;

/// Errors from loading, subsetting or writing fonts.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// The bytes are not an OpenType font (or there is no face at `index`).
    #[error("not a usable OpenType font (collection index {index}): {reason}")]
    Parse { index: u32, reason: String },
    /// The face has neither `glyf` nor `CFF ` outlines (CFF2, bitmap-only, ...).
    #[error("font {0} has no glyf or CFF outlines; only TrueType and CFF fonts can be embedded")]
    UnsupportedOutlines(String),
    /// OS/2 fsType says "restricted licence embedding".
    #[error("font {0} forbids embedding (OS/2 fsType = restricted licence)")]
    EmbeddingRestricted(String),
    /// The subsetter failed.
    #[error("subsetting {font} failed: {error}")]
    Subset { font: String, error: String },
    /// A document has more glyphs of one face than a 2-byte CID can address.
    #[error("font {0}: more than 65535 distinct glyphs used")]
    TooManyGlyphs(String),
    /// Shaping failed.
    #[error("shaping with {font} failed: {error}")]
    Shape { font: String, error: String },
}

/// The outline format of a face, which decides the PDF font type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutlineKind {
    /// `glyf` outlines: `/CIDFontType2` with `/FontFile2`.
    TrueType,
    /// `CFF ` outlines: `/CIDFontType0` with `/FontFile3 /Subtype /CIDFontType0C`.
    Cff,
}

/// Font-wide values needed for the PDF font descriptor, in font units.
#[derive(Clone, Debug)]
pub struct FaceMetrics {
    /// Units per em of the font (head.unitsPerEm).
    pub units_per_em: u16,
    /// Ascender (typo if USE_TYPO_METRICS, else hhea).
    pub ascent: f32,
    /// Descender (negative).
    pub descent: f32,
    /// Line gap.
    pub line_gap: f32,
    /// Cap height (OS/2 sCapHeight), or the ascent if absent.
    pub cap_height: f32,
    /// Font bounding box `[x_min, y_min, x_max, y_max]` (head).
    pub bbox: [f32; 4],
    /// post.italicAngle in degrees.
    pub italic_angle: f32,
    /// OS/2 usWeightClass (or the weight skrifa derives).
    pub weight: f32,
    /// post.isFixedPitch.
    pub fixed_pitch: bool,
}

/// Raw font bytes shared between clones of a face (a `&'static [u8]` from
/// `include_bytes!` or an owned buffer).
pub type FontBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// One face of a font file (a `.ttf`/`.otf`, or one member of a `.ttc`).
#[derive(Clone)]
pub struct FontFace {
    data: FontBytes,
    index: u32,
    pub(crate) font: skrifa::Font,
    postscript_name: String,
    outline: OutlineKind,
    metrics: FaceMetrics,
    fs_type: u16,
    identity: u64,
    pub(crate) language: Option<harfrust::Language>,
}

impl fmt::Debug for FontFace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontFace")
            .field("postscript_name", &self.postscript_name)
            .field("index", &self.index)
            .field("outline", &self.outline)
            .field("units_per_em", &self.metrics.units_per_em)
            .finish_non_exhaustive()
    }
}

impl FontFace {
    /// Loads face `index` of static font data (e.g. from `include_bytes!`).
    pub fn from_static(data: &'static [u8], index: u32) -> Result<Self, FontError> {
        Self::from_shared(Arc::new(data), index)
    }

    /// Loads face `index` of an owned buffer.
    pub fn from_vec(data: Vec<u8>, index: u32) -> Result<Self, FontError> {
        Self::from_shared(Arc::new(data), index)
    }

    /// Loads face `index` of shared font data.
    pub fn from_shared(data: FontBytes, index: u32) -> Result<Self, FontError> {
        let bytes: &[u8] = (*data).as_ref();
        let err = |reason: &str| FontError::Parse {
            index,
            reason: reason.to_string(),
        };
        let raw = FontRef::from_index(bytes, index).map_err(|e| err(&e.to_string()))?;
        let has_glyf = raw.data_for_tag(Tag::new(b"glyf")).is_some();
        let has_cff = raw.data_for_tag(Tag::new(b"CFF ")).is_some();

        let font = skrifa::Font::new(skrifa::font::Blob::from(data.clone()), index)
            .ok_or_else(|| err("skrifa could not read the face"))?;

        let postscript_name = font
            .names()
            .get(NameId::POSTSCRIPT_NAME)
            .and_then(|n| n.english_or_first())
            .map(|l| l.name().chars().collect::<String>())
            .map(|s| sanitize_ps_name(&s))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("Font{index}"));
        let outline = match (has_glyf, has_cff) {
            (true, _) => OutlineKind::TrueType,
            (false, true) => OutlineKind::Cff,
            (false, false) => return Err(FontError::UnsupportedOutlines(postscript_name)),
        };

        let m = font.metrics();
        let line = if m.use_typo_metrics {
            m.typo_line.or(m.hhea_line)
        } else {
            m.hhea_line.or(m.typo_line)
        };
        let (ascent, descent, line_gap) = match line {
            Some(l) => (
                l.ascender.to_f32(),
                l.descender.to_f32(),
                l.line_gap.to_f32(),
            ),
            None => (m.bounds.y_max.to_f32(), m.bounds.y_min.to_f32(), 0.0),
        };
        let style = font.style_metrics();
        let os2 = raw.os2().ok();
        let weight = os2
            .as_ref()
            .map(|o| f32::from(o.us_weight_class()))
            .unwrap_or_else(|| font.default_attributes().weight.value());
        let fs_type = os2.as_ref().map(|o| o.fs_type()).unwrap_or(0);
        let metrics = FaceMetrics {
            units_per_em: m.units_per_em,
            ascent,
            descent,
            line_gap,
            cap_height: m.cap_height.map(|c| c.to_f32()).unwrap_or(ascent),
            bbox: [
                m.bounds.x_min.to_f32(),
                m.bounds.y_min.to_f32(),
                m.bounds.x_max.to_f32(),
                m.bounds.y_max.to_f32(),
            ],
            italic_angle: style.italic_angle.map(|a| a.to_f32()).unwrap_or(0.0),
            weight,
            fixed_pitch: style.is_fixed_pitch.unwrap_or(false),
        };

        let mut h = StableHasher::new();
        h.write(postscript_name.as_bytes());
        h.write(&index.to_be_bytes());
        h.write(&(bytes.len() as u64).to_be_bytes());

        Ok(Self {
            data,
            index,
            font,
            postscript_name,
            outline,
            metrics,
            fs_type,
            identity: h.finish(),
            language: None,
        })
    }

    /// Sets the BCP 47 language used for shaping (selects `locl` forms),
    /// e.g. `"ja"` for a Japanese face.
    pub fn with_language(mut self, tag: &str) -> Self {
        self.language = tag.parse().ok();
        self
    }

    /// The raw font file bytes (the whole collection for a `.ttc`).
    pub fn data(&self) -> &[u8] {
        (*self.data).as_ref()
    }

    /// The collection index of this face.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The PostScript name (name ID 6), sanitised for use as a PDF name.
    pub fn postscript_name(&self) -> &str {
        &self.postscript_name
    }

    /// TrueType or CFF outlines.
    pub fn outline_kind(&self) -> OutlineKind {
        self.outline
    }

    /// Font-wide metrics in font units.
    pub fn metrics(&self) -> &FaceMetrics {
        &self.metrics
    }

    /// Units per em.
    pub fn units_per_em(&self) -> u16 {
        self.metrics.units_per_em
    }

    /// Whether OS/2 fsType forbids embedding ("restricted licence", value 2
    /// in the low nibble).
    pub fn embedding_restricted(&self) -> bool {
        self.fs_type & 0x000F == 0x0002
    }

    /// A stable identity for this face (used in subset tags).
    pub fn identity(&self) -> u64 {
        self.identity
    }

    /// The nominal glyph of `c` (cmap lookup), `None` if the face lacks it.
    pub fn glyph_for_char(&self, c: char) -> Option<u16> {
        self.font
            .charmap()
            .map_unicode(c)
            .and_then(|g| u16::try_from(g.to_u32()).ok())
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.glyph_for_char(c).is_some()
    }

    /// The horizontal advance of `glyph_id` in font units (hmtx).
    pub fn advance(&self, glyph_id: u16) -> f32 {
        self.font
            .glyph_metrics()
            .h_advance(skrifa::GlyphId::new(u32::from(glyph_id)))
    }

    /// Number of glyphs in the face.
    pub fn num_glyphs(&self) -> u32 {
        self.font.metrics().num_glyphs
    }
}

/// Keeps the characters allowed in a PDF name without escaping and in a
/// PostScript font name, and limits the length (the subset tag and `+` are
/// added later; 127 bytes is the PDF name limit).
fn sanitize_ps_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
        .take(100)
        .collect()
}
