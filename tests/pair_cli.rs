//! Bilingual pairs on the command line: `relkit lint --pair A B`, drafts
//! that name their translation with `translation_of` (alone, together, in a
//! folder), every output format, `--fix`, `--staged`, `relkit build`
//! refusing a pair that disagrees, and `relkit explain`/`rules` for the
//! `PAIR` codes.

use serde_json::Value;
use std::path::Path;
use std::process::Output;

mod common;
use common::{build, code, git_in, relkit, run, stderr, stdout};

const CLEAN: &str = "tests/fixtures/pair/clean";
const CHANGED: &str = "tests/fixtures/pair/pair001-changed-figure";

fn en(dir: &str) -> String {
    format!("{dir}/release.md")
}

fn ja(dir: &str) -> String {
    format!("{dir}/release.ja.md")
}

/// The (code, file, line) of every finding of a JSON run, FLS100 left out.
fn json_findings(o: &Output) -> Vec<(String, String, u64)> {
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] != "FLS100")
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn pair_of_a_clean_release_exits_0() {
    let o = run(&["lint", "--pair", &en(CLEAN), &ja(CLEAN)]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        stdout(&o),
        "Checked 2 drafts: 8 notes (shown with --notes).\n"
    );
}

#[test]
fn pair_with_a_changed_figure_exits_1_and_reports_each_side_once() {
    let o = run(&[
        "lint",
        "--color",
        "never",
        "--pair",
        &en(CHANGED),
        &ja(CHANGED),
    ]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert_eq!(out.matches("error[PAIR001]").count(), 2, "{out}");
    assert!(out.contains(&format!("--> {}:49:11", en(CHANGED))), "{out}");
    assert!(out.contains(&format!("--> {}:49:11", ja(CHANGED))), "{out}");
    assert!(
        out.contains(&format!(
            "error[PAIR001]: `revenue` for `3Q02` is 10,572 (million yen) here, but 10,573 (million yen) in the English version ({}:49:11)",
            en(CHANGED)
        )),
        "{out}"
    );
    assert!(out.ends_with("Checked 2 drafts: 2 errors, 8 notes (shown with --notes).\n"));
}

#[test]
fn a_folder_or_both_files_report_each_finding_once_per_draft() {
    let folder = run(&["lint", "--format", "json", CHANGED]);
    let files = run(&["lint", "--format", "json", &en(CHANGED), &ja(CHANGED)]);
    let pair = run(&[
        "lint",
        "--format",
        "json",
        "--pair",
        &en(CHANGED),
        &ja(CHANGED),
    ]);
    for o in [&folder, &files, &pair] {
        assert_eq!(code(o), 1);
    }
    // `--pair` keeps its order; files named or found are sorted by path.
    let expected = vec![
        ("PAIR001".to_string(), en(CHANGED), 49),
        ("PAIR001".to_string(), ja(CHANGED), 49),
    ];
    assert_eq!(json_findings(&pair), expected);
    let sorted = vec![expected[1].clone(), expected[0].clone()];
    assert_eq!(json_findings(&files), sorted);
    assert_eq!(json_findings(&folder), sorted);
}

#[test]
fn a_draft_alone_reports_its_own_side_naming_the_other() {
    let o = run(&["lint", "--color", "never", &ja(CHANGED)]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert_eq!(out.matches("error[PAIR001]").count(), 1, "{out}");
    assert!(out.contains(&format!("--> {}:49:11", ja(CHANGED))), "{out}");
    assert!(
        out.contains(&format!("in the English version ({}:49:11)", en(CHANGED))),
        "{out}"
    );
    assert!(!out.contains(&format!("--> {}", en(CHANGED))), "{out}");
    assert!(
        out.ends_with("Checked 1 draft: 1 error, 4 notes (shown with --notes).\n"),
        "{out}"
    );
}

#[test]
fn pair_findings_in_sarif_and_github_annotations() {
    let o = run(&[
        "lint",
        "--format",
        "sarif",
        "--pair",
        &en(CHANGED),
        &ja(CHANGED),
    ]);
    assert_eq!(code(&o), 1);
    let log: Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    let pair: Vec<_> = results
        .iter()
        .filter(|r| r["ruleId"] == "PAIR001")
        .collect();
    assert_eq!(pair.len(), 2);
    let uris: Vec<&str> = pair
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or("")
        })
        .collect();
    assert_eq!(uris, [en(CHANGED), ja(CHANGED)]);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert!(rules.iter().any(|r| r["id"] == "PAIR001"));

    let o = run(&[
        "lint",
        "--format",
        "github",
        "--pair",
        &en(CHANGED),
        &ja(CHANGED),
    ]);
    assert_eq!(code(&o), 1);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("PAIR001")).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(&format!(
            "::error file={},line=49,col=11,endLine=49,endColumn=16,title=relkit PAIR001::",
            en(CHANGED)
        )),
        "{}",
        lines[0]
    );
}

