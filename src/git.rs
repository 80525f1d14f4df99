//! Git plumbing for `relkit lint --staged` and `relkit hook`: the staged
//! content of staged files (read from the index, not the working tree) and
//! the folder Git runs hooks from.
//!
//! Git is run as a program (`git diff --cached --raw -z`, one
//! `git cat-file --batch` for every blob), with the environment it was given:
//! inside a hook Git sets `GIT_INDEX_FILE` (for `git commit -a` or
//! `git commit PATH` it is a temporary index), and the staged content is the
//! content of that index.

use crate::error::{Error, Result};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A file as it is staged for the next commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedFile {
    /// The path relative to the top of the working tree, with `/` separators.
    pub path: String,
    /// The staged content.
    pub bytes: Vec<u8>,
}

fn git_error(what: &str, detail: impl std::fmt::Display) -> Error {
    Error::Git {
        message: format!("{what}: {detail}"),
    }
}

/// Run `git ARGS…` in `dir` and return its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            git_error(
                "cannot run git (is it installed and on PATH?)",
                e.to_string(),
            )
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or("").trim();
        let first = first.strip_prefix("fatal: ").unwrap_or(first);
        return Err(git_error(
            &format!("`git {}` failed", args.join(" ")),
            if first.is_empty() {
                output.status.to_string()
            } else {
                first.to_string()
            },
        ));
    }
    Ok(output.stdout)
}

fn one_line(bytes: Vec<u8>, what: &str) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|_| git_error(what, "not UTF-8"))?;
    Ok(text.trim_end_matches(['\n', '\r']).to_string())
}

/// The top folder of the working tree that contains `dir`.
pub fn top_level(dir: &Path) -> Result<PathBuf> {
    let line = one_line(
        git(dir, &["rev-parse", "--show-toplevel"])?,
        "git rev-parse --show-toplevel",
    )?;
    if line.is_empty() {
        return Err(git_error(
            "not in a working tree",
            "run this inside a Git checkout",
        ));
    }
    Ok(PathBuf::from(line))
}

/// The folder Git runs hooks from, for the repository that contains `dir`:
/// `core.hooksPath` when it is set, else the `hooks` folder of the
/// repository's Git directory (shared by all its worktrees).
pub fn hooks_dir(dir: &Path) -> Result<PathBuf> {
    let line = one_line(
        git(dir, &["rev-parse", "--git-path", "hooks"])?,
        "git rev-parse --git-path hooks",
    )?;
    let path = PathBuf::from(line);
    Ok(if path.is_absolute() {
        path
    } else {
        dir.join(path)
    })
}

/// One staged change from `git diff --cached --raw -z`: the new mode and
/// object name, and the path.
#[derive(Debug, PartialEq, Eq)]
struct RawEntry {
    mode: String,
    object: String,
    path: String,
}

/// Parse `git diff --raw -z --no-renames` output: records
/// `:OLDMODE NEWMODE OLDSHA NEWSHA STATUS\0PATH\0`.
fn parse_raw(bytes: &[u8]) -> Result<Vec<RawEntry>> {
    let mut out = Vec::new();
    let mut fields = bytes.split(|b| *b == 0);
    while let Some(header) = fields.next() {
        if header.is_empty() {
            continue;
        }
        let header = std::str::from_utf8(header)
            .map_err(|_| git_error("unexpected `git diff --raw` output", "not UTF-8"))?;
        let parts: Vec<&str> = header.trim_start_matches(':').split(' ').collect();
        let (Some(mode), Some(object)) = (parts.get(1), parts.get(3)) else {
            return Err(git_error("unexpected `git diff --raw` output", header));
        };
        let Some(path) = fields.next() else {
            return Err(git_error(
                "unexpected `git diff --raw` output",
                "a record without a path",
            ));
        };
        out.push(RawEntry {
            mode: (*mode).to_string(),
            object: (*object).to_string(),
            path: String::from_utf8_lossy(path).into_owned(),
        });
    }
    Ok(out)
}

/// The staged files of the repository containing `dir` that are added,
/// copied, modified, renamed or changed in type (not deleted), whose path
/// `keep` accepts, with their staged content. Symbolic links and
/// submodules are left out: they have no text to check.
pub fn staged_files(dir: &Path, keep: &dyn Fn(&str) -> bool) -> Result<Vec<StagedFile>> {
    let raw = git(
        dir,
        &[
            "diff",
            "--cached",
            "--raw",
            "-z",
            "--no-renames",
            "--no-abbrev",
            "--diff-filter=ACMRT",
            "--no-ext-diff",
        ],
    )?;
    let entries: Vec<RawEntry> = parse_raw(&raw)?
        .into_iter()
        .filter(|e| matches!(e.mode.as_str(), "100644" | "100755") && keep(&e.path))
        .collect();
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let blobs = read_blobs(dir, entries.iter().map(|e| e.object.as_str()))?;
    if blobs.len() != entries.len() {
        return Err(git_error(
            "`git cat-file --batch` answered too few objects",
            format!("{} of {}", blobs.len(), entries.len()),
        ));
    }
    Ok(entries
        .into_iter()
        .zip(blobs)
        .map(|(e, bytes)| StagedFile {
            path: e.path,
            bytes,
        })
        .collect())
}

