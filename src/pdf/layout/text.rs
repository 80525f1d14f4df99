//! Text for the layout: shaping runs in the bundled faces, the places a
//! line may break (kinsoku, amounts kept whole), and breaking a paragraph
//! into lines — optimal fit, justified or ragged, with hyphenation.

use super::*;

/// The four bundled faces as two stacks; faces are numbered as in
/// [`DisplayList::faces`].
pub(super) struct Fonts {
    pub(super) regular: FontStack,
    pub(super) bold: FontStack,
    pub(super) faces: Vec<std::sync::Arc<crate::pdf::font::FontFace>>,
}

impl Fonts {
    pub(super) fn new(faces: &FaceSet) -> Fonts {
        Fonts {
            regular: faces.regular_stack(),
            bold: faces.bold_stack(),
            faces: vec![
                faces.latin_regular.clone(),
                faces.japanese_regular.clone(),
                faces.latin_bold.clone(),
                faces.japanese_bold.clone(),
            ],
        }
    }

    /// The stack for a style and the display-list number of its first face.
    pub(super) fn stack(&self, bold: bool) -> (&FontStack, usize) {
        if bold {
            (&self.bold, 2)
        } else {
            (&self.regular, 0)
        }
    }

    /// The ascent of the Latin face, as a share of the size.
    pub(super) fn ascent(&self) -> f32 {
        self.faces.first().map_or(0.8, |f| {
            let m = f.metrics();
            m.ascent / f32::from(m.units_per_em.max(1))
        })
    }
}

/// One shaped glyph of a paragraph, with its face and style.
#[derive(Debug, Clone)]
pub(super) struct PlacedGlyph {
    pub(super) face: usize,
    pub(super) size: f32,
    pub(super) color: Color,
    pub(super) glyph: ShapedGlyph,
}

/// A paragraph's text, shaped: glyphs in text order with clusters indexing
/// `text`.
pub(super) struct ShapedText {
    pub(super) text: String,
    pub(super) glyphs: Vec<PlacedGlyph>,
    /// Links: byte range of the text and address.
    pub(super) links: Vec<(Range<usize>, String)>,
}

/// The style a span is set in.
#[derive(Debug, Clone, Copy)]
pub(super) struct TextStyle {
    pub(super) size: f32,
    pub(super) color: Color,
    pub(super) bold: bool,
    /// Tabular figures (table cells: numbers line up in their column).
    pub(super) tabular: bool,
}

pub(super) fn shape(
    fonts: &Fonts,
    spans: &[Span],
    style_of: impl Fn(&Span) -> TextStyle,
) -> Result<ShapedText> {
    let mut text = String::new();
    let mut glyphs = Vec::new();
    let mut links = Vec::new();
    for span in spans {
        let start = text.len();
        text.push_str(&span.text);
        let style = style_of(span);
        let (stack, first_face) = fonts.stack(style.bold);
        let piece = span.text.as_str();
        for run in stack
            .shape_with(piece, style.size, style.tabular)
            .map_err(pdf_error)?
        {
            for mut glyph in run.glyphs {
                glyph.cluster = glyph.cluster.start + start..glyph.cluster.end + start;
                glyphs.push(PlacedGlyph {
                    face: first_face + run.face,
                    size: style.size,
                    color: style.color,
                    glyph,
                });
            }
        }
        if let Some(uri) = &span.link
            && (uri.starts_with("http://")
                || uri.starts_with("https://")
                || uri.starts_with("mailto:"))
        {
            links.push((start..text.len(), uri.clone()));
        }
    }
    Ok(ShapedText {
        text,
        glyphs,
        links,
    })
}

pub(super) fn pdf_error(e: impl std::fmt::Display) -> Error {
    Error::Pdf {
        message: e.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Line breaking

/// Characters that must not start a line (kinsoku shori).
pub(super) fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '・'
            | '：'
            | '；'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '］'
            | '｝'
            | 'ー'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '々'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '％'
            | '%'
    )
}

