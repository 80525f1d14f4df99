//! Per-document record of the glyphs used from one face, and of the source
//! text each glyph stands for (for the ToUnicode CMap).

use std::sync::Arc;

use subsetter::GlyphRemapper;

use super::face::{FontError, FontFace};
use super::shape::ShapedGlyph;
use crate::pdf::hash::{StableHasher, subset_tag};

/// What a subset glyph (CID) maps to in the ToUnicode CMap.
#[derive(Clone, Debug, PartialEq, Eq)]
enum CidText {
    /// Not used as the first glyph of a cluster yet.
    Unclaimed,
    /// Used only as a non-first glyph of a cluster: it must map to nothing.
    Silent,
    /// The text of the cluster it was first used for.
    Text(String),
}

/// The code to write in a content stream for one shaped glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlyphCode {
    /// The CID, i.e. the glyph id *in the subset* (2 bytes, `Identity-H`).
    pub cid: u16,
    /// The ToUnicode CMap cannot reproduce this glyph's cluster text (the
    /// glyph already maps to different text, e.g. U+00A0 and U+0020 sharing
    /// one glyph, or `.notdef`): the cluster must be wrapped in a marked
    /// content span with `/ActualText`.
    pub needs_actual_text: bool,
}

/// The glyphs one document uses from one face.
///
/// Subset glyph ids are assigned in order of first use, starting with
/// `.notdef` = 0. They are final as soon as [`add_glyph`](Self::add_glyph)
/// returns: the subsetter keeps this order (composite-glyph components it
/// adds get the ids after all of these), so content streams can be written
/// before the font.
#[derive(Clone, Debug)]
pub struct FontUsage {
    face: Arc<FontFace>,
    remapper: GlyphRemapper,
    texts: Vec<CidText>,
    widths: Vec<f32>,
    used: bool,
}

impl FontUsage {
    /// An empty usage record for `face`.
    pub fn new(face: Arc<FontFace>) -> Self {
        Self {
            remapper: GlyphRemapper::new(),
            texts: vec![CidText::Silent], // .notdef never maps to text
            widths: vec![pdf_width(&face, 0)],
            face,
            used: false,
        }
    }

    /// The face.
    pub fn face(&self) -> &Arc<FontFace> {
        &self.face
    }

    /// Whether no glyph has been added yet.
    pub fn is_empty(&self) -> bool {
        !self.used
    }

    /// Number of CIDs (subset glyphs before composite closure), including
    /// `.notdef`.
    pub fn num_cids(&self) -> u16 {
        self.remapper.num_gids()
    }

    /// The CID already assigned to original glyph `glyph_id`.
    pub fn cid(&self, glyph_id: u16) -> Option<u16> {
        self.remapper.get(glyph_id)
    }

