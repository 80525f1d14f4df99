//! Reading a draft: splitting off the YAML front matter, parsing it and the
//! figures block into typed values with spans, and finding figure references.
//!
//! Everything here reports problems as `FMT`/`FIG` diagnostics instead of
//! failing, so one run shows every problem of a draft at once.

pub mod date;
pub mod figures;
pub mod format;
pub mod front_matter;
pub mod references;
pub mod yaml;

use crate::source::Span;

/// A value and the span it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pair a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// Where the front matter and the Markdown body are in a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The YAML between the `---` lines, if the draft has front matter.
    pub front_matter: Option<Span>,
    /// The opening `---` line, if any.
    pub opening: Option<Span>,
    /// Whether the front matter was opened but never closed.
    pub unterminated: bool,
    /// The Markdown body.
    pub body: Span,
}

/// Find the front matter: a first line of exactly `---`, up to a line of
/// `---` or `...`. A leading byte-order mark is skipped.
pub fn split(text: &str) -> Layout {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = text.get(bom..).unwrap_or("");
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let first = rest.get(..first_line_end).unwrap_or("");
    if first.trim_end() != "---" {
        return Layout {
            front_matter: None,
            opening: None,
            unterminated: false,
            body: Span::new(bom, text.len()),
        };
    }
    let opening = Span::new(bom, bom + first.trim_end().len());
    let yaml_start = bom + first_line_end;
    let mut offset = yaml_start;
    for line in text.get(yaml_start..).unwrap_or("").split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Layout {
                front_matter: Some(Span::new(yaml_start, offset)),
                opening: Some(opening),
                unterminated: false,
                body: Span::new(offset + line.len(), text.len()),
            };
        }
        offset += line.len();
    }
    Layout {
        front_matter: Some(Span::new(yaml_start, text.len())),
        opening: Some(opening),
        unterminated: true,
        body: Span::new(text.len(), text.len()),
    }
}

/// Whether a Markdown file found by searching a folder is a release draft:
/// its front matter has a top-level `title` or `company` key. A repository's
/// README or docs are not drafts. (Files named on the command line are always
/// linted, with or without front matter.)
pub fn looks_like_draft(text: &str) -> bool {
    let layout = split(text);
    let Some(front_matter) = layout.front_matter else {
        return false;
    };
    text.get(front_matter.range())
        .unwrap_or("")
        .lines()
        .any(|line| {
            let key = line.split(':').next().unwrap_or("").trim_end();
            line.contains(':')
                && matches!(key.trim_matches(['"', '\'']), "title" | "company")
                && !line.starts_with([' ', '\t'])
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_recognised_by_their_front_matter() {
        assert!(looks_like_draft("---\ntitle: A\n---\nText\n"));
        assert!(looks_like_draft("---\ncompany: IIJ\n---\n"));
        assert!(!looks_like_draft("# README\n\ntitle: no\n"));
        assert!(!looks_like_draft(
            "---\nlayout: post\n  title: nested\n---\n"
        ));
        assert!(!looks_like_draft(""));
    }

    #[test]
    fn splits_front_matter_and_body() {
        let t = "---\ntitle: A\n---\n# Body\n";
        let l = split(t);
        assert_eq!(&t[l.front_matter.unwrap().range()], "title: A\n");
        assert_eq!(&t[l.body.range()], "# Body\n");
        assert!(!l.unterminated);
    }

    #[test]
    fn no_front_matter_means_all_body() {
        let t = "# Title\n---\n";
        let l = split(t);
        assert!(l.front_matter.is_none());
        assert_eq!(l.body, Span::new(0, t.len()));
    }

    #[test]
    fn unterminated_front_matter_is_flagged() {
        let l = split("---\ntitle: A\n");
        assert!(l.unterminated);
    }

    #[test]
    fn crlf_and_bom_are_handled() {
        let t = "\u{feff}---\r\ntitle: A\r\n---\r\nBody";
        let l = split(t);
        assert_eq!(&t[l.front_matter.unwrap().range()], "title: A\r\n");
        assert_eq!(&t[l.body.range()], "Body");
    }
}
