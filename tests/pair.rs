//! The pair rules (`PAIR…`) against their fixture pairs in
//! `tests/fixtures/pair/`: each case is a folder with an English draft
//! (`release.md`, which names `translation_of: release.ja.md`) and its
//! Japanese version. Every finding is asserted as (code, file, line,
//! column) in both drafts, a draft linted alone reports its own side of the
//! pair exactly, and the human and JSON output of each case is a snapshot.
//! Variants of the clean pair, made in temporary folders, cover the rules'
//! other findings.

use relkit::diagnostics::human::{self, HumanOptions};
use relkit::diagnostics::{Severity, json};
use relkit::{Config, FileReport, Linter, SourceFile, rules};
use std::path::{Path, PathBuf};

/// A finding as (code, file name, line, column).
type Found = (&'static str, String, usize, usize);

/// Expected findings of a case, FLS100 notes left out (every case has the
/// clean pair's, see `every_case_keeps_the_forward_looking_notes_of_the_clean_pair`).
type Expected = &'static [(&'static str, &'static str, usize, usize)];

const CASES: &[(&str, Expected)] = &[
    ("clean", &[]),
    (
        "pair001-changed-figure",
        &[
            ("PAIR001", "release.md", 49, 11),
            ("PAIR001", "release.ja.md", 49, 11),
        ],
    ),
    (
        "pair002-different-rate",
        &[
            ("PAIR002", "release.md", 14, 9),
            ("PAIR002", "release.ja.md", 14, 9),
        ],
    ),
    (
        "pair003-missing-disclaimer",
        &[
            ("PAIR003", "release.md", 12, 5),
            ("PAIR003", "release.ja.md", 10, 1),
            // Without convenience-translation, the Japanese version no
            // longer states its rate to the reader.
            ("FX003", "release.ja.md", 26, 7),
        ],
    ),
    (
        "pair004-changed-date-ticker",
        &[
            ("PAIR004", "release.md", 5, 9),
            ("PAIR004", "release.md", 6, 7),
            ("PAIR004", "release.ja.md", 5, 9),
            ("PAIR004", "release.ja.md", 6, 7),
        ],
    ),
    (
        "pair005-amount-in-one-only",
        &[
            ("PAIR005", "release.md", 36, 117),
            ("PAIR005", "release.ja.md", 36, 1),
        ],
    ),
    (
        "pair100-fls-in-one-only",
        &[
            ("PAIR100", "release.md", 32, 1),
            ("PAIR100", "release.ja.md", 32, 1),
        ],
    ),
];

fn linter() -> Linter {
    Linter::new(Config::default()).expect("the bundled library loads")
}

fn folder(case: &str) -> PathBuf {
    Path::new("tests/fixtures/pair").join(case)
}

fn read(path: &Path) -> SourceFile {
    relkit::lint::read_draft(path).expect("fixture is readable")
}

/// Both drafts of a folder, checked as a pair.
fn lint_pair(dir: &Path) -> [FileReport; 2] {
    let l = linter();
    Linter::lint_pair(
        (&l, read(&dir.join("release.md"))),
        (&l, read(&dir.join("release.ja.md"))),
    )
}

fn found(reports: &[FileReport]) -> Vec<Found> {
    reports
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(move |d| {
                let at = r.source.line_col(d.span.start);
                let name = Path::new(r.source.name())
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (d.code, name, at.line, at.column)
            })
        })
        .collect()
}

fn without_fls100(found: Vec<Found>) -> Vec<Found> {
    found.into_iter().filter(|f| f.0 != "FLS100").collect()
}

fn expected(list: Expected) -> Vec<Found> {
    list.iter()
        .map(|(c, f, l, col)| (*c, (*f).to_string(), *l, *col))
        .collect()
}

#[test]
fn each_pair_yields_exactly_the_expected_findings_in_each_draft() {
    for (case, list) in CASES {
        let reports = lint_pair(&folder(case));
        assert_eq!(
            without_fls100(found(&reports)),
            expected(list),
            "case {case}"
        );
    }
}