    /// Original glyph ids in CID order (index = CID).
    pub fn original_glyphs(&self) -> impl Iterator<Item = u16> + '_ {
        self.remapper.remapped_gids()
    }

    /// The remapper to pass to the subsetter.
    pub fn remapper(&self) -> &GlyphRemapper {
        &self.remapper
    }

    /// The text the ToUnicode CMap will give for `cid`.
    pub fn text_for_cid(&self, cid: u16) -> Option<&str> {
        match self.texts.get(usize::from(cid)) {
            Some(CidText::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The width of `cid` as written in the `/W` array (glyph space, 1/1000
    /// em). Content streams must compute their `TJ`
    /// adjustments against this value.
    pub fn pdf_width(&self, cid: u16) -> f32 {
        self.widths.get(usize::from(cid)).copied().unwrap_or(0.0)
    }

    /// Records one glyph. `text` is the source text of its cluster if it is
    /// the first glyph of the cluster, and `""` otherwise.
    pub fn add_glyph(&mut self, glyph_id: u16, text: &str) -> Result<GlyphCode, FontError> {
        if self.remapper.get(glyph_id).is_none() && self.remapper.num_gids() == u16::MAX {
            return Err(FontError::TooManyGlyphs(
                self.face.postscript_name().to_string(),
            ));
        }
        self.used = true;
        let cid = self.remapper.remap(glyph_id);
        let slot = usize::from(cid);
        if slot == self.texts.len() {
            self.texts.push(CidText::Unclaimed);
            self.widths.push(pdf_width(&self.face, glyph_id));
        }
        let entry = &mut self.texts[slot];
        let needs_actual_text = if glyph_id == 0 {
            // .notdef: never in ToUnicode, so any text it stands for needs ActualText.
            !text.is_empty()
        } else if text.is_empty() {
            match entry {
                CidText::Unclaimed => {
                    *entry = CidText::Silent;
                    false
                }
                CidText::Silent => false,
                // The CMap would add this text here again.
                CidText::Text(_) => true,
            }
        } else if !valid_for_to_unicode(text) {
            true
        } else {
            match entry {
                CidText::Unclaimed => {
                    *entry = CidText::Text(text.to_string());
                    false
                }
                CidText::Text(t) => t != text,
                CidText::Silent => true,
            }
        };
        Ok(GlyphCode {
            cid,
            needs_actual_text,
        })
    }

    /// Records a shaped run of `text` (the string the glyphs' cluster ranges
    /// index into) and returns the codes for the content stream. If any
    /// glyph of a cluster needs `/ActualText`, all glyphs of the cluster are
    /// flagged, since the span must cover the whole cluster.
    pub fn add_shaped(
        &mut self,
        text: &str,
        glyphs: &[ShapedGlyph],
    ) -> Result<Vec<GlyphCode>, FontError> {
        let mut codes = Vec::with_capacity(glyphs.len());
        for (i, g) in glyphs.iter().enumerate() {
            let t = if ShapedGlyph::starts_cluster(glyphs, i) {
                &text[g.cluster.clone()]
            } else {
                ""
            };
            codes.push(self.add_glyph(g.glyph_id, t)?);
        }
        // Propagate the ActualText flag to whole clusters.
        let mut start = 0;
        while start < glyphs.len() {
            let mut end = start + 1;
            while end < glyphs.len() && glyphs[end].cluster == glyphs[start].cluster {
                end += 1;
            }
            if codes[start..end].iter().any(|c| c.needs_actual_text) {
                for c in &mut codes[start..end] {
                    c.needs_actual_text = true;
                }
            }
            start = end;
        }
        Ok(codes)
    }

    /// `/W` widths by CID (see [`pdf_width`](Self::pdf_width)).
    pub fn widths(&self) -> &[f32] {
        &self.widths
    }

    /// `(cid, text)` for the ToUnicode CMap, in CID order.
    pub fn to_unicode_entries(&self) -> impl Iterator<Item = (u16, &str)> + '_ {
        self.texts
            .iter()
            .enumerate()
            .filter_map(|(cid, t)| match t {
                CidText::Text(s) => Some((cid as u16, s.as_str())),
                _ => None,
            })
    }

    /// The subset tag: six letters from a stable hash of the face identity
    /// and the used glyph set (in CID order), so the same glyphs always give
    /// the same tag and different subsets of a face get different tags.
    pub fn subset_tag(&self) -> String {
        let mut h = StableHasher::new();
        h.write(&self.face.identity().to_be_bytes());
        for g in self.remapper.remapped_gids() {
            h.write_u16(g);
        }
        subset_tag(h.finish())
    }
}

/// Width of original glyph `gid` in PDF glyph space (1/1000 em), not
/// rounded: with 2048 units per em a rounded width would make every `TJ`
/// need a correction.
pub(crate) fn pdf_width(face: &FontFace, gid: u16) -> f32 {
    face.advance(gid) * 1000.0 / f32::from(face.units_per_em())
}

/// Code points a ToUnicode CMap should not produce.
fn valid_for_to_unicode(text: &str) -> bool {
    !text
        .chars()
        .any(|c| matches!(c as u32, 0x0000 | 0xFEFF | 0xFFFE | 0xFFFF))
}
