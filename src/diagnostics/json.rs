//! JSON output, a stable shape for tools:
//! `{"version":1,"files":N,"diagnostics":[{"file","line","column","end_line",
//! "end_column","code","severity","message","help","fix"}]}`. Lines and
//! columns are 1-based; columns count Unicode scalar values. `fix` is null or
//! `{"message", "edits":[{"line","column","end_line","end_column","replacement"}]}`.

use super::{Diagnostic, FileReport};
use crate::source::SourceFile;
use serde_json::{Value, json};

/// The `fix` member of a diagnostic, shared with SARIF.
pub fn fix_value(source: &SourceFile, d: &Diagnostic) -> Value {
    match &d.fix {
        None => Value::Null,
        Some(fix) => json!({
            "message": fix.message,
            "edits": fix.edits.iter().map(|e| {
                let start = source.line_col(e.span.start);
                let end = source.line_col(e.span.end);
                json!({
                    "line": start.line,
                    "column": start.column,
                    "end_line": end.line,
                    "end_column": end.column,
                    "replacement": e.replacement,
                })
            }).collect::<Vec<_>>(),
        }),
    }
}

/// Render all reports as one JSON document (with a trailing newline).
pub fn render(reports: &[FileReport]) -> String {
    let mut diagnostics = Vec::new();
    for report in reports {
        let source = &report.source;
        for d in &report.diagnostics {
            let start = source.line_col(d.span.start);
            let end = source.line_col(d.span.end);
            diagnostics.push(json!({
                "file": source.name(),
                "line": start.line,
                "column": start.column,
                "end_line": end.line,
                "end_column": end.column,
                "code": d.code,
                "severity": d.severity.as_str(),
                "message": d.message,
                "help": d.help,
                "fix": fix_value(source, d),
            }));
        }
    }
    let doc = json!({ "version": 1, "files": reports.len(), "diagnostics": diagnostics });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| String::from("{}"));
    text.push('\n');
    text
}
