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

/// How many rounds [`fix_until_stable`] makes at most.
pub const MAX_ROUNDS: usize = 10;

/// The draft with its safe fixes applied until none is left: a fix can
/// uncover another (a repaired front matter is read further and shows the
/// next full-width colon), so the draft is checked again after each round,
/// as `linter` checks it, up to [`MAX_ROUNDS`] rounds. Returns the new text
/// and how many edits were made in all (0: the text is unchanged).
pub fn fix_until_stable(
    linter: &crate::Linter,
    source: &crate::SourceFile,
    diagnostics: &[Diagnostic],
) -> (String, usize) {
    let mut text = source.text().to_string();
    let mut edits = safe_edits(diagnostics);
    let mut made = 0;
    for _ in 0..MAX_ROUNDS {
        let fixed = apply(&text, &edits);
        if fixed == text {
            break;
        }
        made += edits.len();
        text = fixed;
        let again = match source.path() {
            Some(path) => crate::SourceFile::new(path, text.clone()),
            None => crate::SourceFile::named(source.name(), text.clone()),
        };
        edits = safe_edits(&linter.lint(again).diagnostics);
    }
    (text, made)
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
    fn fixes_are_applied_until_none_is_left() {
        // The full-width colon of `ticker` shows only once the one of
        // `title` is fixed (the front matter is read no further before).
        let text =
            "---\ntitle： Results\ncompany: Example Inc.\nticker： TSE 1234\n---\nRevenues rose.\n";
        let linter = crate::Linter::new(crate::Config::default()).expect("linter");
        let source = crate::SourceFile::named("t.md", text);
        let first = linter.lint(source.clone());
        let once = apply(text, &safe_edits(&first.diagnostics));
        let (fixed, made) = fix_until_stable(&linter, &source, &first.diagnostics);
        assert_eq!(
            fixed,
            "---\ntitle: Results\ncompany: Example Inc.\nticker: TSE 1234\n---\nRevenues rose.\n"
        );
        assert_eq!(made, 2);
        assert_ne!(once, fixed, "one round is not enough for this draft");
        let clean = linter.lint(crate::SourceFile::named("t.md", fixed.clone()));
        assert!(safe_edits(&clean.diagnostics).is_empty());
    }

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
