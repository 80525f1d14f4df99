//! Build attestations and their verification.
//!
//! Every `relkit build` writes, beside its outputs, `<name>.relkit.json`:
//! what was checked and what was published — the relkit version, the
//! SHA-256 of the draft, of `relkit.toml` and of every output, each rule's
//! severity, the disclaimers with their versions and text hashes, the
//! exchange rate with its date and source, the suppression comments in the
//! draft, and the lint result. It holds no clock reading: the same build
//! gives the same bytes (only `SOURCE_DATE_EPOCH`, when set, is recorded).
//!
//! [`verify`] is the auditor's one command: the published file still has
//! the hash the attestation records (and a PDF carries the draft's hash in
//! its XMP metadata), the draft and the configuration are unchanged, and the
//! draft lints today with the same result.

use crate::config::Config;
use crate::diagnostics::{FileReport, Severity};
use crate::error::{Error, Result};
use crate::lint::Linter;
use crate::model::Document;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Component, Path, PathBuf};

/// The attestation format's version.
pub const FORMAT: u32 = 2;

/// The attestation's file name for a draft named `stem`.
pub fn file_name(stem: &str) -> String {
    format!("{stem}.relkit.json")
}

/// SHA-256 of `bytes`, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// What one build checked and wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attestation {
    /// The format version ([`FORMAT`]).
    pub attestation: u32,
    /// The relkit version that built it.
    pub relkit: String,
    /// `SOURCE_DATE_EPOCH`, when the build had one (the PDF's dates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_date_epoch: Option<i64>,
    /// The day the draft was checked (the date of `SOURCE_DATE_EPOCH`, else
    /// the build's day): allowance expiry dates were judged by it, and
    /// `relkit verify` judges them by it again.
    pub checked_on: String,
    /// The draft, its path relative to the attestation's folder.
    pub draft: FileHash,
    /// `relkit.toml`, when there was one.
    pub config: Option<FileHash>,
    /// The release's version in the other language (`translation_of`),
    /// which the draft was checked against, when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<FileHash>,
    /// Built with `--draft` despite errors (outputs marked DRAFT).
    pub draft_build: bool,
    /// The files written.
    pub outputs: Vec<Output>,
    /// Every rule and its severity under the configuration (`off` included).
    pub rules: Vec<RuleSetting>,
    /// The disclaimers published.
    pub disclaimers: Vec<DisclaimerUse>,
    /// The exchange rate used for the convenience translations.
    pub fx: Option<FxUse>,
    /// Every exception to the rules that applied to the draft: allowance
    /// and suppression comments, and `[[allow]]` entries of relkit.toml.
    pub allowances: Vec<AllowanceUse>,
    /// The lint result the release was built with.
    pub lint: LintResult,
}

/// A file and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHash {
    /// Relative to the attestation's folder, with `/`.
    pub path: String,
    /// Lower-case hex.
    pub sha256: String,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// The file name, in the attestation's folder.
    pub file: String,
    /// `html`, `edgar` or `pdf`.
    pub format: String,
    /// Lower-case hex.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
    /// The PDF's archival standard ("PDF/A-2b").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
}

/// A rule's severity for this build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSetting {
    /// The code.
    pub code: String,
    /// `error`, `warning`, `note` or `off`.
    pub severity: String,
}

/// A published disclaimer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclaimerUse {
    /// The library id.
    pub id: String,
    /// `listed` (in the front matter, printed by the build) or `pasted`
    /// (written into the text).
    pub how: String,
    /// For a pasted text: whether it is word for word the approved one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verbatim: Option<bool>,
    /// For a pasted superseded version: the version that replaced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// `en` or `ja`.
    pub lang: String,
    /// The approved version.
    pub version: String,
    /// SHA-256 of the approved text (before parameters are filled in).
    pub text_sha256: String,
    /// The date from which the version is approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    /// The date by which legal must review it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<String>,
}

