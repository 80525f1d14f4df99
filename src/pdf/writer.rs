//! The PDF sink: a [`DisplayList`] written as PDF objects with lopdf — one
//! compressed content stream per page, the fonts embedded as subsetted Type0
//! fonts shared by all pages, link annotations (with the print flag), the
//! outline from the headings, the document's language and metadata (Info
//! and XMP), and a classic cross-reference table (every output passes
//! `qpdf --check`). The same display list always gives the same bytes: no
//! clock is read, and the trailer `/ID` is a hash of the document itself.
//!
//! The file is a tagged PDF/A ([`PdfStandard`]): content is marked with the
//! structure element it belongs to and the structure tree is written
//! ([`super::structure`]), page furniture is marked as artifacts, and the
//! sRGB output intent and the XMP identification ([`super::xmp`]) are
//! included.

use super::PdfStandard;
use super::display::{Color, DisplayList, Item, Role};
use super::font::DocumentFonts;
use super::font::cmap::utf16be_with_bom;
use super::font::content::show_glyphs;
use super::structure::{MarkedContent, StructureWriter};
use crate::error::{Error, Result};
use lopdf::content::{Content, Operation};
use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};

/// The sRGB colour profile (ICC v2, from Debian's icc-profiles-free, zlib
/// licence; see `color/README.md`): the output intent of every PDF/A.
const SRGB_PROFILE: &[u8] = include_bytes!("../../color/sRGB.icc");

