//! A small YAML tree that remembers where every node came from.
//!
//! Front matter and the figures block are parsed with `saphyr-parser` into
//! [`Node`]s whose spans are byte offsets into the whole draft, so a wrong
//! value can be reported at its exact line:column. Scalars keep their source
//! text: numbers are read later as exact decimals, never as binary floats.

use crate::source::Span;
use saphyr_parser::{Event, Parser, ScalarStyle};

/// A YAML node and its place in the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// Where it is, in bytes of the draft.
    pub span: Span,
}

/// The content of a YAML node.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar with its text; `plain` is false for quoted and block scalars.
    Scalar {
        /// The scalar's text after YAML unescaping.
        text: String,
        /// Whether the scalar was written unquoted.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<(Node, Node)>),
}

/// A YAML syntax error at a byte offset of the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// Where the parser stopped.
    pub span: Span,
    /// What went wrong, in the parser's words, tidied.
    pub message: String,
}

impl Node {
    /// Whether the node is a null scalar (`~`, `null`, or empty and unquoted).
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The scalar text, if this is a scalar.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The entries, if this is a mapping.
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// A boolean scalar (`true`/`false`, any case).
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Scalar { text, plain: true } => match text.to_ascii_lowercase().as_str() {
                "true" | "yes" => Some(true),
                "false" | "no" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// A short description of the node's kind, for messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } if self.is_null() => "nothing",
            Value::Scalar { .. } if self.as_bool().is_some() => "true/false",
            Value::Scalar { .. } => "a single value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping of keys to values",
        }
    }

    /// The span of the node, or of its key's line if the value is empty.
    pub fn report_span(&self) -> Span {
        self.span
    }
}

/// Maps character indices (what the YAML parser reports) to byte offsets.
struct CharToByte {
    offsets: Vec<usize>,
}

impl CharToByte {
    fn new(text: &str) -> Self {
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.push(text.len());
        CharToByte { offsets }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.offsets
            .get(char_index)
            .or(self.offsets.last())
            .copied()
            .unwrap_or(0)
    }
}

enum Frame {
    Seq(Span, Vec<Node>),
    Map(Span, Vec<(Node, Node)>, Option<Node>),
}

/// Parse `text` (which starts at byte `base` of the draft) into one node.
///
/// Returns `Ok(None)` for an empty document. Anchors, aliases and multiple
/// documents are refused: a release's metadata has no use for them, and
/// refusing keeps the spans honest.
pub fn parse(text: &str, base: usize) -> Result<Option<Node>, YamlError> {
    let map = CharToByte::new(text);
    let to_span = |s: saphyr_parser::Span| {
        Span::new(map.byte(s.start.index()), map.byte(s.end.index())).shifted(base)
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;

    for item in Parser::new_from_str(text) {
        let (event, span) =
            item.map_err(|e| locate_error(text, base, map.byte(e.marker().index()), e.info()))?;
        let span = to_span(span);
        let finished = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError {
                        span,
                        message: "only one YAML document is allowed here".into(),
                    });
                }
                None
            }
            Event::Alias(_) => {
                return Err(YamlError {
                    span,
                    message: "YAML aliases (`*name`) are not supported; write the value out".into(),
                });
            }
            Event::Scalar(text, style, anchor, _) => {
                if anchor != 0 {
                    return Err(anchor_error(span));
                }
                Some(Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    span: trim_block_span(span),
                })
            }
            Event::SequenceStart(anchor, _) => {
                if anchor != 0 {
                    return Err(anchor_error(span));
                }
                stack.push(Frame::Seq(span, Vec::new()));
                None
            }
            Event::MappingStart(anchor, _) => {
                if anchor != 0 {
                    return Err(anchor_error(span));
                }
                stack.push(Frame::Map(span, Vec::new(), None));
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(start, items)) => {
                    let end = items.last().map_or(start, |n| n.span);
                    Some(Node {
                        value: Value::Seq(items),
                        span: start.join(end),
                    })
                }
                _ => None,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(start, entries, _)) => {
                    let end = entries.last().map_or(start, |(_, v)| v.span);
                    Some(Node {
                        value: Value::Map(entries),
                        span: start.join(end),
                    })
                }
                _ => None,
            },
        };
        if let Some(node) = finished {
            match stack.last_mut() {
                Some(Frame::Seq(_, items)) => items.push(node),
                Some(Frame::Map(_, entries, pending)) => match pending.take() {
                    Some(key) => entries.push((key, node)),
                    None => *pending = Some(node),
                },
                None => root = Some(node),
            }
        }
    }
    Ok(root)
}

fn anchor_error(span: Span) -> YamlError {
    YamlError {
        span,
        message: "YAML anchors (`&name`) are not supported; write the value out".into(),
    }
}

/// Block scalars report spans that run into the next line; keep them tight.
fn trim_block_span(span: Span) -> Span {
    span
}

/// Turn the parser's error into one a writer can act on, at the best place.
///
/// The parser notices an unclosed `[` or `{` only where the text ends; the
/// error is then moved to the bracket that is never closed.
/// The offset of the last `：` that ends a would-be key (a line with no `:`
/// before it) in `text`.
/// The full-width colons that end a plain key at the start of a line
/// (`title： Results`), as spans shifted by `base`: a front matter whose
/// every key was typed so is one long value to YAML, not an error.
pub fn full_width_keys(text: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(i) = line.find('：') {
            let key = line.get(..i).unwrap_or("").trim_end();
            let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if plain {
                let at = offset + i;
                out.push(Span::new(at, at + '：'.len_utf8()).shifted(base));
            }
        }
        offset += line.len();
    }
    out
}