#[test]
fn the_clean_pair_has_only_its_forward_looking_notes() {
    let reports = lint_pair(&folder("clean"));
    for r in &reports {
        assert_eq!(r.count(Severity::Error), 0, "{:#?}", r.diagnostics);
        assert_eq!(r.count(Severity::Warning), 0, "{:#?}", r.diagnostics);
        assert!(r.diagnostics.iter().all(|d| d.code == "FLS100"));
    }
    assert_eq!(
        found(&reports),
        [
            ("FLS100", "release.md".to_string(), 3, 11),
            ("FLS100", "release.md".to_string(), 30, 4),
            ("FLS100", "release.md".to_string(), 32, 1),
            ("FLS100", "release.md".to_string(), 36, 1),
            ("FLS100", "release.ja.md".to_string(), 3, 11),
            ("FLS100", "release.ja.md".to_string(), 30, 4),
            ("FLS100", "release.ja.md".to_string(), 32, 1),
            ("FLS100", "release.ja.md".to_string(), 36, 1),
        ]
    );
}

#[test]
fn every_case_keeps_the_forward_looking_notes_of_the_clean_pair() {
    let clean: Vec<Found> = found(&lint_pair(&folder("clean")))
        .into_iter()
        .filter(|f| f.0 == "FLS100")
        .collect();
    for (case, _) in CASES {
        let mut notes: Vec<Found> = found(&lint_pair(&folder(case)))
            .into_iter()
            .filter(|f| f.0 == "FLS100")
            .collect();
        let mut expected = clean.clone();
        match *case {
            // The Japanese outlook paragraph is no longer forward-looking.
            "pair100-fls-in-one-only" => {
                expected.retain(|f| !(f.1 == "release.ja.md" && f.2 == 32));
            }
            // One line less in the Japanese front matter.
            "pair003-missing-disclaimer" => {
                for f in expected
                    .iter_mut()
                    .filter(|f| f.1 == "release.ja.md" && f.2 > 11)
                {
                    f.2 -= 1;
                }
            }
            _ => {}
        }
        notes.sort();
        expected.sort();
        assert_eq!(notes, expected, "case {case}");
    }
}

#[test]
fn a_draft_linted_alone_reports_its_own_side_of_the_pair() {
    let l = linter();
    for (case, _) in CASES {
        let [en, ja] = lint_pair(&folder(case));
        // Both drafts name each other: each, linted alone, reads the other.
        let alone_en = l.lint(read(&folder(case).join("release.md")));
        let alone_ja = l.lint(read(&folder(case).join("release.ja.md")));
        assert_eq!(alone_en.diagnostics, en.diagnostics, "case {case}, English");
        assert_eq!(
            alone_ja.diagnostics, ja.diagnostics,
            "case {case}, Japanese"
        );
    }
}

#[test]
fn every_pair_rule_has_a_triggering_case_named_after_it() {
    for rule in rules::RULES.iter().filter(|r| r.family() == "PAIR") {
        let prefix = rule.code.to_ascii_lowercase();
        let triggering: Vec<_> = std::fs::read_dir("tests/fixtures/pair")
            .expect("pair fixtures")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(&prefix))
            .collect();
        assert!(!triggering.is_empty(), "{} has no fixture", rule.code);
    }
}

#[test]
fn every_case_on_disk_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir("tests/fixtures/pair")
        .expect("pair fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "pair006-missing-counterpart")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn snapshots_of_human_and_json_output() {
    for (case, _) in CASES {
        let reports = lint_pair(&folder(case));
        let text = human::render(
            &reports,
            HumanOptions {
                color: false,
                notes: true,
            },
        );
        insta::assert_snapshot!(format!("{case}.human"), text);
        insta::assert_snapshot!(format!("{case}.json"), json::render(&reports));
    }
}

#[test]
fn a_missing_counterpart_is_pair006_at_the_value() {
    let report = linter().lint(read(
        &folder("pair006-missing-counterpart").join("release.md"),
    ));
    let pair: Vec<Found> = without_fls100(found(std::slice::from_ref(&report)));
    assert_eq!(pair, [("PAIR006", "release.md".to_string(), 9, 17)]);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "PAIR006")
        .expect("PAIR006");
    assert_eq!(
        d.message,
        "`translation_of` names `release.jp.md`, which does not exist (relkit looked for tests/fixtures/pair/pair006-missing-counterpart/release.jp.md)"
    );
    assert_eq!(d.severity, Severity::Error);
}

