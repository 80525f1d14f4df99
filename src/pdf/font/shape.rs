//! Shaping with harfrust (kerning, ligatures, contextual forms).

use std::ops::Range;

use harfrust::{BufferFlags, ShapeOptions, ShaperFont};

use super::face::{FontError, FontFace};

/// One positioned glyph. Lengths are in PDF user-space units (points) at the
/// size the text was shaped for; `y` is up.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapedGlyph {
    /// Glyph id in the *original* font (not the subset; see
    /// [`super::usage::FontUsage::add_shaped`] for the id used in content streams).
    pub glyph_id: u16,
    /// Horizontal advance.
    pub x_advance: f32,
    /// Horizontal offset from the pen position (mark positioning).
    pub x_offset: f32,
    /// Vertical offset from the baseline.
    pub y_offset: f32,
    /// The advance in font units, as shaped (exact; used for `TJ`).
    pub x_advance_units: i32,
    /// The horizontal offset in font units.
    pub x_offset_units: i32,
    /// Byte range of the source text this glyph's cluster covers. Every glyph
    /// of a cluster has the same range; a ligature's range covers all the
    /// characters it replaces.
    pub cluster: Range<usize>,
}

impl ShapedGlyph {
    /// Whether this glyph is the first of its cluster in `glyphs` at `i`
    /// (the glyph that carries the cluster's text in the ToUnicode map).
    pub fn starts_cluster(glyphs: &[ShapedGlyph], i: usize) -> bool {
        i == 0 || glyphs[i - 1].cluster != glyphs[i].cluster
    }
}

impl FontFace {
    /// Shapes `text` at `size` points.
    pub fn shape(&self, text: &str, size: f32) -> Result<Vec<ShapedGlyph>, FontError> {
        self.shape_range(text, 0..text.len(), size)
    }

    /// Shapes `text[range]` at `size` points, using the text around the range
    /// as shaping context. Cluster ranges are byte offsets into `text`.
    pub fn shape_range(
        &self,
        text: &str,
        range: Range<usize>,
        size: f32,
    ) -> Result<Vec<ShapedGlyph>, FontError> {
        self.shape_range_with(text, range, size, false)
    }

    /// [`shape_range`](Self::shape_range), with tabular figures (OpenType
    /// `tnum`: every digit as wide as every other, so right-aligned numbers
    /// line up in a table column) when `tabular`.
    pub fn shape_range_with(
        &self,
        text: &str,
        range: Range<usize>,
        size: f32,
        tabular: bool,
    ) -> Result<Vec<ShapedGlyph>, FontError> {
        let run = &text[range.clone()];
        if run.is_empty() {
            return Ok(Vec::new());
        }
        let shaper = ShaperFont::new(&self.font);
        let mut buffer = harfrust::Buffer::new();
        buffer.push_str(run);
        buffer.set_pre_context(&text[..range.start]);
        buffer.set_post_context(&text[range.end..]);
        let mut flags = BufferFlags::empty();
        if range.start == 0 {
            flags |= BufferFlags::BEGINNING_OF_TEXT;
        }
        if range.end == text.len() {
            flags |= BufferFlags::END_OF_TEXT;
        }
        buffer.set_flags(flags);
        if let Some(lang) = &self.language {
            buffer.set_language(Some(lang.clone()));
        }
        buffer.guess_segment_properties();
        let tnum = [harfrust::Feature::new(harfrust::Tag::new(b"tnum"), 1, ..)];
        let features: &[harfrust::Feature] = if tabular { &tnum } else { &[] };
        harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().features(features)).map_err(
            |e| FontError::Shape {
                font: self.postscript_name().to_string(),
                error: format!("{e:?}"),
            },
        )?;

        let scale = size / f32::from(self.units_per_em());
        let infos = buffer.glyph_infos();
        let positions = buffer.glyph_positions();

        // Cluster end = the next larger cluster start (in logical order).
        let mut starts: Vec<u32> = infos.iter().map(|i| i.cluster).collect();
        starts.sort_unstable();
        starts.dedup();
        let end_of = |start: u32| -> usize {
            match starts.binary_search(&start) {
                Ok(k) if k + 1 < starts.len() => starts[k + 1] as usize,
                _ => run.len(),
            }
        };

        Ok(infos
            .iter()
            .zip(positions)
            .map(|(info, pos)| ShapedGlyph {
                glyph_id: u16::try_from(info.glyph_id).unwrap_or(0),
                x_advance: pos.x_advance as f32 * scale,
                x_offset: pos.x_offset as f32 * scale,
                y_offset: pos.y_offset as f32 * scale,
                x_advance_units: pos.x_advance,
                x_offset_units: pos.x_offset,
                cluster: range.start + info.cluster as usize..range.start + end_of(info.cluster),
            })
            .collect())
    }
}

/// The total advance of `glyphs`.
pub fn advance_width(glyphs: &[ShapedGlyph]) -> f32 {
    glyphs.iter().map(|g| g.x_advance).sum()
}
