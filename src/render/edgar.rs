//! The EDGAR exhibit (`relkit build --edgar`): the release as HTML that the
//! SEC's EDGAR accepts as an exhibit (EDGAR Filer Manual, volume II, §5.2):
//!
//! * printable ASCII only — every other character as a decimal numeric
//!   reference (`&#165;` for ¥, `&#26085;` for 日), the only named ones being
//!   `&amp;`, `&lt;`, `&gt;` and `&quot;`;
//! * only the HTML 3.2/4.0 tags EDGAR recognises, lower case and well formed
//!   (`<br />`): no `style` element, `script`, `span`, `div`, `thead`,
//!   `tbody`, `col`, frames or forms; presentation by inline `style=""`;
//! * no nested tables, no `on*` attributes, no `javascript:`, no external
//!   references — a link that does not lead into sec.gov's Archives is
//!   written out as text — and no images: charts become tables of their
//!   numbers;
//! * raw HTML from the draft is left out (it cannot be vouched for).
//!
//! The body comes from the same published events as the release page.

use super::{Backend, Release, templates::Templates};
use crate::error::Result;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Tag, TagEnd};

/// How every table of the exhibit opens. The size is set on the table
/// itself: without a doctype, browsers do not pass the body's size on to
/// tables.
const TABLE_OPEN: &str = "<table border=\"0\" cellspacing=\"0\" cellpadding=\"4\" style=\"border-collapse: collapse; font-size: 10pt\">\n";

/// The EDGAR exhibit backend (`edgar.htm` template).
#[derive(Debug, Clone, Copy, Default)]
pub struct EdgarExhibit;

impl Backend for EdgarExhibit {
    fn name(&self) -> &'static str {
        "EDGAR exhibit"
    }

    fn file_name(&self, stem: &str) -> String {
        file_name(stem)
    }

    fn render(&self, release: &Release, templates: &Templates) -> Result<Vec<u8>> {
        let mut exhibit = release.clone();
        exhibit.body_html = events_to_edgar(release.body.iter().cloned());
        for disclaimer in &mut exhibit.disclaimers {
            disclaimer.html = markdown_to_edgar(&disclaimer.markdown);
        }
        if let Some(h) = &mut exhibit.highlights {
            h.html = table(&h.table);
        }
        for chart in &mut exhibit.charts {
            chart.svg = chart_table(chart);
        }
        let page = templates.render("edgar.htm", &exhibit)?;
        Ok(ascii(&page).into_bytes())
    }
}

/// EDGAR's file names: lower-case letters, digits, `-` and `_`, one period
/// before the extension, at most 32 characters in all.
pub fn file_name(stem: &str) -> String {
    let mut name: String = stem
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        name.insert(0, 'x');
    }
    const SUFFIX: &str = "-edgar.htm";
    name.truncate(32 - SUFFIX.len());
    name + SUFFIX
}

/// Every character outside printable ASCII as a decimal reference; tabs and
/// line ends stay, other control characters go.
pub fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        match c {
            '\n' | '\t' | ' '..='~' => out.push(c),
            '\r' => {}
            c if c.is_control() => {}
            c => {
                out.push_str("&#");
                out.push_str(&u32::from(c).to_string());
                out.push(';');
            }
        }
    }
    out
}

/// Escape text for EDGAR HTML (before [`ascii`]).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown outside a draft (a disclaimer's text) as EDGAR HTML.
pub fn markdown_to_edgar(markdown: &str) -> String {
    events_to_edgar(
        crate::model::events::parse(markdown, 0)
            .into_iter()
            .map(|(event, _)| event),
    )
}

/// Whether a link may stay a link in an exhibit: only into sec.gov's Archives.
fn allowed_link(url: &str) -> bool {
    [
        "https://www.sec.gov/Archives/",
        "http://www.sec.gov/Archives/",
    ]
    .iter()
    .any(|prefix| url.starts_with(prefix))
}

