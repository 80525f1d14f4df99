//! The lint engine: read a draft, parse it into the document model, run
//! every rule, apply configuration and suppressions, and return the
//! findings in a stable order.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, FileReport};
use crate::disclaimers::Library;
use crate::draft::date::Date;
use crate::error::{Error, Result};
use crate::model::{Document, ParseOptions};
use crate::source::SourceFile;
use crate::suppress::Allowance;
use crate::{rules, suppress};
use std::path::Path;
use std::sync::Arc;

/// Everything a lint run needs besides the draft.
#[derive(Debug, Clone)]
pub struct Linter {
    /// The configuration.
    pub config: Config,
    /// The disclaimer library.
    pub library: Arc<Library>,
    /// The day allowance expiry dates are judged by (`SOURCE_DATE_EPOCH`
    /// or today).
    pub today: Date,
}

impl Linter {
    /// A linter with `config`, whose disclaimer folder (if any) is loaded.
    pub fn new(config: Config) -> Result<Linter> {
        let mut library = Library::bundled();
        if let Some(folder) = &config.disclaimers {
            library.load_folder(folder)?;
        }
        Ok(Linter {
            config,
            library: Arc::new(library),
            today: Date::reference_day(),
        })
    }

    /// Parse a draft with this linter's settings.
    pub fn parse(&self, source: SourceFile, diags: &mut Vec<Diagnostic>) -> Document {
        self.parse_keeping(source, false, diags)
    }

    /// [`Linter::parse`], keeping the body's Markdown events in the
    /// document when `keep_events` (for building it).
    fn parse_keeping(
        &self,
        source: SourceFile,
        keep_events: bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Document {
        let options = ParseOptions {
            default_fx_rate: self.config.fx_rate,
            fx_rounding: self.config.fx_rounding,
            library: Some(Arc::clone(&self.library)),
            keep_events,
        };
        Document::parse(source, options, diags)
    }

    /// Lint one draft.
    pub fn lint(&self, source: SourceFile) -> FileReport {
        let (doc, diagnostics, allowances) = self.diagnose(source, false);
        FileReport {
            source: doc.source,
            diagnostics,
            allowances,
        }
    }

    /// Lint one draft and keep its document model (for building it).
    pub fn check(&self, source: SourceFile) -> (Document, FileReport) {
        let (doc, diagnostics, allowances) = self.diagnose(source, true);
        let report = FileReport {
            source: doc.source.clone(),
            diagnostics,
            allowances,
        };
        (doc, report)
    }

    /// Parse, run the rules, apply configuration and suppressions, and sort.
    fn diagnose(
        &self,
        source: SourceFile,
        keep_events: bool,
    ) -> (Document, Vec<Diagnostic>, Vec<Allowance>) {
        let mut diags = Vec::new();
        let doc = self.parse_keeping(source, keep_events, &mut diags);
        diags.extend(rules::run_checks(&doc));
        // Configuration first: a rule that is off is never reported.
        let config = &self.config;
        diags.retain_mut(|d| {
            let default = rules::find(d.code).map_or(d.severity, |r| r.default_severity);
            match config.severity(d.code, default) {
                Some(s) => {
                    d.severity = s;
                    true
                }
                None => false,
            }
        });
        let is_off = |code: &str| {
            config
                .severity(code, crate::diagnostics::Severity::Note)
                .is_none()
        };
        let config_allowances = config.allowances_for(doc.source.path());
        let allowances = suppress::apply(
            &doc,
            &mut diags,
            &suppress::Context {
                is_off: &is_off,
                today: self.today,
                config_allowances: &config_allowances,
                policy: config.allowance_policy,
            },
        );
        diags.retain_mut(|d| {
            if let Some(s) = config.severity(d.code, d.severity) {
                d.severity = s;
                true
            } else {
                false
            }
        });
        diags.sort_by(|a, b| {
            (a.span.start, a.span.end, a.code, &a.message).cmp(&(
                b.span.start,
                b.span.end,
                b.code,
                &b.message,
            ))
        });
        diags.dedup();
        (doc, diags, allowances)
    }

    /// Read and lint a draft on disk.
    pub fn lint_path(&self, path: &Path) -> Result<FileReport> {
        Ok(self.lint(read_draft(path)?))
    }
}

/// Read a draft, refusing missing, binary, non-UTF-8 and empty files with a clear error.
pub fn read_draft(path: &Path) -> Result<SourceFile> {
    let bytes = std::fs::read(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_path_buf(),
        },
        _ => Error::Read {
            path: path.to_path_buf(),
            source,
        },
    })?;
    source_from_bytes(path, bytes)
}

/// Check raw bytes and wrap them as a draft named `path`.
pub fn source_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile> {
    if bytes.contains(&0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
        });
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = std::str::from_utf8(bytes.get(..valid).unwrap_or(&[])).unwrap_or("");
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Error::NotUtf8 {
                path: path.to_path_buf(),
                line,
                column,
                byte: bytes.get(valid).copied().unwrap_or(0),
            });
        }
    };
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(SourceFile::new(path, text))
}
