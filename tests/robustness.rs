//! No input makes relkit panic or report nonsense: the fixture drafts and
//! the example, damaged at random (Markdown, YAML and figure-reference
//! syntax inserted, text cut out or repeated, lines shuffled), are linted,
//! fixed and rendered in-process, and every report must stay coherent:
//! spans inside the draft on character boundaries, positions that map to
//! real lines and columns, fixes that apply, and renderings that are the
//! same bytes twice. (`cargo test` runs a few hundred cases; set
//! `PROPTEST_CASES` for more.)

use proptest::prelude::*;
use relkit::render::{Backend, HtmlPage, Release, templates::Templates};
use relkit::{Config, Linter, SourceFile};
use std::path::Path;
use std::sync::LazyLock;

/// The number of cases: `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Pieces of syntax a damaged draft is likely to hold.
const SNIPPETS: &[&str] = &[
    "{{",
    "}}",
    "{{ revenue.3Q02 }}",
    "{{ revenue.9Q99 | yen }}",
    "｛｛",
    "```figures\n",
    "```\n",
    "---\n",
    "\t",
    "\r\n",
    "\n\n",
    "  - ",
    "| a | b |\n|---|---|\n",
    "<!--",
    "-->",
    "<!-- relkit-allow FX001 reason=\"x\" by=\"y\" until=2020-01-01 -->",
    "<!-- relkit-disable FLS001 -->",
    "\u{feff}",
    "\u{200b}",
    "💥",
    "é",
    "\\",
    "*",
    "_",
    "[",
    "]",
    "(http://example.com)",
    "# ",
    "> ",
    ": ",
    "\"",
    "'",
    "&a ",
    "*a",
    "!!str ",
    "? ",
    "{",
    "}",
    "[1, 2]",
    "~",
    "null",
    "JPY",
    "¥",
    "$",
    "億",
    "万円",
    "（",
    "）",
    "10.6 billion",
    "($89.0 million)",
    "118.75",
    "99999999999999999999999999999",
    "-0",
    "1e9",
    "%",
    "will ",
    "expects to ",
    "見込みです。",
    "translation_of: missing.md\n",
    "disclaimers: [nope]\n",
];

/// The drafts to damage: every fixture and both versions of the example.
static DRAFTS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut paths: Vec<_> = std::fs::read_dir("tests/fixtures")
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    paths.push("examples/iij-3q02.md".into());
    paths.push("examples/iij-3q02.ja.md".into());
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a fixture is UTF-8"))
        .collect()
});

/// The example's configuration (its disclaimer folder), as the drafts use.
static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    Linter::new(Config::discover(Path::new("examples")).expect("config")).expect("linter")
});

/// One change to a draft: where (a fraction of its length), what, and a
/// number that picks the snippet or the length.
#[derive(Debug, Clone)]
enum Damage {
    Insert(f64, usize),
    Cut(f64, usize),
    Repeat(f64, usize),
    ShuffleLines(u64),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (0.0..1.0, 0..SNIPPETS.len()).prop_map(|(at, i)| Damage::Insert(at, i)),
        3 => (0.0..1.0, 1usize..60).prop_map(|(at, n)| Damage::Cut(at, n)),
        2 => (0.0..1.0, 1usize..300).prop_map(|(at, n)| Damage::Repeat(at, n)),
        1 => any::<u64>().prop_map(Damage::ShuffleLines),
    ]
}

/// The nearest character boundary at or before `at`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(mut text: String, changes: &[Damage]) -> String {
    for change in changes {
        match *change {
            Damage::Insert(at, i) => {
                let at = boundary(&text, (at * text.len() as f64) as usize);
                text.insert_str(at, SNIPPETS[i]);
            }
            Damage::Cut(at, n) => {
                let start = boundary(&text, (at * text.len() as f64) as usize);
                let end = boundary(&text, start + n);
                text.replace_range(start..end, "");
            }
            Damage::Repeat(at, n) => {
                let start = boundary(&text, (at * text.len() as f64) as usize);
                let end = boundary(&text, start + n);
                let piece = text[start..end].to_string();
                text.insert_str(end, &piece);
            }
            Damage::ShuffleLines(seed) => {
                let mut lines: Vec<&str> = text.split('\n').collect();
                // A fixed permutation from the seed (no RNG needed).
                let len = lines.len();
                for i in (1..len).rev() {
                    let j = (seed.wrapping_mul(i as u64 + 1) >> 7) as usize % (i + 1);
                    lines.swap(i, j);
                }
                text = lines.join("\n");
            }
        }
    }
    text
}

