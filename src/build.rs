//! `relkit build`: lint a draft, and only when it is compliant (or when a
//! draft build is asked for) render it and write the outputs atomically
//! beside each other in the output folder — never a half-written file, never
//! the draft itself.

use crate::diagnostics::{FileReport, Severity};
use crate::error::{Error, Result};
use crate::lint::Linter;
use crate::render::{self, Release, templates::Templates};
use std::path::{Path, PathBuf};

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Output folder; default `out/` beside the draft.
    pub out_dir: Option<PathBuf>,
    /// Build even with errors, with a "DRAFT — not for release" banner.
    pub draft: bool,
    /// Templates folder overriding the defaults (else `[paths] templates`).
    pub templates: Option<PathBuf>,
}

/// The result of building one draft.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing was written: the draft has compliance errors.
    Refused(FileReport),
    /// The files written.
    Built {
        /// The lint report the release was built with.
        report: FileReport,
        /// The files written.
        files: Vec<PathBuf>,
    },
}

/// Build one draft.
pub fn build(linter: &Linter, path: &Path, options: &BuildOptions) -> Result<Outcome> {
    let (doc, report) = linter.check(crate::lint::read_draft(path)?);
    let errors = report.count(Severity::Error);
    if errors > 0 && !options.draft {
        return Ok(Outcome::Refused(report));
    }
    let folder = options
        .templates
        .clone()
        .or_else(|| linter.config.templates.clone());
    let templates = Templates::load(folder.as_deref())?;
    let release = Release::new(&doc, &report, options.draft && errors > 0);
    let html = render::html(&release, &templates)?;
    let out_dir = match &options.out_dir {
        Some(d) => d.clone(),
        None => path.parent().unwrap_or(Path::new(".")).join("out"),
    };
    std::fs::create_dir_all(&out_dir).map_err(|source| Error::Write {
        path: out_dir.clone(),
        source,
    })?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("release");
    let target = out_dir.join(format!("{stem}.html"));
    if same_file(&target, path) {
        return Err(Error::Exists { path: target });
    }
    crate::write::replace(&target, &html)?;
    Ok(Outcome::Built {
        report,
        files: vec![target],
    })
}

/// Whether two paths name the same existing file (so the draft is never overwritten).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