// ---- Variants of the clean pair, in temporary folders ----

/// A temporary folder holding the clean pair with `en` and `ja` applied
/// to the English and Japanese drafts.
fn variant(en: &[(&str, &str)], ja: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, edits) in [("release.md", en), ("release.ja.md", ja)] {
        let mut text = std::fs::read_to_string(folder("clean").join(name)).expect("clean fixture");
        for (from, to) in edits {
            assert!(text.contains(from), "{name} has no `{from}`");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

/// The pair findings of a variant (FLS100 left out), with their messages.
fn pair_findings(dir: &Path) -> Vec<(Found, String)> {
    let reports = lint_pair(dir);
    let places = found(&reports);
    let messages = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.message.clone()));
    places
        .into_iter()
        .zip(messages)
        .filter(|(f, _)| f.0 != "FLS100")
        .collect()
}

fn places(findings: &[(Found, String)]) -> Vec<(&'static str, &str, usize, usize)> {
    findings
        .iter()
        .map(|((c, f, l, col), _)| (*c, f.as_str(), *l, *col))
        .collect()
}

#[test]
fn pair001_a_figure_or_period_in_one_version_only() {
    let dir = variant(
        &[],
        &[
            // No 3Q01 for revenue; no revenue_growth at all.
            ("    3Q01: 9946\n", ""),
            (
                "revenue_growth:\n  label: 売上高成長率（前年同期比）\n  unit: percent\n  values:\n    3Q02: 6.3\n",
                "",
            ),
            ("前年同期比{{ revenue_growth.3Q02 }}の増収", "増収"),
        ],
    );
    let findings = pair_findings(dir.path());
    assert_eq!(
        places(&findings),
        [
            ("PAIR001", "release.md", 48, 5),
            ("PAIR001", "release.md", 64, 1),
            ("PAIR001", "release.ja.md", 42, 1),
            ("PAIR001", "release.ja.md", 43, 1),
        ],
        "{findings:#?}"
    );
    let messages: Vec<&str> = findings.iter().map(|(_, m)| m.as_str()).collect();
    assert!(messages[0].starts_with(
        "`revenue` has a value for `3Q01` here, but the Japanese version gives none ("
    ));
    assert!(messages[1].starts_with(
        "the figure `revenue_growth` is not in the figures block of the Japanese version ("
    ));
    assert!(messages[2].starts_with("the English version declares the figure `revenue_growth` ("));
    assert!(messages[3].starts_with("the English version gives `revenue` a value for `3Q01` ("));
}

#[test]
fn pair001_a_figure_renamed_a_forecast_marked_once_and_another_unit() {
    let dir = variant(
        &[],
        &[
            ("revenue:\n  label: 売上高", "売上高:\n  label: 売上高"),
            ("{{ revenue.3Q02 }}", "{{ 売上高.3Q02 }}"),
            ("{{ revenue.4Q02.low }}", "{{ 売上高.4Q02.low }}"),
            ("{{ revenue.4Q02.high }}", "{{ 売上高.4Q02.high }}"),
            ("  unit: percent", "  unit: count"),
        ],
    );
    let findings = pair_findings(dir.path());
    let messages: Vec<&str> = findings.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(
        places(&findings),
        [
            ("PAIR001", "release.md", 43, 1),
            ("PAIR001", "release.md", 64, 1),
            ("PAIR001", "release.ja.md", 43, 1),
            ("PAIR001", "release.ja.md", 64, 1),
        ],
        "{findings:#?}"
    );
    assert!(messages[0].starts_with(
        "this figure is called `revenue` here but `売上高` in the Japanese version ("
    ));
    assert!(messages[1].starts_with(
        "`revenue_growth` is a percentage here but a count in the Japanese version ("
    ));

    let dir = variant(&[], &[("  estimate: [4Q02]\n", "")]);
    let findings = pair_findings(dir.path());
    assert_eq!(
        places(&findings),
        [
            ("PAIR001", "release.md", 50, 5),
            ("PAIR001", "release.ja.md", 50, 5),
        ],
        "{findings:#?}"
    );
    assert!(findings[1].1.contains("is a result (not listed under `estimate`) here, but a forecast (listed under `estimate`) in the English version"));
}

