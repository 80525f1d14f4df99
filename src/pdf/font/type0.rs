//! Writes a used face as a subsetted Type0 font (PDF 32000-1:2008, 9.7).
//!
//! Object layout (after krilla's `text/cid.rs`):
//!
//! ```text
//! Type0  /BaseFont /ABCDEF+Name /Encoding /Identity-H
//!        /DescendantFonts [CIDFont] /ToUnicode CMap
//! CIDFont /Subtype /CIDFontType2 (glyf) | /CIDFontType0 (CFF)
//!        /CIDSystemInfo (Adobe Identity 0) /DW /W /CIDToGIDMap /Identity (glyf only)
//!        /FontDescriptor
//! FontDescriptor /FontName /Flags /FontBBox /ItalicAngle /Ascent /Descent
//!        /CapHeight /StemV /CIDSet /FontFile2 | /FontFile3
//! FontFile2: the subset .ttf (/Length1) | FontFile3 /Subtype /CIDFontType0C: the bare CFF
//! ```

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};
use skrifa::raw::types::Tag;
use skrifa::raw::{FontRef, TableProvider};

use super::cmap::to_unicode_cmap;
use super::face::{FontError, OutlineKind};
use super::usage::FontUsage;

/// Statistics about a written font, for tests and reports.
#[derive(Clone, Debug)]
pub struct WrittenFont {
    /// The Type0 font dictionary.
    pub font_id: ObjectId,
    /// `ABCDEF+PostScriptName`.
    pub base_font: String,
    /// CIDs used by content streams (including `.notdef`).
    pub cids: u16,
    /// Glyphs in the embedded subset (CIDs plus composite components the
    /// subsetter adds after them).
    pub subset_glyphs: u16,
    /// Size of the embedded font program before compression.
    pub font_program_len: usize,
}

/// Subsets the face of `usage` to the used glyphs and writes all font
/// objects into `doc`. Returns the id of the Type0 font dictionary, to be put
/// into a page's `/Resources /Font`.
pub fn write_type0(doc: &mut Document, usage: &FontUsage) -> Result<ObjectId, FontError> {
    write_type0_detailed(doc, usage).map(|w| w.font_id)
}

/// [`write_type0`] returning details about the written font.
pub fn write_type0_detailed(
    doc: &mut Document,
    usage: &FontUsage,
) -> Result<WrittenFont, FontError> {
    let face = usage.face();
    let ps_name = face.postscript_name().to_string();
    if face.embedding_restricted() {
        return Err(FontError::EmbeddingRestricted(ps_name));
    }
    let subset_err = |e: String| FontError::Subset {
        font: ps_name.clone(),
        error: e,
    };

    // --- font program -----------------------------------------------------
    let subset = subsetter::subset(face.data(), face.index(), usage.remapper())
        .map_err(|e| subset_err(e.to_string()))?;
    let subset_ref = FontRef::new(&subset).map_err(|e| subset_err(e.to_string()))?;
    let subset_glyphs = subset_ref
        .maxp()
        .map(|m| m.num_glyphs())
        .map_err(|e| subset_err(e.to_string()))?;

    let is_cff = face.outline_kind() == OutlineKind::Cff;
    let program: Vec<u8> = if is_cff {
        subset_ref
            .data_for_tag(Tag::new(b"CFF "))
            .ok_or_else(|| subset_err("subset has no CFF table".into()))?
            .as_bytes()
            .to_vec()
    } else {
        subset.clone()
    };
    let font_program_len = program.len();
    let mut file_dict = Dictionary::new();
    if is_cff {
        file_dict.set("Subtype", Object::Name(b"CIDFontType0C".to_vec()));
    } else {
        file_dict.set("Length1", Object::Integer(program.len() as i64));
    }
    let mut file_stream = Stream::new(file_dict, program);
    let _ = file_stream.compress();
    let file_id = doc.add_object(file_stream);

    // --- names --------------------------------------------------------------
    let base_font = format!("{}+{}", usage.subset_tag(), ps_name);
    // For CIDFontType0 the Type0 BaseFont should be "<CIDFont BaseFont>-<CMap>".
    let type0_name = if is_cff {
        format!("{base_font}-Identity-H")
    } else {
        base_font.clone()
    };

    // --- descriptor -----------------------------------------------------------
    let m = face.metrics();
    let to_pdf = |v: f32| round2(v * 1000.0 / f32::from(m.units_per_em));
    let mut flags: i64 = 4; // Symbolic: glyphs outside the standard Latin set
    if m.fixed_pitch {
        flags |= 1;
    }
    if ps_name.contains("Serif") || ps_name.contains("Mincho") {
        flags |= 2;
    }
    if m.italic_angle != 0.0 {
        flags |= 64;
    }
    // Same heuristic as krilla (and others): StemV from the weight class.
    let stem_v = round2(10.0 + 0.244 * (m.weight - 50.0));
    let mut descriptor = dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(base_font.clone().into_bytes()),
        "Flags" => flags,
        "FontBBox" => vec![
            num(to_pdf(m.bbox[0])),
            num(to_pdf(m.bbox[1])),
            num(to_pdf(m.bbox[2])),
            num(to_pdf(m.bbox[3])),
        ],
        "ItalicAngle" => num(m.italic_angle),
        "Ascent" => num(to_pdf(m.ascent)),
        "Descent" => num(to_pdf(m.descent)),
        "CapHeight" => num(to_pdf(m.cap_height)),
        "StemV" => num(stem_v),
    };
    descriptor.set(
        if is_cff { "FontFile3" } else { "FontFile2" },
        Object::Reference(file_id),
    );
    // PDF/A-1 wants a subset's CIDs listed; every CID of the subset is
    // present (subset GID == CID, 0 to the glyph count).
    let mut cid_set = Stream::new(Dictionary::new(), cid_set_bits(subset_glyphs));
    let _ = cid_set.compress();
    descriptor.set("CIDSet", Object::Reference(doc.add_object(cid_set)));
    let descriptor_id = doc.add_object(descriptor);

    // --- CIDFont ---------------------------------------------------------------
    let (dw, w) = widths_array(usage.widths());
    let mut cid_font = dictionary! {
        "Type" => "Font",
        "Subtype" => if is_cff { "CIDFontType0" } else { "CIDFontType2" },
        "BaseFont" => Object::Name(base_font.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => Object::Reference(descriptor_id),
        "DW" => num(dw),
        "W" => w,
    };
    if !is_cff {
        // The subsetter renumbers glyphs so that subset GID == CID.
        cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    }
    let cid_font_id = doc.add_object(cid_font);

    // --- ToUnicode ---------------------------------------------------------------
    let mut cmap = Stream::new(
        Dictionary::new(),
        to_unicode_cmap(usage.to_unicode_entries()),
    );
    let _ = cmap.compress();
    let cmap_id = doc.add_object(cmap);

    // --- Type0 ----------------------------------------------------------------------
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(type0_name.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font_id)],
        "ToUnicode" => Object::Reference(cmap_id),
    });

    Ok(WrittenFont {
        font_id,
        base_font,
        cids: usage.num_cids(),
        subset_glyphs,
        font_program_len,
    })
}

