//! Breaking a paragraph into lines for the PDF layout.
//!
//! The module is pure and font-independent: the caller shapes text with its
//! real fonts and hands over widths (in points, or any unit as long as it is
//! the same everywhere); the module decides where the lines break and how
//! much each line's spaces stretch or shrink. It has two layers.
//!
//! * [`break_paragraph`] is the Knuth–Plass total-fit algorithm over the
//!   classic primitives, [`Item::Box`], [`Item::Glue`] and
//!   [`Item::Penalty`]: it chooses the breaks that minimise the sum of the
//!   lines' demerits over the whole paragraph, not line by line.
//! * [`itemize`] turns styled text ([`Fragment`]s) into those items, with
//!   the break opportunities of Unicode's line breaking algorithm (UAX #14,
//!   via `unicode-linebreak`), the Japanese kinsoku rules on top of it,
//!   ranges the caller protects from breaking (amounts such as
//!   "JPY10.6 billion ($89.0 million)" or "106億円", tickers) and optional
//!   English hyphenation (via `hypher`).
//!
//! # Design
//!
//! **Passes.** A first pass accepts lines whose adjustment ratio is at most
//! [`BreakOptions::tolerance`]. If no set of breaks keeps every line within
//! it, a second pass tries [`BreakOptions::retry_tolerance`]. A last,
//! emergency pass accepts any line that is not overfull however loose, and
//! when a point is reached where every candidate line would be overfull
//! (a word or URL wider than the line) it breaks there anyway from the
//! latest possible start, so the too-wide item gets a line of its own,
//! marked [`Line::overfull`]. The emergency pass always finds breaks, so
//! [`break_paragraph`] never fails; each pass is one walk over the items.
//!
//! **Cost.** Each pass looks at every breakpoint once, against the active
//! candidates for the line ending there (about one per breakpoint in a
//! line's width, times the fitness classes that are worth keeping). Breaks
//! reached with different line numbers are kept apart only while the lines
//! ahead differ in width (`line_widths` is asked for as many lines as there
//! are breakpoints to find out), so an indented first line costs next to
//! nothing. `benches/linebreak.rs` times a 300-word English paragraph and
//! 600 Japanese characters.
//!
//! **Ragged right.** [`Alignment::RaggedRight`] gives every line the same
//! stretchability (the `stretch` it carries) at its end and no shrink, and
//! sets the spaces at their natural width ([`Line::ratio`] is 0). This is
//! TeX's `\raggedright` (`\rightskip` of `0pt plus stretch`, rigid spaces),
//! and it is what the Knuth–Plass paper's ragged-right item sequence
//! (`glue(0, γ, 0) penalty(0) glue(w, −γ, 0)` for each space) computes for
//! breaks at spaces, without tripling the items and with the same stretch
//! at hyphen and CJK breaks. Breaking as if justified and then setting the
//! spaces at their natural width was rejected: lines chosen with shrunk
//! spaces would then stick out of the measure.
//!
//! **CJK.** Japanese has no spaces: every character is its own box, and
//! between two characters (or a character and adjacent Latin text) there is
//! a glue of width 0 that stretches by [`ItemizeOptions::cjk_stretch`] times
//! the character's width (a quarter of a full-width character by default) and
//! does not shrink, so Japanese lines can be justified by spreading the
//! characters. Where the break is forbidden (kinsoku, protected ranges,
//! UAX #14) the glue is preceded by an infinite penalty, so the spacing stays
//! uniform across the line.
//!
//! **Kinsoku.** On top of UAX #14 a line never starts with closing brackets
//! and quotes, `、。，．・：；？！ー`, iteration marks `ゝゞヽヾ々` or small kana,
//! and never ends with an opening bracket: such break opportunities are
//! removed, as are those inside a run of full-width digits or letters
//! ("２０２４"). The rules hold for both [`Lang`]s, since they only concern
//! CJK characters and punctuation. `unicode-linebreak` resolves the
//! conditional Japanese starters (small kana, `ー`) as non-starters, the
//! strict rule, so UAX #14 already forbids most of these breaks; the
//! tailoring makes the list hold whatever the UAX #14 tables say.
//!
//! # Example
//!
//! ```
//! use relkit::pdf::linebreak::{
//!     BreakOptions, Fragment, ItemizeOptions, Lang, break_paragraph, itemize,
//! };
//!
//! // Monospaced: every character is 6 points wide.
//! let mut measure = |text: &str, _style: ()| 6.0 * text.chars().count() as f64;
//! let text = "Net sales rose 12% to JPY10.6 billion ($89.0 million), driven by strong demand.";
//! let amount = text.find("JPY").unwrap_or(0);
//! let protected = [amount..amount + "JPY10.6 billion ($89.0 million)".len()];
//! let fragments = [Fragment { text, style: () }];
//! let options = ItemizeOptions::new(Lang::En);
//! let paragraph = itemize(&fragments, &protected, &mut measure, &options);
//! let lines = break_paragraph(&paragraph.items, |_| 150.0, &BreakOptions::default());
//! let texts: Vec<&str> = lines.iter().map(|line| paragraph.line_text(line)).collect();
//! assert_eq!(
//!     texts,
//!     ["Net sales rose 12% to", "JPY10.6 billion ($89.0 million),", "driven by strong demand."],
//! );
//! // Justified: the first line's three spaces stretch to twice their
//! // stretchability (3 points each) to fill 150 points.
//! assert_eq!(lines[0].ratio, 2.0);
//! ```

use std::ops::Range;

use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};

/// A penalty at or above this value forbids a break there; one at or below
/// its negation forces a break (TeX's convention).
pub const INFINITE_PENALTY: f64 = 10_000.0;

/// The largest badness. TeX caps badness at 10 000 (a ratio of about 2.15);
/// the cap is higher here so that emergency-pass lines are still told
/// apart by how loose they are.
const MAX_BADNESS: f64 = 1.0e6;

/// Relative slack for comparing widths computed by floating-point sums.
const EPSILON: f64 = 1.0e-9;

// ---------------------------------------------------------------------------
// Knuth–Plass primitives
// ---------------------------------------------------------------------------

/// A piece of a paragraph, already measured by the caller.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    /// Material that is never broken or resized: a word, a syllable, a CJK
    /// character.
    Box {
        /// The width of the material.
        width: f64,
    },
    /// Space that can stretch and shrink. A line may break at a glue that
    /// directly follows a box; the glue then disappears, as does any glue or
    /// penalty at the start of the next line.
    Glue {
        /// The natural width.
        width: f64,
        /// How much the glue can grow (at an adjustment ratio of 1);
        /// `f64::INFINITY` makes it finishing glue (it takes any slack).
        stretch: f64,
        /// How much the glue can shrink (at an adjustment ratio of −1).
        shrink: f64,
    },
    /// A possible break with a cost.
    Penalty {
        /// Material typeset at the end of the line only if the line breaks
        /// here (a hyphen); nothing otherwise.
        width: f64,
        /// The cost of breaking here: at least [`INFINITE_PENALTY`] forbids
        /// the break, at most −[`INFINITE_PENALTY`] forces it.
        penalty: f64,
        /// Marks hyphen breaks: two flagged breaks in a row cost
        /// [`BreakOptions::flagged_demerits`] more.
        flagged: bool,
    },
}

impl Item {
    /// Glue that takes all the slack of the line it ends (ragged last line).
    pub fn finishing_glue() -> Self {
        Item::Glue {
            width: 0.0,
            stretch: f64::INFINITY,
            shrink: 0.0,
        }
    }

    /// The end of a paragraph, as in TeX: a penalty that forbids breaking
    /// before the finishing glue, the finishing glue (the last line is
    /// ragged) and a forced break.
    pub fn paragraph_end() -> [Self; 3] {
        [
            Item::Penalty {
                width: 0.0,
                penalty: INFINITE_PENALTY,
                flagged: false,
            },
            Item::finishing_glue(),
            Item::forced_break(),
        ]
    }

    /// A penalty that forces a break.
    pub fn forced_break() -> Self {
        Item::Penalty {
            width: 0.0,
            penalty: -INFINITE_PENALTY,
            flagged: false,
        }
    }

    /// The natural width of the item (for a penalty, the width it adds when
    /// the line breaks at it).
    pub fn width(&self) -> f64 {
        match *self {
            Item::Box { width } | Item::Glue { width, .. } | Item::Penalty { width, .. } => width,
        }
    }

    /// The same item with values the algorithm can compute with: no NaN,
    /// finite widths, non-negative shrink, penalties within ±infinity.
    fn sanitized(self) -> Self {
        match self {
            Item::Box { width } => Item::Box {
                width: finite_or_zero(width),
            },
            Item::Glue {
                width,
                stretch,
                shrink,
            } => Item::Glue {
                width: finite_or_zero(width),
                stretch: if stretch == f64::INFINITY {
                    f64::INFINITY
                } else {
                    finite_or_zero(stretch)
                },
                shrink: finite_or_zero(shrink).max(0.0),
            },
            Item::Penalty {
                width,
                penalty,
                flagged,
            } => Item::Penalty {
                width: finite_or_zero(width),
                penalty: if penalty.is_nan() {
                    0.0
                } else {
                    penalty.clamp(-INFINITE_PENALTY, INFINITE_PENALTY)
                },
                flagged,
            },
        }
    }
}

fn finite_or_zero(value: f64) -> f64 {
    if value.is_finite() { value } else { 0.0 }
}

/// How the lines are set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Alignment {
    /// Every line but the last (and those ending at a forced break) fills
    /// the measure: glue stretches or shrinks by the line's ratio.
    Justified,
    /// Spaces keep their natural width and lines end short. Each line is
    /// judged as if it ended with glue of this much stretch (TeX's
    /// `\raggedright` uses 2 em); smaller values make the right edge more
    /// even at the cost of more hyphens.
    RaggedRight {
        /// Stretchability at each line end, in the caller's width unit.
        stretch: f64,
    },
}

/// Parameters of [`break_paragraph`]. The demerit values are TeX's
/// defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakOptions {
    /// Justified or ragged right.
    pub alignment: Alignment,
    /// The largest adjustment ratio the first pass accepts (2.0: spaces at
    /// most three times their stretch wider; badness 800).
    pub tolerance: f64,
    /// The largest ratio the second pass accepts when the first finds no
    /// breaks (5.0); after it comes the emergency pass (see the module
    /// documentation).
    pub retry_tolerance: f64,
    /// Added to each line's badness before squaring (TeX's `\linepenalty`,
    /// 10): the higher, the fewer lines.
    pub line_penalty: f64,
    /// Extra demerits for two hyphenated lines in a row (TeX's
    /// `\doublehyphendemerits`, 10 000).
    pub flagged_demerits: f64,
    /// Extra demerits for a hyphen at the end of the line before a forced
    /// break, such as the paragraph's last line (TeX's
    /// `\finalhyphendemerits`, 5 000).
    pub final_hyphen_demerits: f64,
    /// Extra demerits when a line's fitness class (tight, decent, loose,
    /// very loose) is not next to the previous line's (TeX's `\adjdemerits`,
    /// 10 000).
    pub fitness_demerits: f64,
}