/// The state of the table being written.
#[derive(Default)]
struct TableState {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

/// Markdown events as EDGAR HTML.
pub fn events_to_edgar<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut out = String::new();
    // Per open link: the text to add after its words (the address of a link
    // written out as text), or `None` for a kept link.
    let mut links: Vec<Option<String>> = Vec::new();
    let mut table = TableState::default();
    let mut table_depth = 0usize;
    let mut image_depth = 0usize;
    // Inside raw `<script>` or `<style>` from the draft: its text goes too.
    let mut raw_element: Option<&'static str> = None;
    for event in events {
        if let Some(element) = raw_element {
            if let Event::Html(html) | Event::InlineHtml(html) = &event
                && closes(html, element)
            {
                raw_element = None;
            }
            continue;
        }
        if image_depth > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => image_depth += 1,
                Event::End(TagEnd::Image) => {
                    image_depth -= 1;
                    if image_depth == 0 {
                        out.push(']');
                    }
                }
                Event::Text(t) | Event::Code(t) => out.push_str(&escape(&t)),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => out.push_str("<p>"),
                Tag::Heading { level, .. } => {
                    out.push_str(&format!("<h{}>", heading(level)));
                }
                Tag::BlockQuote(_) => out.push_str("<blockquote>\n"),
                Tag::CodeBlock(_) => out.push_str("<pre>"),
                Tag::List(Some(1)) => out.push_str("<ol>\n"),
                Tag::List(Some(start)) => out.push_str(&format!("<ol start=\"{start}\">\n")),
                Tag::List(None) => out.push_str("<ul>\n"),
                Tag::Item => out.push_str("<li>"),
                Tag::FootnoteDefinition(label) => {
                    out.push_str(&format!("<p><sup>{}</sup> ", escape(&label)));
                }
                Tag::Table(alignments) => {
                    table_depth += 1;
                    table = TableState {
                        alignments,
                        ..TableState::default()
                    };
                    out.push_str(TABLE_OPEN);
                }
                Tag::TableHead => {
                    table.in_head = true;
                    table.column = 0;
                    out.push_str("<tr>");
                }
                Tag::TableRow => {
                    table.column = 0;
                    out.push_str("<tr>");
                }
                Tag::TableCell => {
                    let cell = if table.in_head { "th" } else { "td" };
                    let align = match table.alignments.get(table.column) {
                        Some(Alignment::Right) => " align=\"right\"",
                        Some(Alignment::Center) => " align=\"center\"",
                        _ => " align=\"left\"",
                    };
                    out.push_str(&format!("<{cell}{align} valign=\"bottom\">"));
                }
                Tag::Emphasis => out.push_str("<i>"),
                Tag::Strong => out.push_str("<b>"),
                Tag::Strikethrough => out.push_str("<strike>"),
                Tag::Link { dest_url, .. } => {
                    if allowed_link(&dest_url) {
                        out.push_str(&format!("<a href=\"{}\">", escape(&dest_url)));
                        links.push(None);
                    } else {
                        let address = dest_url.strip_prefix("mailto:").unwrap_or(&dest_url);
                        links.push(Some(address.to_string()));
                    }
                }
                Tag::Image { .. } => {
                    image_depth = 1;
                    out.push('[');
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => out.push_str("</p>\n"),
                TagEnd::Heading(level) => out.push_str(&format!("</h{}>\n", heading(level))),
                TagEnd::BlockQuote(_) => out.push_str("</blockquote>\n"),
                TagEnd::CodeBlock => out.push_str("</pre>\n"),
                TagEnd::List(true) => out.push_str("</ol>\n"),
                TagEnd::List(false) => out.push_str("</ul>\n"),
                TagEnd::Item => out.push_str("</li>\n"),
                TagEnd::FootnoteDefinition => out.push_str("</p>\n"),
                TagEnd::Table => {
                    table_depth = table_depth.saturating_sub(1);
                    out.push_str("</table>\n");
                }
                TagEnd::TableHead => {
                    table.in_head = false;
                    out.push_str("</tr>\n");
                }
                TagEnd::TableRow => out.push_str("</tr>\n"),
                TagEnd::TableCell => {
                    out.push_str(if table.in_head { "</th>" } else { "</td>" });
                    table.column += 1;
                }
                TagEnd::Emphasis => out.push_str("</i>"),
                TagEnd::Strong => out.push_str("</b>"),
                TagEnd::Strikethrough => out.push_str("</strike>"),
                TagEnd::Link => match links.pop().flatten() {
                    None => out.push_str("</a>"),
                    Some(address) => {
                        let written = out.rsplit('>').next().unwrap_or("");
                        if !written.ends_with(&escape(&address)) {
                            out.push_str(&format!(" ({})", escape(&address)));
                        }
                    }
                },
                _ => {}
            },
            Event::Text(t) => out.push_str(&escape(&t)),
            Event::Code(t) => {
                out.push_str("<tt>");
                out.push_str(&escape(&t));
                out.push_str("</tt>");
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => out.push_str(&escape(&t)),
            // Raw HTML is left out: it cannot be vouched for.
            Event::Html(html) | Event::InlineHtml(html) => {
                raw_element = ["script", "style"]
                    .into_iter()
                    .find(|element| opens(&html, element) && !closes(&html, element));
            }
            Event::FootnoteReference(label) => {
                out.push_str(&format!("<sup>{}</sup>", escape(&label)));
            }
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br />\n"),
            Event::Rule => out.push_str("<hr />\n"),
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
        }
    }
    out
}