/// The `/CIDSet` bit string for CIDs `0..count`: one bit per CID, the high
/// bit of the first byte for CID 0.
fn cid_set_bits(count: u16) -> Vec<u8> {
    let count = usize::from(count);
    let mut bits = vec![0xffu8; count / 8];
    let rest = count % 8;
    if rest > 0 {
        bits.push(0xffu8 << (8 - rest));
    }
    bits
}

/// A PDF number: an integer when whole. (poppler ignores a real `/DW`, for
/// one, and falls back to 1000.)
fn num(v: f32) -> Object {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        Object::Integer(v as i64)
    } else {
        Object::Real(v)
    }
}

fn round2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// `/DW` (the most common width; ties go to the smaller) and a `/W` array
/// listing, as `c [w1 w2 ...]`, every run of consecutive CIDs whose width
/// differs from it.
pub(crate) fn widths_array(widths: &[f32]) -> (f32, Vec<Object>) {
    let mut counts: Vec<(u32, usize)> = Vec::new(); // (f32 bits, count), deterministic order
    for w in widths.iter().skip(1) {
        let bits = w.to_bits();
        match counts.iter_mut().find(|(b, _)| *b == bits) {
            Some((_, n)) => *n += 1,
            None => counts.push((bits, 1)),
        }
    }
    let dw = counts
        .iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then_with(|| f32::from_bits(b.0).total_cmp(&f32::from_bits(a.0)))
        })
        .map(|(b, _)| f32::from_bits(*b))
        .unwrap_or(widths.first().copied().unwrap_or(1000.0));

    let mut w = Vec::new();
    let mut cid = 0;
    while cid < widths.len() {
        if widths[cid] == dw {
            cid += 1;
            continue;
        }
        let start = cid;
        let mut run = Vec::new();
        while cid < widths.len() && widths[cid] != dw {
            run.push(num(widths[cid]));
            cid += 1;
        }
        w.push(Object::Integer(start as i64));
        w.push(Object::Array(run));
    }
    (dw, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cid_set_has_one_bit_per_cid() {
        assert_eq!(cid_set_bits(0), Vec::<u8>::new());
        assert_eq!(cid_set_bits(8), vec![0xff]);
        assert_eq!(cid_set_bits(10), vec![0xff, 0b1100_0000]);
    }

    #[test]
    fn widths_runs() {
        let (dw, w) = widths_array(&[500.0, 1000.0, 1000.0, 600.0, 610.0, 1000.0, 250.0]);
        assert_eq!(dw, 1000.0);
        assert_eq!(
            w,
            vec![
                Object::Integer(0),
                Object::Array(vec![Object::Integer(500)]),
                Object::Integer(3),
                Object::Array(vec![Object::Integer(600), Object::Integer(610)]),
                Object::Integer(6),
                Object::Array(vec![Object::Integer(250)]),
            ]
        );
    }
}
