//! The document model: a draft parsed once into front matter, figures,
//! prose blocks (headings, paragraphs, list items, table cells) and their
//! sentences, each with exact byte spans back to the draft.
//!
//! Code blocks, inline code, URLs, HTML comments and the figures block are
//! not prose. Figure references are replaced in the prose by their rendered
//! values, so rules read what the published release will say.

pub mod prose;
pub mod sentences;

use crate::diagnostics::Diagnostic;
use crate::disclaimers::Library;
use crate::draft::figures::{self, Figures};
use crate::draft::front_matter::{self, FrontMatter, Lang};
use crate::draft::references::{self, Reference};
use crate::draft::{self, Layout};
use crate::rules::fmt005_invalid_figures_block;
use crate::source::{SourceFile, Span};
use prose::ProseText;
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;
use rust_decimal::Decimal;
use std::sync::{Arc, LazyLock};

/// What kind of block a piece of prose sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of level 1–6.
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// The text of a list item (nested lists are blocks of their own).
    ListItem,
    /// A table cell.
    TableCell {
        /// Whether the cell is in the header row.
        header: bool,
        /// 0-based body row (header row is 0 too).
        row: usize,
        /// 0-based column.
        column: usize,
    },
}

/// A block of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// Whether it sits inside a block quote.
    pub quoted: bool,
    /// The text with figure references rendered.
    pub text: ProseText,
    /// Sentence ranges in `text`.
    pub sentences: Vec<std::ops::Range<usize>>,
    /// The draft span of the block's text.
    pub span: Span,
}

/// A sentence borrowed from a block.
#[derive(Debug, Clone, Copy)]
pub struct Sentence<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// Its span in the draft.
    pub span: Span,
    /// The block it belongs to.
    pub block: &'a Block,
}

/// An HTML comment in the body (where suppression comments live).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The comment's text between `<!--` and `-->`.
    pub body: String,
    /// The whole comment in the draft.
    pub span: Span,
}

/// A parsed draft.
#[derive(Debug, Clone)]
pub struct Document {
    /// The draft itself.
    pub source: SourceFile,
    /// Where front matter and body are.
    pub layout: Layout,
    /// The front matter, when present and readable.
    pub front_matter: Option<FrontMatter>,
    /// The figures block, when present.
    pub figures: Option<Figures>,
    /// Prose blocks in reading order.
    pub blocks: Vec<Block>,
    /// Every figure reference and what it resolved to.
    pub references: Vec<Reference>,
    /// HTML comments in the body.
    pub comments: Vec<Comment>,
    /// The exchange rate used for translations: front matter first, then configuration.
    pub fx_rate: Option<Decimal>,
    library: Arc<Library>,
}

/// Options that come from outside the draft.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Default yen-per-dollar rate from `relkit.toml`.
    pub default_fx_rate: Option<Decimal>,
    /// The disclaimer library (default: the bundled one).
    pub library: Option<Arc<Library>>,
}

impl Document {
    /// Parse a draft. Format problems are appended to `diags`; parsing never fails.
    pub fn parse(
        source: SourceFile,
        options: ParseOptions,
        diags: &mut Vec<Diagnostic>,
    ) -> Document {
        let layout = draft::split(source.text());
        let front_matter = front_matter::parse(&source, &layout, diags);
        let lang = front_matter.as_ref().map_or(Lang::En, |f| f.lang);
        let fx_rate = front_matter
            .as_ref()
            .and_then(|f| f.fx.as_ref())
            .and_then(|fx| fx.rate.as_ref())
            .map(|r| r.value)
            .or(options.default_fx_rate);
        let raw = markdown_pass(&source, layout.body);
        let mut figures_block = None;
        for (i, content) in raw.figure_fences.iter().enumerate() {
            if i == 0 {
                figures_block = Some(figures::parse(&source, *content, diags));
            } else {
                diags.push(
                    Diagnostic::new(
                        &fmt005_invalid_figures_block::RULE,
                        raw.figure_fence_openings
                            .get(i)
                            .copied()
                            .unwrap_or(*content),
                        "a draft may have only one figures block",
                    )
                    .with_help("move these figures into the first ```figures block"),
                );
            }
        }
        let ctx = references::Context {
            figures: figures_block.as_ref(),
            rate: fx_rate,
            lang,
        };
        let mut blocks = Vec::with_capacity(raw.blocks.len());
        let mut all_references = Vec::new();
        for (kind, quoted, text) in raw.blocks {
            let mut replacements = Vec::new();
            for (range, inner) in references::find(text.as_str()) {
                let resolved = references::resolve(inner, &ctx);
                let shown = match &resolved {
                    Ok(s) => s.clone(),
                    Err(_) => text.as_str().get(range.clone()).unwrap_or("").to_string(),
                };
                all_references.push(Reference {
                    span: text.source_span(range.clone()),
                    inner: inner.trim().to_string(),
                    resolved,
                });
                replacements.push((range, shown));
            }
            for m in URL.find_iter(text.as_str()) {
                replacements.push((m.range(), String::new()));
            }
            replacements.sort_by_key(|(r, _)| (r.start, r.end));
            let text = if replacements.is_empty() {
                text
            } else {
                text.replaced(&replacements)
            };
            if text.is_empty() {
                continue;
            }
            let sentences = sentences::split(text.as_str());
            let span = text.full_span().unwrap_or_default();
            blocks.push(Block {
                kind,
                quoted,
                text,
                sentences,
                span,
            });
        }
        Document {
            source,
            layout,
            front_matter,
            figures: figures_block,
            blocks,
            references: all_references,
            comments: raw.comments,
            fx_rate,
            library: options
                .library
                .unwrap_or_else(|| Arc::new(Library::bundled())),
        }
    }

