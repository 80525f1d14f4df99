//! Every rule against its fixture drafts: the exact codes at the exact
//! line:column, snapshots of the human and JSON output, and clean fixtures
//! that must not trigger anything.

use relkit::diagnostics::human::{self, HumanOptions};
use relkit::diagnostics::json;
use relkit::{Config, FileReport, Linter, rules};
use std::path::Path;

/// Expected findings of a fixture as (code, line, column).
type Expected = &'static [(&'static str, usize, usize)];

/// (fixture, expected findings).
const CASES: &[(&str, Expected)] = &[
    ("fmt001-yaml-syntax", &[("FMT001", 4, 7)]),
    ("fmt001-unterminated", &[("FMT001", 1, 1)]),
    ("fmt001-not-a-mapping", &[("FMT001", 2, 1)]),
    ("fmt001-duplicate-key", &[("FMT001", 4, 1)]),
    ("fmt001-full-width-colon", &[("FMT001", 3, 8)]),
    (
        "fmt001-all-full-width-colons",
        &[("FMT001", 2, 6), ("FMT001", 3, 8)],
    ),
    ("fmt002-missing-company", &[("FMT002", 1, 1)]),
    (
        "fmt003-unknown-keys",
        &[
            ("FMT003", 4, 1),
            ("FMT003", 8, 3),
            ("FMT003", 11, 5),
            ("FMT003", 12, 1),
            ("FMT003", 20, 3),
        ],
    ),
    (
        "fmt004-invalid-values",
        &[
            ("FMT004", 4, 7),
            ("FMT004", 5, 7),
            ("FMT004", 6, 14),
            ("FMT004", 8, 9),
            ("FMT004", 9, 10),
            ("FMT004", 10, 11),
            ("FMT004", 19, 11),
            ("FMT004", 20, 11),
            ("FMT004", 21, 14),
            ("FMT004", 22, 13),
        ],
    ),
    ("fmt004-comma-in-flow-mapping", &[("FMT004", 11, 21)]),
    (
        "fmt005-missing-unit",
        &[("FMT005", 8, 1), ("FMT005", 13, 1)],
    ),
    ("fmt005-yaml-syntax", &[("FMT005", 11, 11)]),
    ("fmt005-two-blocks", &[("FMT005", 14, 1)]),
    ("fmt006-unused-suppression", &[("FMT006", 5, 1)]),
    (
        "fmt007-invalid-suppression",
        &[
            ("FMT007", 5, 1),
            ("FMT007", 6, 1),
            ("FMT007", 7, 1),
            ("FMT007", 8, 1),
        ],
    ),
    (
        "fig001-unknown-references",
        &[
            ("FIG001", 7, 21),
            ("FIG001", 7, 50),
            ("FIG001", 9, 16),
            ("FIG001", 9, 64),
            ("FIG001", 9, 94),
        ],
    ),
    ("fig001-no-figures-block", &[("FIG001", 5, 21)]),
    (
        "fig001-options-and-full-width",
        &[("FX003", 8, 5), ("FIG001", 10, 8), ("FIG001", 10, 45)],
    ),
    (
        "dis003-unknown-disclaimer",
        &[("DIS003", 5, 5), ("DIS003", 7, 5)],
    ),
    (
        "fls001-no-safe-harbor",
        &[
            ("FLS001", 12, 4),
            ("FLS100", 12, 4),
            ("FLS100", 14, 3),
            ("FLS100", 15, 3),
            ("FLS100", 20, 3),
        ],
    ),
    (
        "fls001-ja-no-safe-harbor",
        &[
            ("FLS001", 14, 4),
            ("FLS100", 14, 4),
            ("FLS100", 16, 3),
            ("FLS100", 17, 3),
        ],
    ),
    (
        "fls100-cues-and-traps",
        &[
            ("FLS100", 11, 4),
            ("FLS100", 13, 1),
            ("FLS100", 15, 3),
            ("FLS100", 19, 3),
            ("FLS100", 24, 3),
            ("FLS100", 28, 1),
        ],
    ),
    (
        "dis001-edited-safe-harbor",
        &[
            ("FLS100", 12, 4),
            ("FLS100", 14, 3),
            ("FLS100", 15, 3),
            ("FLS100", 20, 3),
            ("DIS001", 26, 1),
        ],
    ),
    (
        "dis001-ja-edited-safe-harbor",
        &[
            ("FLS100", 14, 4),
            ("FLS100", 16, 3),
            ("FLS100", 17, 3),
            ("DIS001", 21, 1),
        ],
    ),
    (
        "dis002-two-risk-factors",
        &[("DIS002", 5, 5), ("FLS100", 10, 1)],
    ),
    (
        "dis002-own-vague-safe-harbor",
        &[("FLS100", 5, 1), ("DIS002", 7, 1)],
    ),
    (
        "dis002-ja-two-risk-factors",
        &[("DIS002", 6, 5), ("FLS100", 11, 1)],
    ),
    (
        "dis004-missing-parameters",
        &[("DIS004", 5, 5), ("DIS004", 6, 5)],
    ),
    (
        "clean-fls-with-safe-harbor",
        &[
            ("FLS100", 14, 4),
            ("FLS100", 16, 3),
            ("FLS100", 17, 3),
            ("FLS100", 22, 3),
        ],
    ),
    (
        "clean-fls-pasted-safe-harbor",
        &[
            ("FLS100", 12, 4),
            ("FLS100", 14, 3),
            ("FLS100", 15, 3),
            ("FLS100", 20, 3),
        ],
    ),
    (
        "clean-ja-fls-with-safe-harbor",
        &[("FLS100", 16, 4), ("FLS100", 18, 3), ("FLS100", 19, 3)],
    ),
    (
        "clean-ja-fls-pasted-safe-harbor",
        &[("FLS100", 14, 4), ("FLS100", 16, 3), ("FLS100", 17, 3)],
    ),
    ("clean-no-forward-looking", &[]),
    ("clean-plain-markdown", &[]),
    ("clean-suppressed", &[]),
    ("clean-ja", &[]),
    ("clean-pie-chart", &[]),
    (
        "fx003-seed-pasted",
        &[
            ("DIS005", 7, 1),
            ("FX003", 13, 41),
            ("FX004", 16, 23),
            ("NG001", 18, 3),
            ("FLS100", 22, 3),
            ("FLS100", 23, 3),
            ("FLS100", 28, 3),
            ("FLS100", 29, 4),
            ("FLS100", 33, 1),
            ("FLS100", 43, 1),
            ("FLS100", 133, 3),
            ("FLS100", 156, 3),
        ],
    ),
    (
        "fx001-seed-pairs-mutated",
        &[("FX001", 10, 40), ("FX001", 12, 53), ("FX001", 12, 90)],
    ),
    ("fx001-ja-mismatch", &[("FX001", 11, 50)]),
    ("fx002-text-rate-differs", &[("FX002", 12, 51)]),
    ("fx002-pairs-fit-another-rate", &[("FX002", 10, 40)]),
    ("clean-fx-seed-pairs", &[]),
    ("fx004-mixed-translations", &[("FX004", 12, 76)]),
    (
        "fx001-table-columns",
        &[("FX001", 16, 33), ("FX001", 21, 17)],
    ),
    ("fx002-ja-text-rate-differs", &[("FX002", 11, 40)]),
    (
        "fx002-no-rate-disagreeing-pairs",
        &[("FX003", 3, 40), ("FX002", 3, 140)],
    ),
    (
        "fig002-typed-amounts",
        &[("FIG002", 8, 24), ("FIG002", 12, 29)],
    ),
    (
        "fig003-claimed-changes",
        &[("FIG003", 7, 65), ("FIG003", 11, 59)],
    ),
    ("fig003-ja-claimed-changes", &[("FIG003", 8, 62)]),
    (
        "ng001-no-reconciliation",
        &[("NG001", 7, 3), ("NG001", 10, 1)],
    ),
    ("ng001-ja-no-gaap-first", &[("NG001", 6, 8)]),
    ("clean-ng001-reconciled", &[]),
    (
        "fmt008-incomplete-allowance",
        &[
            ("FMT008", 7, 1),
            ("FIG001", 8, 21),
            ("FMT008", 10, 1),
            ("FIG001", 11, 22),
            ("FMT008", 13, 1),
            ("FIG001", 14, 16),
        ],
    ),
    (
        "fmt009-expired-allowance",
        &[("FMT009", 7, 1), ("FIG001", 8, 21)],
    ),
    ("fmt010-unused-allowance", &[("FMT010", 7, 1)]),
    (
        "fmt011-forbidden-suppression",
        &[
            ("FMT011", 12, 1),
            ("FX001", 13, 37),
            ("FMT011", 15, 1),
            ("FLS001", 16, 1),
            ("FLS100", 16, 1),
        ],
    ),
    ("clean-allowed", &[]),
    (
        "dis005-superseded-safe-harbor",
        &[("FLS100", 12, 4), ("FLS100", 14, 1), ("DIS005", 18, 1)],
    ),
    (
        "dis005-ja-superseded-safe-harbor",
        &[("FLS100", 12, 4), ("FLS100", 14, 1), ("DIS005", 18, 1)],
    ),
];

