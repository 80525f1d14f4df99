//! Turning the command line's paths into a sorted list of drafts: files are
//! taken as given, folders are searched for Markdown files (skipping hidden
//! folders, `target/`, `node_modules/` and relkit's own `out/`), globs are
//! expanded, and `relkit.toml`'s `include`/`exclude` filter what folders and
//! globs find.

use crate::config::Config;
use crate::error::{Error, Result};
use globset::GlobBuilder;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A draft to lint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

const SKIPPED_FOLDERS: &[&str] = &["target", "node_modules", "out"];

/// Whether the file name ends in `.md` or `.markdown` (any case).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown"))
}

fn has_glob_chars(s: &str) -> bool {
    s.contains(['*', '?', '[', '{'])
}

/// Whether a file found by searching is a draft to lint: not excluded by
/// `relkit.toml`, not inside its disclaimer or template folders, and either
/// matched by its `include` globs or, without them, a Markdown file whose
/// front matter names a `title` or `company`.
fn wanted(path: &Path, config_for: &dyn Fn(&Path) -> Result<Config>) -> Result<bool> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let config = config_for(folder)?;
    // A file that cannot be read as text is kept, so the lint reports why.
    let text = std::fs::read(path).ok();
    Ok(is_draft(path, text.as_deref(), &config))
}

/// Whether the file at `path` with content `bytes` is a draft under
/// `config` (the configuration of the file's folder): not inside the
/// disclaimer or template folders, not excluded by `[files] exclude`, and
/// either matched by `[files] include` or, without `include`, a Markdown
/// file whose front matter names a `title` or `company` (the caller checks
/// the file name: [`is_markdown`]). `bytes` is `None`
/// when the content could not be read; such a file (like one that is not
/// UTF-8) counts as a draft so that the lint says what is wrong with it.
///
/// Used for the files a folder or glob finds, for files named with
/// `relkit lint --only-drafts`, and for the staged files of the Git hook
/// (whose content is the staged one, not the working tree's).
pub fn is_draft(path: &Path, bytes: Option<&[u8]>, config: &Config) -> bool {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| absolute_path(path));
    let inside = |dir: &Option<PathBuf>| {
        dir.as_ref().is_some_and(|d| {
            let d = std::fs::canonicalize(d).unwrap_or_else(|_| d.clone());
            absolute.starts_with(d)
        })
    };
    if inside(&config.disclaimers) || inside(&config.templates) {
        return false;
    }
    let relative = match config.root() {
        Some(root) => {
            let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            absolute
                .strip_prefix(&root)
                .map(Path::to_path_buf)
                .unwrap_or(absolute.clone())
        }
        None => path.to_path_buf(),
    };
    if !config.is_draft(&relative) {
        return false;
    }
    if config.has_include() {
        return true;
    }
    match bytes {
        Some(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => crate::draft::looks_like_draft(text),
            Err(_) => true,
        },
        None => true,
    }
}

/// `path` made absolute against the current folder, for a file that does
/// not exist (a staged file deleted from the working tree).
fn absolute_path(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => match (std::fs::canonicalize(parent), path.file_name()) {
            (Ok(parent), Some(name)) => parent.join(name),
            _ => std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path)),
        },
        None => std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path)),
    }
}

/// Expand command-line arguments into drafts, sorted and without duplicates.
/// `config_for(folder)` gives the configuration that applies in a folder.
/// Files named one by one are taken as drafts whatever they contain (a
/// pasted release without front matter is linted, and told what it lacks).
pub fn expand(args: &[String], config_for: &dyn Fn(&Path) -> Result<Config>) -> Result<Vec<Input>> {
    expand_with(args, config_for, false)
}

