//! Applying fixes: the safe ones (`relkit lint --fix`) are written back to
//! the draft atomically — a temporary file beside it, then a rename, so a
//! draft is never half-written — or shown as a unified diff (`--diff`).

use crate::diagnostics::{Diagnostic, Edit};
use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Rules whose fixes are applied by `--fix`: they follow from the draft
/// itself and change no meaning a writer chose (a translation recomputed at
/// the stated rate, the convenience-translation disclaimer listed, a
/// full-width colon, an unused suppression comment removed).
pub const SAFE: &[&str] = &["FX001", "FX003", "FMT001", "FMT006"];

/// The edits of the safe fixes among `diagnostics`, in source order, leaving
/// out any edit that overlaps one before it.
pub fn safe_edits(diagnostics: &[Diagnostic]) -> Vec<Edit> {
    let mut edits: Vec<Edit> = diagnostics
        .iter()
        .filter(|d| SAFE.contains(&d.code))
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        let overlaps = out.last().is_some_and(|last: &Edit| {
            edit.span.start < last.span.end
                || (edit.span.start == last.span.start && edit.span == last.span)
        });
        if !overlaps {
            out.push(edit);
        }
    }
    out
}

/// `text` with `edits` applied (edits in source order, not overlapping).
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.span.start < at || edit.span.end > text.len() {
            continue;
        }
        out.push_str(text.get(at..edit.span.start).unwrap_or(""));
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// A unified diff from `old` to `new` for `path`, as `patch -p0` applies it
/// (empty when nothing changes).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

/// Replace `path` with `text` atomically: write a temporary file in the same
/// folder, then rename it over the draft.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let write_error = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::from(source.kind()),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(write_error)?;
    temp.write_all(text.as_bytes()).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    match std::fs::metadata(path) {
        // Keep the permissions of the file being replaced.
        Ok(metadata) => {
            let _ = std::fs::set_permissions(temp.path(), metadata.permissions());
        }
        // A new file is readable by all, like one written by any editor
        // (temporary files start private).
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ =
                    std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644));
            }
        }
    }
    temp.persist(path).map_err(|e| write_error(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn applies_edits_in_order_and_skips_overlaps() {
        let edits = vec![
            Edit {
                span: Span::new(0, 3),
                replacement: "One".into(),
            },
            Edit {
                span: Span::new(8, 8),
                replacement: "!".into(),
            },
        ];
        assert_eq!(apply("one two three", &edits), "One two !three");
    }

    #[test]
    fn diffs_apply_as_patches_expect() {
        let d = unified_diff("a.md", "x\ny\n", "x\nz\n");
        assert!(d.starts_with("--- a.md\n+++ a.md\n"), "{d}");
        assert!(d.contains("-y\n+z\n"), "{d}");
        assert_eq!(unified_diff("a.md", "same", "same"), "");
    }

    #[test]
    fn writes_replace_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.md");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }
}
