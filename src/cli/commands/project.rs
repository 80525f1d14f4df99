//! The project commands: `relkit new`, `relkit hook install|uninstall`,
//! `relkit verify`, `relkit completions` and `relkit man`.

use super::{fail, print};
use crate::cli::{Cli, HookAction, LangArg, NewArgs};
use relkit::draft::front_matter::Lang;
use relkit::scaffold;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn new(args: NewArgs) -> ExitCode {
    if let Some(source) = &args.translation_of {
        return new_translation(source, args.path.as_deref(), args.lang);
    }
    let path = args.path.unwrap_or_else(|| PathBuf::from("draft.md"));
    let date = match args.date {
        Some(d) => d,
        None => relkit::draft::date::Date::today().to_string(),
    };
    if relkit::draft::date::Date::parse(&date).is_none() {
        return fail(format!("--date must be written YYYY-MM-DD, not `{date}`"));
    }
    let draft = scaffold::NewDraft {
        lang: Lang::from(args.lang.unwrap_or(LangArg::En)),
        company: args.company,
        ticker: args.ticker,
        date,
    };
    created(&path, &scaffold::render(&draft), None)
}

/// Write a new draft (never over an existing file) and say what to do next.
fn created(path: &Path, text: &str, pair_with: Option<&Path>) -> ExitCode {
    match relkit::write::create_new(path, text) {
        Ok(()) => {
            match pair_with {
                Some(source) => eprintln!(
                    "Created {}, the translation of {}. Translate its prose, then check the pair with: relkit lint {}",
                    path.display(),
                    source.display(),
                    path.display()
                ),
                None => eprintln!(
                    "Created {}. Check it with: relkit lint {}",
                    path.display(),
                    path.display()
                ),
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// `relkit new --translation-of SOURCE [PATH]`.
fn new_translation(source_path: &Path, path: Option<&Path>, lang: Option<LangArg>) -> ExitCode {
    let source = match relkit::lint::read_draft(source_path) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let source_lang = scaffold::lang_of(&source);
    let lang = lang.map_or(scaffold::other(source_lang), Lang::from);
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => scaffold::counterpart_name(source_path, lang),
    };
    // The link as the new draft's folder sees the source.
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (Ok(folder), Ok(target)) = (
        std::fs::canonicalize(folder),
        std::fs::canonicalize(source_path),
    ) else {
        return fail(relkit::Error::NoFolder {
            path: folder.to_path_buf(),
        });
    };
    let link = scaffold::relative_link(&folder, &target);
    match scaffold::translation(source.text(), source_lang, lang, &link) {
        Ok(text) => created(&path, &text, Some(source_path)),
        Err(problem) => fail(format!(
            "cannot start a translation of {}: {problem}",
            source_path.display()
        )),
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