/// Characters that must not end a line.
pub(super) fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '〔'
            | '〈'
            | '《'
            | '［'
            | '｛'
            | '('
            | '['
            | '{'
            | '¥'
            | '￥'
            | '$'
    )
}

/// Whether `c` is set without spaces between words (Japanese and Chinese).
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// The amounts in `text`, each with the translation in parentheses that
/// follows it ("JPY10.6 billion ($89.0 million)"): no line breaks inside,
/// except that a Japanese amount written in groups may break after 兆, 億
/// or 万 before the next group ("1億 | 9,400万円"), as Japanese setting
/// allows: kept whole, such an amount can leave the line before it spread
/// letter by letter.
pub(super) fn protected_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for range in whole_amounts(text) {
        let mut start = range.start;
        for (offset, c) in text.get(range.clone()).unwrap_or("").char_indices() {
            let after = range.start + offset + c.len_utf8();
            let next_is_digit = text
                .get(after..range.end)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|n| n.is_ascii_digit() || ('０'..='９').contains(&n));
            if matches!(c, '兆' | '億' | '万') && next_is_digit {
                out.push(start..after);
                start = after;
            }
        }
        out.push(start..range.end);
    }
    out
}

/// The amounts in `text`, each joined with the translation that follows it.
fn whole_amounts(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for amount in crate::amounts::all(text) {
        let range = amount.range;
        if let Some(last) = out.last_mut() {
            let between = text.get(last.end..range.start).unwrap_or("x");
            let translation = text
                .get(range.clone())
                .is_some_and(|t| t.starts_with('(') || t.starts_with('（'));
            if range.start >= last.end && translation && between.chars().all(char::is_whitespace) {
                last.end = range.end;
                continue;
            }
        }
        out.push(range);
    }
    out
}

