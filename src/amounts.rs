//! Money written in prose: yen and dollar amounts in English and Japanese
//! ("JPY10.6 billion", "¥10.6 billion", "10.6 billion yen", "$89.0 million",
//! "US$89.0 mn", "(JPY567 million)", "105億6,700万円", "（8,900万米ドル）"),
//! conversion pairs (a yen amount followed by its dollar translation in
//! parentheses) and statements of the exchange rate ("¥118.75 = US$1",
//! "1米ドル＝118.75円").
//!
//! Every amount keeps the precision its digits allow: "JPY10.6 billion"
//! stands for [10.55, 10.65) billion. Arithmetic is exact (decimals).

use crate::draft::format::{Currency, MAX_AMOUNT};
use crate::text::ByteClasses;
use regex::Regex;
use rust_decimal::Decimal;
use std::ops::Range;
use std::sync::LazyLock;

/// An amount of money as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// Yen or dollars.
    pub currency: Currency,
    /// The value in whole currency units (negative for losses in parentheses).
    pub value: Decimal,
    /// The place value of the last significant digit, in currency units.
    pub precision: Decimal,
    /// Byte range of the whole amount in the text.
    pub range: Range<usize>,
    /// Byte range of the number (the digits to replace in a fix).
    pub number: Range<usize>,
    /// Decimal places written after the point (for writing a corrected number).
    pub decimals: u32,
    /// The multiplier of the written number (1, 10³, 10⁶, 10⁹ …), or zero
    /// for a Japanese amount written with 兆/億/万.
    pub unit: Decimal,
}

impl Amount {
    /// The interval of true values the printed number allows, `[low, high)`,
    /// for numbers rounded half up.
    pub fn interval(&self) -> (Decimal, Decimal) {
        self.interval_under(Rounding::Round)
    }

    /// The interval under a rounding convention.
    pub fn interval_under(&self, rounding: Rounding) -> (Decimal, Decimal) {
        let magnitude = self.value.abs();
        let (low, high) = match rounding {
            Rounding::Round => {
                let half = self.precision / Decimal::TWO;
                (magnitude - half, magnitude + half)
            }
            Rounding::Truncate => (magnitude, magnitude + self.precision),
        };
        if self.value.is_sign_negative() {
            (-high, -low)
        } else {
            (low, high)
        }
    }
}

/// How printed numbers were made shorter: rounded (the usual convention,
/// "10.6" stands for [10.55, 10.65)) or truncated ("10.6" stands for
/// [10.6, 10.7)). Set with `[fx] rounding` in `relkit.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    /// Rounded half up.
    #[default]
    Round,
    /// Cut off after the last printed digit.
    Truncate,
}

/// A yen amount with its dollar translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The yen amount.
    pub yen: Amount,
    /// The dollar amount that translates it.
    pub usd: Amount,
}

/// A statement of the exchange rate in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateStatement {
    /// Yen per US dollar.
    pub rate: Decimal,
    /// Byte range of the statement.
    pub range: Range<usize>,
}

const NUMBER: &str = r"[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?";

/// The English amount pattern. [`english`] finds its matches by hand with
/// [`EnglishMatches`], which follows it exactly (a test compares the two);
/// the regex stays as the pattern's definition.
#[cfg(test)]
static ENGLISH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<open>\(\s*)?
        (?:
          (?P<pre>JPY|¥|￥|(?i:yen)|US\$|U\.S\.\$|USD|\$)\s?
          (?P<num>{NUMBER})
          (?:\s?(?:[–—-]|to)\s?(?P<num2>{NUMBER}))?
          (?:\s?(?P<scale>(?i:thousand|million|billion|trillion|mn|bn|m)\b))?
        |
          (?P<num_post>{NUMBER})
          \s?(?P<scale_post>(?i:thousand|million|billion|trillion|mn|bn))?
          \s(?P<post>(?i:yen|U\.S\.\ dollars|US\ dollars|dollars))\b
        )
        (?P<close>\s*\))?"
    );
    Regex::new(&pattern).ok()
});

static JAPANESE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let pattern = format!(
        r"(?P<neg>[△▲]|マイナス)?(?P<body>(?:{NUMBER}兆)?(?:{NUMBER}億)?(?:{NUMBER}万)?(?:{NUMBER})?)(?P<unit>円|米ドル|ドル)"
    );
    Regex::new(&pattern).ok()
});

static RATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
          (?:JPY|¥|￥|(?i:yen))\s?(?P<a>{NUMBER})\s?(?:=|＝|to\ the|to|per)\s?(?:US\$|U\.S\.\$|\$|(?i:U\.S\.\ dollar|US\ dollar|dollar))\s?(?:1(?:\.00)?)?
        | (?:US\$|U\.S\.\$|\$)\s?1(?:\.00)?\s?(?:=|＝)\s?(?:JPY|¥|￥|(?i:yen))\s?(?P<b>{NUMBER})
        | (?P<c>{NUMBER})\s?(?i:yen)\ (?:per|to\ the|to)\ (?i:U\.S\.\ dollar|US\ dollar|dollar)
        | [1１](?:米)?ドル\s?[=＝]\s?(?P<d>{NUMBER})円"
    );
    Regex::new(&pattern).ok()
});

/// Read a written number exactly, with its decimal places (not one with
/// more digits than [`crate::draft::format::within_digit_limits`] allows:
/// both readers below refuse those).
fn number(text: &str) -> Option<(Decimal, u32)> {
    if let Some(fast) = plain_number(text) {
        return Some(fast);
    }
    let value = crate::draft::format::parse_decimal(text)?;
    let decimals = text
        .char_indices()
        .find(|(_, c)| matches!(c, '.' | '．'))
        .map_or(0, |(i, c)| {
            let after = text.get(i + c.len_utf8()..).unwrap_or("");
            u32::try_from(
                after
                    .chars()
                    .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
                    .count(),
            )
            .unwrap_or(0)
        });
    Some((value, decimals))
}

