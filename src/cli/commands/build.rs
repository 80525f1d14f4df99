//! `relkit build` (drafts to HTML, PDF and EDGAR files, in parallel,
//! refusing non-compliant ones) and `relkit templates`.

use super::{CANNOT_RUN, Configs, fail, print, use_color};
use crate::cli::{BuildArgs, ColorChoice, TemplatesAction};
use rayon::prelude::*;
use relkit::diagnostics::Severity;
use relkit::diagnostics::human::{self, HumanOptions};
use relkit::walk::{self, Input};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The build options of the output flags that `relkit build` and
/// `relkit watch` share: which formats (`[html, edgar, pdf]`: none chosen
/// means the configured or default ones), the output folder, `--draft`,
/// the templates folder and the PDF's archival standard.
pub(in crate::cli) fn build_options(
    [html, edgar, pdf]: [bool; 3],
    out_dir: Option<PathBuf>,
    draft: bool,
    templates: Option<PathBuf>,
    pdf_standard: relkit::pdf::PdfStandard,
) -> relkit::build::BuildOptions {
    relkit::build::BuildOptions {
        out_dir,
        draft,
        templates,
        formats: [
            (html, relkit::build::Format::Html),
            (edgar, relkit::build::Format::Edgar),
            (pdf, relkit::build::Format::Pdf),
        ]
        .into_iter()
        .filter_map(|(chosen, format)| chosen.then_some(format))
        .collect(),
        pdf_standard,
    }
}

pub(super) fn build(args: &BuildArgs) -> ExitCode {
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
    let options = build_options(
        [args.html, args.edgar, args.pdf],
        args.output.clone(),
        args.draft,
        args.templates.clone(),
        args.pdfa,
    );
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
        let color = use_color(ColorChoice::Auto);
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

pub(super) fn templates(action: TemplatesAction) -> ExitCode {
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
