//! The disclaimer library: approved legal texts (safe harbor, convenience
//! translation, non-GAAP) that drafts list by id in their front matter.
//!
//! Each entry is a Markdown file with its own front matter:
//!
//! ```markdown
//! ---
//! id: safe-harbor
//! lang: en
//! title: Forward-looking statements
//! kind: safe-harbor
//! version: 2
//! effective: 2026-01-01
//! review_by: 2027-01-01   # optional: when legal must review it again
//! sha256: 9f2c…            # optional: the approved text's hash, checked on load
//! defaults:
//!   filing: filings with the U.S. Securities and Exchange Commission
//! ---
//! … {{ company }} … {{ risk_factors }} … {{ filing }} …
//! ```
//!
//! An id may exist in English and in Japanese (`safe-harbor.md`,
//! `safe-harbor.ja.md`); a draft gets the text in its own language. The
//! placeholders are filled from the draft's front matter; a parameter the
//! draft does not give is reported by `DIS004`.
//!
//! The bundled texts in `disclaimers/` are compiled into the binary; a
//! project's own folder (`[paths] disclaimers` in `relkit.toml`) adds entries
//! or replaces bundled ones with the same id and language.
//!
//! Earlier approved versions live in a `history/` subfolder (same format,
//! any file name). They are never published; they let `DIS005` recognise a
//! release that pastes a superseded text and name the current one.

use crate::draft::date::Date;
use crate::draft::front_matter::{FrontMatter, Lang};
use crate::draft::yaml;
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

/// The parameters a disclaimer text may use, as `{{ name }}`.
pub const PARAMETERS: &[&str] = &[
    "company",
    "ticker",
    "fx.rate",
    "fx.as_of",
    "fx.source",
    "filing",
    "risk_factors",
];

/// One approved text in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclaimer {
    /// Stable id, e.g. `safe-harbor`.
    pub id: String,
    /// The language of the text.
    pub lang: Lang,
    /// Heading shown above the text.
    pub title: String,
    /// What kind of legend it is (`safe-harbor`, `convenience-translation`, `non-gaap`, …).
    pub kind: String,
    /// Version label of the approved text.
    pub version: String,
    /// The date from which this version is approved, if given.
    pub effective: Option<Date>,
    /// The date by which legal must review the text again, if given; a
    /// build after it warns.
    pub review_by: Option<Date>,
    /// Values for parameters a draft may leave out.
    pub defaults: BTreeMap<String, String>,
    /// The approved text (Markdown) with `{{ parameter }}` placeholders.
    pub text: String,
}

impl Disclaimer {
    /// SHA-256 of the approved text (before parameters are filled in), in
    /// lower-case hex: what legal approved, byte for byte.
    pub fn text_sha256(&self) -> String {
        crate::attest::sha256_hex(self.text.as_bytes())
    }
}

/// Why a disclaimer cannot be filled in for a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingParameters(pub Vec<&'static str>);

impl Disclaimer {
    /// The parameters the text uses, in order of first use.
    pub fn parameters(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for name in placeholders(&self.text).into_iter().map(|(_, n)| n) {
            if let Some(p) = PARAMETERS.iter().find(|p| **p == name)
                && !out.contains(p)
            {
                out.push(*p);
            }
        }
        out
    }

    /// The text with its placeholders filled from the draft's front matter
    /// (and `rate`, the draft's effective exchange rate).
    pub fn render(
        &self,
        front_matter: Option<&FrontMatter>,
        rate: Option<Decimal>,
    ) -> std::result::Result<String, MissingParameters> {
        let mut missing = Vec::new();
        let mut out = String::with_capacity(self.text.len());
        let mut last = 0;
        for (range, name) in placeholders(&self.text) {
            out.push_str(self.text.get(last..range.start).unwrap_or(""));
            last = range.end;
            match self.value(name, front_matter, rate) {
                Some(v) => out.push_str(&v),
                None => {
                    if let Some(p) = PARAMETERS.iter().find(|p| **p == name)
                        && !missing.contains(p)
                    {
                        missing.push(*p);
                    }
                }
            }
        }
        out.push_str(self.text.get(last..).unwrap_or(""));
        if missing.is_empty() {
            Ok(out)
        } else {
            Err(MissingParameters(missing))
        }
    }