/// [`number`] for the common case, without copying: ASCII digits and
/// commas, then perhaps a point and digits, at most 18 digits in all and
/// within the digit limits of `parse_decimal`. The value is the one
/// `parse_decimal` reads (the same digits and scale).
fn plain_number(text: &str) -> Option<(Decimal, u32)> {
    use crate::draft::format::{MAX_DECIMALS, MAX_INTEGER_DIGITS};
    let mut mantissa: i64 = 0;
    let mut digits = 0u32;
    // Digits before the point from the first that is not a zero.
    let mut significant_integer_digits = 0usize;
    let mut decimals: Option<u32> = None;
    for &b in text.as_bytes() {
        match b {
            b'0'..=b'9' => {
                if digits == 18 {
                    return None;
                }
                mantissa = mantissa * 10 + i64::from(b - b'0');
                digits += 1;
                match decimals.as_mut() {
                    Some(d) => *d += 1,
                    None if mantissa > 0 => significant_integer_digits += 1,
                    None => {}
                }
            }
            b',' if decimals.is_none() => {}
            b'.' if decimals.is_none() && digits > 0 => decimals = Some(0),
            _ => return None,
        }
    }
    let decimals = decimals.unwrap_or(0);
    // A number needs a digit, and a point needs digits after it.
    if digits == 0
        || text.ends_with('.')
        || significant_integer_digits > MAX_INTEGER_DIGITS
        || decimals as usize > MAX_DECIMALS
    {
        return None;
    }
    Some((Decimal::new(mantissa, decimals), decimals))
}

/// The place value of the last significant digit of `value` written with
/// `decimals` places. Trailing zeros of a whole number are taken as possibly
/// rounded ("JPY300 million" may be anything from 250 to 350 million, "1億円"
/// from 0.5 to 1.5億): correct rounding is never flagged.
fn precision(value: Decimal, decimals: u32) -> Decimal {
    if decimals > 0 {
        return Decimal::new(1, decimals);
    }
    let whole = value.abs().trunc();
    let mut mantissa = whole.mantissa() / 10i128.pow(whole.scale());
    if mantissa == 0 {
        return Decimal::ONE;
    }
    let mut trailing = 0u32;
    while mantissa % 10 == 0 && trailing < 18 {
        mantissa /= 10;
        trailing += 1;
    }
    Decimal::from(10u64.pow(trailing))
}

fn scale_factor(word: &str) -> Decimal {
    let is = |w: &str| word.eq_ignore_ascii_case(w);
    if is("thousand") {
        Decimal::from(1_000u64)
    } else if is("million") || is("mn") || is("m") {
        Decimal::from(1_000_000u64)
    } else if is("billion") || is("bn") {
        Decimal::from(1_000_000_000u64)
    } else if is("trillion") {
        Decimal::from(1_000_000_000_000u64)
    } else {
        Decimal::ONE
    }
}

/// Every English-style amount in `text`. A range "JPY12.5–13.0 billion"
/// gives two amounts.
pub fn english(text: &str) -> Vec<Amount> {
    let mut out = Vec::new();
    // Each amount and its parts are read by hand, in one pass: much
    // cheaper than a regex search and its capture groups.
    for (whole, parts) in EnglishMatches::new(text) {
        let slice = |r: &Range<usize>| text.get(r.clone()).unwrap_or("");
        let (currency_word, num, num2, scale) = match (&parts.pre, &parts.post) {
            (Some(pre), _) => (
                slice(pre),
                parts.num.clone(),
                parts.num2.clone(),
                parts.scale.clone(),
            ),
            (None, Some(post)) => (slice(post), parts.num.clone(), None, parts.scale.clone()),
            (None, None) => continue,
        };
        let currency = if ["jpy", "¥", "￥", "yen"]
            .iter()
            .any(|w| currency_word.eq_ignore_ascii_case(w))
        {
            Currency::Jpy
        } else {
            Currency::Usd
        };
        let unit = scale
            .as_ref()
            .map_or(Decimal::ONE, |s| scale_factor(slice(s)));
        let negative = parts.open && parts.close;
        let range = if negative {
            whole.clone()
        } else {
            let start = parts
                .pre
                .as_ref()
                .or(num.as_ref())
                .map_or(whole.start, |m| m.start);
            let end = scale
                .as_ref()
                .or(parts.post.as_ref())
                .or(num2.as_ref())
                .or(num.as_ref())
                .map_or(whole.end, |m| m.end);
            start.min(end)..end
        };
        for n in [num, num2].into_iter().flatten() {
            let Some((value, decimals)) = number(slice(&n)) else {
                continue;
            };
            // The written number's precision, in currency units (the
            // product with a power of ten is exact, so `value * unit / unit`
            // is the written number itself).
            let precision = precision(value, decimals) * unit;
            let value = value * unit;
            if value.abs() > MAX_AMOUNT {
                continue;
            }
            out.push(Amount {
                currency,
                value: if negative { -value } else { value },
                precision,
                range: range.clone(),
                number: n,
                decimals,
                unit,
            });
        }
    }
    out
}

/// The matches of the English amount pattern ([`ENGLISH`] in the tests),
/// found by hand, leftmost first and without overlaps like a regex search.
///
/// A match starts at `(`, at a currency prefix or at a digit, so only those
/// bytes are tried, each with [`english_match_at`]. Each match comes with
/// its parts.
struct EnglishMatches<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> EnglishMatches<'a> {
    fn new(text: &'a str) -> Self {
        EnglishMatches { text, at: 0 }
    }
}

impl Iterator for EnglishMatches<'_> {
    type Item = (Range<usize>, Parts);

    fn next(&mut self) -> Option<(Range<usize>, Parts)> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        while let Some(skip) = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|&b| MAY_START_AMOUNT[usize::from(b)]))
        {
            at += skip;
            if let Some((end, parts)) = english_match_at(self.text, at) {
                self.at = end;
                return Some((at..end, parts));
            }
            // A digit that starts no match: no digit or comma after it in
            // the same run does either (their number ends where its does).
            at = if bytes.get(at).is_some_and(u8::is_ascii_digit) {
                integer_run_end(self.text, at)
            } else {
                at + 1
            };
        }
        self.at = bytes.len();
        None
    }
}

/// The first bytes of a match: `(`, `J`, `U`, `y`, `Y`, `$`, the lead byte
/// of `¥` (0xC2), of `￥` and the full-width digits (0xEF), and digits.
static MAY_START_AMOUNT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(
            b as u8,
            b'(' | b'J' | b'U' | b'y' | b'Y' | b'$' | 0xC2 | 0xEF | b'0'..=b'9'
        );
        b += 1;
    }
    table
};

/// The character at byte `at` (a character boundary) and its width.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some((char::from(b), 1)),
        Some(_) => text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map(|c| (c, c.len_utf8())),
        None => None,
    }
}