/// Lint `text` and check that the report is coherent; the report's safe
/// fixes applied, linted again, must be coherent too.
fn lint_coherently(text: &str) -> (relkit::model::Document, relkit::FileReport) {
    let (doc, report) = LINTER.check(SourceFile::named("damaged.md", text));
    for d in &report.diagnostics {
        let span = d.span;
        assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{d:?}"
        );
        let start = report.source.line_col(span.start);
        let end = report.source.line_col(span.end);
        assert!(start.line >= 1 && start.column >= 1, "{d:?}");
        assert!(
            (end.line, end.column) >= (start.line, start.column),
            "{d:?}"
        );
        assert!(!d.message.is_empty(), "{d:?}");
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(edit.span.end <= text.len(), "{d:?}");
            assert!(
                text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end),
                "{d:?}"
            );
        }
    }
    (doc, report)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(512)))]

    #[test]
    fn damaged_drafts_lint_and_fix_coherently(
        draft in 0..DRAFTS.len(),
        changes in prop::collection::vec(damage(), 1..7),
    ) {
        let text = apply(DRAFTS[draft].clone(), &changes);
        let (_, report) = lint_coherently(&text);
        let (fixed, _) = relkit::fix::fix_until_stable(&LINTER, &report.source, &report.diagnostics);
        let (_, again) = lint_coherently(&fixed);
        // Fixed until stable: fixing again changes nothing.
        let edits_again = relkit::fix::safe_edits(&again.diagnostics);
        prop_assert_eq!(relkit::fix::apply(&fixed, &edits_again), fixed.clone());
    }
}

proptest! {
    // Rendering (the PDF above all) is slower: an eighth of the cases.
    #![proptest_config(ProptestConfig::with_cases(cases(384) / 8))]

    #[test]
    fn damaged_drafts_render_the_same_bytes_twice(
        draft in 0..DRAFTS.len(),
        changes in prop::collection::vec(damage(), 1..5),
    ) {
        let text = apply(DRAFTS[draft].clone(), &changes);
        let (doc, report) = lint_coherently(&text);
        let release = Release::new(&doc, &report, true);
        let templates = Templates::load(None).expect("bundled templates");
        let pdf = relkit::pdf::PdfDocument {
            standard: relkit::pdf::PdfStandard::default(),
            fonts: relkit::config::FontFiles::default(),
        };
        let backends: [&dyn Backend; 2] = [&HtmlPage, &pdf];
        for backend in backends {
            // An error is an answer (a clear one, tested elsewhere); a
            // rendering must be deterministic.
            if let Ok(first) = backend.render(&release, &templates) {
                let second = backend.render(&release, &templates).expect("renders again");
                prop_assert!(first == second, "{} differs between two renderings", backend.name());
                prop_assert!(!first.is_empty());
            }
        }
    }
}

/// Numbers too large or too fine for exact arithmetic once scaled or
/// converted: once a panic, now no amount (or a clear error in the figures
/// block), and the release still renders.
#[test]
fn huge_and_tiny_numbers_neither_panic_nor_pass_for_amounts() {
    let bodies = [
        "Revenue was JPY79228162514264337593543950335 billion ($1 million).",
        "Revenue was JPY1.0000000000000000000000000000001 billion ($0.0000000000000000000000000000001 million).",
        "Revenue was JPY999999999999999 trillion ($0.000000001 million).",
        "売上高は999999999999999兆999999999999999億円（0.000000001ドル）となりました。",
        "Revenue was 79228162514264337593543950335 trillion yen.",
        "Revenue was JPY10 billion ($0.000000001 million) at ¥0.000000001 = US$1.",
        "Revenue rose 10.000000001% year on year, from 0.000000001 in 2Q02.",
    ];
    for body in bodies {
        let text = format!(
            "---\ntitle: T\ncompany: C\nfx:\n  rate: 118.75\n---\n{body}\n\n```figures\nrevenue:\n  unit: JPY\n  scale: billion\n  values: {{3Q02: 999999999999999, 2Q02: 0.000000001}}\n```\n"
        );
        let (doc, report) = lint_coherently(&text);
        let release = Release::new(&doc, &report, true);
        let templates = Templates::load(None).expect("bundled templates");
        assert!(HtmlPage.render(&release, &templates).is_ok(), "{body}");
    }
    // A figure with more digits than relkit reads is an error at its place.
    let text = "---\ntitle: T\ncompany: C\n---\nText.\n\n```figures\nrevenue:\n  unit: JPY\n  values: {3Q02: 79228162514264337593543950335}\n```\n";
    let (_, report) = lint_coherently(text);
    let error = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("more digits than relkit reads"))
        .expect("the figure is refused");
    assert_eq!(report.source.line_col(error.span.start).line, 10);
}
