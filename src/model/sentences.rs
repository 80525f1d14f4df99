//! Sentence splitting for English and Japanese release prose.
//!
//! English sentences end at `.`, `!` or `?` followed by a space and a word
//! that can start a sentence — but not after abbreviations such as "Inc.",
//! "U.S.", "No. 1" or "e.g.", and never inside a decimal like "10.6".
//! Japanese sentences end at `。`, `！` or `？` (with any closing bracket).

use crate::model::prose::{ends_with_ascii_non_space, starts_with_ascii_non_space};
use crate::text::ByteClasses;
use std::borrow::Cow;
use std::ops::Range;

/// Abbreviations after which a period never ends a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "no", "nos", "vs", "e.g", "i.e", "cf", "approx", "fig", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "st", "mt", "ft",
    "est", "ref", "vol", "art", "sec", "para", "ch", "p", "pp",
];

/// Abbreviations that end a sentence only when the next word clearly starts one.
const MAYBE_FINAL: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "k.k", "u.s", "u.k", "u.s.a", "s.a", "n.v", "ag",
    "etc", "jr", "sr",
];

/// Words that start a new sentence after a "maybe final" abbreviation.
const STARTERS: &[&str] = &[
    "the",
    "this",
    "these",
    "that",
    "those",
    "it",
    "its",
    "we",
    "our",
    "in",
    "for",
    "as",
    "on",
    "at",
    "a",
    "an",
    "he",
    "she",
    "they",
    "there",
    "such",
    "however",
    "moreover",
    "furthermore",
    "revenue",
    "revenues",
    "total",
    "net",
    "operating",
    "during",
    "from",
    "with",
    "by",
    "all",
    "each",
    "both",
];

/// Split `text` into trimmed sentence ranges.
///
/// The scan works on bytes: every sentence-ending mark is either an ASCII
/// byte (`.`, `!`, `?`) or a three-byte UTF-8 sequence starting with `0xE3`
/// (`。`) or `0xEF` (`！`, `？`). Lead bytes and ASCII bytes never occur
/// inside another character's encoding, so a byte match is always at a
/// character boundary.
pub fn split(text: &str) -> Vec<Range<usize>> {
    split_classified(text, ByteClasses::of(text))
}

/// [`split`] for a text whose [`ByteClasses`] are known: a text without a
/// sentence mark is one sentence, and one without the lead bytes of the
/// Japanese marks is searched for the ASCII marks alone.
pub fn split_classified(text: &str, classes: ByteClasses) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    split_into(text, classes, &mut out);
    out
}

