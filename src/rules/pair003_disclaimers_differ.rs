//! `PAIR003` disclaimers-differ: the two versions of a bilingual release do
//! not carry the same approved legal texts — one lists (or pastes) a
//! disclaimer the other lacks, or they carry different approved versions of
//! the same text.

use crate::diagnostics::{Diagnostic, Severity};
use crate::legend::{self, Legends};
use crate::model::Document;
use crate::pair::{self, Pair, Side};
use crate::rules::RuleInfo;
use crate::source::Span;

/// `PAIR003`: the pair's disclaimers disagree.
pub static RULE: RuleInfo = RuleInfo {
    code: "PAIR003",
    name: "disclaimers-differ",
    summary: "The English and Japanese versions do not carry the same disclaimers, or carry different versions of one.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/PAIR003.md"),
    check: None,
};

/// An approved text a draft carries.
struct Carried {
    /// The library id.
    id: String,
    /// The version of the text the draft gets (`None` for an id the library lacks).
    version: Option<String>,
    /// The id in the front matter, or the pasted text.
    span: Span,
    /// Whether it is pasted into the body rather than listed.
    pasted: bool,
}

/// Every approved text of a draft: listed in the front matter (in order),
/// then pasted into the body.
fn carried(doc: &Document) -> Vec<Carried> {
    let mut out: Vec<Carried> = Vec::new();
    if let Some(fm) = &doc.front_matter {
        for id in &fm.disclaimers {
            if out.iter().any(|c| c.id == id.value) {
                continue;
            }
            out.push(Carried {
                id: id.value.clone(),
                version: doc
                    .library()
                    .get(&id.value, fm.lang)
                    .map(|d| d.version.clone()),
                span: id.span,
                pasted: false,
            });
        }
    }
    for p in &Legends::shared(doc).pasted {
        if out.iter().any(|c| c.id == p.disclaimer.id) {
            continue;
        }
        out.push(Carried {
            id: p.disclaimer.id.clone(),
            version: Some(p.disclaimer.version.clone()),
            span: p.span,
            pasted: true,
        });
    }
    out
}

/// The findings on the draft of `side`.
pub fn check_pair(pair: &Pair<'_>, side: Side, out: &mut Vec<Diagnostic>) {
    let this = pair.doc(side);
    let other = pair.doc(side.other());
    let version = pair.version(side.other());
    let mine = carried(this);
    let theirs = carried(other);
    for c in &mine {
        let how = if c.pasted { "pasted" } else { "listed" };
        match theirs.iter().find(|t| t.id == c.id) {
            None => out.push(
                Diagnostic::new(
                    &RULE,
                    c.span,
                    format!(
                        "`{}` is {how} here, but {version} ({}) carries no `{}` text",
                        c.id,
                        other.source.name(),
                        c.id
                    ),
                )
                .with_help(format!(
                    "a release and its translation carry the same approved texts: list `{}` under `disclaimers:` in the other version too, or remove it here",
                    c.id
                )),
            ),
            Some(t) => {
                if let (Some(v), Some(w)) = (&c.version, &t.version)
                    && v != w
                {
                    out.push(
                        Diagnostic::new(
                            &RULE,
                            c.span,
                            format!(
                                "this version carries version {v} of `{}`, but {version} carries version {w} ({})",
                                c.id,
                                pair.place(side.other(), t.span)
                            ),
                        )
                        .with_help("legal approves each language's text: publish both versions with texts of the same approved version (update the library's file of the older one)"),
                    );
                }
            }
        }
    }
    for t in &theirs {
        if mine.iter().any(|c| c.id == t.id) {
            continue;
        }
        let how = if t.pasted { "pastes" } else { "lists" };
        let mut d = Diagnostic::new(
            &RULE,
            disclaimers_anchor(this),
            format!(
                "{version} {how} the approved text `{}` ({}), which this version lacks",
                t.id,
                pair.place(side.other(), t.span)
            ),
        )
        .with_help(format!(
            "list `{}` under `disclaimers:` (relkit adds the approved text in this version's language), or remove it from the other version",
            t.id
        ));
        if let Some(fix) = legend::add_disclaimer_fix(this, &t.id) {
            d = d.with_fix(fix);
        }
        out.push(d);
    }
}

/// The `disclaimers:` key (or its one-line list), else the front matter's opening.
fn disclaimers_anchor(doc: &Document) -> Span {
    pair::key_span(doc, "disclaimers").unwrap_or_else(|| pair::front_matter_anchor(doc))
}
