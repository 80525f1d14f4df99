//! `DIS005` superseded-disclaimer: a disclaimer pasted into the release is
//! an earlier approved version of a library entry that legal has since
//! replaced. The fix puts in the current approved text.

use crate::diagnostics::{Diagnostic, Fix, Severity};
use crate::legend::Legends;
use crate::model::Document;
use crate::rules::RuleInfo;

/// `DIS005`: a pasted disclaimer is a superseded version.
pub static RULE: RuleInfo = RuleInfo {
    code: "DIS005",
    name: "superseded-disclaimer",
    summary: "A pasted disclaimer is an earlier approved version that legal has since replaced.",
    default_severity: Severity::Warning,
    doc: include_str!("../../book/src/rules/DIS005.md"),
    check: Some(check),
};

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let legends = Legends::shared(doc);
    for pasted in &legends.pasted {
        let Some(current) = &pasted.current else {
            continue;
        };
        let old = &pasted.disclaimer;
        let since = current
            .effective
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        let edited = if pasted.is_verbatim() {
            ""
        } else {
            ", with edits,"
        };
        let mut finding = Diagnostic::new(
                &RULE,
                pasted.span,
                format!(
                    "this is version {} of the approved `{}` text{edited} which version {} replaced{since}",
                    old.version, old.id, current.version
                ),
            )
            .with_help(format!(
                "replace it with the current approved text (version {}), or list `{}` under `disclaimers:` and remove the pasted text, so that the release always carries the version legal approves now",
                current.version, current.id
            ));
        // The current text can be put in only when the draft gives what it
        // needs (company, risk factors, …).
        if let Some(text) = &pasted.approved_current {
            finding = finding.with_fix(Fix::replace(
                format!(
                    "replace it with `{}` version {}",
                    current.id, current.version
                ),
                pasted.span,
                text.clone(),
            ));
        }
        out.push(finding);
    }
}