    fn value(&self, name: &str, fm: Option<&FrontMatter>, rate: Option<Decimal>) -> Option<String> {
        let given = fm.and_then(|fm| match name {
            "company" => fm.company.as_ref().map(|c| c.value.clone()),
            "ticker" => fm.ticker.as_ref().map(|c| c.value.clone()),
            "filing" => fm.filing.as_ref().map(|c| c.value.clone()),
            "fx.as_of" => fm
                .fx
                .as_ref()
                .and_then(|f| f.as_of.as_ref())
                .map(|d| long_date(d.value, self.lang)),
            "fx.source" => fm
                .fx
                .as_ref()
                .and_then(|f| f.source.as_ref())
                .map(|s| s.value.clone()),
            "risk_factors" if !fm.risk_factors.is_empty() => Some(list(
                fm.risk_factors.iter().map(|r| r.value.as_str()),
                self.lang,
            )),
            _ => None,
        });
        let given = given.or_else(|| match name {
            "fx.rate" => rate.map(|r| r.normalize().to_string()),
            _ => None,
        });
        given.or_else(|| self.defaults.get(name).cloned())
    }
}

/// `December 31, 2002` or `2002年12月31日`.
pub fn long_date(d: Date, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {}, {}", d.month_name(), d.day, d.year),
        Lang::Ja => format!("{}年{}月{}日", d.year, d.month, d.day),
    }
}

/// "a; b; c" or 「a、b、c」: the texts close the list themselves ("…; and
/// other risks referred to …", 「…などが含まれます」).
fn list<'a>(items: impl Iterator<Item = &'a str>, lang: Lang) -> String {
    let items: Vec<&str> = items.collect();
    match lang {
        Lang::Ja => items.join("、"),
        Lang::En => items.join("; "),
    }
}

/// The `{{ name }}` placeholders of a text: byte range and trimmed name.
fn placeholders(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|t| t.find("{{")) {
        let start = from + open;
        let Some(close) = text.get(start..).and_then(|t| t.find("}}")) else {
            break;
        };
        let end = start + close + 2;
        let name = text.get(start + 2..end - 2).unwrap_or("").trim();
        out.push((start..end, name));
        from = end;
    }
    out
}

/// A set of disclaimers by id and language, with their superseded versions.
#[derive(Debug, Clone, Default)]
pub struct Library {
    entries: Vec<Disclaimer>,
    history: Vec<Disclaimer>,
}

const BUNDLED: &[(&str, &str)] = &[
    (
        "convenience-translation.md",
        include_str!("../disclaimers/convenience-translation.md"),
    ),
    (
        "convenience-translation.ja.md",
        include_str!("../disclaimers/convenience-translation.ja.md"),
    ),
    ("non-gaap.md", include_str!("../disclaimers/non-gaap.md")),
    (
        "non-gaap.ja.md",
        include_str!("../disclaimers/non-gaap.ja.md"),
    ),
    (
        "safe-harbor.md",
        include_str!("../disclaimers/safe-harbor.md"),
    ),
    (
        "safe-harbor.ja.md",
        include_str!("../disclaimers/safe-harbor.ja.md"),
    ),
];

/// Superseded versions of the bundled texts (`disclaimers/history/`).
const BUNDLED_HISTORY: &[(&str, &str)] = &[
    (
        "safe-harbor.v1.md",
        include_str!("../disclaimers/history/safe-harbor.v1.md"),
    ),
    (
        "safe-harbor.v1.ja.md",
        include_str!("../disclaimers/history/safe-harbor.v1.ja.md"),
    ),
];

impl Library {
    /// The library compiled into relkit.
    pub fn bundled() -> Library {
        let mut lib = Library::default();
        for (name, text) in BUNDLED {
            // Bundled files are checked by a unit test, so this cannot fail in a release.
            if let Ok(d) = parse_entry(name, text) {
                lib.insert(d);
            }
        }
        for (name, text) in BUNDLED_HISTORY {
            if let Ok(d) = parse_entry(name, text) {
                lib.history.push(d);
            }
        }
        lib
    }

