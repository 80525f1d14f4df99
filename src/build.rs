//! `relkit build`: lint a draft, and only when it is compliant (or when a
//! draft build is asked for) render it and write the outputs atomically
//! beside each other in the output folder, with the build's attestation
//! (`NAME.relkit.json`, [`crate::attest`]) — never a half-written file,
//! never the draft itself.

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
    /// The format's name in attestations: `html`, `edgar`, `pdf`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Edgar => "edgar",
            Format::Pdf => "pdf",
        }
    }

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
        /// Warnings about the build itself (an approved text past its
        /// review date), for the person publishing.
        warnings: Vec<String>,
    },
}

/// The folder a draft's outputs go to: `-o DIR`, else `out/` beside it.
pub fn out_dir_of(path: &Path, options: &BuildOptions) -> PathBuf {
    match &options.out_dir {
        Some(d) => d.clone(),
        None => path.parent().unwrap_or(Path::new(".")).join("out"),
    }
}

/// The name a draft's outputs share: `q3.md` → `q3` (`q3.html`, `q3.pdf`, …).
pub fn output_stem(path: &Path) -> &str {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("release")
}

/// Build one draft.
pub fn build(linter: &Linter, path: &Path, options: &BuildOptions) -> Result<Outcome> {
    let draft_bytes = std::fs::read(path).map_err(|source| Error::reading(path, source))?;
    let (doc, report) = linter.check(crate::lint::source_from_bytes(path, draft_bytes.clone())?);
    let errors = report.count(Severity::Error);
    if errors > 0 && !options.draft {
        return Ok(Outcome::Refused(report));
    }
    let folder = options
        .templates
        .clone()
        .or_else(|| linter.config.templates.clone());
    let templates = Templates::load(folder.as_deref())?;
    let mut release = Release::new(&doc, &report, options.draft && errors > 0);
    release.relkit.draft_sha256 = Some(crate::attest::sha256_hex(&draft_bytes));
    let mut formats = options.formats.clone();
    if formats.is_empty() {
        formats.push(Format::Html);
    }
    formats.dedup();
    // Render everything before writing anything: a template error leaves
    // no output of this build behind.
    let stem = output_stem(path);
    let mut outputs = Vec::with_capacity(formats.len() + 1);
    let mut kinds = Vec::with_capacity(formats.len());
    for format in formats {
        let backend = format.backend(options, linter);
        outputs.push((
            backend.file_name(stem),
            backend.render(&release, &templates)?,
        ));
        kinds.push(format);
    }
    let out_dir = out_dir_of(path, options);
    std::fs::create_dir_all(&out_dir).map_err(|source| Error::Write {
        path: out_dir.clone(),
        source,
    })?;
    // The attestation of what was checked and written, beside the outputs.
    let attestation = crate::attest::Attestation::of(&crate::attest::BuildFacts {
        draft_path: path,
        draft_bytes: &draft_bytes,
        doc: &doc,
        report: &report,
        config: &linter.config,
        out_dir: &out_dir,
        draft_build: options.draft && errors > 0,
        checked_on: linter.today,
        outputs: outputs
            .iter()
            .zip(&kinds)
            .map(|((name, bytes), format)| {
                let standard = (*format == Format::Pdf).then(|| options.pdf_standard.to_string());
                (name.clone(), format.name(), standard, bytes.as_slice())
            })
            .collect(),
    })?;
    outputs.push((
        crate::attest::file_name(stem),
        attestation.to_json().into_bytes(),
    ));
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
        warnings: overdue_reviews(&doc, build_date()),
    })
}

/// The day of the build: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds), else today.
pub fn build_date() -> crate::draft::date::Date {
    crate::draft::date::Date::reference_day()
}

/// A warning for each published disclaimer whose `review_by` date is
/// before `today`: legal's approval is due for renewal.
pub fn overdue_reviews(
    doc: &crate::model::Document,
    today: crate::draft::date::Date,
) -> Vec<String> {
    let legends = crate::legend::Legends::shared(doc);
    let published = legends
        .listed
        .iter()
        .map(|l| &l.disclaimer)
        .chain(legends.pasted.iter().map(|p| &p.disclaimer));
    let mut out: Vec<String> = Vec::new();
    for d in published {
        let Some(due) = d.review_by else { continue };
        let warning = format!(
            "the approved text `{}` version {} was due for legal review on {due}; ask legal to review it and update `review_by` in its file",
            d.id, d.version
        );
        if due < today && !out.contains(&warning) {
            out.push(warning);
        }
    }
    out
}

/// Whether two paths name the same existing file (so the draft is never overwritten).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
