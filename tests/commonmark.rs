//! CommonMark conformance of relkit's Markdown-to-HTML path (body only):
//! every example of the CommonMark 0.31.2 specification is rendered by
//! relkit — as the body of a draft, through the document model's one event
//! list and the published-body passes, exactly as `relkit build` renders a
//! release — and by pulldown-cmark alone (no extensions, no sanitizer). Every
//! release relkit publishes goes through its sanitizer (no scripts, handlers
//! or frames; links marked `rel="noopener noreferrer"`), so all three HTML
//! texts — the specification's, pulldown-cmark's and relkit's — are compared
//! after that same sanitizer, which also serializes them alike. relkit must
//! pass exactly as many examples as pulldown-cmark alone.

use relkit::SourceFile;
use relkit::model::{Document, ParseOptions};
use relkit::render::markdown;
use serde::Deserialize;

#[derive(Deserialize)]
struct Example {
    markdown: String,
    html: String,
    section: String,
    number: usize,
}

fn examples() -> Vec<Example> {
    let text = std::fs::read_to_string("tests/commonmark/spec-0.31.2.json").expect("spec fixture");
    serde_json::from_str(&text).expect("spec JSON")
}

/// Compare HTML as the spec's own test runner does, loosely: white space
/// between tags and at line ends does not count; `<br>`/`<br />`, `&#x27;`/`'`
/// and attribute order are normalised.
fn normalize(html: &str) -> String {
    let mut s = html
        .replace("<br />", "<br>")
        .replace("<hr />", "<hr>")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace(" />", ">")
        .replace("&nbsp;", "\u{a0}");
    s = s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    while s.contains(">\n") || s.contains("\n<") {
        s = s.replace(">\n", ">").replace("\n<", "<");
    }
    s.trim().to_string()
}

fn pulldown_alone(md: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(md));
    html
}

/// `markdown` as the body of a draft (after a minimal front matter), built
/// into page HTML by relkit.
fn as_draft_body(markdown: &str) -> String {
    let draft = format!("---\ntitle: T\ncompany: C\n---\n{markdown}");
    let options = ParseOptions {
        keep_events: true,
        ..ParseOptions::default()
    };
    let doc = Document::parse(
        SourceFile::named("spec.md", draft),
        options,
        &mut Vec::new(),
    );
    markdown::body_html(&doc)
}

#[test]
fn relkit_passes_as_many_examples_as_pulldown_cmark() {
    let examples = examples();
    assert_eq!(examples.len(), 652);
    let mut pulldown_pass = 0;
    let mut relkit_pass = 0;
    let mut differences = Vec::new();
    for e in &examples {
        let expected_safe = normalize(&markdown::sanitize(&e.html));
        let by_pulldown =
            normalize(&markdown::sanitize(&pulldown_alone(&e.markdown))) == expected_safe;
        let by_relkit = normalize(&as_draft_body(&e.markdown)) == expected_safe;
        pulldown_pass += usize::from(by_pulldown);
        relkit_pass += usize::from(by_relkit);
        if by_pulldown != by_relkit {
            differences.push(format!(
                "example {} ({}): pulldown-cmark {}, relkit {}",
                e.number,
                e.section,
                if by_pulldown { "passes" } else { "fails" },
                if by_relkit { "passes" } else { "fails" }
            ));
        }
    }
    println!(
        "CommonMark 0.31.2: pulldown-cmark alone passes {pulldown_pass} of {}; relkit passes {relkit_pass}",
        examples.len()
    );
    assert_eq!(relkit_pass, pulldown_pass, "{}", differences.join("\n"));
}