#[test]
fn pair001_the_same_amount_in_another_scale_agrees() {
    let dir = variant(
        &[],
        &[(
            "  scale: million\n  values:\n    3Q01: 9946\n    3Q02: 10573\n    4Q02: { low: 12500, high: 13000 }",
            "  scale: billion\n  values:\n    3Q01: 9.946\n    3Q02: 10.573\n    4Q02: { low: 12.5, high: 13 }",
        )],
    );
    assert_eq!(places(&pair_findings(dir.path())), []);
}

#[test]
fn pair002_a_rate_in_one_version_only_and_another_date() {
    let dir = variant(&[], &[("  as_of: 2002-12-31", "  as_of: 2002-12-30")]);
    let findings = pair_findings(dir.path());
    assert_eq!(
        places(&findings),
        [
            ("PAIR002", "release.md", 15, 10),
            ("PAIR002", "release.ja.md", 15, 10),
        ],
        "{findings:#?}"
    );
    assert!(findings[0].1.starts_with(
        "this version takes its rate as of 2002-12-31, but the Japanese version as of 2002-12-30 ("
    ));

    // No rate at all in the Japanese version (and so no dollar amounts).
    let dir = variant(
        &[],
        &[
            ("fx:\n  rate: 118.75\n  as_of: 2002-12-31\n", ""),
            ("  - convenience-translation\n", ""),
        ],
    );
    let findings = pair_findings(dir.path());
    let codes: Vec<_> = places(&findings);
    assert!(
        codes.contains(&("PAIR002", "release.md", 14, 9)),
        "{findings:#?}"
    );
    assert!(
        codes.contains(&("PAIR002", "release.ja.md", 1, 1)),
        "{findings:#?}"
    );
    let ja = findings
        .iter()
        .find(|((c, f, _, _), _)| *c == "PAIR002" && f == "release.ja.md")
        .expect("the Japanese side");
    assert!(ja.1.starts_with("the English version translates at ¥118.75 per US dollar ("));
    assert!(ja.1.ends_with("), but this version states no exchange rate"));
}

#[test]
fn pair003_different_versions_of_one_approved_text() {
    let dir = variant(&[], &[]);
    let library = dir.path().join("disclaimers");
    std::fs::create_dir(&library).expect("mkdir");
    let japanese =
        include_str!("../disclaimers/safe-harbor.ja.md").replace("version: 2", "version: 1");
    std::fs::write(library.join("safe-harbor.ja.md"), japanese).expect("write");
    std::fs::write(
        dir.path().join("relkit.toml"),
        "[paths]\ndisclaimers = \"disclaimers\"\n",
    )
    .expect("write");
    let l = Linter::new(Config::discover(dir.path()).expect("config")).expect("library");
    let reports = Linter::lint_pair(
        (&l, read(&dir.path().join("release.md"))),
        (&l, read(&dir.path().join("release.ja.md"))),
    );
    let pair: Vec<Found> = without_fls100(found(&reports));
    assert_eq!(
        pair,
        [
            ("PAIR003", "release.md".to_string(), 11, 5),
            ("PAIR003", "release.ja.md".to_string(), 11, 5),
        ]
    );
    let message = &reports[0]
        .diagnostics
        .iter()
        .find(|d| d.code == "PAIR003")
        .expect("PAIR003")
        .message;
    assert!(
        message.starts_with(
            "this version carries version 2 of `safe-harbor`, but the Japanese version carries version 1 ("
        ),
        "{message}"
    );
}

#[test]
fn pair003_a_pasted_text_counts_as_carried() {
    // The Japanese version pastes the approved convenience-translation text
    // instead of listing it.
    let pasted = "\n本資料の米ドル金額は、読者の便宜のため、2002年12月31日現在の概算為替レート1米ドル＝118.75円により円金額を換算したものです。円金額が当該レートその他のレートで米ドルに換算されたこと、換算され得たこと、又は換算され得ることを示すものではありません。\n\n```figures";
    let dir = variant(
        &[],
        &[
            ("  - convenience-translation\n", ""),
            ("\n```figures", pasted),
        ],
    );
    assert_eq!(places(&pair_findings(dir.path())), []);
}