impl Default for BreakOptions {
    fn default() -> Self {
        Self {
            alignment: Alignment::Justified,
            tolerance: 2.0,
            retry_tolerance: 5.0,
            line_penalty: 10.0,
            flagged_demerits: 10_000.0,
            final_hyphen_demerits: 5_000.0,
            fitness_demerits: 10_000.0,
        }
    }
}

impl BreakOptions {
    /// Ragged-right options with the given line-end stretchability and the
    /// other values at their defaults.
    pub fn ragged_right(stretch: f64) -> Self {
        Self {
            alignment: Alignment::RaggedRight { stretch },
            ..Self::default()
        }
    }

    /// The same options with values the algorithm can compute with.
    fn sanitized(&self) -> Self {
        let non_negative = |value: f64| finite_or_zero(value).max(0.0);
        let tolerance = if self.tolerance.is_nan() {
            0.0
        } else {
            self.tolerance.max(0.0)
        };
        let retry_tolerance = if self.retry_tolerance.is_nan() {
            tolerance
        } else {
            self.retry_tolerance.max(tolerance)
        };
        Self {
            alignment: match self.alignment {
                Alignment::Justified => Alignment::Justified,
                Alignment::RaggedRight { stretch } => Alignment::RaggedRight {
                    stretch: non_negative(stretch),
                },
            },
            tolerance,
            retry_tolerance,
            line_penalty: finite_or_zero(self.line_penalty),
            flagged_demerits: non_negative(self.flagged_demerits),
            final_hyphen_demerits: non_negative(self.final_hyphen_demerits),
            fitness_demerits: non_negative(self.fitness_demerits),
        }
    }
}

/// One line of a broken paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The items set on the line: the glue and penalties discarded at the
    /// start of the line are left out, and so is the item the line breaks
    /// at.
    pub items: Range<usize>,
    /// The index of the glue or penalty the line ends at, or the number of
    /// items when the items do not end with a forced break (the end of the
    /// paragraph acts as one).
    pub break_at: usize,
    /// The width the line was set to (the `line_widths` of its number).
    pub width: f64,
    /// The width of the line's items at their natural size, including the
    /// hyphen when the line ends at a hyphenation penalty.
    pub natural_width: f64,
    /// The adjustment ratio: each glue on the line is set at
    /// `width + ratio × stretch` when `ratio ≥ 0` and `width + ratio × shrink`
    /// otherwise (see [`Line::set_width`]). Never below −1; 0 in ragged-right
    /// mode, on lines with finishing glue that fit, and on lines with nothing
    /// to stretch; above the tolerance only after the emergency pass.
    pub ratio: f64,
    /// The line ends at a flagged penalty of non-zero width (a hyphenation
    /// point): the caller draws that penalty's material, a hyphen, at the end
    /// of the line. An explicit hyphen already in the text gives `false`.
    pub hyphenated: bool,
    /// The items do not fit even at full shrink (something wider than the
    /// line that could not be broken).
    pub overfull: bool,
}

impl Line {
    /// The width `item` takes when this line is set: boxes as they are, glue
    /// adjusted by [`Line::ratio`] (finishing glue at its natural width: it
    /// only fills the rest of the line), penalties inside the line nothing.
    pub fn set_width(&self, item: &Item) -> f64 {
        match *item {
            Item::Box { width } => width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                if self.ratio >= 0.0 {
                    if stretch.is_finite() {
                        width + self.ratio * stretch
                    } else {
                        width
                    }
                } else {
                    width + self.ratio * shrink
                }
            }
            Item::Penalty { .. } => 0.0,
        }
    }
}

/// Breaks a paragraph into lines with the Knuth–Plass total-fit algorithm.
///
/// `line_widths(n)` is the width of line `n` (from 0), so the first line
/// can be indented or narrower. A forced break (a penalty of at most
/// −[`INFINITE_PENALTY`]) always ends a line; the end of `items` acts as a
/// forced break when the items do not end with one. For a ragged last line
/// end the items with [`Item::paragraph_end`], as [`itemize`] does (and
/// each forced break inside the paragraph too: without the infinite penalty
/// before the finishing glue a line could end at that glue, leaving an empty
/// line).
///
/// Never fails: when the paragraph cannot be set within the tolerances the
/// emergency pass produces loose or overfull lines (see the module
/// documentation). An empty slice gives no lines. The work is proportional
/// to the number of items times the number of active break candidates,
/// which a line's width bounds.
pub fn break_paragraph(
    items: &[Item],
    line_widths: impl Fn(usize) -> f64,
    options: &BreakOptions,
) -> Vec<Line> {
    if items.is_empty() {
        return Vec::new();
    }
    let mut breaker = Breaker::new(items, line_widths, options.sanitized());
    let passes = [
        (breaker.options.tolerance, false),
        (breaker.options.retry_tolerance, false),
        (f64::INFINITY, true),
    ];
    for (tolerance, emergency) in passes {
        if let Some((nodes, end)) = breaker.run_pass(tolerance, emergency) {
            return breaker.lines(&nodes, end);
        }
    }
    // The emergency pass always finds breaks; should it ever not, set the
    // whole paragraph as one (overfull) line rather than fail.
    breaker.single_line()
}

/// Sums of item dimensions, kept as prefix sums over the items.
#[derive(Clone, Copy, Debug, Default)]
struct Totals {
    width: f64,
    stretch: f64,
    shrink: f64,
    /// The number of glues with infinite stretch.
    fil: usize,
}

impl Totals {
    fn plus(self, item: &Item) -> Self {
        match *item {
            Item::Box { width } => Self {
                width: self.width + width,
                ..self
            },
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                let (stretch, fil) = if stretch.is_finite() {
                    (self.stretch + stretch, self.fil)
                } else {
                    (self.stretch, self.fil + 1)
                };
                Self {
                    width: self.width + width,
                    stretch,
                    shrink: self.shrink + shrink,
                    fil,
                }
            }
            Item::Penalty { .. } => self,
        }
    }

    fn minus(self, other: Self) -> Self {
        Self {
            width: self.width - other.width,
            stretch: self.stretch - other.stretch,
            shrink: self.shrink - other.shrink,
            fil: self.fil.saturating_sub(other.fil),
        }
    }
}

/// A place where a line may end.
#[derive(Clone, Copy, Debug)]
struct Breakpoint {
    index: usize,
    /// Width added to the line when it ends here (a hyphen).
    width: f64,
    penalty: f64,
    flagged: bool,
    forced: bool,
}

/// How loose or tight a line is; adjacent lines should not differ by more
/// than one class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fitness {
    Tight = 0,
    Decent = 1,
    Loose = 2,
    VeryLoose = 3,
}

impl Fitness {
    fn of(ratio: f64) -> Self {
        if ratio < -0.5 {
            Fitness::Tight
        } else if ratio <= 0.5 {
            Fitness::Decent
        } else if ratio <= 1.0 {
            Fitness::Loose
        } else {
            Fitness::VeryLoose
        }
    }

    fn far_from(self, other: Self) -> bool {
        (self as i8 - other as i8).abs() > 1
    }
}

/// A feasible break (or the paragraph's start) reached by the best path of
/// its kind.
#[derive(Clone, Copy, Debug)]
struct Node {
    /// The break item; `None` for the paragraph's start.
    break_at: Option<usize>,
    /// The first item of the line that starts after this break.
    content_start: usize,
    /// The number of lines before this break.
    line: usize,
    fitness: Fitness,
    total_demerits: f64,
    previous: Option<usize>,
    /// The break is at a flagged penalty.
    flagged: bool,
}

/// The best way found so far, at one breakpoint, to end a line of a line
/// class (its number, or `uniform_from` for all the lines from there on) in
/// a fitness class.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    line: usize,
    class: usize,
    fitness: Fitness,
    total_demerits: f64,
    previous: usize,
}

/// Measurements of the line from a node to a breakpoint.
#[derive(Clone, Copy, Debug)]
struct LineFit {
    natural: f64,
    target: f64,
    /// May be infinite: `+∞` when the line is short with nothing to
    /// stretch, `−∞` when it is long with nothing to shrink.
    ratio: f64,
}

impl LineFit {
    fn overfull(&self) -> bool {
        self.ratio < -1.0 - EPSILON
    }
}

struct Breaker<F> {
    items: Vec<Item>,
    /// `prefix[i]` sums the items before index `i`.
    prefix: Vec<Totals>,
    /// The index of the paragraph's final break: the last item when it is a
    /// forced break, otherwise the number of items (an implicit one).
    end: usize,
    line_widths: F,
    /// `line_widths` of each line number asked so far.
    widths: Vec<f64>,
    /// From this line number on every line the paragraph can have is as
    /// wide: breaks reached with different line numbers from here on have
    /// the same future, so only the best of them needs to be kept.
    uniform_from: usize,
    options: BreakOptions,
}

impl<F: Fn(usize) -> f64> Breaker<F> {
    fn new(items: &[Item], line_widths: F, options: BreakOptions) -> Self {
        let items: Vec<Item> = items.iter().map(|item| item.sanitized()).collect();
        let mut prefix = Vec::with_capacity(items.len() + 1);
        let mut running = Totals::default();
        prefix.push(running);
        for item in &items {
            running = running.plus(item);
            prefix.push(running);
        }
        let end = match items.last() {
            Some(Item::Penalty { penalty, .. }) if *penalty <= -INFINITE_PENALTY => items.len() - 1,
            _ => items.len(),
        };
        let mut breaker = Self {
            items,
            prefix,
            end,
            line_widths,
            widths: Vec::new(),
            uniform_from: 0,
            options,
        };
        // A paragraph has at most one line per breakpoint, so the widths of
        // that many lines are all the widths that can matter.
        let most_lines = (0..=breaker.end)
            .filter(|&index| breaker.breakpoint(index).is_some())
            .count();
        let last_line = most_lines.saturating_sub(1);
        let last_width = breaker.line_width(last_line);
        breaker.uniform_from = (0..=last_line)
            .rev()
            .take_while(|&line| breaker.widths.get(line) == Some(&last_width))
            .last()
            .unwrap_or(last_line);
        breaker
    }

    /// The class of a line number for comparing breaks (see
    /// `uniform_from`).
    fn line_class(&self, line: usize) -> usize {
        line.min(self.uniform_from)
    }

    fn line_width(&mut self, line: usize) -> f64 {
        while self.widths.len() <= line {
            let width = (self.line_widths)(self.widths.len());
            let width = if width.is_nan() {
                0.0
            } else {
                width.clamp(0.0, f64::MAX)
            };
            self.widths.push(width);
        }
        self.widths.get(line).copied().unwrap_or(0.0)
    }

    fn totals(&self, from: usize, to: usize) -> Totals {
        let at = |index: usize| self.prefix.get(index).copied().unwrap_or_default();
        at(to).minus(at(from))
    }

