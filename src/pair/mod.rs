//! Bilingual pairs: a release drafted in English and in Japanese is one
//! release in two languages. A draft names its counterpart with
//! `translation_of` in its front matter (or both drafts are given to
//! `relkit lint --pair A B`), and the `PAIR` rules compare the two: the
//! figures, the exchange rate, the disclaimers, the date and the ticker,
//! the amounts stated in the prose, and the forward-looking paragraphs.
//!
//! A pair is checked once, and each rule runs once for each side of it
//! ([`PairCheckFn`] is given the side it reports on). Every disagreement is
//! reported in *both* drafts, each time at the draft's own line:column, with
//! a message that names the place in the other draft: so either draft,
//! linted or built alone, shows every disagreement of the pair, and linting
//! both never reports one finding twice in the same draft.
//!
//! The paragraphs of the two drafts are matched by [`align`].

pub mod align;

use crate::diagnostics::Diagnostic;
use crate::draft::Spanned;
use crate::draft::front_matter::Lang;
use crate::model::Document;
use crate::rules::pair006_invalid_counterpart as invalid;
use crate::source::{SourceFile, Span};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// One of the two drafts of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The first draft (the English one, when the languages differ).
    First,
    /// The second draft.
    Second,
}

impl Side {
    /// Both sides, first then second.
    pub const BOTH: [Side; 2] = [Side::First, Side::Second];

    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::First => Side::Second,
            Side::Second => Side::First,
        }
    }
}

/// Two drafts of one release, checked together.
pub struct Pair<'a> {
    first: &'a Document,
    second: &'a Document,
    alignment: OnceLock<align::Alignment>,
}

impl std::fmt::Debug for Pair<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pair")
            .field("first", &self.first.source.name())
            .field("second", &self.second.source.name())
            .finish()
    }
}

impl<'a> Pair<'a> {
    /// The pair of `first` and `second`, in that order.
    pub fn new(first: &'a Document, second: &'a Document) -> Pair<'a> {
        Pair {
            first,
            second,
            alignment: OnceLock::new(),
        }
    }

    /// The draft of `side`.
    pub fn doc(&self, side: Side) -> &'a Document {
        match side {
            Side::First => self.first,
            Side::Second => self.second,
        }
    }

    /// The matching of the two drafts' paragraphs, computed on first use.
    pub fn alignment(&self) -> &align::Alignment {
        self.alignment
            .get_or_init(|| align::Alignment::of(self.first, self.second))
    }

    /// How the messages of one draft name the other: "the Japanese version"
    /// or "the English version".
    pub fn version(&self, side: Side) -> &'static str {
        version_name(self.doc(side).lang())
    }

    /// `iij-3q02.ja.md:97:11`: a place in the draft of `side`.
    pub fn place(&self, side: Side, span: Span) -> String {
        place(self.doc(side), span)
    }
}

/// "the English version" or "the Japanese version".
pub fn version_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "the English version",
        Lang::Ja => "the Japanese version",
    }
}

/// `NAME:LINE:COLUMN` of `span` in `doc`.
pub fn place(doc: &Document, span: Span) -> String {
    let at = doc.source.line_col(span.start);
    format!("{}:{}:{}", doc.source.name(), at.line, at.column)
}

/// A pair rule: the findings of the pair on the draft of `side`, appended
/// to `out`. Each rule runs once per side; a disagreement found from both
/// sides is reported by each run on its own draft only.
pub type PairCheckFn = fn(&Pair<'_>, Side, &mut Vec<Diagnostic>);

/// The findings of a pair, on each of its drafts.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PairFindings {
    /// On the first draft.
    pub first: Vec<Diagnostic>,
    /// On the second draft.
    pub second: Vec<Diagnostic>,
}

impl PairFindings {
    /// The findings on `side`.
    pub fn on(&self, side: Side) -> &[Diagnostic] {
        match side {
            Side::First => &self.first,
            Side::Second => &self.second,
        }
    }

    fn on_mut(&mut self, side: Side) -> &mut Vec<Diagnostic> {
        match side {
            Side::First => &mut self.first,
            Side::Second => &mut self.second,
        }
    }
}

/// Run every pair rule on `first` and `second`, which are known to be
/// drafts in two languages, and return the findings on each.
///
/// The rules always see the pair in one order (English first, then by
/// name), so that the same pair gives the same findings whichever of its
/// drafts is linted.
pub fn check(first: &Document, second: &Document) -> PairFindings {
    let key = |d: &Document| (d.lang() != Lang::En, d.source.name().to_string());
    let swapped = key(second) < key(first);
    let pair = if swapped {
        Pair::new(second, first)
    } else {
        Pair::new(first, second)
    };
    let mut out = PairFindings::default();
    for (_, rule) in crate::rules::PAIR_CHECKS {
        for side in Side::BOTH {
            rule(&pair, side, out.on_mut(side));
        }
    }
    if swapped {
        std::mem::swap(&mut out.first, &mut out.second);
    }
    out
}

