//! Exceptions to the rules, and the record of every one of them.
//!
//! In a draft:
//! * `<!-- relkit-allow CODE reason="…" by="…" until=YYYY-MM-DD -->` — a
//!   signed, expiring exception for the next block (or for the line it ends).
//!   Without a reason, an author or a valid date it is `FMT008`; once its
//!   date has passed it silences nothing and is `FMT009`; when the rule no
//!   longer reports anything there it is `FMT010` (all errors).
//! * `<!-- relkit-disable CODE -->` … `<!-- relkit-enable CODE -->` and
//!   `<!-- relkit-disable-next-line CODE -->` — quick, unsigned exceptions
//!   for writers; unused ones are `FMT006`, malformed ones `FMT007`.
//!
//! Compliance-critical rules ([`rules::FORBIDDEN_INLINE`]) cannot be
//! silenced by any comment (`FMT011`): only a `[[allow]]` entry of
//! `relkit.toml`, which is reviewed with the pull request, can allow them.
//!
//! [`apply`] removes what is allowed and returns an [`Allowance`] record for
//! every exception, used or not, for `relkit allowances` and the build
//! attestation.

pub mod directive;
pub mod listing;

use crate::config::{AllowancePolicy, ConfigAllowance};
use crate::diagnostics::{Diagnostic, Fix};
use crate::draft::date::Date;
use crate::model::Document;
use crate::rules::{
    self, fmt006_unused_suppression, fmt007_invalid_suppression, fmt008_incomplete_allowance,
    fmt009_expired_allowance, fmt010_unused_allowance, fmt011_forbidden_suppression,
};
use crate::source::Span;
use crate::suggest;
use directive::Kind;
use std::path::PathBuf;

/// What became of one exception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// It silenced at least one finding.
    Used,
    /// The rule reports nothing where it applies.
    Unused,
    /// Its `until` date has passed; it silences nothing.
    Expired,
    /// It lacks a reason, an author or a valid date; it silences nothing.
    Incomplete,
    /// It names a rule that no comment can silence; it silences nothing.
    Forbidden,
    /// The rule is switched off in `relkit.toml`, so there is nothing to allow.
    RuleOff,
}

impl Status {
    /// As shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Status::Used => "used",
            Status::Unused => "unused",
            Status::Expired => "expired",
            Status::Incomplete => "incomplete",
            Status::Forbidden => "forbidden",
            Status::RuleOff => "rule off",
        }
    }
}

/// Where an exception was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A comment in the draft.
    Comment(Span),
    /// An `[[allow]]` entry of `relkit.toml`, at this line.
    Config {
        /// The configuration file.
        path: PathBuf,
        /// The entry's line (1-based).
        line: usize,
        /// `relkit.toml:12`, relative to the current folder when inside it.
        location: String,
    },
}

/// One exception to one rule, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowance {
    /// Where it was written.
    pub origin: Origin,
    /// `relkit-allow`, `relkit-disable`, `relkit-disable-next-line` or `relkit.toml`.
    pub directive: &'static str,
    /// The rule it is for.
    pub code: &'static str,
    /// Why the finding is acceptable.
    pub reason: Option<String>,
    /// Who allowed it.
    pub by: Option<String>,
    /// The last day it applies.
    pub until: Option<Date>,
    /// What became of it.
    pub status: Status,
    /// How many findings it silenced.
    pub silenced: usize,
}

/// What [`apply`] needs besides the draft and its findings.
pub struct Context<'a> {
    /// Whether `relkit.toml` switches a rule off.
    pub is_off: &'a dyn Fn(&str) -> bool,
    /// The day expiry dates are judged by.
    pub today: Date,
    /// The `[[allow]]` entries of `relkit.toml` that name this draft.
    pub config_allowances: &'a [&'a ConfigAllowance],
    /// The project's policy (`[allowances]` in relkit.toml).
    pub policy: AllowancePolicy,
}

