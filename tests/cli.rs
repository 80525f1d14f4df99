//! The `relkit` command line, run as a user runs it: exit codes, output
//! formats, bad input, configuration, scaffolding and many drafts at once.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::{code, relkit, run, stderr, stdout};

#[test]
fn the_example_is_clean_and_exits_0() {
    let o = run(&["lint", "examples/iij-3q02.md"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "Checked 1 draft: 6 notes (shown with --notes).\n"
    );
}

#[test]
fn the_example_lists_its_forward_looking_sentences_with_notes() {
    let o = run(&["lint", "--notes", "examples/iij-3q02.md"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let out = stdout(&o);
    assert_eq!(out.matches("note[FLS100]").count(), 6, "{out}");
    // The 4Q02 and FY2002 expectations are among them.
    for line in [
        "subtitle: Revenues surpass JPY10 billion for the third time; operating profit expected to improve",
        "- Total revenues are expected to be between {{ revenue.4Q02.low }}",
        "- IIJ expects its operating profit to improve considerably.",
        "- IIJ expects total revenues to grow by approximately",
        "  - Total revenues will be between {{ revenue.FY2002.low | yen }}",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    assert!(
        out.contains("forward-looking: 'expects … to improve'"),
        "{out}"
    );
}

#[test]
fn errors_exit_1_and_warnings_only_with_deny_warnings() {
    let o = run(&[
        "lint",
        "--color",
        "never",
        "tests/fixtures/fmt004-invalid-values.md",
    ]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o)
            .contains("error[FMT004]: `date` must be a date written YYYY-MM-DD, not `14/02/2003`")
    );
    assert!(stdout(&o).ends_with("Checked 1 draft: 10 errors.\n"));

    let o = run(&["lint", "tests/fixtures/fmt003-unknown-keys.md"]);
    assert_eq!(code(&o), 0, "warnings alone do not fail");
    let o = run(&[
        "lint",
        "--deny-warnings",
        "tests/fixtures/fmt003-unknown-keys.md",
    ]);
    assert_eq!(code(&o), 1);
}

#[test]
fn unreadable_input_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "  \n\n").expect("write");
    let binary = dir.path().join("binary.md");
    std::fs::write(&binary, b"PK\x03\x04\x00\x00binary").expect("write");
    let latin1 = dir.path().join("latin1.md");
    std::fs::write(&latin1, b"---\ntitle: R\xe9sultats\n---\n").expect("write");

    let o = run(&["lint", "no/such/draft.md"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "relkit: error: no/such/draft.md: no such file or folder\n"
    );

    let o = run(&["lint", &empty.display().to_string()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("the file is empty"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "", "no misleading 'no problems found' summary");

    let o = run(&["lint", &binary.display().to_string()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("this is a binary file"),
        "{}",
        stderr(&o)
    );

    let o = run(&["lint", &latin1.display().to_string()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("latin1.md:2:9: the file is not UTF-8 text (invalid byte 0xE9)"),
        "{}",
        stderr(&o)
    );

    let o = run(&["lint", "--format", "yaml", "x.md"]);
    assert_eq!(code(&o), 2, "bad usage is exit 2");
}

#[test]
fn a_broken_disclaimer_file_is_reported_once_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    std::fs::create_dir(p.join("legal")).expect("mkdir");
    std::fs::write(p.join("relkit.toml"), "[paths]\ndisclaimers = \"legal\"\n").expect("write");
    std::fs::write(
        p.join("legal/ours.md"),
        "---\nid: ours\ntitle: [unclosed\n---\nText.\n",
    )
    .expect("write");
    for name in ["a.md", "b.md"] {
        std::fs::write(p.join(name), "---\ntitle: T\ncompany: C\n---\nText.\n").expect("write");
    }
    let o = run(&["lint", &p.display().to_string()]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert_eq!(err.matches("relkit: error:").count(), 1, "{err}");
    assert!(err.contains("ours.md:3:8:"), "{err}");
    assert_eq!(stdout(&o), "");
}

#[test]
fn one_bad_file_does_not_hide_the_others() {
    let o = run(&[
        "lint",
        "examples/iij-3q02.md",
        "tests/fixtures/fmt002-missing-company.md",
        "missing.md",
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("missing.md: no such file"));
}

#[test]
fn stdin_is_read_with_a_display_name() {
    let mut child = relkit()
        .args([
            "lint",
            "-",
            "--stdin-filename",
            "pasted.md",
            "--color",
            "never",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(b"---\ntitle: T\ncompany: C\ndisclaimers: [safe-harbour]\n---\nText.\n")
            .expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains(" --> pasted.md:4:15"), "{}", stdout(&o));
}

#[test]
fn json_has_exactly_the_documented_fields() {
    let o = run(&[
        "lint",
        "--format",
        "json",
        "tests/fixtures/fig001-unknown-references.md",
        "tests/fixtures/clean-ja.md",
    ]);
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let top: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(top, ["version", "files", "diagnostics"]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"], 2);
    let diags = v["diagnostics"].as_array().expect("array");
    assert_eq!(diags.len(), 5);
    for d in diags {
        let keys: Vec<&str> = d
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "file",
                "line",
                "column",
                "end_line",
                "end_column",
                "code",
                "severity",
                "message",
                "help",
                "fix"
            ]
        );
        assert!(d["line"].as_u64().expect("line") >= 1);
        assert!(d["column"].as_u64().expect("column") >= 1);
        assert!(matches!(
            d["severity"].as_str(),
            Some("error" | "warning" | "note")
        ));
        assert!(d["help"].is_string() || d["help"].is_null());
        if let Some(fix) = d["fix"].as_object() {
            let keys: Vec<&str> = fix.keys().map(String::as_str).collect();
            assert_eq!(keys, ["message", "edits"]);
        }
    }
    assert_eq!(
        diags[0]["fix"]["edits"][0]["replacement"],
        "{{ revenue.3Q02 }}"
    );
}

#[test]
fn json_columns_count_characters_not_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ja.md");
    std::fs::write(
        &path,
        "---\ntitle: 決算\ncompany: 株式会社\n---\n売上高は{{ 売上.3Q }}でした。\n",
    )
    .expect("write");
    let o = run(&["lint", "--format", "json", &path.display().to_string()]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["diagnostics"][0]["line"], 5);
    assert_eq!(v["diagnostics"][0]["column"], 5);
    assert_eq!(
        v["diagnostics"][0]["end_column"], 16,
        "end columns are exclusive"
    );
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let schema: Value =
        serde_json::from_str(include_str!("fixtures/sarif/sarif-schema-2.1.0.json"))
            .expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let o = run(&[
        "lint",
        "--format",
        "sarif",
        "tests/fixtures/fmt003-unknown-keys.md",
        "tests/fixtures/fig001-unknown-references.md",
    ]);
    assert_eq!(code(&o), 1);
    let log: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // What GitHub code scanning needs beyond the schema.
    let run0 = &log["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "relkit");
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), relkit::rules::RULES.len());
    for r in rules {
        assert!(
            r["id"].is_string()
                && r["shortDescription"]["text"].is_string()
                && r["helpUri"].is_string()
        );
        assert!(r["help"]["text"].is_string());
    }
    let results = run0["results"].as_array().expect("results");
    assert_eq!(results.len(), 10);
    for r in results {
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(
            loc["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
                .starts_with("tests/fixtures/")
        );
        assert!(loc["region"]["startLine"].as_u64().expect("line") >= 1);
        let index = r["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
    // A clean run is valid too.
    let o = run(&["lint", "--format", "sarif", "examples/iij-3q02.md"]);
    let log: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert!(validator.is_valid(&log));
}

#[test]
fn github_annotations() {
    let o = run(&[
        "lint",
        "--format",
        "github",
        "tests/fixtures/dis003-unknown-disclaimer.md",
    ]);
    assert_eq!(code(&o), 1);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with(
            "::error file=tests/fixtures/dis003-unknown-disclaimer.md,line=5,col=5,endLine=5,endColumn=17,title=relkit DIS003::there is no disclaimer `safe-harbour` in the library%0Ahelp: did you mean `safe-harbor`?"
        ),
        "{}",
        lines[0]
    );
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let path = "tests/fixtures/fmt002-missing-company.md";
    let o = run(&["lint", "--color", "always", path]);
    assert!(stdout(&o).contains("\x1b[1;31merror[FMT002]"));
    let o = run(&["lint", "--color", "never", path]);
    assert!(!stdout(&o).contains('\x1b'));
    // Not a terminal: auto means no colour.
    let o = relkit()
        .args(["lint", path])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!stdout(&o).contains('\x1b'));
}

#[test]
fn explain_prints_the_book_page() {
    let o = run(&["explain", "fmt003"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string("book/src/rules/FMT003.md").expect("page")
    );
    let o = run(&["explain", "FMT03"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("did you mean `FMT003`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_lists_every_code() {
    let o = run(&["rules"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    for rule in relkit::rules::RULES {
        assert!(text.contains(rule.code), "{} missing", rule.code);
    }
    let o = run(&["rules", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(relkit::rules::RULES.len()));
}

#[test]
fn every_command_has_examples_in_its_help() {
    for command in [
        &["--help"][..],
        &["lint", "--help"],
        &["build", "--help"],
        &["explain", "--help"],
        &["rules", "--help"],
        &["new", "--help"],
    ] {
        let o = run(command);
        assert_eq!(code(&o), 0);
        assert!(
            stdout(&o).contains("Example"),
            "{command:?} has no examples"
        );
    }
}

#[test]
fn new_scaffolds_clean_drafts_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let en = dir.path().join("q3.md");
    let o = run(&[
        "new",
        &en.display().to_string(),
        "--company",
        "Example \"Quoted\" Inc.",
        "--ticker",
        "TSE: 1234",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(&["lint", &en.display().to_string()]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(stdout(&o), "Checked 1 draft: no problems found.\n");

    let before = std::fs::read(&en).expect("read");
    let o = run(&["new", &en.display().to_string()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("already exists"));
    assert_eq!(
        std::fs::read(&en).expect("read"),
        before,
        "the draft is untouched"
    );

    let ja = dir.path().join("ja.md");
    let o = run(&["new", "--lang", "ja", &ja.display().to_string()]);
    assert_eq!(code(&o), 0);
    let o = run(&["lint", &ja.display().to_string()]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let o = run(&[
        "new",
        "--date",
        "14/02/2003",
        &dir.path().join("x.md").display().to_string(),
    ]);
    assert_eq!(code(&o), 2);

    let missing = dir.path().join("no-such-folder");
    let o = run(&["new", &missing.join("x.md").display().to_string()]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!(
            "relkit: error: {0}: the folder does not exist; create it first (for example `mkdir -p {0}`)\n",
            missing.display()
        )
    );
    assert!(!missing.exists());
}

#[test]
fn new_starts_the_translation_of_a_draft_that_lints_as_its_pair() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for name in ["iij-3q02.md", "relkit.toml"] {
        std::fs::copy(Path::new("examples").join(name), d.join(name)).expect("copy");
    }
    std::fs::create_dir(d.join("disclaimers")).expect("mkdir");
    for entry in std::fs::read_dir("examples/disclaimers").expect("list") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), d.join("disclaimers").join(entry.file_name())).expect("copy");
    }
    let source = d.join("iij-3q02.md").display().to_string();
    let o = run(&["new", "--translation-of", &source]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ja = d.join("iij-3q02.ja.md");
    let text = std::fs::read_to_string(&ja).expect("the Japanese version is written");
    assert!(
        text.contains("\nlang: ja\ntranslation_of: \"iij-3q02.md\"\n"),
        "{text}"
    );
    let o = run(&["lint", "--format", "json", &ja.display().to_string()]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));

    // A figure changed in the translation disagrees with the source.
    std::fs::write(&ja, text.replacen("10573", "10574", 1)).expect("write");
    let o = run(&["lint", &ja.display().to_string()]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("PAIR001"), "{}", stdout(&o));

    // In another folder, the link is relative to it; a name is given.
    std::fs::create_dir(d.join("ja")).expect("mkdir");
    let other = d.join("ja").join("q3.md");
    let o = run(&[
        "new",
        "--translation-of",
        &source,
        &other.display().to_string(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(&other).expect("written");
    assert!(
        text.contains("translation_of: \"../iij-3q02.md\""),
        "{text}"
    );

    // Back to English from the Japanese version: q3.md exists, so the
    // name is given; the same language and a non-draft are refused.
    let en = d.join("ja").join("q3-en.md");
    let o = run(&[
        "new",
        "--translation-of",
        &other.display().to_string(),
        &en.display().to_string(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&en)
            .expect("written")
            .contains("lang: en\n")
    );
    let o = run(&["new", "--translation-of", &source, "--lang", "en"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("it is already the English version"),
        "{}",
        stderr(&o)
    );
    let plain = d.join("plain.md");
    std::fs::write(&plain, "Just text.\n").expect("write");
    let o = run(&["new", "--translation-of", &plain.display().to_string()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("has no front matter between `---` lines"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("plain.ja.md").exists(), "nothing written");
}

#[test]
fn configuration_changes_severities_and_errors_point_into_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("d.md");
    std::fs::copy("tests/fixtures/fmt003-unknown-keys.md", &draft).expect("copy");
    let config = dir.path().join("relkit.toml");
    let path = draft.display().to_string();

    std::fs::write(&config, "[rules]\nFMT003 = \"error\"\n").expect("write");
    let o = run(&["lint", &path]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("error[FMT003]"));

    std::fs::write(&config, "[rules]\nFMT003 = \"off\"\n").expect("write");
    let o = run(&["lint", &path]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "Checked 1 draft: no problems found.\n");

    std::fs::write(&config, "[rules]\nFMT003 = \"loud\"\n").expect("write");
    let o = run(&["lint", &path]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("relkit.toml:2:10: `loud` is not a severity"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_thousand_drafts_lint_in_one_process_in_a_stable_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example = std::fs::read_to_string("examples/iij-3q02.md").expect("example");
    let example = example.replace("iij-safe-harbor", "safe-harbor");
    for i in 0..1000 {
        let folder = dir.path().join(format!("batch-{:02}", i % 7));
        std::fs::create_dir_all(&folder).expect("mkdir");
        let text = match i % 4 {
            0 => example.clone(),
            1 => example.replace("{{ revenue.3Q02 }}", "{{ revenue.3Q2 }}"),
            2 => example.replace("date: 2003-02-14", "date: 14/02/2003"),
            _ => example.replace("disclaimers:", "disclaimer:"),
        };
        std::fs::write(folder.join(format!("draft-{i:04}.md")), text).expect("write");
    }
    let root = dir.path().display().to_string();
    let first = run(&["lint", "--format", "json", &root]);
    assert_eq!(code(&first), 1);
    let v: Value = serde_json::from_slice(&first.stdout).expect("json");
    assert_eq!(v["files"], 1000);
    let files: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["severity"] != "note")
        .filter_map(|d| d["file"].as_str())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "findings come in path order");
    // 250 unknown references, 250 bad dates, and 250 unknown `disclaimer:`
    // keys, whose drafts then lack their safe harbor (FLS001) and their
    // convenience-translation statement (FX003).
    assert_eq!(files.len(), 1250);
    let second = run(&["lint", "--format", "json", &root]);
    assert_eq!(
        first.stdout, second.stdout,
        "output is identical run to run"
    );
}

#[test]
fn fix_rewrites_translations_and_diff_applies_with_patch() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["fx001-seed-pairs-mutated.md", "fx001-ja-mismatch.md"] {
        std::fs::copy(
            Path::new("tests/fixtures").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let lint_in = |args: &[&str]| {
        relkit()
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("relkit runs")
    };
    let names = ["fx001-seed-pairs-mutated.md", "fx001-ja-mismatch.md"];

    // --diff writes nothing and prints a patch.
    let before = std::fs::read_to_string(dir.path().join(names[0])).expect("read");
    let mut args = vec!["lint", "--diff"];
    args.extend(names);
    let o = lint_in(&args);
    assert_eq!(code(&o), 1, "a change is exit 1");
    let patch_text = stdout(&o);
    assert!(
        patch_text.contains("+Total revenues totaled JPY10.6 billion ($89.3 million)"),
        "{patch_text}"
    );
    assert!(
        patch_text.contains("125億円（1億500万米ドル）"),
        "{patch_text}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(names[0])).expect("read"),
        before
    );

    // The patch applies cleanly and leaves no FX001.
    let copy = tempfile::tempdir().expect("tempdir");
    for name in names {
        std::fs::copy(dir.path().join(name), copy.path().join(name)).expect("copy");
    }
    let mut patch = Command::new("patch")
        .current_dir(copy.path())
        .args(["-p0", "--forward", "--batch"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("patch is installed (.ci/run installs it)");
    {
        use std::io::Write;
        patch
            .stdin
            .take()
            .expect("stdin")
            .write_all(patch_text.as_bytes())
            .expect("write patch");
    }
    assert!(patch.wait().expect("patch runs").success());
    let mut args = vec!["lint".to_string()];
    args.extend(
        names
            .iter()
            .map(|n| copy.path().join(n).display().to_string()),
    );
    let o = relkit().args(&args).output().expect("relkit runs");
    assert_eq!(code(&o), 0, "{}", stdout(&o));

    // --fix writes the same result, then lints clean.
    let mut args = vec!["lint", "--fix"];
    args.extend(names);
    let o = lint_in(&args);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("fixed 4 problems in 2 drafts"),
        "{}",
        stderr(&o)
    );
    for name in names {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).expect("read"),
            std::fs::read_to_string(copy.path().join(name)).expect("read"),
        );
    }
    let o = lint_in(&["lint", "--fix", "-"]);
    assert_eq!(code(&o), 2, "--fix refuses standard input");
}

#[test]
fn the_truncation_convention_is_configurable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("d.md");
    std::fs::write(
        &draft,
        "---\ntitle: Results\ncompany: Example Inc.\ndisclaimers:\n  - convenience-translation\nfx:\n  rate: 118.75\n  as_of: 2002-12-31\n---\nRevenues were JPY10.6 billion ($90.0 million).\n",
    )
    .expect("write");
    let o = run(&["lint", &draft.display().to_string()]);
    assert_eq!(
        code(&o),
        1,
        "rounded, $90.0 million is wrong: {}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("error[FX001]"));
    std::fs::write(
        dir.path().join("relkit.toml"),
        "[fx]\nrounding = \"truncate\"\n",
    )
    .expect("write");
    let o = run(&["lint", &draft.display().to_string()]);
    assert_eq!(code(&o), 0, "truncated, it fits: {}", stdout(&o));
}
