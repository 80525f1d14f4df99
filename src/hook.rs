//! `relkit hook install` and `relkit hook uninstall`: a Git pre-commit hook
//! for teams without the pre-commit framework. The hook runs
//! `relkit lint --staged`, which checks the staged content of the staged
//! drafts, and stops the commit when one has compliance errors.
//!
//! The hook is written where Git looks for hooks (`git rev-parse --git-path
//! hooks`: `core.hooksPath` when set, and the same folder from every
//! worktree). relkit recognises its own hook by [`MARKER`]: it never
//! replaces another tool's hook without `--force`, and never removes one.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The line that marks a hook as relkit's.
pub const MARKER: &str =
    "# relkit-hook: written by `relkit hook install`; `relkit hook uninstall` removes it";

/// What `install` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// There was no pre-commit hook; relkit's was written.
    Created(PathBuf),
    /// relkit's own hook was there and was written again.
    Updated(PathBuf),
    /// Another hook was there and was replaced (`--force`).
    Replaced(PathBuf),
}

/// What `uninstall` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uninstalled {
    /// relkit's hook was removed.
    Removed(PathBuf),
    /// There is no pre-commit hook.
    NotInstalled(PathBuf),
    /// The pre-commit hook is another tool's; it was left in place.
    Foreign(PathBuf),
}

/// Quote `s` for a POSIX shell.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The hook's text. `relkit` is the program it runs when it still exists
/// (the binary that installed the hook); otherwise `relkit` on `PATH`.
pub fn script(relkit: &Path) -> String {
    format!(
        r#"#!/bin/sh
{MARKER}
#
# Checks the staged content of every staged draft (not the working tree) and
# stops the commit when a draft has compliance errors. Which files are drafts:
# relkit.toml [files] include/exclude, or else Markdown files whose front
# matter names a title or company. To commit anyway: git commit --no-verify
relkit={relkit}
if [ ! -x "$relkit" ]; then
    relkit=relkit
    if ! command -v relkit >/dev/null 2>&1; then
        echo "relkit pre-commit hook: relkit is not installed (or not on PATH); install it, or remove this hook with 'relkit hook uninstall'" >&2
        exit 1
    fi
fi
"$relkit" lint --staged
status=$?
if [ "$status" -ne 0 ]; then
    echo "relkit: commit stopped: fix the findings above and stage the fixes (git add), or commit with --no-verify" >&2
fi
exit "$status"
"#,
        relkit = shell_quote(&relkit.to_string_lossy()),
    )
}

/// Whether a hook's text is relkit's.
pub fn is_ours(text: &str) -> bool {
    text.lines().any(|line| line.trim_end() == MARKER)
}

/// The pre-commit hook file of the repository containing `dir`.
pub fn hook_path(dir: &Path) -> Result<PathBuf> {
    Ok(crate::git::hooks_dir(dir)?.join("pre-commit"))
}

/// Install relkit's pre-commit hook in the repository containing `dir`,
/// running `relkit`. Another tool's hook is replaced only with `force`.
pub fn install(dir: &Path, relkit: &Path, force: bool) -> Result<Installed> {
    let path = hook_path(dir)?;
    let existing = match std::fs::read(&path) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(Error::Read { path, source }),
    };
    let outcome = match &existing {
        None => Installed::Created(path.clone()),
        Some(text) if is_ours(text) => Installed::Updated(path.clone()),
        Some(_) if force => Installed::Replaced(path.clone()),
        Some(_) => return Err(Error::ForeignHook { path }),
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|source| Error::Write {
            path: folder.to_path_buf(),
            source,
        })?;
    }
    crate::write::replace_with_mode(&path, script(relkit).as_bytes(), 0o755)?;
    Ok(outcome)
}

/// Remove relkit's pre-commit hook from the repository containing `dir`;
/// another tool's hook is left in place.
pub fn uninstall(dir: &Path) -> Result<Uninstalled> {
    let path = hook_path(dir)?;
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Uninstalled::NotInstalled(path));
        }
        Err(source) => return Err(Error::Read { path, source }),
    };
    if !is_ours(&text) {
        return Ok(Uninstalled::Foreign(path));
    }
    std::fs::remove_file(&path).map_err(|source| Error::Write {
        path: path.clone(),
        source,
    })?;
    Ok(Uninstalled::Removed(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_is_marked_and_quotes_the_program() {
        let s = script(Path::new("/opt/it's here/relkit"));
        assert!(s.starts_with("#!/bin/sh\n"));
        assert!(is_ours(&s));
        assert!(s.contains(r#"relkit='/opt/it'\''s here/relkit'"#), "{s}");
        assert!(s.contains("\"$relkit\" lint --staged\n"));
        assert!(!is_ours("#!/bin/sh\nexec lint-staged\n"));
        // The marker must be a line of its own, not a mention.
        assert!(!is_ours(&format!("echo '{MARKER}'\n")));
    }
}