    /// Add the `*.md` files of `folder`, replacing bundled entries with the
    /// same id and language.
    pub fn load_folder(&mut self, folder: &Path) -> Result<()> {
        let current = read_folder(folder)?;
        for (_, entry) in &current {
            // A project's own text replaces the bundled one, and with it the
            // bundled text's history.
            self.history
                .retain(|h| !(h.id == entry.id && h.lang == entry.lang));
        }
        for (_, entry) in current {
            self.insert(entry);
        }
        let history = folder.join("history");
        if history.is_dir() {
            for (path, entry) in read_folder(&history)? {
                if let Some(now) = self
                    .entries
                    .iter()
                    .find(|e| e.id == entry.id && e.lang == entry.lang)
                    && now.version == entry.version
                {
                    return Err(Error::Disclaimer {
                        path,
                        line: 1,
                        column: 1,
                        message: format!(
                            "this earlier version of `{}` has the version label `{}`, the same as the current text; give each approved version its own label",
                            entry.id, entry.version
                        ),
                    });
                }
                self.history.retain(|h| {
                    !(h.id == entry.id && h.lang == entry.lang && h.version == entry.version)
                });
                self.history.push(entry);
            }
        }
        Ok(())
    }

    fn insert(&mut self, d: Disclaimer) {
        match self
            .entries
            .iter_mut()
            .find(|e| e.id == d.id && e.lang == d.lang)
        {
            Some(existing) => *existing = d,
            None => self.entries.push(d),
        }
        self.entries
            .sort_by(|a, b| (a.id.as_str(), a.lang.tag()).cmp(&(b.id.as_str(), b.lang.tag())));
    }

    /// The entry `id` in `lang`, or in the other language when it has only one.
    pub fn get(&self, id: &str, lang: Lang) -> Option<&Disclaimer> {
        self.entries
            .iter()
            .find(|d| d.id == id && d.lang == lang)
            .or_else(|| self.entries.iter().find(|d| d.id == id))
    }

    /// Whether the library has `id` in any language.
    pub fn contains(&self, id: &str) -> bool {
        self.entries.iter().any(|d| d.id == id)
    }

    /// Every id, once, sorted.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.entries.iter().map(|d| d.id.as_str()).collect();
        ids.dedup();
        ids
    }

    /// All entries, by id then language.
    pub fn iter(&self) -> impl Iterator<Item = &Disclaimer> {
        self.entries.iter()
    }

    /// The superseded versions, in the order they were loaded.
    pub fn history(&self) -> impl Iterator<Item = &Disclaimer> {
        self.history.iter()
    }

    /// The current entry that replaced the superseded version `old` (same id
    /// and language, another version).
    pub fn current_of(&self, old: &Disclaimer) -> Option<&Disclaimer> {
        self.entries
            .iter()
            .find(|d| d.id == old.id && d.lang == old.lang && d.version != old.version)
    }
}

/// Read the `*.md` entries of one folder, in file-name order.
fn read_folder(folder: &Path) -> Result<Vec<(std::path::PathBuf, Disclaimer)>> {
    let entries = std::fs::read_dir(folder).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound {
                path: folder.to_path_buf(),
            }
        } else {
            Error::Read {
                path: folder.to_path_buf(),
                source,
            }
        }
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let entry = parse_entry(&name, &text).map_err(|(offset, message)| {
            let at = crate::source::SourceFile::new(&path, &text).line_col(offset);
            Error::Disclaimer {
                path: path.clone(),
                line: at.line,
                column: at.column,
                message,
            }
        })?;
        out.push((path, entry));
    }
    Ok(out)
}

