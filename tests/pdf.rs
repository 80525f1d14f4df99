//! `relkit build --pdf`: the PDF of the example and of a Japanese release,
//! read back with lopdf — pages, fonts embedded as subsets with ToUnicode,
//! the text in reading order (amounts, the data-center table, Japanese) —
//! byte-identical on a second build; and the layout's geometry: no glyph
//! outside the page's text area, no two text runs on top of each other, no
//! line starting with a character kinsoku forbids there.
//! (`.ci/run` also checks the PDFs with qpdf, pdffonts and pdftotext:
//! `scripts/check-pdf.sh`.)

use lopdf::{Document, Object};
use relkit::pdf::design::PageDesign;
use relkit::pdf::display::{DisplayList, Item, Role};
use relkit::render::Release;
use relkit::render::templates::Templates;
use relkit::{Config, Linter};
use std::path::Path;
use std::process::Command;

mod common;
use common::{build, info_dictionary, stderr, write_noncompliant_draft};

/// Build `draft` as PDF into a temporary folder; the folder and the bytes.
fn pdf_of(draft: &str, extra: &[&str]) -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut args = vec![draft, "--pdf", "-o"];
    let out = dir.path().display().to_string();
    args.push(&out);
    args.extend(extra);
    let o = build(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let stem = Path::new(draft)
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a name");
    let bytes = std::fs::read(dir.path().join(format!("{stem}.pdf"))).expect("written");
    (dir, bytes)
}

/// The document's text with all white space removed (runs are separate
/// text objects, so extraction puts line ends between them).
fn squeezed_text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .expect("text extracts")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every font of every page: (BaseFont, the descendant's FontDescriptor has
/// FontFile2, there is a ToUnicode map).
fn fonts(doc: &Document) -> Vec<(String, bool, bool)> {
    let mut out = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let Ok(fonts) = doc.get_page_fonts(page_id) else {
            continue;
        };
        for (_, font) in fonts {
            let base = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let subtype_ok = font
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|s| s == b"Type0");
            let embedded = font
                .get(b"DescendantFonts")
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| o.as_reference().ok())
                .and_then(|id| doc.get_dictionary(id).ok())
                .and_then(|cid| cid.get(b"FontDescriptor").ok())
                .and_then(|o| o.as_reference().ok())
                .and_then(|id| doc.get_dictionary(id).ok())
                .is_some_and(|d| d.get(b"FontFile2").is_ok());
            let to_unicode = font.get(b"ToUnicode").is_ok();
            if !out.iter().any(|(b, _, _)| *b == base) {
                out.push((base, subtype_ok && embedded, to_unicode));
            }
        }
    }
    out
}

#[test]
fn the_example_pdf_embeds_its_fonts_and_reads_back_in_order() {
    let (_dir, bytes) = pdf_of("examples/iij-3q02.md", &[]);
    assert!(bytes.len() < 300_000, "{} bytes", bytes.len());
    let doc = Document::load_mem(&bytes).expect("lopdf reads it");
    let pages = doc.get_pages().len();
    assert!((2..=5).contains(&pages), "{pages} pages");
    let fonts = fonts(&doc);
    assert!(fonts.len() >= 2, "{fonts:?}");
    for (base, embedded, to_unicode) in &fonts {
        let (tag, _) = base.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
            "{base}"
        );
        assert!(*embedded, "{base} is a Type0 font with FontFile2");
        assert!(*to_unicode, "{base} has a ToUnicode map");
    }
    let text = squeezed_text(&doc);
    let expected = [
        "Internet Initiative Japan Inc. (Nasdaq: IIJI)",
        "IIJ Announces Third-Quarter Fiscal 2002 Results",
        "TOKYO, February 14, 2003 —",
        "Total revenues totaled JPY10.6 billion ($89.0 million), an increase of 6.3% YoY",
        "between JPY12.5 billion ($105.3 million) and JPY13.0 billion ($109.5 million)",
        "Yokohama 1 Data Center",
        "B1F、3F、Tower 2F",
        "19,420.15m² (term)",
        "Financial highlights",
        "10,573",
        "89,036",
        "at the rate of ¥118.75 = US$1",
        "###",
    ];
    let mut from = 0;
    for words in expected {
        let words = squeeze(words);
        let at = text
            .get(from..)
            .and_then(|rest| rest.find(&words))
            .unwrap_or_else(|| panic!("{words:?} not found in order after byte {from}"));
        from += at + words.len();
    }
    for page in 1..=pages {
        assert!(
            text.contains(&squeeze(&format!("Page {page} of {pages}"))),
            "page number {page}"
        );
    }
}