/// The counterpart a draft names with `translation_of`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The value as written, with its span.
    pub written: Spanned<String>,
    /// The path it names, resolved against the draft's folder.
    pub path: PathBuf,
}

/// The counterpart `doc` names, if it names one.
pub fn named(doc: &Document) -> Option<Named> {
    let written = doc.front_matter.as_ref()?.translation_of.clone()?;
    let path = resolve(&doc.source, &written.value);
    Some(Named { written, path })
}

/// The path a draft names with `translation_of`, read from its front matter
/// alone (cheaper than parsing the draft), for deciding which drafts of a
/// run are checked together.
pub fn named_in(source: &SourceFile) -> Option<PathBuf> {
    // Most drafts have no counterpart: a byte search spares them the YAML.
    if !source.text().contains("translation_of") {
        return None;
    }
    let layout = crate::draft::split(source.text());
    let front_matter = crate::draft::front_matter::parse(source, &layout, &mut Vec::new())?;
    let written = front_matter.translation_of?;
    Some(resolve(source, &written.value))
}

/// `written` (a `translation_of` value) as a path from the draft's folder.
pub fn resolve(source: &SourceFile, written: &str) -> PathBuf {
    let folder = source
        .path()
        .and_then(Path::parent)
        .unwrap_or(Path::new(""));
    lexical(&folder.join(written.trim()))
}

/// `path` with `.` and `..` resolved without looking at the file system.
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether two paths name the same draft: the same file on disk, or, for
/// paths that are not on disk (the staged content of a commit), the same
/// path once `.` and `..` are resolved.
pub fn same_path(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => lexical(a) == lexical(b),
    }
}

/// The findings on `this` when it names `other` with `translation_of` and is
/// linted alone: `PAIR006` when `other` cannot be its counterpart, else the
/// pair's findings on `this`.
pub fn check_named(this: &Document, named: &Named, other: &Document) -> Vec<Diagnostic> {
    if let Some(problem) = unusable(this, named, other) {
        return vec![problem];
    }
    check(this, other).first
}

/// Why `other`, named by `this`, cannot be its counterpart.
fn unusable(this: &Document, named: &Named, other: &Document) -> Option<Diagnostic> {
    let this_path = this.source.path().map(Path::to_path_buf);
    if this_path
        .as_deref()
        .is_some_and(|p| same_path(p, &named.path))
    {
        return Some(invalid::names_itself(named));
    }
    if !crate::draft::looks_like_draft(other.source.text()) {
        return Some(invalid::not_a_draft(named, other));
    }
    if other.lang() == this.lang() {
        return Some(invalid::same_language(named, other));
    }
    if let (Some(back), Some(this_path)) = (self::named(other), this_path)
        && !same_path(&back.path, &this_path)
    {
        return Some(invalid::names_another(named, other, &back));
    }
    None
}

/// The findings on each of two drafts given together (`relkit lint --pair
/// A B`, or two drafts of one run that name each other): `PAIR006` when a
/// draft names a third draft, when one is not a draft or when both are in
/// the same language (and then nothing else), else the pair's findings.
pub fn check_given(first: &Document, second: &Document) -> PairFindings {
    let mut out = PairFindings::default();
    let pair = Pair::new(first, second);
    let mut usable = true;
    for side in Side::BOTH {
        let this = pair.doc(side);
        let other = pair.doc(side.other());
        if let (Some(named), Some(other_path)) = (named(this), other.source.path())
            && !same_path(&named.path, other_path)
        {
            out.on_mut(side)
                .push(invalid::checked_with_another(&named, other));
        }
        if !crate::draft::looks_like_draft(other.source.text()) {
            usable = false;
            out.on_mut(side).push(invalid::given_not_a_draft(
                this,
                named(this).as_ref(),
                other,
            ));
        }
    }
    if first.lang() == second.lang() {
        usable = false;
        for side in Side::BOTH {
            let this = pair.doc(side);
            out.on_mut(side).push(invalid::given_same_language(
                this,
                named(this).as_ref(),
                pair.doc(side.other()),
            ));
        }
    }
    if usable {
        let found = check(first, second);
        out.first.extend(found.first);
        out.second.extend(found.second);
    }
    out
}

/// Which drafts of one run are checked together: for each draft (`None`
/// for one that could not be read), the index of its counterpart among
/// them. Two drafts are paired when one names the other with
/// `translation_of` and the other names it back or names nothing. A draft
/// whose counterpart is not among them, or names a third draft, has none
/// here (linted alone, it reads its counterpart itself and reports the
/// problem). The first claim wins when two drafts name the same one.
pub fn partners(sources: &[Option<&SourceFile>]) -> Vec<Option<usize>> {
    let named: Vec<Option<PathBuf>> = sources.iter().map(|s| s.and_then(named_in)).collect();
    let index_of = |path: &Path, except: usize| {
        sources.iter().enumerate().position(|(j, s)| {
            j != except
                && s.and_then(SourceFile::path)
                    .is_some_and(|p| same_path(p, path))
        })
    };
    let names: Vec<Option<usize>> = named
        .iter()
        .enumerate()
        .map(|(i, n)| n.as_deref().and_then(|p| index_of(p, i)))
        .collect();
    let mut out: Vec<Option<usize>> = vec![None; sources.len()];
    for (i, target) in names.iter().enumerate() {
        let Some(j) = *target else { continue };
        let back = names.get(j).copied().flatten();
        let answers =
            back == Some(i) || (back.is_none() && named.get(j).is_some_and(Option::is_none));
        let free = |k: usize| out.get(k).copied().flatten().is_none();
        if answers && free(i) && free(j) {
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(j);
            }
            if let Some(slot) = out.get_mut(j) {
                *slot = Some(i);
            }
        }
    }
    out
}

