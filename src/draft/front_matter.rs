//! The front matter: title, company, date, language, exchange rate, the
//! disclaimers that apply, risk factors and contacts.
//!
//! Reading never stops at the first problem: every unknown key (`FMT003`),
//! wrong value (`FMT004`) and missing required key (`FMT002`) is reported at
//! its own line:column, and whatever could be read is kept.

use super::date::Date;
use super::format::parse_decimal;
use super::yaml::{self, Node};
use super::{Layout, Spanned};
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::{
    fmt001_invalid_front_matter, fmt002_missing_required_key, fmt003_unknown_key,
    fmt004_invalid_value,
};
use crate::source::{SourceFile, Span};
use crate::suggest;
use rust_decimal::Decimal;

/// The language a draft is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

/// The exchange rate used for US-dollar convenience translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fx {
    /// Yen per one US dollar.
    pub rate: Option<Spanned<Decimal>>,
    /// The date the rate was taken.
    pub as_of: Option<Spanned<Date>>,
    /// Where the rate comes from, e.g. "noon buying rate, Federal Reserve Bank of New York".
    pub source: Option<Spanned<String>>,
    /// The whole `fx` entry.
    pub span: Span,
}

/// A press contact.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    /// Person or desk.
    pub name: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
}

/// Everything the front matter declares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontMatter {
    /// Headline.
    pub title: Option<Spanned<String>>,
    /// Subheadline.
    pub subtitle: Option<Spanned<String>>,
    /// Issuer's name.
    pub company: Option<Spanned<String>>,
    /// Exchange and ticker, e.g. "Nasdaq: IIJI".
    pub ticker: Option<Spanned<String>>,
    /// Release date.
    pub date: Option<Spanned<Date>>,
    /// Dateline, e.g. "TOKYO".
    pub dateline: Option<Spanned<String>>,
    /// Language of the draft.
    pub lang: Lang,
    /// Disclaimer ids from the library.
    pub disclaimers: Vec<Spanned<String>>,
    /// Exchange rate for convenience translations.
    pub fx: Option<Fx>,
    /// Risk factors listed with the safe-harbor statement.
    pub risk_factors: Vec<Spanned<String>>,
    /// The filing that holds the full risk factors, e.g. "annual report on Form 20-F".
    pub filing: Option<Spanned<String>>,
    /// Press contacts.
    pub contacts: Vec<Contact>,
    /// The draft's counterpart in the other language (`translation_of`), as
    /// written: a path relative to the draft's folder.
    pub translation_of: Option<Spanned<String>>,
    /// The YAML between the `---` lines.
    pub span: Span,
}

/// Keys allowed at the top of the front matter.
pub const KEYS: &[&str] = &[
    "title",
    "subtitle",
    "company",
    "ticker",
    "date",
    "dateline",
    "lang",
    "disclaimers",
    "fx",
    "risk_factors",
    "filing",
    "contacts",
    "translation_of",
];
const FX_KEYS: &[&str] = &["rate", "as_of", "source"];
const CONTACT_KEYS: &[&str] = &["name", "title", "email", "phone"];

