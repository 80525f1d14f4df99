//! The bundled fonts (SIL OFL 1.1; see `fonts/README.md` and the licence
//! files next to them), and the [`FaceSet`] a PDF is set in: the bundled
//! faces, or font files named in `relkit.toml` `[fonts]` in their place.
//!
//! | face | file | size |
//! | --- | --- | --- |
//! | Latin regular | `fonts/NotoSans-Regular.ttf` | 512,672 B |
//! | Latin bold | `fonts/NotoSans-Bold.ttf` | 515,752 B |
//! | Japanese regular | `fonts/BIZUDPGothic-Regular.ttf` | 4,669,688 B |
//! | Japanese bold | `fonts/BIZUDPGothic-Bold.ttf` | 4,640,592 B |

use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::face::FontFace;
use super::fallback::FontStack;
use crate::config::FontFiles;
use crate::error::{Error, Result};

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

/// The four faces a PDF is set in: Latin regular and bold, then Japanese
/// regular and bold for the characters the Latin faces lack.
#[derive(Clone, Debug)]
pub struct FaceSet {
    /// Noto Sans Regular.
    pub latin_regular: Arc<FontFace>,
    /// Noto Sans Bold.
    pub latin_bold: Arc<FontFace>,
    /// BIZ UDPGothic Regular (shaped with language `ja`).
    pub japanese_regular: Arc<FontFace>,
    /// BIZ UDPGothic Bold (shaped with language `ja`).
    pub japanese_bold: Arc<FontFace>,
}

impl FaceSet {
    /// The parsed bundled faces (cheap after the first call), or what is
    /// wrong with them (never, for the fonts shipped).
    pub fn bundled() -> std::result::Result<&'static FaceSet, String> {
        static FACES: OnceLock<std::result::Result<FaceSet, String>> = OnceLock::new();
        FACES.get_or_init(Self::load).as_ref().map_err(Clone::clone)
    }

    /// The bundled faces with those `files` names in their place.
    pub fn with_files(files: &FontFiles) -> Result<FaceSet> {
        let bundled = FaceSet::bundled().map_err(|message| Error::Pdf { message })?;
        let mut set = bundled.clone();
        let replace = |slot: &mut Arc<FontFace>, file: &Option<std::path::PathBuf>, lang| {
            if let Some(path) = file {
                *slot = Arc::new(load_file(path, lang)?);
            }
            Ok::<(), Error>(())
        };
        replace(&mut set.latin_regular, &files.regular, None)?;
        replace(&mut set.latin_bold, &files.bold, None)?;
        replace(&mut set.japanese_regular, &files.japanese, Some("ja"))?;
        replace(&mut set.japanese_bold, &files.japanese_bold, Some("ja"))?;
        Ok(set)
    }

    /// Parses the bundled faces anew (see [`bundled`](Self::bundled) for a
    /// shared copy).
    pub fn load() -> std::result::Result<FaceSet, String> {
        let load = |data: &'static [u8], lang: Option<&str>| -> Result<Arc<FontFace>, String> {
            let face = FontFace::from_static(data, 0).map_err(|e| format!("bundled font: {e}"))?;
            Ok(Arc::new(match lang {
                Some(l) => face.with_language(l),
                None => face,
            }))
        };
        Ok(FaceSet {
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

/// A font file as a face: TrueType or OpenType (the first face of a
/// collection), whose licence allows embedding.
fn load_file(path: &Path, lang: Option<&str>) -> Result<FontFace> {
    let data = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let face = FontFace::from_vec(data, 0).map_err(|e| Error::Font {
        path: path.to_path_buf(),
        message: format!(
            "not a font relkit can use ({e}); name a TrueType (.ttf) or OpenType (.otf, .ttc) file in relkit.toml [fonts]"
        ),
    })?;
    if face.embedding_restricted() {
        return Err(Error::Font {
            path: path.to_path_buf(),
            message: "the font's licence does not allow embedding it in a document (OS/2 fsType); ask the type foundry for an embeddable version or name another font".into(),
        });
    }
    if face.glyph_for_char('a').is_none() && lang.is_none() {
        return Err(Error::Font {
            path: path.to_path_buf(),
            message: "the font has no Latin letters; name it as `japanese` in relkit.toml [fonts], or name a text face".into(),
        });
    }
    if lang.is_some() && face.glyph_for_char('日').is_none() {
        return Err(Error::Font {
            path: path.to_path_buf(),
            message: "the font has no Japanese characters (no 日), so it cannot be the `japanese` face; name a Japanese font".into(),
        });
    }
    Ok(match lang {
        Some(l) => face.with_language(l),
        None => face,
    })
}
