//! Running each subcommand: call the library, print, choose the exit code.

use super::{
    AllowancesArgs, BuildArgs, Cli, ColorChoice, Command, DisclaimersAction, Format, HookAction,
    LangArg, LintArgs, ListFormat, NewArgs, TemplatesAction,
};
use rayon::prelude::*;
use relkit::diagnostics::human::{self, HumanOptions};
use relkit::diagnostics::{Severity, Summary, github, json, sarif};
use relkit::draft::front_matter::Lang;
use relkit::lint::batch::{self, Draft};
use relkit::lint::source_from_bytes;
use relkit::walk::{self, Input};
use relkit::{Config, Error, FileReport, Linter, rules, scaffold};
use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

/// Exit code: relkit could not run.
const CANNOT_RUN: u8 = 2;

/// Run the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Lint(args) => lint(args),
        Command::Build(args) => build(&args),
        Command::Templates { action } => templates(action),
        Command::Explain { code } => explain(&code),
        Command::Rules { format } => list_rules(format),
        Command::New(args) => new(args),
        Command::Disclaimers { action } => disclaimers(action),
        Command::Watch(args) => super::watch::run(&args),
        Command::Hook { action } => hook(action),
        Command::Completions { shell } => completions(shell),
        Command::Man { out } => man(out.as_deref()),
        Command::Verify { paths } => verify(&paths),
        Command::Allowances(args) => allowances(&args),
    }
}

/// Exit code: relkit could not run (for the other command modules).
pub(super) fn cannot_run(message: impl std::fmt::Display) -> ExitCode {
    fail(message)
}

