//! Finding a draft's legal legends: the disclaimers its front matter lists,
//! approved texts pasted into the body (verbatim or edited), and safe-harbor
//! paragraphs recognised by what they say. The `FLS` and `DIS` rules share
//! this analysis; forward-looking detection skips the legend paragraphs,
//! which talk *about* forward-looking statements.

use crate::disclaimers::Disclaimer;
use crate::draft::Spanned;
use crate::fls::{self, Cue};
use crate::model::{Block, BlockKind, Document};
use crate::source::Span;

/// A disclaimer listed in the front matter and found in the library.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The id as written in the front matter.
    pub id: Spanned<String>,
    /// The library entry in the draft's language.
    pub disclaimer: Disclaimer,
}

/// Every listed disclaimer the library has.
pub fn listed(doc: &Document) -> Vec<Listed> {
    let Some(fm) = &doc.front_matter else {
        return Vec::new();
    };
    fm.disclaimers
        .iter()
        .filter_map(|id| {
            doc.library()
                .get(&id.value, fm.lang)
                .map(|disclaimer| Listed {
                    id: id.clone(),
                    disclaimer: disclaimer.clone(),
                })
        })
        .collect()
}

/// An approved text found pasted in the body.
#[derive(Debug, Clone)]
pub struct Pasted {
    /// The index of the first block it occupies.
    pub first_block: usize,
    /// The blocks it occupies (one per paragraph of the approved text).
    pub blocks: usize,
    /// Its span in the draft.
    pub span: Span,
    /// The library entry it matches.
    pub disclaimer: Disclaimer,
    /// The approved text as it should read in this draft.
    pub approved: String,
    /// The text as the draft has it.
    pub written: String,
    /// When the text matched is a superseded version: the current entry
    /// that replaced it.
    pub current: Option<Disclaimer>,
    /// The current entry's text as it should read in this draft (`None`
    /// when the draft does not give the parameters it needs).
    pub approved_current: Option<String>,
}

impl Pasted {
    /// Whether the draft has the approved text unchanged (ignoring white
    /// space and typographic quotes).
    pub fn is_verbatim(&self) -> bool {
        words(&self.approved) == words(&self.written)
    }
}

/// Words of a text for comparison: white space and quote styles ignored;
/// Japanese compared character by character.
pub fn words(text: &str) -> Vec<String> {
    let normalized = text
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .replace('\u{a0}', " ");
    if fls::is_japanese(&normalized) {
        normalized
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(String::from)
            .collect()
    } else {
        normalized.split_whitespace().map(str::to_string).collect()
    }
}

/// Overlapping word pairs, for a similarity that survives edits.
fn pairs(words: &[String]) -> std::collections::HashSet<(&str, &str)> {
    words
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((a.as_str(), b.as_str())),
            _ => None,
        })
        .collect()
}

/// Share of the approved text's word pairs that the written text has.
fn similarity(approved: &std::collections::HashSet<(&str, &str)>, written: &[String]) -> f64 {
    if approved.is_empty() {
        return 0.0;
    }
    let w = pairs(written);
    approved.intersection(&w).count() as f64 / approved.len() as f64
}

/// Distinctive pieces of an approved paragraph: its four longest words, or
/// for Japanese four 4-character runs spread over the text.
fn anchors_of(words: &[String]) -> Vec<String> {
    if words.iter().all(|w| w.chars().count() == 1) {
        let n = words.len();
        return (1..=4)
            .filter_map(|k| {
                let at = n * k / 5;
                let run = words.get(at..at + 4)?;
                Some(run.concat())
            })
            .collect();
    }
    let mut longest: Vec<&String> = words.iter().collect();
    longest.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    longest.dedup();
    longest
        .into_iter()
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .collect()
}

/// A cheap word count (characters for Japanese), to skip paragraphs whose
/// length cannot match before comparing them word by word.
fn rough_length(text: &str) -> usize {
    if text.is_ascii() {
        return ascii_word_count(text.as_bytes());
    }
    if fls::is_japanese(text) {
        text.chars().filter(|c| !c.is_whitespace()).count()
    } else {
        text.split_whitespace().count()
    }
}