#[test]
fn the_same_draft_gives_the_same_pdf() {
    let (_a, first) = pdf_of("examples/iij-3q02.md", &[]);
    let (_b, second) = pdf_of("examples/iij-3q02.md", &[]);
    assert!(first == second, "two builds differ");
    let doc = Document::load_mem(&first).expect("reads");
    let id = doc.trailer.get(b"ID").expect("a trailer /ID");
    assert!(id.as_array().is_ok_and(|a| a.len() == 2));
}

#[test]
fn a_japanese_release_reads_back_verbatim() {
    let (_dir, bytes) = pdf_of("tests/fixtures/clean-ja.md", &[]);
    let doc = Document::load_mem(&bytes).expect("reads");
    let text = squeezed_text(&doc);
    for words in [
        "当第3四半期の売上高は106億円（8,900万ドル）となり、前年同期比6.3%の増収となりました。",
        "横浜第1データセンター",
        "B1F、3F、塔屋2F",
        "19,420.15m²",
        "1米ドル＝118.75円",
    ] {
        assert!(text.contains(&squeeze(words)), "{words} in {text}");
    }
    let names: Vec<String> = fonts(&doc).into_iter().map(|(b, _, _)| b).collect();
    assert!(
        names.iter().any(|n| n.ends_with("+BIZUDPGothic-Regular")),
        "{names:?}"
    );
}

#[test]
fn a_draft_pdf_is_marked_on_every_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = write_noncompliant_draft(dir.path(), "broken.md");
    let draft = draft.display().to_string();
    let refused = build(&[&draft, "--pdf"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    let (_out, bytes) = pdf_of(&draft, &["--draft"]);
    let doc = Document::load_mem(&bytes).expect("reads");
    for page in doc.get_pages().keys() {
        let text = squeeze(&doc.extract_text(&[*page]).expect("text"));
        assert!(text.contains("DRAFT"), "page {page}: {text}");
    }
    assert!(squeezed_text(&doc).contains(&squeeze("DRAFT — not for release: 1 compliance error")));
}

/// The display list of `draft` as relkit lays it out.
fn display_list(draft: &str) -> (DisplayList, PageDesign) {
    let folder = Path::new(draft).parent().expect("a folder");
    let linter = Linter::new(Config::discover(folder).expect("config")).expect("linter");
    let (doc, report) = linter.check(relkit::lint::read_draft(Path::new(draft)).expect("draft"));
    let release = Release::new(&doc, &report, false);
    let templates = Templates::load(None).expect("templates");
    let design = PageDesign::load(&release, &templates).expect("design");
    let list = relkit::pdf::layout::lay_out(&release, &design).expect("layout");
    (list, design)
}

/// The box of each content run on each page: (page, left, bottom, right, top).
fn text_boxes(list: &DisplayList) -> Vec<(usize, [f32; 4], Role, String)> {
    let mut out = Vec::new();
    for (n, page) in list.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Glyphs(run) = item {
                let face = list.faces.get(run.face).expect("a face");
                let m = face.metrics();
                let em = f32::from(m.units_per_em);
                let top = run.y + m.ascent / em * run.size;
                let bottom = run.y + m.descent / em * run.size;
                let first = run.glyphs.first().map_or(0, |g| g.cluster.start);
                let last = run.glyphs.last().map_or(0, |g| g.cluster.end);
                let text = run.text.get(first..last).unwrap_or("").to_string();
                out.push((n, [run.x, bottom, run.x + run.width(), top], run.role, text));
            }
        }
    }
    out
}