fn hook(action: HookAction) -> ExitCode {
    let here = Path::new(".");
    match action {
        HookAction::Install { force } => {
            // The hook runs this very binary while it exists, else relkit on PATH.
            let relkit = std::env::current_exe()
                .and_then(std::fs::canonicalize)
                .unwrap_or_else(|_| PathBuf::from("relkit"));
            match relkit::hook::install(here, &relkit, force) {
                Ok(relkit::hook::Installed::Created(path)) => {
                    eprintln!(
                        "relkit: installed the pre-commit hook {}: each commit now checks the staged drafts",
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Ok(relkit::hook::Installed::Updated(path)) => {
                    eprintln!(
                        "relkit: updated relkit's pre-commit hook {}",
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Ok(relkit::hook::Installed::Replaced(path)) => {
                    eprintln!(
                        "relkit: replaced the pre-commit hook {} (it was not relkit's) with relkit's",
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        HookAction::Uninstall => match relkit::hook::uninstall(here) {
            Ok(relkit::hook::Uninstalled::Removed(path)) => {
                eprintln!("relkit: removed the pre-commit hook {}", path.display());
                ExitCode::SUCCESS
            }
            Ok(relkit::hook::Uninstalled::NotInstalled(path)) => {
                eprintln!(
                    "relkit: there is no pre-commit hook ({} does not exist); nothing to remove",
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Ok(relkit::hook::Uninstalled::Foreign(path)) => fail(format!(
                "{} is another tool's pre-commit hook, not relkit's; it was left in place",
                path.display()
            )),
            Err(e) => fail(e),
        },
    }
}

fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "relkit", &mut script);
    print(&String::from_utf8_lossy(&script))
}

/// The manual pages: `relkit.1`, then one per subcommand (`relkit-lint.1`,
/// `relkit-hook-install.1`, …), as (file name, roff).
fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn walk(command: &clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        // After `build`, a subcommand's display name is "relkit-lint", …
        let name = command
            .get_display_name()
            .unwrap_or_else(|| command.get_name())
            .to_string();
        let mut roff = Vec::new();
        clap_mangen::Man::new(command.clone()).render(&mut roff)?;
        out.push((format!("{name}.1"), roff));
        for sub in command.get_subcommands() {
            if sub.get_name() != "help" {
                walk(sub, out)?;
            }
        }
        Ok(())
    }
    let mut command = <Cli as clap::CommandFactory>::command();
    command.build();
    let mut out = Vec::new();
    walk(&command, &mut out)?;
    Ok(out)
}

fn man(out: Option<&Path>) -> ExitCode {
    let pages = match man_pages() {
        Ok(p) => p,
        Err(e) => return fail(format!("cannot make the manual page: {e}")),
    };
    let Some(dir) = out else {
        let Some((_, roff)) = pages.first() else {
            return fail("cannot make the manual page");
        };
        return print(&String::from_utf8_lossy(roff));
    };
    if !dir.is_dir() {
        return fail(relkit::Error::NoFolder {
            path: dir.to_path_buf(),
        });
    }
    let paths: Vec<PathBuf> = pages.iter().map(|(name, _)| dir.join(name)).collect();
    let files: Vec<(&Path, &[u8])> = paths
        .iter()
        .zip(&pages)
        .map(|(path, (_, roff))| (path.as_path(), roff.as_slice()))
        .collect();
    match relkit::write::replace_all(&files) {
        Ok(()) => {
            eprintln!(
                "relkit: wrote {} manual pages into {}",
                files.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// `relkit verify`: each check with ✓ or ✗; exit 1 when one fails.
fn verify(paths: &[std::path::PathBuf]) -> ExitCode {
    let mut failed = false;
    let mut text = String::new();
    for path in paths {
        let verification = match relkit::attest::verify(path) {
            Ok(v) => v,
            Err(e) => return fail(e),
        };
        text.push_str(&format!(
            "{} (attestation {}):\n",
            path.display(),
            verification.attestation_path.display()
        ));
        for check in &verification.checks {
            let mark = if check.ok { "ok    " } else { "FAILED" };
            text.push_str(&format!("  {mark} {}\n", check.what));
            if let Some(detail) = &check.detail {
                text.push_str(&format!("         {detail}\n"));
            }
        }
        let verdict = if verification.ok() {
            "verified"
        } else {
            failed = true;
            "NOT verified"
        };
        text.push_str(&format!("  {verdict}\n"));
    }
    let code = print(&text);
    if failed { ExitCode::from(1) } else { code }
}

fn allowances(args: &AllowancesArgs) -> ExitCode {
    let expires_before = match args.expires_before.as_deref() {
        Some(text) => match relkit::draft::date::Date::parse(text) {
            Some(day) => Some(day),
            None => {
                return fail(format!(
                    "--expires-before must be a date written YYYY-MM-DD, not `{text}`"
                ));
            }
        },
        None => None,
    };
    let configs = match Configs::new(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let lint_args = LintArgs {
        paths: args.paths.clone(),
        pair: None,
        staged: false,
        only_drafts: false,
        format: Format::Human,
        notes: false,
        deny_warnings: false,
        fix: false,
        diff: false,
        config: args.config.clone(),
        stdin_filename: "<stdin>".to_string(),
        color: ColorChoice::Never,
    };
    let results = match file_reports(&configs, &lint_args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut reports = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(e) => return fail(e),
        }
    }
    let rows = relkit::suppress::listing::rows(&reports, expires_before);
    print(&match args.format {
        ListFormat::Human => relkit::suppress::listing::human(&rows, reports.len()),
        ListFormat::Json => relkit::suppress::listing::json(&rows),
    })
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("relkit: error: {message}");
    ExitCode::from(CANNOT_RUN)
}

fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`relkit rules | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(format!("cannot write to standard output: {e}")),
    }
}

/// Configuration per folder, read once.
struct Configs {
    fixed: Option<Config>,
    by_folder: Mutex<HashMap<PathBuf, Config>>,
    linters: Mutex<HashMap<Option<PathBuf>, Linter>>,
}

impl Configs {
    /// The configuration of `--config FILE`, or each folder's own relkit.toml.
    fn new(fixed: Option<&Path>) -> relkit::Result<Configs> {
        Ok(Configs {
            fixed: fixed.map(Config::load).transpose()?,
            by_folder: Mutex::new(HashMap::new()),
            linters: Mutex::new(HashMap::new()),
        })
    }

    /// The linter of a folder's configuration, built (and its disclaimer
    /// folder read) once per configuration file.
    fn linter_for(&self, folder: &Path) -> relkit::Result<Linter> {
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

    fn for_folder(&self, folder: &Path) -> relkit::Result<Config> {
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

fn lint(args: LintArgs) -> ExitCode {
    let configs = match Configs::new(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let results = match lint_results(&configs, &args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    report(&configs, &args, results)
}

/// The reports `relkit lint` prints: of `--pair`, of `--staged`, or of the
/// drafts named on the command line.
fn lint_results(
    configs: &Configs,
    args: &LintArgs,
) -> Result<Vec<Result<FileReport, Error>>, ExitCode> {
    if let Some(paths) = &args.pair {
        pair_reports(configs, paths)
    } else if args.staged {
        staged_reports(configs).map_err(fail)
    } else {
        file_reports(configs, args)
    }
}

/// `relkit lint --pair A B`: two drafts, checked as a pair.
fn pair_reports(
    configs: &Configs,
    paths: &[PathBuf],
) -> Result<Vec<Result<FileReport, Error>>, ExitCode> {
    let [a, b] = paths else {
        return Err(fail(
            "--pair takes exactly two drafts: `--pair DRAFT TRANSLATION`",
        ));
    };
    if relkit::pair::same_path(a, b) {
        return Err(fail(format!(
            "--pair needs two different drafts, but both name {}",
            a.display()
        )));
    }
    let mut sides = Vec::with_capacity(2);
    for path in [a, b] {
        let source = relkit::lint::read_draft(path).map_err(fail)?;
        if !relkit::draft::looks_like_draft(source.text()) {
            return Err(fail(format!(
                "--pair: {} is not a draft (its front matter names no `title` or `company`)",
                path.display()
            )));
        }
        let folder = path.parent().unwrap_or(Path::new("."));
        let linter = configs.linter_for(folder).map_err(fail)?;
        sides.push((linter, source));
    }
    let (Some((lb, sb)), Some((la, sa))) = (sides.pop(), sides.pop()) else {
        return Err(fail("--pair takes exactly two drafts"));
    };
    let [ra, rb] = Linter::lint_pair((&la, sa), (&lb, sb));
    Ok(vec![Ok(ra), Ok(rb)])
}

/// `relkit lint --staged`: the staged content of the staged drafts of the
/// repository containing the current folder, named by their paths from the
/// top of the working tree. The configuration is the working tree's. A
/// counterpart that is not staged is read from the index too.
fn staged_reports(configs: &Configs) -> relkit::Result<Vec<Result<FileReport, Error>>> {
    let here = std::env::current_dir().map_err(|source| Error::Read {
        path: PathBuf::from("."),
        source,
    })?;
    let root = relkit::git::top_level(&here)?;
    let files = relkit::git::staged_files(&here, &|p| walk::is_markdown(Path::new(p)))?;
    let mut drafts = Vec::new();
    for file in files {
        let full = root.join(&file.path);
        let folder = full.parent().unwrap_or(&root).to_path_buf();
        let config = match configs.for_folder(&folder) {
            Ok(c) => c,
            Err(e) => {
                drafts.push(Draft {
                    index: drafts.len(),
                    folder,
                    source: Err(e),
                });
                continue;
            }
        };
        if !walk::is_draft(&full, Some(&file.bytes), &config) {
            continue;
        }
        drafts.push(Draft {
            index: drafts.len(),
            folder,
            source: source_from_bytes(Path::new(&file.path), file.bytes),
        });
    }
    let read_staged = |path: &Path| -> relkit::Result<relkit::SourceFile> {
        let relative = relkit::pair::lexical(path);
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if name.starts_with("..") || relative.is_absolute() {
            return Err(Error::NotFound {
                path: relative.clone(),
            });
        }
        match relkit::git::index_file(&root, &name)? {
            Some(bytes) => source_from_bytes(&relative, bytes),
            None => Err(Error::NotFound { path: relative }),
        }
    };
    Ok(batch::lint_together(
        drafts,
        &|folder| configs.linter_for(folder),
        &read_staged,
    ))
}

/// The reports of the drafts named on the command line (or found in the
/// folders and globs it names), and of standard input.
fn file_reports(
    configs: &Configs,
    args: &LintArgs,
) -> Result<Vec<Result<FileReport, Error>>, ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![".".to_string()]
    } else {
        args.paths.clone()
    };
    let inputs = walk::expand_with(
        &paths,
        &|folder| configs.for_folder(folder),
        args.only_drafts,
    )
    .map_err(fail)?;
    if inputs.is_empty() && !args.only_drafts {
        return Err(fail(format!(
            "no Markdown drafts found in {}",
            paths.join(", ")
        )));
    }
    if (args.fix || args.diff) && inputs.contains(&Input::Stdin) {
        return Err(fail("--fix and --diff work on files, not standard input"));
    }
    let mut stdin_bytes = None;
    if inputs.contains(&Input::Stdin) {
        let mut buf = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut buf) {
            return Err(fail(format!("cannot read standard input: {e}")));
        }
        if args.only_drafts {
            let name = Path::new(&args.stdin_filename);
            let folder = name
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let config = configs.for_folder(folder).map_err(fail)?;
            if !(walk::is_markdown(name) && walk::is_draft(name, Some(&buf), &config)) {
                stdin_bytes = None;
            } else {
                stdin_bytes = Some(buf);
            }
        } else {
            stdin_bytes = Some(buf);
        }
    }
    let drafts: Vec<Draft> = inputs
        .par_iter()
        .enumerate()
        .filter_map(|(index, input)| match input {
            Input::File(path) => Some(Draft {
                index,
                folder: path.parent().unwrap_or(Path::new(".")).to_path_buf(),
                source: relkit::lint::read_draft(path),
            }),
            Input::Stdin => {
                let bytes = stdin_bytes.clone()?;
                Some(Draft {
                    index,
                    folder: PathBuf::from("."),
                    source: source_from_bytes(Path::new(&args.stdin_filename), bytes),
                })
            }
        })
        .collect();
    Ok(batch::lint_together(
        drafts,
        &|folder| configs.linter_for(folder),
        &relkit::lint::read_draft,
    ))
}

/// Print the reports in the chosen format (after `--fix`/`--diff`) and
/// choose the exit code.
fn report(configs: &Configs, args: &LintArgs, results: Vec<Result<FileReport, Error>>) -> ExitCode {
    let (mut reports, errors) = split_results(results);
    let fatal = !errors.is_empty();
    if fatal && reports.is_empty() && matches!(args.format, Format::Human | Format::Github) {
        // Nothing was checked: a summary saying "no problems" would mislead.
        return ExitCode::from(CANNOT_RUN);
    }
    if args.fix || args.diff {
        match apply_fixes(&reports, args.diff) {
            Ok(Fixed::Diff(code)) => return code,
            Ok(Fixed::Written(0)) => {}
            // The drafts changed: check them again (a pair's findings
            // depend on both drafts).
            Ok(Fixed::Written(_)) => match lint_results(configs, args) {
                Ok(again) => reports = split_results(again).0,
                Err(code) => return code,
            },
            Err(e) => return fail(e),
        }
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let text = match args.format {
        Format::Human => human::render(
            &reports,
            HumanOptions {
                color,
                notes: args.notes,
            },
        ),
        Format::Json => json::render(&reports),
        Format::Sarif => sarif::render(&reports),
        Format::Github => github::render(&reports),
    };
    let printed = print(&text);
    if printed != ExitCode::SUCCESS || fatal {
        return ExitCode::from(CANNOT_RUN);
    }
    let summary = Summary::of(&reports);
    if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The reports, and the messages of the errors that stopped some drafts
/// (each printed once: a broken relkit.toml or disclaimer file may stop
/// many drafts).
fn split_results(results: Vec<Result<FileReport, Error>>) -> (Vec<FileReport>, Vec<String>) {
    let mut reports: Vec<FileReport> = Vec::with_capacity(results.len());
    let mut errors: Vec<String> = Vec::new();
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(e) => {
                let message = e.to_string();
                if !errors.contains(&message) {
                    eprintln!("relkit: error: {message}");
                    errors.push(message);
                }
            }
        }
    }
    (reports, errors)
}

/// What `--fix` or `--diff` did.
enum Fixed {
    /// `--diff`: the diff was printed; the exit code.
    Diff(ExitCode),
    /// `--fix`: this many drafts were rewritten.
    Written(usize),
}

/// `--diff`: print the safe fixes as a unified diff. `--fix`: write them
/// (the caller then checks the drafts again).
fn apply_fixes(reports: &[FileReport], diff_only: bool) -> relkit::Result<Fixed> {
    let mut diff = String::new();
    let mut fixed_files = 0usize;
    let mut fixed_edits = 0usize;
    for report in reports {
        let Some(path) = report.source.path().map(Path::to_path_buf) else {
            continue;
        };
        let edits = relkit::fix::safe_edits(&report.diagnostics);
        if edits.is_empty() {
            continue;
        }
        let old = report.source.text();
        let new = relkit::fix::apply(old, &edits);
        if new == old {
            continue;
        }
        if diff_only {
            diff.push_str(&relkit::fix::unified_diff(report.source.name(), old, &new));
            continue;
        }
        relkit::write::replace(&path, &new)?;
        fixed_files += 1;
        fixed_edits += edits.len();
    }
    if diff_only {
        let code = if diff.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
        let printed = print(&diff);
        return Ok(Fixed::Diff(if printed == ExitCode::SUCCESS {
            code
        } else {
            printed
        }));
    }
    if fixed_files > 0 {
        eprintln!(
            "relkit: fixed {} in {}",
            relkit::diagnostics::plural(fixed_edits, "problem"),
            relkit::diagnostics::plural(fixed_files, "draft")
        );
    }
    Ok(Fixed::Written(fixed_files))
}

fn build(args: &BuildArgs) -> ExitCode {
    if args.paths.is_empty() {
        return fail("name the drafts to build, e.g. `relkit build examples/iij-3q02.md`");
    }
    let configs = match Configs::new(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let inputs = match walk::expand(&args.paths, &|folder| configs.for_folder(folder)) {
        Ok(inputs) => inputs,
        Err(e) => return fail(e),
    };
    let options = relkit::build::BuildOptions {
        out_dir: args.output.clone(),
        draft: args.draft,
        templates: args.templates.clone(),
        formats: [
            (args.html, relkit::build::Format::Html),
            (args.edgar, relkit::build::Format::Edgar),
            (args.pdf, relkit::build::Format::Pdf),
        ]
        .into_iter()
        .filter_map(|(chosen, format)| chosen.then_some(format))
        .collect(),
        pdf_standard: args.pdfa,
    };
    let mut paths = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let Input::File(path) = input else {
            return fail("`relkit build` works on files, not standard input");
        };
        paths.push(path.as_path());
    }
    // Two drafts must not write the same files (they would overwrite each
    // other, in whichever order the builds finish).
    let mut targets: HashMap<(PathBuf, String), &Path> = HashMap::new();
    for path in &paths {
        let dir = relkit::build::out_dir_of(path, &options);
        let key = (
            std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone()),
            relkit::build::output_stem(path).to_string(),
        );
        if let Some(first) = targets.insert(key, path) {
            return fail(format!(
                "{} and {} would both be written as {}/{}.*; build them into different folders with -o, or rename one",
                first.display(),
                path.display(),
                dir.display(),
                relkit::build::output_stem(path)
            ));
        }
    }
    // Build in parallel; report in the order the drafts were named.
    let outcomes: Vec<(&Path, relkit::Result<relkit::build::Outcome>)> = paths
        .par_iter()
        .map(|path| {
            let folder = path.parent().unwrap_or(Path::new("."));
            let outcome = configs
                .linter_for(folder)
                .and_then(|linter| relkit::build::build(&linter, path, &options));
            (*path, outcome)
        })
        .collect();
    let mut refused = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut exit = ExitCode::SUCCESS;
    for (path, outcome) in outcomes {
        match outcome {
            Ok(relkit::build::Outcome::Built {
                report,
                files,
                warnings,
            }) => {
                for warning in warnings {
                    eprintln!("relkit: warning: {}: {warning}", path.display());
                }
                let errors = report.count(Severity::Error);
                for file in files {
                    if errors > 0 {
                        eprintln!(
                            "relkit: built {} as a DRAFT (not for release: {})",
                            file.display(),
                            relkit::diagnostics::plural(errors, "compliance error")
                        );
                    } else {
                        eprintln!("relkit: built {}", file.display());
                    }
                }
            }
            Ok(relkit::build::Outcome::Refused(report)) => refused.push(report),
            Err(e) => {
                // One broken relkit.toml stops every draft under it: say it once.
                let message = e.to_string();
                if !errors.contains(&message) {
                    eprintln!("relkit: error: {message}");
                    errors.push(message);
                }
                exit = ExitCode::from(CANNOT_RUN);
            }
        }
    }
    if !refused.is_empty() {
        let color = std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let text = human::render(
            &refused,
            HumanOptions {
                color,
                notes: false,
            },
        );
        let _ = print(&text);
        for report in &refused {
            eprintln!(
                "relkit: not built: {} has {}; fix them, or build with --draft for a marked draft",
                report.source.name(),
                relkit::diagnostics::plural(report.count(Severity::Error), "compliance error")
            );
        }
        if exit == ExitCode::SUCCESS {
            exit = ExitCode::from(1);
        }
    }
    exit
}

fn templates(action: TemplatesAction) -> ExitCode {
    match action {
        TemplatesAction::Export { dir } => match relkit::render::templates::export(&dir) {
            Ok(files) => {
                for f in files {
                    eprintln!("relkit: wrote {}", f.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
    }
}

fn explain(code: &str) -> ExitCode {
    match rules::find(code) {
        Some(rule) => {
            let mut text = rule.doc.to_string();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            print(&text)
        }
        None => {
            let hint = relkit::suggest::did_you_mean(code, rules::RULES.iter().map(|r| r.code));
            let hint = if hint.is_empty() {
                "run `relkit rules` to list every code".to_string()
            } else {
                hint
            };
            fail(format!("`{code}` is not a relkit rule code; {hint}"))
        }
    }
}

fn list_rules(format: ListFormat) -> ExitCode {
    match format {
        ListFormat::Human => {
            let mut text = String::new();
            for r in rules::RULES {
                text.push_str(&format!(
                    "{:<7} {:<8} {:<26} {}\n",
                    r.code,
                    r.default_severity.as_str(),
                    r.name,
                    r.summary
                ));
            }
            print(&text)
        }
        ListFormat::Json => {
            let list: Vec<_> = rules::RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "severity": r.default_severity.as_str(),
                        "family": r.family(),
                        "summary": r.summary,
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
            text.push('\n');
            print(&text)
        }
    }
}

fn disclaimers(action: DisclaimersAction) -> ExitCode {
    match action {
        DisclaimersAction::List => {
            let library = match Config::discover(Path::new(".")).and_then(Linter::new) {
                Ok(linter) => linter.library,
                Err(e) => return fail(e),
            };
            // One row per text: id, language, version, kind, and a remark.
            let row = |d: &relkit::disclaimers::Disclaimer, remark: String| {
                format!(
                    "{:<26} {:<3} v{:<8} {:<24} {remark}\n",
                    d.id,
                    d.lang.tag(),
                    d.version,
                    d.kind
                )
            };
            let mut text = String::new();
            for d in library.iter() {
                let parameters = d.parameters();
                text.push_str(&row(
                    d,
                    if parameters.is_empty() {
                        "no parameters".to_string()
                    } else {
                        format!("needs {}", parameters.join(", "))
                    },
                ));
            }
            for d in library.history() {
                text.push_str(&row(
                    d,
                    match library.current_of(d) {
                        Some(c) => format!(
                            "superseded by v{}{}",
                            c.version,
                            c.effective.map(|e| format!(" on {e}")).unwrap_or_default()
                        ),
                        None => "superseded".to_string(),
                    },
                ));
            }
            print(&text)
        }
        DisclaimersAction::Show { id, lang, draft } => {
            let folder = draft
                .as_deref()
                .and_then(Path::parent)
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let linter = match Config::discover(folder).and_then(Linter::new) {
                Ok(l) => l,
                Err(e) => return fail(e),
            };
            let mut lang = match lang {
                LangArg::En => Lang::En,
                LangArg::Ja => Lang::Ja,
            };
            let mut front_matter = None;
            let mut rate = None;
            if let Some(path) = &draft {
                let source = match relkit::lint::read_draft(path) {
                    Ok(s) => s,
                    Err(e) => return fail(e),
                };
                let doc = linter.parse(source, &mut Vec::new());
                lang = doc.lang();
                rate = doc.fx_rate;
                front_matter = doc.front_matter;
            }
            let Some(entry) = linter.library.get(&id, lang) else {
                let hint = relkit::suggest::did_you_mean(&id, linter.library.ids());
                return fail(format!(
                    "there is no disclaimer `{id}` in the library; {}",
                    if hint.is_empty() {
                        "run `relkit disclaimers list`".to_string()
                    } else {
                        hint
                    }
                ));
            };
            let body = if draft.is_some() {
                match entry.render(front_matter.as_ref(), rate) {
                    Ok(t) => t,
                    Err(missing) => {
                        return fail(format!(
                            "the draft does not give {} for `{id}`",
                            missing.0.join(", ")
                        ));
                    }
                }
            } else {
                entry.text.clone()
            };
            // Without a draft: the approved text as filed, with what
            // identifies it (for `sha256:` in its file and for the record).
            let trailer = if draft.is_none() {
                format!(
                    "\n[version {}{}{}; sha256 {}]\n",
                    entry.version,
                    entry
                        .effective
                        .map(|d| format!(", effective {d}"))
                        .unwrap_or_default(),
                    entry
                        .review_by
                        .map(|d| format!(", review by {d}"))
                        .unwrap_or_default(),
                    entry.text_sha256()
                )
            } else {
                String::new()
            };
            print(&format!(
                "# {} ({} {}, version {})\n\n{}\n{trailer}",
                entry.title,
                entry.id,
                entry.lang.tag(),
                entry.version,
                body
            ))
        }
    }
}

fn new(args: NewArgs) -> ExitCode {
    let date = match args.date {
        Some(d) => d,
        None => relkit::draft::date::Date::today().to_string(),
    };
    if relkit::draft::date::Date::parse(&date).is_none() {
        return fail(format!("--date must be written YYYY-MM-DD, not `{date}`"));
    }
    let draft = scaffold::NewDraft {
        lang: match args.lang {
            LangArg::En => Lang::En,
            LangArg::Ja => Lang::Ja,
        },
        company: args.company,
        ticker: args.ticker,
        date,
    };
    match relkit::write::create_new(&args.path, &scaffold::render(&draft)) {
        Ok(()) => {
            eprintln!(
                "Created {}. Check it with: relkit lint {}",
                args.path.display(),
                args.path.display()
            );
            let _ = Severity::Error;
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