/// Read the front matter described by `layout`, if any.
pub fn parse(
    source: &SourceFile,
    layout: &Layout,
    diags: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    let span = layout.front_matter?;
    let opening = layout.opening.unwrap_or(Span::point(0));
    if layout.unterminated {
        diags.push(
            Diagnostic::new(
                &fmt001_invalid_front_matter::RULE,
                opening,
                "the front matter starts here but is never closed",
            )
            .with_label("opened by this `---`")
            .with_help("add a line with just `---` after the last front-matter key"),
        );
        return None;
    }
    let mut fm = FrontMatter {
        span,
        ..FrontMatter::default()
    };
    let root = match yaml::parse(source.slice(span), span.start) {
        Ok(Some(root)) => root,
        Ok(None) => {
            diags.push(missing(opening, "title"));
            diags.push(missing(opening, "company"));
            return Some(fm);
        }
        Err(e) if source.slice(e.span) == "：" => {
            diags.push(
                Diagnostic::new(&fmt001_invalid_front_matter::RULE, e.span, e.message)
                    .with_help("type the colon with the input method switched to half-width")
                    .with_fix(Fix::replace("write `:`", e.span, ":")),
            );
            return None;
        }
        Err(e) => {
            diags.push(
                Diagnostic::new(&fmt001_invalid_front_matter::RULE, e.span, e.message)
                    .with_help("front matter is YAML: one `key: value` per line; quote values that contain `: ` or start with a special character"),
            );
            return None;
        }
    };
    let Some(entries) = root.as_map() else {
        // `title： …` on every line (a Japanese input method): one value to
        // YAML; say which colons to retype.
        let colons = yaml::full_width_keys(source.slice(span), span.start);
        if !colons.is_empty() {
            for colon in colons {
                diags.push(
                    Diagnostic::new(
                        &fmt001_invalid_front_matter::RULE,
                        colon,
                        "YAML syntax: this key ends with a full-width colon `：`; YAML needs the half-width `:`",
                    )
                    .with_help("type the colon with the input method switched to half-width")
                    .with_fix(Fix::replace("write `:`", colon, ":")),
                );
            }
            return None;
        }
        diags.push(
            Diagnostic::new(
                &fmt001_invalid_front_matter::RULE,
                root.span,
                format!(
                    "the front matter must be `key: value` lines, but it is {}",
                    root.kind_name()
                ),
            )
            .with_help(
                "write one `key: value` per line, for example `title: Third-quarter results`",
            ),
        );
        return None;
    };
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in entries {
        let Some(name) = key.as_scalar() else {
            diags.push(invalid(key, "a front-matter key must be a plain word"));
            continue;
        };
        if seen.contains(&name) {
            diags.push(
                Diagnostic::new(
                    &fmt001_invalid_front_matter::RULE,
                    key.span,
                    format!("`{name}` is given twice"),
                )
                .with_help("keep one of them; YAML does not allow a key twice"),
            );
            continue;
        }
        seen.push(name);
        match name {
            "title" => fm.title = text(value, name, diags),
            "subtitle" => fm.subtitle = text(value, name, diags),
            "company" => fm.company = text(value, name, diags),
            "ticker" => fm.ticker = text(value, name, diags),
            "filing" => fm.filing = text(value, name, diags),
            "dateline" => fm.dateline = text(value, name, diags),
            "date" => fm.date = date(value, name, diags),
            "lang" => {
                if let Some(v) = text(value, name, diags) {
                    match v.value.as_str() {
                        "en" => fm.lang = Lang::En,
                        "ja" => fm.lang = Lang::Ja,
                        other => diags.push(invalid(
                            value,
                            &format!("`lang` must be `en` or `ja`, not `{other}`"),
                        )),
                    }
                }
            }
            "disclaimers" => fm.disclaimers = text_list(value, name, diags),
            "risk_factors" => fm.risk_factors = text_list(value, name, diags),
            "fx" => fm.fx = fx(value, diags),
            "contacts" => fm.contacts = contacts(value, diags),
            "translation_of" => fm.translation_of = text(value, name, diags),
            _ => diags.push(unknown_key(key, name, KEYS, "front matter")),
        }
    }
    let opening_line = opening;
    if fm.title.is_none() && !seen.contains(&"title") {
        diags.push(missing(opening_line, "title"));
    }
    if fm.company.is_none() && !seen.contains(&"company") {
        diags.push(missing(opening_line, "company"));
    }
    Some(fm)
}

fn missing(at: Span, key: &str) -> Diagnostic {
    let example = match key {
        "title" => "title: Third-Quarter Fiscal 2002 Results",
        _ => "company: Internet Initiative Japan Inc.",
    };
    Diagnostic::new(
        &fmt002_missing_required_key::RULE,
        at,
        format!("the front matter has no `{key}`"),
    )
    .with_label("front matter starts here")
    .with_help(format!("add a line such as `{example}`"))
}

/// An `FMT004` diagnostic at `node`.
pub fn invalid(node: &Node, message: &str) -> Diagnostic {
    Diagnostic::new(&fmt004_invalid_value::RULE, node.span, message.to_string())
}

/// An `FMT003` diagnostic for `key`, suggesting the nearest known key.
pub fn unknown_key(key: &Node, name: &str, known: &[&str], place: &str) -> Diagnostic {
    let mut d = Diagnostic::new(
        &fmt003_unknown_key::RULE,
        key.span,
        format!("unknown key `{name}` in the {place}"),
    );
    match suggest::nearest(name, known.iter().copied()) {
        Some(better) => {
            d = d
                .with_help(format!("did you mean `{better}`?"))
                .with_fix(Fix::replace(
                    format!("rename `{name}` to `{better}`"),
                    key.span,
                    better,
                ));
        }
        None => {
            d = d.with_help(format!("known keys: {}", known.join(", ")));
        }
    }
    d
}