/// The exchange rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FxUse {
    /// Yen per US dollar.
    pub rate: String,
    /// The date of the rate.
    pub as_of: Option<String>,
    /// Where it comes from.
    pub source: Option<String>,
}

/// One exception to one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceUse {
    /// Where it is written: `draft.md:12` or `relkit.toml:30` (relative to
    /// the attestation's folder).
    pub at: String,
    /// `relkit-allow`, `relkit-disable`, `relkit-disable-next-line` or `relkit.toml`.
    pub directive: String,
    /// The rule.
    pub rule: String,
    /// Why it was allowed.
    pub reason: Option<String>,
    /// Who allowed it.
    pub by: Option<String>,
    /// The last day it applies.
    pub until: Option<String>,
    /// `used`, `unused`, `expired`, `incomplete`, `forbidden` or `rule-off`.
    pub status: crate::suppress::Status,
    /// How many findings it silenced.
    pub silenced: usize,
}

/// The lint result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LintResult {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
    /// Every finding.
    pub findings: Vec<Finding>,
}

/// One finding, where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule.
    pub code: String,
    /// Its severity.
    pub severity: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The message.
    pub message: String,
}

impl LintResult {
    /// The result of `report`.
    pub fn of(report: &FileReport) -> LintResult {
        LintResult {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            notes: report.count(Severity::Note),
            findings: report
                .diagnostics
                .iter()
                .map(|d| {
                    let at = report.source.line_col(d.span.start);
                    Finding {
                        code: d.code.to_string(),
                        severity: d.severity.as_str().to_string(),
                        line: at.line,
                        column: at.column,
                        message: d.message.clone(),
                    }
                })
                .collect(),
        }
    }

    /// Whether `other` finds the same things in the same places (messages
    /// may be worded differently by another relkit version).
    fn same_findings(&self, other: &LintResult) -> bool {
        let key = |r: &LintResult| -> Vec<(String, String, usize, usize)> {
            r.findings
                .iter()
                .map(|f| (f.code.clone(), f.severity.clone(), f.line, f.column))
                .collect()
        };
        self.errors == other.errors
            && self.warnings == other.warnings
            && self.notes == other.notes
            && key(self) == key(other)
    }
}

/// What a build knows when it writes its attestation.
pub struct BuildFacts<'a> {
    /// The draft's path.
    pub draft_path: &'a Path,
    /// The draft's bytes as read.
    pub draft_bytes: &'a [u8],
    /// The parsed draft.
    pub doc: &'a Document,
    /// Its lint report.
    pub report: &'a FileReport,
    /// The configuration it was linted with.
    pub config: &'a Config,
    /// The output folder.
    pub out_dir: &'a Path,
    /// Built with `--draft` despite errors.
    pub draft_build: bool,
    /// The day the draft was checked (allowance expiry was judged by it).
    pub checked_on: crate::draft::date::Date,
    /// (file name, format, standard, bytes) of each output.
    pub outputs: Vec<(String, &'static str, Option<String>, &'a [u8])>,
}