    /// The breakpoint at item `index`, if a line may end there.
    fn breakpoint(&self, index: usize) -> Option<Breakpoint> {
        if index == self.items.len() {
            return (self.end == index).then_some(Breakpoint {
                index,
                width: 0.0,
                penalty: -INFINITE_PENALTY,
                flagged: false,
                forced: true,
            });
        }
        match *self.items.get(index)? {
            Item::Box { .. } => None,
            Item::Glue { .. } => {
                let after_box = index
                    .checked_sub(1)
                    .and_then(|previous| self.items.get(previous))
                    .is_some_and(|item| matches!(item, Item::Box { .. }));
                after_box.then_some(Breakpoint {
                    index,
                    width: 0.0,
                    penalty: 0.0,
                    flagged: false,
                    forced: false,
                })
            }
            Item::Penalty {
                width,
                penalty,
                flagged,
            } => (penalty < INFINITE_PENALTY).then_some(Breakpoint {
                index,
                width,
                penalty,
                flagged,
                forced: penalty <= -INFINITE_PENALTY,
            }),
        }
    }

    /// The first item of a line that starts after a break at `break_at`
    /// (`None`: the paragraph's start): glue and penalties are discarded up
    /// to the next box or forced break.
    fn content_start(&self, break_at: Option<usize>) -> usize {
        let mut index = break_at.map_or(0, |at| at + 1);
        while let Some(item) = self.items.get(index) {
            match *item {
                Item::Box { .. } => break,
                Item::Penalty { penalty, .. } if penalty <= -INFINITE_PENALTY => break,
                Item::Glue { .. } | Item::Penalty { .. } => index += 1,
            }
        }
        index.min(self.items.len())
    }

    fn fit(&mut self, from: &Node, breakpoint: &Breakpoint) -> LineFit {
        let start = from.content_start;
        let totals = if breakpoint.index > start {
            self.totals(start, breakpoint.index)
        } else {
            Totals::default()
        };
        let natural = totals.width + breakpoint.width;
        let target = self.line_width(from.line);
        let (stretch, shrink) = match self.options.alignment {
            Alignment::Justified => (totals.stretch, totals.shrink),
            Alignment::RaggedRight { stretch } => (stretch, 0.0),
        };
        let empty = breakpoint.index <= start;
        let ratio = if empty && breakpoint.forced {
            // An empty line before a forced break (two line breaks in a
            // row) is fine as it is.
            0.0
        } else {
            adjustment_ratio(natural, target, stretch, shrink, totals.fil > 0)
        };
        LineFit {
            natural,
            target,
            ratio,
        }
    }

    fn demerits(&self, ratio: f64, breakpoint: &Breakpoint, from: &Node) -> f64 {
        let base = (self.options.line_penalty + badness(ratio)).powi(2);
        let penalty = breakpoint.penalty;
        let mut demerits = if breakpoint.forced {
            base
        } else if penalty >= 0.0 {
            base + penalty * penalty
        } else {
            base - penalty * penalty
        };
        if breakpoint.flagged && from.flagged {
            demerits += self.options.flagged_demerits;
        }
        if breakpoint.forced && from.flagged {
            demerits += self.options.final_hyphen_demerits;
        }
        demerits
    }

    /// One pass of the algorithm: the node array and the index of the best
    /// node at the final break, or `None` when no breaks keep every line
    /// within `tolerance` (never in the emergency pass).
    fn run_pass(&mut self, tolerance: f64, emergency: bool) -> Option<(Vec<Node>, usize)> {
        let mut nodes = vec![Node {
            break_at: None,
            content_start: self.content_start(None),
            line: 0,
            fitness: Fitness::Decent,
            total_demerits: 0.0,
            previous: None,
            flagged: false,
        }];
        let mut active: Vec<usize> = vec![0];
        let mut still_active: Vec<usize> = Vec::new();
        let mut candidates: Vec<Candidate> = Vec::new();

        for index in 0..=self.end {
            let Some(breakpoint) = self.breakpoint(index) else {
                continue;
            };
            candidates.clear();
            still_active.clear();
            // The node an overfull line would start from if every line
            // ending here is overfull: the latest one.
            let mut latest_deactivated: Option<usize> = None;

            for &node_index in &active {
                let Some(node) = nodes.get(node_index).copied() else {
                    continue;
                };
                if breakpoint.index < node.content_start {
                    // A penalty discarded at the start of this node's line.
                    still_active.push(node_index);
                    continue;
                }
                let fit = self.fit(&node, &breakpoint);
                let overfull = fit.overfull();
                if overfull || breakpoint.forced {
                    let later = latest_deactivated
                        .and_then(|latest| nodes.get(latest))
                        .is_none_or(|latest| {
                            node.content_start > latest.content_start
                                || (node.content_start == latest.content_start
                                    && node.total_demerits < latest.total_demerits)
                        });
                    if later {
                        latest_deactivated = Some(node_index);
                    }
                } else {
                    still_active.push(node_index);
                }
                if overfull || fit.ratio > tolerance {
                    continue;
                }
                let fitness = Fitness::of(fit.ratio);
                let mut demerits = self.demerits(fit.ratio, &breakpoint, &node);
                if fitness.far_from(node.fitness) {
                    demerits += self.options.fitness_demerits;
                }
                record(
                    &mut candidates,
                    Candidate {
                        line: node.line + 1,
                        class: self.line_class(node.line + 1),
                        fitness,
                        total_demerits: node.total_demerits + demerits,
                        previous: node_index,
                    },
                );
            }

            if candidates.is_empty() && still_active.is_empty() {
                if !emergency {
                    return None;
                }
                // Every line ending here is overfull: break anyway, from the
                // latest start, so that whatever is too wide gets a line of
                // its own (TeX's artificial demerits).
                let node_index = latest_deactivated?;
                let node = nodes.get(node_index).copied()?;
                candidates.push(Candidate {
                    line: node.line + 1,
                    class: self.line_class(node.line + 1),
                    fitness: Fitness::Tight,
                    total_demerits: node.total_demerits,
                    previous: node_index,
                });
            }

            std::mem::swap(&mut active, &mut still_active);
            let content_start = self.content_start(Some(index));
            for candidate in &candidates {
                let best_for_line = candidates
                    .iter()
                    .filter(|other| other.class == candidate.class)
                    .map(|other| other.total_demerits)
                    .fold(f64::INFINITY, f64::min);
                // A candidate more than one fitness step's demerits worse than
                // the best ending the same line here can never lead to a better
                // paragraph.
                if candidate.total_demerits > best_for_line + self.options.fitness_demerits {
                    continue;
                }
                active.push(nodes.len());
                nodes.push(Node {
                    break_at: Some(index),
                    content_start,
                    line: candidate.line,
                    fitness: candidate.fitness,
                    total_demerits: candidate.total_demerits,
                    previous: Some(candidate.previous),
                    flagged: breakpoint.flagged,
                });
            }
            if active.is_empty() {
                return None;
            }
        }

        // After the final (forced) break only the nodes created there remain.
        let best = active
            .iter()
            .copied()
            .filter(|&node_index| {
                nodes
                    .get(node_index)
                    .is_some_and(|node| node.break_at == Some(self.end))
            })
            .min_by(|&a, &b| {
                let demerits = |index: usize| {
                    nodes
                        .get(index)
                        .map_or(f64::INFINITY, |node| node.total_demerits)
                };
                demerits(a).total_cmp(&demerits(b))
            })?;
        Some((nodes, best))
    }

    /// The lines of the path ending at node `end`.
    fn lines(&mut self, nodes: &[Node], end: usize) -> Vec<Line> {
        let mut path = Vec::new();
        let mut current = nodes.get(end);
        while let Some(node) = current {
            path.push(*node);
            current = node.previous.and_then(|previous| nodes.get(previous));
        }
        path.reverse();
        let mut lines = Vec::with_capacity(path.len().saturating_sub(1));
        for pair in path.windows(2) {
            let [from, to] = pair else {
                continue;
            };
            let Some(breakpoint) = to.break_at.and_then(|index| self.breakpoint(index)) else {
                continue;
            };
            lines.push(self.line(from, &breakpoint));
        }
        lines
    }

    fn line(&mut self, from: &Node, breakpoint: &Breakpoint) -> Line {
        let fit = self.fit(from, breakpoint);
        let ratio = match self.options.alignment {
            Alignment::RaggedRight { .. } => 0.0,
            Alignment::Justified if fit.ratio.is_finite() => fit.ratio.max(-1.0),
            Alignment::Justified => 0.0,
        };
        Line {
            items: from.content_start.min(breakpoint.index)..breakpoint.index,
            break_at: breakpoint.index,
            width: fit.target,
            natural_width: fit.natural,
            ratio,
            hyphenated: breakpoint.flagged && breakpoint.width != 0.0 && !breakpoint.forced,
            overfull: fit.overfull(),
        }
    }

    /// Every item on one line: the last resort, should every pass fail.
    fn single_line(&mut self) -> Vec<Line> {
        let start = Node {
            break_at: None,
            content_start: self.content_start(None),
            line: 0,
            fitness: Fitness::Decent,
            total_demerits: 0.0,
            previous: None,
            flagged: false,
        };
        let breakpoint = Breakpoint {
            index: self.end,
            width: 0.0,
            penalty: -INFINITE_PENALTY,
            flagged: false,
            forced: true,
        };
        vec![self.line(&start, &breakpoint)]
    }
}

/// Keeps the best candidate per line class and fitness class.
fn record(candidates: &mut Vec<Candidate>, candidate: Candidate) {
    match candidates
        .iter_mut()
        .find(|other| other.class == candidate.class && other.fitness == candidate.fitness)
    {
        Some(other) => {
            if candidate.total_demerits < other.total_demerits {
                *other = candidate;
            }
        }
        None => candidates.push(candidate),
    }
}

/// The ratio by which a line's glue must stretch (positive) or shrink
/// (negative) to reach `target`.
fn adjustment_ratio(natural: f64, target: f64, stretch: f64, shrink: f64, fil: bool) -> f64 {
    let shortfall = target - natural;
    if shortfall.abs() <= EPSILON * target.abs().max(1.0) {
        0.0
    } else if shortfall > 0.0 {
        if fil {
            0.0
        } else if stretch > 0.0 {
            shortfall / stretch
        } else {
            f64::INFINITY
        }
    } else if shrink > 0.0 {
        shortfall / shrink
    } else {
        f64::NEG_INFINITY
    }
}

/// Knuth's badness, 100 |r|³, capped.
fn badness(ratio: f64) -> f64 {
    let magnitude = ratio.abs();
    if magnitude.is_finite() {
        (100.0 * magnitude.powi(3)).min(MAX_BADNESS)
    } else {
        MAX_BADNESS
    }
}

// ---------------------------------------------------------------------------
// From text to items
// ---------------------------------------------------------------------------

/// The language of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English: words may be hyphenated (with [`ItemizeOptions::hyphenate`]).
    En,
    /// Japanese: never hyphenated (not even Latin words in it).
    Ja,
}

/// A run of text in one style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fragment<'a, S> {
    /// The text.
    pub text: &'a str,
    /// The style, opaque to this module: it is handed back to the caller's
    /// `measure` and in [`Source::style`].
    pub style: S,
}

