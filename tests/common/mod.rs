//! Helpers shared by the command-line tests: run the `relkit` binary built
//! for the tests and read what it printed.
// Each test file uses only some of them.
#![allow(dead_code)]

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
