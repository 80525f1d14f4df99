//! `relkit build --edgar`: the EDGAR exhibit of the example is stable
//! (snapshot) and keeps EDGAR's rules, checked here by a reader of its own —
//! printable ASCII only, EDGAR's HTML 4 tags, no nested tables, no handlers,
//! scripts, images or external references. (`.ci/run` also checks the
//! example's exhibit with the Arelle EFM oracle, `scripts/check-edgar.sh`.)

use regex::Regex;
use std::path::Path;

mod common;
use common::{build, stderr, write_noncompliant_draft};

/// The tags EDGAR recognises that relkit may write (EDGAR Filer Manual
/// vol. II §5.2.2; `span`, `div`, `thead`, `tbody`, `col`, `img`, `style`
/// and `script` are left out on purpose).
const EDGAR_TAGS: &[&str] = &[
    "html",
    "head",
    "title",
    "meta",
    "body",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "hr",
    "pre",
    "blockquote",
    "center",
    "a",
    "br",
    "em",
    "strong",
    "code",
    "sub",
    "sup",
    "tt",
    "i",
    "b",
    "u",
    "strike",
    "font",
    "table",
    "caption",
    "tr",
    "th",
    "td",
];

/// Every breach of EDGAR's rules in `html`, described.
fn edgar_breaches(html: &str) -> Vec<String> {
    let mut breaches = Vec::new();
    for (i, b) in html.bytes().enumerate() {
        if !(b == b'\n' || b == b'\t' || (0x20..0x7f).contains(&b)) {
            breaches.push(format!("byte {b:#04x} at {i} is not printable ASCII"));
        }
    }
    let tag = Regex::new(r"<(/?)([A-Za-z0-9]+)([^>]*)>").expect("regex");
    let handler = Regex::new(r"\son[a-z]+\s*=").expect("regex");
    let reference = Regex::new(r#"(?:href|src)\s*=\s*"([^"]*)""#).expect("regex");
    let mut table_depth = 0i32;
    for c in tag.captures_iter(html) {
        let (closing, name, attributes) = (&c[1] == "/", &c[2], &c[3]);
        if !EDGAR_TAGS.contains(&name) {
            breaches.push(format!("<{name}> is not an EDGAR tag"));
        }
        if name == "table" {
            table_depth += if closing { -1 } else { 1 };
            if table_depth > 1 {
                breaches.push("nested table".to_string());
            }
        }
        let lower = attributes.to_ascii_lowercase();
        if handler.is_match(&lower) {
            breaches.push(format!("event handler in <{name}{attributes}>"));
        }
        if lower.contains("javascript:") {
            breaches.push(format!("javascript: in <{name}{attributes}>"));
        }
        for link in reference.captures_iter(attributes) {
            if !link[1].starts_with("https://www.sec.gov/Archives/") {
                breaches.push(format!("external reference {}", &link[1]));
            }
        }
    }
    for entity in Regex::new(r"&([A-Za-z][A-Za-z0-9]*);")
        .expect("regex")
        .captures_iter(html)
    {
        if !matches!(&entity[1], "amp" | "lt" | "gt" | "quot") {
            breaches.push(format!("named entity &{};", &entity[1]));
        }
    }
    breaches
}

#[test]
fn the_example_exhibit_is_stable_and_keeps_edgar_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().display().to_string();
    let o = build(&["examples/iij-3q02.md", "--html", "--edgar", "-o", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.path().join("iij-3q02.html").is_file(), "the page too");
    let exhibit_path = dir.path().join("iij-3q02-edgar.htm");
    let exhibit = std::fs::read_to_string(&exhibit_path).expect("written");
    assert_eq!(edgar_breaches(&exhibit), Vec::<String>::new());
    for part in [
        "<h1 align=\"center\" style=\"font-size: 14pt\">IIJ Announces Third-Quarter Fiscal 2002 Results</h1>",
        "TOKYO, February 14, 2003 &#8212;",
        "Total revenues totaled JPY10.6&#160;billion&#160;($89.0&#160;million), an increase of 6.3% YoY",
        // The data-center table, with its Japanese punctuation and m².
        "<td align=\"left\" valign=\"bottom\">B1F&#12289;3F&#12289;Tower 2F</td>",
        "19,420.15m&#178; (term)",
        // The highlights table, computed by relkit, and a chart as its numbers.
        "<td align=\"right\">10,573</td><td align=\"right\">89,036</td>",
        "<tr><td align=\"left\">4Q02 (E)</td><td align=\"right\">12.5&#8211;13.0</td></tr>",
        "at the rate of &#165;118.75 = US$1",
        "<p align=\"center\">###</p>",
    ] {
        assert!(exhibit.contains(part), "missing {part}");
    }
    insta::assert_snapshot!("iij-3q02-edgar.htm", exhibit);

    // Byte-identical on a second build.
    let o = build(&["examples/iij-3q02.md", "--edgar", "-o", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&exhibit_path).expect("read"),
        exhibit
    );
}

#[test]
fn hostile_markup_never_reaches_the_exhibit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("Hostile Draft.md");
    std::fs::write(
        &draft,
        "---\ntitle: Results <script>alert(1)</script>\ncompany: Example Inc.\n---\n\
         Revenues rose. <script>alert(2)</script><img src=x onerror=alert(3)>\
         <iframe src=\"https://example.com\"></iframe> <style>p{}</style>\
         <a href=\"javascript:alert(4)\">link</a> <span>span</span>\n\n\
         See [our site](https://www.example.com/ir) and ![logo](https://example.com/logo.png).\n\n\
         > | a | b |\n> |---|---|\n> | 1 | 2 |\n",
    )
    .expect("write");
    let o = build(&[
        &draft.display().to_string(),
        "--edgar",
        "-o",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // EDGAR's file name rules: lower case, no spaces.
    let exhibit = std::fs::read_to_string(dir.path().join("hostile-draft-edgar.htm"))
        .expect("written under EDGAR's name rules");
    assert_eq!(edgar_breaches(&exhibit), Vec::<String>::new());
    // The body's script and style go with their text; the title's is text.
    for gone in [
        "alert(2)", "alert(3)", "alert(4)", "p{}", "<script", "<style", "onerror",
    ] {
        assert!(!exhibit.contains(gone), "{gone} in {exhibit}");
    }
    assert!(
        exhibit.contains("<title>Results &lt;script&gt;"),
        "the title is escaped: {exhibit}"
    );
    assert!(
        exhibit.contains("our site (https://www.example.com/ir)"),
        "{exhibit}"
    );
    assert!(exhibit.contains("[logo]"), "{exhibit}");
    assert!(
        !dir.path().join("Hostile Draft.html").exists(),
        "only what was asked"
    );
}

#[test]
fn a_draft_exhibit_carries_the_banner_and_a_refused_build_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = write_noncompliant_draft(dir.path(), "broken.md");
    let out = dir.path().join("out");
    let args = |extra: &[&str]| {
        let mut a = vec![
            draft.display().to_string(),
            "--html".to_string(),
            "--edgar".to_string(),
            "-o".to_string(),
            out.display().to_string(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let refused = args(&[]);
    let o = build(&refused.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!Path::new(&out).join("broken-edgar.htm").exists());
    assert!(!Path::new(&out).join("broken.html").exists());

    let drafted = args(&["--draft"]);
    let o = build(&drafted.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let exhibit = std::fs::read_to_string(out.join("broken-edgar.htm")).expect("written");
    assert!(
        exhibit.contains("DRAFT &#8212; not for release: 1 compliance error"),
        "{exhibit}"
    );
    assert_eq!(edgar_breaches(&exhibit), Vec::<String>::new());
}
