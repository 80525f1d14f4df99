//! Per-character font fallback: split a string into runs by face.

use std::ops::Range;
use std::sync::Arc;

use super::face::{FontError, FontFace};
use super::shape::ShapedGlyph;

/// An ordered list of faces: each character goes to the first face that has
/// it (e.g. a Latin face first, then a Japanese face).
#[derive(Clone, Debug)]
pub struct FontStack {
    faces: Vec<Arc<FontFace>>,
}

/// A maximal run of text set in one face of a [`FontStack`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaceRun {
    /// Index into [`FontStack::faces`].
    pub face: usize,
    /// Byte range in the text.
    pub range: Range<usize>,
}

/// A shaped [`FaceRun`].
#[derive(Clone, Debug)]
pub struct ShapedRun {
    /// Index into [`FontStack::faces`].
    pub face: usize,
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Glyphs, with cluster ranges relative to the whole text.
    pub glyphs: Vec<ShapedGlyph>,
}

impl FontStack {
    /// A stack trying `faces` in order. Panics if `faces` is empty.
    pub fn new(faces: Vec<Arc<FontFace>>) -> Self {
        assert!(!faces.is_empty(), "a font stack needs at least one face");
        Self { faces }
    }

    /// The faces, in fallback order.
    pub fn faces(&self) -> &[Arc<FontFace>] {
        &self.faces
    }

    /// The face index for `c`, or `None` if no face has it.
    pub fn face_for_char(&self, c: char) -> Option<usize> {
        self.faces.iter().position(|f| f.has_char(c))
    }

    /// Splits `text` into runs by face.
    ///
    /// Characters that do not start a grapheme of their own (combining
    /// marks, variation selectors, ZWJ/ZWNJ) stay with the preceding run, and
    /// spaces stay with the preceding run if its face has them, so that runs
    /// don't break mid-grapheme and spacing inside a Japanese phrase comes
    /// from the Japanese face. A character no face has goes to the current run
    /// (or the first face), where it will render as `.notdef`.
    pub fn runs(&self, text: &str) -> Vec<FaceRun> {
        let mut runs: Vec<FaceRun> = Vec::new();
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let current = runs.last().map(|r| r.face);
            let face = match current {
                Some(cur) if is_continuation(c) => cur,
                Some(cur) if c.is_whitespace() && self.faces[cur].has_char(c) => cur,
                _ => self.face_for_char(c).or(current).unwrap_or(0),
            };
            match runs.last_mut() {
                Some(r) if r.face == face => r.range.end = end,
                _ => runs.push(FaceRun {
                    face,
                    range: i..end,
                }),
            }
        }
        runs
    }

    /// Splits `text` into runs and shapes each with its face, at `size` points.
    pub fn shape(&self, text: &str, size: f32) -> Result<Vec<ShapedRun>, FontError> {
        self.shape_with(text, size, false)
    }

    /// [`shape`](Self::shape), with tabular figures when `tabular`.
    pub fn shape_with(
        &self,
        text: &str,
        size: f32,
        tabular: bool,
    ) -> Result<Vec<ShapedRun>, FontError> {
        self.runs(text)
            .into_iter()
            .map(|r| {
                let glyphs =
                    self.faces[r.face].shape_range_with(text, r.range.clone(), size, tabular)?;
                Ok(ShapedRun {
                    face: r.face,
                    range: r.range,
                    glyphs,
                })
            })
            .collect()
    }
}

/// Characters that never start a run of their own.
fn is_continuation(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F     // combining diacritics
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0x3099..=0x309A   // combining kana voiced sound marks
        | 0xFE00..=0xFE0F   // variation selectors
        | 0xFE20..=0xFE2F
        | 0xE0100..=0xE01EF // ideographic variation selectors
        | 0x200C | 0x200D   // ZWNJ, ZWJ
    )
}
