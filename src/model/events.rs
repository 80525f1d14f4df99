//! The body's Markdown parsed once: pulldown-cmark's events, owned, each
//! with its span in the draft. The document model reads its prose blocks
//! from them, and every backend (the HTML page, the EDGAR exhibit) renders
//! from the same list, so what is checked is what is published.

use crate::source::Span;
use pulldown_cmark::{Event, Options, Parser};

/// One Markdown event and the part of the draft it came from.
pub type BodyEvent = (Event<'static>, Span);

/// The Markdown extensions releases use: tables, footnotes, strikethrough.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Parse `markdown`, which starts at byte `base` of the draft, into owned
/// events whose spans are offsets in the draft.
pub fn parse(markdown: &str, base: usize) -> Vec<BodyEvent> {
    parse_iter(markdown, base)
        .map(|(event, span)| (event.into_static(), span))
        .collect()
}

/// The events of [`parse`] as they are read, borrowing from `markdown`.
pub fn parse_iter(markdown: &str, base: usize) -> impl Iterator<Item = (Event<'_>, Span)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .map(move |(event, range)| (event, Span::from(range).shifted(base)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Tag, TagEnd};

    #[test]
    fn events_carry_their_draft_spans() {
        let body = "# Title\n\nSome *text*.\n";
        let events = parse(body, 100);
        assert!(matches!(
            events.first(),
            Some((Event::Start(Tag::Heading { .. }), _))
        ));
        let text: Vec<(String, Span)> = events
            .iter()
            .filter_map(|(e, s)| match e {
                Event::Text(t) => Some((t.to_string(), *s)),
                _ => None,
            })
            .collect();
        assert_eq!(
            text,
            [
                ("Title".to_string(), Span::new(102, 107)),
                ("Some ".to_string(), Span::new(109, 114)),
                ("text".to_string(), Span::new(115, 119)),
                (".".to_string(), Span::new(120, 121)),
            ]
        );
        assert!(matches!(
            events.last(),
            Some((Event::End(TagEnd::Paragraph), _))
        ));
    }
}
