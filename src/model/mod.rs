//! The document model: a draft parsed once into front matter, figures,
//! prose blocks (headings, paragraphs, list items, table cells) and their
//! sentences, each with exact byte spans back to the draft.
//!
//! Code blocks, inline code, URLs, HTML comments and the figures block are
//! not prose. Figure references are replaced in the prose by their rendered
//! values, so rules read what the published release will say.

pub mod events;
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
use crate::text::ByteClasses;
use events::BodyEvent;
use prose::{MappedText, Place, ProseBuffer, ProseStore, ProseText, SharedStore};
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Tag, TagEnd};
use regex::Regex;
use rust_decimal::Decimal;
use std::any::{Any, TypeId};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard, PoisonError};

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
    /// The text with figure references rendered, and its sentences.
    pub text: ProseText,
    /// The draft span of the block's text.
    pub span: Span,
    /// The kinds of byte in `text`, for quick tests before searching it.
    pub classes: ByteClasses,
}

impl Block {
    /// Sentence ranges in `text`, in order.
    pub fn sentences(&self) -> &[std::ops::Range<usize>] {
        self.text.sentences()
    }
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
    /// The body's Markdown events, parsed once: the prose blocks are read
    /// from them and every backend renders them. Empty unless parsed with
    /// [`ParseOptions::keep_events`].
    pub events: Vec<BodyEvent>,
    /// Prose blocks in reading order.
    pub blocks: Vec<Block>,
    /// Every figure reference and what it resolved to.
    pub references: Vec<Reference>,
    /// HTML comments in the body.
    pub comments: Vec<Comment>,
    /// The exchange rate used for translations: front matter first, then configuration.
    pub fx_rate: Option<Decimal>,
    /// How printed amounts were shortened: rounded (default) or truncated.
    pub fx_rounding: crate::amounts::Rounding,
    library: Arc<Library>,
    analyses: Analyses,
}

/// Options that come from outside the draft.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Default yen-per-dollar rate from `relkit.toml`.
    pub default_fx_rate: Option<Decimal>,
    /// The disclaimer library (default: the bundled one).
    pub library: Option<Arc<Library>>,
    /// How printed amounts were shortened (`[fx] rounding` in `relkit.toml`).
    pub fx_rounding: crate::amounts::Rounding,
    /// Keep the body's Markdown events in [`Document::events`] (to build the
    /// release from them); linting alone reads them as they are parsed.
    pub keep_events: bool,
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
        let body = source.slice(layout.body);
        let (events, raw) = if options.keep_events {
            let events = events::parse(body, layout.body.start);
            let raw = markdown_pass(
                &source,
                body.len(),
                events.iter().map(|(event, span)| (event.clone(), *span)),
            );
            (events, raw)
        } else {
            (
                Vec::new(),
                markdown_pass(
                    &source,
                    body.len(),
                    events::parse_iter(body, layout.body.start),
                ),
            )
        };
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
        // Rendering appends the texts that change to the same store, so
        // each block's text is rendered, split and placed without a
        // buffer of its own; the blocks share the store once it is sealed.
        let mut store = raw.prose;
        store.reserve_sentences(raw.blocks.len() + raw.blocks.len() / 4);
        let shared = SharedStore::default();
        let mut blocks = Vec::with_capacity(raw.blocks.len());
        let mut all_references = Vec::new();
        let mut resolved = ResolvedCache::default();
        let mut scratch = ProseBuffer::default();
        let mut sentence_buffer = Vec::new();
        for raw_block in raw.blocks {
            let (place, classes) = render_block(
                &mut store,
                raw_block.place,
                &ctx,
                &mut resolved,
                &mut all_references,
                &mut scratch,
            );
            let text = store.get(&place);
            if text.is_empty() {
                continue;
            }
            sentences::split_into(text.as_str(), classes, &mut sentence_buffer);
            let span = text.full_span().unwrap_or_default();
            let sentences = store.push_sentences(&sentence_buffer);
            blocks.push(Block {
                kind: raw_block.kind,
                quoted: raw_block.quoted,
                text: shared.text(place, sentences),
                span,
                classes,
            });
        }
        shared.seal(store);
        Document {
            source,
            layout,
            front_matter,
            figures: figures_block,
            events,
            blocks,
            references: all_references,
            comments: raw.comments,
            fx_rate,
            fx_rounding: options.fx_rounding,
            library: options
                .library
                .unwrap_or_else(|| Arc::new(Library::bundled())),
            analyses: Analyses::default(),
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

    /// An analysis of the document that several rules need (such as the
    /// currency translations), computed by `compute` on first use and
    /// shared afterwards: `doc.analysis(Translations::of)`.
    ///
    /// The type `T` names the analysis: there is one value per type, so
    /// wrap the result in a type of its own when another analysis could
    /// have the same type. `compute` must depend on the document alone, and
    /// may use other analyses but not its own. A clone of the document
    /// starts with nothing computed.
    pub fn analysis<T: Any + Send + Sync>(&self, compute: impl FnOnce(&Document) -> T) -> Arc<T> {
        let key = TypeId::of::<T>();
        if let Some(known) = self.analyses.get(key).and_then(|v| v.downcast::<T>().ok()) {
            return known;
        }
        // Not under the lock: `compute` may ask for other analyses.
        let value: Arc<T> = Arc::new(compute(self));
        let stored = self.analyses.insert_once(key, value.clone());
        stored.downcast::<T>().unwrap_or(value)
    }

    /// Every sentence of every block, in reading order.
    pub fn sentences(&self) -> impl Iterator<Item = Sentence<'_>> {
        self.blocks.iter().flat_map(|block| {
            let text = block.text.mapped();
            block.sentences().iter().map(move |r| Sentence {
                text: text.as_str().get(r.clone()).unwrap_or(""),
                span: text.source_span(r.clone()),
                block,
            })
        })
    }
}

