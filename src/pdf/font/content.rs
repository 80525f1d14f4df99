//! Content-stream text operators for shaped glyphs (2-byte CIDs in hex
//! strings, `Tj`/`TJ`), and a per-document font registry.

use std::sync::Arc;

use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object, StringFormat, dictionary};

use super::cmap::utf16be_with_bom;
use super::face::{FontError, FontFace};
use super::fallback::FontStack;
use super::shape::ShapedGlyph;
use super::type0::{WrittenFont, write_type0_detailed};
use super::usage::{FontUsage, GlyphCode};

/// Handle of a face registered in [`DocumentFonts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontKey(usize);

/// All faces a document uses, each with its [`FontUsage`] and resource name
/// (`/F1`, `/F2`, ... in order of registration, so output is deterministic).
#[derive(Debug, Default)]
pub struct DocumentFonts {
    usages: Vec<FontUsage>,
}

impl DocumentFonts {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The key for `face`, registering it on first use. Faces are the same
    /// if they are the same `Arc`.
    pub fn key(&mut self, face: &Arc<FontFace>) -> FontKey {
        if let Some(i) = self.usages.iter().position(|u| Arc::ptr_eq(u.face(), face)) {
            return FontKey(i);
        }
        self.usages.push(FontUsage::new(face.clone()));
        FontKey(self.usages.len() - 1)
    }

    /// The usage record of `key`.
    pub fn usage(&self, key: FontKey) -> &FontUsage {
        &self.usages[key.0]
    }

    /// The usage record of `key`, mutably.
    pub fn usage_mut(&mut self, key: FontKey) -> &mut FontUsage {
        &mut self.usages[key.0]
    }

    /// The font resource name of `key` (without the slash).
    pub fn resource_name(&self, key: FontKey) -> String {
        format!("F{}", key.0 + 1)
    }

    /// Writes every used face with [`super::type0::write_type0`] and returns the
    /// `/Font` resource dictionary (name -> Type0 font) and details.
    pub fn write(&self, doc: &mut Document) -> Result<(Dictionary, Vec<WrittenFont>), FontError> {
        let mut resources = Dictionary::new();
        let mut written = Vec::new();
        for (i, usage) in self.usages.iter().enumerate() {
            if usage.is_empty() {
                continue;
            }
            let w = write_type0_detailed(doc, usage)?;
            resources.set(self.resource_name(FontKey(i)), Object::Reference(w.font_id));
            written.push(w);
        }
        Ok((resources, written))
    }
}

/// Appends `/<font> <size> Tf` and the glyph-showing operators for `glyphs`
/// (shaped from `text`) to `ops`, recording the glyphs in `usage`.
///
/// Must be called inside `BT ... ET`; the pen ends after the last glyph.
/// Glyphs are shown as 2-byte CIDs in hex strings; shaping advances that
/// differ from the `/W` widths (kerning) become `TJ` adjustments; glyph
/// offsets become adjustments and `Ts` (rise); clusters whose text the
/// ToUnicode map cannot reproduce are wrapped in `/Span <</ActualText>> BDC`.
/// Returns the advance width.
pub fn show_glyphs(
    ops: &mut Vec<Operation>,
    usage: &mut FontUsage,
    font_resource: &str,
    size: f32,
    text: &str,
    glyphs: &[ShapedGlyph],
) -> Result<f32, FontError> {
    let codes = usage.add_shaped(text, glyphs)?;
    ops.push(Operation::new(
        "Tf",
        vec![Object::Name(font_resource.as_bytes().to_vec()), real(size)],
    ));
    let mut tj = TjBuilder::default();
    let mut rise = 0.0f32;
    let mut i = 0;
    let mut total = 0.0;
    while i < glyphs.len() {
        // One cluster at a time (ActualText spans cover whole clusters).
        let mut end = i + 1;
        while end < glyphs.len() && glyphs[end].cluster == glyphs[i].cluster {
            end += 1;
        }
        let actual = codes[i].needs_actual_text;
        if actual {
            tj.flush(ops);
            let mut props = Dictionary::new();
            props.set(
                "ActualText",
                Object::String(
                    utf16be_with_bom(&text[glyphs[i].cluster.clone()]),
                    StringFormat::Hexadecimal,
                ),
            );
            ops.push(Operation::new(
                "BDC",
                vec![Object::Name(b"Span".to_vec()), Object::Dictionary(props)],
            ));
        }
        for (g, code) in glyphs[i..end].iter().zip(&codes[i..end]) {
            if g.y_offset != 0.0 || rise != 0.0 {
                let want = round3(g.y_offset);
                if want != rise {
                    tj.flush(ops);
                    ops.push(Operation::new("Ts", vec![real(want)]));
                    rise = want;
                }
            }
            push_glyph(&mut tj, usage, *code, g);
            total += g.x_advance;
        }
        if actual {
            tj.flush(ops);
            ops.push(Operation::new("EMC", vec![]));
        }
        i = end;
    }
    tj.flush(ops);
    if rise != 0.0 {
        ops.push(Operation::new("Ts", vec![real(0.0)]));
    }
    Ok(total)
}