    /// The disclaimer library the draft is checked against.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The draft's language.
    pub fn lang(&self) -> Lang {
        self.front_matter.as_ref().map_or(Lang::En, |f| f.lang)
    }

    /// Every sentence of every block, in reading order.
    pub fn sentences(&self) -> impl Iterator<Item = Sentence<'_>> {
        self.blocks.iter().flat_map(|block| {
            block.sentences.iter().map(move |r| Sentence {
                text: block.text.as_str().get(r.clone()).unwrap_or(""),
                span: block.text.source_span(r.clone()),
                block,
            })
        })
    }
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:https?://|www\.)[^\s<>()（）]+[^\s<>()（）.,;:!?。、]")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});

struct RawBody {
    blocks: Vec<(BlockKind, bool, ProseText)>,
    figure_fences: Vec<Span>,
    figure_fence_openings: Vec<Span>,
    comments: Vec<Comment>,
}

struct Open {
    kind: BlockKind,
    text: ProseText,
}

/// Walk the Markdown body once, collecting prose, the figures fence and comments.
fn markdown_pass(source: &SourceFile, body: Span) -> RawBody {
    let text = source.slice(body);
    let base = body.start;
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = RawBody {
        blocks: Vec::new(),
        figure_fences: Vec::new(),
        figure_fence_openings: Vec::new(),
        comments: Vec::new(),
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut quote_depth = 0usize;
    let mut in_code: Option<bool> = None; // Some(is_figures)
    let mut skip_depth = 0usize; // inside images and autolinks
    let mut links: Vec<bool> = Vec::new(); // per open link: is it skipped?
    let mut table_row = 0usize;
    let mut table_column = 0usize;
    let mut in_head = false;

    let flush = |open: &mut Open, quoted: bool, out: &mut RawBody| {
        let text = std::mem::take(&mut open.text);
        if !text.is_empty() {
            out.blocks.push((open.kind, quoted, text));
        }
    };

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let span = Span::from(range).shifted(base);
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    if let Some(top) = stack.last_mut() {
                        flush(top, quote_depth > 0, &mut out);
                    }
                    stack.push(Open {
                        kind: BlockKind::Paragraph,
                        text: ProseText::default(),
                    });
                }
                Tag::Heading { level, .. } => stack.push(Open {
                    kind: BlockKind::Heading(level as u8),
                    text: ProseText::default(),
                }),
                Tag::Item => stack.push(Open {
                    kind: BlockKind::ListItem,
                    text: ProseText::default(),
                }),
                Tag::List(_) => {
                    if let Some(top) = stack.last_mut() {
                        flush(top, quote_depth > 0, &mut out);
                    }
                }
                Tag::BlockQuote(_) => quote_depth += 1,
                Tag::TableHead => {
                    in_head = true;
                    table_row = 0;
                    table_column = 0;
                }
                Tag::TableRow => table_column = 0,
                Tag::TableCell => stack.push(Open {
                    kind: BlockKind::TableCell {
                        header: in_head,
                        row: table_row,
                        column: table_column,
                    },
                    text: ProseText::default(),
                }),
                Tag::CodeBlock(kind) => {
                    let figures = matches!(&kind, CodeBlockKind::Fenced(info) if info.split_whitespace().next() == Some("figures"));
                    if figures {
                        let line_end = source
                            .slice(span)
                            .find('\n')
                            .map_or(span.end, |i| span.start + i);
                        out.figure_fence_openings
                            .push(Span::new(span.start, line_end));
                        out.figure_fences
                            .push(Span::point(line_end.saturating_add(1).min(span.end)));
                    }
                    in_code = Some(figures);
                }
                Tag::Image { .. } => skip_depth += 1,
                Tag::Link { link_type, .. } => {
                    let skipped = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    skip_depth += usize::from(skipped);
                    links.push(skipped);
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                    if let Some(mut open) = stack.pop() {
                        flush(&mut open, quote_depth > 0, &mut out);
                    }
                    if tag == TagEnd::TableCell {
                        table_column += 1;
                    }
                }
                TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                TagEnd::TableHead => {
                    in_head = false;
                    table_row = 0;
                }
                TagEnd::TableRow => table_row += 1,
                TagEnd::CodeBlock => in_code = None,
                TagEnd::Image => skip_depth = skip_depth.saturating_sub(1),
                TagEnd::Link if links.pop() == Some(true) => {
                    skip_depth = skip_depth.saturating_sub(1);
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(is_figures) = in_code {
                    if is_figures {
                        if let Some(last) = out.figure_fences.last_mut() {
                            *last = if last.is_empty() && last.start <= span.start {
                                span
                            } else {
                                last.join(span)
                            };
                        }
                    }
                    continue;
                }
                if skip_depth > 0 {
                    continue;
                }
                let Some(top) = stack.last_mut() else {
                    continue;
                };
                if source.slice(span) == t.as_ref() {
                    top.text.push_exact(&t, span.start);
                } else {
                    top.text.push_mapped(&t, span);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_mapped(" ", span);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_mapped(" ", span);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                collect_comments(source, span, &mut out.comments)
            }
            _ => {}
        }
    }
    while let Some(mut open) = stack.pop() {
        flush(&mut open, quote_depth > 0, &mut out);
    }
    out
}

