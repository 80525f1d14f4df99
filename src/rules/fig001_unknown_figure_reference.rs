//! `FIG001` unknown-figure-reference: a `{{ figure.period }}` reference that
//! names a figure, period or option the figures block does not have.

use crate::diagnostics::{Diagnostic, Fix, Severity};
use crate::model::Document;
use crate::rules::RuleInfo;

/// `FIG001`: a figure reference that cannot be resolved.
pub static RULE: RuleInfo = RuleInfo {
    code: "FIG001",
    name: "unknown-figure-reference",
    summary: "A figure reference names a figure, period or option the figures block does not have.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/FIG001.md"),
    check: Some(check),
};

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    for reference in &doc.references {
        let Err(problem) = &reference.resolved else {
            continue;
        };
        let mut d = Diagnostic::new(&RULE, reference.span, problem.message.clone());
        if let Some(help) = &problem.help {
            d = d.with_help(help.clone());
        }
        if let Some(replacement) = &problem.replacement {
            d = d.with_fix(Fix::replace(
                format!("write `{{{{{replacement}}}}}`"),
                reference.span,
                format!("{{{{{replacement}}}}}"),
            ));
        }
        out.push(d);
    }
}
