//! `relkit allowances`: every exception to the rules in a set of drafts, as
//! a table for a reviewer or as JSON for tools.

use super::{Allowance, Origin, Status};
use crate::diagnostics::FileReport;
use crate::draft::date::Date;
use serde::Serialize;

/// One exception in one draft, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The draft it applies to.
    pub draft: String,
    /// Where it is written: `draft.md:12:1`, or `relkit.toml:30` for an
    /// `[[allow]]` entry.
    pub at: String,
    /// `relkit-allow`, `relkit-disable`, `relkit-disable-next-line` or `relkit.toml`.
    pub directive: &'static str,
    /// The rule.
    pub rule: &'static str,
    /// Why.
    pub reason: Option<String>,
    /// Who allowed it.
    pub by: Option<String>,
    /// The last day it applies.
    pub until: Option<String>,
    /// What became of it.
    pub status: Status,
    /// How many findings it silenced.
    pub silenced: usize,
}

impl Row {
    fn of(report: &FileReport, a: &Allowance) -> Row {
        let draft = report.source.name().to_string();
        let at = match &a.origin {
            Origin::Comment(span) => {
                let at = report.source.line_col(span.start);
                format!("{draft}:{}:{}", at.line, at.column)
            }
            Origin::Config { location, .. } => location.clone(),
        };
        Row {
            draft,
            at,
            directive: a.directive,
            rule: a.code,
            reason: a.reason.clone(),
            by: a.by.clone(),
            until: a.until.map(|d| d.to_string()),
            status: a.status,
            silenced: a.silenced,
        }
    }
}

/// The rows of `reports`, in report order; with `expires_before`, only the
/// signed exceptions whose last day is before that date.
pub fn rows(reports: &[FileReport], expires_before: Option<Date>) -> Vec<Row> {
    reports
        .iter()
        .flat_map(|r| r.allowances.iter().map(move |a| (r, a)))
        .filter(|(_, a)| match expires_before {
            Some(day) => a.until.is_some_and(|until| until < day),
            None => true,
        })
        .map(|(r, a)| Row::of(r, a))
        .collect()
}

/// A table: where, rule, status, until, by, reason; then a one-line count.
pub fn human(rows: &[Row], drafts: usize) -> String {
    let mut out = String::new();
    let width = |f: &dyn Fn(&Row) -> usize| rows.iter().map(f).max().unwrap_or(0);
    let at_w = width(&|r| r.at.chars().count()).max(5);
    let rule_w = width(&|r| r.rule.len()).max(4);
    let status_w = width(&|r| r.status.label().len()).max(6);
    let until_w = width(&|r| r.until.as_deref().map_or(1, str::len)).max(5);
    let by_w = width(&|r| r.by.as_deref().map_or(1, |b| b.chars().count())).max(2);
    for r in rows {
        let reason = match (&r.reason, r.directive) {
            (Some(reason), "relkit.toml") => format!("{reason} (relkit.toml, for {})", r.draft),
            (Some(reason), _) => reason.clone(),
            (None, "relkit-allow") => "(no reason given)".to_string(),
            (None, directive) => format!("(unsigned `{directive}` comment)"),
        };
        let line = format!(
            "{:<at_w$}  {:<rule_w$}  {:<status_w$}  {:<until_w$}  {:<by_w$}  {}",
            r.at,
            r.rule,
            r.status.label(),
            r.until.as_deref().unwrap_or("-"),
            r.by.as_deref().unwrap_or("-"),
            reason,
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
    let mut parts = vec![format!("{} used", count(Status::Used))];
    for (status, label) in [
        (Status::Unused, "unused"),
        (Status::Expired, "expired"),
        (Status::Incomplete, "incomplete"),
        (Status::Forbidden, "forbidden"),
        (Status::RuleOff, "for rules switched off"),
    ] {
        let n = count(status);
        if n > 0 {
            parts.push(format!("{n} {label}"));
        }
    }
    let unsigned = rows.iter().filter(|r| r.by.is_none()).count();
    if unsigned > 0 {
        parts.push(format!("{unsigned} unsigned"));
    }
    out.push_str(&format!(
        "{} {} in {} {}: {}.\n",
        rows.len(),
        if rows.len() == 1 {
            "exception"
        } else {
            "exceptions"
        },
        drafts,
        if drafts == 1 { "draft" } else { "drafts" },
        parts.join(", ")
    ));
    out
}

/// `{"version":1,"allowances":[…]}` with a final newline.
pub fn json(rows: &[Row]) -> String {
    #[derive(Serialize)]
    struct Listing<'a> {
        version: u32,
        allowances: &'a [Row],
    }
    let mut text = serde_json::to_string_pretty(&Listing {
        version: 1,
        allowances: rows,
    })
    .unwrap_or_default();
    text.push('\n');
    text
}