/// The width of a white-space character (`\s`) at `at`, if there is one.
fn space_at(text: &str, at: usize) -> Option<usize> {
    char_at(text, at).and_then(|(c, width)| c.is_whitespace().then_some(width))
}

/// A digit of the pattern (`[0-9０-９]`) at `at`: its width.
fn digit_at(text: &str, at: usize) -> Option<usize> {
    char_at(text, at).and_then(|(c, width)| is_number_digit(c).then_some(width))
}

fn is_number_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The end of `[0-9０-９][0-9０-９,，]*` from `at` (`at` when no digit is there).
fn integer_run_end(text: &str, at: usize) -> usize {
    let mut end = at;
    if digit_at(text, end).is_none() {
        return end;
    }
    while let Some((c, width)) = char_at(text, end) {
        if !(is_number_digit(c) || matches!(c, ',' | '，')) {
            break;
        }
        end += width;
    }
    end
}

/// The end of the pattern's number (`[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?`,
/// as long as it goes) from `at`, if one starts there.
fn number_end(text: &str, at: usize) -> Option<usize> {
    digit_at(text, at)?;
    let end = integer_run_end(text, at);
    match char_at(text, end) {
        Some(('.' | '．', width)) if digit_at(text, end + width).is_some() => {
            let mut end = end + width;
            while let Some(width) = digit_at(text, end) {
                end += width;
            }
            Some(end)
        }
        _ => Some(end),
    }
}

/// Whether `c` matches the ASCII character `pattern` under the regex's
/// `(?i)`: ASCII case, and the two characters whose simple case folding is
/// an ASCII letter (the long s `ſ` and the Kelvin sign `K`).
fn folds_to(c: char, pattern: u8) -> bool {
    if c.is_ascii() {
        return (c as u8).eq_ignore_ascii_case(&pattern);
    }
    match pattern.to_ascii_lowercase() {
        b's' => c == 'ſ',
        b'k' => c == '\u{212A}',
        _ => false,
    }
}

/// The end of `word` at `at`: exactly, or under `(?i)` when `fold`.
fn word_end(text: &str, at: usize, word: &str, fold: bool) -> Option<usize> {
    if !fold {
        return text.get(at..)?.starts_with(word).then_some(at + word.len());
    }
    let mut end = at;
    for &pattern in word.as_bytes() {
        let (c, width) = char_at(text, end)?;
        if !folds_to(c, pattern) {
            return None;
        }
        end += width;
    }
    Some(end)
}

/// Whether `\b` holds at `at` right after a word character: no word
/// character (the regex's Unicode `\w`) follows.
fn word_ends_at(text: &str, at: usize) -> bool {
    match char_at(text, at) {
        None => true,
        Some((c, _)) if c.is_ascii() => !(c.is_ascii_alphanumeric() || c == '_'),
        Some((c, _)) => !is_unicode_word_character(c),
    }
}

/// The regex's `\w` for a character beyond ASCII, asked of the regex
/// engine itself (rare: only after a scale or currency word).
fn is_unicode_word_character(c: char) -> bool {
    static WORD: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"^\w$").ok());
    let mut buffer = [0u8; 4];
    WORD.as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buffer)))
}

/// The first of `words` (under `(?i)`) at `at`, ending at a word boundary
/// when `bounded`: its end.
fn first_word_end(text: &str, at: usize, words: &[&str], bounded: bool) -> Option<usize> {
    // An ASCII character matches a word's first letter only in its own
    // letter, in either case: a quick test before the words are read.
    let first = *text.as_bytes().get(at)?;
    if first.is_ascii()
        && !words.iter().any(|w| {
            w.as_bytes()
                .first()
                .is_some_and(|p| p.eq_ignore_ascii_case(&first))
        })
    {
        return None;
    }
    words.iter().find_map(|w| {
        word_end(text, at, w, true).filter(|&end| !bounded || word_ends_at(text, end))
    })
}

/// The English pattern's match starting at `start`, if there is one: its
/// end and its parts, read in the one pass that finds it.
///
/// The pattern, in the order a regex tries it (leftmost first):
/// `(\(\s*)?` then either a prefix (`JPY|¥|￥|(?i:yen)|US$|U.S.$|USD|$`),
/// `\s?`, a number, an optional range (`\s?[–—-]|to\s?` and a number) and
/// an optional scale (`\s?(?i:thousand|million|billion|trillion|mn|bn|m)\b`),
/// or a number, `\s?`, an optional scale (without `m`), `\s` and a
/// currency word (`(?i:yen|U.S. dollars|US dollars|dollars)\b`); then
/// `(\s*\))?`.
fn english_match_at(text: &str, start: usize) -> Option<(usize, Parts)> {
    let mut parts = Parts::default();
    let mut at = start;
    if text.as_bytes().get(at) == Some(&b'(') {
        // `\(\s*`: what follows is never white space, so all of it is taken.
        parts.open = true;
        at += 1;
        while let Some(width) = space_at(text, at) {
            at += width;
        }
    }
    let end = if digit_at(text, at).is_some() {
        with_currency_word(text, at, &mut parts)?
    } else {
        with_prefix(text, at, &mut parts)?
    };
    // `(\s*\))?`
    let mut close = end;
    while let Some(width) = space_at(text, close) {
        close += width;
    }
    parts.close = text.as_bytes().get(close) == Some(&b')');
    Some((if parts.close { close + 1 } else { end }, parts))
}

