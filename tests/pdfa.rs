//! `relkit build --pdf` writes a tagged PDF/A: read back with lopdf, the
//! file carries XMP metadata that agrees with the Info dictionary and
//! identifies the PDF/A part, the sRGB output intent, CIDSets for PDF/A-1b,
//! and a structure tree (headings, paragraphs, lists, tables with header
//! scopes, figures with alternate text) that every piece of content on
//! every page belongs to — or it is marked as page furniture.
//! (`.ci/run` also has Apache PDFBox Preflight validate the PDF/A-1b
//! variant: `scripts/check-pdf.sh`.)

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeMap;
use std::path::Path;

mod common;
use common::{build, info_dictionary, stderr};

/// Build `draft` as PDF with `extra` arguments; the document and its bytes.
fn pdf(draft: &Path, extra: &[&str]) -> (Document, Vec<u8>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().display().to_string();
    let draft_arg = draft.display().to_string();
    let mut args = vec![draft_arg.as_str(), "--pdf", "-o", out.as_str()];
    args.extend(extra);
    let o = build(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let stem = draft.file_stem().and_then(|s| s.to_str()).expect("a name");
    let bytes = std::fs::read(dir.path().join(format!("{stem}.pdf"))).expect("written");
    let doc = Document::load_mem(&bytes).expect("lopdf reads it");
    (doc, bytes)
}

fn example(extra: &[&str]) -> (Document, Vec<u8>) {
    pdf(Path::new("examples/iij-3q02.md"), extra)
}

fn catalog(doc: &Document) -> &Dictionary {
    doc.catalog().expect("a catalog")
}

fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a Dictionary {
    match object {
        Object::Reference(id) => doc.get_dictionary(*id).expect("a dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn name_of(d: &Dictionary, key: &[u8]) -> String {
    d.get(key)
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

/// The XMP packet, which must be an uncompressed metadata stream.
fn xmp(doc: &Document) -> String {
    let id = catalog(doc)
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("a /Metadata stream");
    let stream = doc
        .get_object(id)
        .and_then(Object::as_stream)
        .expect("a stream");
    assert!(
        stream.dict.get(b"Filter").is_err(),
        "metadata is not compressed"
    );
    assert_eq!(name_of(&stream.dict, b"Subtype"), "XML");
    String::from_utf8(stream.content.clone()).expect("XMP is UTF-8")
}

fn info_text(doc: &Document, key: &[u8]) -> String {
    let bytes = info_dictionary(doc)
        .get(key)
        .and_then(Object::as_str)
        .expect("the entry");
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[test]
fn the_default_pdf_is_identified_as_pdfa_2b_with_metadata_matching_the_info() {
    let (doc, bytes) = example(&[]);
    assert!(bytes.starts_with(b"%PDF-1.7\n"), "PDF/A-2b is on PDF 1.7");
    let xmp = xmp(&doc);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    let title = info_text(&doc, b"Title");
    assert_eq!(title, "IIJ Announces Third-Quarter Fiscal 2002 Results");
    assert!(xmp.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")));
    let author = info_text(&doc, b"Author");
    assert!(xmp.contains(&format!("<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li>")));
    assert!(xmp.contains(&format!(
        "<pdf:Producer>{}</pdf:Producer>",
        info_text(&doc, b"Producer")
    )));
    assert!(xmp.contains(&format!(
        "<pdf:Keywords>{}</pdf:Keywords>",
        info_text(&doc, b"Keywords")
    )));
    assert_eq!(info_text(&doc, b"CreationDate"), "D:20030214000000+00'00'");
    assert!(xmp.contains("<xmp:CreateDate>2003-02-14T00:00:00+00:00</xmp:CreateDate>"));
    assert!(xmp.contains("<dc:language><rdf:Bag><rdf:li>en</rdf:li>"));
    assert!(xmp.starts_with("<?xpacket begin=\"\u{feff}\""));
    assert!(xmp.ends_with("<?xpacket end=\"w\"?>"));

    // The sRGB output intent with its ICC profile.
    let intents = catalog(&doc)
        .get(b"OutputIntents")
        .and_then(Object::as_array)
        .expect("/OutputIntents");
    assert_eq!(intents.len(), 1);
    let intent = dict(&doc, &intents[0]);
    assert_eq!(name_of(intent, b"S"), "GTS_PDFA1");
    let profile = intent
        .get(b"DestOutputProfile")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .expect("an ICC profile");
    assert_eq!(profile.dict.get(b"N").ok(), Some(&Object::Integer(3)));
    let icc = profile.decompressed_content().expect("the profile decodes");
    assert_eq!(icc.get(36..40), Some(&b"acsp"[..]), "an ICC profile");
    assert_eq!(icc.get(16..20), Some(&b"RGB "[..]), "an RGB profile");
    assert_eq!(
        icc.get(8),
        Some(&2),
        "ICC version 2, which PDF/A-1 requires too"
    );
}

#[test]
fn the_pdfa_1b_variant_is_pdf_1_4_with_cidsets() {
    let (doc, bytes) = example(&["--pdfa", "1b"]);
    assert!(bytes.starts_with(b"%PDF-1.4\n"));
    assert!(xmp(&doc).contains("<pdfaid:part>1</pdfaid:part>"));
    assert!(
        !bytes.windows(7).any(|w| w == b"/ObjStm"),
        "no object streams"
    );
    let mut descriptors = 0;
    for object in doc.objects.values() {
        let Ok(d) = object.as_dict() else { continue };
        if name_of(d, b"Type") != "FontDescriptor" {
            continue;
        }
        descriptors += 1;
        let set = d
            .get(b"CIDSet")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_object(id))
            .and_then(Object::as_stream)
            .expect("a CIDSet for every subset");
        let bits = set.decompressed_content().expect("decodes");
        assert!(
            bits.first().is_some_and(|b| b & 0x80 != 0),
            "CID 0 is present"
        );
    }
    assert!(descriptors >= 3, "{descriptors} fonts");
    let o = build(&[
        "examples/iij-3q02.md",
        "--pdf",
        "--pdfa",
        "3u",
        "-o",
        "target/never",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("use `2b` or `1b`"), "{}", stderr(&o));
}

/// One element of the structure tree, read back.
#[derive(Debug)]
struct Element {
    kind: String,
    depth: usize,
    alt: Option<String>,
    scope: Option<String>,
}

/// The structure tree in reading order, and every (page, MCID) → element
/// id of the parent tree.
fn structure(doc: &Document) -> (Vec<Element>, BTreeMap<(i64, i64), ObjectId>) {
    let cat = catalog(doc);
    assert_eq!(
        dict(doc, cat.get(b"MarkInfo").expect("/MarkInfo"))
            .get(b"Marked")
            .ok(),
        Some(&Object::Boolean(true))
    );
    let root = dict(doc, cat.get(b"StructTreeRoot").expect("/StructTreeRoot"));
    assert_eq!(name_of(root, b"Type"), "StructTreeRoot");
    let mut elements = Vec::new();
    fn walk(doc: &Document, object: &Object, depth: usize, out: &mut Vec<Element>) {
        let Object::Reference(id) = object else {
            return; // a marked-content reference
        };
        let Ok(d) = doc.get_dictionary(*id) else {
            return;
        };
        if name_of(d, b"Type") != "StructElem" {
            return;
        }
        let alt = d.get(b"Alt").ok().and_then(|a| a.as_str().ok()).map(|b| {
            let units: Vec<u16> = b
                .get(2..)
                .unwrap_or_default()
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        });
        let scope = d
            .get(b"A")
            .ok()
            .map(|a| name_of(dict(doc, a), b"Scope"))
            .filter(|s| !s.is_empty());
        out.push(Element {
            kind: name_of(d, b"S"),
            depth,
            alt,
            scope,
        });
        if let Ok(kids) = d.get(b"K").and_then(Object::as_array) {
            for kid in kids {
                walk(doc, kid, depth + 1, out);
            }
        }
    }
    for kid in root.get(b"K").and_then(Object::as_array).expect("/K") {
        walk(doc, kid, 0, &mut elements);
    }
    let nums = dict(doc, root.get(b"ParentTree").expect("/ParentTree"))
        .get(b"Nums")
        .and_then(Object::as_array)
        .expect("/Nums");
    let mut parents = BTreeMap::new();
    for pair in nums.chunks(2) {
        let key = pair[0].as_i64().expect("a key");
        for (mcid, element) in pair[1].as_array().expect("an array").iter().enumerate() {
            parents.insert(
                (key, mcid as i64),
                element.as_reference().expect("a reference"),
            );
        }
    }
    (elements, parents)
}

/// Every page's marked content: (StructParents key, tag, MCID) of each
/// BDC; fails when text is drawn outside any marked sequence.
fn marked_content(doc: &Document) -> Vec<(i64, String, i64)> {
    let mut out = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).expect("a page");
        let key = page
            .get(b"StructParents")
            .and_then(Object::as_i64)
            .expect("/StructParents");
        let content = Content::decode(&doc.get_page_content(page_id)).expect("content decodes");
        let mut depth = 0usize;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    depth += 1;
                    let tag = op.operands[0].as_name().expect("a tag");
                    let mcid = dict(doc, &op.operands[1])
                        .get(b"MCID")
                        .and_then(Object::as_i64)
                        .expect("an MCID");
                    out.push((key, String::from_utf8_lossy(tag).into_owned(), mcid));
                }
                "BMC" => {
                    depth += 1;
                    assert_eq!(op.operands[0].as_name().ok(), Some(&b"Artifact"[..]));
                }
                "EMC" => depth = depth.checked_sub(1).expect("balanced marked content"),
                "BT" => assert!(depth > 0, "text outside marked content on page {key}"),
                _ => {}
            }
        }
        assert_eq!(depth, 0, "page {key} closes what it opens");
    }
    out
}

#[test]
fn every_piece_of_content_belongs_to_the_structure_tree() {
    let (doc, _) = example(&[]);
    let (elements, parents) = structure(&doc);
    let marks = marked_content(&doc);
    assert!(marks.len() > 50, "{} marked sequences", marks.len());
    for (key, tag, mcid) in &marks {
        let element = parents.get(&(*key, *mcid)).expect("in the parent tree");
        let d = doc.get_dictionary(*element).expect("an element");
        assert_eq!(&name_of(d, b"S"), tag, "the element's type is the tag");
    }
    assert_eq!(marks.len(), parents.len(), "no parent-tree entry left over");

    let kinds: Vec<&str> = elements.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds.first(), Some(&"Document"));
    // The letterhead, then the headline.
    assert_eq!(kinds.get(1..3), Some(&["P", "H1"][..]));
    for kind in [
        "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure",
    ] {
        assert!(kinds.contains(&kind), "no {kind} in {kinds:?}");
    }
    // A list item's label and body are its children.
    let li = elements.iter().position(|e| e.kind == "LI").expect("an LI");
    assert_eq!(elements[li + 1].kind, "Lbl");
    assert_eq!(elements[li + 1].depth, elements[li].depth + 1);
    // Column headers, and the figures table's row headers.
    assert!(
        elements
            .iter()
            .any(|e| e.kind == "TH" && e.scope.as_deref() == Some("Column"))
    );
    assert!(
        elements
            .iter()
            .any(|e| e.kind == "TH" && e.scope.as_deref() == Some("Row"))
    );
    assert!(
        elements
            .iter()
            .filter(|e| e.kind == "TH")
            .all(|e| e.scope.is_some())
    );
    // Charts say in words what they show.
    let figures: Vec<&Element> = elements.iter().filter(|e| e.kind == "Figure").collect();
    for figure in &figures {
        let alt = figure.alt.as_deref().expect("alternate text");
        assert!(alt.contains("3Q02: 10.6"), "{alt}");
        assert!(alt.contains("(yen)") || alt.contains("yen"), "{alt}");
    }
    assert!(!figures.is_empty());
    // The running header and footer ("Page 1 of 3") are furniture on
    // every page, not content.
    for (number, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let content = Content::decode(&doc.get_page_content(page_id)).expect("decodes");
        let artifacts = content
            .operations
            .iter()
            .filter(|op| op.operator == "BMC")
            .count();
        assert!(artifacts >= 1, "page {} has furniture", number + 1);
    }
}