/// Replace the figure references in the text at `place` of `store` by
/// their rendered values and remove its URLs, appending every reference to
/// `references`. A text that changes is written in `scratch` and appended
/// to the store; the text's place comes back with its [`ByteClasses`].
fn render_block(
    store: &mut ProseStore,
    place: Place,
    ctx: &references::Context<'_>,
    cache: &mut ResolvedCache,
    references: &mut Vec<Reference>,
    scratch: &mut ProseBuffer,
) -> (Place, ByteClasses) {
    let text = store.get(&place);
    let classes = ByteClasses::of(text.as_str());
    // A reference opens with `{{` or `｛｛` (lead byte 0xEF); a URL holds
    // `://` or `www.`.
    let has_references =
        (classes.may_have(b'{') || classes.may_have(0xEF)) && may_contain_reference(text.as_str());
    let has_urls = (classes.may_contain("://") || classes.may_contain("www."))
        && may_contain_url(text.as_str());
    if !has_references && !has_urls {
        return (place, classes);
    }
    if !replace_references_and_urls(
        text,
        has_references,
        has_urls,
        ctx,
        cache,
        references,
        scratch,
    ) {
        return (place, classes);
    }
    let place = store.append(scratch);
    (place, ByteClasses::of(scratch.as_str()))
}

/// [`render_block`] for a text that may hold references (`has_references`)
/// or URLs (`has_urls`): writes the rendered text in `out` and returns
/// `true`, or returns `false` when there was nothing to replace.
fn replace_references_and_urls(
    text: MappedText<'_>,
    has_references: bool,
    has_urls: bool,
    ctx: &references::Context<'_>,
    cache: &mut ResolvedCache,
    references: &mut Vec<Reference>,
    out: &mut ProseBuffer,
) -> bool {
    let first = references.len();
    let mut ranges = Vec::new();
    if has_references {
        for (range, inner) in references::find(text.as_str()) {
            references.push(Reference {
                span: text.source_span(range.clone()),
                inner: inner.trim().to_string(),
                resolved: cache.resolve(inner, ctx),
            });
            ranges.push(range);
        }
    }
    // A reference shows its value, or stays as written when it cannot be
    // resolved; a URL is removed.
    let mut replacements: Vec<(std::ops::Range<usize>, &str)> = ranges
        .into_iter()
        .zip(references.get(first..).unwrap_or_default())
        .map(|(range, reference)| {
            let shown = match &reference.resolved {
                Ok(value) => value.as_str(),
                Err(_) => text.as_str().get(range.clone()).unwrap_or(""),
            };
            (range, shown)
        })
        .collect();
    if has_urls {
        replacements.extend(URL.find_iter(text.as_str()).map(|m| (m.range(), "")));
    }
    replacements.sort_by_key(|(r, _)| (r.start, r.end));
    if replacements.is_empty() {
        return false;
    }
    text.replaced_into(&replacements, out);
    true
}

