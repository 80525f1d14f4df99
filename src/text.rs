//! Small, fast text tests shared by the readers and rules: ASCII words found
//! or compared with ASCII case ignored, without lower-casing (and so copying)
//! the text first.

/// Whether `text` contains `word`, ASCII case ignored. `word` must be ASCII.
///
/// The word's rarest letter (by English letter frequency) is found with a
/// SIMD byte search (memchr) and the word compared around it, so a text
/// without that letter costs little more than a look at its bytes, and a
/// common first letter ("o" of "orward") does not stop the search at every
/// other word.
#[inline]
pub fn contains_ignore_ascii_case(text: &str, word: &str) -> bool {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let Some((anchor, &letter)) = word
        .iter()
        .enumerate()
        .max_by_key(|&(i, &b)| (rarity(b), std::cmp::Reverse(i)))
    else {
        return true;
    };
    memchr::memchr2_iter(
        letter.to_ascii_lowercase(),
        letter.to_ascii_uppercase(),
        text,
    )
    .any(|at| {
        at.checked_sub(anchor)
            .and_then(|start| text.get(start..start + word.len()))
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(word))
    })
}

/// How rare an ASCII byte is in English prose: letters ranked from the
/// commonest (`e`, 1) to the rarest (`z`, 26), every other byte rarer still
/// (punctuation and digits, as the words searched for have them, are rarer
/// than letters), the space the commonest of all.
#[inline]
fn rarity(byte: u8) -> u8 {
    RARITY[usize::from(byte)]
}

/// [`rarity`] for every byte, computed at compile time.
static RARITY: [u8; 256] = {
    const BY_FREQUENCY: &[u8; 26] = b"etaoinshrdlcumwfgypbvkjxqz";
    let mut table = [27u8; 256];
    table[b' ' as usize] = 0;
    let mut i = 0;
    while i < BY_FREQUENCY.len() {
        let letter = BY_FREQUENCY[i];
        table[letter as usize] = i as u8 + 1;
        table[letter.to_ascii_uppercase() as usize] = i as u8 + 1;
        i += 1;
    }
    table
};

/// Whether `text` ends with `suffix`, ASCII case ignored.
#[inline]
pub fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    let text = text.as_bytes();
    text.len()
        .checked_sub(suffix.len())
        .and_then(|from| text.get(from..))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// Which kinds of byte a text holds, as one 64-bit set: computed once per
/// block, it tells many searches that they cannot succeed, without a look
/// at the text.
///
/// Every byte has a class: each ASCII letter (either case), the digits,
/// ASCII white space, each punctuation mark the readers look for, the rest
/// of ASCII, and some classes of the bytes of multi-byte characters (the
/// lead bytes of kana and kanji, of full-width forms, a few continuation
/// bytes of their own, the other continuation bytes in two halves). A text
/// contains a string, even ASCII case ignored, only if it holds a byte of
/// each class the string's bytes belong to; the tests below never answer
/// no wrongly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ByteClasses(u64);

impl ByteClasses {
    /// The classes of a text that may hold any byte: every test says yes.
    pub const ANY: ByteClasses = ByteClasses(u64::MAX);

    /// The classes of the bytes of `text`.
    pub fn of(text: &str) -> ByteClasses {
        // One table look-up per byte, no branch, eight bytes a turn: cheaper
        // than the searches it spares.
        let class = |b: u8| CLASS_BIT[usize::from(b)];
        let mut chunks = text.as_bytes().chunks_exact(8);
        let mut bits = 0u64;
        for chunk in &mut chunks {
            if let Ok(&[a, b, c, d, e, f, g, h]) = <&[u8; 8]>::try_from(chunk) {
                bits |= (class(a) | class(b)) | (class(c) | class(d));
                bits |= (class(e) | class(f)) | (class(g) | class(h));
            }
        }
        let bits = chunks
            .remainder()
            .iter()
            .fold(bits, |bits, &b| bits | class(b));
        ByteClasses(bits)
    }

    /// Whether the text may hold byte `b` (exactly when `b` has a class of
    /// its own: `$`, `%`, `{`, the lead bytes 0xE3 and 0xEF, …).
    #[inline]
    pub fn may_have(self, b: u8) -> bool {
        self.0 & CLASS_BIT[usize::from(b)] != 0
    }

    /// Whether the text may contain `needle`, also with ASCII case ignored.
    #[inline]
    pub fn may_contain(self, needle: &str) -> bool {
        needle.as_bytes().iter().all(|&b| self.may_have(b))
    }

    /// Whether the text may contain a string of classes `needed` (the
    /// classes of the string: `may_contain` for a string tested often).
    #[inline]
    pub fn may_contain_classes(self, needed: ByteClasses) -> bool {
        needed.0 & !self.0 == 0
    }
}