#[test]
fn pair004_a_date_in_one_version_only() {
    let dir = variant(&[("date: 2003-02-14\n", "")], &[]);
    let findings = pair_findings(dir.path());
    assert_eq!(
        places(&findings),
        [
            ("PAIR004", "release.md", 1, 1),
            ("PAIR004", "release.ja.md", 6, 7),
        ],
        "{findings:#?}"
    );
    assert!(
        findings[1]
            .1
            .starts_with("this version is dated 2003-02-14, but the English version (")
    );
    // Tickers that differ only in width and case agree.
    let dir = variant(
        &[],
        &[("ticker: \"Nasdaq: IIJI\"", "ticker: \"ＮＡＳＤＡＱ：IIJI\"")],
    );
    assert_eq!(places(&pair_findings(dir.path())), []);
}

#[test]
fn pair005_amounts_match_across_notations_and_a_changed_one_is_reported_in_both() {
    // 105億6,700万円 is "about JPY10.6 billion": no finding. A wrong amount
    // (40億円 for JPY5 billion) is reported on both sides.
    let dir = variant(
        &[],
        &[
            ("その合計は50億円を超える", "その合計は40億円を超える"),
            (
                "## 受賞",
                "## 売上高の内訳\n\n当四半期の売上高105億6,700万円のうち、接続サービスが過半を占めました。\n\n## 受賞",
            ),
        ],
    );
    let findings = pair_findings(dir.path());
    assert_eq!(
        places(&findings),
        [
            ("PAIR005", "release.md", 36, 1),
            ("PAIR005", "release.md", 36, 117),
            ("PAIR005", "release.ja.md", 36, 1),
            ("PAIR005", "release.ja.md", 36, 51),
        ],
        "{findings:#?}"
    );
    assert!(
        findings[0]
            .1
            .starts_with("the Japanese version states `40億円` (")
    );
    assert!(
        findings[1]
            .1
            .ends_with("it states no amount of about 50億円")
    );
    assert!(
        findings[2]
            .1
            .starts_with("the English version states `JPY5 billion` (")
    );
    assert!(
        findings[3]
            .1
            .starts_with("`40億円` has no counterpart in the English version (")
    );
    assert!(
        findings[3]
            .1
            .ends_with("it states no amount of about JPY4 billion")
    );
}

#[test]
fn pair100_a_forecast_added_in_translation_and_a_subtitle() {
    let dir = variant(
        &[(
            "subtitle: Operating profit expected to improve considerably in 4Q02",
            "subtitle: Operating profit improved considerably in 4Q02",
        )],
        &[(
            "当社は、日経コミュニケーションズ誌の読者による「ベストプロバイダー2002」に選ばれました。",
            "当社は、日経コミュニケーションズ誌の読者による「ベストプロバイダー2002」に選ばれました。来期も受賞を目指してまいります。",
        )],
    );
    let findings = pair_findings(dir.path());
    assert_eq!(
        places(&findings),
        [
            ("PAIR100", "release.md", 3, 11),
            ("PAIR100", "release.md", 40, 1),
            ("PAIR100", "release.ja.md", 3, 11),
            ("PAIR100", "release.ja.md", 40, 47),
        ],
        "{findings:#?}"
    );
    assert!(
        findings[0]
            .1
            .starts_with("the subtitle of the Japanese version (")
    );
    assert!(
        findings[1]
            .1
            .starts_with("the counterpart of this paragraph in the Japanese version (")
    );
    assert!(
        findings[3]
            .1
            .starts_with("this paragraph is forward-looking (")
    );
    assert!(
        findings.iter().all(
            |((c, ..), _)| rules::find(c).is_some_and(|r| r.default_severity == Severity::Note)
        )
    );
}