/// The opening `---` of the front matter, or the start of the draft: where
/// a finding about something the front matter lacks is placed.
pub fn front_matter_anchor(doc: &Document) -> Span {
    doc.layout.opening.unwrap_or(Span::point(0))
}

/// The value of the top-level front-matter key `key` (`lang: ja` → `ja`),
/// or the key itself when it has no value on its line, found in the
/// front matter's lines.
pub fn key_span(doc: &Document, key: &str) -> Option<Span> {
    let fm = doc.layout.front_matter?;
    let text = doc.source.slice(fm);
    let mut offset = fm.start;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let body = value.trim_end_matches(['\n', '\r']);
        let value_text = body.split(" #").next().unwrap_or("").trim();
        if value_text.is_empty() {
            return Some(Span::new(start, start + key.len()));
        }
        let lead = body.len() - body.trim_start().len();
        let value_start = start + key.len() + (rest.len() - value.len()) + lead;
        return Some(Span::new(value_start, value_start + value_text.len()));
    }
    None
}

/// The line that opens the figures block (```` ```figures ````), or the
/// front matter's opening when there is no figures block: where a finding
/// about a figure the block lacks is placed.
pub fn figures_anchor(doc: &Document) -> Span {
    let Some(figures) = &doc.figures else {
        return front_matter_anchor(doc);
    };
    let line = doc.source.line_index(figures.span.start);
    if line == 0 {
        return Span::point(figures.span.start);
    }
    let start = doc.source.line_start(line - 1);
    let text = doc.source.line_text(line - 1);
    let lead = text.len() - text.trim_start().len();
    Span::new(start + lead, start + text.trim_end().len())
}

/// Where a finding about a whole block of `doc` is placed: its first
/// sentence (the whole block when it has none).
pub fn block_anchor(doc: &Document, block: usize) -> Span {
    let Some(b) = doc.blocks.get(block) else {
        return front_matter_anchor(doc);
    };
    b.sentences()
        .first()
        .map_or(b.span, |r| b.text.source_span(r.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_paths_resolve_dots() {
        assert_eq!(lexical(Path::new("a/./b/../c.md")), PathBuf::from("a/c.md"));
        assert_eq!(lexical(Path::new("../x.md")), PathBuf::from("../x.md"));
        assert_eq!(lexical(Path::new("a/../../x.md")), PathBuf::from("../x.md"));
    }

    #[test]
    fn translation_of_is_relative_to_the_drafts_folder() {
        let source = SourceFile::new("releases/q3.md", "---\ntitle: A\n---\n");
        assert_eq!(
            resolve(&source, "./q3.ja.md"),
            PathBuf::from("releases/q3.ja.md")
        );
        assert_eq!(resolve(&source, "../ja/q3.md"), PathBuf::from("ja/q3.md"));
    }

    #[test]
    fn partners_pair_drafts_that_name_each_other_or_are_named() {
        let a = SourceFile::new("x/a.md", "---\ntitle: A\ntranslation_of: b.md\n---\n");
        let b = SourceFile::new("x/b.md", "---\ntitle: B\n---\n");
        let c = SourceFile::new("x/c.md", "---\ntitle: C\ntranslation_of: b.md\n---\n");
        let d = SourceFile::new("x/d.md", "---\ntitle: D\ntranslation_of: a.md\n---\n");
        assert_eq!(
            partners(&[Some(&a), Some(&b), Some(&c)]),
            [Some(1), Some(0), None]
        );
        // a names b, but d names a: a and b pair, d does not.
        assert_eq!(
            partners(&[Some(&a), Some(&b), Some(&d)]),
            [Some(1), Some(0), None]
        );
        assert_eq!(partners(&[Some(&a), None]), [None, None]);
    }

    #[test]
    fn key_span_finds_the_value() {
        let text = "---\ntitle: A\nlang:   ja   # comment\ndisclaimers:\n  - x\n---\n";
        let source = SourceFile::named("t.md", text);
        let doc = Document::parse(source, Default::default(), &mut Vec::new());
        let span = key_span(&doc, "lang").expect("lang");
        assert_eq!(doc.source.slice(span), "ja");
        let span = key_span(&doc, "disclaimers").expect("disclaimers");
        assert_eq!(doc.source.slice(span), "disclaimers");
        assert!(key_span(&doc, "ticker").is_none());
    }
}
