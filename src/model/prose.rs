//! Prose text: the words of one block as a reader sees them, with a map from
//! every byte back to the draft, through Markdown syntax, escapes, line
//! breaks and figure references.

use crate::source::Span;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    text_start: usize,
    text_len: usize,
    src: Span,
    /// Whether each byte of the piece is the same byte of the source.
    exact: bool,
}

/// The text of a block and its map back to the draft.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProseText {
    text: String,
    pieces: Vec<Piece>,
}

impl ProseText {
    /// The plain text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Append text that is a verbatim copy of the source starting at `src_start`.
    pub fn push_exact(&mut self, text: &str, src_start: usize) {
        self.push(text, Span::new(src_start, src_start + text.len()), true);
    }

    /// Append text that stands for the whole of `src` (an escape, a line break,
    /// a rendered figure reference).
    pub fn push_mapped(&mut self, text: &str, src: Span) {
        self.push(text, src, false);
    }

    /// Append a piece. An exact piece that continues the previous exact
    /// piece in the source is merged into it: the map is the same, and
    /// Markdown splits plain prose into many small text events.
    fn push(&mut self, text: &str, src: Span, exact: bool) {
        if text.is_empty() && src.is_empty() {
            return;
        }
        let exact = exact && src.len() == text.len();
        match self.pieces.last_mut() {
            Some(last) if exact && last.exact && last.src.end == src.start => {
                last.text_len += text.len();
                last.src.end = src.end;
            }
            _ => self.pieces.push(Piece {
                text_start: self.text.len(),
                text_len: text.len(),
                src,
                exact,
            }),
        }
        self.text.push_str(text);
    }

    /// Remove all text, keeping the allocations for reuse.
    pub fn clear(&mut self) {
        self.text.clear();
        self.pieces.clear();
    }

    /// Whether there is no text (white space alone counts as none).
    pub fn is_empty(&self) -> bool {
        // Most texts start with a printable ASCII character: no need to trim.
        !starts_with_ascii_non_space(&self.text) && self.text.trim().is_empty()
    }

    /// The source span of the whole text.
    pub fn full_span(&self) -> Option<Span> {
        let first = self.pieces.first()?;
        let last = self.pieces.last()?;
        Some(first.src.join(last.src))
    }

    fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let i = self
            .pieces
            .partition_point(|p| p.text_start + p.text_len <= offset);
        self.pieces.get(i).or(self.pieces.last())
    }

    /// The draft offset of text byte `offset` (start side).
    pub fn source_start(&self, offset: usize) -> usize {
        match self.piece_at(offset) {
            Some(p) if p.exact => p.src.start + offset.saturating_sub(p.text_start).min(p.text_len),
            Some(p) => p.src.start,
            None => 0,
        }
    }

    /// The draft offset just after text byte `offset - 1` (end side).
    pub fn source_end(&self, offset: usize) -> usize {
        let Some(p) = self.piece_at(offset.saturating_sub(1)) else {
            return 0;
        };
        if p.exact {
            p.src.start + offset.saturating_sub(p.text_start).min(p.text_len)
        } else {
            p.src.end
        }
    }

    /// The draft span of a text range.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        if range.is_empty() {
            return Span::point(self.source_start(range.start));
        }
        Span::new(self.source_start(range.start), self.source_end(range.end))
    }

    /// A copy with the given text ranges replaced; each replacement stands
    /// for the whole source span of the range it replaces. Ranges must be
    /// sorted and must not overlap.
    pub fn replaced(&self, replacements: &[(Range<usize>, &str)]) -> ProseText {
        // Size the copy up front: the text exactly, the pieces at most two
        // more per replacement (the replacement and the piece it splits).
        let mut text_len = self.text.len();
        let mut cursor = 0;
        for (range, new_text) in replacements {
            if range.start >= cursor {
                text_len = (text_len + new_text.len()).saturating_sub(range.len());
                cursor = range.end;
            }
        }
        let mut out = ProseText {
            text: String::with_capacity(text_len),
            pieces: Vec::with_capacity(self.pieces.len() + 2 * replacements.len()),
        };
        let mut cursor = 0;
        for (range, new_text) in replacements {
            if range.start < cursor {
                continue;
            }
            self.copy_into(&mut out, cursor..range.start);
            out.push_mapped(new_text, self.source_span(range.clone()));
            cursor = range.end;
        }
        self.copy_into(&mut out, cursor..self.text.len());
        out
    }

    fn copy_into(&self, out: &mut ProseText, range: Range<usize>) {
        for p in &self.pieces {
            let start = p.text_start.max(range.start);
            let end = (p.text_start + p.text_len).min(range.end);
            if start > end || (start == end && p.text_len != 0) {
                continue;
            }
            let Some(text) = self.text.get(start..end) else {
                continue;
            };
            if p.exact {
                let src_start = p.src.start + (start - p.text_start);
                out.push(text, Span::new(src_start, src_start + text.len()), true);
            } else {
                out.push(text, p.src, false);
            }
        }
    }
}