/// The words `split_whitespace` gives in ASCII `bytes`, counted eight bytes
/// at a time: a word starts at a byte that is not white space (the space
/// and `\t` to `\r`, with the vertical tab) after one that is, or at the
/// start.
fn ascii_word_count(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The top bit of each byte of an ASCII `word` that is white space.
    let spaces = |word: u64| {
        // A space: the byte XOR 0x20 is zero (exact, no carries between bytes).
        let x = word ^ (ONES * 0x20);
        let space = !(((x & !HIGH) + !HIGH) | x) & HIGH;
        // `\t` to `\r`: at least 0x09 and below 0x0E (bytes are below 0x80).
        let at_least_tab = (word | HIGH) - ONES * 0x09;
        let past_return = (word | HIGH) - ONES * 0x0E;
        space | (at_least_tab & !past_return & HIGH)
    };
    let mut words = 0;
    // The top bit set when the byte before the chunk is white space (or the
    // chunk is the first).
    let mut space_before = 1u64 << 63;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let space = spaces(u64::from_le_bytes(eight));
        let previous = (space << 8) | (space_before >> 56);
        words += (!space & previous & HIGH).count_ones() as usize;
        space_before = space;
    }
    let mut after_space = space_before & (1 << 63) != 0;
    for b in chunks.remainder() {
        let is_space = matches!(b, b' ' | b'\t'..=b'\r');
        words += usize::from(after_space && !is_space);
        after_space = is_space;
    }
    words
}

/// Share of an approved text's word pairs a paragraph must have to count as
/// that text pasted (and perhaps edited). A company's own safe harbor that
/// merely resembles the bundled one stays below it.
const PASTED_SIMILARITY: f64 = 0.7;

/// Paragraph blocks, which is where legends are pasted.
fn is_prose_paragraph(block: &Block) -> bool {
    matches!(block.kind, BlockKind::Paragraph)
}