#[test]
fn no_glyph_leaves_the_text_area_and_no_two_runs_overlap() {
    for draft in ["examples/iij-3q02.md", "tests/fixtures/clean-ja.md"] {
        let (list, design) = display_list(draft);
        let (width, height) = design.page.size.points();
        let area = [
            design.page.margin_left - 0.5,
            design.page.margin_bottom - 0.5,
            width - design.page.margin_right + 0.5,
            height - design.page.margin_top + 0.5,
        ];
        let boxes = text_boxes(&list);
        assert!(boxes.len() > 20, "{draft}: {} runs", boxes.len());
        for (page, b, role, text) in &boxes {
            if matches!(role, Role::Content(_)) {
                assert!(
                    b[0] >= area[0] && b[2] <= area[2] && b[1] >= area[1] && b[3] <= area[3],
                    "{draft} page {page}: {text:?} at {b:?} is outside the text area {area:?}"
                );
            } else {
                assert!(
                    b[0] >= 0.0 && b[2] <= width && b[1] >= 0.0 && b[3] <= height,
                    "{draft} page {page}: {text:?} is off the page"
                );
            }
        }
        let content: Vec<_> = boxes
            .iter()
            .filter(|(_, _, role, _)| matches!(role, Role::Content(_)))
            .collect();
        for (i, (page, a, _, ta)) in content.iter().enumerate() {
            for (other, b, _, tb) in content.iter().skip(i + 1) {
                if page != other {
                    continue;
                }
                // Runs of neighbouring lines may share a sliver of their
                // ascent and descent; glyphs do not.
                let overlap_x = a[2].min(b[2]) - a[0].max(b[0]);
                let overlap_y = a[3].min(b[3]) - a[1].max(b[1]);
                assert!(
                    overlap_x <= 0.5 || overlap_y <= 2.5,
                    "{draft} page {page}: {ta:?} {a:?} overlaps {tb:?} {b:?}"
                );
            }
        }
    }
}

#[test]
fn japanese_paragraphs_are_justified() {
    let (list, design) = display_list("tests/fixtures/clean-ja.md");
    let (width, _) = design.page.size.points();
    let right_margin = width - design.page.margin_right;
    // The right end of each line of content (runs on one baseline).
    let mut ends: Vec<(usize, i64, f32)> = Vec::new();
    for (page, b, role, _) in text_boxes(&list) {
        if !matches!(role, Role::Content(_)) {
            continue;
        }
        let baseline = (b[1] * 10.0).round() as i64;
        match ends
            .iter_mut()
            .find(|(p, y, _)| *p == page && *y == baseline)
        {
            Some(line) => line.2 = line.2.max(b[2]),
            None => ends.push((page, baseline, b[2])),
        }
    }
    let flush = ends
        .iter()
        .filter(|(_, _, end)| (right_margin - end).abs() < 0.6)
        .count();
    // The body paragraphs and the safe harbor have several full lines.
    assert!(
        flush >= 5,
        "{flush} lines end at the right margin of {}",
        ends.len()
    );
}

#[test]
fn no_japanese_line_starts_with_a_character_kinsoku_forbids() {
    let (list, _) = display_list("tests/fixtures/clean-ja.md");
    // The first run of each line: the leftmost run at each baseline.
    let mut lines: Vec<(usize, i64, f32, String)> = Vec::new();
    for (page, b, role, text) in text_boxes(&list) {
        if !matches!(role, Role::Content(_)) {
            continue;
        }
        let baseline = (b[1] * 10.0).round() as i64;
        match lines
            .iter_mut()
            .find(|(p, y, _, _)| *p == page && *y == baseline)
        {
            Some(line) if b[0] < line.2 => {
                line.2 = b[0];
                line.3 = text;
            }
            Some(_) => {}
            None => lines.push((page, baseline, b[0], text)),
        }
    }
    assert!(lines.len() > 10);
    for (_, _, _, text) in &lines {
        let first = text.chars().next();
        assert!(
            !matches!(
                first,
                Some('、' | '。' | '）' | '」' | 'ー' | 'ッ' | 'ょ' | 'っ' | '，' | '．')
            ),
            "a line starts with {first:?}: {text}"
        );
    }
}