/// A stretch of the draft where one rule is silenced by one comment.
#[derive(Debug)]
struct Region {
    code: &'static str,
    kind: Kind,
    /// Byte range of the draft where the code is silenced.
    range: Span,
    /// The comment that made it.
    comment: Span,
    /// Index of its record in the allowance list.
    record: usize,
}

/// Remove the findings that exceptions allow, add the findings about the
/// exceptions themselves (`FMT006`–`FMT011`), and return the record of
/// every exception.
pub fn apply(doc: &Document, diags: &mut Vec<Diagnostic>, cx: &Context<'_>) -> Vec<Allowance> {
    let mut records: Vec<Allowance> = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    apply_config(cx, diags, &mut records, &mut problems);

    let mut regions: Vec<Region> = Vec::new();
    let mut open: Vec<(&'static str, usize, Span, usize)> = Vec::new();
    for comment in &doc.comments {
        let kind = match directive::kind_of(&comment.body) {
            Ok(Some(kind)) => kind,
            Ok(None) => continue,
            Err(word) => {
                problems.push(
                    Diagnostic::new(
                        &fmt007_invalid_suppression::RULE,
                        comment.span,
                        format!("`{word}` is not a relkit directive"),
                    )
                    .with_help(suggest::did_you_mean(&word, directive::WORDS)),
                );
                continue;
            }
        };
        let parsed = directive::parse(kind, &comment.body);
        let reported_before = problems.len();
        for (word, hint) in &parsed.unknown_codes {
            problems.push(
                Diagnostic::new(
                    &fmt007_invalid_suppression::RULE,
                    comment.span,
                    if word.ends_with('=') {
                        format!("`{}` takes no `{word}` field", kind.word())
                    } else {
                        format!("`{word}` is not a relkit rule code")
                    },
                )
                .with_help(if hint.is_empty() {
                    "run `relkit rules` to list the codes".to_string()
                } else {
                    hint.clone()
                }),
            );
        }
        let record = |code: &'static str, status: Status| Allowance {
            origin: Origin::Comment(comment.span),
            directive: kind.word(),
            code,
            reason: parsed.reason.clone(),
            by: parsed.by.clone(),
            until: parsed.until,
            status,
            silenced: 0,
        };
        let mut codes = Vec::new();
        for &code in &parsed.codes {
            if rules::UNSUPPRESSIBLE.contains(&code) {
                problems.push(
                    Diagnostic::new(
                        &fmt007_invalid_suppression::RULE,
                        comment.span,
                        format!("`{code}` cannot be suppressed"),
                    )
                    .with_help("fix the suppression comment instead"),
                );
            } else if rules::is_forbidden_inline(code) && kind != Kind::Enable {
                problems.push(forbidden(code, kind, comment.span));
                records.push(record(code, Status::Forbidden));
            } else {
                codes.push(code);
            }
        }
        if codes.is_empty() {
            if problems.len() == reported_before && parsed.codes.is_empty() {
                problems.push(
                    Diagnostic::new(&fmt007_invalid_suppression::RULE, comment.span, format!("`{}` names no rule", kind.word()))
                        .with_help(format!("name the rule to silence, e.g. `<!-- {} FIG001 -->`; relkit never silences every rule at once", kind.word())),
                );
            }
            continue;
        }
        if cx.policy.require_signed && matches!(kind, Kind::Disable | Kind::NextLine) {
            problems.push(
                Diagnostic::new(
                    &fmt008_incomplete_allowance::RULE,
                    comment.span,
                    format!(
                        "this project requires signed exceptions (relkit.toml [allowances] require_signed), so this `{}` comment silences nothing",
                        kind.word()
                    ),
                )
                .with_help(format!(
                    "write `<!-- relkit-allow {} reason=\"…\" by=\"…\" until=YYYY-MM-DD -->` instead, saying why, who allowed it and until when",
                    codes.join(", ")
                )),
            );
            for code in codes {
                records.push(record(code, Status::Incomplete));
            }
            continue;
        }
        // Where the exception applies (a `relkit-disable` region is known
        // only at its `relkit-enable`).
        let range = match kind {
            Kind::Allow => {
                let too_long = cx
                    .policy
                    .max_days
                    .zip(parsed.until)
                    .and_then(|(days, until)| {
                        let limit = i64::from(days);
                        (until.days_since_epoch() - cx.today.days_since_epoch() > limit).then(
                            || Date::from_days_since_epoch(cx.today.days_since_epoch() + limit),
                        )
                    });
                if let Some(latest) = too_long {
                    problems.push(
                        Diagnostic::new(
                            &fmt008_incomplete_allowance::RULE,
                            comment.span,
                            format!(
                                "this allowance runs until {}, longer than the {} days this project allows (relkit.toml [allowances] max_days); it silences nothing",
                                parsed.until.map(|d| d.to_string()).unwrap_or_default(),
                                cx.policy.max_days.unwrap_or(0)
                            ),
                        )
                        .with_help(format!("give it an `until` date no later than {latest}, and review it again then")),
                    );
                    for code in codes {
                        records.push(record(code, Status::Incomplete));
                    }
                    continue;
                }
                if !parsed.is_complete() {
                    problems.push(incomplete(&parsed, comment.span));
                    for code in codes {
                        records.push(record(code, Status::Incomplete));
                    }
                    continue;
                }
                if let Some(until) = parsed.until.filter(|until| *until < cx.today) {
                    problems.push(expired_comment(&codes, until, comment.span));
                    for code in codes {
                        records.push(record(code, Status::Expired));
                    }
                    continue;
                }
                block_after(doc, comment.span)
            }
            Kind::NextLine => next_line(doc, comment.span),
            Kind::Disable => {
                for code in codes {
                    open.push((code, comment.span.end, comment.span, records.len()));
                    records.push(record(code, Status::Unused));
                }
                continue;
            }
            Kind::Enable => {
                for code in codes {
                    match open.iter().rposition(|(c, ..)| *c == code) {
                        Some(i) => {
                            let (code, start, made_by, record) = open.remove(i);
                            regions.push(Region { code, kind: Kind::Disable, range: Span::new(start, comment.span.start), comment: made_by, record });
                        }
                        None => problems.push(
                            Diagnostic::new(&fmt007_invalid_suppression::RULE, comment.span, format!("`relkit-enable {code}` has no matching `relkit-disable {code}` before it"))
                                .with_help("remove it, or add the `relkit-disable` comment where the exception starts"),
                        ),
                    }
                }
                continue;
            }
        };
        for code in codes {
            regions.push(Region {
                code,
                kind,
                range,
                comment: comment.span,
                record: records.len(),
            });
            records.push(record(code, Status::Unused));
        }
    }
    for (code, start, made_by, record) in open {
        regions.push(Region {
            code,
            kind: Kind::Disable,
            range: Span::new(start, doc.source.text().len()),
            comment: made_by,
            record,
        });
    }

    diags.retain(|d| {
        if rules::UNSUPPRESSIBLE.contains(&d.code) {
            return true;
        }
        let mut keep = true;
        for r in regions.iter().filter(|r| r.code == d.code) {
            let inside = d.span.start >= r.range.start
                && (d.span.start < r.range.end
                    || (r.range.is_empty() && d.span.start == r.range.start));
            if inside {
                if let Some(rec) = records.get_mut(r.record) {
                    rec.silenced += 1;
                    rec.status = Status::Used;
                }
                keep = false;
            }
        }
        keep
    });

    for rec in &mut records {
        if rec.status == Status::Unused && (cx.is_off)(rec.code) {
            rec.status = Status::RuleOff;
        }
    }
    report_unused(doc, &regions, &records, &mut problems);
    diags.extend(problems);
    records.sort_by_key(|r| match &r.origin {
        Origin::Config { line, .. } => (0, *line, r.code),
        Origin::Comment(span) => (1, span.start, r.code),
    });
    records
}