/// The display list as the bytes of a PDF file conforming to `standard`.
pub fn write(list: &DisplayList, standard: PdfStandard) -> Result<Vec<u8>> {
    let mut doc = Document::with_version(standard.pdf_version());
    doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
    let mut structure = StructureWriter::new(&list.structure);
    let mut fonts = DocumentFonts::new();
    let keys: Vec<_> = list.faces.iter().map(|face| fonts.key(face)).collect();
    let pages_id = doc.new_object_id();
    let resources_id = doc.new_object_id();
    let mut page_ids = Vec::with_capacity(list.pages.len());
    for (page_index, page) in list.pages.iter().enumerate() {
        let mut ops: Vec<Operation> = Vec::new();
        let mut annotations: Vec<Object> = Vec::new();
        let mut marked = MarkedContent::new(page_index);
        for item in &page.items {
            if let Some(role) = item_role(item) {
                marked.switch(&mut ops, &mut structure, role);
            }
            match item {
                Item::Glyphs(run) => {
                    let Some(&key) = keys.get(run.face) else {
                        continue;
                    };
                    ops.push(Operation::new("BT", vec![]));
                    ops.push(fill(run.color));
                    ops.push(Operation::new("Td", vec![real(run.x), real(run.y)]));
                    let resource = fonts.resource_name(key);
                    show_glyphs(
                        &mut ops,
                        fonts.usage_mut(key),
                        &resource,
                        run.size,
                        &run.text,
                        &run.glyphs,
                    )
                    .map_err(pdf_error)?;
                    ops.push(Operation::new("ET", vec![]));
                }
                Item::Rect {
                    x,
                    y,
                    width,
                    height,
                    color,
                    ..
                } => {
                    push_graphics(
                        &mut ops,
                        vec![
                            fill(*color),
                            Operation::new(
                                "re",
                                vec![real(*x), real(*y), real(*width), real(*height)],
                            ),
                            Operation::new("f", vec![]),
                        ],
                    );
                }
                Item::Line {
                    from,
                    to,
                    width,
                    color,
                    ..
                } => {
                    push_graphics(
                        &mut ops,
                        vec![
                            stroke(*color),
                            Operation::new("w", vec![real(*width)]),
                            Operation::new("m", vec![real(from.0), real(from.1)]),
                            Operation::new("l", vec![real(to.0), real(to.1)]),
                            Operation::new("S", vec![]),
                        ],
                    );
                }
                Item::Path {
                    points,
                    width,
                    color,
                    ..
                } => {
                    let mut body = vec![stroke(*color), Operation::new("w", vec![real(*width)])];
                    for (i, (x, y)) in points.iter().enumerate() {
                        let op = if i == 0 { "m" } else { "l" };
                        body.push(Operation::new(op, vec![real(*x), real(*y)]));
                    }
                    body.push(Operation::new("S", vec![]));
                    push_graphics(&mut ops, body);
                }
                Item::Shape { points, color, .. } => {
                    let mut body = vec![fill(*color)];
                    for (i, (x, y)) in points.iter().enumerate() {
                        let op = if i == 0 { "m" } else { "l" };
                        body.push(Operation::new(op, vec![real(*x), real(*y)]));
                    }
                    body.push(Operation::new("h", vec![]));
                    body.push(Operation::new("f", vec![]));
                    push_graphics(&mut ops, body);
                }
                Item::Link { rect, uri } => {
                    annotations.push(Object::Dictionary(dictionary! {
                        "Type" => "Annot",
                        "Subtype" => "Link",
                        "Rect" => rect.iter().map(|v| real(*v)).collect::<Vec<_>>(),
                        "Border" => vec![0.into(), 0.into(), 0.into()],
                        // Print flag: PDF/A wants annotations printable.
                        "F" => 4,
                        "A" => dictionary! {
                            "S" => "URI",
                            "URI" => Object::String(uri.as_bytes().to_vec(), StringFormat::Literal),
                        },
                    }));
                }
            }
        }
        marked.finish(&mut ops);
        let bytes = Content { operations: ops }
            .encode()
            .map_err(|e| pdf_error(e.to_string()))?;
        let mut stream = Stream::new(Dictionary::new(), bytes);
        let _ = stream.compress();
        let content_id = doc.add_object(stream);
        let mut page_dict = dictionary! {
            "Type" => "Page",
            "Parent" => Object::Reference(pages_id),
            "MediaBox" => vec![0.into(), 0.into(), real(page.width), real(page.height)],
            "Resources" => Object::Reference(resources_id),
            "Contents" => Object::Reference(content_id),
            "StructParents" => page_index as i64,
        };
        if !annotations.is_empty() {
            let ids: Vec<Object> = annotations
                .into_iter()
                .map(|a| Object::Reference(doc.add_object(a)))
                .collect();
            page_dict.set("Annots", ids);
        }
        page_ids.push(doc.add_object(page_dict));
    }
    let (font_resources, _) = fonts.write(&mut doc).map_err(pdf_error)?;
    doc.objects.insert(
        resources_id,
        Object::Dictionary(dictionary! { "Font" => font_resources }),
    );
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => page_ids.iter().map(|id| Object::Reference(*id)).collect::<Vec<_>>(),
            "Count" => page_ids.len() as i64,
        }),
    );
    let struct_tree = structure.write(&mut doc, &page_ids);
    let metadata = super::xmp::packet(&list.info, standard);
    let mut metadata_stream = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        metadata.into_bytes(),
    );
    // PDF/A-1 wants the metadata readable without decoding.
    metadata_stream.allows_compression = false;
    let metadata_id = doc.add_object(metadata_stream);
    let mut profile = Stream::new(dictionary! { "N" => 3 }, SRGB_PROFILE.to_vec());
    let _ = profile.compress();
    let profile_id = doc.add_object(profile);
    let output_intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => Object::string_literal("sRGB IEC61966-2.1"),
        "RegistryName" => Object::string_literal("http://www.color.org"),
        "Info" => Object::string_literal("sRGB IEC61966-2.1"),
        "DestOutputProfile" => Object::Reference(profile_id),
    };
    let mut catalog = dictionary! {
        "Type" => "Catalog",
        "Pages" => Object::Reference(pages_id),
        "Lang" => Object::string_literal(list.info.lang.clone()),
        "ViewerPreferences" => dictionary! { "DisplayDocTitle" => true },
        "Metadata" => Object::Reference(metadata_id),
        "OutputIntents" => vec![Object::Dictionary(output_intent)],
        "MarkInfo" => dictionary! { "Marked" => true },
        "StructTreeRoot" => Object::Reference(struct_tree),
    };
    if let Some(outlines) = outline(&mut doc, list, &page_ids) {
        catalog.set("Outlines", Object::Reference(outlines));
        catalog.set("PageMode", name("UseOutlines"));
    }
    let catalog_id = doc.add_object(catalog);
    let info_id = doc.add_object(info(list));
    doc.trailer.set("Root", Object::Reference(catalog_id));
    doc.trailer.set("Info", Object::Reference(info_id));
    save_deterministic(&mut doc)
}

pub(super) fn pdf_error(e: impl std::fmt::Display) -> Error {
    Error::Pdf {
        message: e.to_string(),
    }
}

/// Graphics in their own `q … Q`.
fn push_graphics(ops: &mut Vec<Operation>, body: Vec<Operation>) {
    ops.push(Operation::new("q", vec![]));
    ops.extend(body);
    ops.push(Operation::new("Q", vec![]));
}

/// Whether an item is content (of which element) or furniture; `None` for
/// what is not drawn (link areas).
fn item_role(item: &Item) -> Option<Role> {
    match item {
        Item::Glyphs(run) => Some(run.role),
        Item::Rect { role, .. }
        | Item::Line { role, .. }
        | Item::Path { role, .. }
        | Item::Shape { role, .. } => Some(*role),
        Item::Link { .. } => None,
    }
}