#[test]
fn a_wrong_page_design_is_a_clear_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let brand = dir.path().join("brand");
    std::fs::create_dir(&brand).expect("folder");
    let default = relkit::render::templates::DEFAULTS
        .iter()
        .find(|(name, _)| *name == "pdf.toml")
        .map(|(_, text)| *text)
        .expect("the default design");
    let out = dir.path().join("out");
    for (broken, message) in [
        (
            default.replace("accent = \"#0b3d6e\"", "accent = \"navy\""),
            "colors.accent = \"navy\" is not a #rrggbb colour",
        ),
        (
            default.replace("margin_left = 62", "margin_left = -5"),
            "margins must be zero or more points",
        ),
        (
            default.replace("size = \"A4\"", "size = \"A3\""),
            "the page design it gives is not valid",
        ),
    ] {
        std::fs::write(brand.join("pdf.toml"), broken).expect("write");
        let o = build(&[
            "examples/iij-3q02.md",
            "--pdf",
            "--templates",
            &brand.display().to_string(),
            "-o",
            &out.display().to_string(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("pdf.toml"), "{}", stderr(&o));
        assert!(stderr(&o).contains(message), "{}", stderr(&o));
        assert!(!out.join("iij-3q02.pdf").exists());
    }
}

#[test]
fn the_creation_date_is_the_release_date_or_source_date_epoch() {
    let dates = |epoch: Option<&str>| {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut command = Command::new(env!("CARGO_BIN_EXE_relkit"));
        command.args(["build", "examples/iij-3q02.md", "--pdf", "-o"]);
        command.arg(dir.path());
        match epoch {
            Some(e) => command.env("SOURCE_DATE_EPOCH", e),
            None => command.env_remove("SOURCE_DATE_EPOCH"),
        };
        let o = command.output().expect("runs");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let doc = Document::load(dir.path().join("iij-3q02.pdf")).expect("reads");
        info_dictionary(&doc)
            .get(b"CreationDate")
            .and_then(Object::as_str)
            .map(|d| String::from_utf8_lossy(d).into_owned())
            .expect("a creation date")
    };
    assert_eq!(dates(None), "D:20030214000000+00'00'");
    // 2026-12-01 00:00:00 UTC.
    assert_eq!(dates(Some("1796083200")), "D:20261201000000+00'00'");
}

/// A project folder with the example draft, its disclaimers and its
/// `relkit.toml` with `fonts` added as `[fonts]` (paths relative to the
/// folder; `brand/` holds copies of bundled fonts and a text file).
fn project_with_fonts(fonts: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy("examples/iij-3q02.md", dir.path().join("iij-3q02.md")).expect("copy draft");
    std::fs::create_dir(dir.path().join("brand")).expect("mkdir");
    for font in [
        "BIZUDPGothic-Regular.ttf",
        "BIZUDPGothic-Bold.ttf",
        "NotoSans-Bold.ttf",
    ] {
        std::fs::copy(
            Path::new("fonts").join(font),
            dir.path().join("brand").join(font),
        )
        .expect("copy font");
    }
    std::fs::write(dir.path().join("brand/notes.txt"), "not a font\n").expect("write");
    // The example's own configuration and approved disclaimers come along.
    std::fs::create_dir(dir.path().join("disclaimers")).expect("mkdir");
    for entry in std::fs::read_dir("examples/disclaimers").expect("disclaimers") {
        let path = entry.expect("entry").path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, dir.path().join("disclaimers").join(name)).expect("copy");
        }
    }
    let config = std::fs::read_to_string("examples/relkit.toml").expect("config");
    std::fs::write(
        dir.path().join("relkit.toml"),
        format!("{config}\n[fonts]\n{fonts}"),
    )
    .expect("write");
    dir
}

