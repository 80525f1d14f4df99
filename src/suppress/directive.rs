//! Reading one `relkit-…` comment: its directive, the rule codes it names
//! and, for `relkit-allow`, the `reason="…" by="…" until=YYYY-MM-DD`
//! fields. Problems are returned as messages; the caller places them.

use crate::draft::date::Date;
use crate::rules;
use crate::suggest;

/// What a comment asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `relkit-disable`: from here to the matching `relkit-enable` (or the end).
    Disable,
    /// `relkit-enable`: ends a `relkit-disable`.
    Enable,
    /// `relkit-disable-next-line`: the next non-blank line.
    NextLine,
    /// `relkit-allow`: a signed, expiring exception for the next block.
    Allow,
}

impl Kind {
    /// The directive as written.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Disable => "relkit-disable",
            Kind::Enable => "relkit-enable",
            Kind::NextLine => "relkit-disable-next-line",
            Kind::Allow => "relkit-allow",
        }
    }
}

/// The directives relkit knows.
pub const WORDS: [&str; 4] = [
    "relkit-allow",
    "relkit-disable",
    "relkit-enable",
    "relkit-disable-next-line",
];

/// A comment read as a directive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The rule codes named, in order, each once.
    pub codes: Vec<&'static str>,
    /// Words that are not rule codes (reported as `FMT007`), each with a hint.
    pub unknown_codes: Vec<(String, String)>,
    /// `reason="…"`.
    pub reason: Option<String>,
    /// `by="…"`.
    pub by: Option<String>,
    /// `until=…` as written.
    pub until_text: Option<String>,
    /// `until=…` read as a date.
    pub until: Option<Date>,
    /// What is wrong with the fields of a `relkit-allow` (`FMT008`).
    pub field_problems: Vec<String>,
}

impl Parsed {
    /// Whether an allowance carries everything it must: a reason, who gave
    /// it, and a valid expiry date.
    pub fn is_complete(&self) -> bool {
        self.field_problems.is_empty()
            && self.reason.is_some()
            && self.by.is_some()
            && self.until.is_some()
    }
}

/// The directive a comment body starts with: `Ok(None)` when the comment is
/// not for relkit, `Err(word)` for a `relkit-…` word relkit does not know.
pub fn kind_of(body: &str) -> std::result::Result<Option<Kind>, String> {
    let Some(first) = body.split_whitespace().next() else {
        return Ok(None);
    };
    // `relkit-disable FIG001,FMT003`: the directive ends at white space or a comma.
    let first = first.split(',').next().unwrap_or(first);
    Ok(Some(match first {
        "relkit-disable" => Kind::Disable,
        "relkit-enable" => Kind::Enable,
        "relkit-disable-next-line" => Kind::NextLine,
        "relkit-allow" => Kind::Allow,
        other if other.starts_with("relkit-") => return Err(other.to_string()),
        _ => return Ok(None),
    }))
}

/// Read the rest of a directive comment (after its first word).
pub fn parse(kind: Kind, body: &str) -> Parsed {
    let body = body.trim_start();
    let rest = body.get(kind.word().len()..).unwrap_or("");
    let mut parsed = Parsed::default();
    let mut chars = rest.char_indices().peekable();
    let mut fields_started = false;
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() || c == ',' {
            chars.next();
            continue;
        }
        // One token: up to white space, a comma, or `=`.
        let mut end = rest.len();
        let mut is_field = false;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() || c == ',' {
                end = i;
                break;
            }
            if c == '=' {
                end = i;
                is_field = true;
                break;
            }
            chars.next();
        }
        let word = rest.get(start..end).unwrap_or("");
        if is_field {
            chars.next(); // the `=`
            fields_started = true;
            let value = read_value(&mut chars, rest);
            field(kind, word, value, &mut parsed);
            continue;
        }
        if fields_started && kind == Kind::Allow {
            parsed.field_problems.push(format!(
                "`{word}` comes after the fields; name the rules first, then reason=\"…\" by=\"…\" until=YYYY-MM-DD (put a reason with spaces in quotes)"
            ));
            continue;
        }
        match rules::find(word) {
            Some(rule) if !parsed.codes.contains(&rule.code) => parsed.codes.push(rule.code),
            Some(_) => {}
            None => {
                let hint = suggest::did_you_mean(word, rules::RULES.iter().map(|r| r.code));
                parsed.unknown_codes.push((word.to_string(), hint));
            }
        }
    }
    if kind == Kind::Allow {
        for (name, value) in [("reason", &parsed.reason), ("by", &parsed.by)] {
            if value.is_none() {
                parsed
                    .field_problems
                    .push(format!("the allowance has no `{name}`"));
            }
        }
        if parsed.until_text.is_none() {
            parsed
                .field_problems
                .push("the allowance has no `until` date".to_string());
        }
    }
    parsed
}

/// A field value: `"quoted text"` (straight or typographic quotes) or a bare
/// word. `Err` when a quote is never closed.
fn read_value(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    text: &str,
) -> std::result::Result<String, ()> {
    let Some(&(start, first)) = chars.peek() else {
        return Ok(String::new());
    };
    let close = match first {
        '"' => Some('"'),
        '\'' => Some('\''),
        '“' => Some('”'),
        '「' => Some('」'),
        _ => None,
    };
    if let Some(close) = close {
        chars.next();
        let from = start + first.len_utf8();
        for (i, c) in chars.by_ref() {
            if c == close {
                return Ok(text.get(from..i).unwrap_or("").to_string());
            }
        }
        return Err(());
    }
    let mut end = text.len();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            end = i;
            break;
        }
        chars.next();
    }
    Ok(text.get(start..end).unwrap_or("").to_string())
}

