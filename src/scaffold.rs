//! `relkit new`: a starting draft with front matter, a figures block, a
//! figure reference and the safe-harbor disclaimer listed, in English or
//! Japanese. The CLI writes it with [`crate::write::create_new`], never over
//! an existing file.

use crate::draft::front_matter::Lang;

/// What the new draft should say.
#[derive(Debug, Clone)]
pub struct NewDraft {
    /// Language of the draft.
    pub lang: Lang,
    /// Issuer's name.
    pub company: String,
    /// Ticker, e.g. "Nasdaq: IIJI".
    pub ticker: Option<String>,
    /// Release date (YYYY-MM-DD).
    pub date: String,
}

/// The text of a new draft.
pub fn render(new: &NewDraft) -> String {
    let company = yaml_quote(&new.company);
    let ticker = new
        .ticker
        .as_deref()
        .map(yaml_quote)
        .unwrap_or_else(|| "\"EXCHANGE: TICKER\"".into());
    match new.lang {
        Lang::En => format!(
            r#"---
title: Results for the Third Quarter
subtitle: Revenues rise year on year
company: {company}
ticker: {ticker}
date: {date}
dateline: TOKYO
lang: en
disclaimers:
  - safe-harbor
  - convenience-translation
# The important factors named by the safe-harbor statement: replace these
# with the ones your legal team approved (at least three).
risk_factors:
  - the company's ability to maintain positive operating income
  - competition in a rapidly evolving marketplace
  - the impact of technological change in the industry
filing: annual report on Form 20-F
fx:
  rate: 118.75          # yen per US dollar
  as_of: {date}
  source: noon buying rate in New York
contacts:
  - name: Investor Relations
    email: ir@example.com
---

{{{{ revenue.3Q }}}} in total revenues for the quarter, an increase over the same quarter of last year.

```figures
revenue:
  label: Total revenues
  unit: JPY
  scale: million
  values:
    3Q_prior: 9946
    3Q: 10573
  display:
    scale: billion
    decimals: 1
```
"#,
            date = new.date
        ),
        Lang::Ja => format!(
            r#"---
title: 第3四半期決算のお知らせ
company: {company}
ticker: {ticker}
date: {date}
lang: ja
disclaimers:
  - safe-harbor
# セーフハーバー文言が挙げる重要な要因（法務部門が承認したもの、3つ以上）
risk_factors:
  - 営業利益を継続的に確保できるかどうか
  - 急速に変化する市場における競争
  - 技術革新の影響
filing: 有価証券報告書
---

当四半期の売上高は{{{{ revenue.3Q }}}}となりました。

```figures
revenue:
  label: 売上高
  unit: JPY
  scale: million
  values:
    3Q: 10573
  display:
    scale: billion
    decimals: 1
```
"#,
            date = new.date
        ),
    }
}

fn yaml_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Why a counterpart cannot be scaffolded from a draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranslationProblem {
    /// The source has no closed front matter.
    #[error("it has no front matter between `---` lines, so it is not a draft to translate")]
    NotADraft,
    /// The source is already in the language asked for.
    #[error("it is already {0}")]
    SameLanguage(&'static str),
}

/// The start of a counterpart of `source` (a draft in `source_lang`) in
/// `lang`, for a translator to work in: the same front matter with `lang`
/// changed and `translation_of: link` added (so `relkit lint` checks the
/// two as a pair), a note saying what to translate and what must stay as
/// it is, and the source's body — its prose to be translated in place,
/// its figures block and figure references kept as they are (they render
/// in the new language by themselves).
pub fn translation(
    source: &str,
    source_lang: Lang,
    lang: Lang,
    link: &str,
) -> Result<String, TranslationProblem> {
    if source_lang == lang {
        return Err(TranslationProblem::SameLanguage(crate::pair::version_name(
            lang,
        )));
    }
    let layout = crate::draft::split(source);
    let (Some(front), false) = (layout.front_matter, layout.unterminated) else {
        return Err(TranslationProblem::NotADraft);
    };
    let yaml = source.get(front.range()).unwrap_or("");
    let body = source.get(layout.body.range()).unwrap_or("");
    let note = match lang {
        Lang::Ja => {
            "# 英語版の翻訳です。title・subtitle・dateline・risk_factors・filing・contacts と本文を\n\
             # 翻訳してください。数値（figures ブロック）、日付、ティッカー、為替レート、免責文言の\n\
             # 指定は英語版と一致させる必要があります（relkit lint で英語版と照合されます）。\n"
        }
        Lang::En => {
            "# The English version of a Japanese draft: translate the title, subtitle,\n\
             # dateline, risk_factors, filing, contacts and the body. The figures block,\n\
             # date, ticker, exchange rate and disclaimers must stay as they are in the\n\
             # Japanese version (relkit lint checks the two against each other).\n"
        }
    };
    let mut out = String::with_capacity(source.len() + note.len() + 64);
    out.push_str("---\n");
    out.push_str(note);
    let mut wrote_lang = false;
    for line in yaml.split_inclusive('\n') {
        let key = top_level_key(line);
        if key == Some("translation_of") {
            continue;
        }
        if key == Some("lang") {
            push_lang(&mut out, lang, link);
            wrote_lang = true;
            continue;
        }
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push('\n');
        }
    }
    if !wrote_lang {
        push_lang(&mut out, lang, link);
    }
    out.push_str("---\n");
    out.push_str(body);
    Ok(out)
}