#[test]
fn pair100_a_paragraph_missing_from_the_translation() {
    // The Japanese version drops the whole outlook section.
    let dir = variant(
        &[],
        &[(
            "## 業績見通し\n\n第4四半期の売上高は{{ revenue.4Q02.low }}から{{ revenue.4Q02.high }}となり、営業利益は大幅に改善する見込みです。\n\n",
            "",
        )],
    );
    let findings = pair_findings(dir.path());
    let en: Vec<_> = findings
        .iter()
        .filter(|((c, f, ..), _)| *c == "PAIR100" && f == "release.md")
        .collect();
    assert_eq!(en.len(), 2, "{findings:#?}");
    assert!(
        en.iter()
            .any(|(_, m)| m.contains("has no counterpart of it")),
        "{findings:#?}"
    );
    let ja: Vec<_> = findings
        .iter()
        .filter(|((c, f, ..), _)| *c == "PAIR100" && f == "release.ja.md")
        .collect();
    assert!(!ja.is_empty(), "{findings:#?}");
    // The revenue range is missing too.
    assert!(
        findings
            .iter()
            .any(|((c, f, ..), _)| *c == "PAIR005" && f == "release.md")
    );
}

// ---- PAIR006: counterparts that cannot be checked ----

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn pair006(report: &FileReport) -> Vec<(usize, usize, String)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == "PAIR006")
        .map(|d| {
            let at = report.source.line_col(d.span.start);
            (at.line, at.column, d.message.clone())
        })
        .collect()
}

#[test]
fn pair006_counterparts_that_cannot_be_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let l = linter();
    let draft = |name: &str, lang: &str, of: &str| {
        write(
            d,
            name,
            &format!("---\ntitle: T\ncompany: C\nlang: {lang}\ntranslation_of: {of}\n---\nText.\n"),
        )
    };
    // Itself.
    let a = draft("self.md", "en", "./self.md");
    let found = pair006(&l.lint(read(&a)));
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].0, found[0].1), (5, 17));
    assert_eq!(
        found[0].2,
        "`translation_of` names `./self.md`, which is this draft itself"
    );
    // Not a draft.
    write(d, "notes.md", "# Notes\n\nNot a release.\n");
    let a = draft("a.md", "en", "notes.md");
    assert!(
        pair006(&l.lint(read(&a)))[0]
            .2
            .contains("which is not a draft")
    );
    // The same language.
    draft("b.md", "en", "c.md");
    let a = draft("c.md", "en", "b.md");
    assert!(
        pair006(&l.lint(read(&a)))[0]
            .2
            .contains("which is in English too (`lang: en`)")
    );
    // A counterpart that names a third draft.
    draft("e.ja.md", "ja", "other.md");
    let a = draft("e.md", "en", "e.ja.md");
    assert!(
        pair006(&l.lint(read(&a)))[0]
            .2
            .contains("but that draft names `other.md` as its translation, not this draft")
    );
    // Unreadable: not UTF-8.
    std::fs::write(d.join("f.ja.md"), b"---\ntitle: \x91\n---\n").expect("write");
    let a = draft("f.md", "en", "f.ja.md");
    let found = pair006(&l.lint(read(&a)));
    assert!(found[0].2.contains("which cannot be read:"), "{found:?}");
    assert!(found[0].2.contains("not UTF-8"), "{found:?}");
}

#[test]
fn pair006_given_together_in_one_language_or_naming_another() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let l = linter();
    let a = write(
        d,
        "a.md",
        "---\ntitle: A\ncompany: C\nlang: en\n---\nText.\n",
    );
    let b = write(d, "b.md", "---\ntitle: B\ncompany: C\n---\nText.\n");
    let [ra, rb] = Linter::lint_pair((&l, read(&a)), (&l, read(&b)));
    assert_eq!(
        pair006(&ra),
        [(
            4,
            7,
            format!(
                "this draft and {} are both in English; a translation is in the other language",
                b.display()
            )
        )]
    );
    // b has no `lang:` line: at the front matter's opening.
    assert_eq!(pair006(&rb)[0].0, 1);
    // Checked with another draft than the one it names: reported, and compared.
    let c = write(
        d,
        "c.ja.md",
        "---\ntitle: C\ncompany: C\nlang: ja\ndate: 2003-02-14\ntranslation_of: other.md\n---\n本文です。\n",
    );
    let [ra, rc] = Linter::lint_pair((&l, read(&a)), (&l, read(&c)));
    assert!(pair006(&ra).is_empty());
    assert_eq!(pair006(&rc).len(), 1);
    assert!(
        pair006(&rc)[0]
            .2
            .starts_with("this draft names `other.md` as its translation, but it is checked with")
    );
    assert!(
        rc.diagnostics.iter().any(|d| d.code == "PAIR004"),
        "still compared"
    );
    assert!(
        ra.diagnostics.iter().any(|d| d.code == "PAIR004"),
        "still compared"
    );
}

