//! The Japanese reader: 見込み, 予想, 予定, 見通し, 計画, 目標, 方針, 目指す,
//! future periods (来期, 次期, 今後) and the like, except where the sentence
//! reports a past outcome measured against them (予想を上回りました,
//! 計画通り完了しました, 目標を達成しました), a past intention (予定していた)
//! or an accounting term (会計方針, 回収不能見込額).

use super::Cue;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

/// Cues, longest first where one contains another.
const CUES: &[&str] = &[
    "業績予想",
    "見込み",
    "見込む",
    "見込ま",
    "見込ん",
    "見込",
    "見通し",
    "予想",
    "予定",
    "予測",
    "計画",
    "目標",
    "方針",
    "目指",
    "めざ",
    "想定",
    "期待",
    "考えております",
    "考えています",
    "考えております",
    "まいります",
    "参ります",
    "今後",
    "来期",
    "次期",
    "来年度",
    "翌期",
    "来年",
    "将来",
    "可能性があ",
    "おそれがあ",
    "恐れがあ",
    "でしょう",
    "（予）",
    "(予)",
    "（E）",
    "（Ｅ）",
    "思われ",
    "と見られ",
    "場合があ",
];

/// Words right after a cue that measure a past outcome against it.
const OUTCOMES: &[&str] = &[
    "を上回",
    "を下回",
    "を大幅に上回",
    "を大幅に下回",
    "を超",
    "を越",
    "通り",
    "どおり",
    "比",
    "に比べ",
    "に対し",
    "を達成",
    "に達",
    "に届か",
    "を修正",
    "の修正",
    "を変更",
    "を割",
    "以上",
    "以下",
    "より",
    "値を上回",
    "値を下回",
    "数値を",
    "外",
    "の範囲内",
    "と実績",
    "との差異",
    "との比較",
];

/// Predicates that close a past sentence on the cue itself: "…の見通しと
/// なりました" still states an outlook.
const FINAL_PREDICATES: &[&str] = &[
    "となりました",
    "となった",
    "になりました",
    "でした",
    "であった",
    "となっておりました",
];

/// Words around a cue that make it an accounting term, not a forecast.
const ACCOUNTING: &[&str] = &[
    "会計方針",
    "見込額",
    "見込み額",
    "回収不能見込",
    "支給見込",
    "見積",
    "計画的",
    "見込み客",
    "見込客",
    "想定元本",
    "予想信用損失",
    "期待信用損失",
    "期待運用収益",
];

/// Endings of a past-tense predicate.
const PAST_ENDINGS: &[&str] = &[
    "ました",
    "した",
    "でした",
    "だった",
    "であった",
    "った",
    "なった",
    "れた",
    "ませんでした",
    "ておりました",
    "いたしました",
    "た",
];

/// Future periods: forward-looking even in a sentence told in the past
/// (「来期は利益を出せる体制が整いました」).
const FUTURE_PERIODS: &[&str] = &["来期", "次期", "来年度", "翌期", "来年", "今後", "将来"];

static CUE_FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(CUES)
        .ok()
});

/// Whether the sentence's predicate is in the past tense.
fn is_past(sentence: &str) -> bool {
    let end = sentence.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '」' | '』' | '）' | ')' | '.' | '！' | '!')
    });
    PAST_ENDINGS.iter().any(|e| end.ends_with(e))
}

/// The first forward-looking cue of a Japanese sentence.
pub fn detect(sentence: &str) -> Option<Cue> {
    let finder = CUE_FINDER.as_ref()?;
    let sentence_is_past = is_past(sentence);
    for m in finder.find_iter(sentence) {
        let range = m.range();
        // A quotation (「…見込みです」と述べました) has its own tense.
        let past = match quotation_around(sentence, range.start) {
            Some(quoted) => is_past(quoted),
            None => sentence_is_past,
        };
        let after = sentence.get(range.end..).unwrap_or("");
        let around_start = floor_char_boundary(sentence, range.start.saturating_sub(12));
        let around = sentence
            .get(around_start..(range.end + 12).min(sentence.len()))
            .or_else(|| sentence.get(around_start..))
            .unwrap_or("");
        if ACCOUNTING.iter().any(|a| around.contains(a)) {
            continue;
        }
        let okurigana = after.trim_start_matches(['み', 'し', 'の', 'む', 'ん', 'ま']);
        // 予想を上回りました, 計画通り完了した, 予想外の落ち込み: an outcome
        // measured against the cue, or the cue word used for what happened.
        if OUTCOMES
            .iter()
            .any(|o| okurigana.starts_with(o) || after.starts_with(o))
        {
            continue;
        }
        // In a sentence about the past (予定していた, 業績予想の修正を行いました,
        // 計画に基づき…撤退いたしました) the cue counts only as the closing
        // predicate: 「…となる見通しとなりました」.
        if past && !FUTURE_PERIODS.contains(&sentence.get(range.clone()).unwrap_or("")) {
            let rest = okurigana.trim_start_matches(['と', 'に']);
            let closes = FINAL_PREDICATES.iter().any(|p| {
                okurigana.starts_with(p)
                    || rest
                        .strip_prefix(p.trim_start_matches(['と', 'に']))
                        .is_some_and(|r| r.trim_end_matches(['。', ' ']).is_empty())
            });
            if !closes {
                continue;
            }
        }
        let phrase_end = (range.end
            + after
                .char_indices()
                .take(1)
                .take_while(|(_, c)| matches!(c, 'み' | 'む'))
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8()))
        .min(sentence.len());
        return Some(Cue {
            phrase: sentence
                .get(range.start..phrase_end)
                .unwrap_or("")
                .to_string(),
            range,
        });
    }
    None
}

/// The text of the 「…」 quotation that contains byte `at`, if any.
fn quotation_around(sentence: &str, at: usize) -> Option<&str> {
    let before = sentence.get(..at)?;
    let open = before.rfind('「')?;
    if before.get(open..)?.contains('」') {
        return None;
    }
    let start = open + '「'.len_utf8();
    let close = sentence.get(at..)?.find('」')? + at;
    sentence.get(start..close)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_found() {
        for s in [
            "通期の売上高は450億円となる見込みです。",
            "第4四半期の営業利益は改善する見通しです。",
            "2003年4月に新サービスを開始する予定です。",
            "売上高1,000億円を目指します。",
            "平成16年3月期（予想）",
            "今後も成長が続くと考えております。",
            "「下期は増収に転じる見込みです」と、CFOは述べました。",
        ] {
            assert!(detect(s).is_some(), "{s}");
        }
    }

    #[test]
    fn past_outcomes_and_accounting_terms_are_not() {
        for s in [
            "売上高は予想を上回りました。",
            "データセンターの移転は計画通り完了しました。",
            "新サービスは予定通り実施しました。",
            "営業利益の目標を達成しました。",
            "当社は会計方針を変更しておりません。",
            "回収不能見込額を貸倒引当金として計上しております。",
            "売上高は105億6,700万円となりました。",
            "当社は2001年に新センターの開設を予定していた。",
            "「計画通り完了しました」と、社長は述べました。",
        ] {
            assert_eq!(detect(s), None, "{s}");
        }
    }

    #[test]
    fn the_phrase_names_the_cue() {
        let c = detect("通期の売上高は450億円となる見込みです。").map(|c| c.phrase);
        assert_eq!(c.as_deref(), Some("見込み"));
    }
}