/// Read a disclaimer file named `file_name`. Errors carry the byte offset of
/// the fault.
fn parse_entry(file_name: &str, text: &str) -> std::result::Result<Disclaimer, (usize, String)> {
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let (stem, lang) = match stem.strip_suffix(".ja") {
        Some(s) => (s, Lang::Ja),
        None => (stem.strip_suffix(".en").unwrap_or(stem), Lang::En),
    };
    let layout = crate::draft::split(text);
    let mut d = Disclaimer {
        id: stem.to_string(),
        lang,
        title: stem.to_string(),
        kind: stem.to_string(),
        version: "1".to_string(),
        effective: None,
        review_by: None,
        defaults: BTreeMap::new(),
        text: text
            .get(layout.body.range())
            .unwrap_or("")
            .trim()
            .to_string(),
    };
    if layout.unterminated {
        return Err((0, "the front matter is never closed with `---`".into()));
    }
    let mut declared_hash: Option<(String, usize)> = None;
    if let Some(span) = layout.front_matter {
        let node = yaml::parse(text.get(span.range()).unwrap_or(""), span.start)
            .map_err(|e| (e.span.start, e.message))?;
        for (k, v) in node.as_ref().and_then(|n| n.as_map()).unwrap_or(&[]) {
            let key = k.as_scalar().unwrap_or("");
            let value = v.as_scalar().unwrap_or("").trim().to_string();
            match key {
                "sha256" => declared_hash = Some((value, v.span.start)),
                "id" => d.id = value,
                "title" => d.title = value,
                "kind" => d.kind = value,
                "version" => d.version = value,
                "lang" => {
                    d.lang = match value.as_str() {
                        "en" => Lang::En,
                        "ja" => Lang::Ja,
                        other => {
                            return Err((
                                v.span.start,
                                format!("`lang` must be `en` or `ja`, not `{other}`"),
                            ));
                        }
                    }
                }
                "effective" => {
                    d.effective = Some(Date::parse(&value).ok_or_else(|| {
                        (
                            v.span.start,
                            format!("`effective` must be a date written YYYY-MM-DD, not `{value}`"),
                        )
                    })?);
                }
                "review_by" => {
                    d.review_by = Some(Date::parse(&value).ok_or_else(|| {
                        (
                            v.span.start,
                            format!("`review_by` must be a date written YYYY-MM-DD, not `{value}`"),
                        )
                    })?);
                }
                "defaults" => {
                    for (name, default) in v.as_map().unwrap_or(&[]) {
                        let name_text = name.as_scalar().unwrap_or("");
                        if !PARAMETERS.contains(&name_text) {
                            return Err((
                                name.span.start,
                                format!(
                                    "`{name_text}` is not a disclaimer parameter; the parameters are: {}",
                                    PARAMETERS.join(", ")
                                ),
                            ));
                        }
                        d.defaults.insert(
                            name_text.to_string(),
                            default.as_scalar().unwrap_or("").trim().to_string(),
                        );
                    }
                }
                other => {
                    return Err((
                        k.span.start,
                        format!(
                            "`{other}` is not a disclaimer key; use id, lang, title, kind, version, effective, review_by, sha256, defaults"
                        ),
                    ));
                }
            }
        }
    }
    if d.text.is_empty() {
        return Err((layout.body.start, "the disclaimer has no text".into()));
    }
    if let Some((declared, at)) = declared_hash {
        let actual = d.text_sha256();
        if !declared.eq_ignore_ascii_case(&actual) {
            return Err((
                at,
                format!(
                    "the text of `{}` version {} is not the approved text: its SHA-256 is {actual}, but `sha256` records {declared}; restore the approved wording, or have legal approve the new one and record its hash (`relkit disclaimers show {}` prints it)",
                    d.id, d.version, d.id
                ),
            ));
        }
    }
    for (range, name) in placeholders(&d.text) {
        if !PARAMETERS.contains(&name) {
            return Err((
                layout.body.start + leading_space(text, layout.body.start) + range.start,
                format!(
                    "`{{{{ {name} }}}}` is not a disclaimer parameter; the parameters are: {}",
                    PARAMETERS.join(", ")
                ),
            ));
        }
    }
    Ok(d)
}

