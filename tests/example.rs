//! The bundled example: it lints clean with the project's configuration and
//! its figure references render as the seed release printed them.

use relkit::{Config, Linter};
use std::path::Path;

fn example() -> (Linter, relkit::SourceFile) {
    let config = Config::discover(Path::new("examples")).expect("examples/relkit.toml is valid");
    assert!(config.path.is_some(), "examples/relkit.toml is found");
    let linter = Linter::new(config).expect("the example's disclaimer folder loads");
    let source = relkit::lint::read_draft(Path::new("examples/iij-3q02.md")).expect("readable");
    (linter, source)
}

#[test]
fn the_example_lints_clean() {
    let (linter, source) = example();
    let report = linter.lint(source);
    let problems: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != relkit::diagnostics::Severity::Note)
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    // Its forward-looking sentences are noted (FLS100), covered by the safe harbor.
    assert_eq!(report.diagnostics.len(), 6);
    assert!(report.diagnostics.iter().all(|d| d.code == "FLS100"));
}

#[test]
fn the_example_renders_the_seed_figures() {
    let (linter, source) = example();
    let mut diags = Vec::new();
    let doc = linter.parse(source, &mut diags);
    let prose: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    let has = |needle: &str| prose.iter().any(|p| p.contains(needle));
    assert!(has(
        "Total revenues totaled JPY10.6 billion ($89.0 million), an increase of 6.3% YoY"
    ));
    assert!(has(
        "between JPY12.5 billion ($105.3 million) and JPY13.0 billion ($109.5 million)"
    ));
    assert!(has(
        "Operating loss was JPY567 million (vs. JPY151 million of operating profit in 3Q01, and a JPY194 million operating loss in 2Q02)"
    ));
    assert!(has("Adjusted EBITDA was JPY349 million"));
    assert!(has("between JPY43.5 billion and JPY44.0 billion"));
    assert!(has("19,420.15m²"));
    let sentences: Vec<String> = doc
        .sentences()
        .map(|s| {
            let at = doc.source.line_col(s.span.start);
            format!("{}:{} {}", at.line, at.column, s.text)
        })
        .collect();
    insta::assert_snapshot!("iij-3q02.sentences", sentences.join("\n"));
}

#[test]
fn the_example_figures_are_exact() {
    let (linter, source) = example();
    let mut diags = Vec::new();
    let doc = linter.parse(source, &mut diags);
    let figures = doc.figures.as_ref().expect("figures block");
    let names: Vec<&str> = figures
        .figures
        .iter()
        .map(|f| f.id.value.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "revenue",
            "operating_income",
            "adjusted_ebitda",
            "revenue_growth",
            "revenue_growth_target"
        ]
    );
    let ebitda = figures.get("adjusted_ebitda").expect("EBITDA");
    assert!(ebitda.non_gaap);
    assert_eq!(
        ebitda.reconciles_to.as_ref().map(|r| r.value.as_str()),
        Some("operating_income")
    );
    assert_eq!(doc.fx_rate.map(|r| r.to_string()), Some("118.75".into()));
}
