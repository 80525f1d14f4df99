//! Applying fixes: the safe ones (`relkit lint --fix`) are written back to
//! the draft atomically (see [`crate::write`]) or shown as a unified diff
//! (`--diff`).

use crate::diagnostics::{Diagnostic, Edit};

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
}
