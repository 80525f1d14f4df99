//! The lint engine: read a draft, parse it into the document model, run
//! every rule (and the pair rules with its counterpart, see [`crate::pair`]),
//! apply configuration and suppressions, and return the findings in a
//! stable order.

pub mod batch;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, FileReport};
use crate::disclaimers::Library;
use crate::draft::date::Date;
use crate::error::{Error, Result};
use crate::model::{Document, ParseOptions};
use crate::source::SourceFile;
use crate::suppress::Allowance;
use crate::{pair, rules, suppress};
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

    /// Lint one draft. A draft that names its counterpart with
    /// `translation_of` is checked with it (read from disk): the pair's
    /// findings on this draft are among its findings.
    pub fn lint(&self, source: SourceFile) -> FileReport {
        self.lint_reading(source, &read_draft)
    }

    /// [`Linter::lint`], reading the counterpart with `read` (the staged
    /// content for `relkit lint --staged`).
    pub fn lint_reading(&self, source: SourceFile, read: &ReadFn<'_>) -> FileReport {
        let (doc, diagnostics, allowances) = self.diagnose(source, false, read);
        FileReport {
            source: doc.source,
            diagnostics,
            allowances,
        }
    }

    /// Lint one draft and keep its document model (for building it); a
    /// counterpart named by `translation_of` is checked as by [`Linter::lint`].
    pub fn check(&self, source: SourceFile) -> (Document, FileReport) {
        let (doc, diagnostics, allowances) = self.diagnose(source, true, &read_draft);
        let report = FileReport {
            source: doc.source.clone(),
            diagnostics,
            allowances,
        };
        (doc, report)
    }

    /// Lint two drafts as a pair (`relkit lint --pair A B`, or two drafts of
    /// one run where one names the other): each with its own linter, the
    /// pair checked once, and each draft's side of every pair finding in its
    /// own report.
    pub fn lint_pair(
        first: (&Linter, SourceFile),
        second: (&Linter, SourceFile),
    ) -> [FileReport; 2] {
        let (first_linter, first_source) = first;
        let (second_linter, second_source) = second;
        let (first_doc, mut first_diags) = first_linter.raw(first_source, false);
        let (second_doc, mut second_diags) = second_linter.raw(second_source, false);
        let found = pair::check_given(&first_doc, &second_doc);
        first_diags.extend(found.first);
        second_diags.extend(found.second);
        let (first_diags, first_allowances) = first_linter.finish(&first_doc, first_diags);
        let (second_diags, second_allowances) = second_linter.finish(&second_doc, second_diags);
        [
            FileReport {
                source: first_doc.source,
                diagnostics: first_diags,
                allowances: first_allowances,
            },
            FileReport {
                source: second_doc.source,
                diagnostics: second_diags,
                allowances: second_allowances,
            },
        ]
    }

    /// Parse, run the rules (and the pair's, when the draft names its
    /// counterpart), apply configuration and suppressions, and sort.
    fn diagnose(
        &self,
        source: SourceFile,
        keep_events: bool,
        read: &ReadFn<'_>,
    ) -> (Document, Vec<Diagnostic>, Vec<Allowance>) {
        let (doc, mut diags) = self.raw(source, keep_events);
        diags.extend(self.counterpart_findings(&doc, read));
        let (diags, allowances) = self.finish(&doc, diags);
        (doc, diags, allowances)
    }

    /// Parse and run the rules of one draft.
    fn raw(&self, source: SourceFile, keep_events: bool) -> (Document, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let doc = self.parse_keeping(source, keep_events, &mut diags);
        diags.extend(rules::run_checks(&doc));
        (doc, diags)
    }

    /// The pair's findings on `doc` when it names its counterpart and is
    /// linted alone: the counterpart is read with `read` and parsed with
    /// this linter's settings.
    fn counterpart_findings(&self, doc: &Document, read: &ReadFn<'_>) -> Vec<Diagnostic> {
        let Some(named) = pair::named(doc) else {
            return Vec::new();
        };
        match read(&named.path) {
            Ok(source) => {
                let other = self.parse(source, &mut Vec::new());
                pair::check_named(doc, &named, &other)
            }
            Err(e) => vec![crate::rules::pair006_invalid_counterpart::unreadable(
                &named, &e,
            )],
        }
    }

    /// Apply configuration and suppressions (and allowances) to a draft's
    /// findings, and sort; the exceptions that apply are returned with them.
    fn finish(
        &self,
        doc: &Document,
        mut diags: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, Vec<Allowance>) {
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
            doc,
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
        (diags, allowances)
    }

    /// Read and lint a draft on disk.
    pub fn lint_path(&self, path: &Path) -> Result<FileReport> {
        Ok(self.lint(read_draft(path)?))
    }
}

/// How a counterpart is read: from disk ([`read_draft`]) or from the staged
/// content of a commit.
pub type ReadFn<'a> = dyn Fn(&Path) -> Result<SourceFile> + Sync + 'a;

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