/// Whether `text` starts with an ASCII character that is not white space
/// (as `char::is_whitespace` has it: the space and `\t` to `\r`).
pub(crate) fn starts_with_ascii_non_space(text: &str) -> bool {
    text.as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r'))
}

/// Whether `text` ends with an ASCII character that is not white space.
pub(crate) fn ends_with_ascii_non_space(text: &str) -> bool {
    text.as_bytes()
        .last()
        .is_some_and(|&b| b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_exact_and_mapped_pieces() {
        // source: "ab\\$cd" -> text "ab$cd"
        let mut p = ProseText::default();
        p.push_exact("ab", 0);
        p.push_mapped("$", Span::new(2, 4));
        p.push_exact("cd", 4);
        assert_eq!(p.as_str(), "ab$cd");
        assert_eq!(p.source_span(0..2), Span::new(0, 2));
        assert_eq!(p.source_span(2..3), Span::new(2, 4));
        assert_eq!(p.source_span(1..5), Span::new(1, 6));
    }

    #[test]
    fn replacement_maps_to_the_replaced_source() {
        let mut p = ProseText::default();
        p.push_exact("Sales were {{ r.q }}.", 10);
        let q = p.replaced(&[(11..20, "JPY1 billion")]);
        assert_eq!(q.as_str(), "Sales were JPY1 billion.");
        // "billion" maps to the whole reference
        assert_eq!(q.source_span(16..23), Span::new(21, 30));
        // the final period maps exactly
        assert_eq!(q.source_span(23..24), Span::new(30, 31));
    }

    #[test]
    fn contiguous_exact_pieces_merge_without_changing_the_map() {
        // source `ab*cdef \$ gh`, in text events as Markdown might give them
        let mut p = ProseText::default();
        p.push_exact("ab", 0);
        p.push_exact("cd", 3); // not contiguous: `*` in between
        p.push_exact("ef", 5); // contiguous with "cd"
        p.push_exact(" ", 7); // contiguous
        p.push_mapped("$", Span::new(8, 10));
        p.push_exact(" gh", 10); // after a mapped piece: kept apart
        assert_eq!(p.as_str(), "abcdef $ gh");
        assert_eq!(p.pieces.len(), 4);
        assert_eq!(p.source_span(2..7), Span::new(3, 8));
        assert_eq!(p.source_span(3..5), Span::new(4, 6));
        assert_eq!(p.source_span(7..8), Span::new(8, 10));
        assert_eq!(p.source_span(8..11), Span::new(10, 13));
        assert_eq!(p.full_span(), Some(Span::new(0, 13)));
        // A verbatim piece whose source length differs is not exact, and
        // nothing merges into it.
        let mut q = ProseText::default();
        q.push_exact("ab", 0);
        q.push("cd", Span::new(2, 5), true);
        q.push_exact("ef", 5);
        assert_eq!(q.pieces.len(), 3);
        assert_eq!(q.source_span(2..4), Span::new(2, 5));
    }

    #[test]
    fn ascii_ends_agree_with_trimming() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{b}x\u{c}",
            "\u{3000}x",
            "x\u{a0}",
            "\u{85}",
            "\u{1c}",
            "\u{7f}",
            "売",
            "。 ",
            "\r\n",
        ] {
            if starts_with_ascii_non_space(text) {
                assert_eq!(text.trim_start(), text, "{text:?}");
                assert!(!text.trim().is_empty(), "{text:?}");
            }
            if ends_with_ascii_non_space(text) {
                assert_eq!(text.trim_end(), text, "{text:?}");
            }
        }
        // Every ASCII byte: white space exactly as `char::is_whitespace` says.
        for b in 0u8..0x80 {
            let text = char::from(b).to_string();
            assert_eq!(
                starts_with_ascii_non_space(&text),
                !char::from(b).is_whitespace(),
                "{b:#x}"
            );
            assert_eq!(
                ends_with_ascii_non_space(&text),
                !char::from(b).is_whitespace()
            );
        }
    }

    #[test]
    fn clear_empties_the_text() {
        let mut p = ProseText::default();
        p.push_exact("Some text.", 4);
        p.clear();
        assert!(p.is_empty());
        assert_eq!(p.as_str(), "");
        assert_eq!(p.full_span(), None);
        p.push_exact("More.", 20);
        assert_eq!(p.source_span(0..5), Span::new(20, 25));
    }

    #[test]
    fn overlapping_replacements_are_skipped() {
        let mut p = ProseText::default();
        p.push_exact("see www.x.y/{{a.b}} now", 0);
        // a URL that contains a reference: the reference is dropped
        let q = p.replaced(&[(4..19, ""), (12..19, "VALUE")]);
        assert_eq!(q.as_str(), "see  now");
        assert_eq!(q.source_span(4..5), Span::new(19, 20));
        let r = p.replaced(&[]);
        assert_eq!(r, p);
    }
}