/// Apply the `[[allow]]` entries of `relkit.toml` that name this draft.
fn apply_config(
    cx: &Context<'_>,
    diags: &mut Vec<Diagnostic>,
    records: &mut Vec<Allowance>,
    problems: &mut Vec<Diagnostic>,
) {
    for entry in cx.config_allowances {
        let mut record = Allowance {
            origin: Origin::Config {
                path: entry.path.clone(),
                line: entry.line,
                location: entry.location(),
            },
            directive: "relkit.toml",
            code: entry.code,
            reason: Some(entry.reason.clone()),
            by: Some(entry.by.clone()),
            until: Some(entry.until),
            status: Status::Unused,
            silenced: 0,
        };
        if entry.until < cx.today {
            record.status = Status::Expired;
            problems.push(
                Diagnostic::new(
                    &fmt009_expired_allowance::RULE,
                    Span::point(0),
                    format!(
                        "{} allowed `{}` in this draft until {}, which has passed; its findings are reported again",
                        entry.location(),
                        entry.code,
                        entry.until
                    ),
                )
                .with_help(format!(
                    "fix what `{}` reports, or have the reviewer ({}) renew the entry with a new `until` date in relkit.toml",
                    entry.code, entry.by
                )),
            );
        } else {
            let before = diags.len();
            diags.retain(|d| d.code != entry.code);
            record.silenced = before - diags.len();
            record.status = if record.silenced > 0 {
                Status::Used
            } else if (cx.is_off)(entry.code) {
                Status::RuleOff
            } else {
                Status::Unused
            };
        }
        records.push(record);
    }
}

