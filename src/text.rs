//! Small, fast text tests shared by the readers and rules: ASCII words found
//! or compared with ASCII case ignored, without lower-casing (and so copying)
//! the text first.

/// Whether `text` contains `word`, ASCII case ignored. `word` must be ASCII.
///
/// The first letter is found with a SIMD byte search (memchr), so a text
/// without it costs little more than a look at its bytes.
pub fn contains_ignore_ascii_case(text: &str, word: &str) -> bool {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let Some(&first) = word.first() else {
        return true;
    };
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), text).any(|at| {
        text.get(at..at + word.len())
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(word))
    })
}

/// Whether `text` ends with `suffix`, ASCII case ignored.
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