fn collect_comments(source: &SourceFile, span: Span, out: &mut Vec<Comment>) {
    let text = source.slice(span);
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|s| s.find("<!--")) {
        let start = from + open;
        let Some(close) = text.get(start + 4..).and_then(|s| s.find("-->")) else {
            break;
        };
        let end = start + 4 + close + 3;
        let body = text
            .get(start + 4..end - 3)
            .unwrap_or("")
            .trim()
            .to_string();
        let comment_span = Span::new(span.start + start, span.start + end);
        if !out.iter().any(|c| c.span == comment_span) {
            out.push(Comment {
                body,
                span: comment_span,
            });
        }
        from = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> (Document, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let doc = Document::parse(
            SourceFile::named("t.md", text),
            ParseOptions::default(),
            &mut d,
        );
        (doc, d)
    }

    #[test]
    fn blocks_and_spans() {
        let text = "---\ntitle: T\ncompany: C\n---\n# Heading\n\nFirst line\nsecond `code` line.\n\n- item one\n  - nested\n\n| a | b |\n|---|---|\n| c | d |\n";
        let (doc, d) = doc(text);
        assert!(d.is_empty(), "{d:?}");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Heading",
                "First line second   line.",
                "item one",
                "nested",
                "a",
                "b",
                "c",
                "d"
            ]
        );
        let para = &doc.blocks[1];
        assert_eq!(&text[para.span.range()], "First line\nsecond `code` line.");
        assert!(matches!(
            doc.blocks[7].kind,
            BlockKind::TableCell {
                header: false,
                row: 0,
                column: 1
            }
        ));
    }

    #[test]
    fn figure_references_are_rendered_and_mapped() {
        let text = "---\ntitle: T\ncompany: C\nfx: {rate: 118.75}\n---\nRevenue was {{ revenue.3Q02 }}. Next.\n\n```figures\nrevenue:\n  unit: JPY\n  scale: million\n  values: {3Q02: 10573}\n  display: {scale: billion, decimals: 1}\n```\n";
        let (doc, d) = doc(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            doc.blocks[0].text.as_str(),
            "Revenue was JPY10.6 billion ($89.0 million). Next."
        );
        let s: Vec<_> = doc.sentences().collect();
        assert_eq!(s.len(), 2);
        assert_eq!(&text[s[0].span.range()], "Revenue was {{ revenue.3Q02 }}.");
        assert_eq!(doc.references.len(), 1);
        assert_eq!(&text[doc.references[0].span.range()], "{{ revenue.3Q02 }}");
        assert_eq!(doc.blocks.len(), 1, "the figures block is not prose");
    }

    #[test]
    fn comments_urls_and_escapes() {
        let text = "<!-- relkit-disable FX004 -->\nSee https://www.iij.ad.jp/ir and <https://x.y> for \\$89.0 million.\n";
        let (doc, _) = doc(text);
        assert_eq!(doc.comments.len(), 1);
        assert_eq!(doc.comments[0].body, "relkit-disable FX004");
        assert_eq!(doc.blocks[0].text.as_str(), "See  and  for $89.0 million.");
        let s: Vec<_> = doc.sentences().collect();
        assert_eq!(
            &text[s[0].span.range()],
            "See https://www.iij.ad.jp/ir and <https://x.y> for \\$89.0 million."
        );
    }

    #[test]
    fn second_figures_block_is_reported() {
        let text = "```figures\na:\n  unit: count\n  values: {x: 1}\n```\n\n```figures\nb:\n  unit: count\n  values: {x: 1}\n```\n";
        let (doc, d) = doc(text);
        assert_eq!(doc.figures.unwrap().figures.len(), 1);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "FMT005");
    }
}
