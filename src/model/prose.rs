//! Prose text: the words of one block as a reader sees them, with a map from
//! every byte back to the draft, through Markdown syntax, escapes, line
//! breaks and figure references.
//!
//! A text is written into a [`ProseBuffer`]; the finished texts of a
//! document go into one [`ProseStore`] (one buffer of text, one of pieces,
//! one of sentence ranges for the whole document, rather than three small
//! allocations per block), and each block reads its own part of the shared
//! store through a [`ProseText`]. The blocks are made as their texts are
//! finished, and the store is sealed into the [`SharedStore`] they share
//! once the last text is in.

use crate::source::Span;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// A stretch of a text and where it came from in the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Where the piece starts in its text (not in the store).
    text_start: usize,
    text_len: usize,
    src: Span,
    /// Whether each byte of the piece is the same byte of the source.
    exact: bool,
}

/// A text and its pieces, borrowed: every reading of a text (its source
/// spans, copies of parts of it) goes through this.
#[derive(Debug, Clone, Copy)]
pub struct MappedText<'a> {
    text: &'a str,
    pieces: &'a [Piece],
}

impl<'a> MappedText<'a> {
    /// The plain text.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// Whether there is no text (white space alone counts as none).
    pub fn is_empty(&self) -> bool {
        // Most texts start with a printable ASCII character: no need to trim.
        !starts_with_ascii_non_space(self.text) && self.text.trim().is_empty()
    }

    /// The source span of the whole text.
    pub fn full_span(&self) -> Option<Span> {
        self.map().full_span()
    }

    /// The draft span of a text range.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        self.map().source_span(range)
    }

    fn map(&self) -> PieceMap<'a> {
        PieceMap(self.pieces)
    }

    /// Write a copy of this text into `out` (which is cleared first) with
    /// the given text ranges replaced; each replacement stands for the whole
    /// source span of the range it replaces. Ranges must be sorted; one
    /// that overlaps the one before is skipped.
    pub fn replaced_into(&self, replacements: &[(Range<usize>, &str)], out: &mut ProseBuffer) {
        out.clear();
        let mut cursor = 0;
        for (range, new_text) in replacements {
            if range.start < cursor {
                continue;
            }
            self.copy_into(out, cursor..range.start);
            out.push_mapped(new_text, self.source_span(range.clone()));
            cursor = range.end;
        }
        self.copy_into(out, cursor..self.text.len());
    }

    fn copy_into(&self, out: &mut ProseBuffer, range: Range<usize>) {
        for p in self.pieces {
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

/// The pieces of a text: its map back to the draft.
#[derive(Debug, Clone, Copy)]
struct PieceMap<'a>(&'a [Piece]);

impl<'a> PieceMap<'a> {
    /// The source span of the whole text.
    fn full_span(&self) -> Option<Span> {
        let first = self.0.first()?;
        let last = self.0.last()?;
        Some(first.src.join(last.src))
    }

    fn piece_at(&self, offset: usize) -> Option<&'a Piece> {
        let i = self
            .0
            .partition_point(|p| p.text_start + p.text_len <= offset);
        self.0.get(i).or(self.0.last())
    }

    /// The draft offset of text byte `offset` (start side).
    fn source_start(&self, offset: usize) -> usize {
        match self.piece_at(offset) {
            Some(p) if p.exact => p.src.start + offset.saturating_sub(p.text_start).min(p.text_len),
            Some(p) => p.src.start,
            None => 0,
        }
    }

    /// The draft offset just after text byte `offset - 1` (end side).
    fn source_end(&self, offset: usize) -> usize {
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
    fn source_span(&self, range: Range<usize>) -> Span {
        if range.is_empty() {
            return Span::point(self.source_start(range.start));
        }
        Span::new(self.source_start(range.start), self.source_end(range.end))
    }
}

/// A text being written, piece by piece, with its map back to the draft.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProseBuffer {
    text: String,
    pieces: Vec<Piece>,
}

impl ProseBuffer {
    /// The text and its map.
    pub fn mapped(&self) -> MappedText<'_> {
        MappedText {
            text: &self.text,
            pieces: &self.pieces,
        }
    }

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
        self.mapped().is_empty()
    }
}

/// Where one text is in a [`ProseStore`].
#[derive(Debug, Clone)]
pub struct Place {
    text: Range<usize>,
    pieces: Range<usize>,
}

/// The texts of one document and their sentence ranges, each kind in one
/// buffer: texts are appended as blocks are finished and never change.
#[derive(Debug, Default)]
pub struct ProseStore {
    text: String,
    pieces: Vec<Piece>,
    sentences: Vec<Range<usize>>,
}

impl ProseStore {
    /// A store with room for `text_len` bytes of text in `pieces` pieces.
    pub fn with_capacity(text_len: usize, pieces: usize) -> ProseStore {
        ProseStore {
            text: String::with_capacity(text_len),
            pieces: Vec::with_capacity(pieces),
            sentences: Vec::new(),
        }
    }