/// The first branch from `at`: a currency prefix, a number, a range, a
/// scale. Its parts go into `parts`; the end of what it matched comes back.
fn with_prefix(text: &str, at: usize, parts: &mut Parts) -> Option<usize> {
    const PREFIXES: [(&str, bool); 8] = [
        ("JPY", false),
        ("¥", false),
        ("￥", false),
        ("yen", true),
        ("US$", false),
        ("U.S.$", false),
        ("USD", false),
        ("$", false),
    ];
    // Only the prefixes that begin with the byte at `at` can match.
    let first = *text.as_bytes().get(at)?;
    // The second byte rules out most letters that start no prefix ("by",
    // "Japan", "Utility"): `JPY`; `US$`, `U.S.$`, `USD`; `yen` in any case.
    let second = text.as_bytes().get(at + 1).copied();
    let possible = match first {
        b'J' => second == Some(b'P'),
        b'U' => matches!(second, Some(b'S' | b'.')),
        b'y' | b'Y' => matches!(second, Some(b'e' | b'E')),
        _ => true,
    };
    if !possible {
        return None;
    }
    let after = PREFIXES
        .iter()
        .filter(|(p, fold)| {
            p.as_bytes()
                .first()
                .is_some_and(|&b| b == first || (*fold && b.eq_ignore_ascii_case(&first)))
        })
        .find_map(|(p, fold)| word_end(text, at, p, *fold))?;
    let from = after + space_at(text, after).unwrap_or(0);
    let mut end = number_end(text, from)?;
    parts.pre = Some(at..after);
    parts.num = Some(number_range(text, from, end));
    // `(?:\s?(?:[–—-]|to)\s?NUMBER)?`
    let joiner_at = end + space_at(text, end).unwrap_or(0);
    let joiner_end = ["–", "—", "-", "to"]
        .iter()
        .find_map(|j| word_end(text, joiner_at, j, false));
    if let Some(joiner_end) = joiner_end {
        let from = joiner_end + space_at(text, joiner_end).unwrap_or(0);
        if let Some(second) = number_end(text, from) {
            parts.num2 = Some(number_range(text, from, second));
            end = second;
        }
    }
    // `(?:\s?(?i:thousand|…|m)\b)?`
    let scale_at = end + space_at(text, end).unwrap_or(0);
    const SCALES: [&str; 7] = [
        "thousand", "million", "billion", "trillion", "mn", "bn", "m",
    ];
    Some(match first_word_end(text, scale_at, &SCALES, true) {
        Some(scale_end) => {
            parts.scale = Some(scale_at..scale_end);
            scale_end
        }
        None => end,
    })
}

/// The second branch from `at`: a number, an optional scale, a currency
/// word. Its parts go into `parts`; the end of what it matched comes back.
fn with_currency_word(text: &str, at: usize, parts: &mut Parts) -> Option<usize> {
    const SCALES: [&str; 6] = ["thousand", "million", "billion", "trillion", "mn", "bn"];
    const WORDS: [&str; 4] = ["yen", "U.S. dollars", "US dollars", "dollars"];
    // A shorter number would leave a digit, comma or point before the
    // white space the pattern needs next, so only the longest can match.
    let number = number_end(text, at)?;
    // A currency word after a scale and white space: the scale's range and
    // the word's.
    let after_scale = |from: usize| {
        let scale = first_word_end(text, from, &SCALES, false)?;
        let word = scale + space_at(text, scale)?;
        let end = first_word_end(text, word, &WORDS, true)?;
        Some((Some(from..scale), word..end))
    };
    // A currency word at `from`, without a scale.
    let word_alone =
        |from: usize| first_word_end(text, from, &WORDS, true).map(|end| (None, from..end));
    let (scale, post) = match space_at(text, number) {
        // `\s?` took a space: a scale, or `\s` and the word; else `\s?`
        // takes nothing and `\s` the space.
        Some(width) => {
            let from = number + width;
            after_scale(from)
                .or_else(|| word_alone(from + space_at(text, from)?))
                .or_else(|| word_alone(from))
        }
        None => after_scale(number),
    }?;
    parts.num = Some(number_range(text, at, number));
    parts.scale = scale;
    let end = post.end;
    parts.post = Some(post);
    Some(end)
}

/// The range of a number the pattern matched from `start` to `end`,
/// without its trailing commas (`,` or `，`): the value is read from it.
fn number_range(text: &str, start: usize, end: usize) -> Range<usize> {
    let written = text.get(start..end).unwrap_or("");
    start..start + written.trim_end_matches([',', '，']).len()
}

/// The parts of one English amount the pattern matched, as byte ranges.
#[derive(Debug, Default)]
struct Parts {
    open: bool,
    close: bool,
    pre: Option<Range<usize>>,
    post: Option<Range<usize>>,
    num: Option<Range<usize>>,
    num2: Option<Range<usize>>,
    scale: Option<Range<usize>>,
}

/// Every Japanese-style amount in `text`: 106億円, 105億6,700万円,
/// 1兆2,345億円, 8,900万ドル, △5億6,700万円.
pub fn japanese(text: &str) -> Vec<Amount> {
    japanese_classified(text, ByteClasses::ANY)
}

/// [`japanese`] for a text of known [`ByteClasses`].
fn japanese_classified(text: &str, classes: ByteClasses) -> Vec<Amount> {
    let Some(re) = JAPANESE.as_ref() else {
        return Vec::new();
    };
    // Every amount ends in 円 or ドル.
    if !(classes.may_contain("円") || classes.may_contain("ドル")) {
        return Vec::new();
    }
    if !text.contains('円') && !text.contains("ドル") {
        return Vec::new();
    }
    let units = [
        ('兆', Decimal::from(1_000_000_000_000u64)),
        ('億', Decimal::from(100_000_000u64)),
        ('万', Decimal::from(10_000u64)),
    ];
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let (Some(whole), Some(body), Some(unit_word)) = (c.get(0), c.name("body"), c.name("unit"))
        else {
            continue;
        };
        if body.as_str().is_empty() {
            continue;
        }
        let currency = if unit_word.as_str() == "円" {
            Currency::Jpy
        } else {
            Currency::Usd
        };
        let mut value = Decimal::ZERO;
        let mut last: Option<(Range<usize>, Decimal, Decimal, u32)> = None;
        // (range of the last number, the number, its multiplier, its decimals)
        let mut rest = body.as_str();
        let mut offset = body.start();
        loop {
            let split = rest
                .char_indices()
                .find(|(_, ch)| units.iter().any(|(u, _)| u == ch));
            let (digits, multiplier, advance) = match split {
                Some((i, ch)) => {
                    let m = units
                        .iter()
                        .find(|(u, _)| *u == ch)
                        .map_or(Decimal::ONE, |(_, m)| *m);
                    (rest.get(..i).unwrap_or(""), m, i + ch.len_utf8())
                }
                None => (rest, Decimal::ONE, rest.len()),
            };
            if !digits.is_empty()
                && let Some((n, decimals)) = number(digits)
            {
                value += n * multiplier;
                last = Some((offset..offset + digits.len(), n, multiplier, decimals));
            }
            offset += advance;
            rest = rest.get(advance..).unwrap_or("");
            if rest.is_empty() || split.is_none() {
                break;
            }
        }
        let Some((number_range, last_number, unit, decimals)) = last else {
            continue;
        };
        let negative = c.name("neg").is_some();
        let _ = number_range;
        if value.abs() > MAX_AMOUNT {
            continue;
        }
        out.push(Amount {
            currency,
            value: if negative { -value } else { value },
            // Trailing zeros count across the 億/万 groups: 14億9,000万 may be
            // rounded to 1,000万.
            precision: if decimals > 0 {
                precision(last_number, decimals) * unit
            } else {
                precision(value, 0)
            },
            range: whole.range(),
            // The whole 億/万 body is one number: a fix rewrites all of it.
            number: body.range(),
            decimals,
            unit: Decimal::ZERO,
        });
    }
    out
}

