//! The bundled fonts (SIL OFL 1.1; see `fonts/README.md` and the licence
//! files next to them).
//!
//! | face | file | size |
//! | --- | --- | --- |
//! | Latin regular | `fonts/NotoSans-Regular.ttf` | 512,672 B |
//! | Latin bold | `fonts/NotoSans-Bold.ttf` | 515,752 B |
//! | Japanese regular | `fonts/BIZUDPGothic-Regular.ttf` | 4,669,688 B |
//! | Japanese bold | `fonts/BIZUDPGothic-Bold.ttf` | 4,640,592 B |

use std::sync::{Arc, OnceLock};

use super::face::FontFace;
use super::fallback::FontStack;

/// Noto Sans Regular (TrueType).
pub static NOTO_SANS_REGULAR: &[u8] = include_bytes!("../../../fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold (TrueType).
pub static NOTO_SANS_BOLD: &[u8] = include_bytes!("../../../fonts/NotoSans-Bold.ttf");
/// BIZ UDPGothic Regular (TrueType, proportional kana, includes Latin).
pub static BIZ_UDPGOTHIC_REGULAR: &[u8] = include_bytes!("../../../fonts/BIZUDPGothic-Regular.ttf");
/// BIZ UDPGothic Bold.
pub static BIZ_UDPGOTHIC_BOLD: &[u8] = include_bytes!("../../../fonts/BIZUDPGothic-Bold.ttf");

/// The licence texts, to ship with binaries that embed the fonts.
pub static LICENSE_NOTO_SANS: &str = include_str!("../../../fonts/OFL-NotoSans.txt");
/// The BIZ UDPGothic licence text.
pub static LICENSE_BIZ_UDPGOTHIC: &str = include_str!("../../../fonts/OFL-BIZUDPGothic.txt");

/// The four bundled faces, parsed once per process.
#[derive(Clone, Debug)]
pub struct BundledFaces {
    /// Noto Sans Regular.
    pub latin_regular: Arc<FontFace>,
    /// Noto Sans Bold.
    pub latin_bold: Arc<FontFace>,
    /// BIZ UDPGothic Regular (shaped with language `ja`).
    pub japanese_regular: Arc<FontFace>,
    /// BIZ UDPGothic Bold (shaped with language `ja`).
    pub japanese_bold: Arc<FontFace>,
}

impl BundledFaces {
    /// The parsed bundled faces (cheap after the first call), or what is
    /// wrong with them (never, for the fonts shipped).
    pub fn get() -> Result<&'static BundledFaces, String> {
        static FACES: OnceLock<Result<BundledFaces, String>> = OnceLock::new();
        FACES.get_or_init(Self::load).as_ref().map_err(Clone::clone)
    }

    /// Parses the bundled faces anew (see [`get`](Self::get) for a shared copy).
    pub fn load() -> Result<BundledFaces, String> {
        let load = |data: &'static [u8], lang: Option<&str>| -> Result<Arc<FontFace>, String> {
            let face = FontFace::from_static(data, 0).map_err(|e| format!("bundled font: {e}"))?;
            Ok(Arc::new(match lang {
                Some(l) => face.with_language(l),
                None => face,
            }))
        };
        Ok(BundledFaces {
            latin_regular: load(NOTO_SANS_REGULAR, None)?,
            latin_bold: load(NOTO_SANS_BOLD, None)?,
            japanese_regular: load(BIZ_UDPGOTHIC_REGULAR, Some("ja"))?,
            japanese_bold: load(BIZ_UDPGOTHIC_BOLD, Some("ja"))?,
        })
    }

    /// Latin regular, then Japanese regular.
    pub fn regular_stack(&self) -> FontStack {
        FontStack::new(vec![
            self.latin_regular.clone(),
            self.japanese_regular.clone(),
        ])
    }

    /// Latin bold, then Japanese bold.
    pub fn bold_stack(&self) -> FontStack {
        FontStack::new(vec![self.latin_bold.clone(), self.japanese_bold.clone()])
    }
}