/// [`expand`], and with `only_drafts` the files named one by one are
/// filtered like the files a folder search finds ([`is_draft`]): what
/// `relkit lint --only-drafts` does for the pre-commit framework, which
/// names every staged Markdown file, a README.md included.
pub fn expand_with(
    args: &[String],
    config_for: &dyn Fn(&Path) -> Result<Config>,
    only_drafts: bool,
) -> Result<Vec<Input>> {
    let mut out: Vec<Input> = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        if path.is_file() {
            if !only_drafts || (is_markdown(&path) && wanted(&path, config_for)?) {
                out.push(Input::File(path));
            }
        } else if path.is_dir() {
            let walker = WalkDir::new(&path)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    let name = e.file_name().to_string_lossy();
                    e.depth() == 0
                        || !(name.starts_with('.')
                            || (e.file_type().is_dir() && SKIPPED_FOLDERS.contains(&name.as_ref())))
                });
            for entry in walker {
                let entry = entry.map_err(|e| Error::Read {
                    path: e.path().map_or_else(|| path.clone(), Path::to_path_buf),
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("file system loop")),
                })?;
                if entry.file_type().is_file()
                    && is_markdown(entry.path())
                    && wanted(entry.path(), config_for)?
                {
                    out.push(Input::File(entry.into_path()));
                }
            }
        } else if has_glob_chars(arg) {
            let matcher = GlobBuilder::new(arg)
                .literal_separator(true)
                .build()
                .map_err(|e| Error::Glob {
                    pattern: arg.clone(),
                    message: e.kind().to_string(),
                })?
                .compile_matcher();
            let root = glob_root(arg);
            let mut matched = false;
            for entry in WalkDir::new(&root)
                .sort_by_file_name()
                .into_iter()
                .filter_map(|e| e.ok())
            {
                let candidate = entry.path();
                let shown = candidate.strip_prefix("./").unwrap_or(candidate);
                if entry.file_type().is_file()
                    && (matcher.is_match(candidate) || matcher.is_match(shown))
                    && wanted(candidate, config_for)?
                {
                    out.push(Input::File(shown.to_path_buf()));
                    matched = true;
                }
            }
            if !matched {
                return Err(Error::NoMatch {
                    pattern: arg.clone(),
                });
            }
        } else {
            return Err(Error::NotFound { path });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The longest leading part of a glob without wildcards.
fn glob_root(pattern: &str) -> PathBuf {
    let mut root = PathBuf::new();
    for part in Path::new(pattern).components() {
        let s = part.as_os_str().to_string_lossy();
        if has_glob_chars(&s) {
            break;
        }
        root.push(part);
    }
    if root.as_os_str().is_empty() || root == Path::new(pattern) {
        PathBuf::from(".")
    } else {
        root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_searched_in_order_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("b")).unwrap();
        std::fs::create_dir_all(p.join(".git")).unwrap();
        std::fs::create_dir_all(p.join("out")).unwrap();
        std::fs::create_dir_all(p.join("legal")).unwrap();
        std::fs::create_dir_all(p.join("docs")).unwrap();
        for f in [
            "b/z.md",
            "a.md",
            "notes.txt",
            ".git/x.md",
            "out/y.md",
            "README.md",
            "legal/safe-harbor.md",
            "b/excluded.md",
        ] {
            std::fs::write(p.join(f), "---\ntitle: T\ncompany: C\n---\nText\n").unwrap();
        }
        std::fs::write(p.join("docs/guide.md"), "# Guide\n\nNot a release.\n").unwrap();
        std::fs::write(
            p.join("relkit.toml"),
            "[paths]\ndisclaimers = \"legal\"\n[files]\nexclude = [\"README.md\", \"b/excluded.md\"]\n",
        )
        .unwrap();
        let found = expand(&[p.display().to_string()], &|folder| {
            Config::discover(folder)
        })
        .unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|i| match i {
                Input::File(f) => f.strip_prefix(p).unwrap().display().to_string(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(names, ["a.md", "b/z.md"]);
    }

    #[test]
    fn missing_paths_are_errors() {
        let e = expand(&["/no/such/draft.md".into()], &|_| Ok(Config::default())).unwrap_err();
        assert!(matches!(e, Error::NotFound { .. }));
    }

    #[test]
    fn globs_that_match_nothing_say_so() {
        let e = expand(&["/no/such/*.md".into()], &|_| Ok(Config::default())).unwrap_err();
        assert!(matches!(e, Error::NoMatch { .. }), "{e}");
    }

    #[test]
    fn glob_roots() {
        assert_eq!(glob_root("examples/*.md"), PathBuf::from("examples"));
        assert_eq!(glob_root("**/*.md"), PathBuf::from("."));
    }
}