/// Whether raw HTML opens `element` (`<script …>`), ASCII case ignored.
fn opens(html: &str, element: &str) -> bool {
    crate::text::contains_ignore_ascii_case(html, &format!("<{element}"))
}

/// Whether raw HTML closes `element` (`</script>`), ASCII case ignored.
fn closes(html: &str, element: &str) -> bool {
    crate::text::contains_ignore_ascii_case(html, &format!("</{element}"))
}

fn heading(level: HeadingLevel) -> u8 {
    level as u8
}

/// A table of relkit's own (the highlights): the header row, then rows
/// whose first cell is a label and whose other cells are numbers.
fn table(data: &super::highlights::TableData) -> String {
    let mut html = format!("{TABLE_OPEN}<tr>");
    for (i, cell) in data.header.iter().enumerate() {
        let align = if i == 0 { "left" } else { "right" };
        html.push_str(&format!(
            "<th align=\"{align}\" valign=\"bottom\" style=\"border-bottom: 1px solid #000000\">{}</th>",
            cell.iter().map(|line| escape(line)).collect::<Vec<_>>().join("<br />")
        ));
    }
    html.push_str("</tr>\n");
    for row in &data.rows {
        html.push_str(&format!(
            "<tr><td align=\"left\">{}</td>",
            escape(&row.label)
        ));
        for cell in &row.cells {
            html.push_str(&format!("<td align=\"right\">{}</td>", escape(cell)));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>");
    html
}

/// A chart's numbers as a two-column table (EDGAR takes no SVG).
fn chart_table(chart: &super::chart::RenderedChart) -> String {
    let mut html = String::from(TABLE_OPEN);
    html.push_str(&format!(
        "<tr><th align=\"left\" colspan=\"2\">{}</th></tr>\n",
        escape(&chart.caption)
    ));
    for point in &chart.data {
        html.push_str(&format!(
            "<tr><td align=\"left\">{}</td><td align=\"right\">{}</td></tr>\n",
            escape(&point.label),
            escape(&point.value)
        ));
    }
    html.push_str("</table>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_outside_ascii_is_a_numeric_reference() {
        assert_eq!(ascii("¥118.75 = US$1"), "&#165;118.75 = US$1");
        assert_eq!(ascii("日本\u{a0}m²"), "&#26085;&#26412;&#160;m&#178;");
        assert_eq!(ascii("a\r\nb\u{7}"), "a\nb");
    }

    #[test]
    fn file_names_follow_edgar_rules() {
        assert_eq!(file_name("iij-3q02"), "iij-3q02-edgar.htm");
        assert_eq!(file_name("Q3 Results.v2"), "q3-results-v2-edgar.htm");
        assert_eq!(file_name("_x"), "x_x-edgar.htm");
        let long = file_name("a-very-long-release-name-indeed-2003");
        assert!(long.len() <= 32, "{long}");
        assert!(long.ends_with("-edgar.htm"));
    }

    #[test]
    fn only_edgar_tags_and_no_external_links() {
        let html = markdown_to_edgar(
            "# Results\n\nSee [our site](https://www.iij.ad.jp/) or [the 20-F](https://www.sec.gov/Archives/edgar/data/1/x.htm), *now*.\n\n<script>alert(1)</script>\n\n<span onclick=\"x()\">raw</span>\n\n| a | b |\n|---|--:|\n| x | 1 |\n\n![chart](http://example.com/a.png)\n",
        );
        assert!(html.contains("<h1>Results</h1>"), "{html}");
        assert!(html.contains("our site (https://www.iij.ad.jp/)"), "{html}");
        assert!(
            html.contains(
                "<a href=\"https://www.sec.gov/Archives/edgar/data/1/x.htm\">the 20-F</a>"
            ),
            "{html}"
        );
        assert!(html.contains("<i>now</i>"), "{html}");
        for banned in [
            "script",
            "span",
            "onclick",
            "thead",
            "tbody",
            "<img",
            "example.com",
        ] {
            assert!(!html.contains(banned), "{banned} in {html}");
        }
        assert!(
            html.contains("<td align=\"right\" valign=\"bottom\">1</td>"),
            "{html}"
        );
        assert!(html.contains("[chart]"), "{html}");
    }

    #[test]
    fn links_written_as_their_address_are_not_repeated() {
        let html = markdown_to_edgar(
            "Visit <https://www.iij.ad.jp/> or mail [ir@iij.ad.jp](mailto:ir@iij.ad.jp).",
        );
        assert!(html.contains("Visit https://www.iij.ad.jp/ or"), "{html}");
        assert!(html.contains("mail ir@iij.ad.jp."), "{html}");
    }
}