impl Attestation {
    /// The attestation of a build.
    pub fn of(facts: &BuildFacts<'_>) -> Result<Attestation> {
        let config = match &facts.config.path {
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })?;
                Some(FileHash {
                    path: relative(facts.out_dir, path),
                    sha256: sha256_hex(&bytes),
                })
            }
            None => None,
        };
        let rules = crate::rules::RULES
            .iter()
            .map(|rule| RuleSetting {
                code: rule.code.to_string(),
                severity: facts
                    .config
                    .severity(rule.code, rule.default_severity)
                    .map_or("off", Severity::as_str)
                    .to_string(),
            })
            .collect();
        let legends = crate::legend::Legends::shared(facts.doc);
        let use_of = |d: &crate::disclaimers::Disclaimer, how: &str| DisclaimerUse {
            id: d.id.clone(),
            how: how.to_string(),
            verbatim: None,
            superseded_by: None,
            lang: d.lang.tag().to_string(),
            version: d.version.clone(),
            text_sha256: d.text_sha256(),
            effective: d.effective.map(|d| d.to_string()),
            review_by: d.review_by.map(|d| d.to_string()),
        };
        let disclaimers = legends
            .listed
            .iter()
            .map(|l| use_of(&l.disclaimer, "listed"))
            .chain(legends.pasted.iter().map(|p| DisclaimerUse {
                verbatim: Some(p.is_verbatim()),
                superseded_by: p.current.as_ref().map(|c| c.version.clone()),
                ..use_of(&p.disclaimer, "pasted")
            }))
            .collect();
        let fm = facts.doc.front_matter.as_ref();
        let fx_entry = fm.and_then(|f| f.fx.as_ref());
        let fx = facts.doc.fx_rate.map(|rate| FxUse {
            rate: rate.normalize().to_string(),
            as_of: fx_entry
                .and_then(|fx| fx.as_of.as_ref())
                .map(|d| d.value.to_string()),
            source: fx_entry
                .and_then(|fx| fx.source.as_ref())
                .map(|s| s.value.clone()),
        });
        let counterpart = crate::pair::named(facts.doc).and_then(|named| {
            let bytes = std::fs::read(&named.path).ok()?;
            Some(FileHash {
                path: relative(facts.out_dir, &named.path),
                sha256: sha256_hex(&bytes),
            })
        });
        let draft_name = relative(facts.out_dir, facts.draft_path);
        let allowances = facts
            .report
            .allowances
            .iter()
            .map(|a| AllowanceUse {
                at: match &a.origin {
                    crate::suppress::Origin::Comment(span) => format!(
                        "{draft_name}:{}",
                        facts.report.source.line_col(span.start).line
                    ),
                    crate::suppress::Origin::Config { path, line, .. } => {
                        format!("{}:{line}", relative(facts.out_dir, path))
                    }
                },
                directive: a.directive.to_string(),
                rule: a.code.to_string(),
                reason: a.reason.clone(),
                by: a.by.clone(),
                until: a.until.map(|d| d.to_string()),
                status: a.status,
                silenced: a.silenced,
            })
            .collect();
        Ok(Attestation {
            attestation: FORMAT,
            relkit: env!("CARGO_PKG_VERSION").to_string(),
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| v.trim().parse().ok()),
            checked_on: facts.checked_on.to_string(),
            draft: FileHash {
                path: relative(facts.out_dir, facts.draft_path),
                sha256: sha256_hex(facts.draft_bytes),
            },
            config,
            counterpart,
            draft_build: facts.draft_build,
            outputs: facts
                .outputs
                .iter()
                .map(|(file, format, standard, bytes)| Output {
                    file: file.clone(),
                    format: (*format).to_string(),
                    sha256: sha256_hex(bytes),
                    bytes: bytes.len() as u64,
                    standard: standard.clone(),
                })
                .collect(),
            rules,
            disclaimers,
            fx,
            allowances,
            lint: LintResult::of(facts.report),
        })
    }

    /// As pretty JSON with a final newline (stable key order).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The path of `to` relative to the folder `from`, with `/` (absolute
/// when the two share no root).
fn relative(from: &Path, to: &Path) -> String {
    let absolute = |p: &Path| -> PathBuf {
        std::fs::canonicalize(p).unwrap_or_else(|_| {
            std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        })
    };
    let from = absolute(from);
    let to = absolute(to);
    let from_parts: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from_parts
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return to.display().to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    for _ in common..from_parts.len() {
        parts.push("..".into());
    }
    for part in to_parts.iter().skip(common) {
        parts.push(part.as_os_str().to_string_lossy().into_owned());
    }
    parts.join("/")
}

/// One check `relkit verify` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked, for a reader ("iij-3q02.pdf is the file that was built").
    pub what: String,
    /// Whether it holds.
    pub ok: bool,
    /// Why not, or a remark.
    pub detail: Option<String>,
}

