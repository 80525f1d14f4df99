//! SARIF 2.1.0 output for code scanning (GitHub and others): every rule
//! with its help text and address, every finding with its region and fixes.

use super::{FileReport, Severity};
use crate::rules::RULES;
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A relative path as a SARIF artifact URI (forward slashes, percent-encoded).
pub fn artifact_uri(name: &str) -> String {
    let name = name.replace('\\', "/");
    let name = name.strip_prefix("./").unwrap_or(&name);
    let mut out = String::new();
    for b in name.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// The first paragraph after the page's title, as plain help text.
fn first_paragraph(doc: &str) -> String {
    doc.lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Render all reports as a SARIF log (with a trailing newline).
pub fn render(reports: &[FileReport]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": first_paragraph(r.doc) },
                "helpUri": r.help_uri(),
                "help": { "text": first_paragraph(r.doc), "markdown": r.doc },
                "defaultConfiguration": { "level": level(r.default_severity) },
                "properties": { "tags": [r.family_description()] },
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let source = &report.source;
        let uri = artifact_uri(source.name());
        for d in &report.diagnostics {
            let start = source.line_col(d.span.start);
            let end = source.line_col(d.span.end);
            let region = json!({
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
                "snippet": { "text": source.line_text(start.line - 1) },
            });
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": RULES.iter().position(|r| r.code == d.code).unwrap_or(0),
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region,
                    }
                }],
            });
            if let (Some(fix), Some(obj)) = (&d.fix, result.as_object_mut()) {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let s = source.line_col(e.span.start);
                        let t = source.line_col(e.span.end);
                        json!({
                            "deletedRegion": { "startLine": s.line, "startColumn": s.column, "endLine": t.line, "endColumn": t.column },
                            "insertedContent": { "text": e.replacement },
                        })
                    })
                    .collect();
                obj.insert(
                    "fixes".into(),
                    json!([{
                        "description": { "text": fix.message },
                        "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
                    }]),
                );
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "relkit",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://relkit.dev/",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| String::from("{}"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(
            artifact_uri("./drafts/Q3 release.md"),
            "drafts/Q3%20release.md"
        );
        assert_eq!(artifact_uri("a\\b.md"), "a/b.md");
    }
}
