//! Markdown events as safe HTML for the release page: rendered by
//! pulldown-cmark's HTML writer and then sanitized — no scripts, event
//! handlers, frames, forms or external resources survive.

use crate::model::events;
use pulldown_cmark::Event;
use std::collections::HashSet;

/// Markdown outside a draft (a disclaimer's text) to sanitized HTML, by the
/// same path as a draft's body.
pub fn to_html(markdown: &str) -> String {
    events_to_html(
        events::parse(markdown, 0)
            .into_iter()
            .map(|(event, _)| event),
    )
}

/// A draft's body as the release page shows it: its published events
/// ([`super::body::published_events`]) as sanitized HTML.
pub fn body_html(doc: &crate::model::Document) -> String {
    events_to_html(super::body::published_events(doc).into_iter())
}

/// Markdown events to sanitized HTML.
pub fn events_to_html<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    sanitize(&html)
}

/// Keep only safe HTML. Table alignment becomes a class (`num` for
/// right-aligned cells) rather than a style attribute.
pub fn sanitize(html: &str) -> String {
    let aligned = html
        .replace(" style=\"text-align: right\"", " class=\"num\"")
        .replace(" style=\"text-align: center\"", " class=\"center\"")
        .replace(" style=\"text-align: left\"", "");
    let mut builder = ammonia::Builder::default();
    builder
        .add_allowed_classes("td", ["num", "center"])
        .add_allowed_classes("th", ["num", "center"])
        // `language-ruby` on fenced code: harmless, and kept for styling.
        .add_tag_attributes("code", ["class"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        // No images from elsewhere: a release page makes no external requests.
        .rm_tags(["img"])
        // Footnotes link to their definitions by id.
        .add_generic_attributes(["id"])
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", ["footnote-definition"]);
    builder.clean(&aligned).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = to_html(
            "Hello <script>alert(1)</script> <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a> <iframe src=\"https://evil\"></iframe>",
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("iframe"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn footnotes_link_to_their_definitions() {
        let html = to_html("Revenue rose.[^1]\n\n[^1]: Unaudited.\n");
        assert!(html.contains("href=\"#1\""), "{html}");
        assert!(html.contains("id=\"1\""), "{html}");
    }

    #[test]
    fn tables_keep_their_alignment_as_a_class() {
        let html = to_html("| a | b |\n| --- | ---: |\n| x | 1 |\n");
        assert!(html.contains("<td class=\"num\">1</td>"), "{html}");
    }
}
