//! Inline suppression comments:
//! `<!-- relkit-disable CODE … -->` … `<!-- relkit-enable CODE … -->` and
//! `<!-- relkit-disable-next-line CODE … -->`. A comment that silences
//! nothing is reported (`FMT006`), one that names no rule or an unknown rule
//! is an error (`FMT007`).

use crate::diagnostics::{Diagnostic, Fix};
use crate::model::Document;
use crate::rules::{self, fmt006_unused_suppression, fmt007_invalid_suppression};
use crate::source::Span;
use crate::suggest;

/// Codes that cannot be suppressed inline (they report on suppression itself).
const UNSUPPRESSIBLE: &[&str] = &["FMT006", "FMT007"];

#[derive(Debug)]
struct Region {
    code: &'static str,
    /// Byte range of the draft where the code is silenced.
    range: Span,
    /// The comment that made it.
    comment: Span,
    used: bool,
}

/// Remove suppressed diagnostics and add `FMT006`/`FMT007` findings.
/// `is_off` tells whether a rule is switched off by configuration (its
/// suppressions are then not reported as unused).
pub fn apply(doc: &Document, diags: &mut Vec<Diagnostic>, is_off: &dyn Fn(&str) -> bool) {
    let source = &doc.source;
    let mut regions: Vec<Region> = Vec::new();
    let mut open: Vec<(&'static str, usize, Span)> = Vec::new();
    let mut problems = Vec::new();
    for comment in &doc.comments {
        let mut words = comment
            .body
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        let Some(directive) = words.next() else {
            continue;
        };
        let kind = match directive {
            "relkit-disable" => Directive::Disable,
            "relkit-enable" => Directive::Enable,
            "relkit-disable-next-line" => Directive::NextLine,
            other if other.starts_with("relkit-") => {
                problems.push(
                    Diagnostic::new(
                        &fmt007_invalid_suppression::RULE,
                        comment.span,
                        format!("`{other}` is not a relkit directive"),
                    )
                    .with_help(suggest::did_you_mean(
                        other,
                        [
                            "relkit-disable",
                            "relkit-enable",
                            "relkit-disable-next-line",
                        ],
                    )),
                );
                continue;
            }
            _ => continue,
        };
        let mut codes = Vec::new();
        for word in words {
            match rules::find(word) {
                Some(rule) if UNSUPPRESSIBLE.contains(&rule.code) => problems.push(
                    Diagnostic::new(
                        &fmt007_invalid_suppression::RULE,
                        comment.span,
                        format!("`{}` cannot be suppressed", rule.code),
                    )
                    .with_help("fix the suppression comment instead"),
                ),
                Some(rule) => codes.push(rule.code),
                None => {
                    let hint = suggest::did_you_mean(word, rules::RULES.iter().map(|r| r.code));
                    problems.push(
                        Diagnostic::new(
                            &fmt007_invalid_suppression::RULE,
                            comment.span,
                            format!("`{word}` is not a relkit rule code"),
                        )
                        .with_help(if hint.is_empty() {
                            "run `relkit rules` to list the codes".to_string()
                        } else {
                            hint
                        }),
                    );
                }
            }
        }
        if codes.is_empty() {
            if !problems.iter().any(|p| p.span == comment.span) {
                problems.push(
                    Diagnostic::new(&fmt007_invalid_suppression::RULE, comment.span, format!("`{directive}` names no rule"))
                        .with_help(format!("name the rule to silence, e.g. `<!-- {directive} FIG001 -->`; relkit never silences every rule at once")),
                );
            }
            continue;
        }
        match kind {
            Directive::Disable => {
                for code in codes {
                    open.push((code, comment.span.end, comment.span));
                }
            }
            Directive::Enable => {
                for code in codes {
                    match open.iter().rposition(|(c, _, _)| *c == code) {
                        Some(i) => {
                            let (code, start, made_by) = open.remove(i);
                            regions.push(Region { code, range: Span::new(start, comment.span.start), comment: made_by, used: false });
                        }
                        None => problems.push(
                            Diagnostic::new(&fmt007_invalid_suppression::RULE, comment.span, format!("`relkit-enable {code}` has no matching `relkit-disable {code}` before it"))
                                .with_help("remove it, or add the `relkit-disable` comment where the exception starts"),
                        ),
                    }
                }
            }
            Directive::NextLine => {
                let line = source.line_index(comment.span.end);
                let mut next = line + 1;
                while next < source.line_count() && source.line_text(next).trim().is_empty() {
                    next += 1;
                }
                let start = source.line_start(next);
                let end = source.line_start(next + 1);
                for code in codes {
                    regions.push(Region {
                        code,
                        range: Span::new(start, end.max(start)),
                        comment: comment.span,
                        used: false,
                    });
                }
            }
        }
    }
    for (code, start, made_by) in open {
        regions.push(Region {
            code,
            range: Span::new(start, source.text().len()),
            comment: made_by,
            used: false,
        });
    }

    diags.retain(|d| {
        if UNSUPPRESSIBLE.contains(&d.code) {
            return true;
        }
        let mut keep = true;
        for r in regions.iter_mut().filter(|r| r.code == d.code) {
            let inside = d.span.start >= r.range.start
                && (d.span.start < r.range.end
                    || (r.range.is_empty() && d.span.start == r.range.start));
            if inside {
                r.used = true;
                keep = false;
            }
        }
        keep
    });

    let mut reported: Vec<Span> = Vec::new();
    for r in &regions {
        if r.used
            || is_off(r.code)
            || regions
                .iter()
                .any(|o| o.comment == r.comment && o.used && o.code == r.code)
        {
            continue;
        }
        if reported.contains(&r.comment)
            && regions
                .iter()
                .filter(|o| o.comment == r.comment)
                .all(|o| !o.used)
        {
            continue;
        }
        let whole_comment_unused = regions
            .iter()
            .filter(|o| o.comment == r.comment)
            .all(|o| !o.used);
        let mut d = Diagnostic::new(
            &fmt006_unused_suppression::RULE,
            r.comment,
            format!(
                "this comment silences `{}`, but `{}` reports nothing here",
                r.code, r.code
            ),
        )
        .with_help("remove the comment, so that a future finding is not hidden by it");
        if whole_comment_unused {
            d = d.with_fix(Fix::replace(
                "remove the unused suppression comment",
                line_of(doc, r.comment),
                "",
            ));
            reported.push(r.comment);
        }
        problems.push(d);
    }
    diags.extend(problems);
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

enum Directive {
    Disable,
    Enable,
    NextLine,
}