/// `relkit ARGS…` cannot run (exit 2) and says `message`.
fn assert_refused(args: &[&str], message: &str) {
    let o = run(args);
    assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
    assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
}

#[test]
fn pair_refuses_what_is_not_two_drafts() {
    let (en_clean, ja_clean) = (en(CLEAN), ja(CLEAN));
    // One path, or a path besides --pair: usage errors.
    assert_refused(&["lint", "--pair", &en_clean], "");
    assert_refused(&["lint", "--pair", &en_clean, &ja_clean, "extra.md"], "");
    assert_refused(
        &["lint", "--pair", &en_clean, &en_clean],
        "--pair needs two different drafts",
    );
    assert_refused(
        &[
            "lint",
            "--pair",
            &en_clean,
            "tests/fixtures/pair/missing.md",
        ],
        "tests/fixtures/pair/missing.md: no such file or folder",
    );
    assert_refused(
        &[
            "lint",
            "--pair",
            &en_clean,
            "tests/fixtures/clean-plain-markdown.md",
        ],
        "--pair: tests/fixtures/clean-plain-markdown.md is not a draft (its front matter names no `title` or `company`)",
    );
}

#[test]
fn a_missing_counterpart_is_an_error_naming_the_file() {
    let o = run(&[
        "lint",
        "--color",
        "never",
        "tests/fixtures/pair/pair006-missing-counterpart/release.md",
    ]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains(
        "error[PAIR006]: `translation_of` names `release.jp.md`, which does not exist (relkit looked for tests/fixtures/pair/pair006-missing-counterpart/release.jp.md)\n --> tests/fixtures/pair/pair006-missing-counterpart/release.md:9:17"
    ), "{}", stdout(&o));
}