/// `FMT006` for unused quick suppressions, `FMT010` for unused allowances.
fn report_unused(
    doc: &Document,
    regions: &[Region],
    records: &[Allowance],
    problems: &mut Vec<Diagnostic>,
) {
    let status = |r: &Region| records.get(r.record).map(|rec| rec.status);
    let mut reported: Vec<Span> = Vec::new();
    for r in regions {
        if status(r) != Some(Status::Unused) {
            continue;
        }
        // One comment may name several rules; it is removed by the fix only
        // when none of them is used.
        let whole_comment_unused = regions
            .iter()
            .filter(|o| o.comment == r.comment)
            .all(|o| status(o) != Some(Status::Used));
        if reported.contains(&r.comment) && whole_comment_unused {
            continue;
        }
        let mut d = if r.kind == Kind::Allow {
            let rec = records.get(r.record);
            Diagnostic::new(
                &fmt010_unused_allowance::RULE,
                r.comment,
                format!(
                    "this allowance of `{}`{} is unused: `{}` reports nothing here",
                    r.code,
                    rec.and_then(|rec| rec.by.as_ref())
                        .map(|by| format!(" (by {by})"))
                        .unwrap_or_default(),
                    r.code
                ),
            )
            .with_help("remove it: an exception that is no longer needed must not stay in the release, where it would hide a future finding nobody reviewed")
        } else {
            Diagnostic::new(
                &fmt006_unused_suppression::RULE,
                r.comment,
                format!(
                    "this comment silences `{}`, but `{}` reports nothing here",
                    r.code, r.code
                ),
            )
            .with_help("remove the comment, so that a future finding is not hidden by it")
        };
        if whole_comment_unused {
            d = d.with_fix(Fix::replace(
                if r.kind == Kind::Allow {
                    "remove the unused allowance"
                } else {
                    "remove the unused suppression comment"
                },
                line_of(doc, r.comment),
                "",
            ));
            reported.push(r.comment);
        }
        problems.push(d);
    }
}

