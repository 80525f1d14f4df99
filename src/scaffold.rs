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
