//! Sentence splitting for English and Japanese release prose.
//!
//! English sentences end at `.`, `!` or `?` followed by a space and a word
//! that can start a sentence — but not after abbreviations such as "Inc.",
//! "U.S.", "No. 1" or "e.g.", and never inside a decimal like "10.6".
//! Japanese sentences end at `。`, `！` or `？` (with any closing bracket).

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
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = match c {
            '。' | '！' | '？' => Some(after_closers(text, i + c.len_utf8())),
            '.' | '!' | '?' => {
                let after = after_closers(text, i + 1);
                let rest = text.get(after..).unwrap_or("");
                let at_end = rest.trim().is_empty();
                let spaced = rest.starts_with(char::is_whitespace);
                let ends = at_end || (spaced && (c != '.' || period_ends(text, i, rest)));
                ends.then_some(after)
            }
            _ => None,
        };
        if let Some(end) = end {
            push_trimmed(text, start..end, &mut out);
            start = end;
            while iter.peek().is_some_and(|&(j, _)| j < end) {
                iter.next();
            }
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

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
    let before = text.get(..dot).unwrap_or("");
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |i| {
            i + before
                .get(i..)
                .and_then(|s| s.chars().next())
                .map_or(1, char::len_utf8)
        });
    let word = before.get(word_start..).unwrap_or("").to_lowercase();
    let next_word: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let next_char = rest.trim_start().chars().next().unwrap_or(' ');
    let next_starts = next_char.is_uppercase()
        || next_char.is_ascii_digit()
        || matches!(next_char, '"' | '“' | '(' | '\'' | '‘' | '¥' | '$')
        || !next_char.is_ascii();
    if !next_starts {
        return false;
    }
    if NEVER_FINAL.contains(&word.as_str()) {
        return false;
    }
    // A single capital letter is an initial ("J. Smith").
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return false;
    }
    if MAYBE_FINAL.contains(&word.as_str()) || (word.contains('.') && word.len() <= 6) {
        return STARTERS.contains(&next_word.to_lowercase().as_str());
    }
    true
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
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
}