    /// Append a copy of `buffer`'s text; returns where it is.
    pub fn append(&mut self, buffer: &ProseBuffer) -> Place {
        let text = self.text.len()..self.text.len() + buffer.text.len();
        let pieces = self.pieces.len()..self.pieces.len() + buffer.pieces.len();
        self.text.push_str(&buffer.text);
        self.pieces.extend_from_slice(&buffer.pieces);
        Place { text, pieces }
    }

    /// The text at `place`.
    pub fn get(&self, place: &Place) -> MappedText<'_> {
        MappedText {
            text: self.text.get(place.text.clone()).unwrap_or(""),
            pieces: self.pieces.get(place.pieces.clone()).unwrap_or(&[]),
        }
    }

    /// Make room for `sentences` more sentence ranges.
    pub fn reserve_sentences(&mut self, sentences: usize) {
        self.sentences.reserve(sentences);
    }

    /// Append the sentence ranges of one text; returns where they are.
    pub fn push_sentences(&mut self, sentences: &[Range<usize>]) -> Range<usize> {
        let start = self.sentences.len();
        self.sentences.extend_from_slice(sentences);
        start..self.sentences.len()
    }
}

/// A document's [`ProseStore`] as its blocks share it, by reference: empty
/// until it is sealed, and never changed after.
#[derive(Debug, Clone, Default)]
pub struct SharedStore(Arc<OnceLock<ProseStore>>);

impl SharedStore {
    /// The text at `place` of the store (once sealed), with the sentence
    /// ranges at `sentences`.
    pub fn text(&self, place: Place, sentences: Range<usize>) -> ProseText {
        ProseText {
            store: self.clone(),
            place,
            sentences,
        }
    }

    /// Seal the store with its finished contents; a store sealed already
    /// keeps what it has.
    pub fn seal(&self, store: ProseStore) {
        let _sealed_already = self.0.set(store);
    }

    fn get(&self) -> Option<&ProseStore> {
        self.0.get()
    }
}

/// The text of a block, its map back to the draft and its sentences: a
/// part of its document's [`SharedStore`]. Before the store is sealed, the
/// text reads as empty.
#[derive(Clone)]
pub struct ProseText {
    store: SharedStore,
    place: Place,
    sentences: Range<usize>,
}

impl ProseText {
    /// The text and its map.
    pub fn mapped(&self) -> MappedText<'_> {
        match self.store.get() {
            Some(store) => store.get(&self.place),
            None => MappedText {
                text: "",
                pieces: &[],
            },
        }
    }

    /// The plain text.
    pub fn as_str(&self) -> &str {
        self.mapped().as_str()
    }

    /// The sentence ranges in the text, in order.
    pub fn sentences(&self) -> &[Range<usize>] {
        self.store
            .get()
            .and_then(|store| store.sentences.get(self.sentences.clone()))
            .unwrap_or(&[])
    }

    /// The source span of the whole text.
    pub fn full_span(&self) -> Option<Span> {
        self.map().full_span()
    }

    /// The draft span of a text range.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        self.map().source_span(range)
    }

    /// The map alone (what the source spans need), without slicing the text.
    fn map(&self) -> PieceMap<'_> {
        PieceMap(
            self.store
                .get()
                .and_then(|store| store.pieces.get(self.place.pieces.clone()))
                .unwrap_or(&[]),
        )
    }
}

impl PartialEq for ProseText {
    /// The same text, map and sentences (wherever they are stored).
    fn eq(&self, other: &ProseText) -> bool {
        let (a, b) = (self.mapped(), other.mapped());
        a.text == b.text && a.pieces == b.pieces && self.sentences() == other.sentences()
    }
}

impl Eq for ProseText {}