/// The amounts of every block of a document (index by block), computed once
/// and shared by the rules that read money in prose.
#[derive(Debug, Clone, Default)]
pub struct BlockAmounts(pub Vec<Vec<Amount>>);

impl BlockAmounts {
    /// The document's amounts, shared.
    pub fn shared(doc: &crate::model::Document) -> std::sync::Arc<BlockAmounts> {
        doc.analysis(|doc| {
            BlockAmounts(
                doc.blocks
                    .iter()
                    .map(|b| {
                        let text = b.text.as_str();
                        if may_contain_money_classified(text, b.classes) {
                            all_classified(text, b.classes)
                        } else {
                            Vec::new()
                        }
                    })
                    .collect(),
            )
        })
    }

    /// The amounts of block `index`.
    pub fn of_block(&self, index: usize) -> &[Amount] {
        self.0.get(index).map_or(&[], Vec::as_slice)
    }
}

/// A quick test before the readers: a digit, and a currency sign or word,
/// must be present. (It may say yes wrongly, never no wrongly.)
///
/// Each test is a SIMD byte search (memchr), so a block without money costs
/// a few looks at its bytes rather than a full read.
pub fn may_contain_money(text: &str) -> bool {
    may_contain_money_classified(text, ByteClasses::of(text))
}

/// [`may_contain_money`] for a text of known [`ByteClasses`], which answer
/// most of it without a look at the text.
pub fn may_contain_money_classified(text: &str, classes: ByteClasses) -> bool {
    // Every amount has a digit, ASCII or full width (０–９ start with the
    // byte 0xEF); both have classes of their own.
    if !(classes.may_have(b'0') || classes.may_have(0xEF)) {
        return false;
    }
    let b = text.as_bytes();
    // `$`, and the last byte of ¥/￥ (0xA5), of 円 (0x86) and of ド (0x89).
    let signs = [b'$', 0xA5, 0x86, 0x89]
        .iter()
        .any(|&s| classes.may_have(s));
    if signs
        && (memchr::memchr3(b'$', 0xA5, 0x86, b).is_some() || memchr::memchr(0x89, b).is_some())
    {
        return true;
    }
    let lower = |at: usize| b.get(at).map_or(0, u8::to_ascii_lowercase);
    // JPY and yen hold a `y`; USD and dollar a `d` (ASCII case ignored).
    let yen = classes.may_contain("jpy") || classes.may_contain("yen");
    let dollar = classes.may_contain("usd") || classes.may_contain("dollar");
    (yen && memchr::memchr2_iter(b'y', b'Y', b).any(|at| {
        (at >= 2 && lower(at - 2) == b'j' && lower(at - 1) == b'p')
            || (lower(at + 1) == b'e' && lower(at + 2) == b'n')
    })) || (dollar
        && memchr::memchr2_iter(b'd', b'D', b).any(|at| {
            (at >= 2 && lower(at - 2) == b'u' && lower(at - 1) == b's')
                || b.get(at..at + 6)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"dollar"))
        }))
}

/// Every amount in `text`, in order. A parenthesised amount right after
/// another amount is its translation ("JPY10.6 billion ($89.0 million)"), not
/// a negative amount; elsewhere "(JPY567 million)" is negative.
pub fn all(text: &str) -> Vec<Amount> {
    all_classified(text, ByteClasses::ANY)
}

/// [`all`] for a text of known [`ByteClasses`].
fn all_classified(text: &str, classes: ByteClasses) -> Vec<Amount> {
    let mut amounts = english(text);
    amounts.extend(japanese_classified(text, classes));
    amounts.sort_by_key(|a| (a.range.start, a.number.start));
    let ends: Vec<usize> = amounts.iter().map(|a| a.range.end).collect();
    for a in &mut amounts {
        let parenthesised = text
            .get(a.range.clone())
            .is_some_and(|t| t.starts_with('('));
        if !parenthesised || !a.value.is_sign_negative() {
            continue;
        }
        let before = text.get(..a.range.start).unwrap_or("").trim_end();
        if ends.iter().any(|&e| e == before.len() && e > 0) {
            a.value = a.value.abs();
        }
    }
    amounts
}

/// Conversion pairs: a yen amount followed directly by a dollar amount in
/// parentheses — "JPY10.6 billion ($89.0 million)", "106億円（8,900万ドル）",
/// "JPY12.5–13.0 billion ($105.3–109.5 million)".
pub fn pairs(text: &str, amounts: &[Amount]) -> Vec<Pair> {
    let mut out = Vec::new();
    for (k, yen) in amounts.iter().enumerate() {
        if yen.currency != Currency::Jpy {
            continue;
        }
        // A range "JPY12.5–13.0 billion" is one group of two yen amounts,
        // translated by the matching member of the dollar group.
        let index_in_group = amounts
            .iter()
            .filter(|a| a.range == yen.range && a.currency == Currency::Jpy)
            .position(|a| a.number == yen.number)
            .unwrap_or(0);
        let after = amounts
            .iter()
            .skip(k)
            .find(|a| a.range.start >= yen.range.end);
        let Some(first_usd) = after.filter(|a| a.currency == Currency::Usd) else {
            continue;
        };
        let between = text.get(yen.range.end..first_usd.range.start).unwrap_or("");
        let opens = between.trim() == "(" || between.trim() == "（";
        let wrapped = between.trim().is_empty()
            && text
                .get(first_usd.range.clone())
                .is_some_and(|t| t.starts_with('('));
        if !(opens || wrapped) {
            continue;
        }
        let usd_group: Vec<&Amount> = amounts
            .iter()
            .filter(|a| a.range == first_usd.range && a.currency == Currency::Usd)
            .collect();
        if let Some(usd) = usd_group.get(index_in_group).or(usd_group.first()) {
            out.push(Pair {
                yen: yen.clone(),
                usd: (*usd).clone(),
            });
        }
    }
    out
}

/// Statements of the exchange rate in `text`.
pub fn rate_statements(text: &str) -> Vec<RateStatement> {
    rate_statements_classified(text, ByteClasses::ANY)
}