/// Parameters of [`itemize`].
#[derive(Clone, Debug, PartialEq)]
pub struct ItemizeOptions {
    /// The paragraph's language.
    pub lang: Lang,
    /// Insert hyphenation points in English words (ignored for Japanese).
    pub hyphenate: bool,
    /// A space's stretch as a fraction of its width (0.5, as in TeX's fonts).
    pub space_stretch: f64,
    /// A space's shrink as a fraction of its width (1/3: "a little").
    pub space_shrink: f64,
    /// The stretch between two CJK characters as a fraction of the
    /// character's width (0.25: a quarter of a full-width character).
    pub cjk_stretch: f64,
    /// The shrink between two CJK characters as a fraction of the
    /// character's width (0: characters are not squeezed together).
    pub cjk_shrink: f64,
    /// The penalty of a hyphenation point (TeX's `\hyphenpenalty`, 50).
    pub hyphen_penalty: f64,
    /// The penalty of a break after a hyphen in the text (TeX's
    /// `\exhyphenpenalty`, 50).
    pub explicit_hyphen_penalty: f64,
    /// Only words of at least this many letters are hyphenated (7).
    pub min_hyphenated_letters: usize,
}

impl ItemizeOptions {
    /// The defaults for a language: hyphenation on for English.
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            hyphenate: lang == Lang::En,
            space_stretch: 0.5,
            space_shrink: 1.0 / 3.0,
            cjk_stretch: 0.25,
            cjk_shrink: 0.0,
            hyphen_penalty: 50.0,
            explicit_hyphen_penalty: 50.0,
            min_hyphenated_letters: 7,
        }
    }
}

/// Where an item comes from in the paragraph's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Source<S> {
    /// The byte range in [`Itemized::text`]: a box's text, the spaces of a
    /// space glue, the line break characters of a forced break, the soft
    /// hyphen of a soft-hyphen penalty; empty (where the item stands) for
    /// the glue between CJK characters, hyphenation and other penalties and
    /// finishing glue.
    pub range: Range<usize>,
    /// The style of the text (for a hyphenation penalty, of the text before
    /// it: the hyphen is drawn in it).
    pub style: S,
}

/// A paragraph turned into items.
#[derive(Clone, Debug, PartialEq)]
pub struct Itemized<S> {
    /// The fragments' text, concatenated.
    pub text: String,
    /// The items, for [`break_paragraph`].
    pub items: Vec<Item>,
    /// For each item (same index), where it comes from.
    pub sources: Vec<Source<S>>,
}

impl<S> Itemized<S> {
    /// The byte range of a line's text in [`Itemized::text`], from its first
    /// box to its last (without the hyphen of a hyphenated line); an empty
    /// range where the line breaks when it has no box.
    pub fn line_range(&self, line: &Line) -> Range<usize> {
        let boxes = |index: &usize| {
            matches!(self.items.get(*index), Some(Item::Box { .. }))
                .then(|| self.sources.get(*index))
                .flatten()
        };
        let first = line.items.clone().find_map(|index| boxes(&index));
        let last = line.items.clone().rev().find_map(|index| boxes(&index));
        match (first, last) {
            (Some(first), Some(last)) => first.range.start..last.range.end.max(first.range.start),
            _ => {
                let at = self
                    .sources
                    .get(line.break_at)
                    .map_or(self.text.len(), |source| source.range.start);
                at..at
            }
        }
    }

    /// A line's text (without the hyphen of a hyphenated line).
    pub fn line_text(&self, line: &Line) -> &str {
        self.text.get(self.line_range(line)).unwrap_or("")
    }
}

/// Turns styled text into measured items for [`break_paragraph`].
///
/// * Break opportunities are UAX #14's, over the concatenated text; line
///   break characters (LF, CR LF, VT, FF, NEL, U+2028, U+2029) force a break
///   and end their line with finishing glue. A line break at the very end
///   adds no empty line; text with nothing but spaces and line breaks gives
///   no items.
/// * Spaces become glue of their measured width, stretching by
///   [`ItemizeOptions::space_stretch`] and shrinking by
///   [`ItemizeOptions::space_shrink`] of it; no-break spaces are glue that
///   cannot break. Spaces at the start and end of a line are dropped.
/// * Between CJK characters (and between CJK and other text) comes
///   zero-width glue that stretches by [`ItemizeOptions::cjk_stretch`] of
///   the CJK character's width; kinsoku (see the module documentation)
///   removes some of these breaks.
/// * A break after a hyphen in the text is a flagged penalty of width 0; a
///   soft hyphen (U+00AD) a flagged penalty with the hyphen's width.
/// * No break at all falls strictly inside a `protected` byte range (over
///   the concatenated text): spaces there are unbreakable glue.
/// * With [`ItemizeOptions::hyphenate`] and [`Lang::En`], words of at least
///   [`ItemizeOptions::min_hyphenated_letters`] letters get hyphenation
///   points (at least two letters before and three after): flagged
///   penalties as wide as a hyphen. Never in protected ranges, nor in words
///   without lower-case letters (tickers, acronyms), nor in tokens with
///   digits, nor in URLs, e-mail addresses and domain names.
///
/// `measure(text, style)` gives the width of a piece of text. It is called
/// for each box, each run of spaces, a hyphen (`"-"`) at each hyphenation
/// point and soft hyphen, and once more for each CJK character that follows
/// non-CJK text (its width sets the stretch of the glue before it).
/// A word split into syllables or styles is measured piece by piece, so a
/// kern across a piece boundary is lost.
pub fn itemize<S: Copy>(
    fragments: &[Fragment<'_, S>],
    protected: &[Range<usize>],
    measure: &mut impl FnMut(&str, S) -> f64,
    options: &ItemizeOptions,
) -> Itemized<S> {
    let mut text = String::new();
    let mut runs: Vec<(Range<usize>, S)> = Vec::new();
    for fragment in fragments {
        if fragment.text.is_empty() {
            continue;
        }
        let start = text.len();
        text.push_str(fragment.text);
        runs.push((start..text.len(), fragment.style));
    }
    let Some(&(_, first_style)) = runs.first() else {
        return Itemized {
            text,
            items: Vec::new(),
            sources: Vec::new(),
        };
    };

    let len = text.len();
    let mut allowed = vec![false; len + 1];
    let mut mandatory = vec![false; len + 1];
    for (position, opportunity) in linebreaks(&text) {
        if let Some(slot) = allowed.get_mut(position) {
            *slot = true;
        }
        if opportunity == BreakOpportunity::Mandatory
            && let Some(slot) = mandatory.get_mut(position)
        {
            *slot = true;
        }
    }
    let blocked = blocked_positions(len, protected);
    let hyphen_points = if options.hyphenate && options.lang == Lang::En {
        hyphenation_points(&text, &blocked, options.min_hyphenated_letters)
    } else {
        Vec::new()
    };
    let at = |flags: &[bool], position: usize| flags.get(position).copied().unwrap_or(false);

    let mut builder = Builder {
        text: &text,
        runs: &runs,
        default_style: first_style,
        measure,
        items: Vec::new(),
        sources: Vec::new(),
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // The start of the box being gathered.
    let mut box_start: Option<usize> = None;
    // The last character of the current line other than spaces and marks.
    let mut last_visible: Option<char> = None;
    // A soft hyphen between the last box and the next one.
    let mut soft_hyphen: Option<Range<usize>> = None;
    // The first of the line break characters being gathered (CR LF).
    let mut newline_start: Option<usize> = None;

    let mut next = 0;
    while let Some(&(position, character)) = chars.get(next) {
        next += 1;
        let end = position + character.len_utf8();

        if is_line_break(character) {
            builder.flush_box(&mut box_start, position);
            soft_hyphen = None;
            let group_start = *newline_start.get_or_insert(position);
            if at(&mandatory, end) {
                newline_start = None;
                last_visible = None;
                if end < len {
                    builder.push_forced_break(group_start..end);
                }
            }
            continue;
        }
        newline_start = None;

        if is_space(character) {
            builder.flush_box(&mut box_start, position);
            soft_hyphen = None;
            let mut run_end = end;
            while let Some(&(space_position, space)) = chars.get(next) {
                if !is_space(space) {
                    break;
                }
                run_end = space_position + space.len_utf8();
                next += 1;
            }
            let following = chars.get(next).map(|&(_, c)| c);
            if let Some(following) = following
                && !is_line_break(following)
                && last_visible.is_some()
            {
                let breakable = at(&allowed, run_end)
                    && !at(&blocked, run_end)
                    && !tailoring_forbids(last_visible, following);
                builder.push_space(position..run_end, breakable, options);
            }
            continue;
        }

        if character == SOFT_HYPHEN {
            builder.flush_box(&mut box_start, position);
            soft_hyphen = Some(position..end);
            continue;
        }
        if box_start.is_some() && is_extender(character) {
            continue;
        }

        if let Some(hyphen) = soft_hyphen.take() {
            if last_visible.is_some() && at(&allowed, position) && !at(&blocked, position) {
                let style = builder.style_at(hyphen.start);
                let width = builder.measure_str("-", style);
                builder.push(
                    Item::Penalty {
                        width,
                        penalty: options.hyphen_penalty,
                        flagged: true,
                    },
                    hyphen,
                    style,
                );
            }
        } else if box_start.is_some() {
            let breakable = at(&allowed, position)
                && !at(&blocked, position)
                && !tailoring_forbids(last_visible, character);
            let previous_cjk = last_visible.is_some_and(is_cjk);
            if previous_cjk || is_cjk(character) {
                let previous_width = builder.flush_box(&mut box_start, position);
                let em = if previous_cjk {
                    previous_width
                } else {
                    let style = builder.style_at(position);
                    builder.measure_str(text.get(position..end).unwrap_or(""), style)
                };
                builder.push_cjk_glue(position, em, breakable, options);
            } else if at(&hyphen_points, position) {
                builder.flush_box(&mut box_start, position);
                let style = builder.style_at(position.saturating_sub(1));
                let width = builder.measure_str("-", style);
                builder.push(
                    Item::Penalty {
                        width,
                        penalty: options.hyphen_penalty,
                        flagged: true,
                    },
                    position..position,
                    style,
                );
            } else if breakable {
                builder.flush_box(&mut box_start, position);
                let explicit_hyphen = last_visible.is_some_and(is_explicit_hyphen);
                let style = builder.style_at(position.saturating_sub(1));
                builder.push(
                    Item::Penalty {
                        width: 0.0,
                        penalty: if explicit_hyphen {
                            options.explicit_hyphen_penalty
                        } else {
                            0.0
                        },
                        flagged: explicit_hyphen,
                    },
                    position..position,
                    style,
                );
            }
        }
        if box_start.is_none() {
            box_start = Some(position);
        }
        if !is_extender(character) {
            last_visible = Some(character);
        }
    }
    builder.flush_box(&mut box_start, len);
    if !builder
        .items
        .iter()
        .any(|item| matches!(item, Item::Box { .. }))
    {
        // Nothing visible: no lines.
        builder.items.clear();
        builder.sources.clear();
    } else {
        builder.push_forced_break(len..len);
    }

    let Builder { items, sources, .. } = builder;
    Itemized {
        text,
        items,
        sources,
    }
}

const SOFT_HYPHEN: char = '\u{ad}';

/// Builds the item list and its sources.
struct Builder<'t, 'm, S, M> {
    text: &'t str,
    runs: &'t [(Range<usize>, S)],
    default_style: S,
    measure: &'m mut M,
    items: Vec<Item>,
    sources: Vec<Source<S>>,
}

impl<S: Copy, M: FnMut(&str, S) -> f64> Builder<'_, '_, S, M> {
    /// The index of the first style run that ends after `position`.
    fn run_index(&self, position: usize) -> usize {
        self.runs
            .partition_point(|(range, _)| range.end <= position)
    }

    fn style_at(&self, position: usize) -> S {
        self.runs
            .get(self.run_index(position))
            .or(self.runs.last())
            .map_or(self.default_style, |(_, style)| *style)
    }

    fn measure_str(&mut self, piece: &str, style: S) -> f64 {
        finite_or_zero((self.measure)(piece, style))
    }

    /// The width of a range of text, measured run by run.
    fn measure_range(&mut self, range: Range<usize>) -> f64 {
        let mut width = 0.0;
        let mut run = self.run_index(range.start);
        while let Some((run_range, style)) = self.runs.get(run).cloned() {
            if run_range.start >= range.end {
                break;
            }
            let piece = range.start.max(run_range.start)..range.end.min(run_range.end);
            if let Some(text) = self.text.get(piece) {
                width += self.measure_str(text, style);
            }
            run += 1;
        }
        width
    }

    fn push(&mut self, item: Item, range: Range<usize>, style: S) {
        self.items.push(item);
        self.sources.push(Source { range, style });
    }

    /// Ends the box started at `box_start` (if any) at `end`, one box per
    /// style run; returns its width.
    fn flush_box(&mut self, box_start: &mut Option<usize>, end: usize) -> f64 {
        let Some(start) = box_start.take() else {
            return 0.0;
        };
        let mut total = 0.0;
        let mut run = self.run_index(start);
        while let Some((run_range, style)) = self.runs.get(run).cloned() {
            if run_range.start >= end {
                break;
            }
            let piece = start.max(run_range.start)..end.min(run_range.end);
            if !piece.is_empty()
                && let Some(text) = self.text.get(piece.clone())
            {
                let width = self.measure_str(text, style);
                total += width;
                self.push(Item::Box { width }, piece, style);
            }
            run += 1;
        }
        total
    }

    fn push_space(&mut self, range: Range<usize>, breakable: bool, options: &ItemizeOptions) {
        let style = self.style_at(range.start);
        if !breakable {
            self.push(
                Item::Penalty {
                    width: 0.0,
                    penalty: INFINITE_PENALTY,
                    flagged: false,
                },
                range.start..range.start,
                style,
            );
        }
        let width = self.measure_range(range.clone());
        self.push(
            Item::Glue {
                width,
                stretch: width * options.space_stretch,
                shrink: width * options.space_shrink,
            },
            range,
            style,
        );
    }

    fn push_cjk_glue(
        &mut self,
        position: usize,
        em: f64,
        breakable: bool,
        options: &ItemizeOptions,
    ) {
        let style = self.style_at(position);
        if !breakable {
            self.push(
                Item::Penalty {
                    width: 0.0,
                    penalty: INFINITE_PENALTY,
                    flagged: false,
                },
                position..position,
                style,
            );
        }
        self.push(
            Item::Glue {
                width: 0.0,
                stretch: em * options.cjk_stretch,
                shrink: em * options.cjk_shrink,
            },
            position..position,
            style,
        );
    }

    /// A forced break with finishing glue before it (the line break
    /// characters are `range`).
    fn push_forced_break(&mut self, range: Range<usize>) {
        let style = self.style_at(range.start.saturating_sub(1));
        let [no_break, fill, force] = Item::paragraph_end();
        self.push(no_break, range.start..range.start, style);
        self.push(fill, range.start..range.start, style);
        self.push(force, range, style);
    }
}

/// Marks the positions strictly inside a protected range.
pub(crate) fn blocked_positions(len: usize, protected: &[Range<usize>]) -> Vec<bool> {
    let mut blocked = vec![false; len + 1];
    for range in protected {
        let start = range.start.min(len);
        let end = range.end.min(len);
        for slot in blocked.iter_mut().take(end).skip(start + 1) {
            *slot = true;
        }
    }
    blocked
}

/// The positions (as flags over byte offsets) where English words may be
/// hyphenated.
pub(crate) fn hyphenation_points(text: &str, blocked: &[bool], min_letters: usize) -> Vec<bool> {
    let mut points = vec![false; text.len() + 1];
    let is_separator = |c: char| is_space(c) || is_line_break(c) || is_cjk(c);
    let mut rest = text.char_indices().peekable();
    while let Some(&(token_start, first)) = rest.peek() {
        if is_separator(first) {
            rest.next();
            continue;
        }
        let mut token_end = token_start;
        while let Some(&(position, c)) = rest.peek() {
            if is_separator(c) {
                break;
            }
            token_end = position + c.len_utf8();
            rest.next();
        }
        let Some(token) = text.get(token_start..token_end) else {
            continue;
        };
        if !hyphenatable_token(token) {
            continue;
        }
        for (word_start, word) in letter_runs(token) {
            let start = token_start + word_start;
            if word.chars().count() < min_letters || !word.chars().any(char::is_lowercase) {
                continue;
            }
            let mut offset = start;
            let mut syllables = hypher::hyphenate_bounded(word, hypher::Lang::English, 2, 3);
            // Every syllable but the last ends at a hyphenation point.
            let mut current = syllables.next();
            for following in syllables {
                if let Some(syllable) = current {
                    offset += syllable.len();
                    if !blocked.get(offset).copied().unwrap_or(true)
                        && let Some(slot) = points.get_mut(offset)
                    {
                        *slot = true;
                    }
                }
                current = Some(following);
            }
        }
    }
    points
}

/// Whether the words of a token (text between spaces) may be hyphenated: not
/// when it has digits (amounts, tickers, fiscal years) or looks like a URL,
/// an e-mail address or a domain name.
fn hyphenatable_token(token: &str) -> bool {
    if token.chars().any(char::is_numeric) {
        return false;
    }
    let lower = token.to_ascii_lowercase();
    if lower.contains("://") || lower.contains("www.") || token.contains('@') || token.contains('/')
    {
        return false;
    }
    // "example.com", "e.g.": a dot followed by a letter.
    let mut chars = token.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '.' && chars.peek().is_some_and(|next| next.is_alphabetic()) {
            return false;
        }
    }
    true
}

/// The maximal runs of letters in a token, with their byte offsets.
fn letter_runs(token: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for (position, c) in token.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(position),
            (false, Some(run_start)) => {
                if let Some(run) = token.get(run_start..position) {
                    runs.push((run_start, run));
                }
                start = None;
            }
            _ => {}
        }
    }
    if let Some(run_start) = start
        && let Some(run) = token.get(run_start..)
    {
        runs.push((run_start, run));
    }
    runs
}

