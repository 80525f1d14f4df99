//! `relkit lint` (of files, folders, globs and standard input, of `--pair`
//! and of `--staged`, with `--fix` and `--diff`) and `relkit allowances`,
//! which lists the exceptions of the same drafts.

use super::{CANNOT_RUN, Configs, fail, print, use_color};
use crate::cli::{AllowancesArgs, ColorChoice, Format, LintArgs, ListFormat};
use rayon::prelude::*;
use relkit::diagnostics::human::{self, HumanOptions};
use relkit::diagnostics::{Summary, github, json, sarif};
use relkit::lint::batch::{self, Draft};
use relkit::lint::source_from_bytes;
use relkit::walk::{self, Input};
use relkit::{Error, FileReport, Linter};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn lint(args: LintArgs) -> ExitCode {
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
        match apply_fixes(configs, &reports, args.diff) {
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
    let color = use_color(args.color);
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
fn apply_fixes(
    configs: &Configs,
    reports: &[FileReport],
    diff_only: bool,
) -> relkit::Result<Fixed> {
    let mut diff = String::new();
    let mut fixed_files = 0usize;
    let mut fixed_edits = 0usize;
    for report in reports {
        let Some(path) = report.source.path().map(Path::to_path_buf) else {
            continue;
        };
        if relkit::fix::safe_edits(&report.diagnostics).is_empty() {
            continue;
        }
        // Fixed until no safe fix is left (one fix can uncover another),
        // each round checked as the draft's own configuration checks it.
        let folder = path.parent().unwrap_or(Path::new("."));
        let linter = configs.linter_for(folder)?;
        let (new, edits) =
            relkit::fix::fix_until_stable(&linter, &report.source, &report.diagnostics);
        let old = report.source.text();
        if new == old {
            continue;
        }
        if diff_only {
            diff.push_str(&relkit::fix::unified_diff(report.source.name(), old, &new));
            continue;
        }
        relkit::write::replace(&path, &new)?;
        fixed_files += 1;
        fixed_edits += edits;
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

pub(super) fn allowances(args: &AllowancesArgs) -> ExitCode {
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