#[test]
fn fix_checks_both_drafts_again() {
    // The Japanese version lacks convenience-translation: FX003's safe fix
    // lists it, which also settles PAIR003 in both drafts.
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["release.md", "release.ja.md"] {
        std::fs::copy(
            Path::new("tests/fixtures/pair/pair003-missing-disclaimer").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let folder = dir.path().to_string_lossy().into_owned();
    let o = run(&["lint", "--format", "json", &folder]);
    assert_eq!(code(&o), 1);
    let o = run(&["lint", "--fix", &folder]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("relkit: fixed 1 problem in 1 draft"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).ends_with("Checked 2 drafts: 8 notes (shown with --notes).\n"),
        "{}",
        stdout(&o)
    );
    let fixed = std::fs::read_to_string(dir.path().join("release.ja.md")).expect("read");
    assert!(
        fixed.contains("  - safe-harbor\n  - convenience-translation\n"),
        "{fixed}"
    );
}

#[test]
fn build_refuses_either_draft_of_a_pair_that_disagrees() {
    let out = tempfile::tempdir().expect("tempdir");
    let out_dir = out.path().to_string_lossy().into_owned();
    for draft in [en(CHANGED), ja(CHANGED)] {
        let o = build(&[&draft, "-o", &out_dir]);
        assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains("error[PAIR001]"), "{}", stdout(&o));
        assert!(stderr(&o).contains("relkit: not built:"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read_dir(out.path()).expect("list").count(), 0);
    // The clean pair builds, in both languages.
    for draft in [en(CLEAN), ja(CLEAN)] {
        let o = build(&[&draft, "-o", &out_dir]);
        assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    }
    assert!(out.path().join("release.html").is_file());
    assert!(out.path().join("release.ja.html").is_file());
}

#[test]
fn the_japanese_example_builds_and_the_english_one_still_lints_alone() {
    let o = run(&["lint", "examples/iij-3q02.ja.md"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "Checked 1 draft: 6 notes (shown with --notes).\n"
    );
    let o = run(&["lint", "examples/"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "Checked 2 drafts: 12 notes (shown with --notes).\n"
    );
    let out = tempfile::tempdir().expect("tempdir");
    let out_dir = out.path().to_string_lossy().into_owned();
    let o = build(&["examples/iij-3q02.ja.md", "--html", "--pdf", "-o", &out_dir]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let page = std::fs::read_to_string(out.path().join("iij-3q02.ja.html")).expect("page");
    assert!(page.contains("<html lang=\"ja\""), "the page is Japanese");
    assert!(
        page.contains("将来見通しに関する注意事項"),
        "IIJ's safe harbor in Japanese"
    );
    assert!(page.contains("106億円（8,900万ドル）"));
}

#[test]
fn explain_and_rules_cover_every_pair_code() {
    for code_ in [
        "PAIR001", "PAIR002", "PAIR003", "PAIR004", "PAIR005", "PAIR006", "PAIR100",
    ] {
        let o = run(&["explain", &code_.to_ascii_lowercase()]);
        assert_eq!(code(&o), 0, "{code_}");
        assert!(
            stdout(&o).starts_with(&format!("# {code_} ")),
            "{}",
            stdout(&o)
        );
        assert!(stdout(&o).contains("## How to fix it"), "{code_}");
    }
    let o = run(&["rules", "--format", "json"]);
    let list: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let pair: Vec<&Value> = list
        .as_array()
        .expect("list")
        .iter()
        .filter(|r| r["family"] == "PAIR")
        .collect();
    assert_eq!(pair.len(), 7);
    assert!(
        pair.iter()
            .any(|r| r["code"] == "PAIR005" && r["severity"] == "warning")
    );
    assert!(
        pair.iter()
            .any(|r| r["code"] == "PAIR100" && r["severity"] == "note")
    );
}

#[test]
fn a_pair_rule_can_be_switched_off_or_raised_in_relkit_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["release.md", "release.ja.md"] {
        std::fs::copy(
            Path::new("tests/fixtures/pair/pair005-amount-in-one-only").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let folder = dir.path().to_string_lossy().into_owned();
    let o = run(&["lint", &folder]);
    assert_eq!(code(&o), 0, "a warning alone does not fail");
    std::fs::write(
        dir.path().join("relkit.toml"),
        "[rules]\nPAIR005 = \"error\"\n",
    )
    .expect("write");
    let o = run(&["lint", &folder]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("error[PAIR005]"));
    std::fs::write(
        dir.path().join("relkit.toml"),
        "[rules]\nPAIR005 = \"off\"\n",
    )
    .expect("write");
    let o = run(&["lint", &folder]);
    assert_eq!(code(&o), 0);
    assert!(!stdout(&o).contains("PAIR005"));
}

// ---- --staged: the counterpart is read from the index ----

fn git(dir: &Path, args: &[&str]) -> Output {
    let o = git_in(dir, args);
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
    o
}

#[test]
fn staged_drafts_are_checked_against_the_staged_translation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(d.join("releases")).expect("mkdir");
    for name in ["release.md", "release.ja.md"] {
        std::fs::copy(Path::new(CLEAN).join(name), d.join("releases").join(name)).expect("copy");
    }
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "the pair"]);
    // The Japanese figure is changed and staged; the English draft is not.
    let ja_path = d.join("releases/release.ja.md");
    let text = std::fs::read_to_string(&ja_path).expect("read");
    std::fs::write(&ja_path, text.replace("    3Q02: 10573", "    3Q02: 10572")).expect("write");
    git(d, &["add", "releases/release.ja.md"]);
    // The working tree's English draft changes too, unstaged: the index counts.
    let en_path = d.join("releases/release.md");
    let text = std::fs::read_to_string(&en_path).expect("read");
    std::fs::write(&en_path, text.replace("    3Q02: 10573", "    3Q02: 10572")).expect("write");
    let run_staged = || {
        relkit()
            .args(["lint", "--staged", "--color", "never"])
            .current_dir(d)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE")
            .output()
            .expect("relkit runs")
    };
    let o = run_staged();
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("--> releases/release.ja.md:49:11"), "{out}");
    assert!(
        out.contains("in the English version (releases/release.md:49:11)"),
        "{out}"
    );
    assert!(
        out.ends_with("Checked 1 draft: 1 error, 4 notes (shown with --notes).\n"),
        "{out}"
    );
    // Staging the English change settles it.
    git(d, &["add", "releases/release.md"]);
    let o = run_staged();
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        stdout(&o),
        "Checked 2 drafts: 8 notes (shown with --notes).\n"
    );
}