/// Characters that force a line break (UAX #14 classes BK, CR, LF, NL).
fn is_line_break(c: char) -> bool {
    matches!(
        break_property(c as u32),
        BreakClass::Mandatory
            | BreakClass::CarriageReturn
            | BreakClass::LineFeed
            | BreakClass::NextLine
    )
}

/// Characters set as glue: the space, the tab, the no-break spaces and the
/// fixed-width spaces of General Punctuation. The ideographic space
/// (U+3000) is a character of its own (it is used as a fixed indent).
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}'
    )
}

/// Combining marks, variation selectors and joiners: they stay in the box of
/// the character before them.
fn is_extender(c: char) -> bool {
    matches!(
        break_property(c as u32),
        BreakClass::CombiningMark | BreakClass::ZeroWidthJoiner
    )
}

fn is_explicit_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}')
}

/// Characters of CJK text, which has no spaces between words: ideographs,
/// kana, CJK punctuation and symbols, full-width and half-width forms.
fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x2E80..=0x2FDF // radicals
            | 0x2FF0..=0x2FFF // ideographic description
            | 0x3000..=0x303F // CJK symbols and punctuation
            | 0x3041..=0x3098 | 0x309B..=0x309F // hiragana without the combining marks
            | 0x30A0..=0x30FF // katakana
            | 0x3100..=0x312F // bopomofo
            | 0x3190..=0x31FF // kanbun, strokes, katakana extension
            | 0x3200..=0x33FF // enclosed CJK, CJK compatibility (㈱, ㎡)
            | 0x3400..=0x4DBF // extension A
            | 0x4E00..=0x9FFF // unified ideographs
            | 0xF900..=0xFAFF // compatibility ideographs
            | 0xFE30..=0xFE4F // compatibility forms
            | 0xFF01..=0xFF9F // full-width forms, half-width katakana
            | 0xFFE0..=0xFFE6 // full-width signs
            | 0x20000..=0x3FFFF // supplementary ideographic planes
    )
}

/// Characters a line must not start with (gyōtō kinsoku), besides what
/// UAX #14 already forbids.
const NO_LINE_START: &str = "、。，．・：；？！）」』】〕〉》］｝〙〗〟’”｠»ー゠ゝゞヽヾ々〻\
    ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ\
    ｡｣､･ｰｧｨｩｪｫｬｭｮｯ‼⁇⁈⁉";

/// Characters a line must not end with (gyōmatsu kinsoku), besides what
/// UAX #14 already forbids.
const NO_LINE_END: &str = "（「『【〔〈《［｛〘〖〝‘“｟«｢";

fn forbidden_at_line_start(c: char) -> bool {
    NO_LINE_START.contains(c)
        || matches!(
            break_property(c as u32),
            BreakClass::ClosePunctuation
                | BreakClass::CloseParenthesis
                | BreakClass::Exclamation
                | BreakClass::NonStarter
                | BreakClass::ConditionalJapaneseStarter
        )
}

fn forbidden_at_line_end(c: char) -> bool {
    NO_LINE_END.contains(c) || break_property(c as u32) == BreakClass::OpenPunctuation
}