/// The result of verifying one published file.
#[derive(Debug, Clone)]
pub struct Verification {
    /// The attestation used.
    pub attestation_path: PathBuf,
    /// The checks, in order.
    pub checks: Vec<Check>,
}

impl Verification {
    /// Whether every check holds.
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }
}

/// Verify `path` — a published file, or an attestation (then every output
/// it lists) — against its attestation.
pub fn verify(path: &Path) -> Result<Verification> {
    let (attestation_path, only) = find_attestation(path)?;
    let text = std::fs::read_to_string(&attestation_path).map_err(|source| Error::Read {
        path: attestation_path.clone(),
        source,
    })?;
    let attestation: Attestation = serde_json::from_str(&text).map_err(|e| Error::Attestation {
        path: attestation_path.clone(),
        message: format!(
            "line {}, column {}: not a relkit attestation ({e})",
            e.line(),
            e.column()
        ),
    })?;
    let folder = attestation_path
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let mut checks = Vec::new();
    let hash_of = |p: &Path| std::fs::read(p).map(|b| sha256_hex(&b));

    // 1. The published files are the ones that were built.
    for output in &attestation.outputs {
        if only.as_deref().is_some_and(|name| name != output.file) {
            continue;
        }
        let file = folder.join(&output.file);
        let check = match hash_of(&file) {
            Ok(hash) if hash == output.sha256 => Check {
                what: format!("{} is the file that was built", output.file),
                ok: true,
                detail: None,
            },
            Ok(hash) => Check {
                what: format!("{} is the file that was built", output.file),
                ok: false,
                detail: Some(format!(
                    "it has been changed since the build: SHA-256 {hash}, the attestation records {}",
                    output.sha256
                )),
            },
            Err(e) => Check {
                what: format!("{} is the file that was built", output.file),
                ok: false,
                detail: Some(format!("it cannot be read: {e}")),
            },
        };
        checks.push(check);
        if output.format == "pdf" {
            checks.push(pdf_metadata_check(&file, &output.file, &attestation));
        }
    }
    if let Some(name) = &only
        && !attestation.outputs.iter().any(|o| &o.file == name)
    {
        checks.push(Check {
            what: format!("{name} is listed in the attestation"),
            ok: false,
            detail: Some(format!(
                "{} lists no such output",
                attestation_path.display()
            )),
        });
    }

    // 2. The draft and the configuration are the ones that were checked.
    let draft_path = folder.join(&attestation.draft.path);
    let draft_ok = match hash_of(&draft_path) {
        Ok(hash) if hash == attestation.draft.sha256 => {
            checks.push(Check {
                what: format!("the draft {} is unchanged", attestation.draft.path),
                ok: true,
                detail: None,
            });
            true
        }
        Ok(hash) => {
            checks.push(Check {
                what: format!("the draft {} is unchanged", attestation.draft.path),
                ok: false,
                detail: Some(format!(
                    "it has been edited since the build: SHA-256 {hash}, the attestation records {}",
                    attestation.draft.sha256
                )),
            });
            false
        }
        Err(e) => {
            checks.push(Check {
                what: format!("the draft {} is unchanged", attestation.draft.path),
                ok: false,
                detail: Some(format!("it cannot be read: {e}")),
            });
            false
        }
    };
    if let Some(config) = &attestation.config {
        let config_path = folder.join(&config.path);
        let ok = hash_of(&config_path).is_ok_and(|h| h == config.sha256);
        checks.push(Check {
            what: format!("the configuration {} is unchanged", config.path),
            ok,
            detail: (!ok).then(|| "it has been changed or removed since the build".to_string()),
        });
    }

    if let Some(counterpart) = &attestation.counterpart {
        let path = folder.join(&counterpart.path);
        let ok = hash_of(&path).is_ok_and(|h| h == counterpart.sha256);
        checks.push(Check {
            what: format!(
                "the other-language version {} is unchanged",
                counterpart.path
            ),
            ok,
            detail: (!ok).then(|| {
                "it has been changed or removed since the build; the pair was checked against the version recorded".to_string()
            }),
        });
    }

    // 3. The draft lints today as it did.
    if draft_ok {
        let draft_folder = draft_path.parent().unwrap_or(Path::new("."));
        let mut linter = Linter::new(Config::discover(draft_folder)?)?;
        // Judge allowance dates as the build did, so that the result can be
        // compared; an allowance that has expired since is a remark.
        let checked_on = crate::draft::date::Date::parse(&attestation.checked_on);
        if let Some(day) = checked_on {
            linter.today = day;
        }
        let (doc, report) = linter.check(crate::lint::read_draft(&draft_path)?);
        checks.push(disclaimer_check(&attestation, &doc));
        let today = crate::draft::date::Date::reference_day();
        let lapsed: Vec<String> = report
            .allowances
            .iter()
            .filter(|a| a.status == crate::suppress::Status::Used)
            .filter_map(|a| {
                let until = a.until?;
                (until < today).then(|| {
                    format!(
                        "`{}` by {} (until {until})",
                        a.code,
                        a.by.as_deref().unwrap_or("?")
                    )
                })
            })
            .collect();
        if !lapsed.is_empty() {
            checks.push(Check {
                what: "the allowances the build relied on are still in force".to_string(),
                ok: true,
                detail: Some(format!(
                    "expired since the build: {}; the published files stay valid, but a new build would report the findings",
                    lapsed.join(", ")
                )),
            });
        }
        let now = LintResult::of(&report);
        let same = now.same_findings(&attestation.lint);
        let version_note = (attestation.relkit != env!("CARGO_PKG_VERSION")).then(|| {
            format!(
                "built with relkit {}, checked again with relkit {}",
                attestation.relkit,
                env!("CARGO_PKG_VERSION")
            )
        });
        checks.push(Check {
            what: format!(
                "the draft lints with the recorded result ({} errors, {} warnings, {} notes)",
                attestation.lint.errors, attestation.lint.warnings, attestation.lint.notes
            ),
            ok: same,
            detail: if same {
                version_note
            } else {
                Some(format!(
                    "today it has {} errors, {} warnings, {} notes{}",
                    now.errors,
                    now.warnings,
                    now.notes,
                    version_note.map(|n| format!(" ({n})")).unwrap_or_default()
                ))
            },
        });
    }
    Ok(Verification {
        attestation_path,
        checks,
    })
}