/// Where a line may break: byte offsets in `text` at which a new line may
/// start, in order. Spaces before the offset are dropped at a break.
pub(super) fn break_opportunities(text: &str, protected: &[Range<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for pair in chars.windows(2) {
        let (Some(&(_, before)), Some(&(at, after))) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let allowed = if before == ' ' || before == '\t' {
            after != ' ' && !no_line_start(after)
        } else if before == '\n' {
            true
        } else {
            (is_cjk(before) || is_cjk(after))
                && after != ' '
                && !no_line_start(after)
                && !no_line_end(before)
                && !(before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric())
        };
        if allowed && !protected.iter().any(|r| r.start < at && at < r.end) {
            out.push(at);
        }
    }
    out
}

/// One laid-out line: glyph indices and where each starts, relative to the
/// line's left edge.
pub(super) struct Line {
    /// (glyph index, x).
    pub(super) glyphs: Vec<(usize, f32)>,
    pub(super) width: f32,
    /// The hyphen drawn at the end of a hyphenated line, and its x.
    pub(super) hyphen: Option<(PlacedGlyph, f32)>,
}

/// Break `shaped` into lines of at most `width` (the first `first_width`),
/// justified when `justify` (all lines but the last and those ending in a
/// forced break).
/// How to break a paragraph into lines.
#[derive(Debug, Clone, Copy)]
pub(super) struct Breaking {
    /// Justified (else ragged right).
    pub(super) justify: bool,
    /// Hyphenate English words of seven letters or more (never amounts,
    /// tickers, URLs or Japanese).
    pub(super) hyphenate: bool,
}

/// Ragged right, no hyphenation (headings, cells, captions, furniture).
pub(super) const RAGGED: Breaking = Breaking {
    justify: false,
    hyphenate: false,
};

pub(super) fn break_lines(
    shaped: &ShapedText,
    fonts: &Fonts,
    width: f32,
    first_width: f32,
    breaking: Breaking,
) -> Vec<Line> {
    let justify = breaking.justify;
    let text = shaped.text.as_str();
    let protected = protected_ranges(text);
    let breaks = break_opportunities(text, &protected);
    let hyphen_points = if breaking.hyphenate {
        let blocked = crate::pdf::linebreak::blocked_positions(text.len(), &protected);
        crate::pdf::linebreak::hyphenation_points(text, &blocked, 7)
    } else {
        Vec::new()
    };
    // Segments between break opportunities, with their glyphs.
    let mut bounds = vec![0];
    bounds.extend(breaks.iter().copied());
    bounds.push(text.len());
    let mut segments: Vec<(Range<usize>, Range<usize>)> = Vec::new(); // text range, glyph range
    let mut g = 0;
    for pair in bounds.windows(2) {
        let (Some(&a), Some(&b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let start = g;
        while shaped
            .glyphs
            .get(g)
            .is_some_and(|pg| pg.glyph.cluster.start < b)
        {
            g += 1;
        }
        segments.push((a..b, start..g));
    }
    let advance = |r: &Range<usize>| -> f32 {
        shaped
            .glyphs
            .get(r.clone())
            .unwrap_or_default()
            .iter()
            .map(|p| p.glyph.x_advance)
            .sum()
    };
    // Trailing spaces of a segment do not count at the end of a line.
    let trimmed = |seg: &(Range<usize>, Range<usize>)| -> Range<usize> {
        let mut end = seg.1.end;
        while end > seg.1.start
            && shaped
                .glyphs
                .get(end - 1)
                .and_then(|p| text.get(p.glyph.cluster.clone()))
                .is_some_and(|t| t.chars().all(char::is_whitespace))
        {
            end -= 1;
        }
        seg.1.start..end
    };
    let forced = |seg: &(Range<usize>, Range<usize>)| {
        text.get(seg.0.clone()).is_some_and(|t| t.ends_with('\n'))
    };

    // The paragraph as Knuth–Plass items: each segment a box; the spaces
    // after it (or, between Japanese characters, nothing) a glue where the
    // line may break; a forced break after a line end.
    // The owner of each item: its segment and, for a box, its glyphs.
    let mut items: Vec<KpItem> = Vec::with_capacity(segments.len() * 2 + 3);
    let mut owner: Vec<Option<(usize, Range<usize>)>> = Vec::with_capacity(segments.len() * 2 + 3);
    for (k, seg) in segments.iter().enumerate() {
        let body = trimmed(seg);
        let space_width = advance(&(body.end..seg.1.end));
        // A word with hyphenation points is a box per syllable, with a
        // flagged penalty as wide as a hyphen between them.
        let mut start = body.start;
        for gi in body.clone().skip(1) {
            let Some(p) = shaped.glyphs.get(gi) else {
                continue;
            };
            let at = p.glyph.cluster.start;
            let starts_cluster = shaped
                .glyphs
                .get(gi - 1)
                .is_some_and(|q| q.glyph.cluster.start < at);
            if starts_cluster
                && hyphen_points.get(at).copied().unwrap_or(false)
                && let Some((hyphen, _)) = hyphen_glyph(fonts, p)
            {
                items.push(KpItem::Box {
                    width: f64::from(advance(&(start..gi))),
                });
                owner.push(Some((k, start..gi)));
                items.push(KpItem::Penalty {
                    width: f64::from(hyphen.glyph.x_advance),
                    penalty: 50.0,
                    flagged: true,
                });
                owner.push(Some((k, gi..gi)));
                start = gi;
            }
        }
        items.push(KpItem::Box {
            width: f64::from(advance(&(start..body.end))),
        });
        owner.push(Some((k, start..body.end)));
        let last = k + 1 == segments.len();
        if forced(seg) {
            items.extend(KpItem::paragraph_end());
            owner.extend([None, None, None]);
        } else if !last {
            let (stretch, shrink) = if space_width > 0.0 {
                (space_width * 0.5, space_width / 3.0)
            } else {
                // Between Japanese characters: a quarter of the last one.
                let last_char = shaped
                    .glyphs
                    .get(body.end.saturating_sub(1))
                    .map_or(0.0, |p| p.glyph.x_advance);
                (last_char * 0.25, 0.0)
            };
            items.push(KpItem::Glue {
                width: f64::from(space_width),
                stretch: f64::from(stretch),
                shrink: f64::from(shrink),
            });
            owner.push(Some((k, body.end..body.end)));
        }
    }
    items.extend(KpItem::paragraph_end());
    owner.extend([None, None, None]);
    let options = if justify {
        BreakOptions::default()
    } else {
        BreakOptions::ragged_right(f64::from(width) * 0.3)
    };
    let kp_lines = break_paragraph(
        &items,
        |n| f64::from(if n == 0 { first_width } else { width }),
        &options,
    );

    let mut out = Vec::with_capacity(kp_lines.len());
    for line in &kp_lines {
        let mut x = 0.0f32;
        let mut placed = Vec::new();
        let range = line.items.clone();
        let last_box = range
            .clone()
            .rev()
            .find(|&i| matches!(items.get(i), Some(KpItem::Box { .. })));
        let mut started = false;
        for i in range {
            let Some(item) = items.get(i) else {
                continue;
            };
            match item {
                KpItem::Box { .. } => {
                    started = true;
                    let Some((_, glyphs)) = owner.get(i).cloned().flatten() else {
                        continue;
                    };
                    for gi in glyphs {
                        let Some(p) = shaped.glyphs.get(gi) else {
                            continue;
                        };
                        let is_break = text.get(p.glyph.cluster.clone()).is_some_and(|t| t == "\n");
                        if !is_break {
                            placed.push((gi, x));
                        }
                        x += p.glyph.x_advance;
                    }
                }
                KpItem::Glue { .. } if started && Some(i) < last_box => {
                    // The spaces are drawn too (stretched or shrunk by the
                    // justification), so the text copies and reads aloud
                    // with its word spaces.
                    if let Some(seg) = owner
                        .get(i)
                        .cloned()
                        .flatten()
                        .and_then(|(k, _)| segments.get(k))
                    {
                        for gi in trimmed(seg).end..seg.1.end {
                            let is_break = shaped
                                .glyphs
                                .get(gi)
                                .and_then(|p| text.get(p.glyph.cluster.clone()))
                                .is_some_and(|t| t == "\n");
                            if !is_break {
                                placed.push((gi, x));
                                break;
                            }
                        }
                    }
                    x += line.set_width(item) as f32;
                }
                _ => {}
            }
        }
        // A line broken at a hyphenation point ends with a hyphen in the
        // face of the syllable before it.
        let mut hyphen = None;
        if line.hyphenated
            && let Some(p) = placed.last().and_then(|&(gi, _)| shaped.glyphs.get(gi))
            && let Some((glyph, _)) = hyphen_glyph(fonts, p)
        {
            let advance = glyph.glyph.x_advance;
            hyphen = Some((glyph, x));
            x += advance;
        }
        out.push(Line {
            glyphs: placed,
            width: x,
            hyphen,
        });
    }
    out
}

/// A hyphen in the face, size and colour of `like`, its cluster just past
/// the paragraph's text (where [`Flow::set_lines`] gives runs a `-`), and
/// its width.
pub(super) fn hyphen_glyph(fonts: &Fonts, like: &PlacedGlyph) -> Option<(PlacedGlyph, f32)> {
    let face = fonts.faces.get(like.face)?;
    let glyph_id = face.glyph_for_char('-')?;
    let units = face.advance(glyph_id);
    let upem = f32::from(face.units_per_em().max(1));
    let x_advance = units * like.size / upem;
    Some((
        PlacedGlyph {
            face: like.face,
            size: like.size,
            color: like.color,
            glyph: ShapedGlyph {
                glyph_id,
                x_advance,
                x_offset: 0.0,
                y_offset: 0.0,
                x_advance_units: units.round() as i32,
                x_offset_units: 0,
                cluster: usize::MAX..usize::MAX,
            },
        },
        x_advance,
    ))
}

// ---------------------------------------------------------------------------
// Page flow
