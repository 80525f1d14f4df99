//! The release body as layout blocks: pulldown-cmark events grouped into
//! paragraphs, headings, list items, quotes, tables and rules, with the
//! inline styling of each span of text.

use super::*;

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Span {
    pub(super) text: String,
    pub(super) bold: bool,
    pub(super) small: bool,
    pub(super) link: Option<String>,
}

impl Span {
    pub(super) fn plain(text: &str) -> Span {
        Span {
            text: text.to_string(),
            bold: false,
            small: false,
            link: None,
        }
    }

    pub(super) fn bold(text: &str) -> Span {
        Span {
            bold: true,
            ..Span::plain(text)
        }
    }

    pub(super) fn small(text: &str) -> Span {
        Span {
            small: true,
            ..Span::plain(text)
        }
    }
}

/// A table: header rows, body rows, each a list of cells of spans.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct TableBlock {
    pub(super) header: Vec<Vec<Vec<Span>>>,
    pub(super) rows: Vec<Vec<Vec<Span>>>,
    pub(super) align: Vec<Alignment>,
    /// The first column's cells head their rows (the figures table).
    pub(super) row_headers: bool,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    Paragraph {
        spans: Vec<Span>,
        /// Left indent in list levels and quote levels.
        indent: usize,
        /// The list marker ("•", "1.").
        marker: Option<String>,
        /// Inside a code block: keep lines as written.
        code: bool,
    },
    Table(TableBlock),
    Rule,
    /// A list, list item, quote or footnote begins (for the structure tree).
    Open(Group),
    /// It ends.
    Close(Group),
}

/// A block that holds other blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    List,
    Item,
    Quote,
    Footnote,
}

/// Blocks from Markdown events. Raw HTML is left out (as in the EDGAR
/// exhibit); images are shown by their description in brackets.
pub(super) fn blocks_of_events<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut bold = 0usize;
    let mut links: Vec<String> = Vec::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut marker: Option<String> = None;
    let mut quote = 0usize;
    let mut code = false;
    let mut heading: Option<u8> = None;
    let mut table: Option<TableBlock> = None;
    let mut row: Vec<Vec<Span>> = Vec::new();
    let mut in_head = false;
    let mut raw_skip: Option<&'static str> = None;

    let push_text = |spans: &mut Vec<Span>, text: &str, bold: usize, links: &[String]| {
        let link = links.last().cloned();
        match spans.last_mut() {
            Some(last) if last.bold == (bold > 0) && last.link == link && !last.small => {
                last.text.push_str(text)
            }
            _ => spans.push(Span {
                text: text.to_string(),
                bold: bold > 0,
                small: false,
                link,
            }),
        }
    };
    let flush = |blocks: &mut Vec<Block>,
                 spans: &mut Vec<Span>,
                 marker: &mut Option<String>,
                 indent: usize,
                 code: bool| {
        let empty = spans.iter().all(|s| s.text.trim().is_empty());
        if !empty {
            blocks.push(Block::Paragraph {
                spans: std::mem::take(spans),
                indent,
                marker: marker.take(),
                code,
            });
        }
        spans.clear();
    };

    for event in events {
        if let Some(element) = raw_skip {
            if let Event::Html(h) | Event::InlineHtml(h) = &event
                && crate::text::contains_ignore_ascii_case(h, &format!("</{element}"))
            {
                raw_skip = None;
            }
            continue;
        }
        let indent = lists.len() + quote;
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => heading = Some(level as u8),
                Tag::BlockQuote(_) => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Open(Group::Quote));
                    quote += 1;
                }
                Tag::CodeBlock(_) => code = true,
                Tag::List(start) => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Open(Group::List));
                    lists.push(start);
                }
                Tag::Item => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Open(Group::Item));
                    marker = Some(match lists.last_mut() {
                        Some(Some(n)) => {
                            let m = format!("{n}.");
                            *n += 1;
                            m
                        }
                        _ => if lists.len() > 1 { "–" } else { "•" }.to_string(),
                    });
                }
                Tag::Table(align) => {
                    table = Some(TableBlock {
                        align,
                        ..TableBlock::default()
                    });
                }
                Tag::TableHead => in_head = true,
                Tag::TableRow => row.clear(),
                Tag::TableCell => spans.clear(),
                Tag::Strong => bold += 1,
                Tag::Link { dest_url, .. } => links.push(dest_url.to_string()),
                Tag::Image { .. } => push_text(&mut spans, "[", bold, &links),
                Tag::FootnoteDefinition(label) => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Open(Group::Footnote));
                    marker = Some(format!("{label}."));
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    blocks.push(Block::Heading {
                        level: heading.take().unwrap_or(2),
                        spans: std::mem::take(&mut spans),
                    });
                }
                TagEnd::Paragraph => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                }
                TagEnd::Item => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Close(Group::Item));
                }
                TagEnd::FootnoteDefinition => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Close(Group::Footnote));
                }
                TagEnd::CodeBlock => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    code = false;
                }
                TagEnd::BlockQuote(_) => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Close(Group::Quote));
                    quote = quote.saturating_sub(1);
                }
                TagEnd::List(_) => {
                    flush(&mut blocks, &mut spans, &mut marker, indent, code);
                    blocks.push(Block::Close(Group::List));
                    lists.pop();
                }
                TagEnd::TableCell => row.push(std::mem::take(&mut spans)),
                TagEnd::TableHead => {
                    if let Some(t) = &mut table {
                        t.header.push(std::mem::take(&mut row));
                    }
                    in_head = false;
                }
                TagEnd::TableRow => {
                    if let Some(t) = &mut table {
                        if in_head {
                            t.header.push(std::mem::take(&mut row));
                        } else {
                            t.rows.push(std::mem::take(&mut row));
                        }
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = table.take() {
                        blocks.push(Block::Table(t));
                    }
                }
                TagEnd::Strong => bold = bold.saturating_sub(1),
                TagEnd::Link => {
                    links.pop();
                }
                TagEnd::Image => push_text(&mut spans, "]", bold, &links),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                push_text(&mut spans, &t, bold, &links)
            }
            Event::SoftBreak => push_text(&mut spans, " ", bold, &links),
            Event::HardBreak => push_text(&mut spans, "\n", bold, &links),
            Event::FootnoteReference(label) => {
                push_text(&mut spans, &format!("[{label}]"), bold, &links)
            }
            Event::TaskListMarker(done) => {
                push_text(&mut spans, if done { "☑ " } else { "☐ " }, bold, &links)
            }
            Event::Rule => {
                flush(&mut blocks, &mut spans, &mut marker, indent, code);
                blocks.push(Block::Rule);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                raw_skip = ["script", "style"].into_iter().find(|e| {
                    crate::text::contains_ignore_ascii_case(&h, &format!("<{e}"))
                        && !crate::text::contains_ignore_ascii_case(&h, &format!("</{e}"))
                });
            }
        }
    }
    flush(
        &mut blocks,
        &mut spans,
        &mut None,
        lists.len() + quote,
        code,
    );
    blocks
}

// ---------------------------------------------------------------------------
// Fonts and shaping
