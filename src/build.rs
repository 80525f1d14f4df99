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
    /// The outputs to write; none means the HTML page.
    pub formats: Vec<Format>,
    /// The archival standard of the PDF (`--pdfa`; PDF/A-2b by default).
    pub pdf_standard: crate::pdf::PdfStandard,
}

/// An output format of `relkit build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The self-contained release page (`--html`, the default).
    Html,
    /// The SEC EDGAR exhibit (`--edgar`).
    Edgar,
    /// The PDF (`--pdf`).
    Pdf,
}

impl Format {
    fn backend(self, options: &BuildOptions, linter: &Linter) -> Box<dyn render::Backend> {
        match self {
            Format::Html => Box::new(render::HtmlPage),
            Format::Edgar => Box::new(render::edgar::EdgarExhibit),
            Format::Pdf => Box::new(crate::pdf::PdfDocument {
                standard: options.pdf_standard,
                fonts: linter.config.fonts.clone(),
            }),
        }
    }
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
    let mut formats = options.formats.clone();
    if formats.is_empty() {
        formats.push(Format::Html);
    }
    formats.dedup();
    // Render everything before writing anything: a template error leaves
    // no output of this build behind.
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("release");
    let mut outputs = Vec::with_capacity(formats.len());
    for format in formats {
        let backend = format.backend(options, linter);
        outputs.push((
            backend.file_name(stem),
            backend.render(&release, &templates)?,
        ));
    }
    let out_dir = match &options.out_dir {
        Some(d) => d.clone(),
        None => path.parent().unwrap_or(Path::new(".")).join("out"),
    };
    std::fs::create_dir_all(&out_dir).map_err(|source| Error::Write {
        path: out_dir.clone(),
        source,
    })?;
    let targets: Vec<(PathBuf, Vec<u8>)> = outputs
        .into_iter()
        .map(|(name, bytes)| (out_dir.join(name), bytes))
        .collect();
    if let Some((target, _)) = targets.iter().find(|(t, _)| same_file(t, path)) {
        return Err(Error::Exists {
            path: target.clone(),
        });
    }
    let writes: Vec<(&Path, &[u8])> = targets
        .iter()
        .map(|(target, bytes)| (target.as_path(), bytes.as_slice()))
        .collect();
    crate::write::replace_all(&writes)?;
    Ok(Outcome::Built {
        report,
        files: targets.into_iter().map(|(target, _)| target).collect(),
    })
}

/// Whether two paths name the same existing file (so the draft is never overwritten).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
