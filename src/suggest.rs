//! "Did you mean …?" suggestions for misspelt keys, figures and rule codes.

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn nearest<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lowered = name.to_lowercase();
    let mut best: Option<(&'a str, f64)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&lowered, &candidate.to_lowercase());
        let distance = strsim::levenshtein(&lowered, &candidate.to_lowercase());
        let length = lowered.chars().count();
        // Short names are only "close" when they differ by less than their own
        // length; otherwise `a` would suggest `x`. Longer names may also be
        // close by Jaro-Winkler similarity, which forgives swapped letters.
        let close =
            distance < length && (distance <= 1.max(length / 3) || (length >= 4 && score >= 0.88));
        if close && best.is_none_or(|(_, s)| score > s) {
            best = Some((candidate, score));
        }
    }
    best.map(|(c, _)| c)
}

/// A " Did you mean `x`?" sentence, or an empty string.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    nearest(name, candidates)
        .map(|c| format!("did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos_not_strangers() {
        let keys = ["title", "subtitle", "company", "disclaimers"];
        assert_eq!(nearest("tilte", keys), Some("title"));
        assert_eq!(nearest("disclaimer", keys), Some("disclaimers"));
        assert_eq!(nearest("Company", keys), Some("company"));
        assert_eq!(nearest("zzzz", keys), None);
        assert_eq!(nearest("a", ["x", "revenue"]), None);
        assert_eq!(nearest("ab", ["xy"]), None);
        assert_eq!(
            nearest("revenu", ["revenue", "operating_income"]),
            Some("revenue")
        );
        assert_eq!(nearest("3Q03", ["3Q01", "2Q02", "3Q02"]), Some("3Q01"));
    }
}
