//! Human output, in the style of rustc: the message, the place, the source
//! line with the span underlined, then help and fix. Colour is optional.

use super::{Diagnostic, FileReport, Severity, Summary, plural};
use crate::source::SourceFile;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Rendering choices.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Show notes (they are always counted).
    pub notes: bool,
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn severity(&self, s: Severity, text: &str) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Note => "1;36",
        };
        self.wrap(code, text)
    }
    fn gutter(&self, text: &str) -> String {
        self.wrap("1;34", text)
    }
    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
}

/// Render one diagnostic.
pub fn render_diagnostic(source: &SourceFile, d: &Diagnostic, options: HumanOptions) -> String {
    let paint = Paint { on: options.color };
    let mut out = String::new();
    let start = source.line_col(d.span.start);
    let head = format!("{}[{}]", d.severity.as_str(), d.code);
    let _ = writeln!(
        out,
        "{}{} {}",
        paint.severity(d.severity, &head),
        paint.bold(":"),
        paint.bold(&d.message)
    );
    let line_no = start.line.to_string();
    let pad = " ".repeat(line_no.len());
    let _ = writeln!(
        out,
        "{pad}{} {}:{}:{}",
        paint.gutter("-->"),
        source.name(),
        start.line,
        start.column
    );
    let line_index = start.line - 1;
    let line = source.line_text(line_index).replace('\t', "    ");
    let raw_line = source.line_text(line_index);
    let line_start = source.line_start(line_index);
    let prefix = raw_line
        .get(..d.span.start.saturating_sub(line_start).min(raw_line.len()))
        .unwrap_or("");
    let end_in_line = d
        .span
        .end
        .min(line_start + raw_line.len())
        .max(d.span.start);
    let marked = source.slice(crate::source::Span::new(d.span.start, end_in_line));
    let indent = prefix.replace('\t', "    ").width();
    let width = marked.replace('\t', "    ").width().max(1);
    let _ = writeln!(out, "{pad} {}", paint.gutter("|"));
    let _ = writeln!(
        out,
        "{} {} {}",
        paint.gutter(&line_no),
        paint.gutter("|"),
        line
    );
    let mut underline = format!("{}{}", " ".repeat(indent), "^".repeat(width));
    if let Some(label) = &d.label {
        underline.push(' ');
        underline.push_str(label);
    }
    let _ = writeln!(
        out,
        "{pad} {} {}",
        paint.gutter("|"),
        paint.severity(d.severity, &underline)
    );
    if d.help.is_some() || d.fix.is_some() {
        let _ = writeln!(out, "{pad} {}", paint.gutter("|"));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "{pad} {} {}",
            paint.gutter("="),
            format_args!("{} {help}", paint.bold("help:"))
        );
    }
    if let Some(fix) = &d.fix {
        let _ = writeln!(
            out,
            "{pad} {} {}",
            paint.gutter("="),
            format_args!("{} {}", paint.bold("fix:"), fix.message)
        );
    }
    out
}

/// Render every report and the summary line.
pub fn render(reports: &[FileReport], options: HumanOptions) -> String {
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            if d.severity == Severity::Note && !options.notes {
                continue;
            }
            out.push_str(&render_diagnostic(&report.source, d, options));
            out.push('\n');
        }
    }
    out.push_str(&summary_line(&Summary::of(reports), options));
    out.push('\n');
    out
}

/// "Checked 3 drafts: 1 error, 2 warnings, 4 notes."
pub fn summary_line(s: &Summary, options: HumanOptions) -> String {
    let paint = Paint { on: options.color };
    let drafts = plural(s.files, "draft");
    if s.errors == 0 && s.warnings == 0 && s.notes == 0 {
        return format!(
            "Checked {drafts}: {}",
            paint.wrap("1;32", "no problems found.")
        );
    }
    let mut parts = Vec::new();
    if s.errors > 0 {
        parts.push(paint.severity(Severity::Error, &plural(s.errors, "error")));
    }
    if s.warnings > 0 {
        parts.push(paint.severity(Severity::Warning, &plural(s.warnings, "warning")));
    }
    if s.notes > 0 {
        let notes = plural(s.notes, "note");
        parts.push(if options.notes {
            notes
        } else {
            format!("{notes} (shown with --notes)")
        });
    }
    format!("Checked {drafts}: {}.", parts.join(", "))
}
