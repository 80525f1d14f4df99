//! Fonts for the PDF: faces loaded from bytes (skrifa), shaping with
//! per-character fallback from the Latin face to the Japanese one
//! (harfrust), the glyphs a document uses with the source text of each
//! (for ToUnicode), and subsetted Type0 fonts written with lopdf:
//! `CIDFontType2` with `Identity-H`, `/W`, a subset tag from a stable hash
//! and a ToUnicode CMap built from the text each glyph was shaped from, so
//! that copying and searching give back exactly what the draft says.

pub mod bundled;
pub mod cmap;
pub mod content;
pub mod face;
pub mod fallback;
pub mod shape;
pub mod type0;
pub mod usage;

pub use bundled::FaceSet;
pub use content::{DocumentFonts, FontKey};
pub use face::{FontError, FontFace};
pub use fallback::{FontStack, ShapedRun};
pub use shape::ShapedGlyph;