/// Bytes of white space trimmed from the start of the body.
fn leading_space(text: &str, body_start: usize) -> usize {
    let body = text.get(body_start..).unwrap_or("");
    body.len() - body.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Spanned;
    use crate::source::Span;

    #[test]
    fn bundled_entries_all_parse_in_both_languages() {
        for (name, text) in BUNDLED.iter().chain(BUNDLED_HISTORY) {
            let parsed = parse_entry(name, text);
            assert!(parsed.is_ok(), "{name}: {parsed:?}");
            // Every bundled text records its hash, so that an edit is caught.
            assert!(text.contains("\nsha256: "), "{name} records no sha256");
        }
        let lib = Library::bundled();
        assert_eq!(lib.history().count(), BUNDLED_HISTORY.len());
        for old in lib.history() {
            let current = lib.current_of(old).expect("a current version");
            assert!(
                old.effective < current.effective,
                "{} {}: the superseded version must be older",
                old.id,
                old.version
            );
        }
        for id in ["safe-harbor", "convenience-translation", "non-gaap"] {
            assert_eq!(lib.get(id, Lang::En).map(|d| d.lang), Some(Lang::En));
            assert_eq!(lib.get(id, Lang::Ja).map(|d| d.lang), Some(Lang::Ja));
        }
        assert_eq!(
            lib.ids(),
            ["convenience-translation", "non-gaap", "safe-harbor"]
        );
    }

    #[test]
    fn parameters_are_filled_from_the_front_matter() {
        let lib = Library::bundled();
        let d = lib.get("convenience-translation", Lang::En).unwrap();
        assert_eq!(d.parameters(), ["fx.rate", "fx.as_of"]);
        let mut fm = FrontMatter::default();
        let err = d.render(Some(&fm), None).unwrap_err();
        assert_eq!(err.0, ["fx.rate", "fx.as_of"]);
        fm.fx = Some(crate::draft::front_matter::Fx {
            rate: None,
            as_of: Some(Spanned::new(
                Date::parse("2002-12-31").unwrap(),
                Span::point(0),
            )),
            source: None,
            span: Span::point(0),
        });
        let text = d.render(Some(&fm), Some(Decimal::new(11875, 2))).unwrap();
        assert!(text.contains("¥118.75 = US$1"), "{text}");
        assert!(text.contains("December 31, 2002"), "{text}");
    }

    #[test]
    fn risk_factors_are_listed() {
        assert_eq!(list(["a", "b", "c"].into_iter(), Lang::En), "a; b; c");
        assert_eq!(list(["a", "b"].into_iter(), Lang::Ja), "a、b");
    }

    #[test]
    fn unknown_placeholders_and_keys_are_errors_with_positions() {
        let text = "---\nid: x\n---\nText {{ compnay }}.\n";
        let (offset, message) = parse_entry("x.md", text).unwrap_err();
        assert_eq!(text.get(offset..offset + 2), Some("{{"));
        assert!(message.contains("not a disclaimer parameter"), "{message}");
        let (offset, _) = parse_entry("x.md", "---\nid: x\nversoin: 2\n---\nText.\n").unwrap_err();
        assert_eq!(offset, 10);
    }

    #[test]
    fn a_recorded_hash_must_match_the_text() {
        let text = "---\nid: x\nversion: 3\nsha256: 00ff\n---\nApproved words.\n";
        let (offset, message) = parse_entry("x.md", text).unwrap_err();
        assert_eq!(text.get(offset..offset + 4), Some("00ff"));
        assert!(message.contains("is not the approved text"), "{message}");
        let good = format!(
            "---\nid: x\nversion: 3\nsha256: {}\n---\nApproved words.\n",
            crate::attest::sha256_hex(b"Approved words.")
        );
        assert!(parse_entry("x.md", &good).is_ok());
    }

    #[test]
    fn a_project_folder_brings_its_own_history() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("history")).unwrap();
        std::fs::write(
            dir.path().join("safe-harbor.md"),
            "---\nid: safe-harbor\nversion: 7\n---\nOur words, seventh edition.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("history/safe-harbor.v6.md"),
            "---\nid: safe-harbor\nversion: 6\n---\nOur words, sixth edition.\n",
        )
        .unwrap();
        let mut lib = Library::bundled();
        lib.load_folder(dir.path()).unwrap();
        // The bundled English history gives way to the project's own.
        let en: Vec<&str> = lib
            .history()
            .filter(|d| d.lang == Lang::En)
            .map(|d| d.version.as_str())
            .collect();
        assert_eq!(en, ["6"]);
        let old = lib.history().find(|d| d.version == "6").unwrap();
        assert_eq!(lib.current_of(old).map(|d| d.version.as_str()), Some("7"));
        // Two files with one version label are refused, naming the file.
        std::fs::write(
            dir.path().join("history/safe-harbor.v7.md"),
            "---\nid: safe-harbor\nversion: 7\n---\nOther words.\n",
        )
        .unwrap();
        let e = Library::bundled().load_folder(dir.path()).unwrap_err();
        assert!(e.to_string().contains("safe-harbor.v7.md"), "{e}");
        assert!(e.to_string().contains("same as the current text"), "{e}");
    }

    #[test]
    fn file_names_give_id_and_language() {
        let d = parse_entry("ours.ja.md", "本文。").unwrap();
        assert_eq!((d.id.as_str(), d.lang), ("ours", Lang::Ja));
    }
}
