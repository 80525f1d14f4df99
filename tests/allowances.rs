//! Accountable exceptions: signed `[[allow]]` entries in relkit.toml (the
//! only way to allow a compliance-critical rule), their expiry, the
//! `relkit allowances` listing, and what the build record and `relkit
//! verify` say about them.

use std::path::Path;

mod common;
use common::{code, relkit, stderr, stdout};

/// 2027-01-01 and 2027-06-01 00:00 UTC, as `SOURCE_DATE_EPOCH`.
const JAN_2027: &str = "1798761600";
const JUN_2027: &str = "1811808000";

/// A release whose dollar translation disagrees with its rate (FX001), and
/// whose balance-sheet paragraph gives yen only under a signed allowance.
const DRAFT: &str = r#"---
title: Third-Quarter Results
company: Example Networks Inc.
fx:
  rate: 118.75
  as_of: 2002-12-31
disclaimers:
  - convenience-translation
---
Example Networks Inc. today announced its results for the third quarter.

## 3Q02 Highlights

Total revenues were JPY10.6 billion ($90.0 million). Operating loss was JPY567 million ($4.8 million).

<!-- relkit-allow FX004 reason="balance-sheet items in yen only, as filed" by="legal:KT" until=2027-03-31 -->
Cash and cash equivalents were JPY8,402 million.
"#;

/// relkit.toml allowing FX001 in the 2003 releases until `until`.
fn config(until: &str) -> String {
    format!(
        "[rules]\nFX004 = \"warning\"\n\n[[allow]]\nrule = \"FX001\"\nfiles = [\"releases/2003/*.md\"]\nreason = \"reproduces the 2003 release as filed\"\nby = \"legal:KT\"\nuntil = {until}\n"
    )
}

fn project(until: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("releases/2003")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("releases/2004")).expect("mkdir");
    std::fs::write(dir.path().join("relkit.toml"), config(until)).expect("config");
    std::fs::write(dir.path().join("releases/2003/q3.md"), DRAFT).expect("draft");
    std::fs::write(dir.path().join("releases/2004/q3.md"), DRAFT).expect("draft");
    dir
}

fn run_in(dir: &Path, epoch: &str, args: &[&str]) -> std::process::Output {
    relkit()
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch)
        .args(args)
        .output()
        .expect("relkit runs")
}

