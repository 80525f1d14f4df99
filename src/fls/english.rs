//! The English reader: cues of the future (modal verbs, verbs of expectation,
//! guidance words, future periods) judged in their context, so that "May"
//! the month, "goodwill", a "pension plan", "higher than expected" and
//! "the company had planned" are not taken for forward-looking statements.

use super::Cue;
use std::sync::LazyLock;

/// Stems of every English cue; a sentence without any of them is skipped.
const STEMS: &[&str] = &[
    "will",
    "shall",
    "would",
    "should",
    "could",
    "might",
    "may",
    "'ll",
    "’ll",
    "expect",
    "anticipat",
    "intend",
    "plan",
    "estimat",
    "forecast",
    "project",
    "target",
    "aim",
    "seek",
    "outlook",
    "guidance",
    "forward",
    "track",
    "believ",
    "hope",
    "foresee",
    "predict",
    "envision",
    "envisag",
    "next",
    "coming",
    "future",
    "schedul",
    "slated",
    "poised",
    "likely",
    "confident",
    "(e)",
    "goal",
    "objective",
    "course",
    "ending",
    "set to",
    "budget",
    " to be ",
    "aspire",
    "commit",
    " term",
];

/// The stems grouped by their first two bytes, so that a word start is
/// checked against the one or two stems it could begin.
///
/// Looking for stems at word starts only gives the same starts as a
/// leftmost-first search of every stem followed by a word-start test: no
/// stem match can cover a word start at which another stem begins (checked
/// by a test), so no start is hidden by an earlier match.
struct StemIndex {
    /// For every two bytes (`first << 8 | second`, in any ASCII case), the
    /// number of their group in `groups`; 0 for none.
    /// (An array, so that a two-byte index needs no bounds check.)
    group_of_opening: Box<[u8; 1 << 16]>,
    /// The stems of each group (group 0 is empty).
    groups: Vec<Vec<&'static [u8]>>,
    /// For each group, the set of the third bytes of its stems (in either
    /// ASCII case), 256 bits: "and", "for", "with" and "in" open a group
    /// but are told apart from its stems by their third byte.
    third_bytes: Vec<[u64; 4]>,
}

static STEM_INDEX: LazyLock<StemIndex> = LazyLock::new(|| {
    let mut index = StemIndex {
        group_of_opening: Box::new([0; 1 << 16]),
        groups: vec![Vec::new()],
        third_bytes: vec![[0; 4]],
    };
    let cases = |b: u8| [b.to_ascii_lowercase(), b.to_ascii_uppercase()];
    for stem in STEMS {
        let bytes = stem.as_bytes();
        let [first, second, ..] = bytes else {
            continue;
        };
        let lower = opening(first.to_ascii_lowercase(), second.to_ascii_lowercase());
        let group = match index.group_of_opening.get(lower).copied().unwrap_or(0) {
            0 => {
                index.groups.push(Vec::new());
                index.third_bytes.push([0; 4]);
                u8::try_from(index.groups.len() - 1).unwrap_or(0)
            }
            known => known,
        };
        if let Some(stems) = index.groups.get_mut(usize::from(group)) {
            stems.push(bytes);
        }
        // Every stem has at least three bytes.
        if let (Some(set), Some(&third)) =
            (index.third_bytes.get_mut(usize::from(group)), bytes.get(2))
        {
            for c in cases(third) {
                if let Some(word) = set.get_mut(usize::from(c >> 6)) {
                    *word |= 1 << (c & 63);
                }
            }
        }
        for a in cases(*first) {
            for b in cases(*second) {
                if let Some(slot) = index.group_of_opening.get_mut(opening(a, b)) {
                    *slot = group;
                }
            }
        }
    }
    index
});

/// The index of two bytes in [`StemIndex::group_of_opening`].
#[inline]
fn opening(first: u8, second: u8) -> usize {
    usize::from(first) << 8 | usize::from(second)
}

impl StemIndex {
    /// Whether a cue stem starts at byte `at` of `bytes` (ASCII case ignored).
    ///
    /// Inlined into the word-start loops: most word starts open no stem,
    /// which one table look-up tells; the stems are compared out of line.
    #[inline]
    fn stem_at(&self, bytes: &[u8], at: usize) -> bool {
        let (Some(&first), second) = (bytes.get(at), bytes.get(at + 1).copied().unwrap_or(0))
        else {
            return false;
        };
        let group = self
            .group_of_opening
            .get(opening(first, second))
            .copied()
            .unwrap_or(0);
        group != 0
            && self.third_fits(group, bytes.get(at + 2))
            && self.group_stem_at(group, bytes, at)
    }

    /// Whether `third` is the third byte of a stem of `group`.
    #[inline]
    fn third_fits(&self, group: u8, third: Option<&u8>) -> bool {
        let (Some(set), Some(&c)) = (self.third_bytes.get(usize::from(group)), third) else {
            return false;
        };
        set.get(usize::from(c >> 6))
            .is_some_and(|word| word & (1 << (c & 63)) != 0)
    }

    /// Whether a stem of `group` starts at byte `at`, whose first two bytes
    /// open that group.
    #[inline(never)]
    fn group_stem_at(&self, group: u8, bytes: &[u8], at: usize) -> bool {
        self.groups.get(usize::from(group)).is_some_and(|stems| {
            stems.iter().any(|stem| {
                // The first two bytes are known to match.
                let rest = stem.get(2..).unwrap_or_default();
                bytes
                    .get(at + 2..at + stem.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(rest))
            })
        })
    }
}

