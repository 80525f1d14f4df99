//! `DIS002` safe-harbor-not-meaningful: the safe-harbor statement names fewer
//! than three specific important factors. The PSLRA safe harbor (15 U.S.C.
//! 78u-5(c)) protects a forward-looking statement only when it is
//! "accompanied by meaningful cautionary statements identifying important
//! factors that could cause actual results to differ materially".

use crate::diagnostics::{Diagnostic, Severity, plural};
use crate::legend::{Legends, SafeHarbor};
use crate::model::Document;
use crate::rules::RuleInfo;

/// `DIS002`: a safe harbor without enough specific factors.
pub static RULE: RuleInfo = RuleInfo {
    code: "DIS002",
    name: "safe-harbor-not-meaningful",
    summary: "The safe-harbor statement names fewer than three specific important factors.",
    default_severity: Severity::Warning,
    doc: include_str!("../../book/src/rules/DIS002.md"),
    check: Some(check),
};

/// The fewest factors a meaningful cautionary statement names.
pub const MINIMUM: usize = 3;

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let legends = Legends::shared(doc);
    let Some(harbor) = legends.safe_harbor() else {
        return;
    };
    let risk_factors = doc
        .front_matter
        .as_ref()
        .map_or(0, |f| f.risk_factors.len());
    let (span, count, help) = match &harbor {
        SafeHarbor::Listed(listed) => {
            let uses_list = listed.disclaimer.parameters().contains(&"risk_factors");
            if uses_list && risk_factors == 0 {
                return; // DIS004 asks for the list itself
            }
            let count = if uses_list {
                risk_factors
            } else {
                count_factors(&listed.disclaimer.text)
            };
            let help = if uses_list {
                "add the company's specific important factors under `risk_factors:` in the front matter".to_string()
            } else {
                format!(
                    "ask legal to name the company's specific important factors in the `{}` text",
                    listed.disclaimer.id
                )
            };
            (listed.id.span, count, help)
        }
        SafeHarbor::Pasted(pasted) => (
            pasted.span,
            count_factors(&pasted.written),
            "name the company's specific important factors in the paragraph, or list `safe-harbor` under `disclaimers:` with `risk_factors:`".to_string(),
        ),
        SafeHarbor::Own { block } => {
            let Some(b) = doc.blocks.get(*block) else { return };
            (
                b.span,
                count_factors(b.text.as_str()),
                "name the company's specific important factors in the paragraph (\"… include: …; …; and …\")".to_string(),
            )
        }
    };
    if count >= MINIMUM {
        return;
    }
    out.push(
        Diagnostic::new(
            &RULE,
            span,
            format!(
                "the safe-harbor statement names {}; a meaningful cautionary statement names at least {MINIMUM}",
                if count == 0 {
                    "no specific important factors".to_string()
                } else {
                    plural(count, "specific important factor")
                }
            ),
        )
        .with_help(format!("{help} (15 U.S.C. 78u-5(c); run `relkit explain DIS002`)")),
    );
}

/// How many important factors a safe-harbor text enumerates: the items after
/// "include", "including" or "such as" (English), or before など/等 after
/// 要因には (Japanese), not counting a closing "other risks".
pub fn count_factors(text: &str) -> usize {
    if crate::fls::is_japanese(text) {
        return count_japanese(text);
    }
    let lower = text.to_lowercase();
    let Some(start) = [
        "include:",
        "include ",
        "including:",
        "including ",
        "such as ",
    ]
    .iter()
    .filter_map(|m| lower.find(m).map(|i| i + m.len()))
    .min() else {
        return 0;
    };
    let rest = lower.get(start..).unwrap_or("");
    // The list ends with its sentence.
    let end = rest
        .char_indices()
        .find(|&(i, c)| {
            c == '.'
                && rest.get(i + 1..).is_some_and(|r| {
                    r.starts_with(' ')
                        && r.len() > 1
                        && rest.get(i.saturating_sub(2)..i) != Some("u.s")
                })
                && text
                    .get(start + i + 2..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_uppercase)
        })
        .map_or(rest.len(), |(i, _)| i);
    let list = rest.get(..end).unwrap_or(rest);
    let separator = if list.contains(';') { ';' } else { ',' };
    list.split(separator)
        .flat_map(|part| {
            // "a, b and c" within the last part.
            if separator == ',' {
                part.split(" and ").collect::<Vec<_>>()
            } else {
                vec![part]
            }
        })
        .map(|p| p.trim().trim_start_matches("and ").trim())
        .filter(|p| !p.is_empty())
        .filter(|p| !p.starts_with("other ") && !p.starts_with("those "))
        .count()
}

fn count_japanese(text: &str) -> usize {
    let Some(start) = ["要因には", "要因として", "要因は"]
        .iter()
        .filter_map(|m| text.find(m).map(|i| i + m.len()))
        .min()
    else {
        return 0;
    };
    let rest = text.get(start..).unwrap_or("");
    let end = ["など", "等", "。"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    rest.get(..end)
        .unwrap_or("")
        .split(['、', '・', '，'])
        .filter(|p| p.chars().count() >= 2)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_enumerated_factors() {
        assert_eq!(
            count_factors(
                "Factors include: the economy; competition; and new technology. Other text."
            ),
            3
        );
        assert_eq!(
            count_factors(
                "Important factors include changes in demand and competition. The company undertakes no obligation."
            ),
            2
        );
        assert_eq!(count_factors("Actual results may differ materially."), 0);
        assert_eq!(
            count_factors("重要な要因には、景気動向、競争の激化、技術革新などが含まれます。"),
            3
        );
    }
}
