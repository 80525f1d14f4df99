//! PDF output: page layout for the press release.
//!
//! * [`linebreak`] — breaking a paragraph of measured text into lines
//!   (Knuth–Plass total fit, UAX #14, kinsoku, hyphenation).

pub mod linebreak;
