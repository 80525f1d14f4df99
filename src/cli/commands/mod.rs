//! Running each subcommand: call the library, print, choose the exit code.
//! One module per group of commands; what they share (printing, failing,
//! the configuration per folder, the colour choice) is here.

mod build;
mod lint;
mod project;
mod reference;

pub(super) use build::build_options;

use super::{Cli, ColorChoice, Command};
use relkit::{Config, Linter};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

/// Exit code: relkit could not run.
const CANNOT_RUN: u8 = 2;

/// Run the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Lint(args) => lint::lint(args),
        Command::Build(args) => build::build(&args),
        Command::Templates { action } => build::templates(action),
        Command::Explain { code } => reference::explain(&code),
        Command::Rules { format } => reference::list_rules(format),
        Command::New(args) => project::new(args),
        Command::Disclaimers { action } => reference::disclaimers(action),
        Command::Watch(args) => super::watch::run(&args),
        Command::Hook { action } => project::hook(action),
        Command::Completions { shell } => project::completions(shell),
        Command::Man { out } => project::man(out.as_deref()),
        Command::Verify { paths } => project::verify(&paths),
        Command::Allowances(args) => lint::allowances(&args),
    }
}

/// Exit code: relkit could not run (for the other command modules).
pub(super) fn cannot_run(message: impl std::fmt::Display) -> ExitCode {
    fail(message)
}

/// Whether to colour the output: `--color`, else a terminal without
/// `NO_COLOR`.
pub(super) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

pub(super) fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("relkit: error: {message}");
    ExitCode::from(CANNOT_RUN)
}

pub(super) fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`relkit rules | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(format!("cannot write to standard output: {e}")),
    }
}

/// Configuration per folder, read once.
pub(super) struct Configs {
    fixed: Option<Config>,
    by_folder: Mutex<HashMap<PathBuf, Config>>,
    linters: Mutex<HashMap<Option<PathBuf>, Linter>>,
}

impl Configs {
    /// The configuration of `--config FILE`, or each folder's own relkit.toml.
    pub(super) fn new(fixed: Option<&Path>) -> relkit::Result<Configs> {
        Ok(Configs {
            fixed: fixed.map(Config::load).transpose()?,
            by_folder: Mutex::new(HashMap::new()),
            linters: Mutex::new(HashMap::new()),
        })
    }

    /// The linter of a folder's configuration, built (and its disclaimer
    /// folder read) once per configuration file.
    pub(super) fn linter_for(&self, folder: &Path) -> relkit::Result<Linter> {
        let config = self.for_folder(folder)?;
        let key = config.path.clone();
        if let Some(l) = self.linters.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(l);
        }
        let linter = Linter::new(config)?;
        if let Ok(mut m) = self.linters.lock() {
            m.insert(key, linter.clone());
        }
        Ok(linter)
    }

    pub(super) fn for_folder(&self, folder: &Path) -> relkit::Result<Config> {
        if let Some(c) = &self.fixed {
            return Ok(c.clone());
        }
        let key = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        if let Some(c) = self
            .by_folder
            .lock()
            .ok()
            .and_then(|m| m.get(&key).cloned())
        {
            return Ok(c);
        }
        let c = Config::discover(&key)?;
        if let Ok(mut m) = self.by_folder.lock() {
            m.insert(key, c.clone());
        }
        Ok(c)
    }
}
