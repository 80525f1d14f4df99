//! Diagnostics: what a rule found, where, how bad it is and how to fix it,
//! plus the renderers that turn them into human, JSON, SARIF and GitHub output.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::rules::RuleInfo;
use crate::source::{SourceFile, Span};
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks a build; `relkit lint` exits 1.
    Error,
    /// Should be looked at; fails only with `--deny-warnings`.
    Warning,
    /// Information, such as each forward-looking sentence found.
    Note,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One replacement of source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes to replace (empty for an insertion).
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A suggested fix: one or more edits with a short description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What applying the fix does, for example "replace `tite` with `title`".
    pub message: String,
    /// The edits, in source order, not overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix made of a single replacement.
    pub fn replace(message: impl Into<String>, span: Span, replacement: impl Into<String>) -> Self {
        Fix {
            message: message.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }
}

/// A finding of one rule at one place of one draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's stable code, such as `FMT003`.
    pub code: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The primary span.
    pub span: Span,
    /// A short label printed under the underlined span.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// An automatic fix, when one is safe.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `rule` with the rule's default severity.
    pub fn new(rule: &RuleInfo, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code: rule.code,
            severity: rule.default_severity,
            message: message.into(),
            span,
            label: None,
            help: None,
            fix: None,
        }
    }

    /// Add a label under the span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Add help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Add a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// All diagnostics of one draft, with the draft's text for rendering.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The draft.
    pub source: SourceFile,
    /// Findings sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// Every exception to the rules (allowance, suppression comment or
    /// `relkit.toml` entry) that applies to the draft, used or not.
    pub allowances: Vec<crate::suppress::Allowance>,
}

impl FileReport {
    /// Count the findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Totals over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Number of drafts checked.
    pub files: usize,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of notes.
    pub notes: usize,
}

impl Summary {
    /// Add up the findings of `reports`.
    pub fn of(reports: &[FileReport]) -> Self {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            s.errors += r.count(Severity::Error);
            s.warnings += r.count(Severity::Warning);
            s.notes += r.count(Severity::Note);
        }
        s
    }
}

/// Pluralise a count: `plural(1, "error")` is "1 error", `plural(2, …)` "2 errors".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