/// Approved texts pasted into the body, verbatim or edited: a run of
/// paragraphs that shares most of an entry's word pairs.
pub fn pasted(doc: &Document) -> Vec<Pasted> {
    let lang = doc.lang();
    let mut found: Vec<Pasted> = Vec::new();
    let library = doc.library();
    let in_language =
        |d: &&Disclaimer| d.lang == lang || !library.iter().any(|o| o.id == d.id && o.lang == lang);
    // Current texts first, then superseded versions (`DIS005`).
    let candidates: Vec<&Disclaimer> = library
        .iter()
        .filter(in_language)
        .chain(library.history().filter(|d| d.lang == lang))
        .collect();
    if candidates.is_empty() {
        return found;
    }
    let render = |d: &Disclaimer| {
        d.render(doc.front_matter.as_ref(), doc.fx_rate)
            .unwrap_or_else(|_| d.text.clone())
    };
    let rendered: Vec<(&Disclaimer, String, Vec<Vec<String>>)> = candidates
        .into_iter()
        .filter_map(|d| {
            let text = render(d);
            let paragraphs: Vec<Vec<String>> = text
                .split("\n\n")
                .map(words)
                .filter(|w| w.len() >= 8)
                .collect();
            (!paragraphs.is_empty()).then_some((d, text, paragraphs))
        })
        .collect();
    let first_pairs: Vec<std::collections::HashSet<(&str, &str)>> = rendered
        .iter()
        .map(|(_, _, paragraphs)| paragraphs.first().map(|p| pairs(p)).unwrap_or_default())
        .collect();
    // Searchers for the anchors, built once for all the paragraphs.
    let anchors: Vec<Vec<memchr::memmem::Finder<'static>>> = rendered
        .iter()
        .map(|(_, _, paragraphs)| {
            paragraphs
                .first()
                .map(|p| anchors_of(p))
                .unwrap_or_default()
                .iter()
                .map(|a| memchr::memmem::Finder::new(a.as_bytes()).into_owned())
                .collect()
        })
        .collect();
    let mut i = 0;
    while i < doc.blocks.len() {
        let Some(block) = doc.blocks.get(i) else {
            break;
        };
        if !is_prose_paragraph(block) {
            i += 1;
            continue;
        }
        let length = rough_length(block.text.as_str());
        let fits = |expected: usize| length * 2 >= expected && length <= expected * 2;
        let text = block.text.as_str();
        // A paragraph of the right length that has at least two of the
        // entry's distinctive words; only those are compared word by word.
        let candidate = |k: usize| {
            rendered
                .get(k)
                .and_then(|(_, _, p)| p.first())
                .is_some_and(|f| fits(f.len()))
                && anchors.get(k).is_some_and(|a| {
                    a.iter()
                        .filter(|w| w.find(text.as_bytes()).is_some())
                        .count()
                        >= 2
                })
        };
        if length < 8 || !(0..rendered.len()).any(candidate) {
            i += 1;
            continue;
        }
        let written_first = words(block.text.as_str());
        let best = rendered
            .iter()
            .zip(&first_pairs)
            .enumerate()
            .filter_map(|(k, ((d, text, paragraphs), approved_pairs))| {
                if !candidate(k) {
                    return None;
                }
                let score = similarity(approved_pairs, &written_first);
                (score >= PASTED_SIMILARITY).then_some((score, d, text, paragraphs.len()))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let Some((_, disclaimer, approved, count)) = best else {
            i += 1;
            continue;
        };
        let blocks: Vec<&Block> = doc.blocks.iter().skip(i).take(count).collect();
        let written = blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let span = blocks
            .iter()
            .map(|b| b.span)
            .reduce(Span::join)
            .unwrap_or(block.span);
        let current = library
            .history()
            .any(|h| std::ptr::eq(h, *disclaimer))
            .then(|| library.current_of(disclaimer))
            .flatten();
        found.push(Pasted {
            first_block: i,
            blocks: blocks.len(),
            span,
            disclaimer: (*disclaimer).clone(),
            approved: approved.clone(),
            written,
            approved_current: current
                .and_then(|c| c.render(doc.front_matter.as_ref(), doc.fx_rate).ok()),
            current: current.cloned(),
        });
        i += count.max(1);
    }
    found
}

/// A safe-harbor paragraph written in the draft's own words: it speaks of
/// forward-looking statements, of risks or uncertainties, and of results
/// that may differ.
pub fn is_safe_harbor_paragraph(text: &str) -> bool {
    // Most paragraphs say nothing of forward-looking statements.
    if !crate::text::contains_ignore_ascii_case(text, "orward") && !text.contains("将来") {
        return false;
    }
    let lower = text.to_lowercase();
    let english = lower.contains("forward-looking statement")
        && (lower.contains("risk") || lower.contains("uncertaint"))
        && (lower.contains("differ") || lower.contains("actual result"));
    let japanese = text.contains("将来")
        && (text.contains("見通し") || text.contains("予想") || text.contains("予測"))
        && (text.contains("リスク") || text.contains("不確実") || text.contains("要因"))
        && text.contains("異な");
    english || japanese
}

/// Where the draft's safe harbor is.
#[derive(Debug, Clone)]
pub enum SafeHarbor<'a> {
    /// Listed in the front matter.
    Listed(&'a Listed),
    /// Pasted from the library (verbatim or edited).
    Pasted(&'a Pasted),
    /// A paragraph of the draft's own that reads as a safe harbor.
    Own {
        /// The block index.
        block: usize,
    },
}

/// Everything the FLS and DIS rules need to know about a draft's legends.
#[derive(Debug, Clone)]
pub struct Legends {
    /// Listed disclaimers.
    pub listed: Vec<Listed>,
    /// Pasted approved texts.
    pub pasted: Vec<Pasted>,
    /// Blocks that are safe-harbor paragraphs of the draft's own.
    pub own_safe_harbor: Vec<usize>,
}

impl Legends {
    /// The draft's legends, computed once per document and shared by the rules.
    pub fn shared(doc: &Document) -> std::sync::Arc<Legends> {
        doc.analysis(Legends::of)
    }

    /// Analyse a draft.
    pub fn of(doc: &Document) -> Legends {
        let pasted = pasted(doc);
        let own_safe_harbor = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(i, b)| {
                is_prose_paragraph(b)
                    && !pasted
                        .iter()
                        .any(|p| (p.first_block..p.first_block + p.blocks).contains(i))
                    && (b.classes.may_contain("orward") || b.classes.may_contain("将来"))
                    && is_safe_harbor_paragraph(b.text.as_str())
            })
            .map(|(i, _)| i)
            .collect();
        Legends {
            listed: listed(doc),
            pasted,
            own_safe_harbor,
        }
    }

    /// Whether block `i` is a legend (and so not a statement of the release).
    pub fn is_legend_block(&self, i: usize) -> bool {
        self.own_safe_harbor.contains(&i)
            || self
                .pasted
                .iter()
                .any(|p| (p.first_block..p.first_block + p.blocks).contains(&i))
    }

    /// The draft's safe harbor, if it has one.
    pub fn safe_harbor(&self) -> Option<SafeHarbor<'_>> {
        if let Some(l) = self
            .listed
            .iter()
            .find(|l| l.disclaimer.kind == "safe-harbor")
        {
            return Some(SafeHarbor::Listed(l));
        }
        if let Some(p) = self
            .pasted
            .iter()
            .find(|p| p.disclaimer.kind == "safe-harbor")
        {
            return Some(SafeHarbor::Pasted(p));
        }
        self.own_safe_harbor
            .first()
            .map(|&block| SafeHarbor::Own { block })
    }
}

/// The forward-looking statements of a draft, computed once per document.
#[derive(Debug, Clone)]
pub struct ForwardLooking(pub Vec<Statement>);

impl ForwardLooking {
    /// The draft's forward-looking statements, shared by the rules.
    pub fn shared(doc: &Document) -> std::sync::Arc<ForwardLooking> {
        doc.analysis(|doc| ForwardLooking(forward_looking(doc, &Legends::shared(doc))))
    }
}

/// A forward-looking statement of the release.
#[derive(Debug, Clone)]
pub struct Statement {
    /// The sentence's span in the draft.
    pub span: Span,
    /// Why it is forward-looking.
    pub cue: Cue,
}

/// Every forward-looking sentence outside the legends, in reading order:
/// the headline and subhead first, then the body.
pub fn forward_looking(doc: &Document, legends: &Legends) -> Vec<Statement> {
    let mut out = Vec::new();
    if let Some(fm) = &doc.front_matter {
        for line in [&fm.title, &fm.subtitle].into_iter().flatten() {
            if let Some(cue) = fls::detect(&line.value) {
                out.push(Statement {
                    span: line.span,
                    cue,
                });
            }
        }
    }
    // The lower case of each English sentence read, in one buffer.
    let mut lowered = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let block_text = block.text.as_str();
        if legends.is_legend_block(i) || is_legend_heading(block) {
            continue;
        }
        // Kana and kanji start with the byte 0xE3 or one of 0xE4–0xE9.
        let classes = block.classes;
        let japanese =
            (classes.may_have(0xE3) || classes.may_have(0xE4)) && fls::is_japanese(block_text);
        // English blocks: read only the sentences that hold a cue stem at a
        // word start (or an estimate mark such as FY2003E: a digit, an `e`).
        let marks = !japanese
            && classes.may_have(b'0')
            && classes.may_have(b'e')
            && fls::english::has_estimate_mark(block_text);
        for range in block.sentences() {
            let text = block_text.get(range.clone()).unwrap_or("");
            let cue = if japanese {
                fls::detect(text)
            } else if fls::english::has_stem_start(block_text, range.clone())
                || (marks && fls::english::has_estimate_mark(text))
            {
                fls::english::detect_prefiltered_with(text, &mut lowered)
            } else {
                None
            };
            if let Some(cue) = cue {
                out.push(Statement {
                    span: block.text.source_span(range.clone()),
                    cue,
                });
            }
        }
    }
    out
}