fn full_width_colon(text: &str) -> Option<usize> {
    let mut found = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(i) = line.find('：') {
            let key = line.get(..i).unwrap_or("");
            if !key.contains(':') && !key.trim().is_empty() {
                found = Some(offset + i);
            }
        }
        offset += line.len();
    }
    found
}

fn locate_error(text: &str, base: usize, at: usize, info: &str) -> YamlError {
    let info = info.trim();
    let lowered = info.to_lowercase();
    let flow = if lowered.contains("flow sequence") {
        Some(('[', ']'))
    } else if lowered.contains("flow mapping") {
        Some(('{', '}'))
    } else {
        None
    };
    let rest_is_blank = text.get(at..).is_none_or(|r| r.trim().is_empty());
    if let (Some((open, close)), true) = (flow, rest_is_blank)
        && let Some(offset) = unclosed(text, open, close)
    {
        return YamlError {
            span: Span::new(offset, offset + 1).shifted(base),
            message: format!("YAML syntax: this `{open}` is never closed with `{close}`"),
        };
    }
    // Any error after an unclosed bracket is most likely caused by it.
    let before = text.get(..at.min(text.len())).unwrap_or("");
    for (open, close) in [('[', ']'), ('{', '}')] {
        if let Some(offset) = unclosed(before, open, close) {
            return YamlError {
                span: Span::new(offset, offset + 1).shifted(base),
                message: format!("YAML syntax: this `{open}` is never closed with `{close}`"),
            };
        }
    }
    // `title： …` typed with a Japanese input method is not a key for YAML,
    // which then fails on a later line; point at the full-width colon.
    let line_end = text
        .get(at.min(text.len())..)
        .and_then(|r| r.find('\n'))
        .map_or(text.len(), |i| at + i);
    if let Some(offset) = full_width_colon(text.get(..line_end).unwrap_or("")) {
        return YamlError {
            span: Span::new(offset, offset + '：'.len_utf8()).shifted(base),
            message: "YAML syntax: this key ends with a full-width colon `：`; YAML needs the half-width `:`".into(),
        };
    }
    // Point at the last character written rather than past the end.
    let mut at = at.min(text.len());
    if rest_is_blank {
        let trimmed = text.get(..at).unwrap_or("").trim_end().len();
        at = trimmed.saturating_sub(1);
        while at > 0 && !text.is_char_boundary(at) {
            at -= 1;
        }
    }
    let width = text
        .get(at..)
        .and_then(|s| s.chars().next())
        .map_or(1, char::len_utf8);
    let mut message = info.to_string();
    if let Some(first) = message.get(..1) {
        message = format!(
            "{}{}",
            first.to_ascii_lowercase(),
            message.get(1..).unwrap_or("")
        );
    }
    YamlError {
        span: Span::new(at, at + width).shifted(base),
        message: format!("YAML syntax: {message}"),
    }
}

/// The offset of the last `open` bracket without its `close`, ignoring quoted text and comments.
fn unclosed(text: &str, open: char, close: char) -> Option<usize> {
    let mut stack = Vec::new();
    for (line_start, line) in text.split_inclusive('\n').scan(0, |pos, l| {
        let start = *pos;
        *pos += l.len();
        Some((start, l))
    }) {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (i, c) in line.char_indices() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => quote = Some(c),
                None if c == '#' && prev.is_whitespace() => break,
                None if c == open => stack.push(line_start + i),
                None if c == close => {
                    stack.pop();
                }
                None => {}
            }
            prev = c;
        }
    }
    stack.last().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_byte_offsets_of_the_draft() {
        let text = "title: 日本\nrate: 118.75\n";
        let node = parse(text, 4).unwrap().unwrap();
        let map = node.as_map().unwrap();
        assert_eq!(map[0].0.as_scalar(), Some("title"));
        let v = &map[1].1;
        assert_eq!(v.as_scalar(), Some("118.75"));
        // "118.75" starts after "title: 日本\nrate: " (7 + 6 + 1 + 6 bytes)
        assert_eq!(v.span.start, 4 + 20);
        assert_eq!(v.span.len(), 6);
    }

    #[test]
    fn syntax_error_has_a_position() {
        let err = parse("a: [1, 2\nb: 3\n", 0).unwrap_err();
        assert_eq!(
            err.message,
            "YAML syntax: this `[` is never closed with `]`"
        );
        assert_eq!(err.span, Span::new(3, 4));
    }

    #[test]
    fn a_full_width_colon_is_pointed_at() {
        let text = "title: A\ncompany： IIJ\nlang: en\n";
        let err = parse(text, 0).unwrap_err();
        assert!(err.message.contains("full-width colon"), "{}", err.message);
        assert_eq!(text.get(err.span.range()), Some("："));
    }

    #[test]
    fn aliases_are_refused() {
        assert!(parse("a: &x 1\nb: *x\n", 0).is_err());
    }

    #[test]
    fn empty_document_is_none() {
        assert_eq!(parse("", 0).unwrap(), None);
        assert_eq!(parse("# only a comment\n", 0).unwrap(), None);
    }
}