impl std::fmt::Debug for ProseText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mapped = self.mapped();
        f.debug_struct("ProseText")
            .field("text", &mapped.text)
            .field("pieces", &mapped.pieces)
            .field("sentences", &self.sentences())
            .finish()
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

    fn replaced(p: &ProseBuffer, replacements: &[(Range<usize>, &str)]) -> ProseBuffer {
        let mut out = ProseBuffer::default();
        p.mapped().replaced_into(replacements, &mut out);
        out
    }

    #[test]
    fn stored_texts_keep_their_maps_and_sentences() {
        let mut store = ProseStore::default();
        let mut p = ProseBuffer::default();
        p.push_exact("One. Two.", 10);
        let first = store.append(&p);
        let first_sentences = store.push_sentences(&[0..4, 5..9]);
        p.clear();
        p.push_mapped("$", Span::new(30, 32));
        p.push_exact("5", 32);
        let second = store.append(&p);
        let second_sentences = store.push_sentences(std::slice::from_ref(&(0..2)));
        let shared = SharedStore::default();
        let a = shared.text(first, first_sentences);
        let b = shared.text(second, second_sentences);
        // Empty until sealed.
        assert_eq!(a.as_str(), "");
        assert!(a.sentences().is_empty());
        assert_eq!(a.source_span(0..2), Span::point(0));
        shared.seal(store);
        assert_eq!(a.as_str(), "One. Two.");
        assert_eq!(a.sentences(), [0..4, 5..9]);
        assert_eq!(a.source_span(5..9), Span::new(15, 19));
        assert_eq!(b.as_str(), "$5");
        assert_eq!(b.sentences(), std::slice::from_ref(&(0..2)));
        // Offsets are the text's own, not the store's.
        assert_eq!(b.source_span(0..1), Span::new(30, 32));
        assert_eq!(b.source_span(1..2), Span::new(32, 33));
        assert_eq!(b.full_span(), Some(Span::new(30, 33)));
        // Equal by content, wherever stored.
        let mut other = ProseStore::default();
        let place = other.append(&p);
        let sentences = other.push_sentences(std::slice::from_ref(&(0..2)));
        let elsewhere = SharedStore::default();
        let copy = elsewhere.text(place, sentences);
        elsewhere.seal(other);
        assert_eq!(copy, b);
        assert_ne!(a, b);
        // A second seal changes nothing.
        elsewhere.seal(ProseStore::default());
        assert_eq!(copy, b);
        // A place outside the store reads as an empty text.
        let lost = shared.text(
            Place {
                text: 50..60,
                pieces: 7..9,
            },
            4..5,
        );
        assert_eq!(lost.as_str(), "");
        assert!(lost.sentences().is_empty());
        assert_eq!(lost.full_span(), None);
    }

    #[test]
    fn maps_exact_and_mapped_pieces() {
        // source: "ab\\$cd" -> text "ab$cd"
        let mut p = ProseBuffer::default();
        p.push_exact("ab", 0);
        p.push_mapped("$", Span::new(2, 4));
        p.push_exact("cd", 4);
        assert_eq!(p.as_str(), "ab$cd");
        assert_eq!(p.mapped().source_span(0..2), Span::new(0, 2));
        assert_eq!(p.mapped().source_span(2..3), Span::new(2, 4));
        assert_eq!(p.mapped().source_span(1..5), Span::new(1, 6));
    }

    #[test]
    fn replacement_maps_to_the_replaced_source() {
        let mut p = ProseBuffer::default();
        p.push_exact("Sales were {{ r.q }}.", 10);
        let q = replaced(&p, &[(11..20, "JPY1 billion")]);
        assert_eq!(q.as_str(), "Sales were JPY1 billion.");
        // "billion" maps to the whole reference
        assert_eq!(q.mapped().source_span(16..23), Span::new(21, 30));
        // the final period maps exactly
        assert_eq!(q.mapped().source_span(23..24), Span::new(30, 31));
    }

    #[test]
    fn contiguous_exact_pieces_merge_without_changing_the_map() {
        // source `ab*cdef \$ gh`, in text events as Markdown might give them
        let mut p = ProseBuffer::default();
        p.push_exact("ab", 0);
        p.push_exact("cd", 3); // not contiguous: `*` in between
        p.push_exact("ef", 5); // contiguous with "cd"
        p.push_exact(" ", 7); // contiguous
        p.push_mapped("$", Span::new(8, 10));
        p.push_exact(" gh", 10); // after a mapped piece: kept apart
        assert_eq!(p.as_str(), "abcdef $ gh");
        assert_eq!(p.pieces.len(), 4);
        assert_eq!(p.mapped().source_span(2..7), Span::new(3, 8));
        assert_eq!(p.mapped().source_span(3..5), Span::new(4, 6));
        assert_eq!(p.mapped().source_span(7..8), Span::new(8, 10));
        assert_eq!(p.mapped().source_span(8..11), Span::new(10, 13));
        assert_eq!(p.mapped().full_span(), Some(Span::new(0, 13)));
        // A verbatim piece whose source length differs is not exact, and
        // nothing merges into it.
        let mut q = ProseBuffer::default();
        q.push_exact("ab", 0);
        q.push("cd", Span::new(2, 5), true);
        q.push_exact("ef", 5);
        assert_eq!(q.pieces.len(), 3);
        assert_eq!(q.mapped().source_span(2..4), Span::new(2, 5));
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
        let mut p = ProseBuffer::default();
        p.push_exact("Some text.", 4);
        p.clear();
        assert!(p.is_empty());
        assert_eq!(p.as_str(), "");
        assert_eq!(p.mapped().full_span(), None);
        p.push_exact("More.", 20);
        assert_eq!(p.mapped().source_span(0..5), Span::new(20, 25));
    }

    #[test]
    fn overlapping_replacements_are_skipped() {
        let mut p = ProseBuffer::default();
        p.push_exact("see www.x.y/{{a.b}} now", 0);
        // a URL that contains a reference: the reference is dropped
        let q = replaced(&p, &[(4..19, ""), (12..19, "VALUE")]);
        assert_eq!(q.as_str(), "see  now");
        assert_eq!(q.mapped().source_span(4..5), Span::new(19, 20));
        let r = replaced(&p, &[]);
        assert_eq!(r, p);
    }
}
