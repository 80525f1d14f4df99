//! What changed between two lints of the same draft, for `relkit watch`,
//! which prints only the findings that are new and the ones that are fixed.
//!
//! Findings are compared by rule code, severity, message and the text of
//! their line, not by line number: adding a paragraph above a finding moves
//! it, and a moved finding is neither new nor fixed.

use crate::diagnostics::{FileReport, Severity};
use std::collections::HashMap;

/// One finding, as `relkit watch` compares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule code.
    pub code: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The 1-based line it was on.
    pub line: usize,
    /// The text of that line, trimmed.
    pub line_text: String,
}

impl Finding {
    fn key(&self) -> (&'static str, Severity, &str, &str) {
        (self.code, self.severity, &self.message, &self.line_text)
    }
}

/// The findings of a report, notes only when `notes` is set.
pub fn findings(report: &FileReport, notes: bool) -> Vec<Finding> {
    report
        .diagnostics
        .iter()
        .filter(|d| notes || d.severity != Severity::Note)
        .map(|d| {
            let at = report.source.line_col(d.span.start);
            Finding {
                code: d.code,
                severity: d.severity,
                message: d.message.clone(),
                line: at.line,
                line_text: report
                    .source
                    .line_text(at.line.saturating_sub(1))
                    .trim()
                    .to_string(),
            }
        })
        .collect()
}

/// The difference between two runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Positions in `current` of the findings that were not there before.
    pub new: Vec<usize>,
    /// The findings of `previous` that are gone.
    pub fixed: Vec<Finding>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.fixed.is_empty()
    }
}

/// Compare two runs' findings. A finding that occurs twice and then once is
/// fixed once.
pub fn compare(previous: &[Finding], current: &[Finding]) -> Changes {
    let mut before: HashMap<_, usize> = HashMap::new();
    for f in previous {
        *before.entry(f.key()).or_default() += 1;
    }
    let mut changes = Changes::default();
    for (i, f) in current.iter().enumerate() {
        match before.get_mut(&f.key()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => changes.new.push(i),
        }
    }
    let mut now: HashMap<_, usize> = HashMap::new();
    for f in current {
        *now.entry(f.key()).or_default() += 1;
    }
    for f in previous {
        match now.get_mut(&f.key()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => changes.fixed.push(f.clone()),
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &'static str, line: usize, text: &str) -> Finding {
        Finding {
            code,
            severity: Severity::Error,
            message: format!("{code} message"),
            line,
            line_text: text.into(),
        }
    }

    #[test]
    fn moved_findings_are_unchanged_and_duplicates_count() {
        let before = [
            finding("FLS001", 3, "We expect growth."),
            finding("FIG001", 5, "{{ x }}"),
            finding("FIG001", 9, "{{ x }}"),
        ];
        let after = [
            finding("FLS001", 4, "We expect growth."),
            finding("FIG001", 10, "{{ x }}"),
            finding("FX001", 12, "$1"),
        ];
        let c = compare(&before, &after);
        assert_eq!(c.new, [2]);
        assert_eq!(c.fixed, [finding("FIG001", 9, "{{ x }}")]);
        assert!(compare(&after, &after).is_empty());
    }
}