/// For eight bytes read as a little-endian word: the top bit of each byte
/// that is not an ASCII letter, set (eight bytes tested at once).
fn non_letters(word: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let ascii = !word & HIGH;
    // Lower-case and drop the top bits: letters are then 0x61..=0x7A.
    let lower = (word | 0x2020_2020_2020_2020) & !HIGH;
    // No byte carries into the next: each sum stays below 0x100.
    let at_least_a = lower + 0x1F1F_1F1F_1F1F_1F1F;
    let past_z = lower + 0x0505_0505_0505_0505;
    let letters = at_least_a & !past_z & ascii;
    !letters & HIGH
}

/// The first word start in `range` of `text` at which a cue stem begins
/// (the stem may run past the range's end). A word starts where the byte
/// before is not an ASCII letter.
fn first_stem_start(text: &str, range: std::ops::Range<usize>) -> Option<usize> {
    let bytes = text.as_bytes();
    let index = &*STEM_INDEX;
    let end = range.end.min(bytes.len());
    let start = range.start;
    if start >= end {
        return None;
    }
    let is_stem = |at: usize| index.stem_at(bytes, at);
    let starts_word = start
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_none_or(|b| !b.is_ascii_alphabetic());
    if starts_word && is_stem(start) {
        return Some(start);
    }
    // Every other word start follows a byte that is not a letter: find
    // those eight bytes at a time.
    let mut i = start;
    while i + 8 < end {
        let Some(chunk) = bytes
            .get(i..i + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        else {
            break;
        };
        let mut marks = non_letters(u64::from_le_bytes(chunk));
        while marks != 0 {
            let at = i + (marks.trailing_zeros() / 8) as usize + 1;
            if is_stem(at) {
                return Some(at);
            }
            marks &= marks - 1;
        }
        i += 8;
    }
    while i + 1 < end {
        if bytes.get(i).is_some_and(|b| !b.is_ascii_alphabetic()) && is_stem(i + 1) {
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// Whether a cue stem starts a word inside `range` of `text` (a sentence of
/// a block: the block is read as a whole, so a stem may run past the
/// sentence's end).
pub fn has_stem_start(text: &str, range: std::ops::Range<usize>) -> bool {
    first_stem_start(text, range).is_some()
}

/// A word or punctuation mark of the sentence.
#[derive(Debug, Clone)]
struct Token<'a> {
    text: &'a str,
    /// Lower case, with ’ as '; the word itself when it already is.
    lower: &'a str,
    start: usize,
    end: usize,
}

/// Split into words (letters and digits, with inner `'`, `’`, `-` or `.`
/// between letters) and single punctuation marks. The lower-case forms that
/// differ from the words are written one after another into `lowered`
/// (one buffer for the sentence rather than one allocation per word).
fn tokenize<'a>(sentence: &'a str, lowered: &'a mut String) -> Vec<Token<'a>> {
    if sentence.is_ascii() {
        return tokenize_ascii(sentence, lowered);
    }
    // (start, end, where the lower-case form is in `lowered` if it differs)
    let mut spans: Vec<(usize, usize, Option<std::ops::Range<usize>>)> =
        Vec::with_capacity(sentence.len() / 4 + 1);
    let bytes = sentence.as_bytes();
    // The character at byte `at` (a character boundary), decoded only when
    // it is not ASCII.
    let char_at = |at: usize| match bytes.get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => sentence.get(at..).and_then(|rest| rest.chars().next()),
        None => None,
    };
    let mut at = 0;
    while let Some(c) = char_at(at) {
        let start = at;
        at += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            while let Some(next) = char_at(at) {
                let width = next.len_utf8();
                let joins = next.is_alphanumeric()
                    || (matches!(next, '\'' | '’' | '-')
                        && char_at(at + width).is_some_and(char::is_alphanumeric));
                if !joins {
                    break;
                }
                at += width;
            }
        }
        let end = at;
        let text = sentence.get(start..end).unwrap_or("");
        let plain = text
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
        let lower = (!plain).then(|| {
            let from = lowered.len();
            if text.is_ascii() {
                lowered.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                let lower = text.to_lowercase();
                lowered.extend(lower.chars().map(|c| if c == '’' { '\'' } else { c }));
            }
            from..lowered.len()
        });
        spans.push((start, end, lower));
    }
    let lowered: &'a String = lowered;
    spans
        .into_iter()
        .map(|(start, end, lower)| {
            let text = sentence.get(start..end).unwrap_or("");
            Token {
                text,
                lower: lower.and_then(|r| lowered.get(r)).unwrap_or(text),
                start,
                end,
            }
        })
        .collect()
}

/// [`tokenize`] for an ASCII sentence, byte by byte: the sentence is
/// lower-cased whole into `lowered` (byte for byte, so every token's lower
/// case is at its own offsets there), then split in one pass.
fn tokenize_ascii<'a>(sentence: &'a str, lowered: &'a mut String) -> Vec<Token<'a>> {
    lowered.clear();
    lowered.push_str(sentence);
    lowered.make_ascii_lowercase();
    let lowered: &'a String = lowered;
    let bytes = sentence.as_bytes();
    // `char::is_whitespace` and `char::is_alphanumeric` for ASCII.
    let space = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
    let alnum = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_alphanumeric);
    let mut tokens = Vec::with_capacity(sentence.len() / 4 + 1);
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let start = at;
        at += 1;
        if space(b) {
            continue;
        }
        if b.is_ascii_alphanumeric() {
            loop {
                if alnum(at) {
                    at += 1;
                } else if matches!(bytes.get(at), Some(b'\'' | b'-')) && alnum(at + 1) {
                    at += 2;
                } else {
                    break;
                }
            }
        }
        let (Some(text), Some(lower)) = (sentence.get(start..at), lowered.get(start..at)) else {
            continue;
        };
        tokens.push(Token {
            text,
            lower,
            start,
            end: at,
        });
    }
    tokens
}