/// `relkit build --pdf` of the example in a project of
/// [`project_with_fonts`], into its `out` folder.
fn build_project_pdf(dir: &tempfile::TempDir) -> (std::process::Output, std::path::PathBuf) {
    let draft = dir.path().join("iij-3q02.md");
    let out = dir.path().join("out");
    let o = build(&[
        draft.to_str().expect("utf-8"),
        "--pdf",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    (o, out)
}

#[test]
fn relkit_toml_can_name_the_corporate_typeface() {
    // The house face for text: here the Japanese face, which also has Latin
    // letters, stands in for a corporate typeface.
    let dir = project_with_fonts(
        "regular = \"brand/BIZUDPGothic-Regular.ttf\"\nbold = \"brand/BIZUDPGothic-Bold.ttf\"\n",
    );
    let (o, out) = build_project_pdf(&dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = Document::load(out.join("iij-3q02.pdf")).expect("reads");
    let names: Vec<String> = fonts(&doc).into_iter().map(|(b, _, _)| b).collect();
    assert!(
        names.iter().all(|n| !n.contains("NotoSans")),
        "the bundled Latin faces are replaced: {names:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with("+BIZUDPGothic-Bold")),
        "{names:?}"
    );
    assert!(squeezed_text(&doc).contains("TotalrevenuestotaledJPY10.6billion($89.0million)"));
}

#[test]
fn a_wrong_font_in_relkit_toml_is_a_clear_error() {
    let cases = [
        // (relkit.toml [fonts], what the message must say)
        (
            "regular = \"brand/Missing.ttf\"\n",
            "relkit.toml:8:11: [fonts] regular names the font file `brand/Missing.ttf`, which does not exist",
        ),
        (
            "bold = \"brand/notes.txt\"\n",
            "brand/notes.txt: not a font relkit can use",
        ),
        (
            "japanese = \"brand/NotoSans-Bold.ttf\"\n",
            "the font has no Japanese characters (no 日), so it cannot be the `japanese` face",
        ),
    ];
    for (fonts, message) in cases {
        let dir = project_with_fonts(fonts);
        let (o, out) = build_project_pdf(&dir);
        assert_eq!(o.status.code(), Some(2), "{fonts}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{fonts}: {}", stderr(&o));
        assert!(!out.exists(), "nothing is written");
    }
}

#[test]
fn a_pie_chart_is_drawn_as_filled_slices_with_a_legend() {
    let (list, design) = display_list("tests/fixtures/clean-pie-chart.md");
    type Slice<'a> = (&'a Vec<(f32, f32)>, relkit::pdf::display::Color, Role);
    let slices: Vec<Slice> = list
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Shape {
                points,
                color,
                role,
            } => Some((points, *color, *role)),
            _ => None,
        })
        .collect();
    assert_eq!(slices.len(), 3, "one slice per part");
    for (i, (_, a, _)) in slices.iter().enumerate() {
        for (_, b, _) in slices.iter().skip(i + 1) {
            assert_ne!(a, b, "slices have their own colours");
        }
    }
    assert!(
        slices
            .iter()
            .all(|(_, _, role)| matches!(role, Role::Content(_)))
    );
    // Every corner inside the text area.
    let (width, height) = design.page.size.points();
    let left = design.page.margin_left;
    let right = width - design.page.margin_right;
    let bottom = design.page.margin_bottom;
    let top = height - design.page.margin_top;
    for (points, _, _) in &slices {
        for &(x, y) in points.iter() {
            assert!(x >= left - 0.01 && x <= right + 0.01, "x {x}");
            assert!(y >= bottom - 0.01 && y <= top + 0.01, "y {y}");
        }
    }
    // The legend gives each part's value and share.
    let texts: String = text_boxes(&list)
        .into_iter()
        .map(|(_, _, _, t)| t)
        .collect();
    assert!(texts.contains("Connectivity: 5,200 (49.2%)"), "{texts}");
    assert!(texts.contains("Equipment: 1,473 (13.9%)"), "{texts}");
}

#[test]
fn a_table_that_fits_on_a_page_is_kept_on_one() {
    // Enough text to fill most of the first page, then a 20-row table.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut draft = String::from("---\ntitle: Sites\ncompany: Example Inc.\n---\n\n");
    for i in 0..11 {
        draft.push_str(&format!(
            "Paragraph {i} describes the data centers that the company operates in Tokyo and Osaka, \
             their floor space, their power supply and the racks they hold for customers.\n\n"
        ));
    }
    draft.push_str("| Site | Racks |\n|---|--:|\n");
    for i in 1..=20 {
        draft.push_str(&format!("| Site {i} | {} |\n", i * 10));
    }
    let path = dir.path().join("sites.md");
    std::fs::write(&path, draft).expect("write");
    let (list, _) = display_list(path.to_str().expect("utf-8"));
    let pages_with = |needle: &str| -> Vec<usize> {
        text_boxes(&list)
            .into_iter()
            .filter(|(_, _, role, text)| matches!(role, Role::Content(_)) && text.contains(needle))
            .map(|(page, _, _, _)| page)
            .collect()
    };
    let first = pages_with("Site 1");
    let last = pages_with("Site 20");
    let header = pages_with("Racks");
    assert_eq!(header.len(), 1, "the header once: {header:?}");
    let all: Vec<String> = text_boxes(&list)
        .into_iter()
        .map(|(p, _, _, t)| format!("{p}:{t}"))
        .collect();
    assert!(!first.is_empty() && !last.is_empty(), "{all:?}");
    assert_eq!(first.first(), last.first(), "the whole table on one page");
    assert!(
        pages_with("Paragraph 0").first() < first.first(),
        "the table moved to the next page rather than split"
    );
}