/// The class of a byte (see [`ByteClasses`]): 0–25 the letters, then the
/// other ASCII classes, then those of the bytes of multi-byte characters.
const fn class_of(b: u8) -> u32 {
    match b {
        b'a'..=b'z' => (b - b'a') as u32,
        b'A'..=b'Z' => (b - b'A') as u32,
        b'0'..=b'9' => 26,
        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => 27,
        b'.' => 28,
        b'!' => 29,
        b'?' => 30,
        b':' => 31,
        b'%' => 32,
        b'$' => 33,
        b'{' => 34,
        b'}' => 35,
        b'(' => 36,
        b')' => 37,
        b'=' => 38,
        b'/' => 39,
        b'\'' => 40,
        b'"' => 41,
        b'-' => 42,
        b',' => 43,
        b';' => 44,
        0x00..=0x7F => 45,
        // Continuation bytes: three that money is told by (the last bytes
        // of ¥ and ￥, of 円, of ド), then the rest in two halves.
        0x86 => 46,
        0x89 => 47,
        0xA5 => 48,
        0x80..=0x9F => 49,
        0xA0..=0xBF => 50,
        // Lead bytes: of ¥ and the no-break space; of typographic quotes and
        // dashes; of kana and CJK punctuation; of kanji; of full-width forms.
        0xC2 => 51,
        0xE2 => 52,
        0xE3 => 53,
        0xE4..=0xE9 => 54,
        0xEF => 55,
        _ => 56,
    }
}

/// The bit of each byte's class, computed at compile time.
static CLASS_BIT: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = 1 << class_of(b as u8);
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_whatever_their_case() {
        assert!(contains_ignore_ascii_case("Revenue rose 6.3% YoY.", "yoy"));
        assert!(contains_ignore_ascii_case("the QUARTER ended", "quarter"));
        assert!(contains_ignore_ascii_case("売上高 year", "year"));
        assert!(!contains_ignore_ascii_case("yearn", "yearly"));
        assert!(!contains_ignore_ascii_case("ye", "year"));
        assert!(contains_ignore_ascii_case("anything", ""));
        // The rarest letter is found anywhere in the word, also at its ends.
        assert!(contains_ignore_ascii_case("Forward-looking", "orward"));
        assert!(!contains_ignore_ascii_case("ward", "orward"));
        assert!(contains_ignore_ascii_case("QoQ", "qoq"));
        assert!(contains_ignore_ascii_case("x</TD>", "</td"));
        assert!(!contains_ignore_ascii_case("q", "qoq"));
        assert!(contains_ignore_ascii_case("sequentially", "sequential"));
    }

    #[test]
    fn compares_endings_whatever_their_case() {
        assert!(ends_with_ignore_ascii_case(
            "up 6% compared WITH",
            "compared with"
        ));
        assert!(ends_with_ignore_ascii_case("More Than", "more than"));
        assert!(!ends_with_ignore_ascii_case("than", "more than"));
        assert!(!ends_with_ignore_ascii_case("売上高", "than"));
    }

    #[test]
    fn byte_classes_never_deny_what_a_text_contains() {
        let texts = [
            "",
            "Revenue rose 6.3% YoY to JPY10.6 billion ($89.0 million).",
            "See https://www.iij.ad.jp/ir {{ revenue.3Q02 }}",
            "売上高は106億円（8,900万米ドル）、前年同期比6.3%増。",
            "IIJ’s “quoted” text — ¥118.75 = US$1 ｛｛ a．b ｝｝ ％ ＝",
            "tab\tnew\nline\x0bvt\x0cff\rcr !?:;,'\"-/=(){}[]<>*&^_|~`@#+\\",
        ];
        let needles = [
            "",
            "a",
            "Z",
            "yen",
            "JPY",
            "dollar",
            "percent",
            "orward",
            "将来",
            "円",
            "ドル",
            "比",
            "％",
            "://",
            "www.",
            "{{",
            "｛",
            "$",
            "%",
            "。",
            "！",
            "？",
            "3Q02",
            "fy2002",
            "(e)",
            "’ll",
            " to be ",
            "注意事項",
            "\u{a0}",
            "x",
            "q",
            "@",
            "[",
            "é",
            "😀",
        ];
        for text in texts {
            let classes = ByteClasses::of(text);
            for needle in needles {
                if text.contains(needle)
                    || contains_ignore_ascii_case(text, needle) && needle.is_ascii()
                {
                    assert!(classes.may_contain(needle), "{text:?} {needle:?}");
                }
            }
            for &b in text.as_bytes() {
                assert!(classes.may_have(b), "{text:?} {b:#x}");
            }
        }
        // A text without the byte is told so, for the classes of one byte.
        let english = ByteClasses::of("Revenue rose to JPY10.6 billion.");
        for absent in ["%", "$", "{", "｛", "円", "：", "=", "yoy!", "quarter"] {
            assert!(!english.may_contain(absent), "{absent:?}");
        }
        assert!(english.may_contain("billion") && english.may_contain("BILLION"));
    }

    proptest::proptest! {
        #[test]
        fn byte_classes_admit_every_substring(
            text in "[a-zA-Z0-9 .,%$¥円ドル比’“\u{a0}：｛｝{}\\-()=/!?。]{0,40}",
            from in 0usize..40,
            len in 0usize..8,
        ) {
            let classes = ByteClasses::of(&text);
            let chars: Vec<char> = text.chars().collect();
            let needle: String = chars.iter().skip(from).take(len).collect();
            proptest::prop_assert!(classes.may_contain(&needle));
            proptest::prop_assert!(classes.may_contain(&needle.to_ascii_uppercase()));
            proptest::prop_assert!(classes.may_contain(&needle.to_ascii_lowercase()));
        }
    }
}