/// Shapes `text` with `stack` (per-character fallback), registers the faces
/// in `fonts` and appends the operators (one `Tf` per run). Must be called
/// inside `BT ... ET`. Returns the advance width.
pub fn show_text(
    ops: &mut Vec<Operation>,
    fonts: &mut DocumentFonts,
    stack: &FontStack,
    size: f32,
    text: &str,
) -> Result<f32, FontError> {
    let mut width = 0.0;
    for run in stack.shape(text, size)? {
        let key = fonts.key(&stack.faces()[run.face]);
        let name = fonts.resource_name(key);
        width += show_glyphs(ops, fonts.usage_mut(key), &name, size, text, &run.glyphs)?;
    }
    Ok(width)
}

fn push_glyph(tj: &mut TjBuilder, usage: &FontUsage, code: GlyphCode, g: &ShapedGlyph) {
    // Everything in text space (1/1000 em), computed from exact font units.
    let face = usage.face();
    let per_unit = 1000.0 / f64::from(face.units_per_em());
    let hmtx = f64::from(face.advance(g.glyph_id));
    // Move right by x_offset before the glyph (TJ numbers move left).
    if g.x_offset_units != 0 {
        tj.adjust(-f64::from(g.x_offset_units) * per_unit);
    }
    tj.glyph(code.cid);
    // After the glyph the viewer has advanced by the /W width (= hmtx); we
    // want the pen at (start + x_advance) in total.
    tj.adjust((hmtx - f64::from(g.x_advance_units - g.x_offset_units)) * per_unit);
}

/// Accumulates one `TJ` array: hex strings of CIDs and adjustments.
#[derive(Default)]
struct TjBuilder {
    items: Vec<Object>,
    current: Vec<u8>,
    pending_adjust: f64,
}

impl TjBuilder {
    fn glyph(&mut self, cid: u16) {
        self.commit_adjust();
        self.current.extend_from_slice(&cid.to_be_bytes());
    }

    fn adjust(&mut self, v: f64) {
        self.pending_adjust += v;
    }

    fn commit_adjust(&mut self) {
        let v = round3_f64(self.pending_adjust);
        // Adjustments below 1/1000 of a text-space unit are float noise:
        // carry them to the next glyph instead of writing them, so that they
        // never add up to drift.
        if v.abs() < 0.001 {
            return;
        }
        self.pending_adjust -= v;
        let v = v as f32;
        if !self.current.is_empty() {
            self.items.push(Object::String(
                std::mem::take(&mut self.current),
                StringFormat::Hexadecimal,
            ));
        }
        self.items.push(real(v));
    }

    fn flush(&mut self, ops: &mut Vec<Operation>) {
        // A trailing adjustment moves the pen for what follows: keep it.
        let trailing = round3_f64(self.pending_adjust);
        self.pending_adjust -= trailing;
        let trailing = trailing as f32;
        if !self.current.is_empty() {
            self.items.push(Object::String(
                std::mem::take(&mut self.current),
                StringFormat::Hexadecimal,
            ));
        }
        if trailing.abs() >= 0.001 {
            self.items.push(real(trailing));
        }
        if self.items.is_empty() {
            return;
        }
        let items = std::mem::take(&mut self.items);
        if items.len() == 1 && matches!(items[0], Object::String(..)) {
            ops.push(Operation::new("Tj", items));
        } else {
            ops.push(Operation::new("TJ", vec![Object::Array(items)]));
        }
    }
}

fn round3(v: f32) -> f32 {
    let r = (v * 1000.0).round() / 1000.0;
    if r == 0.0 { 0.0 } else { r } // no "-0"
}

fn round3_f64(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn real(v: f32) -> Object {
    let r = round3(v);
    if r.fract() == 0.0 && r.abs() < 1e9 {
        Object::Integer(r as i64)
    } else {
        Object::Real(r)
    }
}

/// Builds a one-line text object at `(x, y)`: `BT x y Td ... ET`.
pub fn text_line(
    ops: &mut Vec<Operation>,
    fonts: &mut DocumentFonts,
    stack: &FontStack,
    size: f32,
    x: f32,
    y: f32,
    text: &str,
) -> Result<f32, FontError> {
    ops.push(Operation::new("BT", vec![]));
    ops.push(Operation::new("Td", vec![real(x), real(y)]));
    let w = show_text(ops, fonts, stack, size, text)?;
    ops.push(Operation::new("ET", vec![]));
    Ok(w)
}

/// A `/Font` resource dictionary wrapped as `/Resources` for a page.
pub fn font_resources(fonts: Dictionary) -> Dictionary {
    dictionary! { "Font" => fonts }
}