#[test]
fn a_table_header_repeated_after_a_page_break_is_page_furniture() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut draft = String::from(
        "---\ntitle: Data centers\ncompany: Example Inc.\ndate: 2026-12-01\n---\n\n\
         | Site | Racks |\n|---|--:|\n",
    );
    for i in 1..=90 {
        draft.push_str(&format!("| Site number {i} | {} |\n", i * 10));
    }
    let path = dir.path().join("long-table.md");
    std::fs::write(&path, draft).expect("write");
    let (doc, _) = pdf(&path, &[]);
    assert!(doc.get_pages().len() >= 2, "the table runs over a page");
    let (elements, _) = structure(&doc);
    let header_cells = elements.iter().filter(|e| e.kind == "TH").count();
    assert_eq!(header_cells, 2, "the header row is in the structure once");
    let rows = elements.iter().filter(|e| e.kind == "TR").count();
    assert_eq!(rows, 91);
    marked_content(&doc);
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let second = doc.extract_text(&pages[1..2]).expect("text");
    assert!(
        second.contains("Racks"),
        "the header is drawn again: {second}"
    );
}

#[test]
fn a_japanese_release_is_tagged_with_its_language() {
    let (doc, _) = pdf(Path::new("tests/fixtures/clean-ja.md"), &[]);
    let lang = catalog(&doc)
        .get(b"Lang")
        .and_then(Object::as_str)
        .expect("/Lang");
    assert_eq!(lang, b"ja");
    assert!(xmp(&doc).contains("<dc:language><rdf:Bag><rdf:li>ja</rdf:li>"));
    let (elements, _) = structure(&doc);
    assert!(elements.iter().any(|e| e.kind == "H1"));
    marked_content(&doc);
}