/// Words that may stand between an auxiliary and its verb.
const ADVERBS: &[&str] = &[
    "also",
    "currently",
    "now",
    "still",
    "further",
    "generally",
    "widely",
    "largely",
    "not",
    "originally",
    "previously",
    "initially",
    "already",
    "again",
    "likely",
    "probably",
    "certainly",
    "continue",
    "only",
    "then",
    "first",
    "therefore",
    "thus",
    "itself",
    "never",
];

/// Words before a noun that make "estimates", "plans", "projects" nouns.
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "our",
    "their",
    "his",
    "her",
    "these",
    "those",
    "such",
    "this",
    "that",
    "any",
    "all",
    "no",
    "other",
    "new",
    "several",
    "many",
    "two",
    "three",
    "accounting",
    "management's",
    "company's",
    "group's",
    "analysts'",
    "of",
    "and",
    "business",
    "pension",
    "retirement",
    "option",
    "incentive",
    "compensation",
    "benefit",
    "stock",
    "savings",
    "medium-term",
    "mid-term",
    "long-term",
    "three-year",
    "five-year",
    "restructuring",
    "construction",
    "development",
    "infrastructure",
    "major",
    "key",
    "large-scale",
    "joint",
    "pilot",
];

/// Words before a target or forecast that report a past outcome against it.
const OUTCOME: &[&str] = &[
    "exceeded",
    "outpaced",
    "compared",
    "versus",
    "vs",
    "surpassed",
    "beat",
    "missed",
    "topped",
    "met",
    "achieved",
    "reached",
    "outperformed",
    "above",
    "below",
    "ahead",
    "behind",
    "short",
    "line",
    "than",
    "exceeding",
    "surpassing",
    "beating",
    "achieving",
    "meeting",
    "matched",
    "revised",
    "lowered",
    "raised",
    "cut",
    "withdrew",
    "announced",
    "initial",
    "original",
    "previous",
    "earlier",
    "prior",
];

/// Past participles of verbs of expectation and planning.
const PARTICIPLES: &[&str] = &[
    "expected",
    "anticipated",
    "projected",
    "forecast",
    "forecasted",
    "estimated",
    "planned",
    "scheduled",
    "intended",
    "targeted",
    "slated",
    "predicted",
    "budgeted",
    "envisioned",
    "envisaged",
    "poised",
    "aimed",
    "hoped",
    "believed",
];

/// Present-tense verbs of expectation.
const VERBS: &[&str] = &[
    "expect",
    "expects",
    "expecting",
    "anticipate",
    "anticipates",
    "anticipating",
    "intend",
    "intends",
    "intending",
    "aim",
    "aims",
    "aiming",
    "seek",
    "seeks",
    "seeking",
    "believe",
    "believes",
    "hope",
    "hopes",
    "hoping",
    "foresee",
    "foresees",
    "predict",
    "predicts",
    "envision",
    "envisions",
    "envisage",
    "envisages",
    "aspire",
    "aspires",
];

/// Nouns of guidance.
const GUIDANCE: &[&str] = &[
    "outlook",
    "guidance",
    "forecast",
    "forecasts",
    "projection",
    "projections",
    "expectation",
    "expectations",
    "target",
    "targets",
    "goal",
    "goals",
    "objective",
    "objectives",
    "budget",
];

/// Words after "next" or "coming" that make a future period.
const PERIODS: &[&str] = &[
    "quarter",
    "quarters",
    "year",
    "years",
    "fiscal",
    "financial",
    "month",
    "months",
    "half",
    "period",
    "periods",
    "week",
    "weeks",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "decade",
    "phase",
    "stage",
    "three",
    "two",
    "five",
    "several",
    "few",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words before "May" that make it the month.
const BEFORE_MONTH: &[&str] = &[
    "in", "on", "of", "since", "during", "through", "until", "till", "by", "from", "to", "early",
    "late", "mid", "end", "and", "or", "between", "last", "this", "next", "each", "for", "before",
    "after", "ended", "ending", "as", "at", "month", "through", "mid-",
];

/// Subjects after which "plans", "estimates", "projects", "targets" are verbs.
const SUBJECTS: &[&str] = &[
    "we",
    "i",
    "it",
    "they",
    "company",
    "group",
    "management",
    "he",
    "she",
    "firm",
    "bank",
    "board",
    "corporation",
];

/// A set of words with a fast hash (FxHash) instead of the default
/// SipHash: the sets are built from constant lists, so no input can make
/// their look-ups slow, and a word is looked up for every token.
type WordSet = std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<WordHasher>>;

/// FxHash, eight bytes at a time.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            if let Some(head) = word.get_mut(..chunk.len()) {
                head.copy_from_slice(chunk);
            }
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Every word that can start a cue in [`cue_at`] (besides `FY2003E`-style
/// estimate marks): a quick filter before the context is read.
static CUE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut words: WordSet = [
        "will",
        "shall",
        "'ll",
        "would",
        "should",
        "could",
        "might",
        "may",
        "won't",
        "wouldn't",
        "shouldn't",
        "forecast",
        "plan",
        "plans",
        "planning",
        "estimate",
        "estimates",
        "project",
        "projects",
        "target",
        "targets",
        "targeting",
        "forecasting",
        "forecasts",
        "budgets",
        "going",
        "track",
        "course",
        "likely",
        "unlikely",
        "set",
        "confident",
        "future",
        "committed",
        "commit",
        "commits",
        "near",
        "medium",
        "long",
        "next",
        "coming",
        "upcoming",
        "ending",
        "to",
        "(",
    ]
    .into_iter()
    .collect();
    words.extend(PARTICIPLES);
    words.extend(VERBS);
    words.extend(GUIDANCE);
    words
});