/// [`rate_statements`] for a text of known [`ByteClasses`], which spare
/// most texts the byte searches of the quick test (a text without `=` and
/// `＝`'s lead byte 0xEF needs no search for them, one without `$` none for
/// "$1"): the test's answer is the same.
pub fn rate_statements_classified(text: &str, classes: ByteClasses) -> Vec<RateStatement> {
    let Some(re) = RATE.as_ref() else {
        return Vec::new();
    };
    // Every form has "=", "＝", the word "dollar" or "$1".
    // (Byte searches: `＝` is EF BC 9D in UTF-8.)
    let b = text.as_bytes();
    let equals = (classes.may_have(b'=') || classes.may_have(0xEF))
        && memchr::memchr2_iter(b'=', 0xEF, b)
            .any(|at| b.get(at) == Some(&b'=') || b.get(at..at + 3) == Some("＝".as_bytes()));
    // "$1" before "dollar": the word's rarest letter is the `l` of every
    // "million" and "billion".
    let dollar_one = || {
        classes.may_have(b'$')
            && memchr::memchr_iter(b'$', b).any(|at| b.get(at + 1) == Some(&b'1'))
    };
    let dollar_word =
        || classes.may_contain("dollar") && crate::text::contains_ignore_ascii_case(text, "dollar");
    if !(equals || dollar_one() || dollar_word()) {
        return Vec::new();
    }
    re.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let n = c
                .name("a")
                .or(c.name("b"))
                .or(c.name("c"))
                .or(c.name("d"))?;
            let (rate, _) = number(n.as_str())?;
            (rate > Decimal::ZERO).then_some(RateStatement {
                rate,
                range: whole.range(),
            })
        })
        .collect()
}

/// Whether a pair agrees with `rate` (yen per dollar) at the precision of
/// both printed numbers: the yen interval divided by the rate overlaps the
/// dollar interval.
pub fn agrees(pair: &Pair, rate: Decimal) -> bool {
    agrees_under(pair, rate, Rounding::Round)
}

/// [`agrees`] under a rounding convention.
pub fn agrees_under(pair: &Pair, rate: Decimal, rounding: Rounding) -> bool {
    let (low, high) = implied_under(&pair.yen, rate, rounding);
    let (usd_low, usd_high) = pair.usd.interval_under(rounding);
    let (usd_low, usd_high) =
        if pair.yen.value.is_sign_negative() == pair.usd.value.is_sign_negative() {
            (usd_low, usd_high)
        } else {
            // A sign written only once ("(JPY567 million) ($4.8 million)") compares magnitudes.
            (-usd_high, -usd_low)
        };
    low < usd_high && usd_low < high
}

/// The dollar interval a yen amount implies at `rate`.
pub fn implied(yen: &Amount, rate: Decimal) -> (Decimal, Decimal) {
    implied_under(yen, rate, Rounding::Round)
}

