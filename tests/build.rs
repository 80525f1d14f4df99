//! `relkit build`: the example renders to a stable page (snapshot), drafts
//! with errors are refused or marked, outputs are deterministic and safe, and
//! bad templates or folders fail clearly.

use std::path::Path;

mod common;
use common::{build, relkit, stderr, write_noncompliant_draft};

#[test]
fn the_example_page_is_stable_and_complete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().display().to_string();
    let o = build(&["examples/iij-3q02.md", "-o", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.path().join("iij-3q02.html")).expect("written");
    for part in [
        "<h1>IIJ Announces Third-Quarter Fiscal 2002 Results</h1>",
        "TOKYO, February 14, 2003 —",
        "Total revenues totaled JPY10.6&nbsp;billion&nbsp;($89.0&nbsp;million), an increase of 6.3% YoY",
        "<th class=\"num\">3Q02<br>(Thousands of U.S. dollars)</th>",
        "<td class=\"num\">10,573</td><td class=\"num\">89,036</td>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"",
        "Forward-looking statements",
        "at the rate of ¥118.75 = US$1, the approximate exchange rate on December 31, 2002",
        "<p class=\"end-mark\" aria-label=\"end of release\">###</p>",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    // Self-contained: nothing fetched from elsewhere.
    for external in ["<link", "<script", "src=\"http", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
    insta::assert_snapshot!("iij-3q02.html", html);

    // Byte-identical on a second build.
    let first = std::fs::read(dir.path().join("iij-3q02.html")).expect("read");
    let o = build(&["examples/iij-3q02.md", "-o", &out]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read(dir.path().join("iij-3q02.html")).expect("read"),
        first
    );
}

#[test]
fn drafts_with_errors_are_refused_or_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("broken.md");
    std::fs::write(
        &draft,
        "---\ntitle: Results\ncompany: Example Inc.\n---\nThe company expects growth in {{ revenue.3Q02 }}.\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let o = build(&[
        &draft.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("error[FLS001]"));
    assert!(stderr(&o).contains("not built"), "{}", stderr(&o));
    assert!(!out.exists() || std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0) == 0);

    let o = build(&[
        &draft.display().to_string(),
        "-o",
        &out.display().to_string(),
        "--draft",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(out.join("broken.html")).expect("written");
    assert!(
        html.contains("DRAFT — not for release: 2 compliance errors"),
        "{html}"
    );
}

#[test]
fn raw_html_in_a_draft_is_made_safe() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("x.md");
    std::fs::write(
        &draft,
        "---\ntitle: <script>alert(1)</script>\ncompany: Example Inc.\n---\nRevenues rose. <script>alert(2)</script><img src=x onerror=alert(3)><iframe src=\"https://example.com\"></iframe> <a href=\"javascript:alert(4)\">link</a>\n",
    )
    .expect("write");
    let o = build(&[
        &draft.display().to_string(),
        "-o",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.path().join("x.html")).expect("written");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("onerror"), "{html}");
    assert!(!html.contains("<iframe"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"),
        "the title is escaped"
    );
}

#[test]
fn user_templates_override_and_errors_name_the_template_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let templates = dir.path().join("brand");
    let o = relkit()
        .args(["templates", "export", &templates.display().to_string()])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(templates.join("release.html").exists());
    std::fs::write(
        templates.join("release.html"),
        "<!DOCTYPE html><title>{{ release.title }}</title><main>{{ body_html | safe }}</main>",
    )
    .expect("write");
    let out = dir.path().join("out");
    let o = build(&[
        "examples/iij-3q02.md",
        "-o",
        &out.display().to_string(),
        "--templates",
        &templates.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(out.join("iij-3q02.html")).expect("written");
    assert!(
        html.starts_with("<!DOCTYPE html><title>IIJ Announces"),
        "{html}"
    );

    std::fs::write(templates.join("release.html"), "<p>\n{% if %}\n</p>").expect("write");
    let o = build(&[
        "examples/iij-3q02.md",
        "-o",
        &out.display().to_string(),
        "--templates",
        &templates.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("release.html:2:"), "{}", stderr(&o));
}

#[test]
fn an_unwritable_output_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").expect("write");
    let o = build(&[
        "examples/iij-3q02.md",
        "-o",
        &blocker.join("out").display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert!(Path::new("examples/iij-3q02.md").exists());
}

#[test]
fn several_formats_are_written_together() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().display().to_string();
    let o = build(&[
        "examples/iij-3q02.md",
        "--html",
        "--edgar",
        "--pdf",
        "-o",
        &out,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for name in ["iij-3q02.html", "iij-3q02-edgar.htm", "iij-3q02.pdf"] {
        assert!(dir.path().join(name).is_file(), "{name}");
        assert!(stderr(&o).contains(name), "{}", stderr(&o));
    }
    let pdf = std::fs::read(dir.path().join("iij-3q02.pdf")).expect("read");
    assert!(pdf.starts_with(b"%PDF-1.7"));
}

/// The example, copied with its configuration and approved texts, with one
/// sentence changed by `edit`.
fn example_with(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string("examples/iij-3q02.md").expect("example");
    std::fs::write(dir.path().join("iij-3q02.md"), edit(&text)).expect("write");
    std::fs::copy("examples/relkit.toml", dir.path().join("relkit.toml")).expect("config");
    std::fs::create_dir(dir.path().join("disclaimers")).expect("folder");
    for entry in std::fs::read_dir("examples/disclaimers").expect("disclaimers") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("a file name");
        std::fs::copy(&path, dir.path().join("disclaimers").join(name)).expect("copy");
    }
    dir
}

#[test]
fn the_example_with_an_added_error_is_refused_and_its_draft_is_marked() {
    // A dollar translation that does not agree with ¥118.75 = US$1.
    let added = "It is the third time in IIJ's history that revenues surpassed JPY10 billion.";
    let dir = example_with(|text| {
        assert!(text.contains(added), "the example still has the sentence");
        text.replace(
            added,
            "It is the third time in IIJ's history that revenues surpassed JPY10.0 billion ($95.0 million).",
        )
    });
    let draft = dir.path().join("iij-3q02.md");
    let out = dir.path().join("out");
    let args = [
        draft.display().to_string(),
        "--html".to_string(),
        "--edgar".to_string(),
        "-o".to_string(),
        out.display().to_string(),
    ];
    let mut refused: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = build(&refused);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("error[FX001]"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(!out.exists(), "nothing is written, not even the folder");

    refused.push("--draft");
    let o = build(&refused);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(out.join("iij-3q02.html")).expect("page");
    assert!(
        html.contains("<div class=\"draft-banner\" role=\"alert\">DRAFT — not for release: 1 compliance error</div>"),
        "{html}"
    );
    let exhibit = std::fs::read_to_string(out.join("iij-3q02-edgar.htm")).expect("exhibit");
    assert!(exhibit.contains("DRAFT &#8212; not for release: 1 compliance error"));
}

#[test]
fn many_drafts_build_in_parallel_and_report_in_the_order_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example =
        std::fs::read_to_string("tests/fixtures/clean-no-forward-looking.md").expect("fixture");
    let names: Vec<String> = (0..12).map(|i| format!("q{i:02}.md")).collect();
    for name in &names {
        std::fs::write(dir.path().join(name), &example).expect("write");
    }
    // One refused draft among them.
    write_noncompliant_draft(dir.path(), "q05.md");
    let out = dir.path().join("out");
    let mut args: Vec<String> = names
        .iter()
        .map(|n| dir.path().join(n).display().to_string())
        .collect();
    args.push("-o".into());
    args.push(out.display().to_string());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = build(&refs);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let built: Vec<String> = stderr(&o)
        .lines()
        .filter_map(|l| l.strip_prefix("relkit: built "))
        .filter(|f| f.ends_with(".html"))
        .map(|f| f.rsplit('/').next().unwrap_or(f).to_string())
        .collect();
    let expected: Vec<String> = names
        .iter()
        .filter(|n| *n != "q05.md")
        .map(|n| n.replace(".md", ".html"))
        .collect();
    assert_eq!(built, expected);
    assert!(!out.join("q05.html").exists());
    assert!(stderr(&o).contains("relkit: not built:"));
}

#[test]
fn two_drafts_that_would_write_the_same_files_are_refused_before_anything_is_built() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example =
        std::fs::read_to_string("tests/fixtures/clean-no-forward-looking.md").expect("fixture");
    for folder in ["a", "b"] {
        std::fs::create_dir_all(dir.path().join(folder)).expect("mkdir");
        std::fs::write(dir.path().join(folder).join("q3.md"), &example).expect("write");
    }
    let out = dir.path().join("site");
    let a = dir.path().join("a/q3.md").display().to_string();
    let b = dir.path().join("b/q3.md").display().to_string();
    let o = build(&[&a, &b, "-o", &out.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("would both be written as"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    // Without -o each goes to its own out/ folder.
    let o = build(&[&a, &b]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.path().join("a/out/q3.html").is_file());
    assert!(dir.path().join("b/out/q3.html").is_file());
}