/// Byte offsets of the cue stems that start a word in `text` (for checking
/// a block once and then only the sentences that hold one).
pub fn stem_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = first_stem_start(text, from..text.len()) {
        out.push(at);
        from = at + 1;
    }
    out
}

/// Whether `text` has a cue stem at the start of a word ("aim" not in
/// "claim", "ending" not in "spending") or an estimate mark: without one,
/// no sentence of it can be forward-looking.
pub fn may_match(text: &str) -> bool {
    has_stem_start(text, 0..text.len()) || has_estimate_mark(text)
}

/// The first forward-looking cue of an English sentence.
///
/// Strong cues ("will", "expects", "is expected to", "next quarter") make a
/// sentence forward-looking on their own. Weak ones ("would", "could", a
/// past form such as "planned", nouns such as "guidance" or "target") only
/// when the sentence is not anchored in the past ("was", "had", "ran",
/// "last year", "which it did in 2001").
pub fn detect(sentence: &str) -> Option<Cue> {
    if !may_match(sentence) {
        return None;
    }
    detect_prefiltered(sentence)
}

/// [`detect`] for a sentence already known to pass [`may_match`].
pub fn detect_prefiltered(sentence: &str) -> Option<Cue> {
    detect_prefiltered_with(sentence, &mut String::new())
}

/// [`detect_prefiltered`] with a buffer for the sentence's lower case that
/// the caller keeps from sentence to sentence: reading a block's sentences
/// then allocates it once rather than once a sentence. (The buffer's
/// content on entry does not matter.)
pub fn detect_prefiltered_with(sentence: &str, lowered: &mut String) -> Option<Cue> {
    lowered.clear();
    let tokens = tokenize(sentence, lowered);
    let mut weak: Option<(usize, usize)> = None;
    for i in 0..tokens.len() {
        // Most words cannot start a cue: skip them before any context work.
        let w = word(&tokens, i);
        if !(CUE_WORDS.contains(w) || estimate_suffix(w)) || quoted_mention(&tokens, i) {
            continue;
        }
        match cue_at(&tokens, i) {
            Some((end, Strength::Strong)) => return Some(cue(sentence, &tokens, i, end)),
            Some((end, Strength::Weak)) if weak.is_none() => weak = Some((i, end)),
            _ => {}
        }
    }
    let (first, last) = weak?;
    (!past_anchored(&tokens)).then(|| cue(sentence, &tokens, first, last))
}

/// How much a cue says on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
}

/// A cue word in quotation marks is mentioned, not used:
/// `identified by words such as "expect," "will" and "may."`
fn quoted_mention(tokens: &[Token<'_>], i: usize) -> bool {
    i > 0 && matches!(word(tokens, i - 1), "\"" | "“" | "‘" | "'")
}

/// Irregular past tenses common in releases.
const IRREGULAR_PAST: &[&str] = &[
    "ran", "rose", "fell", "grew", "met", "began", "took", "came", "went", "made", "saw", "won",
    "lost", "paid", "sold", "led", "left", "kept", "held", "brought", "became", "meant", "spent",
    "built", "bought", "fought", "stood", "told", "sought", "outgrew",
];

/// Whether the sentence reports the past: a past auxiliary, an irregular
/// past tense, a regular past after a pronoun ("that ended", "they
/// peaked"), or "last year", "a year ago", "previous years".
fn past_anchored(tokens: &[Token<'_>]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        let w = t.lower;
        let prev = if i > 0 { word(tokens, i - 1) } else { "" };
        is_past_auxiliary(w)
            || IRREGULAR_PAST.contains(&w)
            || (w.ends_with("ed")
                && w.len() > 4
                && matches!(
                    prev,
                    "that" | "which" | "who" | "it" | "we" | "they" | "he" | "she" | "company"
                ))
            || (matches!(prev, "last" | "previous" | "prior")
                && matches!(
                    w,
                    "year" | "year's" | "years" | "quarter" | "quarter's" | "month"
                ))
            || w == "ago"
    })
}