/// Whether `text` may hold a figure reference: every one opens with `{{`
/// or its full-width form `｛｛` (see [`references::find`]). A quick test
/// by byte search (most blocks have no brace at all).
fn may_contain_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'{', 0xEF, bytes)
        .any(|at| references::brace_pair_at(bytes, at, b'{', 0x9B) != 0)
}

/// Whether `text` may hold a URL that [`URL`] matches (every match starts
/// with `http://`, `https://` or `www.`): a quick test, by byte search for
/// the `:` of `://` and the `.` of `www.`, that spares most blocks a regex
/// search.
fn may_contain_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b':', b'.', bytes).any(|at| match bytes.get(at) {
        Some(b':') => bytes.get(at + 1..at + 3) == Some(b"//"),
        _ => at >= 3 && bytes.get(at - 3..at) == Some(b"www"),
    })
}

/// Figure references resolved so far in one draft, by the exact text
/// between their braces: a long release names the same figures again and
/// again, and resolving renders numbers, which is comparatively slow.
/// (Ordered: a few comparisons of short keys cost less than hashing one.)
#[derive(Default)]
struct ResolvedCache {
    resolved: BTreeMap<String, Result<String, references::Problem>>,
}

impl ResolvedCache {
    /// The same as [`references::resolve`], which depends only on `inner`
    /// and the draft-wide `ctx`.
    fn resolve(
        &mut self,
        inner: &str,
        ctx: &references::Context<'_>,
    ) -> Result<String, references::Problem> {
        if let Some(known) = self.resolved.get(inner) {
            return known.clone();
        }
        let resolved = references::resolve(inner, ctx);
        self.resolved.insert(inner.to_string(), resolved.clone());
        resolved
    }
}

/// A computed analysis, of any type.
type AnyAnalysis = Arc<dyn Any + Send + Sync>;

/// Analyses computed once per document, by type (see [`Document::analysis`]).
#[derive(Default)]
struct Analyses(Mutex<HashMap<TypeId, AnyAnalysis>>);

impl Analyses {
    fn map(&self) -> MutexGuard<'_, HashMap<TypeId, AnyAnalysis>> {
        // Every update is a single insert, so a panic elsewhere while the
        // lock was held cannot have left the map inconsistent.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get(&self, key: TypeId) -> Option<AnyAnalysis> {
        self.map().get(&key).cloned()
    }

    /// Store `value` unless a value is there already; return the stored one.
    fn insert_once(&self, key: TypeId, value: AnyAnalysis) -> AnyAnalysis {
        self.map().entry(key).or_insert(value).clone()
    }
}

impl Clone for Analyses {
    /// Nothing computed: the analyses belong to the original.
    fn clone(&self) -> Self {
        Analyses::default()
    }
}

impl std::fmt::Debug for Analyses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyses { .. }")
    }
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:https?://|www\.)[^\s<>()（）]+[^\s<>()（）.,;:!?。、]")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});

/// A prose block as the Markdown walk finds it, before rendering.
struct RawBlock {
    kind: BlockKind,
    quoted: bool,
    place: Place,
}

struct RawBody {
    blocks: Vec<RawBlock>,
    /// The blocks' texts.
    prose: ProseStore,
    figure_fences: Vec<Span>,
    figure_fence_openings: Vec<Span>,
    comments: Vec<Comment>,
}

struct Open {
    kind: BlockKind,
    text: ProseBuffer,
}

/// The prose blocks open at a point of the Markdown walk, innermost last.
///
/// Text is collected in buffers that are reused from block to block; a
/// finished block's text is appended to the document's one [`ProseStore`],
/// so that blocks cost no allocation of their own.
#[derive(Default)]
struct OpenBlocks {
    stack: Vec<Open>,
    spare: Vec<ProseBuffer>,
}

impl OpenBlocks {
    /// Open a block of `kind` inside the current one.
    fn open(&mut self, kind: BlockKind) {
        let text = self.spare.pop().unwrap_or_default();
        self.stack.push(Open { kind, text });
    }

    /// The text of the innermost open block.
    fn top(&mut self) -> Option<&mut ProseBuffer> {
        self.stack.last_mut().map(|open| &mut open.text)
    }

    /// End the innermost block's text so far as a block of its own (when it
    /// is not blank); the block stays open for text that follows.
    fn flush_top(&mut self, quoted: bool, out: &mut RawBody) {
        if let Some(open) = self.stack.last_mut() {
            flush(open, quoted, out);
        }
    }