/// [`implied`] under a rounding convention.
pub fn implied_under(yen: &Amount, rate: Decimal, rounding: Rounding) -> (Decimal, Decimal) {
    let (low, high) = yen.interval_under(rounding);
    match (low.checked_div(rate), high.checked_div(rate)) {
        (Some(low), Some(high)) => (low, high),
        // A zero rate, or one so small that the quotient overflows.
        _ => (Decimal::ZERO, Decimal::ZERO),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn reads_english_amounts_with_their_precision() {
        let a = all("Revenues were JPY10.6 billion ($89.0 million).");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].value, d("10600000000"));
        assert_eq!(a[0].precision, d("100000000"));
        assert_eq!(a[1].currency, Currency::Usd);
        assert_eq!(a[1].value, d("89000000"));
        assert_eq!(a[1].precision, d("100000"));
        for (text, value) in [
            ("JPY 10,567 million", "10567000000"),
            ("¥10.6 billion", "10600000000"),
            ("10.6 billion yen", "10600000000"),
            ("Yen 10.6 billion", "10600000000"),
            ("US$89.0 million", "89000000"),
            ("USD 89.0 million", "89000000"),
            ("U.S.$89.0 million", "89000000"),
            ("$89.0 mn", "89000000"),
            ("JPY1.2 bn", "1200000000"),
            ("(JPY567 million)", "-567000000"),
        ] {
            let a = english(text);
            assert_eq!(a.first().map(|a| a.value), Some(d(value)), "{text}");
        }
        let range = english("JPY12.5–13.0 billion");
        assert_eq!(range.len(), 2);
        assert_eq!(range[1].value, d("13000000000"));
    }

    /// The parts read in the matching pass are the regex's own capture
    /// groups (numbers without their trailing commas).
    fn assert_parts_are_the_captures(text: &str) {
        let re = ENGLISH.as_ref().unwrap();
        for (c, (whole, parts)) in re.captures_iter(text).zip(EnglishMatches::new(text)) {
            assert_eq!(Some(whole.clone()), c.get(0).map(|m| m.range()), "{text:?}");
            let r = |name: &str| c.name(name).map(|m| m.range());
            assert_eq!(parts.open, r("open").is_some(), "{text:?}");
            assert_eq!(parts.close, r("close").is_some(), "{text:?}: {whole:?}");
            assert_eq!(parts.pre, r("pre"), "{text:?}");
            assert_eq!(parts.post, r("post"), "{text:?}");
            assert_eq!(
                parts.num,
                r("num").or(r("num_post")).map(|n| trim_comma(text, n)),
                "{text:?}"
            );
            assert_eq!(
                parts.num2,
                r("num2").map(|n| trim_comma(text, n)),
                "{text:?}"
            );
            assert_eq!(parts.scale, r("scale").or(r("scale_post")), "{text:?}");
        }
    }

    #[test]
    fn parts_match_the_regex_captures() {
        let mut corpus = vec![
            "JPY10.6 billion ($89.0 million)".to_string(),
            "(JPY567 million) and JPY 10,567 million, ¥10.6 bn, Yen 10.6 billion".into(),
            "10.6 billion yen or 89 million U.S. dollars, 5 US dollars, 7 dollars".into(),
            "JPY12.5–13.0 billion ($105.3–109.5 million); JPY12.5 to 13.0 billion".into(),
            "US$89.0 mn, USD 89.0 million, U.S.$89.0 million, $89.0m, $ 5 thousand".into(),
            "JPY10, and $3,. and （¥１０．６ billion） ( $4.8 million )".into(),
            "JPY1.2 trillion, $5 millionaire, JPY 3 billions".into(),
            "5 thouſand dollarſ, 5  yen, 5million yen, 5 million  yen, 3,， yen".into(),
        ];
        corpus.push(include_str!("../examples/iij-3q02.md").to_string());
        for text in &corpus {
            assert_parts_are_the_captures(text);
        }
    }

    /// The hand search finds what the regex finds, with the same parts.
    fn assert_same_matches(text: &str) {
        let re = ENGLISH.as_ref().unwrap();
        let by_regex: Vec<Range<usize>> = re.find_iter(text).map(|m| m.range()).collect();
        let by_hand: Vec<Range<usize>> = EnglishMatches::new(text).map(|(r, _)| r).collect();
        assert_eq!(by_hand, by_regex, "{text:?}");
        assert_parts_are_the_captures(text);
    }

    #[test]
    fn english_matches_are_the_regex_matches() {
        let mut corpus = vec![
            "JPY10.6 billion ($89.0 million), ( JPY 5 ) (JPY567 million) yen5 Yen 3,4",
            "10.6 billion yen or 89 million U.S. dollars, 5 US dollars, 7 dollars, 8  yen",
            "JPY12.5–13.0 billion ($105.3–109.5 million); JPY12.5 to 13.0 billion; $5to6",
            "US$89.0 mn, USD 89.0 million, U.S.$89.0 million, $89.0m, $ 5 thousand, $5 mx",
            "JPY10, and $3,. and （¥１０．６ billion） ( $4.8 million ) ￥５，０００",
            "JPY1.2 trillion, $5 millionaire, JPY 3 billions, 1.2.3 yen, 5millionyen",
            "5 thouſand dollarſ, 5 U.ſ. dollars, $5 million_x, $5 millioné, 5 dollarsé",
            "$5 million\u{301}, 5 yen\u{2028}, 5\u{3000}yen, (\u{a0}$5), 5 million yenx",
            "5 MILLION YEN, 5 Million  Yen, 5 million  yen, 1,000, yen, 3. yen, .5 yen",
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
        corpus.push(include_str!("../examples/iij-3q02.md").to_string());
        for entry in std::fs::read_dir("tests/fixtures").unwrap() {
            // Some fixtures are not UTF-8 on purpose.
            if let Ok(text) = std::fs::read_to_string(entry.unwrap().path()) {
                corpus.push(text);
            }
        }
        for text in &corpus {
            assert_same_matches(text);
        }
    }

    /// The character classes the hand search uses are the regex's.
    #[test]
    fn character_classes_are_the_regex_classes() {
        let space = Regex::new(r"^\s$").unwrap();
        let word = Regex::new(r"^\w$").unwrap();
        let folds: Vec<(u8, Regex)> = b"yenthousandmilliobrUSdD"
            .iter()
            .map(|&b| (b, Regex::new(&format!("(?i)^{}$", b as char)).unwrap()))
            .collect();
        let any_letter = Regex::new("(?i)^[a-z]$").unwrap();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buffer = [0u8; 4];
            let text: &str = c.encode_utf8(&mut buffer);
            assert_eq!(c.is_whitespace(), space.is_match(text), "{c:?}");
            assert_eq!(!word_ends_at(text, 0), word.is_match(text), "{c:?}");
            let folds_to_a_letter = any_letter.is_match(text);
            for (b, re) in &folds {
                let expected = folds_to_a_letter && re.is_match(text);
                assert_eq!(folds_to(c, *b), expected, "{c:?} as {}", *b as char);
            }
        }
    }

    #[test]
    fn plain_numbers_keep_the_digit_limits() {
        for (text, read) in [
            ("999,999,999,999,999", true),
            ("1,000,000,000,000,000", false),
            ("0001,000,000,000,000", true),
            ("000999999999999999", true),
            ("1.123456789", true),
            ("1.1234567891", false),
            ("0.000000001", true),
        ] {
            assert_eq!(plain_number(text).is_some(), read, "{text}");
            assert_eq!(number(text).is_some(), read, "{text}");
            assert_eq!(
                crate::draft::format::within_digit_limits(text),
                read,
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_numbers_read_as_parse_decimal_reads_them(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["0", "1", "9", "05", "123", ",", ".", "00"]),
                1..12,
            )
        ) {
            let text = pieces.concat();
            // `number` reads only numbers within the digit limits.
            let within = crate::draft::format::within_digit_limits(&text);
            if let (Some((value, decimals)), true) = (plain_number(&text), within) {
                let expected = crate::draft::format::parse_decimal(&text).unwrap();
                proptest::prop_assert_eq!(value.mantissa(), expected.mantissa());
                proptest::prop_assert_eq!(value.scale(), expected.scale());
                let after_point = text.split_once('.').map_or(0, |(_, f)| f.len());
                proptest::prop_assert_eq!(decimals as usize, after_point);
            }
        }

        #[test]
        fn english_matches_are_the_regex_matches_on_any_text(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "JPY", "¥", "￥", "yen", "Yen", "YEN", "US$", "U.S.$", "USD", "$", "U", "US",
                    "(", ")", " ", "  ", "\u{3000}", "1", "23", "４", "5,6", ",", "，", ".",
                    "．", "7.8", "–", "—", "-", "to", "t", "million", "billion", "mn", "bn", "m",
                    "thousand", "trillion", "dollars", "U.S. dollars", "US dollars", "x", "é",
                    "_", "ſ", "s", "ions",
                ]),
                0..14,
            )
        ) {
            let text = pieces.concat();
            let re = ENGLISH.as_ref().unwrap();
            let by_regex: Vec<Range<usize>> = re.find_iter(&text).map(|m| m.range()).collect();
            let by_hand: Vec<Range<usize>> = EnglishMatches::new(&text).map(|(r, _)| r).collect();
            proptest::prop_assert_eq!(by_hand, by_regex);
            // And with the same parts (a failure panics with the text).
            assert_parts_are_the_captures(&text);
        }
    }

    proptest::proptest! {
        #[test]
        fn classified_rate_statements_are_the_searched_ones(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "¥", "JPY", "yen", "118.75", "1", " ", "=", "＝", "US$", "$", "$1", "dollar",
                    "Dollar", "U.S. dollar", "to the", "per", "円", "1米ドル", "ドル", "x",
                ]),
                0..10,
            )
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(
                rate_statements_classified(&text, ByteClasses::of(&text)),
                rate_statements(&text)
            );
        }
    }

    /// [`may_contain_money`] as it was before [`ByteClasses`]: the oracle
    /// the classified test must agree with.
    fn may_contain_money_by_search(text: &str) -> bool {
        let b = text.as_bytes();
        let may_have_digit = b.iter().any(|&c| c.is_ascii_digit() || c == 0xEF);
        if !may_have_digit {
            return false;
        }
        if memchr::memchr3(b'$', 0xA5, 0x86, b).is_some() || memchr::memchr(0x89, b).is_some() {
            return true;
        }
        let lower = |at: usize| b.get(at).map_or(0, u8::to_ascii_lowercase);
        memchr::memchr2_iter(b'y', b'Y', b).any(|at| {
            (at >= 2 && lower(at - 2) == b'j' && lower(at - 1) == b'p')
                || (lower(at + 1) == b'e' && lower(at + 2) == b'n')
        }) || memchr::memchr2_iter(b'd', b'D', b).any(|at| {
            (at >= 2 && lower(at - 2) == b'u' && lower(at - 1) == b's')
                || b.get(at..at + 6)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"dollar"))
        })
    }

    proptest::proptest! {
        #[test]
        fn classified_money_tests_agree_with_searching(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "JPY", "jp", "y", "Yen", "en", "US", "usd", "d", "Dollar", "ollar", "$", "¥",
                    "￥", "円", "ド", "ドル", "万", "1", "２", "x", " ", ".", "’", "、",
                ]),
                0..10,
            )
        ) {
            let text = pieces.concat();
            let classes = ByteClasses::of(&text);
            proptest::prop_assert_eq!(
                may_contain_money_classified(&text, classes),
                may_contain_money_by_search(&text)
            );
            proptest::prop_assert_eq!(all_classified(&text, classes), all(&text));
        }
    }

    /// The regex's number may end with a comma ("JPY10, and"); the reader's does not.
    fn trim_comma(text: &str, r: Range<usize>) -> Range<usize> {
        let s = &text[r.clone()];
        r.start..r.start + s.trim_end_matches([',', '，']).len()
    }

    #[test]
    fn the_money_prefilter_never_misses_an_amount() {
        for text in [
            "JPY10.6 billion",
            "5 billion yen",
            "Yen 3",
            "$89.0 million",
            "USD 12",
            "12 million U.S. dollars",
            "12 million Dollars",
            "¥118.75",
            "￥5",
            "106億円",
            "8,900万米ドル",
        ] {
            // An amount the readers find is never skipped by the prefilter.
            assert!(
                !english(text).is_empty() || !japanese(text).is_empty(),
                "{text}"
            );
            assert!(may_contain_money(text), "{text}");
        }
        for text in [
            "Revenue grew 6.3% year on year.",
            "Tokyo, Japan",
            "データセンター",
            "",
            "JPY, yen, dollars and 円 without a number",
        ] {
            assert!(!may_contain_money(text), "{text}");
        }
    }

    #[test]
    fn reads_japanese_amounts() {
        for (text, value, precision) in [
            ("106億円", "10600000000", "100000000"),
            ("105億6,700万円", "10567000000", "1000000"),
            ("1兆2,345億円", "1234500000000", "100000000"),
            ("8,900万ドル", "89000000", "1000000"),
            ("（8,900万米ドル）", "89000000", "1000000"),
            ("14億9,000万ドル", "1490000000", "10000000"),
            ("１０６億円", "10600000000", "100000000"),
            ("△5億6,700万円", "-567000000", "1000000"),
        ] {
            let a = japanese(text);
            assert_eq!(a.len(), 1, "{text}");
            assert_eq!(a[0].value, d(value), "{text}");
            assert_eq!(a[0].precision, d(precision), "{text}");
        }
    }

    #[test]
    fn the_seed_pairs_agree_at_the_seed_rate() {
        let rate = d("118.75");
        let text = "Total revenues totaled JPY10.6 billion ($89.0 million). Revenues are expected to be between JPY12.5 billion ($105.3 million) and JPY13.0 billion ($109.5 million).";
        let amounts = all(text);
        let pairs = pairs(text, &amounts);
        assert_eq!(pairs.len(), 3);
        assert!(pairs.iter().all(|p| agrees(p, rate)));
        let wrong = "JPY10.6 billion ($91.0 million)";
        let p = super::pairs(wrong, &all(wrong));
        assert_eq!(p.len(), 1);
        assert!(!agrees(&p[0], rate));
        let ja = "売上高は106億円（8,900万ドル）";
        let p = super::pairs(ja, &all(ja));
        assert_eq!(p.len(), 1);
        assert!(agrees(&p[0], rate));
        let range = "JPY12.5–13.0 billion ($105.3–109.5 million)";
        let p = super::pairs(range, &all(range));
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|p| agrees(p, rate)));
    }

    #[test]
    fn truncated_numbers_have_intervals_upward() {
        let text = "JPY10.69 billion ($90.0 million)";
        let p = pairs(text, &all(text)).remove(0);
        let rate = d("118.75");
        // Rounded: 10.685–10.695 bn is $89.98–90.06 m, which meets [89.95, 90.05).
        assert!(agrees_under(&p, rate, Rounding::Round));
        // Truncated: 10.69–10.70 bn is $90.02–90.11 m; $90.0 m truncated is [90.0, 90.1).
        assert!(agrees_under(&p, rate, Rounding::Truncate));
        let text = "JPY10.6 billion ($89.6 million)";
        let p = pairs(text, &all(text)).remove(0);
        // 10.6 truncated is [10.6, 10.7) bn = [89.26, 90.11) m: $89.6 m fits;
        // rounded, 10.6 is [10.55, 10.65) = [88.84, 89.68) and [89.55, 89.65) fits too.
        assert!(agrees_under(&p, rate, Rounding::Truncate));
        let text = "JPY10.6 billion ($90.0 million)";
        let p = pairs(text, &all(text)).remove(0);
        assert!(!agrees_under(&p, rate, Rounding::Round));
        assert!(agrees_under(&p, rate, Rounding::Truncate));
    }

    #[test]
    fn finds_rate_statements() {
        for text in [
            "at the rate of ¥118.75 = US$1",
            "US$1 = ¥118.75",
            "1ドル＝118.75円",
            "1米ドル＝118.75円",
            "at 118.75 yen to the dollar",
            "¥118.75 per U.S. dollar",
        ] {
            let r = rate_statements(text);
            assert_eq!(r.first().map(|r| r.rate), Some(d("118.75")), "{text}");
        }
    }
}