#[test]
fn one_way_naming_pairs_both_drafts_of_a_run() {
    // Only the Japanese version names the English one.
    let dir = variant(
        &[("translation_of: release.ja.md\n", "")],
        &[("    3Q02: 10573", "    3Q02: 10572")],
    );
    let sources = [
        read(&dir.path().join("release.md")),
        read(&dir.path().join("release.ja.md")),
    ];
    let refs: Vec<Option<&SourceFile>> = sources.iter().map(Some).collect();
    assert_eq!(relkit::pair::partners(&refs), [Some(1), Some(0)]);
    // Alone, the English draft knows nothing of its translation…
    let alone = linter().lint(sources[0].clone());
    assert!(alone.diagnostics.iter().all(|d| d.code == "FLS100"));
    // …the Japanese one reports its side.
    let alone = linter().lint(sources[1].clone());
    assert_eq!(
        without_fls100(found(std::slice::from_ref(&alone))),
        [("PAIR001", "release.ja.md".to_string(), 49, 11)]
    );
}

#[test]
fn suppressing_a_pair_warning_in_one_draft_leaves_the_other() {
    // The Japanese version silences PAIR005 over its paragraph.
    let dir = variant(
        &[],
        &[(
            "第4四半期には、1件当たり3億円を超える大規模なシステムインテグレーション案件が複数あり、その合計は50億円を超える見込みです。",
            "<!-- relkit-disable-next-line PAIR005 -->\n第4四半期には、1件当たり3億円を超える大規模なシステムインテグレーション案件が複数見込まれます。",
        )],
    );
    let findings = pair_findings(dir.path());
    assert_eq!(
        places(&findings),
        [("PAIR005", "release.md", 36, 117)],
        "{findings:#?}"
    );
}

#[test]
fn a_comment_cannot_silence_a_disagreement_of_figures() {
    // PAIR001 is compliance-critical: the comment is FMT011, the finding stays.
    let dir = variant(
        &[],
        &[
            ("    3Q02: 10573", "    3Q02: 10572"),
            (
                "```figures",
                "<!-- relkit-disable PAIR001 -->\n\n```figures",
            ),
        ],
    );
    let findings = pair_findings(dir.path());
    let places = places(&findings);
    assert!(
        places.contains(&("PAIR001", "release.md", 49, 11)),
        "{findings:#?}"
    );
    assert!(
        places.contains(&("PAIR001", "release.ja.md", 51, 11)),
        "{findings:#?}"
    );
    assert!(
        places
            .iter()
            .any(|p| p.0 == "FMT011" && p.1 == "release.ja.md"),
        "{findings:#?}"
    );
}

#[test]
fn the_bundled_example_and_its_japanese_version_are_a_clean_pair() {
    let config = Config::discover(Path::new("examples")).expect("examples/relkit.toml");
    let l = Linter::new(config).expect("library");
    let reports = Linter::lint_pair(
        (&l, read(Path::new("examples/iij-3q02.md"))),
        (&l, read(Path::new("examples/iij-3q02.ja.md"))),
    );
    for r in &reports {
        let problems: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code != "FLS100")
            .collect();
        assert!(problems.is_empty(), "{}: {problems:#?}", r.source.name());
        assert_eq!(r.diagnostics.len(), 6, "{}", r.source.name());
    }
    // The Japanese version alone, reading the English one: the same.
    let alone = l.lint(read(Path::new("examples/iij-3q02.ja.md")));
    assert_eq!(alone.diagnostics, reports[1].diagnostics);
}
