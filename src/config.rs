//! `relkit.toml`: rule severities, the default exchange rate, disclaimer and
//! template folders, and which files are drafts. Found from the draft's
//! folder upward.
//!
//! ```toml
//! [rules]
//! FMT003 = "error"     # error | warning | note | off
//!
//! [fx]
//! rate = 118.75        # yen per US dollar, used when a draft states none
//!
//! [paths]
//! disclaimers = "legal/disclaimers"
//! templates = "templates"
//!
//! [files]
//! include = ["releases/**/*.md"]
//! exclude = ["**/README.md"]
//!
//! [[allow]]            # a signed exception, reviewed with the pull request
//! rule = "FX001"
//! files = ["releases/2003/*.md"]
//! reason = "restated figures keep the rate of the original release"
//! by = "legal:KT"
//! until = 2027-03-31
//!
//! [allowances]         # the project's policy for exceptions
//! require_signed = true  # relkit-disable comments are not enough
//! max_days = 366         # no exception may run longer
//!
//! [fonts]              # the PDF's typefaces (TrueType or OpenType files)
//! regular = "brand/Corporate-Regular.ttf"
//! bold = "brand/Corporate-Bold.ttf"
//! japanese = "brand/Corporate-JP-Regular.otf"
//! japanese_bold = "brand/Corporate-JP-Bold.otf"
//! ```

use crate::diagnostics::Severity;
use crate::draft::format::parse_decimal;
use crate::error::{Error, Result};
use crate::source::SourceFile;
use crate::{rules, suggest};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The configuration file name.
pub const FILE_NAME: &str = "relkit.toml";

/// A severity setting, including `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Report with this severity.
    On(Severity),
    /// Do not report.
    Off,
}

/// The effective configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    /// Severity overrides by rule code.
    pub rules: BTreeMap<&'static str, Level>,
    /// Default yen-per-dollar rate.
    pub fx_rate: Option<Decimal>,
    /// How printed amounts were shortened: `round` (default) or `truncate`.
    pub fx_rounding: crate::amounts::Rounding,
    /// Folder of the project's own disclaimers.
    pub disclaimers: Option<PathBuf>,
    /// Folder of the project's own templates.
    pub templates: Option<PathBuf>,
    /// The PDF's own typefaces (`[fonts]`), replacing bundled ones.
    pub fonts: FontFiles,
    /// Signed exceptions (`[[allow]]`), in file order.
    pub allowances: Vec<ConfigAllowance>,
    /// The project's policy for exceptions (`[allowances]`).
    pub allowance_policy: AllowancePolicy,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

/// `[allowances]`: how strict the project is about exceptions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AllowancePolicy {
    /// Unsigned `relkit-disable` comments are errors (`FMT008`) and silence
    /// nothing: every exception must be a signed `relkit-allow`.
    pub require_signed: bool,
    /// The longest an allowance may run, in days from the day it is checked;
    /// an `until` further away is `FMT008`.
    pub max_days: Option<u32>,
}

/// A signed exception in `relkit.toml`: findings of `code` are allowed in
/// the drafts that `files` matches, until the end of `until`. The only way
/// to allow a compliance-critical rule ([`rules::FORBIDDEN_INLINE`]).
#[derive(Debug, Clone)]
pub struct ConfigAllowance {
    /// The rule.
    pub code: &'static str,
    /// The glob patterns as written (relative to relkit.toml).
    pub patterns: Vec<String>,
    files: GlobSet,
    /// Why the findings are acceptable.
    pub reason: String,
    /// Who allowed them.
    pub by: String,
    /// The last day the exception applies.
    pub until: crate::draft::date::Date,
    /// The configuration file.
    pub path: PathBuf,
    /// The line of its `[[allow]]` header (1-based).
    pub line: usize,
}

impl ConfigAllowance {
    /// `relkit.toml:12`, the path relative to the current folder when it
    /// is inside it.
    pub fn location(&self) -> String {
        let path = std::env::current_dir()
            .ok()
            .and_then(|cwd| std::fs::canonicalize(cwd).ok())
            .and_then(|cwd| self.path.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| self.path.clone());
        format!("{}:{}", path.display(), self.line)
    }
}

