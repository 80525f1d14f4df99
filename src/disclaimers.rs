//! The disclaimer library: approved legal texts (safe harbor, convenience
//! translation, non-GAAP) that drafts list by id in their front matter.
//!
//! The bundled texts in `disclaimers/` are compiled into the binary; a
//! project's own folder (`[paths] disclaimers` in `relkit.toml`) adds entries
//! or replaces bundled ones with the same id.

use crate::draft::yaml;
use crate::error::{Error, Result};
use std::path::Path;

/// One approved text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclaimer {
    /// Stable id, e.g. `safe-harbor`.
    pub id: String,
    /// Heading shown above the text.
    pub title: String,
    /// What kind of legend it is (`safe-harbor`, `convenience-translation`, `non-gaap`, …).
    pub kind: String,
    /// Version label of the approved text.
    pub version: String,
    /// The approved text (Markdown).
    pub text: String,
}

/// A set of disclaimers by id.
#[derive(Debug, Clone, Default)]
pub struct Library {
    entries: Vec<Disclaimer>,
}

const BUNDLED: &[(&str, &str)] = &[
    (
        "convenience-translation",
        include_str!("../disclaimers/convenience-translation.md"),
    ),
    ("non-gaap", include_str!("../disclaimers/non-gaap.md")),
    ("safe-harbor", include_str!("../disclaimers/safe-harbor.md")),
    (
        "safe-harbor-ja",
        include_str!("../disclaimers/safe-harbor-ja.md"),
    ),
];

impl Library {
    /// The library compiled into relkit.
    pub fn bundled() -> Library {
        let mut lib = Library::default();
        for (id, text) in BUNDLED {
            // Bundled files are checked by a unit test, so this cannot fail in a release.
            if let Ok(d) = parse_entry(id, text) {
                lib.insert(d);
            }
        }
        lib
    }

    /// Add the `*.md` files of `folder`, replacing bundled entries with the same id.
    pub fn load_folder(&mut self, folder: &Path) -> Result<()> {
        let entries = std::fs::read_dir(folder).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                Error::NotFound {
                    path: folder.to_path_buf(),
                }
            } else {
                Error::Read {
                    path: folder.to_path_buf(),
                    source,
                }
            }
        })?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            let entry = parse_entry(&stem, &text).map_err(|(offset, message)| {
                let at = crate::source::SourceFile::new(&path, &text).line_col(offset);
                Error::Disclaimer {
                    path: path.clone(),
                    line: at.line,
                    column: at.column,
                    message,
                }
            })?;
            self.insert(entry);
        }
        Ok(())
    }

    fn insert(&mut self, d: Disclaimer) {
        match self.entries.iter_mut().find(|e| e.id == d.id) {
            Some(existing) => *existing = d,
            None => self.entries.push(d),
        }
        self.entries.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// Look an entry up by id.
    pub fn get(&self, id: &str) -> Option<&Disclaimer> {
        self.entries.iter().find(|d| d.id == id)
    }

    /// All entries, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Disclaimer> {
        self.entries.iter()
    }
}

/// Read a disclaimer file: optional front matter (`id`, `title`, `kind`, `version`), then the text.
/// Errors carry the byte offset of the fault.
fn parse_entry(stem: &str, text: &str) -> std::result::Result<Disclaimer, (usize, String)> {
    let layout = crate::draft::split(text);
    let mut d = Disclaimer {
        id: stem.to_string(),
        title: stem.to_string(),
        kind: stem.to_string(),
        version: "1".to_string(),
        text: text
            .get(layout.body.range())
            .unwrap_or("")
            .trim()
            .to_string(),
    };
    if layout.unterminated {
        return Err((0, "the front matter is never closed with `---`".into()));
    }
    if let Some(span) = layout.front_matter {
        let node = yaml::parse(text.get(span.range()).unwrap_or(""), span.start)
            .map_err(|e| (e.span.start, e.message))?;
        for (k, v) in node.as_ref().and_then(|n| n.as_map()).unwrap_or(&[]) {
            let value = v.as_scalar().unwrap_or("").trim().to_string();
            match k.as_scalar().unwrap_or("") {
                "id" => d.id = value,
                "title" => d.title = value,
                "kind" => d.kind = value,
                "version" => d.version = value,
                _ => {}
            }
        }
    }
    if d.text.is_empty() {
        return Err((layout.body.start, "the disclaimer has no text".into()));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_entries_all_parse() {
        for (id, text) in BUNDLED {
            let d = parse_entry(id, text).unwrap();
            assert_eq!(&d.id, id);
            assert!(!d.text.contains("---"));
        }
        let lib = Library::bundled();
        assert_eq!(lib.iter().count(), BUNDLED.len());
        assert_eq!(
            lib.get("safe-harbor").map(|d| d.kind.as_str()),
            Some("safe-harbor")
        );
    }

    #[test]
    fn folder_entries_override_bundled() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("safe-harbor.md"),
            "---\ntitle: Ours\n---\nOur text.\n",
        )
        .unwrap();
        let mut lib = Library::bundled();
        lib.load_folder(dir.path()).unwrap();
        assert_eq!(lib.get("safe-harbor").unwrap().text, "Our text.");
    }
}