/// The staged content of `path` (relative to the top of the working tree,
/// `/` separators) in the index of the repository containing `dir`, or
/// `None` when the index has no such file: how `relkit lint --staged` reads
/// the counterpart of a staged draft that is not staged itself.
pub fn index_file(dir: &Path, path: &str) -> Result<Option<Vec<u8>>> {
    let listed = git(dir, &["ls-files", "--stage", "-z", "--", path])?;
    // `MODE OBJECT STAGE\tPATH\0`: the first entry's object.
    let Some(entry) = listed.split(|b| *b == 0).find(|e| !e.is_empty()) else {
        return Ok(None);
    };
    let header = String::from_utf8_lossy(entry);
    let mut fields = header.split([' ', '\t']);
    let (Some(mode), Some(object)) = (fields.next(), fields.next()) else {
        return Err(git_error(
            "unexpected `git ls-files --stage` output",
            header,
        ));
    };
    if !matches!(mode, "100644" | "100755") {
        return Ok(None);
    }
    Ok(read_blobs(dir, std::iter::once(object))?.into_iter().next())
}

/// The content of each object, in order, read by one `git cat-file --batch`.
fn read_blobs<'a>(dir: &Path, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>> {
    let mut input = String::new();
    for object in objects {
        input.push_str(object);
        input.push('\n');
    }
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| git_error("cannot run `git cat-file`", e))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| git_error("cannot run `git cat-file`", "no standard input"))?;
    // Written from another thread: Git answers while it reads, and a pipe
    // holds only so much.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| git_error("cannot run `git cat-file`", "no standard output"))?;
    let mut reader = BufReader::new(stdout);
    let mut out = Vec::new();
    let result = read_batch(&mut reader, &mut Vec::new(), &mut out);
    if result.is_err() {
        // Git may be blocked writing what is no longer read, and the writer
        // thread on Git: end it so neither waits forever.
        let _ = child.kill();
    }
    drop(reader);
    let _ = writer.join();
    let status = child
        .wait()
        .map_err(|e| git_error("`git cat-file --batch` failed", e))?;
    result?;
    if !status.success() {
        return Err(git_error("`git cat-file --batch` failed", status));
    }
    Ok(out)
}

/// Read `git cat-file --batch` answers (`SHA TYPE SIZE\n`, the content, a
/// newline) until the end of its output.
fn read_batch(
    reader: &mut impl BufRead,
    header: &mut Vec<u8>,
    out: &mut Vec<Vec<u8>>,
) -> Result<()> {
    loop {
        header.clear();
        let n = reader
            .read_until(b'\n', header)
            .map_err(|e| git_error("cannot read `git cat-file` output", e))?;
        if n == 0 {
            return Ok(());
        }
        let line = String::from_utf8_lossy(header);
        let line = line.trim_end();
        if line.ends_with(" missing") {
            return Err(git_error("a staged object is missing", line));
        }
        let size: usize = line
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| git_error("unexpected `git cat-file` output", line))?;
        let mut bytes = vec![0; size];
        reader
            .read_exact(&mut bytes)
            .map_err(|e| git_error("cannot read `git cat-file` output", e))?;
        let mut newline = [0u8; 1];
        reader
            .read_exact(&mut newline)
            .map_err(|e| git_error("cannot read `git cat-file` output", e))?;
        out.push(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_records_are_parsed_with_any_path() {
        let raw = b":000000 100644 0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 A\0a b.md\0:100644 120000 2222222222222222222222222222222222222222 3333333333333333333333333333333333333333 T\0link.md\0";
        let entries = parse_raw(raw).unwrap();
        assert_eq!(
            entries,
            [
                RawEntry {
                    mode: "100644".into(),
                    object: "1111111111111111111111111111111111111111".into(),
                    path: "a b.md".into()
                },
                RawEntry {
                    mode: "120000".into(),
                    object: "3333333333333333333333333333333333333333".into(),
                    path: "link.md".into()
                }
            ]
        );
        assert!(parse_raw(b":100644\0").is_err());
        assert!(parse_raw(b"").unwrap().is_empty());
    }

    #[test]
    fn batch_answers_are_split_by_size() {
        let answers = b"aaaa blob 3\nx\ny\nbbbb blob 0\n\n";
        let mut out = Vec::new();
        read_batch(&mut &answers[..], &mut Vec::new(), &mut out).unwrap();
        assert_eq!(out, [b"x\ny".to_vec(), Vec::new()]);
        let missing = b"cccc missing\n";
        assert!(read_batch(&mut &missing[..], &mut Vec::new(), &mut Vec::new()).is_err());
    }
}