/// Font files named in `[fonts]`, each replacing one bundled face; a face
/// not named stays the bundled one. Characters the Latin faces lack are
/// set in the Japanese faces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontFiles {
    /// Text (Latin) face (bundled: Noto Sans Regular).
    pub regular: Option<PathBuf>,
    /// Bold text face (bundled: Noto Sans Bold).
    pub bold: Option<PathBuf>,
    /// Japanese face (bundled: BIZ UDPGothic Regular).
    pub japanese: Option<PathBuf>,
    /// Bold Japanese face (bundled: BIZ UDPGothic Bold).
    pub japanese_bold: Option<PathBuf>,
}

impl FontFiles {
    /// Whether any face is replaced.
    pub fn any(&self) -> bool {
        self.regular.is_some()
            || self.bold.is_some()
            || self.japanese.is_some()
            || self.japanese_bold.is_some()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
    #[serde(default)]
    fx: Option<RawFx>,
    #[serde(default)]
    paths: Option<RawPaths>,
    #[serde(default)]
    files: Option<RawFiles>,
    #[serde(default)]
    fonts: Option<RawFonts>,
    #[serde(default)]
    allow: Vec<toml::Spanned<RawAllow>>,
    #[serde(default)]
    allowances: Option<RawAllowancePolicy>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllowancePolicy {
    require_signed: Option<bool>,
    max_days: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    rule: Option<toml::Spanned<String>>,
    files: Option<Vec<toml::Spanned<String>>>,
    reason: Option<toml::Spanned<String>>,
    by: Option<toml::Spanned<String>>,
    until: Option<toml::Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFonts {
    regular: Option<toml::Spanned<String>>,
    bold: Option<toml::Spanned<String>>,
    japanese: Option<toml::Spanned<String>>,
    japanese_bold: Option<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFx {
    rate: Option<toml::Spanned<toml::Value>>,
    rounding: Option<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPaths {
    disclaimers: Option<toml::Spanned<String>>,
    templates: Option<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFiles {
    #[serde(default)]
    include: Vec<toml::Spanned<String>>,
    #[serde(default)]
    exclude: Vec<toml::Spanned<String>>,
}

impl Config {
    /// Find `relkit.toml` in `start` or a parent folder and read it; the
    /// default configuration when there is none.
    pub fn discover(start: &Path) -> Result<Config> {
        let start = if start.as_os_str().is_empty() {
            Path::new(".")
        } else {
            start
        };
        let absolute = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
        for dir in absolute.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
        }
        Ok(Config::default())
    }

    /// Read a configuration file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::reading(path, source))?;
        Config::parse(path, &text)
    }

    /// Parse configuration text read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let source = SourceFile::new(path, text);
        let error_at = |offset: usize, message: String| {
            let at = source.line_col(offset);
            Error::Config {
                path: path.to_path_buf(),
                line: at.line,
                column: at.column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            error_at(offset, e.message().trim().to_string())
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let mut config = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        for (code, level) in &raw.rules {
            let span = level.span();
            let Some(rule) = rules::find(code.get_ref()) else {
                let codes = rules::RULES.iter().map(|r| r.code);
                let code = code.get_ref();
                let hint = suggest::did_you_mean(code, codes);
                return Err(error_at(
                    raw_key_start(text, code, level.span().start),
                    format!(
                        "[rules] names `{code}`, which is not a relkit rule; {}",
                        if hint.is_empty() {
                            "run `relkit rules` for the list".to_string()
                        } else {
                            hint
                        }
                    ),
                ));
            };
            let parsed = match level.get_ref().as_str() {
                "error" => Level::On(Severity::Error),
                "warning" | "warn" => Level::On(Severity::Warning),
                "note" | "info" => Level::On(Severity::Note),
                "off" | "allow" => Level::Off,
                other => {
                    return Err(error_at(
                        span.start,
                        format!(
                            "`{other}` is not a severity; use \"error\", \"warning\", \"note\" or \"off\""
                        ),
                    ));
                }
            };
            config.rules.insert(rule.code, parsed);
        }
        if let Some(rounding) = raw.fx.as_ref().and_then(|fx| fx.rounding.as_ref()) {
            config.fx_rounding = match rounding.get_ref().as_str() {
                "round" => crate::amounts::Rounding::Round,
                "truncate" => crate::amounts::Rounding::Truncate,
                other => {
                    return Err(error_at(
                        rounding.span().start,
                        format!("[fx] rounding must be \"round\" or \"truncate\", not `{other}`"),
                    ));
                }
            };
        }
        if let Some(rate) = raw.fx.and_then(|fx| fx.rate) {
            let fx_rate = rate;
            let span = fx_rate.span();
            let written = text
                .get(span.clone())
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            match parse_decimal(written) {
                Some(rate) if rate > Decimal::ZERO => config.fx_rate = Some(rate),
                _ => {
                    return Err(error_at(
                        span.start,
                        format!(
                            "[fx] rate must be a positive number of yen per US dollar, not `{written}`"
                        ),
                    ));
                }
            }
        }
        if let Some(paths) = raw.paths {
            let folder = |value: Option<toml::Spanned<String>>,
                          key: &str|
             -> Result<Option<PathBuf>> {
                let Some(value) = value else { return Ok(None) };
                let joined = base.join(value.get_ref());
                if joined.is_dir() {
                    Ok(Some(joined))
                } else {
                    Err(error_at(
                        value.span().start,
                        format!(
                            "[paths] {key} names the folder `{}`, which does not exist; create it or correct the path (it is relative to relkit.toml)",
                            value.get_ref()
                        ),
                    ))
                }
            };
            config.disclaimers = folder(paths.disclaimers, "disclaimers")?;
            config.templates = folder(paths.templates, "templates")?;
        }
        if let Some(files) = raw.files {
            config.include = globs(&files.include, "[files] include", &error_at)?;
            config.exclude = globs(&files.exclude, "[files] exclude", &error_at)?;
        }
        if let Some(policy) = &raw.allowances {
            config.allowance_policy = AllowancePolicy {
                require_signed: policy.require_signed.unwrap_or(false),
                max_days: policy.max_days,
            };
        }
        for entry in &raw.allow {
            config
                .allowances
                .push(allowance(path, text, entry, &error_at)?);
        }
        if let Some(fonts) = raw.fonts {
            let file = |value: Option<toml::Spanned<String>>,
                        key: &str|
             -> Result<Option<PathBuf>> {
                let Some(value) = value else { return Ok(None) };
                let joined = base.join(value.get_ref());
                if joined.is_file() {
                    Ok(Some(joined))
                } else {
                    Err(error_at(
                        value.span().start,
                        format!(
                            "[fonts] {key} names the font file `{}`, which does not exist; copy the font there or correct the path (it is relative to relkit.toml)",
                            value.get_ref()
                        ),
                    ))
                }
            };
            config.fonts = FontFiles {
                regular: file(fonts.regular, "regular")?,
                bold: file(fonts.bold, "bold")?,
                japanese: file(fonts.japanese, "japanese")?,
                japanese_bold: file(fonts.japanese_bold, "japanese_bold")?,
            };
        }
        Ok(config)
    }

    /// The severity of `code` under this configuration, or `None` when it is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            Some(Level::On(s)) => Some(*s),
            Some(Level::Off) => None,
            None => Some(default),
        }
    }

    /// Whether a file found while walking a folder is a draft to lint.
    /// `relative` is the path relative to the configuration's folder.
    pub fn is_draft(&self, relative: &Path) -> bool {
        let included = self
            .include
            .as_ref()
            .is_none_or(|set| set.is_match(relative));
        let excluded = self
            .exclude
            .as_ref()
            .is_some_and(|set| set.is_match(relative));
        included && !excluded
    }

    /// The `[[allow]]` entries whose `files` match the draft at `draft`.
    pub fn allowances_for(&self, draft: Option<&Path>) -> Vec<&ConfigAllowance> {
        let (Some(draft), Some(root)) = (draft, self.root()) else {
            return Vec::new();
        };
        if self.allowances.is_empty() {
            return Vec::new();
        }
        let absolute = |p: &Path| {
            std::fs::canonicalize(p).unwrap_or_else(|_| {
                std::env::current_dir()
                    .map(|cwd| cwd.join(p))
                    .unwrap_or_else(|_| p.to_path_buf())
            })
        };
        let root = absolute(root);
        let draft = absolute(draft);
        let Ok(relative) = draft.strip_prefix(&root) else {
            return Vec::new();
        };
        self.allowances
            .iter()
            .filter(|a| a.files.is_match(relative))
            .collect()
    }

    /// Whether `[files] include` chooses the drafts (instead of front matter).
    pub fn has_include(&self) -> bool {
        self.include.is_some()
    }

    /// The folder paths in the configuration are relative to.
    pub fn root(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }
}

/// Check one `[[allow]]` entry: every field present, a known rule that may
/// be allowed, valid globs and a real date.
fn allowance(
    path: &Path,
    text: &str,
    entry: &toml::Spanned<RawAllow>,
    error_at: &dyn Fn(usize, String) -> Error,
) -> Result<ConfigAllowance> {
    // The entry's header, `[[allow]]`, is the last one before its first key.
    let header = text
        .get(..entry.span().start.min(text.len()))
        .and_then(|before| before.rfind("[[allow]]"))
        .unwrap_or(entry.span().start);
    let line = text.get(..header).map_or(0, |t| t.matches('\n').count()) + 1;
    let raw = entry.get_ref();
    let missing = |key: &str| {
        error_at(
            header,
            format!(
                "this [[allow]] entry has no `{key}`; an exception must name its rule, files, reason, by (who allowed it) and until (the last day it applies)"
            ),
        )
    };
    let rule = raw.rule.as_ref().ok_or_else(|| missing("rule"))?;
    let Some(info) = rules::find(rule.get_ref()) else {
        let hint = suggest::did_you_mean(rule.get_ref(), rules::RULES.iter().map(|r| r.code));
        return Err(error_at(
            rule.span().start,
            format!(
                "[[allow]] names `{}`, which is not a relkit rule; {}",
                rule.get_ref(),
                if hint.is_empty() {
                    "run `relkit rules` for the list".to_string()
                } else {
                    hint
                }
            ),
        ));
    };
    if rules::UNSUPPRESSIBLE.contains(&info.code) {
        return Err(error_at(
            rule.span().start,
            format!(
                "`{}` reports on exceptions themselves and cannot be allowed; switch it off under [rules] if you must",
                info.code
            ),
        ));
    }
    let patterns = raw.files.as_ref().ok_or_else(|| missing("files"))?;
    let files = globs(patterns, "[[allow]] files", error_at)?.ok_or_else(|| {
        error_at(
            header,
            "this [[allow]] entry's `files` is empty; name the drafts it applies to (globs relative to relkit.toml)".to_string(),
        )
    })?;
    let nonempty = |value: &Option<toml::Spanned<String>>, key: &str| -> Result<String> {
        let value = value.as_ref().ok_or_else(|| missing(key))?;
        let trimmed = value.get_ref().trim();
        if trimmed.is_empty() {
            return Err(error_at(
                value.span().start,
                format!("`{key}` of this [[allow]] entry is empty"),
            ));
        }
        Ok(trimmed.to_string())
    };
    let reason = nonempty(&raw.reason, "reason")?;
    let by = nonempty(&raw.by, "by")?;
    let until_value = raw.until.as_ref().ok_or_else(|| missing("until"))?;
    let written = match until_value.get_ref() {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let until = crate::draft::date::Date::parse(written.trim()).ok_or_else(|| {
        error_at(
            until_value.span().start,
            format!("`until` must be a date written YYYY-MM-DD, not `{written}`"),
        )
    })?;
    Ok(ConfigAllowance {
        code: info.code,
        patterns: patterns.iter().map(|p| p.get_ref().clone()).collect(),
        files,
        reason,
        by,
        until,
        path: path.to_path_buf(),
        line,
    })
}

/// Compile `[files]` globs. `*` stays within one folder; `**` crosses folders.
fn globs(
    patterns: &[toml::Spanned<String>],
    key: &str,
    error_at: &dyn Fn(usize, String) -> Error,
) -> Result<Option<GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = GlobBuilder::new(p.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| {
                error_at(
                    p.span().start,
                    format!(
                        "{key} has an invalid glob pattern `{}`: {}",
                        p.get_ref(),
                        e.kind()
                    ),
                )
            })?;
        builder.add(glob);
    }
    builder.build().map(Some).map_err(|e| {
        error_at(
            patterns.first().map_or(0, |p| p.span().start),
            format!("{key}: {e}"),
        )
    })
}

/// Where the key of a `[rules]` entry starts: the last occurrence of the key
/// text before its value (toml gives spans for values only).
fn raw_key_start(text: &str, key: &str, value_start: usize) -> usize {
    text.get(..value_start)
        .and_then(|before| before.rfind(key))
        .unwrap_or(value_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_configuration() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("legal")).unwrap();
        let c = Config::parse(
            &dir.path().join("relkit.toml"),
            "[rules]\nFMT003 = \"error\"\nfmt006 = \"off\"\n[fx]\nrate = 118.75\n[paths]\ndisclaimers = \"legal\"\n[files]\nexclude = [\"**/README.md\", \"drafts/*.md\"]\n",
        )
        .unwrap();
        assert_eq!(
            c.severity("FMT003", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(c.severity("FMT006", Severity::Warning), None);
        assert_eq!(c.fx_rate.map(|r| r.to_string()), Some("118.75".into()));
        assert_eq!(c.fx_rounding, crate::amounts::Rounding::Round);
        let t = Config::parse(Path::new("relkit.toml"), "[fx]\nrounding = \"truncate\"\n").unwrap();
        assert_eq!(t.fx_rounding, crate::amounts::Rounding::Truncate);
        let e = Config::parse(Path::new("relkit.toml"), "[fx]\nrounding = \"down\"\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("relkit.toml:2:12: [fx] rounding must be"),
            "{e}"
        );
        assert_eq!(c.disclaimers, Some(dir.path().join("legal")));
        assert!(!c.is_draft(Path::new("docs/README.md")));
        assert!(c.is_draft(Path::new("releases/a.md")));
        assert!(!c.is_draft(Path::new("drafts/a.md")));
        // `*` does not cross folders.
        assert!(c.is_draft(Path::new("drafts/old/a.md")));
    }

    #[test]
    fn errors_name_line_and_column() {
        let e =
            Config::parse(Path::new("relkit.toml"), "[rules]\nFMT03 = \"error\"\n").unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("relkit.toml:2:1: [rules] names `FMT03`"),
            "{text}"
        );
        assert!(text.contains("did you mean `FMT003`?"), "{text}");
        let e =
            Config::parse(Path::new("relkit.toml"), "[rules]\nFMT003 = \"loud\"\n").unwrap_err();
        assert!(e.to_string().contains("not a severity"));
        let e = Config::parse(Path::new("relkit.toml"), "[fxx]\nrate = 1\n").unwrap_err();
        assert!(e.to_string().starts_with("relkit.toml:1:"), "{e}");
        let e = Config::parse(
            Path::new("/no/such/relkit.toml"),
            "[paths]\ndisclaimers = \"legal\"\n",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("/no/such/relkit.toml:2:15: [paths] disclaimers names the folder `legal`, which does not exist"),
            "{e}"
        );
        let e = Config::parse(
            Path::new("relkit.toml"),
            "[files]\ninclude = [\"ok/*.md\", \"bad/[.md\"]\n",
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with(
                "relkit.toml:2:23: [files] include has an invalid glob pattern `bad/[.md`"
            ),
            "{e}"
        );
    }
}
