//! The project commands: `relkit new`, `relkit hook install|uninstall`,
//! `relkit verify`, `relkit completions` and `relkit man`.

use super::{fail, print};
use crate::cli::{Cli, HookAction, LangArg, NewArgs};
use relkit::draft::front_matter::Lang;
use relkit::scaffold;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn new(args: NewArgs) -> ExitCode {
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
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

pub(super) fn hook(action: HookAction) -> ExitCode {
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

/// `relkit verify`: each check with ✓ or ✗; exit 1 when one fails.
pub(super) fn verify(paths: &[std::path::PathBuf]) -> ExitCode {
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

pub(super) fn completions(shell: clap_complete::Shell) -> ExitCode {
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

pub(super) fn man(out: Option<&Path>) -> ExitCode {
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