/// Record one `name=value` field.
fn field(kind: Kind, name: &str, value: std::result::Result<String, ()>, parsed: &mut Parsed) {
    if kind != Kind::Allow {
        parsed.unknown_codes.push((
            format!("{name}="),
            "only `relkit-allow` takes fields; write `<!-- relkit-allow CODE reason=\"…\" by=\"…\" until=YYYY-MM-DD -->` to record why".to_string(),
        ));
        return;
    }
    let Ok(value) = value else {
        parsed
            .field_problems
            .push(format!("the quotes of `{name}` are never closed"));
        return;
    };
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let slot = match name {
        "reason" => &mut parsed.reason,
        "by" => &mut parsed.by,
        "until" => &mut parsed.until_text,
        other => {
            let hint = suggest::did_you_mean(other, ["reason", "by", "until"]);
            parsed.field_problems.push(format!(
                "`{other}` is not an allowance field ({})",
                if hint.is_empty() {
                    "the fields are reason, by and until".to_string()
                } else {
                    hint
                }
            ));
            return;
        }
    };
    if slot.is_some() {
        parsed
            .field_problems
            .push(format!("`{name}` is given twice"));
        return;
    }
    if value.is_empty() {
        parsed.field_problems.push(format!("`{name}` is empty"));
        return;
    }
    if name == "until" {
        match Date::parse(&value) {
            Some(date) => parsed.until = Some(date),
            None => parsed.field_problems.push(format!(
                "`until={value}` is not a date; write it as YYYY-MM-DD, e.g. until=2027-03-31"
            )),
        }
    }
    *slot = Some(value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_complete_allowance() {
        let p = parse(
            Kind::Allow,
            " relkit-allow FX004, FIG001 reason=\"guidance shown in yen only\" by=\"legal:KT\" until=2027-03-31 ",
        );
        assert_eq!(p.codes, ["FX004", "FIG001"]);
        assert_eq!(p.reason.as_deref(), Some("guidance shown in yen only"));
        assert_eq!(p.by.as_deref(), Some("legal:KT"));
        assert_eq!(
            p.until.map(|d| d.to_string()).as_deref(),
            Some("2027-03-31")
        );
        assert!(p.is_complete(), "{:?}", p.field_problems);
    }

    #[test]
    fn typographic_and_japanese_quotes_and_bare_values() {
        let p = parse(
            Kind::Allow,
            "relkit-allow fx004 reason=“円のみで表示” by=legal:KT until=2027-03-31",
        );
        assert_eq!(p.codes, ["FX004"]);
        assert_eq!(p.reason.as_deref(), Some("円のみで表示"));
        assert_eq!(p.by.as_deref(), Some("legal:KT"));
        let p = parse(
            Kind::Allow,
            "relkit-allow FX004 reason=「円のみ」 by=\"法務部 田中\" until=2027-03-31",
        );
        assert_eq!(p.reason.as_deref(), Some("円のみ"));
        assert!(p.is_complete());
    }

    #[test]
    fn missing_and_bad_fields_are_named() {
        let p = parse(Kind::Allow, "relkit-allow FX004 by=KT until=2027-02-30");
        assert!(!p.is_complete());
        assert!(
            p.field_problems.iter().any(|m| m.contains("no `reason`")),
            "{:?}",
            p.field_problems
        );
        assert!(p.field_problems.iter().any(|m| m.contains("not a date")));
        let p = parse(
            Kind::Allow,
            "relkit-allow FX004 reason=\"never closed by=KT",
        );
        assert!(p.field_problems.iter().any(|m| m.contains("never closed")));
        let p = parse(
            Kind::Allow,
            "relkit-allow FX004 reasn=\"x\" by=KT until=2027-01-01",
        );
        assert!(
            p.field_problems
                .iter()
                .any(|m| m.contains("did you mean `reason`")),
            "{:?}",
            p.field_problems
        );
        let p = parse(
            Kind::Allow,
            "relkit-allow FX004 reason=guidance in yen by=KT until=2027-01-01",
        );
        assert!(
            p.field_problems
                .iter()
                .any(|m| m.contains("`in` comes after the fields")),
            "{:?}",
            p.field_problems
        );
        let p = parse(
            Kind::Allow,
            "relkit-allow FX004 reason=\"\" by=KT until=2027-01-01",
        );
        assert!(p.field_problems.iter().any(|m| m.contains("empty")));
    }

    #[test]
    fn disable_comments_take_codes_only() {
        let p = parse(Kind::Disable, "relkit-disable FIG001,FMT003 FIG1");
        assert_eq!(p.codes, ["FIG001", "FMT003"]);
        assert_eq!(p.unknown_codes.len(), 1);
        let p = parse(Kind::Disable, "relkit-disable FIG001 reason=\"x\"");
        assert_eq!(p.codes, ["FIG001"]);
        assert!(p.unknown_codes.iter().any(|(w, _)| w == "reason="));
    }

    #[test]
    fn directives_are_recognised() {
        assert_eq!(kind_of(" relkit-allow FX004"), Ok(Some(Kind::Allow)));
        assert_eq!(kind_of("relkit-disable,FIG001"), Ok(Some(Kind::Disable)));
        assert_eq!(kind_of("a note"), Ok(None));
        assert_eq!(
            kind_of("relkit-disabel X"),
            Err("relkit-disabel".to_string())
        );
        assert_eq!(kind_of(""), Ok(None));
    }
}