/// A scalar read as text, or `FMT004`.
pub fn text(node: &Node, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
    match node.as_scalar() {
        Some(_) if node.is_null() => {
            diags.push(
                invalid(node, &format!("`{key}` is empty"))
                    .with_help(format!("give `{key}` a value or remove the line")),
            );
            None
        }
        Some(s) => Some(Spanned::new(s.trim().to_string(), node.span)),
        None => {
            diags.push(
                invalid(
                    node,
                    &format!("`{key}` should be text, but it is {}", node.kind_name()),
                )
                .with_help(format!("write `{key}: …` with the text on the same line")),
            );
            None
        }
    }
}

fn date(node: &Node, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Spanned<Date>> {
    let s = text(node, key, diags)?;
    match Date::parse(&s.value) {
        Some(d) => Some(Spanned::new(d, s.span)),
        None => {
            diags.push(
                invalid(
                    node,
                    &format!(
                        "`{key}` must be a date written YYYY-MM-DD, not `{}`",
                        s.value
                    ),
                )
                .with_help(match Date::parse_lenient(&s.value) {
                    Some(d) => format!("write `{}: {d}`", key.rsplit('.').next().unwrap_or(key)),
                    None => format!(
                        "write the date as year-month-day, e.g. `{}: 2003-02-14` for 14 February 2003",
                        key.rsplit('.').next().unwrap_or(key)
                    ),
                }),
            );
            None
        }
    }
}

fn text_list(node: &Node, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<Spanned<String>> {
    if node.is_null() {
        return Vec::new();
    }
    let Some(items) = node.as_seq() else {
        diags.push(
            invalid(
                node,
                &format!("`{key}` should be a list, but it is {}", node.kind_name()),
            )
            .with_help(format!(
                "write each entry on its own line under `{key}:`, starting with `- `"
            )),
        );
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| text(item, key, diags))
        .collect()
}

fn fx(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Fx> {
    let Some(entries) = node.as_map() else {
        diags.push(
            invalid(
                node,
                &format!("`fx` should hold `rate`, `as_of` and `source`, but it is {}", node.kind_name()),
            )
            .with_help("write `fx:` and below it, indented, `rate: 118.75`, `as_of: 2002-12-31` and `source: …`"),
        );
        return None;
    };
    let mut fx = Fx {
        rate: None,
        as_of: None,
        source: None,
        span: node.span,
    };
    for (key, value) in entries {
        match key.as_scalar().unwrap_or("") {
            "rate" => {
                let Some(s) = text(value, "fx.rate", diags) else {
                    continue;
                };
                match parse_decimal(&s.value) {
                    Some(rate) if rate > Decimal::ZERO => fx.rate = Some(Spanned::new(rate, s.span)),
                    _ => diags.push(
                        invalid(
                            value,
                            &format!(
                                "`fx.rate` must be a positive number of yen per US dollar, not `{}`",
                                s.value
                            ),
                        )
                        .with_help("for ¥118.75 = US$1 write `rate: 118.75`"),
                    ),
                }
            }
            "as_of" => fx.as_of = date(value, "fx.as_of", diags),
            "source" => fx.source = text(value, "fx.source", diags),
            other => diags.push(unknown_key(key, other, FX_KEYS, "`fx` entry")),
        }
    }
    Some(fx)
}

fn contacts(node: &Node, diags: &mut Vec<Diagnostic>) -> Vec<Contact> {
    if node.is_null() {
        return Vec::new();
    }
    let Some(items) = node.as_seq() else {
        diags.push(
            invalid(
                node,
                &format!(
                    "`contacts` should be a list, but it is {}",
                    node.kind_name()
                ),
            )
            .with_help("start each contact with `- name: …` under `contacts:`"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(entries) = item.as_map() else {
            diags.push(
                invalid(
                    item,
                    &format!(
                        "a contact should have `name`, `title`, `email` and `phone`, but it is {}",
                        item.kind_name()
                    ),
                )
                .with_help("write `- name: …` and below it `email: …`"),
            );
            continue;
        };
        let mut contact = Contact::default();
        for (key, value) in entries {
            let name = key.as_scalar().unwrap_or("");
            let field = match name {
                "name" => &mut contact.name,
                "title" => &mut contact.title,
                "email" => &mut contact.email,
                "phone" => &mut contact.phone,
                other => {
                    diags.push(unknown_key(key, other, CONTACT_KEYS, "contact"));
                    continue;
                }
            };
            *field = text(value, &format!("contacts.{name}"), diags).map(|s| s.value);
        }
        out.push(contact);
    }
    out
}