/// `FMT011`: a comment that tries to silence a forbidden rule.
fn forbidden(code: &'static str, kind: Kind, comment: Span) -> Diagnostic {
    Diagnostic::new(
        &fmt011_forbidden_suppression::RULE,
        comment,
        format!(
            "`{code}` is a compliance rule that no comment in the draft can silence; the finding stays"
        ),
    )
    .with_help(format!(
        "fix what `{code}` reports; if legal accepts it, add a signed `[[allow]]` entry for `{code}` to relkit.toml (rule, files, reason, by, until), which is reviewed with the pull request, and remove this `{}` comment",
        kind.word()
    ))
}

/// `FMT008`: an allowance without everything it must carry.
fn incomplete(parsed: &directive::Parsed, comment: Span) -> Diagnostic {
    let mut problems = parsed.field_problems.clone();
    problems.dedup();
    Diagnostic::new(
        &fmt008_incomplete_allowance::RULE,
        comment,
        format!(
            "this allowance silences nothing: {}",
            problems.join("; ")
        ),
    )
    .with_help("an allowance must say why, who allowed it and until when, e.g. `<!-- relkit-allow FX004 reason=\"guidance shown in yen only\" by=\"legal:KT\" until=2027-03-31 -->`")
}

/// `FMT009`: an allowance comment whose date has passed.
fn expired_comment(codes: &[&'static str], until: Date, comment: Span) -> Diagnostic {
    let names = codes
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::new(
        &fmt009_expired_allowance::RULE,
        comment,
        format!(
            "this allowance of {names} expired on {until}; the findings it silenced are reported again"
        ),
    )
    .with_help("fix what the rule reports, or have the reviewer renew the allowance with a new `until` date")
}

/// Where a `relkit-allow` applies: the line it ends when text comes before
/// it on that line; otherwise the next block — the following non-blank
/// lines up to a blank line, or a whole fenced code block.
fn block_after(doc: &Document, comment: Span) -> Span {
    let source = &doc.source;
    let blank = |line: usize| source.line_text(line).trim().is_empty();
    let comment_line = source.line_index(comment.start);
    let line_start = source.line_start(comment_line);
    if !source
        .slice(Span::new(line_start, comment.start))
        .trim()
        .is_empty()
    {
        let end = source.line_start(comment_line + 1);
        return Span::new(line_start, end.max(line_start));
    }
    let end_line = source.line_index(comment.end);
    let end_of_line = source.line_start(end_line + 1).max(comment.end);
    let (start, first) = if source
        .slice(Span::new(comment.end, end_of_line))
        .trim()
        .is_empty()
    {
        let mut first = end_line + 1;
        while first < source.line_count() && blank(first) {
            first += 1;
        }
        (source.line_start(first), first)
    } else {
        (comment.end, end_line)
    };
    let opening = source.line_text(first).trim_start();
    let fence = ["```", "~~~"].into_iter().find(|f| opening.starts_with(f));
    let mut last = first;
    if let Some(fence) = fence {
        last += 1;
        while last < source.line_count() && !source.line_text(last).trim_start().starts_with(fence)
        {
            last += 1;
        }
    } else {
        while last + 1 < source.line_count() && !blank(last + 1) {
            last += 1;
        }
    }
    let end = source.line_start(last + 1);
    Span::new(start, end.max(start))
}

/// Where a `relkit-disable-next-line` applies: the next non-blank line.
fn next_line(doc: &Document, comment: Span) -> Span {
    let source = &doc.source;
    let line = source.line_index(comment.end);
    let mut next = line + 1;
    while next < source.line_count() && source.line_text(next).trim().is_empty() {
        next += 1;
    }
    let start = source.line_start(next);
    let end = source.line_start(next + 1);
    Span::new(start, end.max(start))
}

/// The comment's span, widened to its whole line when nothing else is on it.
fn line_of(doc: &Document, span: Span) -> Span {
    let source = &doc.source;
    let line = source.line_index(span.start);
    let start = source.line_start(line);
    let end = source.line_start(line + 1);
    if source.slice(Span::new(start, end)).trim() == source.slice(span).trim() {
        Span::new(start, end)
    } else {
        span
    }
}
