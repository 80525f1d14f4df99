//! Build attestations (`NAME.relkit.json`) and `relkit verify`: what a
//! build records, that the record is deterministic, that the PDF carries
//! the draft's hash, and that verification fails — naming the reason — when
//! a published file, the draft or the configuration is changed.

use std::path::{Path, PathBuf};

mod common;
use common::{code, run, stderr, stdout};

/// A copy of the examples folder (draft, relkit.toml, disclaimers).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in walk(Path::new("examples")) {
        let relative = entry.strip_prefix("examples").expect("inside");
        if relative.starts_with("out") {
            continue;
        }
        let target = dir.path().join(relative);
        if entry.is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::copy(&entry, &target).expect("copy");
        }
    }
    dir
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        out.push(path.clone());
        if path.is_dir() {
            out.extend(walk(&path));
        }
    }
    out
}

fn build_all(dir: &Path) -> PathBuf {
    let draft = dir.join("iij-3q02.md");
    let o = run(&[
        "build",
        draft.to_str().expect("utf-8"),
        "--html",
        "--pdf",
        "--edgar",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    dir.join("out")
}

fn attestation(out: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join("iij-3q02.relkit.json")).expect("written");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn a_build_records_what_it_checked_and_wrote() {
    let dir = project();
    let out = build_all(dir.path());
    let a = attestation(&out);
    assert_eq!(a["attestation"], 2);
    assert!(
        a["checked_on"]
            .as_str()
            .and_then(relkit::draft::date::Date::parse)
            .is_some()
    );
    assert_eq!(a["relkit"], env!("CARGO_PKG_VERSION"));
    let draft = std::fs::read(dir.path().join("iij-3q02.md")).expect("draft");
    assert_eq!(a["draft"]["path"], "../iij-3q02.md");
    assert_eq!(a["draft"]["sha256"], relkit::attest::sha256_hex(&draft));
    assert_eq!(a["config"]["path"], "../relkit.toml");
    let outputs = a["outputs"].as_array().expect("outputs");
    let files: Vec<&str> = outputs.iter().filter_map(|o| o["file"].as_str()).collect();
    assert_eq!(
        files,
        ["iij-3q02.html", "iij-3q02-edgar.htm", "iij-3q02.pdf"]
    );
    for output in outputs {
        let file = output["file"].as_str().expect("name");
        let bytes = std::fs::read(out.join(file)).expect("output");
        assert_eq!(
            output["sha256"],
            relkit::attest::sha256_hex(&bytes),
            "{file}"
        );
        assert_eq!(output["bytes"], bytes.len() as u64);
    }
    assert_eq!(outputs[2]["standard"], "PDF/A-2b");
    // Every rule with its severity; the safe harbor with its version.
    let rules = a["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), relkit::rules::RULES.len());
    assert!(
        rules
            .iter()
            .any(|r| r["code"] == "FLS001" && r["severity"] == "error")
    );
    let disclaimers = a["disclaimers"].as_array().expect("disclaimers");
    assert!(disclaimers.iter().any(|d| d["id"] == "iij-safe-harbor"
        && d["how"] == "listed"
        && d["version"].as_str().is_some_and(|v| !v.is_empty())
        && d["text_sha256"].as_str().is_some_and(|h| h.len() == 64)));
    assert_eq!(a["fx"]["rate"], "118.75");
    assert!(a["fx"]["as_of"].as_str().is_some());
    assert_eq!(a["lint"]["errors"], 0);
    assert_eq!(
        a["lint"]["notes"].as_u64(),
        Some(a["lint"]["findings"].as_array().expect("findings").len() as u64)
    );
    assert_eq!(a["draft_build"], false);
}

#[test]
fn the_attestation_is_byte_identical_for_the_same_build_and_the_pdf_names_the_draft() {
    let dir = project();
    let out = build_all(dir.path());
    let first = std::fs::read(out.join("iij-3q02.relkit.json")).expect("first");
    std::fs::remove_dir_all(&out).expect("clean");
    let out = build_all(dir.path());
    let second = std::fs::read(out.join("iij-3q02.relkit.json")).expect("second");
    assert_eq!(first, second);
    let doc = lopdf::Document::load(out.join("iij-3q02.pdf")).expect("pdf");
    let id = doc
        .catalog()
        .and_then(|c| c.get(b"Metadata"))
        .and_then(lopdf::Object::as_reference)
        .expect("metadata");
    let xmp = String::from_utf8(
        doc.get_object(id)
            .and_then(lopdf::Object::as_stream)
            .expect("stream")
            .content
            .clone(),
    )
    .expect("utf-8");
    let hash = attestation(&out)["draft"]["sha256"]
        .as_str()
        .expect("hash")
        .to_string();
    assert!(xmp.contains(&format!("<relkit:DraftSHA256>{hash}</relkit:DraftSHA256>")));
    assert!(xmp.contains(&format!(
        "<relkit:Version>{}</relkit:Version>",
        env!("CARGO_PKG_VERSION")
    )));
}

#[test]
fn verify_passes_on_what_was_built() {
    let dir = project();
    let out = build_all(dir.path());
    for file in ["iij-3q02.pdf", "iij-3q02.html", "iij-3q02.relkit.json"] {
        let o = run(&["verify", out.join(file).to_str().expect("utf-8")]);
        assert_eq!(code(&o), 0, "{file}: {}{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains("  verified\n"), "{}", stdout(&o));
        assert!(stdout(&o).contains("the draft lints with the recorded result"));
    }
    let all = run(&[
        "verify",
        out.join("iij-3q02.relkit.json").to_str().expect("utf-8"),
    ]);
    for file in ["iij-3q02.html", "iij-3q02.pdf", "iij-3q02-edgar.htm"] {
        assert!(stdout(&all).contains(&format!("ok     {file} is the file that was built")));
    }
}

#[test]
fn verify_fails_when_a_published_file_or_the_draft_changes() {
    let dir = project();
    let out = build_all(dir.path());
    // A published page edited after the build.
    let page = out.join("iij-3q02.html");
    let mut html = std::fs::read_to_string(&page).expect("page");
    html = html.replace("10.6", "10.9");
    std::fs::write(&page, html).expect("write");
    let o = run(&["verify", page.to_str().expect("utf-8")]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("FAILED iij-3q02.html is the file that was built"));
    assert!(stdout(&o).contains("it has been changed since the build"));
    assert!(stdout(&o).contains("NOT verified"));
    // The PDF is still fine…
    let pdf = out.join("iij-3q02.pdf");
    let o = run(&["verify", pdf.to_str().expect("utf-8")]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    // …until the draft is edited: the draft differs and is not re-linted.
    let draft = dir.path().join("iij-3q02.md");
    let text = std::fs::read_to_string(&draft).expect("draft");
    std::fs::write(&draft, text.replace("IIJ expects", "IIJ clearly expects")).expect("write");
    let o = run(&["verify", pdf.to_str().expect("utf-8")]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("FAILED the draft ../iij-3q02.md is unchanged"));
    assert!(stdout(&o).contains("it has been edited since the build"));
    // A changed configuration is reported too.
    std::fs::write(&draft, text).expect("restore");
    let config = dir.path().join("relkit.toml");
    let mut toml = std::fs::read_to_string(&config).expect("config");
    toml.push_str("\n[rules]\nFLS100 = \"off\"\n");
    std::fs::write(&config, toml).expect("write");
    let o = run(&["verify", pdf.to_str().expect("utf-8")]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("FAILED the configuration ../relkit.toml is unchanged"));
    assert!(stdout(&o).contains("FAILED the draft lints with the recorded result"));
}

#[test]
fn verify_fails_on_a_changed_pdf_byte_and_on_a_changed_disclaimer_version() {
    let dir = project();
    let out = build_all(dir.path());
    let pdf = out.join("iij-3q02.pdf");
    let pdf_arg = pdf.to_str().expect("utf-8").to_string();
    let o = run(&["verify", &pdf_arg]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains(
        "ok     the approved texts are the versions that were published (iij-safe-harbor v2003-02, convenience-translation v2, non-gaap v2)"
    ), "{}", stdout(&o));

    // One byte of the PDF changed (inside a content stream, past the header).
    let original = std::fs::read(&pdf).expect("pdf");
    let mut bytes = original.clone();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    std::fs::write(&pdf, &bytes).expect("write");
    let o = run(&["verify", &pdf_arg]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("FAILED iij-3q02.pdf is the file that was built"));
    assert!(stdout(&o).contains("it has been changed since the build"));
    std::fs::write(&pdf, &original).expect("restore");

    // Legal's safe harbor gets a new version label after the build.
    let legend = dir.path().join("disclaimers/iij-safe-harbor.md");
    let approved = std::fs::read_to_string(&legend).expect("legend");
    std::fs::write(
        &legend,
        approved.replace("version: 2003-02", "version: 2003-06"),
    )
    .expect("write");
    let o = run(&["verify", &pdf_arg]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).contains("`iij-safe-harbor` was published at version 2003-02, but the library now has version 2003-06"),
        "{}",
        stdout(&o)
    );
    // Or keeps its label but its words change.
    std::fs::write(&legend, approved.replace("rapidly evolving", "fast-moving")).expect("write");
    let o = run(&["verify", &pdf_arg]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).contains(
            "the approved wording of `iij-safe-harbor` version 2003-02 has changed since the build"
        ),
        "{}",
        stdout(&o)
    );
    std::fs::write(&legend, approved).expect("restore");
    let o = run(&["verify", &pdf_arg]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

#[test]
fn verify_without_an_attestation_says_what_to_do() {
    let dir = project();
    let out = build_all(dir.path());
    std::fs::remove_file(out.join("iij-3q02.relkit.json")).expect("remove");
    let o = run(&["verify", out.join("iij-3q02.pdf").to_str().expect("utf-8")]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("no attestation beside it lists this file"),
        "{}",
        stderr(&o)
    );
    let o = run(&["verify", "no/such/file.pdf"]);
    assert_eq!(code(&o), 2);
    std::fs::write(out.join("broken.relkit.json"), "{ not json").expect("write");
    let o = run(&[
        "verify",
        out.join("broken.relkit.json").to_str().expect("utf-8"),
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("line 1, column 3: not a relkit attestation"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_approved_text_past_its_review_date_warns_at_build_time_and_is_recorded() {
    let dir = project();
    // The example's own safe harbor (the English text) gets a review date.
    let entry = dir.path().join("disclaimers").join("iij-safe-harbor.md");
    assert!(
        std::fs::read_to_string(&entry).is_ok_and(|t| t.contains("id: iij-safe-harbor")),
        "the IIJ safe harbor"
    );
    let text = std::fs::read_to_string(&entry).expect("read");
    let text = text.replacen(
        "\nid: iij-safe-harbor\n",
        "\nid: iij-safe-harbor\nreview_by: 2003-06-30\n",
        1,
    );
    std::fs::write(&entry, text).expect("write");
    let draft = dir.path().join("iij-3q02.md");
    let build_on = |epoch: &str| {
        common::relkit()
            .args(["build", draft.to_str().expect("utf-8")])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .expect("runs")
    };
    // 2003-02-14: before the review date, no warning.
    let o = build_on("1045180800");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("due for legal review"),
        "{}",
        stderr(&o)
    );
    // 2026-12-01: past it. The build still succeeds, with a warning.
    let o = build_on("1796083200");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the approved text `iij-safe-harbor` version 2003-02 was due for legal review on 2003-06-30"),
        "{}",
        stderr(&o)
    );
    let a = attestation(&dir.path().join("out"));
    let safe_harbor = a["disclaimers"]
        .as_array()
        .expect("disclaimers")
        .iter()
        .find(|d| d["id"] == "iij-safe-harbor")
        .expect("recorded");
    assert_eq!(safe_harbor["review_by"], "2003-06-30");
    assert_eq!(a["source_date_epoch"], 1796083200);
}

#[test]
fn a_translation_records_its_counterpart_and_verify_notices_when_it_changes() {
    let dir = project();
    let draft = dir.path().join("iij-3q02.ja.md");
    let o = run(&["build", draft.to_str().expect("utf-8"), "--html"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = dir.path().join("out");
    let text = std::fs::read_to_string(out.join("iij-3q02.ja.relkit.json")).expect("record");
    let a: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let english = std::fs::read(dir.path().join("iij-3q02.md")).expect("english");
    assert_eq!(a["counterpart"]["path"], "../iij-3q02.md");
    assert_eq!(
        a["counterpart"]["sha256"],
        relkit::attest::sha256_hex(&english)
    );
    let page = out.join("iij-3q02.ja.html");
    let page = page.to_str().expect("utf-8");
    let o = run(&["verify", page]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("ok     the other-language version ../iij-3q02.md is unchanged"));
    // The English version is edited after the Japanese one was published.
    let edited = String::from_utf8(english.clone())
        .expect("utf-8")
        .replace("TOKYO", "Tokyo");
    std::fs::write(dir.path().join("iij-3q02.md"), edited).expect("write");
    let o = run(&["verify", page]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("FAILED the other-language version ../iij-3q02.md is unchanged"));
    // The English page's record names no counterpart: its draft names none.
    std::fs::write(dir.path().join("iij-3q02.md"), english).expect("restore");
    let out = build_all(dir.path());
    assert!(attestation(&out).get("counterpart").is_none());
}