/// Headings such as "Forward-Looking Statements" or 将来見通しに関する注意事項.
fn is_legend_heading(block: &Block) -> bool {
    if !matches!(block.kind, BlockKind::Heading(_)) {
        return false;
    }
    let text = block.text.as_str();
    // 将来見通しに関する注意事項, 将来の見通しに関する記述について, 免責事項.
    if text.contains("注意事項")
        || text.contains("免責")
        || (text.contains("将来") && text.contains("記述"))
    {
        return true;
    }
    if !text.contains(['o', 'O', 'a', 'A']) {
        return false;
    }
    let lower = text.to_lowercase();
    lower.contains("forward-looking")
        || lower.contains("safe harbor")
        || lower.contains("safe-harbor")
        || lower.contains("注意事項")
}

/// A fix that lists disclaimer `id` under `disclaimers:` in the front
/// matter (adding the key when there is none).
pub fn add_disclaimer_fix(doc: &Document, id: &str) -> Option<crate::diagnostics::Fix> {
    use crate::diagnostics::{Edit, Fix};
    let fm = doc.front_matter.as_ref()?;
    let text = doc.source.text();
    let edit = match fm.disclaimers.last() {
        Some(last) => {
            let line_start = text
                .get(..last.span.start)?
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let line_end = text
                .get(last.span.end..)?
                .find('\n')
                .map_or(text.len(), |i| last.span.end + i);
            let prefix = text
                .get(line_start..last.span.start)?
                .trim_end_matches(['"', '\'']);
            if !prefix.trim_start().starts_with('-') {
                return None; // a flow list `[a, b]`: leave it to the writer
            }
            Edit {
                span: crate::source::Span::point(line_end),
                replacement: format!("\n{prefix}{id}"),
            }
        }
        None => {
            let yaml = text.get(fm.span.range())?;
            if yaml.lines().any(|l| l.starts_with("disclaimers")) {
                return None;
            }
            let newline = if yaml.is_empty() || yaml.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            Edit {
                span: crate::source::Span::point(fm.span.end),
                replacement: format!("{newline}disclaimers:\n  - {id}\n"),
            }
        }
    };
    Some(Fix {
        message: format!("list `{id}` under `disclaimers:`"),
        edits: vec![edit],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_safe_harbor_paragraphs_in_both_languages() {
        assert!(is_safe_harbor_paragraph(
            "This release contains forward-looking statements that involve risks and uncertainties; actual results may differ materially."
        ));
        assert!(is_safe_harbor_paragraph(
            "本資料に記載されている業績見通し等の将来に関する記述は、様々な要因により実際の業績と大きく異なる可能性があります。"
        ));
        assert!(!is_safe_harbor_paragraph(
            "IIJ expects its operating profit to improve."
        ));
    }

    #[test]
    fn rough_length_counts_words_as_split_whitespace_does() {
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "tab\tand\nline\x0bvertical\x0cfeed\rreturn",
            "IIJ’s net loss",
            "売上高 year",
        ] {
            let expected = if fls::is_japanese(text) {
                text.chars().filter(|c| !c.is_whitespace()).count()
            } else {
                text.split_whitespace().count()
            };
            assert_eq!(rough_length(text), expected, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_word_count_is_the_split_whitespace_count(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{7f}", "a", "IIJ",
                    "word", "-", ".", "0", "\u{8}", "\u{e}",
                ]),
                0..40,
            )
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(
                ascii_word_count(text.as_bytes()),
                text.split_whitespace().count()
            );
        }
    }

    #[test]
    fn words_ignore_quote_styles_and_spacing() {
        assert_eq!(words("IIJ’s  net\nloss"), words("IIJ's net loss"));
        assert_eq!(words("将来 の"), ["将", "来", "の"]);
    }
}
