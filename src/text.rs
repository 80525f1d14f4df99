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
}