/// The language a draft's front matter gives (English when it gives none
/// or cannot be read: [`translation`] refuses a draft without front matter).
pub fn lang_of(source: &crate::SourceFile) -> Lang {
    let layout = crate::draft::split(source.text());
    crate::draft::front_matter::parse(source, &layout, &mut Vec::new()).map_or(Lang::En, |f| f.lang)
}

/// The other language.
pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::En => Lang::Ja,
        Lang::Ja => Lang::En,
    }
}

/// The name of a draft's counterpart in `lang` beside it: `q3.md` →
/// `q3.ja.md`; `q3.ja.md` → `q3.md` for English (else `q3.en.md`).
pub fn counterpart_name(source: &std::path::Path, lang: Lang) -> std::path::PathBuf {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".to_string());
    let (base, had_tag) = match stem.rsplit_once('.') {
        Some((base, "ja" | "en")) => (base.to_string(), true),
        _ => (stem, false),
    };
    let name = match (lang, had_tag) {
        (Lang::En, true) => format!("{base}.md"),
        _ => format!("{base}.{}.md", lang.tag()),
    };
    source.with_file_name(name)
}

/// `lang: ja` and `translation_of: link`.
fn push_lang(out: &mut String, lang: Lang, link: &str) {
    out.push_str(&format!(
        "lang: {}\ntranslation_of: {}\n",
        lang.tag(),
        yaml_quote(link)
    ));
}

/// The key of a top-level YAML mapping line (`lang: en` → `lang`).
fn top_level_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    plain.then_some(key)
}

/// How a draft in `from_dir` names `to` (both absolute, links resolved):
/// a relative path with `/` separators.
pub fn relative_link(from_dir: &std::path::Path, to: &std::path::Path) -> String {
    use std::path::Component;
    let from: Vec<Component<'_>> = from_dir.components().collect();
    let target: Vec<Component<'_>> = to.components().collect();
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = from.iter().skip(common).map(|_| "..".to_string()).collect();
    parts.extend(
        target
            .iter()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SOURCE: &str = "---\ntitle: Results\ncompany: \"IIJ\"\nlang: en\ndate: 2003-02-14\nfx:\n  rate: 118.75\n---\nRevenue was {{ revenue.3Q02 }}.\n\n```figures\nrevenue:\n  unit: JPY\n  values: {3Q02: 10573}\n```\n";

    #[test]
    fn a_translation_keeps_the_facts_and_names_its_source() {
        let text = translation(SOURCE, Lang::En, Lang::Ja, "release.md").expect("scaffolds");
        assert!(text.starts_with("---\n# 英語版の翻訳です。"), "{text}");
        assert!(
            text.contains("lang: ja\ntranslation_of: \"release.md\"\ndate: 2003-02-14\nfx:\n  rate: 118.75\n---\n"),
            "{text}"
        );
        assert!(!text.contains("lang: en"), "{text}");
        assert!(
            text.ends_with("---\nRevenue was {{ revenue.3Q02 }}.\n\n```figures\nrevenue:\n  unit: JPY\n  values: {3Q02: 10573}\n```\n"),
            "{text}"
        );
    }

    #[test]
    fn a_draft_without_lang_gets_one_and_an_old_link_is_replaced() {
        let source =
            "---\ntitle: 決算\ncompany: C\ntranslation_of: old.md\nlang: ja\n---\n本文。\n";
        let text = translation(source, Lang::Ja, Lang::En, "../ja/決算.md").expect("scaffolds");
        assert_eq!(text.matches("translation_of").count(), 1, "{text}");
        assert!(text.contains("translation_of: \"../ja/決算.md\""), "{text}");
        let no_lang = "---\ntitle: T\ncompany: C\n---\nBody.\n";
        let text = translation(no_lang, Lang::En, Lang::Ja, "t.md").expect("scaffolds");
        assert!(
            text.contains("company: C\nlang: ja\ntranslation_of: \"t.md\"\n---\nBody.\n"),
            "{text}"
        );
    }

    #[test]
    fn what_cannot_be_translated_says_why() {
        assert_eq!(
            translation("Just text.\n", Lang::En, Lang::Ja, "x.md"),
            Err(TranslationProblem::NotADraft)
        );
        assert_eq!(
            translation("---\ntitle: T\n", Lang::En, Lang::Ja, "x.md"),
            Err(TranslationProblem::NotADraft)
        );
        assert_eq!(
            translation(SOURCE, Lang::En, Lang::En, "x.md"),
            Err(TranslationProblem::SameLanguage("the English version"))
        );
    }

    #[test]
    fn counterparts_are_named_beside_their_source() {
        let n = |p: &str, lang| counterpart_name(Path::new(p), lang);
        assert_eq!(n("r/q3.md", Lang::Ja), Path::new("r/q3.ja.md"));
        assert_eq!(n("r/q3.ja.md", Lang::En), Path::new("r/q3.md"));
        assert_eq!(n("q3.en.md", Lang::Ja), Path::new("q3.ja.md"));
    }

    #[test]
    fn links_are_relative_to_the_new_draft() {
        let l = |from: &str, to: &str| relative_link(Path::new(from), Path::new(to));
        assert_eq!(l("/r/releases", "/r/releases/q3.md"), "q3.md");
        assert_eq!(l("/r/releases/ja", "/r/releases/q3.md"), "../q3.md");
        assert_eq!(l("/r/ja", "/r/en/q3.md"), "../en/q3.md");
    }
}