/// Whether the approved texts of the draft are, in today's library, the
/// versions (and the very words) the release was published with.
fn disclaimer_check(attestation: &Attestation, doc: &Document) -> Check {
    let legends = crate::legend::Legends::shared(doc);
    let now: Vec<(String, &str, String, String)> = legends
        .listed
        .iter()
        .map(|l| (&l.disclaimer, "listed"))
        .chain(legends.pasted.iter().map(|p| (&p.disclaimer, "pasted")))
        .map(|(d, how)| {
            (
                format!("{} ({})", d.id, d.lang.tag()),
                how,
                d.version.clone(),
                d.text_sha256(),
            )
        })
        .collect();
    let mut problems = Vec::new();
    for recorded in &attestation.disclaimers {
        let name = format!("{} ({})", recorded.id, recorded.lang);
        match now
            .iter()
            .find(|(n, how, ..)| *n == name && *how == recorded.how)
        {
            None => problems.push(format!(
                "`{}` was published ({}, version {}) but the draft no longer gets it from the library",
                recorded.id, recorded.how, recorded.version
            )),
            Some((_, _, version, _)) if *version != recorded.version => problems.push(format!(
                "`{}` was published at version {}, but the library now has version {version}",
                recorded.id, recorded.version
            )),
            Some((_, _, _, hash)) if *hash != recorded.text_sha256 => problems.push(format!(
                "the approved wording of `{}` version {} has changed since the build (SHA-256 {hash}, the record has {})",
                recorded.id, recorded.version, recorded.text_sha256
            )),
            Some(_) => {}
        }
    }
    for (name, how, version, _) in &now {
        if !attestation
            .disclaimers
            .iter()
            .any(|r| format!("{} ({})", r.id, r.lang) == *name && r.how == *how)
        {
            problems.push(format!(
                "the draft now gets `{name}` version {version} ({how}), which the release was not published with"
            ));
        }
    }
    Check {
        what: format!(
            "the approved texts are the versions that were published ({})",
            if attestation.disclaimers.is_empty() {
                "none".to_string()
            } else {
                attestation
                    .disclaimers
                    .iter()
                    .map(|d| format!("{} v{}", d.id, d.version))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ),
        ok: problems.is_empty(),
        detail: (!problems.is_empty()).then(|| problems.join("; ")),
    }
}

/// The attestation for `path`, and the output to check (`None`: all).
fn find_attestation(path: &Path) -> Result<(PathBuf, Option<String>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(".relkit.json") {
        if !path.is_file() {
            return Err(Error::NotFound {
                path: path.to_path_buf(),
            });
        }
        return Ok((path.to_path_buf(), None));
    }
    if !path.is_file() {
        return Err(Error::NotFound {
            path: path.to_path_buf(),
        });
    }
    let folder = path.parent().unwrap_or(Path::new("."));
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let mut candidates: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|source| Error::Read {
            path: folder.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".relkit.json"))
        .collect();
    candidates.sort();
    for candidate in candidates {
        let Ok(text) = std::fs::read_to_string(&candidate) else {
            continue;
        };
        let Ok(attestation) = serde_json::from_str::<Attestation>(&text) else {
            continue;
        };
        if attestation.outputs.iter().any(|o| o.file == name) {
            return Ok((candidate, Some(name)));
        }
    }
    Err(Error::Attestation {
        path: path.to_path_buf(),
        message: format!(
            "no attestation beside it lists this file; relkit build writes NAME.relkit.json next to the outputs — keep it with them (looked in {})",
            folder.display()
        ),
    })
}