/// [`split_classified`], writing the sentences into `out` (emptied first):
/// a buffer kept from block to block grows only for the longest.
pub fn split_into(text: &str, classes: ByteClasses, out: &mut Vec<Range<usize>>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let mut marks = MarkCandidates::for_classes(classes);
    while let Some(found) = marks.next_from(bytes, i) {
        i = found;
        let end = match bytes.get(i..) {
            Some([b'.' | b'!' | b'?', ..]) => ascii_end(text, i),
            Some([0xE3, 0x80, 0x82, ..] | [0xEF, 0xBC, 0x81 | 0x9F, ..]) => {
                Some(after_closers(text, i + 3))
            }
            _ => None,
        };
        match end {
            Some(end) => {
                push_trimmed(text, start..end, out);
                start = end;
                // Never rescan what the sentence (and its closers) consumed.
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    push_trimmed(text, start..text.len(), out);
}

/// The bytes that may start a sentence-ending mark, found by SIMD byte
/// search (memchr): `.`, `!` and `?`, and the lead bytes of `。` (`0xE3`)
/// and of `！` and `？` (`0xEF`). The next ASCII and the next lead byte are
/// searched for apart and each remembered until passed, so that neither
/// search runs over the text more than once.
#[derive(Default)]
struct MarkCandidates {
    /// The next ASCII mark at or after the last position asked for, or `None` before the first search.
    ascii: Option<Option<usize>>,
    /// The same for the lead bytes.
    lead: Option<Option<usize>>,
}

impl MarkCandidates {
    /// Candidates in a text of `classes`: a kind of mark the text cannot
    /// hold is known from the start not to come.
    fn for_classes(classes: ByteClasses) -> Self {
        let ascii = classes.may_have(b'.') || classes.may_have(b'!') || classes.may_have(b'?');
        let lead = classes.may_have(0xE3) || classes.may_have(0xEF);
        MarkCandidates {
            ascii: (!ascii).then_some(None),
            lead: (!lead).then_some(None),
        }
    }

    /// The first candidate at or after byte `from`.
    fn next_from(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        let rest = bytes.get(from..).unwrap_or_default();
        if self.ascii.is_none_or(|at| at.is_some_and(|at| at < from)) {
            self.ascii = Some(memchr::memchr3(b'.', b'!', b'?', rest).map(|i| from + i));
        }
        if self.lead.is_none_or(|at| at.is_some_and(|at| at < from)) {
            self.lead = Some(memchr::memchr2(0xE3, 0xEF, rest).map(|i| from + i));
        }
        match (self.ascii.flatten(), self.lead.flatten()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Where the sentence ends if the ASCII `.`, `!` or `?` at byte `mark` ends it.
fn ascii_end(text: &str, mark: usize) -> Option<usize> {
    let after = after_closers(text, mark + 1);
    let rest = text.get(after..).unwrap_or("");
    let at_end = rest.trim_start().is_empty();
    let spaced = rest.starts_with(char::is_whitespace);
    let is_period = text.as_bytes().get(mark) == Some(&b'.');
    let ends = at_end || (spaced && (!is_period || period_ends(text, mark, rest)));
    ends.then_some(after)
}

/// The offset just past any closing quotes and brackets starting at `at`.
fn after_closers(text: &str, mut at: usize) -> usize {
    for c in text.get(at..).unwrap_or("").chars() {
        if matches!(
            c,
            '"' | '\'' | ')' | ']' | '”' | '’' | '」' | '』' | '）' | '】'
        ) {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

/// Decide whether the period at `dot` ends a sentence; `rest` follows it and starts with a space.
fn period_ends(text: &str, dot: usize, rest: &str) -> bool {
    let next = rest.trim_start();
    let next_char = next.chars().next().unwrap_or(' ');
    let next_starts = next_char.is_uppercase()
        || next_char.is_ascii_digit()
        || matches!(next_char, '"' | '“' | '(' | '\'' | '‘' | '¥' | '$')
        || !next_char.is_ascii();
    if !next_starts {
        return false;
    }
    let before = text.get(..dot).unwrap_or("");
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |i| {
            i + before
                .get(i..)
                .and_then(|s| s.chars().next())
                .map_or(1, char::len_utf8)
        });
    let word = lowercase_if_needed(before.get(word_start..).unwrap_or(""));
    let word = word.as_ref();
    if is_listed(word, NEVER_FINAL) {
        return false;
    }
    // A single capital letter is an initial ("J. Smith").
    let mut chars = word.chars();
    if chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none() {
        return false;
    }
    if is_listed(word, MAYBE_FINAL) || (word.contains('.') && word.len() <= 6) {
        let next_word = next
            .find(|c: char| !c.is_alphanumeric())
            .map_or(next, |end| next.get(..end).unwrap_or(next));
        return is_listed(&lowercase_if_needed(next_word), STARTERS);
    }
    true
}

/// `word` itself when it is ASCII (compare it with [`is_listed`], which
/// ignores ASCII case), otherwise its full Unicode lowercase. Only non-ASCII
/// words allocate; they cannot take the ASCII shortcut because a non-ASCII
/// letter can lowercase to an ASCII one (the Kelvin sign `K` to `k`) or to
/// more than one character (`İ` to `i̇`).
fn lowercase_if_needed(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether `word` (ASCII, or already lowercase) is one of the lowercase ASCII `list`.
fn is_listed(word: &str, list: &[&str]) -> bool {
    list.iter().any(|entry| entry.eq_ignore_ascii_case(word))
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    // Most sentences start and end with printable ASCII: nothing to trim.
    let lead = if starts_with_ascii_non_space(slice) {
        0
    } else {
        slice.len() - slice.trim_start().len()
    };
    let trail = if ends_with_ascii_non_space(slice) {
        0
    } else {
        slice.len() - slice.trim_end().len()
    };
    let r = range.start + lead..range.end - trail;
    if !r.is_empty() && r.start < r.end {
        out.push(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english_with_abbreviations_and_decimals() {
        let t = "Internet Initiative Japan Inc. reported revenues of JPY10.6 billion. It is the No. 1 provider in the U.S. market. The outlook is strong!";
        assert_eq!(
            sentences(t),
            [
                "Internet Initiative Japan Inc. reported revenues of JPY10.6 billion.",
                "It is the No. 1 provider in the U.S. market.",
                "The outlook is strong!"
            ]
        );
    }

    #[test]
    fn company_suffix_can_end_a_sentence() {
        let t = "The service was launched by IIJ Inc. The results follow.";
        assert_eq!(sentences(t).len(), 2);
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            sentences("Revenue rose approx. ten percent, e.g. in SI.").len(),
            1
        );
    }

    #[test]
    fn japanese_sentences() {
        let t = "売上高は106億円となりました。営業損失は拡大しました。「今後も改善する見込みです。」次へ";
        assert_eq!(
            sentences(t),
            [
                "売上高は106億円となりました。",
                "営業損失は拡大しました。",
                "「今後も改善する見込みです。」",
                "次へ"
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        let t = "He said \"we grew.\" Then he left.";
        assert_eq!(sentences(t), ["He said \"we grew.\"", "Then he left."]);
    }

    #[test]
    fn finds_every_mark_candidate_in_order() {
        let naive = |bytes: &[u8], from: usize| {
            (from..bytes.len())
                .find(|&i| matches!(bytes.get(i), Some(b'.' | b'!' | b'?' | 0xE3 | 0xEF)))
        };
        // 売 is E5 A3 B2: no candidate; あ is E3 81 82: a candidate that
        // `split` then rejects; 。 is E3 80 82.
        for text in [
            "",
            "no marks in this text at all, none",
            "売売売売売売売売",
            "売あ",
            "One. Two! 売上高。Three? ｛x｝ end",
            "。。..！？",
        ] {
            let bytes = text.as_bytes();
            // Asked from every position in turn, and from every other one.
            for step in [1, 2, 5] {
                let mut marks = MarkCandidates::default();
                for from in (0..=bytes.len()).step_by(step) {
                    assert_eq!(
                        marks.next_from(bytes, from),
                        naive(bytes, from),
                        "{text:?} from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn abbreviation_lookup_agrees_with_unicode_lowercase() {
        let words = [
            "Inc",
            "INC",
            "inc",
            "U.S",
            "u.s.a",
            "K.K",
            "No",
            "NOS",
            "e.G",
            "Approx",
            "Revenue",
            "THE",
            "",
            "x",
            "Kelvin",
            "\u{212A}.\u{212A}",
            "\u{212A}nc",
            "İnc",
            "İ",
            "École",
            "ÉTÉ",
            "Straße",
            "Ωmega",
        ];
        for list in [NEVER_FINAL, MAYBE_FINAL, STARTERS] {
            for word in words {
                assert_eq!(
                    is_listed(&lowercase_if_needed(word), list),
                    list.contains(&word.to_lowercase().as_str()),
                    "{word:?}"
                );
            }
        }
        // The Kelvin sign lowercases to an ASCII `k`.
        assert!(is_listed(
            &lowercase_if_needed("\u{212A}.\u{212A}"),
            MAYBE_FINAL
        ));
        assert!(matches!(lowercase_if_needed("Inc"), Cow::Borrowed("Inc")));
    }

    #[test]
    fn abbreviations_decide_by_the_next_word() {
        assert_eq!(
            sentences("It sells in the U.S. The market grew."),
            ["It sells in the U.S.", "The market grew."]
        );
        assert_eq!(sentences("It buys U.S. Steel shares.").len(), 1);
        assert_eq!(sentences("See Nos. 3 and 4. Then stop.").len(), 2);
        assert_eq!(sentences("Ask J. Smith. He knows.").len(), 2);
        assert_eq!(sentences("Ask J. Smith about it.").len(), 1);
        // Non-ASCII words are compared by their Unicode lowercase.
        assert_eq!(sentences("By \u{212A}.\u{212A}. The end.").len(), 2);
        assert_eq!(sentences("By \u{212A}.\u{212A}. Sony said so.").len(), 1);
        assert_eq!(
            sentences("By İ. Smith.").len(),
            2,
            "İ lowercases to two characters"
        );
    }

    #[test]
    fn decimals_and_numbers() {
        assert_eq!(
            sentences("Revenue rose 10.6% to JPY10.6 billion. Version 1.5.3 shipped."),
            [
                "Revenue rose 10.6% to JPY10.6 billion.",
                "Version 1.5.3 shipped."
            ]
        );
        assert_eq!(
            sentences("It was No. 1. 2003 was better."),
            ["It was No. 1.", "2003 was better."]
        );
    }

    #[test]
    fn marks_after_long_runs_and_at_the_end() {
        let t = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa. Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb! Ccc?";
        assert_eq!(sentences(t).len(), 3);
        assert_eq!(sentences("Ends with a period."), ["Ends with a period."]);
        assert_eq!(sentences("  Trailing space. "), ["Trailing space."]);
        assert!(sentences("").is_empty());
        assert!(sentences(" \n ").is_empty());
        assert_eq!(sentences("..."), ["..."]);
    }

    #[test]
    fn japanese_marks_and_lookalikes() {
        assert_eq!(
            sentences("すごい！本当？『はい。』次"),
            ["すごい！", "本当？", "『はい。』", "次"]
        );
        // The full-width full stop `．` (EF BC 8E) shares a lead byte with
        // `！` and `？` but does not end a sentence.
        assert_eq!(sentences("全角．ピリオド"), ["全角．ピリオド"]);
        // Japanese after an English period ends the English sentence.
        assert_eq!(sentences("It grew. 売上高は増えました。").len(), 2);
    }
}