/// Full-width digits and Latin letters (UAX #14 lets lines break between
/// them, as between ideographs).
fn is_fullwidth_alphanumeric(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Whether the Japanese tailoring forbids a break between `before` (the
/// last visible character of the line) and `after` (the first of the next):
/// kinsoku, and no break inside a run of full-width digits and letters
/// ("２０２４").
fn tailoring_forbids(before: Option<char>, after: char) -> bool {
    forbidden_at_line_start(after)
        || before.is_some_and(|before| {
            forbidden_at_line_end(before)
                || (is_fullwidth_alphanumeric(before) && is_fullwidth_alphanumeric(after))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ASCII half an em, everything else a full em (1 unit).
    fn measure(text: &str, _style: ()) -> f64 {
        text.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    }

    fn itemize_text(
        text: &str,
        lang: Lang,
        protected: &[Range<usize>],
        hyphenate: bool,
    ) -> Itemized<()> {
        let options = ItemizeOptions {
            hyphenate,
            ..ItemizeOptions::new(lang)
        };
        itemize(
            &[Fragment { text, style: () }],
            protected,
            &mut measure,
            &options,
        )
    }

    fn texts(paragraph: &Itemized<()>, lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|line| paragraph.line_text(line).to_owned())
            .collect()
    }

    /// The range of every occurrence of each needle.
    fn ranges_of(text: &str, needles: &[&str]) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        for needle in needles {
            for (start, _) in text.match_indices(needle) {
                ranges.push(start..start + needle.len());
            }
        }
        assert_eq!(ranges.len(), needles.len(), "every needle is in the text");
        ranges
    }

    /// The lines' texts follow each other and cover the whole text but for
    /// the spaces and soft hyphens where the lines break.
    fn assert_covers(paragraph: &Itemized<()>, lines: &[Line]) {
        let mut at = 0;
        for line in lines {
            let range = paragraph.line_range(line);
            assert!(range.start >= at, "lines in order");
            let gap = &paragraph.text[at..range.start];
            assert!(
                gap.chars().all(|c| c.is_whitespace() || c == SOFT_HYPHEN),
                "{gap:?} left out"
            );
            at = range.end;
        }
        assert!(paragraph.text[at..].chars().all(char::is_whitespace));
    }

    /// Items for space-separated words: each character 1 unit wide, each
    /// space glue of width 1 that stretches by 1 and shrinks by 0.5; a `-`
    /// inside a word is a hyphenation point (a flagged penalty 1 unit wide).
    fn unit_items(text: &str) -> Vec<Item> {
        let mut items = Vec::new();
        for (index, word) in text.split(' ').enumerate() {
            if index > 0 {
                items.push(Item::Glue {
                    width: 1.0,
                    stretch: 1.0,
                    shrink: 0.5,
                });
            }
            for (syllable_index, syllable) in word.split('-').enumerate() {
                if syllable_index > 0 {
                    items.push(Item::Penalty {
                        width: 1.0,
                        penalty: 50.0,
                        flagged: true,
                    });
                }
                items.push(Item::Box {
                    width: syllable.chars().count() as f64,
                });
            }
        }
        items.extend(Item::paragraph_end());
        items
    }

    /// The natural width, stretch and shrink of `items[from..to]`.
    fn dimensions(items: &[Item], from: usize, to: usize) -> (f64, f64, f64) {
        let mut natural = 0.0;
        let mut stretch = 0.0;
        let mut shrink = 0.0;
        for item in &items[from..to] {
            match *item {
                Item::Box { width } => natural += width,
                Item::Glue {
                    width,
                    stretch: more,
                    shrink: less,
                } => {
                    natural += width;
                    if more.is_finite() {
                        stretch += more;
                    }
                    shrink += less;
                }
                Item::Penalty { .. } => {}
            }
        }
        (natural, stretch, shrink)
    }

    /// First fit over glue-only items: each line takes as many words as fit
    /// with its spaces fully shrunk. The ratios of all lines but the last.
    fn first_fit_ratios(items: &[Item], width: f64) -> Vec<f64> {
        let last = items.len() - 1;
        let mut ratios = Vec::new();
        let mut start = 0;
        loop {
            let mut chosen = None;
            for end in start + 1..=last {
                let is_break = end == last
                    || (matches!(items[end], Item::Glue { .. })
                        && matches!(items[end - 1], Item::Box { .. }));
                if !is_break {
                    continue;
                }
                let (natural, _, shrink) = dimensions(items, start, end);
                if natural - shrink <= width || chosen.is_none() {
                    chosen = Some(end);
                } else {
                    break;
                }
            }
            let Some(end) = chosen else { break };
            if end == last {
                break;
            }
            let (natural, stretch, shrink) = dimensions(items, start, end);
            ratios.push(if natural <= width {
                (width - natural) / stretch
            } else {
                (width - natural) / shrink
            });
            start = end + 1;
        }
        ratios
    }

    fn max_ratio_but_last(lines: &[Line]) -> f64 {
        lines[..lines.len() - 1]
            .iter()
            .map(|line| line.ratio)
            .fold(f64::MIN, f64::max)
    }

    /// The sum of the widths the line's items take, plus its hyphen.
    fn set_width(items: &[Item], line: &Line) -> f64 {
        let content: f64 = items[line.items.clone()]
            .iter()
            .map(|item| line.set_width(item))
            .sum();
        let hyphen = match items.get(line.break_at) {
            Some(Item::Penalty { width, .. }) => *width,
            _ => 0.0,
        };
        content + hyphen
    }

    fn ends_at_forced_break(items: &[Item], line: &Line) -> bool {
        match items.get(line.break_at) {
            Some(Item::Penalty { penalty, .. }) => *penalty <= -INFINITE_PENALTY,
            None => true,
            _ => false,
        }
    }

    const FAIRY_TALE: &str = "In olden times when wishing still helped one there lived a king \
                              whose daughters were all beautiful";

    #[test]
    fn total_fit_avoids_the_very_loose_line_first_fit_makes() {
        let items = unit_items(FAIRY_TALE);
        let first_fit = first_fit_ratios(&items, 18.0);
        let first_fit_worst = first_fit.iter().copied().fold(f64::MIN, f64::max);
        assert!(
            first_fit_worst >= 5.0,
            "first fit leaves a very loose line: {first_fit:?}"
        );

        let lines = break_paragraph(&items, |_| 18.0, &BreakOptions::default());
        assert!(
            max_ratio_but_last(&lines) <= 2.0,
            "total fit stays within the tolerance: {lines:?}"
        );
        assert!(lines.iter().all(|line| !line.overfull));
        // Justified: every line but the last fills the measure exactly.
        for line in &lines[..lines.len() - 1] {
            assert!((set_width(&items, line) - 18.0).abs() < 1e-9, "{line:?}");
        }
        let last = lines.last().expect("lines");
        assert_eq!(last.ratio, 0.0, "the last line is ragged");
        assert_eq!(last.break_at, items.len() - 1);
    }

    /// The demerits of the best breaks by trying every subset of
    /// breakpoints, or `None` when none keeps each line within `tolerance`.
    fn exhaustive_best(
        items: &[Item],
        widths: impl Fn(usize) -> f64,
        options: &BreakOptions,
        tolerance: f64,
    ) -> Option<f64> {
        let mut breaker = Breaker::new(items, widths, options.sanitized());
        let breakpoints: Vec<Breakpoint> = (0..=breaker.end)
            .filter_map(|index| breaker.breakpoint(index))
            .collect();
        let (last, inner) = breakpoints.split_last().expect("a final break");
        assert!(inner.len() <= 16, "small enough to enumerate");
        let mut best: Option<f64> = None;
        'subsets: for mask in 0u32..(1 << inner.len()) {
            let mut node = Node {
                break_at: None,
                content_start: breaker.content_start(None),
                line: 0,
                fitness: Fitness::Decent,
                total_demerits: 0.0,
                previous: None,
                flagged: false,
            };
            let chosen = inner
                .iter()
                .enumerate()
                .filter(|(bit, _)| mask & (1 << bit) != 0)
                .map(|(_, breakpoint)| breakpoint)
                .chain(std::iter::once(last));
            for breakpoint in chosen {
                if breakpoint.index < node.content_start {
                    continue 'subsets;
                }
                let fit = breaker.fit(&node, breakpoint);
                if fit.overfull() || fit.ratio > tolerance {
                    continue 'subsets;
                }
                let fitness = Fitness::of(fit.ratio);
                let mut demerits = breaker.demerits(fit.ratio, breakpoint, &node);
                if fitness.far_from(node.fitness) {
                    demerits += options.fitness_demerits;
                }
                node = Node {
                    break_at: Some(breakpoint.index),
                    content_start: breaker.content_start(Some(breakpoint.index)),
                    line: node.line + 1,
                    fitness,
                    total_demerits: node.total_demerits + demerits,
                    previous: None,
                    flagged: breakpoint.flagged,
                };
            }
            if best.is_none_or(|best| node.total_demerits < best) {
                best = Some(node.total_demerits);
            }
        }
        best
    }

    #[test]
    fn total_fit_finds_the_optimum_of_an_exhaustive_search() {
        let paragraphs = [
            "aa bbb-ccc dd ee-ff ggg hh-iii jj k lll-mm n",
            "one two three four five six seven eight nine ten eleven",
            "hy-phen-a-tion ex-am-ple with short words in be-tween",
        ];
        let options = BreakOptions::default();
        let mut compared = 0;
        for text in paragraphs {
            let items = unit_items(text);
            for (width, shape) in (6..20).flat_map(|width| (0..3).map(move |shape| (width, shape)))
            {
                let width = f64::from(width);
                // The first line two units narrower (an indent), the first
                // three lines four units narrower (beside a figure), or every
                // other line narrower.
                let widths = move |line: usize| match shape {
                    0 if line == 0 => width - 2.0,
                    1 if line < 3 => width - 4.0,
                    2 if line % 2 == 1 => width - 3.0,
                    _ => width,
                };
                let expected = exhaustive_best(&items, widths, &options, options.tolerance);
                let mut breaker = Breaker::new(&items, widths, options.sanitized());
                let found = breaker
                    .run_pass(options.tolerance, false)
                    .and_then(|(nodes, end)| nodes.get(end).map(|node| node.total_demerits));
                match (expected, found) {
                    (Some(expected), Some(found)) => {
                        assert!(
                            (expected - found).abs() <= 1e-6 * expected.abs().max(1.0),
                            "{text:?} at {width}: exhaustive {expected}, total fit {found}"
                        );
                        compared += 1;
                    }
                    (None, None) => {}
                    other => panic!("{text:?} at {width}: {other:?}"),
                }
            }
        }
        assert!(compared >= 40, "enough feasible cases compared: {compared}");
    }

    /// Characters the brief says a Japanese line must not start or end with.
    const NO_START: &str = "、。，．・：；？！）」』】〕〉》ーゝゞヽヾ々\
                            ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";
    const NO_END: &str = "（「『【〔〈《";

    const JAPANESE: &str = "当社は、２０２４年度の連結業績（速報値）を発表しました。\
                            売上高はコーヒー事業の好調により、前年同期比で増加しました。\
                            「新中期経営計画」は、ちょっと先に公表します。\
                            人々の暮らしを支えるショップを３ヵ月ごとに開きます（予定）。\
                            海外事業にもしっかりと取り組み、さっそく新しいサービス（仮称）を始めます。";

    #[test]
    fn kinsoku_keeps_forbidden_characters_off_line_starts_and_ends() {
        let chars: Vec<char> = JAPANESE.chars().collect();
        // Cutting every `width` characters (what a character-count wrap does
        // with these 1-em characters) puts each of these at a line start for
        // some width: the test would catch a breaker that ignored kinsoku.
        for target in ['。', '）', 'ー', 'っ', '、', '」'] {
            let cut_before = (5..=30).any(|width| {
                (1..)
                    .map(|line| line * width)
                    .take_while(|&index| index < chars.len())
                    .any(|index| chars[index] == target)
            });
            assert!(cut_before, "a greedy cut lands before {target}");
        }
        let paragraph = itemize_text(JAPANESE, Lang::Ja, &[], true);
        for width in 5..=30 {
            let width = f64::from(width);
            for indent in [0.0, 1.0] {
                let lines = break_paragraph(
                    &paragraph.items,
                    |line| if line == 0 { width - indent } else { width },
                    &BreakOptions::default(),
                );
                let lines_text = texts(&paragraph, &lines);
                assert_eq!(lines_text.concat(), JAPANESE, "nothing lost or added");
                for (index, text) in lines_text.iter().enumerate() {
                    let first = text.chars().next().expect("no empty line");
                    let last = text.chars().last().expect("no empty line");
                    if index > 0 {
                        assert!(
                            !NO_START.contains(first),
                            "width {width}: line starts with {first}: {lines_text:?}"
                        );
                    }
                    if index + 1 < lines_text.len() {
                        assert!(
                            !NO_END.contains(last),
                            "width {width}: line ends with {last}: {lines_text:?}"
                        );
                    }
                    assert!(!text.contains("２\n"), "digits kept together");
                }
                // Justified by spreading the characters.
                for line in &lines {
                    if !ends_at_forced_break(&paragraph.items, line) && !line.overfull {
                        let set = set_width(&paragraph.items, line);
                        assert!((set - line.width).abs() < 1e-9, "{set} vs {line:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn kinsoku_tailoring_covers_the_listed_characters() {
        // Independent of UAX #14 (whose CJ class unicode-linebreak resolves
        // strictly, so it already forbids most of these).
        for after in NO_START.chars() {
            assert!(
                tailoring_forbids(Some('日'), after),
                "{after} at a line start"
            );
            assert!(tailoring_forbids(None, after), "{after} at a line start");
        }
        for before in NO_END.chars() {
            assert!(
                tailoring_forbids(Some(before), '日'),
                "{before} at a line end"
            );
        }
        for (before, after) in [
            ('日', '本'),
            ('。', '日'),
            ('）', '「'),
            ('a', 'b'),
            ('２', '年'),
        ] {
            assert!(!tailoring_forbids(Some(before), after), "{before}{after}");
        }
        assert!(tailoring_forbids(Some('２'), '０'));
        assert!(tailoring_forbids(Some('Ａ'), 'Ｂ'));
    }

    #[test]
    fn japanese_glue_between_characters_and_kinsoku_penalties() {
        let paragraph = itemize_text("日本「語」", Lang::Ja, &[], false);
        let cjk_glue = Item::Glue {
            width: 0.0,
            stretch: 0.25,
            shrink: 0.0,
        };
        let no_break = Item::Penalty {
            width: 0.0,
            penalty: INFINITE_PENALTY,
            flagged: false,
        };
        let one = Item::Box { width: 1.0 };
        assert_eq!(
            paragraph.items,
            vec![
                one,
                cjk_glue,
                one,
                cjk_glue, // 本|「: a break is fine before an opening bracket
                one,
                no_break, // 「|語: not after an opening bracket
                cjk_glue,
                one,
                no_break, // 語|」: not before a closing one
                cjk_glue,
                one,
                no_break,
                Item::finishing_glue(),
                Item::forced_break(),
            ]
        );
    }

    #[test]
    fn full_width_digits_stay_together() {
        let text = "２０２４年２０２５年２０２６年";
        let paragraph = itemize_text(text, Lang::Ja, &[], false);
        for width in 3..=8 {
            let lines = break_paragraph(
                &paragraph.items,
                |_| f64::from(width),
                &BreakOptions::default(),
            );
            for line in texts(&paragraph, &lines) {
                assert!(
                    line.starts_with('２') || line.starts_with('年'),
                    "width {width}: {line}"
                );
            }
        }
    }

    const RELEASE_EN: &str = "Relkit Holdings Corporation (NASDAQ: RLKT) today announced \
        consolidated results for the fiscal year: net sales of JPY10.6 billion ($89.0 million), \
        reflecting extraordinarily strong demand, and operating income of JPY1.2 billion \
        ($10.1 million). The company also raised its forecast to JPY12.0 billion.";

    const RELEASE_JA: &str = "株式会社レルキット（東証プライム：7203）は、本日、2025年3月期の\
        連結業績を発表しました。売上高は106億円（前期比12.5%増）、営業利益は12億円となり、\
        通期予想を120億円に上方修正しました。";

    /// No line starts or ends strictly inside a protected range.
    fn assert_unsplit(paragraph: &Itemized<()>, lines: &[Line], protected: &[Range<usize>]) {
        for line in lines {
            let range = paragraph.line_range(line);
            for kept in protected {
                for edge in [range.start, range.end] {
                    assert!(
                        !(kept.start < edge && edge < kept.end),
                        "{:?} split: {:?}",
                        paragraph.text.get(kept.clone()),
                        texts(paragraph, lines)
                    );
                }
            }
        }
    }

    #[test]
    fn protected_ranges_are_never_split() {
        let english = ranges_of(
            RELEASE_EN,
            &[
                "JPY10.6 billion ($89.0 million)",
                "JPY1.2 billion ($10.1 million)",
                "(NASDAQ: RLKT)",
                "JPY12.0 billion",
            ],
        );
        let japanese = ranges_of(
            RELEASE_JA,
            &[
                "106億円",
                "（東証プライム：7203）",
                "12億円",
                "120億円",
                "12.5%増",
            ],
        );
        for (text, lang, protected) in [
            (RELEASE_EN, Lang::En, &english),
            (RELEASE_JA, Lang::Ja, &japanese),
        ] {
            let paragraph = itemize_text(text, lang, protected, true);
            for width in 10..=80 {
                for options in [BreakOptions::default(), BreakOptions::ragged_right(1.0)] {
                    let lines = break_paragraph(&paragraph.items, |_| f64::from(width), &options);
                    assert_unsplit(&paragraph, &lines, protected);
                }
            }
        }

        // Wider than the line (15.5 units in 10): the amount is alone on an
        // overfull line, whole.
        let paragraph = itemize_text(RELEASE_EN, Lang::En, &english, true);
        let lines = break_paragraph(&paragraph.items, |_| 10.0, &BreakOptions::default());
        let amount = lines
            .iter()
            .find(|line| paragraph.line_text(line).contains("JPY10.6"))
            .expect("the amount is on a line");
        assert!(amount.overfull);
        assert!(
            paragraph
                .line_text(amount)
                .contains("JPY10.6 billion ($89.0 million)")
        );
    }

    /// The byte positions of the hyphenation penalties.
    fn hyphenation_positions(paragraph: &Itemized<()>) -> Vec<usize> {
        paragraph
            .items
            .iter()
            .zip(&paragraph.sources)
            .filter(|(item, _)| {
                matches!(item, Item::Penalty { flagged: true, width, .. } if *width > 0.0)
            })
            .map(|(_, source)| source.range.start)
            .collect()
    }

    #[test]
    fn english_words_are_hyphenated_in_a_narrow_column() {
        let text = "Consolidated manufacturing internationalization strengthened \
                    profitability considerably throughout the year.";
        let paragraph = itemize_text(text, Lang::En, &[], true);
        let positions = hyphenation_positions(&paragraph);
        assert!(!positions.is_empty());
        for &position in &positions {
            // Inside a word, at least two letters before and three after.
            let before: String = text[..position].chars().rev().take(2).collect();
            let after: String = text[position..].chars().take(3).collect();
            assert!(
                before.chars().chain(after.chars()).all(char::is_alphabetic),
                "{position}: {before:?} {after:?}"
            );
        }
        // Short words are left alone.
        let the = text.find("the ").expect("the");
        assert!(!positions.iter().any(|&p| p > the && p < the + 3));

        let mut hyphenated_lines = 0;
        for width in 8..=16 {
            let lines = break_paragraph(
                &paragraph.items,
                |_| f64::from(width),
                &BreakOptions::default(),
            );
            let lines_text = texts(&paragraph, &lines);
            assert_covers(&paragraph, &lines);
            for (line, pair) in lines.iter().zip(lines_text.windows(2)) {
                if line.hyphenated {
                    hyphenated_lines += 1;
                    let [this, next] = pair else { continue };
                    assert!(this.ends_with(char::is_alphabetic), "{this}");
                    assert!(next.starts_with(char::is_alphabetic), "{next}");
                    let position = paragraph.line_range(line).end;
                    assert!(positions.contains(&position));
                }
            }
            assert!(!lines.last().expect("lines").hyphenated);
        }
        assert!(hyphenated_lines > 0, "a narrow column needs hyphens");

        // Japanese is never hyphenated, nor English with hyphenation off.
        let paragraph = itemize_text(text, Lang::Ja, &[], true);
        assert!(hyphenation_positions(&paragraph).is_empty());
        let paragraph = itemize_text(text, Lang::En, &[], false);
        assert!(hyphenation_positions(&paragraph).is_empty());
    }

    #[test]
    fn no_hyphenation_in_protected_ranges_urls_numbers_or_tickers() {
        let text = "internationalization at https://www.example.com/internationalization \
                    or investors@internationalization.com, INTERNATIONALIZATION, \
                    FY2024internationalization, internationalization.example and \
                    extraordinarily";
        let protected = ranges_of(text, &["extraordinarily"]);
        let paragraph = itemize_text(text, Lang::En, &protected, true);
        let positions = hyphenation_positions(&paragraph);
        let first_word = 0.."internationalization".len();
        assert!(
            positions.iter().any(|p| first_word.contains(p)),
            "the plain word is hyphenated"
        );
        assert!(
            positions.iter().all(|p| first_word.contains(p)),
            "nothing else is: {positions:?}"
        );
        for width in 5..=20 {
            let lines = break_paragraph(
                &paragraph.items,
                |_| f64::from(width),
                &BreakOptions::default(),
            );
            assert_unsplit(&paragraph, &lines, &protected);
        }
    }

    #[test]
    fn a_word_wider_than_the_line_gets_an_overfull_line_of_its_own() {
        let word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
        let text = format!("a few {word} words");
        let paragraph = itemize_text(&text, Lang::En, &[], false);
        let lines = break_paragraph(&paragraph.items, |_| 5.0, &BreakOptions::default());
        assert_eq!(texts(&paragraph, &lines), ["a few", word, "words"]);
        let flags: Vec<bool> = lines.iter().map(|line| line.overfull).collect();
        assert_eq!(flags, [false, true, false]);
        assert!(lines.iter().all(|line| line.ratio >= -1.0));

        // Alone in its paragraph.
        let paragraph = itemize_text(word, Lang::En, &[], false);
        let lines = break_paragraph(&paragraph.items, |_| 5.0, &BreakOptions::default());
        assert_eq!(lines.len(), 1);
        assert!(lines[0].overfull);
        assert_eq!(lines[0].natural_width, 22.5);

        // A long URL between words.
        let text = "See https://www.example.com/a/very/long/path for more.";
        let paragraph = itemize_text(text, Lang::En, &[], true);
        let lines = break_paragraph(&paragraph.items, |_| 4.0, &BreakOptions::default());
        assert_covers(&paragraph, &lines);

        // Bare items: a box wider than every line.
        let items = [
            Item::Box { width: 3.0 },
            Item::Glue {
                width: 1.0,
                stretch: 1.0,
                shrink: 0.0,
            },
            Item::Box { width: 50.0 },
            Item::Glue {
                width: 1.0,
                stretch: 1.0,
                shrink: 0.0,
            },
            Item::Box { width: 3.0 },
        ];
        let lines = break_paragraph(&items, |_| 10.0, &BreakOptions::default());
        let ranges: Vec<Range<usize>> = lines.iter().map(|line| line.items.clone()).collect();
        assert_eq!(ranges, [0..1, 2..3, 4..5]);
        assert!(lines[1].overfull);
    }

    #[test]
    fn mandatory_breaks_end_lines() {
        let text = "First line\nSecond line\r\n\nFourth line, which is long enough to wrap\n";
        let paragraph = itemize_text(text, Lang::En, &[], false);
        let lines = break_paragraph(&paragraph.items, |_| 12.0, &BreakOptions::default());
        assert_eq!(
            texts(&paragraph, &lines),
            [
                "First line",
                "Second line",
                "",
                "Fourth line, which is",
                "long enough to wrap"
            ]
        );
        // Lines before a forced break are ragged, the wrapped one justified.
        assert_eq!(lines[0].ratio, 0.0);
        assert_eq!(lines[1].ratio, 0.0);
        assert!(lines[3].ratio > 0.0);
        assert!(lines.iter().all(|line| !line.overfull));

        // Line separators and form feeds count too; spaces before a break go.
        let paragraph = itemize_text("a  \u{2028}b\u{c}c", Lang::En, &[], false);
        let lines = break_paragraph(&paragraph.items, |_| 12.0, &BreakOptions::default());
        assert_eq!(texts(&paragraph, &lines), ["a", "b", "c"]);
    }

    #[test]
    fn same_input_same_output() {
        let protected = ranges_of(RELEASE_EN, &["JPY10.6 billion ($89.0 million)"]);
        let first = itemize_text(RELEASE_EN, Lang::En, &protected, true);
        let second = itemize_text(RELEASE_EN, Lang::En, &protected, true);
        assert_eq!(first, second);
        for width in [9.0, 17.5, 33.0] {
            let once = break_paragraph(&first.items, |_| width, &BreakOptions::default());
            let again = break_paragraph(&second.items, |_| width, &BreakOptions::default());
            assert_eq!(once, again);
        }
    }

    #[test]
    fn justified_lines_fill_the_measure_and_ragged_lines_keep_natural_spaces() {
        let protected = ranges_of(RELEASE_EN, &["JPY10.6 billion ($89.0 million)"]);
        let paragraph = itemize_text(RELEASE_EN, Lang::En, &protected, true);
        for width in [20.0, 27.5, 40.0] {
            let lines = break_paragraph(&paragraph.items, |_| width, &BreakOptions::default());
            for line in &lines[..lines.len() - 1] {
                assert!(!line.overfull);
                assert!((set_width(&paragraph.items, line) - width).abs() < 1e-9);
            }
            let ragged = break_paragraph(
                &paragraph.items,
                |_| width,
                &BreakOptions::ragged_right(1.0),
            );
            for line in &ragged {
                assert_eq!(line.ratio, 0.0);
                assert!(line.natural_width <= width + 1e-9, "{line:?}");
                assert!((set_width(&paragraph.items, line) - line.natural_width).abs() < 1e-9);
            }
            assert_eq!(
                texts(&paragraph, &ragged).concat(),
                texts(&paragraph, &lines).concat()
            );
        }
    }

    #[test]
    fn the_first_line_can_be_narrower() {
        let paragraph = itemize_text(RELEASE_EN, Lang::En, &[], true);
        let widths = |line: usize| if line == 0 { 15.0 } else { 25.0 };
        let lines = break_paragraph(&paragraph.items, widths, &BreakOptions::default());
        assert_eq!(lines[0].width, 15.0);
        assert!(lines[1..].iter().all(|line| line.width == 25.0));
        for line in &lines[..lines.len() - 1] {
            assert!((set_width(&paragraph.items, line) - line.width).abs() < 1e-9);
        }
    }

    #[test]
    fn hyphens_and_soft_hyphens() {
        // A soft hyphen is a hyphenation point the width of a hyphen and
        // stays out of the boxes.
        let paragraph = itemize_text("co\u{ad}operation", Lang::En, &[], false);
        assert_eq!(
            paragraph.items[..3],
            [
                Item::Box { width: 1.0 },
                Item::Penalty {
                    width: 0.5,
                    penalty: 50.0,
                    flagged: true
                },
                Item::Box { width: 4.5 },
            ]
        );
        let lines = break_paragraph(&paragraph.items, |_| 4.0, &BreakOptions::default());
        assert_eq!(texts(&paragraph, &lines), ["co", "operation"]);
        assert!(lines[0].hyphenated);

        // A break after a hyphen in the text is flagged but adds no hyphen.
        let paragraph = itemize_text("well-known results", Lang::En, &[], false);
        let lines = break_paragraph(&paragraph.items, |_| 3.0, &BreakOptions::default());
        assert_eq!(texts(&paragraph, &lines), ["well-", "known", "results"]);
        assert!(!lines[0].hyphenated);
    }

    /// How many times two lines in a row end with a hyphen.
    fn consecutive_hyphens(lines: &[Line]) -> usize {
        lines
            .windows(2)
            .filter(|pair| pair[0].hyphenated && pair[1].hyphenated)
            .count()
    }

    #[test]
    fn flagged_demerits_discourage_consecutive_hyphens() {
        let items = unit_items(
            "con-sol-i-dat-ed man-u-fac-tur-ing in-ter-na-tion-al-i-za-tion \
             strength-ened prof-it-a-bil-i-ty con-sid-er-a-bly through-out the \
             year and sus-tain-able im-prove-ments fol-lowed",
        );
        let count = |flagged_demerits: f64| -> usize {
            let options = BreakOptions {
                flagged_demerits,
                ..BreakOptions::default()
            };
            (10..=40)
                .map(|width| {
                    let lines = break_paragraph(&items, |_| f64::from(width), &options);
                    consecutive_hyphens(&lines)
                })
                .sum()
        };
        let without = count(0.0);
        let with = count(1.0e7);
        assert!(with < without, "{with} with demerits, {without} without");
    }

    #[test]
    fn styles_split_boxes_without_adding_breaks() {
        let fragments = [
            Fragment {
                text: "Acme",
                style: 2u8,
            },
            Fragment {
                text: "Corp rose",
                style: 1u8,
            },
        ];
        let mut measure = |text: &str, style: u8| f64::from(style) * text.chars().count() as f64;
        let paragraph = itemize(
            &fragments,
            &[],
            &mut measure,
            &ItemizeOptions::new(Lang::En),
        );
        assert_eq!(paragraph.text, "AcmeCorp rose");
        assert_eq!(paragraph.items[0], Item::Box { width: 8.0 });
        assert_eq!(paragraph.items[1], Item::Box { width: 4.0 });
        assert_eq!(paragraph.sources[0].style, 2);
        assert_eq!(paragraph.sources[1].style, 1);
        let lines = break_paragraph(&paragraph.items, |_| 5.0, &BreakOptions::default());
        assert_eq!(lines[0].items, 0..2, "no break between the styles");
    }

    #[test]
    fn odd_input_never_panics() {
        let nothing = itemize_text("", Lang::En, &[], true);
        assert!(nothing.items.is_empty());
        assert!(break_paragraph(&nothing.items, |_| 10.0, &BreakOptions::default()).is_empty());
        assert!(itemize_text("   \n ", Lang::En, &[], true).items.is_empty());
        let no_fragments: Itemized<()> =
            itemize(&[], &[], &mut measure, &ItemizeOptions::new(Lang::Ja));
        assert!(no_fragments.items.is_empty());

        // Protected ranges past the end, reversed or empty.
        #[allow(clippy::reversed_empty_ranges)]
        let odd_ranges = [5..2, 3..3, 0..usize::MAX, usize::MAX..usize::MAX];
        let paragraph = itemize_text("a b c 日本語", Lang::Ja, &odd_ranges, true);
        let lines = break_paragraph(&paragraph.items, |_| 1.0, &BreakOptions::default());
        assert_eq!(lines.len(), 1, "protected as a whole");

        // Widths and measures that are not numbers, zero or negative.
        let paragraph = itemize_text(RELEASE_JA, Lang::Ja, &[], true);
        for width in [f64::NAN, 0.0, -5.0, f64::INFINITY, f64::MAX, 1e-300] {
            let lines = break_paragraph(&paragraph.items, |_| width, &BreakOptions::default());
            assert!(!lines.is_empty());
        }
        let mut nan = |_: &str, _: ()| f64::NAN;
        let paragraph = itemize(
            &[Fragment {
                text: RELEASE_EN,
                style: (),
            }],
            &[],
            &mut nan,
            &ItemizeOptions::new(Lang::En),
        );
        let lines = break_paragraph(&paragraph.items, |_| 10.0, &BreakOptions::default());
        assert_eq!(lines.len(), 1, "all zero width");

        // Items without a final forced break, starting with glue, with
        // penalties out of range and options that are not numbers.
        let items = [
            Item::Glue {
                width: 2.0,
                stretch: f64::NAN,
                shrink: -1.0,
            },
            Item::Box { width: 4.0 },
            Item::Penalty {
                width: f64::INFINITY,
                penalty: -1e9,
                flagged: true,
            },
            Item::Penalty {
                width: 0.0,
                penalty: f64::NAN,
                flagged: false,
            },
            Item::Box { width: f64::NAN },
            Item::Glue {
                width: 1.0,
                stretch: f64::NEG_INFINITY,
                shrink: f64::INFINITY,
            },
            Item::Box { width: 4.0 },
        ];
        let options = BreakOptions {
            tolerance: f64::NAN,
            retry_tolerance: -1.0,
            line_penalty: f64::INFINITY,
            flagged_demerits: f64::NAN,
            final_hyphen_demerits: -3.0,
            fitness_demerits: f64::INFINITY,
            alignment: Alignment::RaggedRight { stretch: f64::NAN },
        };
        let lines = break_paragraph(&items, |_| 5.0, &options);
        assert_eq!(lines.len(), 2, "forced break in the middle");
        assert_eq!(lines.last().map(|line| line.break_at), Some(items.len()));
        let only_glue = Item::paragraph_end();
        assert_eq!(
            break_paragraph(&only_glue, |_| 5.0, &BreakOptions::default()).len(),
            1
        );
    }

    #[test]
    fn a_three_hundred_word_paragraph() {
        let words = [
            "the",
            "company",
            "announced",
            "consolidated",
            "results",
            "for",
            "fiscal",
            "year",
            "with",
            "net",
            "sales",
            "of",
            "JPY10.6",
            "billion",
            "reflecting",
            "extraordinarily",
            "strong",
            "demand",
            "in",
            "international",
            "markets",
            "and",
            "operating",
            "income",
            "increased",
        ];
        let text: Vec<&str> = (0..300)
            .map(|i| words[(i * 7 + i / 3) % words.len()])
            .collect();
        let text = text.join(" ");
        let started = std::time::Instant::now();
        let paragraph = itemize_text(&text, Lang::En, &[], true);
        let itemized = started.elapsed();
        let lines = break_paragraph(&paragraph.items, |_| 35.0, &BreakOptions::default());
        let broken = started.elapsed() - itemized;
        println!(
            "300 words: {} items, itemize {itemized:?}, break {broken:?} (debug build)",
            paragraph.items.len()
        );
        assert!(lines.len() > 25);
        assert!(lines.iter().all(|line| !line.overfull));
        assert!(max_ratio_but_last(&lines) <= 2.0);
        assert_covers(&paragraph, &lines);
    }
}