/// The PDF carries the draft's hash and relkit's version in its XMP.
fn pdf_metadata_check(file: &Path, name: &str, attestation: &Attestation) -> Check {
    let what = format!("{name} names the attested draft in its metadata");
    let found = lopdf::Document::load(file)
        .ok()
        .and_then(|doc| {
            let id = doc
                .catalog()
                .ok()?
                .get(b"Metadata")
                .ok()?
                .as_reference()
                .ok()?;
            let stream = doc.get_object(id).ok()?.as_stream().ok()?;
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            String::from_utf8(content).ok()
        })
        .and_then(|xmp| {
            let start = xmp.find("<relkit:DraftSHA256>")? + "<relkit:DraftSHA256>".len();
            let end = start + xmp.get(start..)?.find('<')?;
            xmp.get(start..end).map(str::to_string)
        });
    match found {
        Some(hash) if hash == attestation.draft.sha256 => Check {
            what,
            ok: true,
            detail: None,
        },
        Some(hash) => Check {
            what,
            ok: false,
            detail: Some(format!(
                "its metadata names the draft SHA-256 {hash}, the attestation {}",
                attestation.draft.sha256
            )),
        },
        None => Check {
            what,
            ok: false,
            detail: Some("its XMP metadata has no relkit:DraftSHA256".into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn relative_paths() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("a/out");
        std::fs::create_dir_all(&out).expect("mkdir");
        std::fs::write(dir.path().join("a/draft.md"), "x").expect("write");
        assert_eq!(
            relative(&out, &dir.path().join("a/draft.md")),
            "../draft.md"
        );
        assert_eq!(
            relative(&dir.path().join("a"), &dir.path().join("a/draft.md")),
            "draft.md"
        );
    }
}
