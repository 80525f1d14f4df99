//! Helpers shared by the command-line tests: run the `relkit` binary built
//! for the tests and read what it printed.
// Each test file uses only some of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `relkit` binary, with `NO_COLOR` cleared so colour tests control it.
pub fn relkit() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_relkit"));
    c.env_remove("NO_COLOR");
    c
}

/// Run `relkit ARGS…`.
pub fn run(args: &[&str]) -> Output {
    relkit().args(args).output().expect("relkit runs")
}

/// Run `relkit build ARGS…`.
pub fn build(args: &[&str]) -> Output {
    relkit()
        .arg("build")
        .args(args)
        .output()
        .expect("relkit runs")
}

/// What it printed on standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What it printed on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Its exit code.
pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// Run `git ARGS…` in `dir`, isolated from the user's and the system's Git
/// configuration (no global hooksPath, no signing) and from a repository
/// the tests themselves may run in.
pub fn git_in(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "IR Writer")
        .env("GIT_AUTHOR_EMAIL", "ir@example.com")
        .env("GIT_COMMITTER_NAME", "IR Writer")
        .env("GIT_COMMITTER_EMAIL", "ir@example.com")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs")
}

/// A draft with a forward-looking sentence and no safe-harbor statement
/// (FLS001: the build refuses it), written as `dir/name`.
pub fn write_noncompliant_draft(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        "---\ntitle: Results\ncompany: Example Inc.\n---\nThe company expects growth.\n",
    )
    .expect("write");
    path
}

/// The document information dictionary of a PDF.
pub fn info_dictionary(doc: &lopdf::Document) -> &lopdf::Dictionary {
    doc.trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("an Info dictionary")
}
