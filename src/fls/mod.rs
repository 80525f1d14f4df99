//! Forward-looking statements (FLS): deciding whether a sentence speaks about
//! the future — expectations, plans, beliefs, projections, guidance — the way
//! a securities lawyer reads it.
//!
//! Detection works on one sentence at a time, in two steps:
//!
//! 1. a fast prefilter (one Aho-Corasick automaton over every English and
//!    Japanese cue stem) skips the many sentences that cannot be
//!    forward-looking;
//! 2. the language's reader ([`english`] or [`japanese`], chosen by the
//!    sentence's script) looks at each cue in its context and drops the
//!    known traps: "May" the month, "goodwill", a "pension plan", "higher
//!    than expected", "had planned", 予想を上回りました, 計画通り完了しました.
//!
//! The rules are general (parts of speech, tense, collocations); the labelled
//! sentence set in `tests/fls/` measures them.

pub mod english;
pub mod japanese;

use std::ops::Range;

/// Why a sentence is forward-looking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The cue's byte range in the sentence.
    pub range: Range<usize>,
    /// The cue as the writer reads it, e.g. `expects … to improve` or `見込み`.
    pub phrase: String,
}

/// The first forward-looking cue of `sentence`, if it has one.
pub fn detect(sentence: &str) -> Option<Cue> {
    if is_japanese(sentence) {
        japanese::detect(sentence)
    } else {
        english::detect(sentence)
    }
}

/// Whether the sentence is written in Japanese (has kana or kanji).
pub fn is_japanese(text: &str) -> bool {
    // In UTF-8, kana (U+3040–30FF) start with byte 0xE3 and kanji
    // (U+3400–9FFF) with 0xE3–0xE9; a byte test avoids decoding characters.
    let bytes = text.as_bytes();
    // Fast path: no lead byte of U+3000–9FFF at all. Each chunk is tested
    // without an early exit, which vectorises.
    let has_lead = bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | (b.wrapping_sub(0xE3) <= 0xE9 - 0xE3)
        })
    });
    if !has_lead {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0xE3 => matches!(bytes.get(i + 1), Some(0x81..=0x83 | 0x90..=0xBF)),
        0xE4..=0xE9 => true,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_the_reader_by_script() {
        assert!(detect("IIJ expects its operating profit to improve considerably.").is_some());
        assert!(detect("通期の売上高は450億円となる見込みです。").is_some());
        assert!(detect("Operating loss was JPY296 million.").is_none());
        assert!(detect("売上高は105億6,700万円となりました。").is_none());
    }
}