/// The document information dictionary.
fn info(list: &DisplayList) -> Dictionary {
    let text = |s: &str| Object::String(utf16be_with_bom(s), StringFormat::Hexadecimal);
    let mut info = dictionary! {
        "Title" => text(&list.info.title),
        "Producer" => text(&list.info.producer),
        "Creator" => text(&list.info.producer),
    };
    if let Some(author) = &list.info.author {
        info.set("Author", text(author));
    }
    if let Some(subject) = &list.info.subject {
        info.set("Subject", text(subject));
    }
    if let Some(keywords) = &list.info.keywords {
        info.set("Keywords", text(keywords));
    }
    if let Some(date) = list.info.date.as_deref().and_then(pdf_date) {
        info.set("CreationDate", Object::string_literal(date.clone()));
        info.set("ModDate", Object::string_literal(date));
    }
    info
}

/// `2003-02-14` as a PDF date, `D:20030214000000+00'00'` (the same
/// instant as the XMP dates).
fn pdf_date(iso: &str) -> Option<String> {
    let digits: String = iso.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| format!("D:{digits}000000+00'00'"))
}

/// The outline (bookmarks) from the headings, nested by level.
fn outline(doc: &mut Document, list: &DisplayList, page_ids: &[ObjectId]) -> Option<ObjectId> {
    let entries: Vec<_> = list
        .outline
        .iter()
        .filter(|e| page_ids.get(e.page).is_some())
        .collect();
    if entries.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // The parent of each entry: the nearest earlier entry of a lower level.
    let parents: Vec<Option<usize>> = (0..entries.len())
        .map(|i| {
            let level = entries.get(i).map_or(1, |e| e.level);
            (0..i)
                .rev()
                .find(|&j| entries.get(j).is_some_and(|p| p.level < level))
        })
        .collect();
    let children = |parent: Option<usize>| -> Vec<usize> {
        (0..entries.len())
            .filter(|&i| parents.get(i).copied().flatten() == parent)
            .collect()
    };
    let id_of = |parent: Option<usize>| match parent {
        Some(p) => ids.get(p).copied().unwrap_or(root),
        None => root,
    };
    for (i, entry) in entries.iter().enumerate() {
        let parent = parents.get(i).copied().flatten();
        let siblings = children(parent);
        let position = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut item = dictionary! {
            "Title" => Object::String(utf16be_with_bom(&entry.title), StringFormat::Hexadecimal),
            "Parent" => Object::Reference(id_of(parent)),
            "Dest" => vec![
                Object::Reference(page_ids.get(entry.page).copied().unwrap_or(root)),
                name("XYZ"),
                0.into(),
                real(entry.y),
                Object::Null,
            ],
        };
        if let Some(previous) = position.checked_sub(1).and_then(|p| siblings.get(p)) {
            item.set("Prev", Object::Reference(id_of(Some(*previous))));
        }
        if let Some(next) = siblings.get(position + 1) {
            item.set("Next", Object::Reference(id_of(Some(*next))));
        }
        let own = children(Some(i));
        if let (Some(first), Some(last)) = (own.first(), own.last()) {
            item.set("First", Object::Reference(id_of(Some(*first))));
            item.set("Last", Object::Reference(id_of(Some(*last))));
            item.set("Count", own.len() as i64);
        }
        if let Some(id) = ids.get(i) {
            doc.objects.insert(*id, Object::Dictionary(item));
        }
    }
    let top = children(None);
    let mut root_dict = dictionary! { "Type" => "Outlines", "Count" => top.len() as i64 };
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        root_dict.set("First", Object::Reference(id_of(Some(*first))));
        root_dict.set("Last", Object::Reference(id_of(Some(*last))));
    }
    doc.objects.insert(root, Object::Dictionary(root_dict));
    Some(root)
}

/// Save reproducibly: the trailer `/ID` is a hash of the document written
/// without it, so the same input always gives the same bytes.
fn save_deterministic(doc: &mut Document) -> Result<Vec<u8>> {
    doc.trailer.remove(b"ID");
    let mut first = Vec::new();
    doc.save_to(&mut first).map_err(pdf_error)?;
    let id = super::hash::id_bytes(&first);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ],
    );
    let mut out = Vec::with_capacity(first.len() + 80);
    doc.save_to(&mut out).map_err(pdf_error)?;
    Ok(out)
}

pub(super) fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn fill(c: Color) -> Operation {
    Operation::new("rg", vec![real(c.0), real(c.1), real(c.2)])
}

fn stroke(c: Color) -> Operation {
    Operation::new("RG", vec![real(c.0), real(c.1), real(c.2)])
}

/// A number with at most three decimals (stable text, no float noise).
fn real(v: f32) -> Object {
    let r = (v * 1000.0).round() / 1000.0;
    if r.fract() == 0.0 && r.abs() < 1e9 {
        Object::Integer(r as i64)
    } else {
        Object::Real(if r == 0.0 { 0.0 } else { r })
    }
}
