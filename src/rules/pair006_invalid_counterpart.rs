//! `PAIR006` invalid-counterpart: the counterpart a draft names with
//! `translation_of` (or is given with `relkit lint --pair`) cannot be
//! checked with it — it does not exist or cannot be read, it is not a
//! draft, it is in the same language, or it names a third draft. The pair
//! is then not compared at all, so this is an error: a release whose
//! translation cannot be checked is not known to be consistent.

use crate::diagnostics::{Diagnostic, Severity};
use crate::draft::front_matter::Lang;
use crate::error::Error;
use crate::model::Document;
use crate::pair::{self, Named};
use crate::rules::RuleInfo;
use crate::source::Span;

/// `PAIR006`: a counterpart that cannot be checked.
pub static RULE: RuleInfo = RuleInfo {
    code: "PAIR006",
    name: "invalid-counterpart",
    summary: "The counterpart named by `translation_of` (or given with `--pair`) cannot be checked with the draft.",
    default_severity: Severity::Error,
    doc: include_str!("../../book/src/rules/PAIR006.md"),
    check: None,
};

fn language(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ja => "Japanese",
    }
}

/// The counterpart cannot be read (`error` says why).
pub fn unreadable(named: &Named, error: &Error) -> Diagnostic {
    let message = match error {
        Error::NotFound { path } => format!(
            "`translation_of` names `{}`, which does not exist (relkit looked for {})",
            named.written.value,
            path.display()
        ),
        other => format!(
            "`translation_of` names `{}`, which cannot be read: {other}",
            named.written.value
        ),
    };
    Diagnostic::new(&RULE, named.written.span, message).with_help(
        "write the path of the other language's draft, relative to this draft's folder, e.g. `translation_of: iij-3q02.ja.md`",
    )
}

/// The counterpart is this very draft.
pub fn names_itself(named: &Named) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        named.written.span,
        format!(
            "`translation_of` names `{}`, which is this draft itself",
            named.written.value
        ),
    )
    .with_help("name the draft of the other language")
}

/// The counterpart has no front matter naming a title or company.
pub fn not_a_draft(named: &Named, other: &Document) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        named.written.span,
        format!(
            "`translation_of` names {}, which is not a draft (its front matter names no `title` or `company`)",
            other.source.name()
        ),
    )
    .with_help("name the other language's draft of this release")
}

/// The counterpart is in this draft's language.
pub fn same_language(named: &Named, other: &Document) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        named.written.span,
        format!(
            "`translation_of` names {}, which is in {} too (`lang: {}`); a translation is in the other language",
            other.source.name(),
            language(other.lang()),
            other.lang().tag()
        ),
    )
    .with_help("set `lang: ja` in the Japanese version, or name the draft of the other language")
}

/// The counterpart names a third draft as its own counterpart.
pub fn names_another(named: &Named, other: &Document, back: &Named) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        named.written.span,
        format!(
            "`translation_of` names {}, but that draft names `{}` as its translation, not this draft",
            other.source.name(),
            back.written.value
        ),
    )
    .with_help("a draft has one counterpart: make the two drafts name each other (or only one name the other)")
}

/// Given with `--pair`, this draft names another counterpart.
pub fn checked_with_another(named: &Named, other: &Document) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        named.written.span,
        format!(
            "this draft names `{}` as its translation, but it is checked with {}",
            named.written.value,
            other.source.name()
        ),
    )
    .with_help("give `--pair` the draft that `translation_of` names, or correct `translation_of`")
}

/// Where a finding about a pair given together is placed on `this`.
fn given_anchor(this: &Document, named: Option<&Named>, key: &str) -> Span {
    named
        .map(|n| n.written.span)
        .or_else(|| pair::key_span(this, key))
        .unwrap_or_else(|| pair::front_matter_anchor(this))
}

/// Given together, the other draft is not a draft.
pub fn given_not_a_draft(this: &Document, named: Option<&Named>, other: &Document) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        given_anchor(this, named, "translation_of"),
        format!(
            "{} is checked as this draft's translation, but it is not a draft (its front matter names no `title` or `company`)",
            other.source.name()
        ),
    )
    .with_help("check a release with the other language's draft of it")
}

/// Given together, both drafts are in one language.
pub fn given_same_language(this: &Document, named: Option<&Named>, other: &Document) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        given_anchor(this, named, "lang"),
        format!(
            "this draft and {} are both in {}; a translation is in the other language",
            other.source.name(),
            language(this.lang())
        ),
    )
    .with_help("set `lang: ja` in the Japanese version")
}
