//! `DIS003` unknown-disclaimer: the front matter lists a disclaimer id that
//! the disclaimer library (bundled texts plus the project's own folder) does
//! not have.

use crate::diagnostics::{Diagnostic, Fix, Severity};
use crate::model::Document;
use crate::rules::RuleInfo;
use crate::suggest;

/// `DIS003`: a disclaimer id that is not in the library.
pub static RULE: RuleInfo = RuleInfo {
    code: "DIS003",
    name: "unknown-disclaimer",
    summary: "The front matter lists a disclaimer that is not in the disclaimer library.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/DIS003.md"),
    check: Some(check),
};

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(fm) = &doc.front_matter else { return };
    let library = doc.library();
    for id in &fm.disclaimers {
        if library.contains(&id.value) {
            continue;
        }
        let ids = library.ids();
        let mut d = Diagnostic::new(
            &RULE,
            id.span,
            format!("there is no disclaimer `{}` in the library", id.value),
        );
        match suggest::nearest(&id.value, ids.iter().copied()) {
            Some(better) => {
                d = d
                    .with_help(format!("did you mean `{better}`?"))
                    .with_fix(Fix::replace(format!("use `{better}`"), id.span, better));
            }
            None => {
                d = d.with_help(format!(
                    "the library has: {}; legal can add approved texts to the folder named by `[paths] disclaimers` in relkit.toml",
                    ids.join(", ")
                ));
            }
        }
        out.push(d);
    }
}