/// The cue as the writer reads it: the cue words, and when a `to VERB`
/// follows within a few words, "… to VERB".
fn cue(sentence: &str, tokens: &[Token<'_>], first: usize, last: usize) -> Cue {
    let start = tokens.get(first).map_or(0, |t| t.start);
    let end = tokens.get(last).map_or(start, |t| t.end);
    let mut phrase = sentence.get(start..end).unwrap_or("").to_string();
    let needs_to = tokens
        .get(last)
        .is_some_and(|t| VERBS.contains(&t.lower) || PARTICIPLES.contains(&t.lower));
    if needs_to {
        let window = tokens.iter().enumerate().skip(last + 1).take(7);
        for (k, t) in window {
            if !t.text.starts_with(char::is_alphanumeric) {
                break;
            }
            if t.lower == "to" {
                if let Some(verb) = tokens.get(k + 1) {
                    phrase.push_str(if k == last + 1 { " to " } else { " … to " });
                    phrase.push_str(verb.text);
                }
                break;
            }
        }
    }
    Cue {
        range: start..end,
        phrase,
    }
}

fn word<'a>(tokens: &'a [Token<'_>], i: usize) -> &'a str {
    tokens.get(i).map_or("", |t| t.lower)
}

/// The previous word, skipping adverbs; its index too.
fn previous_word<'a>(tokens: &'a [Token<'_>], i: usize) -> (Option<usize>, &'a str) {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let w = word(tokens, k);
        if !ADVERBS.contains(&w) {
            return (Some(k), w);
        }
    }
    (None, "")
}

/// The next word, skipping adverbs.
fn next_word<'a>(tokens: &'a [Token<'_>], i: usize) -> (usize, &'a str) {
    let mut k = i + 1;
    while k < tokens.len() {
        let w = word(tokens, k);
        if !ADVERBS.contains(&w) {
            return (k, w);
        }
        k += 1;
    }
    (k, "")
}

fn is_number(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether an outcome word (exceeded, in line with, than …) comes shortly
/// before token `i` in the same clause.
fn outcome_before(tokens: &[Token<'_>], i: usize) -> bool {
    let from = i.saturating_sub(7);
    for k in (from..i).rev() {
        let w = word(tokens, k);
        if matches!(w, "," | ";" | ":" | "—" | "–") {
            return false;
        }
        if OUTCOME.contains(&w) {
            return true;
        }
    }
    false
}

/// "revised its forecast upward to JPY48.0 billion": a revision that states
/// the new figure is itself a forecast.
fn revised_to_a_figure(tokens: &[Token<'_>], i: usize) -> bool {
    let revised = (i.saturating_sub(7)..i).any(|k| {
        matches!(
            word(tokens, k),
            "revised" | "raised" | "lowered" | "cut" | "raising" | "revising" | "lowering"
        )
    });
    revised
        && tokens
            .iter()
            .skip(i + 1)
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| match w {
                [to, figure] => {
                    to.lower == "to"
                        && (is_number(figure.lower)
                            || figure.lower.starts_with("jpy")
                            || figure.lower.starts_with('$')
                            || figure.lower.starts_with("us$")
                            || figure.text.starts_with('¥'))
                }
                _ => false,
            })
}

/// Past forms that show the sentence reports what happened.
fn is_past_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "was" | "were" | "had" | "did" | "didn't" | "wasn't" | "weren't" | "hadn't"
    )
}

/// Whether token `i` starts a cue; returns the index of the cue's last
/// token and how strong the cue is.
fn cue_at(tokens: &[Token<'_>], i: usize) -> Option<(usize, Strength)> {
    use Strength::{Strong, Weak};
    let t = tokens.get(i)?;
    let w = t.lower;
    let (prev_index, prev) = previous_word(tokens, i);
    let (next_index, next) = next_word(tokens, i);
    let immediately_next = word(tokens, i + 1);
    match w {
        "will" | "shall" | "'ll" => {
            // "Will Harrington was appointed …": a name, not the modal.
            let name = i == 0
                && t.text == "Will"
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| n.text.starts_with(|c: char| c.is_uppercase()));
            let noun =
                name || matches!(
                    prev,
                    "at" | "free"
                        | "good"
                        | "ill"
                        | "the"
                        | "a"
                        | "of"
                        | "his"
                        | "her"
                        | "their"
                        | "own"
                ) || next == "of";
            (!noun).then_some((i, Strong))
        }
        "would" | "should" | "could" | "might" | "may" => {
            if w == "may" && t.text.starts_with('M') && is_month_may(tokens, i) {
                return None;
            }
            // "would have been", "may have been": the past, seen from the past.
            if next == "have" {
                let after = word(tokens, next_index + 1);
                if after.ends_with("ed")
                    || matches!(after, "been" | "had" | "done" | "made" | "seen" | "grown")
                {
                    return None;
                }
            }
            if w == "could" && (next == "not" || immediately_next == "not") {
                return None;
            }
            if w == "should"
                && (next == "note"
                    || next == "be" && matches!(word(tokens, next_index + 1), "noted" | "read"))
            {
                return None;
            }
            if w == "may" && next == "be" {
                let after = word(tokens, next_index + 1);
                if matches!(
                    after,
                    "obtained" | "found" | "accessed" | "viewed" | "downloaded" | "reached"
                ) {
                    return None;
                }
            }
            let strength = if matches!(w, "would" | "could") {
                Weak
            } else {
                Strong
            };
            Some((i, strength))
        }
        "won't" | "wouldn't" | "shouldn't" => Some((i, Strong)),
        "forecast" if DETERMINERS.contains(&prev) => guidance_noun(tokens, i, w, next),
        _ if PARTICIPLES.contains(&w) => participle(tokens, i, prev_index, prev, next),
        _ if VERBS.contains(&w) => {
            if is_past_auxiliary(prev) {
                return None;
            }
            Some((i, Strong))
        }
        "plan" | "plans" | "planning" | "estimate" | "estimates" | "project" | "projects"
        | "target" | "targets" | "targeting" | "forecasting" | "forecasts" | "budgets" => {
            let verb = immediately_next == "to"
                || (next == "that" && !matches!(w, "plan" | "project" | "target"))
                || (SUBJECTS.contains(&prev) && !is_past_auxiliary(prev))
                || (w.ends_with("ing") && matches!(prev, "is" | "are" | "'re" | "am" | "be"))
                || (w.ends_with('s')
                    && !DETERMINERS.contains(&prev)
                    && prev_index.is_some()
                    && (is_number(next) || OBJECTS.contains(&next)));
            if verb && !(DETERMINERS.contains(&prev) && immediately_next != "to") {
                return Some((i, Strong));
            }
            if GUIDANCE.contains(&w) {
                return guidance_noun(tokens, i, w, next);
            }
            None
        }
        _ if GUIDANCE.contains(&w) => guidance_noun(tokens, i, w, next),
        "going" if next == "forward" => Some((next_index, Strong)),
        "track" | "course" if prev == "on" && matches!(next, "to" | "for") => {
            prev_index.map(|_| (i, Strong))
        }
        "likely" | "unlikely" if immediately_next == "to" && !is_past_auxiliary(prev) => {
            Some((i, Strong))
        }
        "set" if immediately_next == "to" && matches!(prev, "is" | "are" | "'s") => {
            Some((i, Strong))
        }
        "confident" if !is_past_auxiliary(prev) && matches!(next, "that" | "of" | "in") => {
            Some((i, Strong))
        }
        "future" if t.text.starts_with('F') && i > 0 => None,
        "committed" | "commit" | "commits"
            if immediately_next == "to"
                && matches!(
                    prev,
                    "is" | "are" | "remain" | "remains" | "we" | "'re" | "am"
                ) =>
        {
            Some((i, Strong))
        }
        "near" | "medium" | "long"
            if prev == "the"
                && word(tokens, i.wrapping_sub(2)) == "in"
                && matches!(immediately_next, "term" | "run") =>
        {
            Some((i + 1, Weak))
        }
        "future" => {
            let in_the_future = prev == "the" && word(tokens, i.wrapping_sub(2)) == "in";
            (in_the_future || !matches!(next, "" | "." | "," | ")")).then_some((i, Weak))
        }
        "next" | "coming" | "upcoming" => {
            if w == "upcoming" || PERIODS.contains(&next) || MONTHS.contains(&next) {
                Some((next_index.min(tokens.len().saturating_sub(1)), Strong))
            } else {
                None
            }
        }
        "ending" if MONTHS.contains(&next) || is_number(next) => Some((i, Strong)),
        "to" if immediately_next == "be" && headline(tokens) => {
            let after = word(tokens, i + 2);
            (after.ends_with("ed") || after.ends_with("en")).then_some((i + 2, Strong))
        }
        "(" => {
            let inner = word(tokens, i + 1);
            let close = word(tokens, i + 2);
            (matches!(
                inner,
                "e" | "est" | "estimate" | "forecast" | "plan" | "target" | "projected" | "f"
            ) && matches!(close, ")" | "."))
            .then_some((i + 2, Strong))
        }
        _ if estimate_suffix(w) => Some((i, Strong)),
        _ => None,
    }
}

/// Words after "targets", "plans", "projects" that show they are verbs.
const OBJECTS: &[&str] = &[
    "revenue",
    "revenues",
    "sales",
    "net",
    "operating",
    "total",
    "a",
    "an",
    "growth",
    "income",
    "profit",
    "consolidated",
    "ordinary",
    "annual",
    "double-digit",
    "return",
    "margins",
];

/// `FY2003E`, `2003E`, `4Q03E`, `1H04E`: a period marked as an estimate
/// (but not "Section 21E").
fn estimate_suffix(w: &str) -> bool {
    let Some(stem) = w.strip_suffix('e') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(year) = stem.strip_prefix("fy") {
        return digits(year) && matches!(year.len(), 2 | 4);
    }
    if digits(stem) {
        return stem.len() == 4 && (stem.starts_with("19") || stem.starts_with("20"));
    }
    let b = stem.as_bytes();
    b.len() == 4
        && b.first().is_some_and(u8::is_ascii_digit)
        && matches!(b.get(1), Some(b'q' | b'h'))
        && digits(stem.get(2..).unwrap_or(""))
}

/// A digit directly followed by `E` at the end of a word (`FY2003E`).
pub fn has_estimate_mark(sentence: &str) -> bool {
    let b = sentence.as_bytes();
    // A digit followed by `e` or `E` is rare: look for one with a loop
    // without early exit (which vectorises), then check the word's end.
    let digit_then_e = b
        .iter()
        .zip(b.iter().skip(1))
        .fold(false, |found, (&d, &e)| {
            found | (d.is_ascii_digit() & (e | 0x20 == b'e'))
        });
    digit_then_e
        && b.windows(2).enumerate().any(|(i, w)| {
            w.first().is_some_and(u8::is_ascii_digit)
                && matches!(w.get(1), Some(b'E' | b'e'))
                && b.get(i + 2).is_none_or(|c| !c.is_ascii_alphanumeric())
        })
}

/// A headline fragment: no finite verb of its own ("Dividend to be maintained").
fn headline(tokens: &[Token<'_>]) -> bool {
    !tokens.iter().any(|t| {
        matches!(
            t.lower,
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "plans"
                | "expects"
                | "intends"
                | "aims"
                | "needs"
                | "wants"
        )
    })
}

/// "guidance", "outlook", "target", "forecast" as nouns: weak cues, and none
/// at all where the sentence measures an outcome against them ("exceeded
/// the forecast", "within budget", "the acquisition target, X").
fn guidance_noun(tokens: &[Token<'_>], i: usize, w: &str, next: &str) -> Option<(usize, Strength)> {
    let prev = if i > 0 { word(tokens, i - 1) } else { "" };
    if matches!(prev, "within" | "over" | "under" | "on") {
        return None;
    }
    if outcome_before(tokens, i) && !revised_to_a_figure(tokens, i) {
        return None;
    }
    let strength = Strength::Weak;
    match w {
        "target" | "targets" | "goal" | "goals" | "objective" | "objectives" | "budget" => {
            // "target customers", "the acquisition target, …" are not targets for the future.
            matches!(next, "of" | "for" | "is" | "to" | "are" | ":" | "").then_some((i, strength))
        }
        "expectation" | "expectations" => {
            (!matches!(prev, "with" | "than" | "beyond" | "exceeded")).then_some((i, strength))
        }
        _ => Some((i, strength)),
    }
}

/// Whether the capitalised "May" at `i` is the month.
fn is_month_may(tokens: &[Token<'_>], i: usize) -> bool {
    let next = word(tokens, i + 1);
    if is_number(next) || matches!(next, "," | "." | ")" | "" | "and" | "to" | "through") {
        return true;
    }
    if i > 0 && BEFORE_MONTH.contains(&word(tokens, i - 1)) {
        return true;
    }
    // At the start of a sentence "May" is the month unless a verb follows.
    i == 0
        && !matches!(
            next,
            "not" | "be" | "have" | "also" | "result" | "cause" | "vary"
        )
}

/// A past participle of expectation: a strong cue with a present or future
/// auxiliary ("is expected to") or in a headline fragment ("revenues
/// expected to be …"); a weak one as an adjective ("planned capital
/// expenditures"); the past when it follows "was", "had", "than", "as", or a
/// subject ("the company planned to", "IIJ expected").
fn participle(
    tokens: &[Token<'_>],
    i: usize,
    prev_index: Option<usize>,
    prev: &str,
    next: &str,
) -> Option<(usize, Strength)> {
    use Strength::{Strong, Weak};
    let w = word(tokens, i);
    if matches!(prev, "than" | "as") || is_past_auxiliary(prev) {
        return None;
    }
    // Accounting measures: "expected credit losses", "expected return on plan assets".
    if w == "expected"
        && matches!(
            next,
            "credit" | "return" | "returns" | "life" | "lives" | "volatility" | "term" | "dividend"
        )
    {
        return None;
    }
    if prev == "been" {
        let before = prev_index.map_or("", |k| previous_word(tokens, k).1);
        return (!is_past_auxiliary(before)).then_some((i, Strong));
    }
    if matches!(
        prev,
        "is" | "are" | "be" | "'s" | "remains" | "remain" | "am" | "'re" | "being"
    ) {
        return Some((i, Strong));
    }
    if outcome_before(tokens, i) {
        return None;
    }
    // After a subject the participle is a past tense: "the company planned to".
    let capitalised_subject = prev_index.is_some_and(|k| {
        k > 0
            && tokens
                .get(k)
                .is_some_and(|t| t.text.starts_with(|c: char| c.is_uppercase()))
    });
    if SUBJECTS.contains(&prev) || matches!(prev, "which" | "who" | "that") || capitalised_subject {
        return None;
    }
    let adjective = prev_index.is_none() || DETERMINERS.contains(&prev);
    match w {
        // Past tenses of intention: "the campaign aimed to attract …".
        "aimed" | "targeted" | "intended" | "hoped" | "believed" | "sought" => None,
        "estimated" => (next == "to").then_some((i, Strong)),
        "forecast" | "forecasted" => (!matches!(next, "was" | "were" | "had")).then_some((i, Weak)),
        "planned" | "scheduled" | "slated" | "budgeted" => {
            if matches!(next, "to" | "for") {
                Some((i, Strong))
            } else {
                adjective.then_some((i, Weak))
            }
        }
        _ if next == "to" => Some((i, Strong)),
        _ => Some((i, Weak)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stem search as it was first written: a leftmost-first automaton
    /// over every stem, keeping the matches that start a word.
    fn stem_starts_by_automaton(text: &str) -> Vec<usize> {
        static AUTOMATON: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
            aho_corasick::AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(STEMS)
                .unwrap()
        });
        let bytes = text.as_bytes();
        AUTOMATON
            .find_iter(text)
            .map(|m| m.start())
            .filter(|&at| at == 0 || !bytes[at - 1].is_ascii_alphabetic())
            .collect()
    }

    /// Why word starts can be checked one by one: inside a stem, after a
    /// byte that is not a letter, no other stem can begin.
    #[test]
    fn no_stem_hides_the_word_start_of_another() {
        for outer in STEMS {
            let outer = outer.as_bytes();
            for k in 1..outer.len() {
                if outer[k - 1].is_ascii_alphabetic() {
                    continue;
                }
                let rest = &outer[k..];
                for inner in STEMS {
                    let inner = inner.as_bytes();
                    let common = rest.len().min(inner.len());
                    assert!(
                        !rest[..common].eq_ignore_ascii_case(&inner[..common]),
                        "{:?} inside {:?}",
                        String::from_utf8_lossy(inner),
                        String::from_utf8_lossy(outer)
                    );
                }
            }
        }
    }

    #[test]
    fn non_letters_are_marked_eight_bytes_at_a_time() {
        for b in 0..=255u8 {
            for k in 0..8 {
                let mut bytes = *b"aZ@[`{0.";
                bytes[k] = b;
                let marks = non_letters(u64::from_le_bytes(bytes));
                for (j, byte) in bytes.iter().enumerate() {
                    let marked = marks >> (8 * j + 7) & 1 == 1;
                    assert_eq!(marked, !byte.is_ascii_alphabetic(), "{bytes:?} at {j}");
                }
            }
        }
        assert!(
            STEMS.iter().all(|s| s.len() >= 3),
            "stems are indexed by two bytes and checked by their third"
        );
    }

    #[test]
    fn stem_starts_agree_with_the_automaton() {
        for text in [
            "IIJ expects its operating profit to improve considerably.",
            "It'll rise; we’ll see. Revenues (E) and (e) set to grow, to be announced",
            "claim spending WILL Plan aim, targets: next-term budget; long term",
            "xwill ’LL 'll(e) ,to be , term",
            "",
        ] {
            assert_eq!(stem_starts(text), stem_starts_by_automaton(text), "{text}");
        }
    }

    /// The tokenizer as it was first written (with a lower-case copy per
    /// word), to check the faster one against.
    fn tokens_as_first_written(sentence: &str) -> Vec<(String, String, usize, usize)> {
        let mut tokens = Vec::new();
        let mut chars = sentence.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            let mut end = start + c.len_utf8();
            if c.is_alphanumeric() {
                while let Some(&(i, next)) = chars.peek() {
                    if next.is_alphanumeric() {
                        end = i + next.len_utf8();
                        chars.next();
                        continue;
                    }
                    let joiner = matches!(next, '\'' | '’' | '-');
                    let after = sentence[i + next.len_utf8()..].chars().next();
                    if joiner && after.is_some_and(char::is_alphanumeric) {
                        end = i + next.len_utf8();
                        chars.next();
                        continue;
                    }
                    break;
                }
            }
            let text = &sentence[start..end];
            let lower = text.to_lowercase().replace('’', "'");
            tokens.push((text.to_string(), lower, start, end));
        }
        tokens
    }

    fn tokens_now(sentence: &str) -> Vec<(String, String, usize, usize)> {
        let mut lowered = String::new();
        tokenize(sentence, &mut lowered)
            .into_iter()
            .map(|t| (t.text.to_string(), t.lower.to_string(), t.start, t.end))
            .collect()
    }

    #[test]
    fn tokens_are_as_first_written() {
        for s in [
            "IIJ’s net-loss didn't (E) fall; ΣΑΣ ÉTÉ 3Q02 FY2003E — “will” x-'y 日本語の文。",
            " \u{3000}\u{a0}a\u{2028}B ",
            "",
        ] {
            assert_eq!(tokens_now(s), tokens_as_first_written(s), "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn stem_starts_agree_with_the_automaton_on_any_text(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "will", "WILL", "shall", "would", "may", "'ll", "’ll", "’", "'", "l", "L",
                    "expect", "plan", "aim", "cl", "target", "next", "ending", "sp", "(e)", "(",
                    ")", "e", "E", "set to", "set", "to", "to be", " to be ", " term", "term",
                    "be", "t", "o", " ", ",", ".", "3", "x", "é", "日本", "-", "course",
                ]),
                0..24,
            )
        ) {
            let text = pieces.concat();
            let expected = stem_starts_by_automaton(&text);
            proptest::prop_assert_eq!(stem_starts(&text), expected.clone());

            // Sentences: ranges between the pieces.
            let bounds: Vec<usize> = std::iter::once(0)
                .chain(pieces.iter().scan(0, |at, p| {
                    *at += p.len();
                    Some(*at)
                }))
                .collect();
            for (k, &start) in bounds.iter().enumerate() {
                for &end in &bounds[k..] {
                    let by_positions = expected.iter().any(|at| (start..end).contains(at));
                    proptest::prop_assert_eq!(has_stem_start(&text, start..end), by_positions);
                }
            }
        }

        #[test]
        fn tokens_are_as_first_written_for_any_text(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Will", "will", "IIJ", "’", "'", "-", " ", "\u{3000}", "\u{a0}", "é", "É",
                    "Σ", "ΑΣ", "3", "Q", "(", ")", ".", ",", "日本", "“", "x", "\t", "\n",
                ]),
                0..16,
            )
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(tokens_now(&text), tokens_as_first_written(&text));
        }

        #[test]
        fn ascii_tokens_are_as_first_written_for_any_text(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Will", "will", "IIJ", "'", "-", "--", " ", "\t", "\n", "\u{b}", "\u{c}", "\r",
                    "\u{1c}", "\u{7f}", "3", "Q", "(", ")", ".", ",", "x", "Don't", "e-", "\"",
                ]),
                0..20,
            )
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(tokens_now(&text), tokens_as_first_written(&text));
        }

        #[test]
        fn estimate_marks_are_found_as_before(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["2003", "E", "e", "FY", "x", " ", ".", "3", "Q"]),
                0..12,
            )
        ) {
            let text = pieces.concat();
            let b = text.as_bytes();
            let before = b.windows(2).enumerate().any(|(i, w)| {
                w[0].is_ascii_digit()
                    && matches!(w[1], b'E' | b'e')
                    && b.get(i + 2).is_none_or(|c| !c.is_ascii_alphanumeric())
            });
            proptest::prop_assert_eq!(has_estimate_mark(&text), before);
        }
    }

    fn phrase(s: &str) -> Option<String> {
        detect(s).map(|c| c.phrase)
    }

    #[test]
    fn names_the_cue() {
        assert_eq!(
            phrase("IIJ expects its operating profit to improve considerably.").as_deref(),
            Some("expects … to improve")
        );
        assert_eq!(
            phrase("Total revenues expected to be between JPY12.5 billion and JPY13.0 billion")
                .as_deref(),
            Some("expected to be")
        );
        assert_eq!(
            phrase("Total revenues will be between JPY45 billion and JPY46 billion.").as_deref(),
            Some("will")
        );
        assert_eq!(phrase("Revenues (4Q02 (E))").as_deref(), Some("(E)"));
    }

    #[test]
    fn traps_are_not_forward_looking() {
        for s in [
            "Revenues for May 2002 rose 4% year over year.",
            "On May 15, 2002, the company opened its Osaka office.",
            "The company recorded a goodwill impairment of JPY1.2 billion.",
            "Employment is at will.",
            "Contributions to the pension plan increased.",
            "The business plan was approved by the board in 2001.",
            "Operating income was higher than expected.",
            "Revenues grew as previously forecast.",
            "Net sales exceeded the forecast by 3%.",
            "The company had planned to open the center in 2001.",
            "\"Revenues grew 12%,\" said Koichi Suzuki, President and Chief Executive Officer.",
            "The project was completed in December.",
            "Depreciation is computed over the estimated useful lives of the assets.",
            "Operating loss was JPY296 million.",
        ] {
            assert_eq!(detect(s), None, "{s}");
        }
    }

    #[test]
    fn cues_in_context_are_forward_looking() {
        for s in [
            "Revenues may decline in the fourth quarter.",
            "IIJ plans to launch the service in April 2003.",
            "The company is on track to reach break-even.",
            "Going forward, IIJ will focus on systems integration.",
            "We believe that demand for broadband will continue to grow.",
            "Outlook for fiscal 2003",
            "Capital expenditures are projected to decline next year.",
            "The new data center is scheduled to open in April.",
            "Revenues for the fiscal year ending March 31, 2004 are forecast at JPY50 billion.",
        ] {
            assert!(detect(s).is_some(), "{s}");
        }
    }
}