fn lint_fixture(name: &str) -> FileReport {
    let path = Path::new("tests/fixtures").join(format!("{name}.md"));
    let linter = Linter::new(Config::default()).expect("the bundled library loads");
    let source = relkit::lint::read_draft(&path).expect("fixture is readable");
    linter.lint(source)
}

#[test]
fn each_fixture_yields_exactly_the_expected_findings() {
    for (name, expected) in CASES {
        let report = lint_fixture(name);
        let found: Vec<(&str, usize, usize)> = report
            .diagnostics
            .iter()
            .map(|d| {
                let at = report.source.line_col(d.span.start);
                (d.code, at.line, at.column)
            })
            .collect();
        assert_eq!(&found, expected, "fixture {name}");
    }
}

#[test]
fn every_fixture_on_disk_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir("tests/fixtures")
        .expect("fixtures folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn every_rule_has_a_triggering_fixture_named_after_it() {
    // The pair rules compare two drafts: their fixtures are pairs, in
    // tests/fixtures/pair/, checked by tests/pair.rs.
    for rule in rules::RULES.iter().filter(|r| r.family() != "PAIR") {
        let prefix = rule.code.to_ascii_lowercase();
        let triggering: Vec<_> = CASES
            .iter()
            .filter(|(n, _)| n.starts_with(&prefix))
            .collect();
        assert!(!triggering.is_empty(), "{} has no fixture", rule.code);
        for (name, expected) in triggering {
            assert!(
                expected.iter().any(|(c, _, _)| *c == rule.code),
                "{name} must trigger {}",
                rule.code
            );
        }
    }
}

#[test]
fn snapshots_of_human_and_json_output() {
    for (name, _) in CASES {
        let report = lint_fixture(name);
        let reports = [report];
        let text = human::render(
            &reports,
            HumanOptions {
                color: false,
                notes: true,
            },
        );
        insta::assert_snapshot!(format!("{name}.human"), text);
        let json_text = json::render(&reports);
        insta::assert_snapshot!(format!("{name}.json"), json_text);
    }
}