    /// Close the innermost block, flushing its text; `false` when no block
    /// was open.
    fn close(&mut self, quoted: bool, out: &mut RawBody) -> bool {
        let Some(mut open) = self.stack.pop() else {
            return false;
        };
        flush(&mut open, quoted, out);
        self.spare.push(open.text);
        true
    }
}

/// Copy the text of `open` out as a finished block, unless it is blank,
/// and empty its buffer for the text that follows.
fn flush(open: &mut Open, quoted: bool, out: &mut RawBody) {
    if !open.text.is_empty() {
        let place = out.prose.append(&open.text);
        out.blocks.push(RawBlock {
            kind: open.kind,
            quoted,
            place,
        });
    }
    open.text.clear();
}

/// Walk the body's events once, collecting prose, the figures fence and comments.
fn markdown_pass<'a>(
    source: &SourceFile,
    body_len: usize,
    events: impl Iterator<Item = (Event<'a>, Span)>,
) -> RawBody {
    let mut out = RawBody {
        // About one block a line (a paragraph line, a list item, a table
        // row's cells): room reserved once rather than grown by copying.
        blocks: Vec::with_capacity(source.line_count()),
        // The body's prose is no longer than the body, in about one and a
        // half pieces a line; rendered figure references add a little.
        prose: ProseStore::with_capacity(
            body_len + body_len / 4,
            source.line_count() + source.line_count() / 2,
        ),
        figure_fences: Vec::new(),
        figure_fence_openings: Vec::new(),
        comments: Vec::new(),
    };
    let mut open_blocks = OpenBlocks::default();
    let mut quote_depth = 0usize;
    let mut in_code: Option<bool> = None; // Some(is_figures)
    let mut skip_depth = 0usize; // inside images and autolinks
    let mut links: Vec<bool> = Vec::new(); // per open link: is it skipped?
    let mut table_row = 0usize;
    let mut table_column = 0usize;
    let mut in_head = false;

    for (event, span) in events {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    open_blocks.flush_top(quote_depth > 0, &mut out);
                    open_blocks.open(BlockKind::Paragraph);
                }
                Tag::Heading { level, .. } => open_blocks.open(BlockKind::Heading(level as u8)),
                Tag::Item => open_blocks.open(BlockKind::ListItem),
                Tag::List(_) => open_blocks.flush_top(quote_depth > 0, &mut out),
                Tag::BlockQuote(_) => quote_depth += 1,
                Tag::TableHead => {
                    in_head = true;
                    table_row = 0;
                    table_column = 0;
                }
                Tag::TableRow => table_column = 0,
                Tag::TableCell => open_blocks.open(BlockKind::TableCell {
                    header: in_head,
                    row: table_row,
                    column: table_column,
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
                    open_blocks.close(quote_depth > 0, &mut out);
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
                    if is_figures && let Some(last) = out.figure_fences.last_mut() {
                        *last = if last.is_empty() && last.start <= span.start {
                            span
                        } else {
                            last.join(span)
                        };
                    }
                    continue;
                }
                if skip_depth > 0 {
                    continue;
                }
                let Some(top) = open_blocks.top() else {
                    continue;
                };
                // Text borrowed from the draft at its own span is exact
                // without comparing it.
                let written = source.slice(span);
                let same_bytes =
                    std::ptr::eq(written.as_ptr(), t.as_ptr()) && written.len() == t.len();
                if same_bytes || written == t.as_ref() {
                    top.push_exact(&t, span.start);
                } else {
                    top.push_mapped(&t, span);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                if let Some(top) = open_blocks.top() {
                    top.push_mapped(" ", span);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(top) = open_blocks.top() {
                    top.push_mapped(" ", span);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                collect_comments(source, span, &mut out.comments)
            }
            _ => {}
        }
    }
    // Close whatever the Markdown left open.
    while open_blocks.close(quote_depth > 0, &mut out) {}
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

    #[test]
    fn reference_prefilter_admits_every_reference() {
        let samples = [
            "{{ a.b }}",
            "x {{a.b|abs}} y",
            "｛｛ a．b ｝｝",
            "{{ a.b ｝｝",
            "｛｛a.b}}",
            "{{}}",
            "{ {a.b} }",
            "｛ ｛a.b｝ ｝",
            "{a.b}",
            "no reference",
            "{{ broken\n}}",
        ];
        for text in samples {
            if references::find(text).next().is_some() {
                assert!(may_contain_reference(text), "{text}");
            }
        }
        assert!(!may_contain_reference("{a.b} and ｛a.b｝"));
    }

    #[test]
    fn url_prefilter_admits_every_url() {
        for text in [
            "see https://www.iij.ad.jp/ir.",
            "http://x.y",
            "go to www.example.com",
        ] {
            assert!(may_contain_url(text), "{text}");
            assert!(URL.is_match(text), "{text}");
        }
        assert!(!may_contain_url("Revenue was JPY10.6 billion (wwwx)."));
        assert!(!URL.is_match("Revenue was JPY10.6 billion (wwwx)."));
    }

    #[test]
    fn repeated_references_resolve_alike() {
        let text = "---\ntitle: T\ncompany: C\nfx: {rate: 118.75}\n---\nA {{ revenue.3Q02 }}, {{ revenu.3Q02 }}.\n\nB {{ revenue.3Q02 }}, {{ revenu.3Q02 }}, {{revenue.3Q02}}.\n\n```figures\nrevenue:\n  unit: JPY\n  scale: million\n  values: {3Q02: 10573}\n  display: {scale: billion, decimals: 1}\n```\n";
        let (doc, _) = doc(text);
        let r = &doc.references;
        assert_eq!(r.len(), 5);
        assert_eq!(r[0].resolved, r[2].resolved);
        assert_eq!(r[0].resolved, r[4].resolved);
        assert_eq!(r[1].resolved, r[3].resolved);
        assert!(r[1].resolved.is_err());
        assert_eq!(r[4].inner, "revenue.3Q02");
        assert_eq!(&text[r[2].span.range()], "{{ revenue.3Q02 }}");
        assert_eq!(&text[r[4].span.range()], "{{revenue.3Q02}}");
        assert_eq!(
            doc.blocks[1].text.as_str(),
            "B JPY10.6 billion ($89.0 million), {{ revenu.3Q02 }}, JPY10.6 billion ($89.0 million)."
        );
    }

    #[test]
    fn blocks_reuse_buffers_without_mixing_text() {
        let text = "- one *a*\n\n  two\n  - nested `x` y\n- three\n\n> quoted **b**\n> c\n\nLast \\* line\n";
        let (doc, _) = doc(text);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "one a",
                "two",
                "nested   y",
                "three",
                "quoted b c",
                "Last * line"
            ]
        );
        let spans: Vec<&str> = doc.blocks.iter().map(|b| &text[b.span.range()]).collect();
        assert_eq!(
            spans,
            [
                "one *a",
                "two",
                "nested `x` y",
                "three",
                "quoted **b**\n> c",
                "Last \\* line"
            ]
        );
        assert!(doc.blocks[4].quoted);
        assert!(!doc.blocks[5].quoted);
    }

    #[test]
    fn analyses_are_computed_once_per_document() {
        #[derive(Debug, PartialEq)]
        struct BlockCount(usize);
        #[derive(Debug, PartialEq)]
        struct SentenceCount(usize);
        let (doc, _) = doc("One. Two.\n\nThree.\n");
        let mut runs = 0;
        let count = |d: &Document| BlockCount(d.blocks.len());
        let first = doc.analysis(|d| {
            runs += 1;
            count(d)
        });
        let again = doc.analysis(|d| {
            runs += 1;
            count(d)
        });
        assert_eq!(runs, 1);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(*first, BlockCount(2));
        // Another type is another analysis, and may use the first.
        let sentences =
            doc.analysis(|d| SentenceCount(d.sentences().count() + d.analysis(count).0));
        assert_eq!(*sentences, SentenceCount(5));
        // A clone computes afresh.
        let copy = doc.clone();
        assert!(!Arc::ptr_eq(&copy.analysis(count), &first));
        assert_eq!(format!("{:?}", doc.analyses), "Analyses { .. }");
    }

    #[test]
    fn full_width_references_alone_in_a_block_are_found() {
        let text = "---\ntitle: T\ncompany: C\nlang: ja\n---\n売上高は｛｛ revenue．3Q02 ｝｝となりました。\n\n```figures\nrevenue:\n  unit: JPY\n  scale: million\n  values: {3Q02: 10573}\n  display: {scale: billion, decimals: 1}\n```\n";
        let (doc, _) = doc(text);
        assert_eq!(doc.references.len(), 1);
        assert_eq!(
            &text[doc.references[0].span.range()],
            "｛｛ revenue．3Q02 ｝｝"
        );
        assert_ne!(
            doc.blocks[0].text.as_str(),
            "売上高は｛｛ revenue．3Q02 ｝｝となりました。"
        );
    }
}