fn findings(o: &std::process::Output) -> Vec<(String, String, u64, u64)> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["code"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn a_relkit_toml_entry_allows_a_forbidden_rule_only_in_the_files_it_names() {
    let dir = project("2027-03-31");
    let o = run_in(
        dir.path(),
        JAN_2027,
        &["lint", "releases", "--format", "json"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(
        findings(&o),
        [(
            "releases/2004/q3.md".to_string(),
            "FX001".to_string(),
            14,
            37
        )]
    );
}

#[test]
fn an_expired_entry_gives_the_findings_back_and_names_itself() {
    let dir = project("2027-03-31");
    let o = run_in(
        dir.path(),
        JUN_2027,
        &["lint", "releases/2003/q3.md", "--format", "json"],
    );
    assert_eq!(code(&o), 1);
    let found = findings(&o);
    let codes: Vec<(&str, u64, u64)> = found
        .iter()
        .map(|(_, c, l, col)| (c.as_str(), *l, *col))
        .collect();
    assert_eq!(
        codes,
        [
            ("FMT009", 1, 1),
            ("FX001", 14, 37),
            ("FMT009", 16, 1),
            ("FX004", 17, 32)
        ]
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let message = v["diagnostics"][0]["message"].as_str().expect("message");
    assert!(
        message.contains("relkit.toml:4 allowed `FX001` in this draft until 2027-03-31"),
        "{message}"
    );
}

#[test]
fn relkit_allowances_lists_every_exception_with_its_author_and_state() {
    let dir = project("2027-03-31");
    let o = run_in(dir.path(), JAN_2027, &["allowances", "releases"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    let text = text.replace(&format!("{}/", root.display()), "");
    insta::assert_snapshot!("allowances.human", text);

    let o = run_in(
        dir.path(),
        JAN_2027,
        &["allowances", "releases", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["version"], 1);
    let rows = v["allowances"].as_array().expect("rows");
    assert_eq!(rows.len(), 3);
    let comment = rows
        .iter()
        .find(|r| r["at"] == "releases/2004/q3.md:16:1")
        .expect("the comment in the 2004 release");
    assert_eq!(comment["rule"], "FX004");
    assert_eq!(comment["directive"], "relkit-allow");
    assert_eq!(comment["by"], "legal:KT");
    assert_eq!(comment["until"], "2027-03-31");
    assert_eq!(comment["status"], "used");
    assert_eq!(comment["silenced"], 1);
    let entry = rows
        .iter()
        .find(|r| r["directive"] == "relkit.toml")
        .expect("the relkit.toml entry");
    assert_eq!(entry["rule"], "FX001");
    assert_eq!(entry["draft"], "releases/2003/q3.md");
    assert_eq!(entry["status"], "used");

    // What legal must renew before a date.
    let o = run_in(
        dir.path(),
        JAN_2027,
        &[
            "allowances",
            "releases",
            "--format",
            "json",
            "--expires-before",
            "2027-03-31",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["allowances"].as_array().map(Vec::len), Some(0));
    let o = run_in(
        dir.path(),
        JAN_2027,
        &["allowances", "--expires-before", "31/03/2027"],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--expires-before must be a date written YYYY-MM-DD"));
}

#[test]
fn the_build_record_lists_the_exceptions_and_verify_remarks_when_they_lapse() {
    let dir = project("2027-03-31");
    let o = run_in(
        dir.path(),
        JAN_2027,
        &["build", "releases/2003/q3.md", "-o", "out"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("out/q3.relkit.json")).expect("record");
    let a: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(a["checked_on"], "2027-01-01");
    let allowances = a["allowances"].as_array().expect("allowances");
    assert_eq!(allowances.len(), 2);
    assert_eq!(allowances[0]["at"], "../relkit.toml:4");
    assert_eq!(allowances[0]["directive"], "relkit.toml");
    assert_eq!(allowances[0]["rule"], "FX001");
    assert_eq!(
        allowances[0]["reason"],
        "reproduces the 2003 release as filed"
    );
    assert_eq!(allowances[0]["by"], "legal:KT");
    assert_eq!(allowances[0]["until"], "2027-03-31");
    assert_eq!(allowances[0]["status"], "used");
    assert_eq!(allowances[1]["at"], "../releases/2003/q3.md:16");
    assert_eq!(allowances[1]["rule"], "FX004");
    let rules = a["rules"].as_array().expect("rules");
    assert!(
        rules
            .iter()
            .any(|r| r["code"] == "FX004" && r["severity"] == "warning")
    );

    // Checked again after the allowances ran out: the published file is
    // still what was built and checked, and the lapse is remarked on.
    let o = run_in(dir.path(), JUN_2027, &["verify", "out/q3.html"]);
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "{out}{}", stderr(&o));
    assert!(
        out.contains("expired since the build: `FX001` by legal:KT (until 2027-03-31), `FX004` by legal:KT (until 2027-03-31)"),
        "{out}"
    );
    // …while a new build now refuses.
    let o = run_in(
        dir.path(),
        JUN_2027,
        &["build", "releases/2003/q3.md", "-o", "out2"],
    );
    assert_eq!(code(&o), 1);
    assert!(!dir.path().join("out2/q3.html").exists());
}

#[test]
fn an_incomplete_relkit_toml_entry_stops_with_its_line_and_column() {
    let dir = project("2027-03-31");
    let cases = [
        (
            "[[allow]]\nrule = \"FX001\"\nfiles = [\"*.md\"]\nby = \"legal:KT\"\nuntil = 2027-03-31\n",
            "relkit.toml:1:1: this [[allow]] entry has no `reason`",
        ),
        (
            "[[allow]]\nrule = \"FX01\"\nfiles = [\"*.md\"]\nreason = \"r\"\nby = \"b\"\nuntil = 2027-03-31\n",
            "relkit.toml:2:8: [[allow]] names `FX01`, which is not a relkit rule; did you mean `FX001`?",
        ),
        (
            "[[allow]]\nrule = \"FMT010\"\nfiles = [\"*.md\"]\nreason = \"r\"\nby = \"b\"\nuntil = 2027-03-31\n",
            "relkit.toml:2:8: `FMT010` reports on exceptions themselves and cannot be allowed",
        ),
        (
            "[[allow]]\nrule = \"FX001\"\nfiles = [\"*.md\"]\nreason = \"r\"\nby = \"b\"\nuntil = \"next March\"\n",
            "relkit.toml:6:9: `until` must be a date written YYYY-MM-DD, not `next March`",
        ),
        (
            "[[allow]]\nrule = \"FX001\"\nfiles = []\nreason = \"r\"\nby = \"b\"\nuntil = 2027-03-31\n",
            "relkit.toml:1:1: this [[allow]] entry's `files` is empty",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(dir.path().join("relkit.toml"), text).expect("config");
        let o = run_in(dir.path(), JAN_2027, &["lint", "releases/2003/q3.md"]);
        assert_eq!(code(&o), 2, "{text}");
        let err = stderr(&o);
        assert!(err.contains(expected), "{text}\n{err}");
    }
}

#[test]
fn a_strict_project_refuses_unsigned_and_long_running_exceptions() {
    let dir = project("2027-03-31");
    std::fs::write(
        dir.path().join("relkit.toml"),
        "[allowances]\nrequire_signed = true\nmax_days = 90\n",
    )
    .expect("config");
    let strict = DRAFT
        .replace(
            "<!-- relkit-allow FX004 reason=\"balance-sheet items in yen only, as filed\" by=\"legal:KT\" until=2027-03-31 -->",
            "<!-- relkit-disable-next-line FX004 -->",
        )
        .replace("($90.0 million)", "($89.3 million)");
    std::fs::write(dir.path().join("releases/2004/q3.md"), &strict).expect("draft");
    // 2027-01-01 + 90 days is 2027-04-01: until=2027-03-31 is within it.
    let o = run_in(
        dir.path(),
        JAN_2027,
        &[
            "lint",
            "releases/2003/q3.md",
            "releases/2004/q3.md",
            "--format",
            "json",
        ],
    );
    let s = |f: &str, c: &str, l: u64, col: u64| (f.to_string(), c.to_string(), l, col);
    assert_eq!(
        findings(&o),
        [
            s("releases/2003/q3.md", "FX001", 14, 37),
            s("releases/2004/q3.md", "FMT008", 16, 1),
            s("releases/2004/q3.md", "FX004", 17, 32),
        ],
        "{}",
        stdout(&o)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(
        v["diagnostics"][1]["message"]
            .as_str()
            .is_some_and(|m| m.contains("requires signed exceptions")),
    );
    // Checked on 2026-12-01, the same allowance runs more than 90 days.
    let o = run_in(
        dir.path(),
        "1796083200",
        &["lint", "releases/2003/q3.md", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let messages: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains(
            "this allowance runs until 2027-03-31, longer than the 90 days this project allows"
        )),
        "{messages:?}"
    );
}
