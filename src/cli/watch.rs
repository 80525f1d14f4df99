//! `relkit watch`: check drafts (and, with `--build`, rebuild them) each
//! time they are saved, printing only what changed since the last check.
//!
//! The folders of the drafts are watched, not the files: editors that save
//! by writing a new file and renaming it over the draft (vim, many IDEs)
//! replace the file, and a watch on the old file would see nothing more.
//! Events are debounced, so a save that touches the file several times is
//! checked once.

use super::WatchArgs;
use super::commands::{build_options, cannot_run, use_color};
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};
use relkit::diagnostics::human::{self, HumanOptions};
use relkit::diagnostics::{Severity, Summary};
use relkit::watch::{Finding, compare, findings};
use relkit::{Config, FileReport, Linter};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// A watched draft.
struct Draft {
    /// As named on the command line (how it is shown).
    shown: PathBuf,
    /// Its absolute path with the folder's links resolved, as events name it.
    watched: PathBuf,
    /// The findings of the last check, `None` before the first one.
    previous: Option<Vec<Finding>>,
    /// The translation the draft names with `translation_of` (as events
    /// name it), found at the last check: a save of it changes the pair's
    /// findings, so it brings a check too.
    counterpart: Option<PathBuf>,
    /// The stamps of the draft, its folder's relkit.toml and its
    /// counterpart at the last check.
    stamps: Stamps,
}

/// The stamps of the files a draft's findings depend on.
type Stamps = (Option<Stamp>, Option<Stamp>, Option<Stamp>);

/// What a save changes in a file's metadata: its modification time, size
/// and (on Unix) inode, which a save by rename changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
    inode: u64,
}

/// The file's stamp, `None` when it does not exist. Reading the metadata is
/// not itself an event; reading the file is (an "opened" event): comparing
/// stamps is how relkit ignores the events of its own reading, and of any
/// program that only opens the draft.
fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        modified: metadata.modified().ok(),
        len: metadata.len(),
        inode,
    })
}

impl Draft {
    fn stamps(&self) -> Stamps {
        let config = self
            .watched
            .parent()
            .map(|folder| folder.join(relkit::config::FILE_NAME));
        (
            stamp(&self.watched),
            config.as_deref().and_then(stamp),
            self.counterpart.as_deref().and_then(stamp),
        )
    }

    /// Whether one of the changed paths is a file the findings depend on.
    fn depends_on_any(&self, changed: &[PathBuf]) -> bool {
        changed.iter().any(|p| {
            *p == self.watched
                || self.counterpart.as_ref() == Some(p)
                || p.file_name()
                    .is_some_and(|n| n == relkit::config::FILE_NAME)
        })
    }
}

/// `path` as file events name it: its folder's links resolved.
fn as_watched(path: &Path) -> Option<PathBuf> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(std::fs::canonicalize(folder).ok()?.join(path.file_name()?))
}

fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// Run `relkit watch` until Ctrl-C.
pub fn run(args: &WatchArgs) -> ExitCode {
    let mut drafts = Vec::new();
    for path in &args.paths {
        let watched = as_watched(path).filter(|_| path.is_file());
        let Some(watched) = watched else {
            return cannot_run(relkit::Error::NotFound { path: path.clone() });
        };
        drafts.push(Draft {
            shown: path.clone(),
            watched,
            previous: None,
            counterpart: None,
            stamps: (None, None, None),
        });
    }
    let options = HumanOptions {
        color: use_color(args.color),
        notes: args.notes,
    };

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        // Without a handler Ctrl-C still ends relkit, only less politely.
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let (sender, events) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(Duration::from_millis(args.debounce.max(1)), sender) {
        Ok(d) => d,
        Err(e) => {
            return cannot_run(relkit::Error::Watch {
                path: PathBuf::from("."),
                message: e.to_string(),
            });
        }
    };
    let mut watcher = Folders {
        watched: Vec::new(),
        debouncer: &mut debouncer,
    };
    for folder in drafts.iter().filter_map(|d| d.watched.parent()) {
        if let Err(e) = watcher.watch(folder) {
            return cannot_run(e);
        }
    }

    for draft in &mut drafts {
        check(draft, args, options);
        watcher.watch_counterpart(draft);
    }
    eprintln!(
        "relkit: watching {} for changes (Ctrl-C to stop)",
        relkit::diagnostics::plural(drafts.len(), "draft")
    );

    while !stop.load(Ordering::SeqCst) {
        let batch = match events.recv_timeout(Duration::from_millis(100)) {
            Ok(batch) => batch,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return cannot_run("the file watcher stopped");
            }
        };
        let changed: Vec<PathBuf> = match batch {
            Ok(events) => events.into_iter().map(|e| e.path).collect(),
            Err(e) => {
                eprintln!("relkit: warning: watching for changes: {e}");
                continue;
            }
        };
        for draft in &mut drafts {
            // Only when the draft, a relkit.toml or the translation really
            // changed: opening a file is an event too, and relkit opens
            // them when it checks.
            if draft.depends_on_any(&changed) && draft.stamps() != draft.stamps {
                check(draft, args, options);
                watcher.watch_counterpart(draft);
            }
        }
    }
    eprintln!("relkit: stopped watching");
    ExitCode::SUCCESS
}

/// The folders being watched (each once).
struct Folders<'a, W: notify_debouncer_mini::notify::Watcher> {
    watched: Vec<PathBuf>,
    debouncer: &'a mut notify_debouncer_mini::Debouncer<W>,
}

impl<W: notify_debouncer_mini::notify::Watcher> Folders<'_, W> {
    fn watch(&mut self, folder: &Path) -> Result<(), relkit::Error> {
        if self.watched.iter().any(|f| f == folder) {
            return Ok(());
        }
        self.debouncer
            .watcher()
            .watch(folder, RecursiveMode::NonRecursive)
            .map_err(|e| relkit::Error::Watch {
                path: folder.to_path_buf(),
                message: e.to_string(),
            })?;
        self.watched.push(folder.to_path_buf());
        Ok(())
    }

    /// Watch the folder of the draft's translation too (it may be
    /// elsewhere); a folder that cannot be watched is a warning, the draft
    /// is still watched.
    fn watch_counterpart(&mut self, draft: &Draft) {
        let Some(folder) = draft.counterpart.as_deref().and_then(Path::parent) else {
            return;
        };
        if let Err(e) = self.watch(folder) {
            eprintln!(
                "relkit: warning: {}: its translation's folder is not watched: {e}",
                draft.shown.display()
            );
        }
    }
}

/// Lint one draft, print what changed since its last check (everything the
/// first time), and rebuild it when asked to.
fn check(draft: &mut Draft, args: &WatchArgs, options: HumanOptions) {
    // Taken before reading: a save during the check changes the stamp, and
    // its event brings another check.
    draft.stamps = draft.stamps();
    let folder = draft
        .shown
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let linter = match args.config.as_deref() {
        Some(file) => Config::load(file),
        None => Config::discover(folder),
    }
    .and_then(Linter::new);
    let report = match linter.and_then(|l| l.lint_path(&draft.shown).map(|r| (l, r))) {
        Ok((linter, report)) => {
            let counterpart = relkit::pair::named_in(&report.source).and_then(|p| as_watched(&p));
            if counterpart != draft.counterpart {
                // A translation named for the first time (or another one):
                // its stamp now; a known one's was taken before reading.
                draft.stamps.2 = counterpart.as_deref().and_then(stamp);
                draft.counterpart = counterpart;
            }
            print_changes(draft, &report, options);
            Some((linter, report))
        }
        Err(relkit::Error::NotFound { .. }) => {
            out(&format!(
                "{}: the file is gone; waiting for it to be saved again\n",
                draft.shown.display()
            ));
            None
        }
        Err(e) => {
            out(&format!("relkit: error: {e}\n"));
            None
        }
    };
    let Some((linter, report)) = report else {
        return;
    };
    if !(args.build || args.html || args.pdf || args.edgar) {
        return;
    }
    if report.count(Severity::Error) > 0 && !args.draft {
        out(&format!(
            "{}: not built: fix the errors first (or watch with --draft for a marked draft)\n",
            draft.shown.display()
        ));
        return;
    }
    let build_options = build_options(
        [args.html, args.edgar, args.pdf],
        args.output.clone(),
        args.draft,
        None,
        args.pdfa,
    );
    match relkit::build::build(&linter, &draft.shown, &build_options) {
        Ok(relkit::build::Outcome::Built { files, .. }) => {
            for file in files {
                out(&format!("built {}\n", file.display()));
            }
        }
        Ok(relkit::build::Outcome::Refused(_)) => out(&format!(
            "{}: not built: it changed while building; it is checked again on the next save\n",
            draft.shown.display()
        )),
        Err(e) => out(&format!("relkit: error: {e}\n")),
    }
}

fn print_changes(draft: &mut Draft, report: &FileReport, options: HumanOptions) {
    let current = findings(report, options.notes);
    let summary = human::summary_line(&Summary::of(std::slice::from_ref(report)), options);
    let Some(previous) = draft.previous.replace(current.clone()) else {
        out(&human::render(std::slice::from_ref(report), options));
        return;
    };
    let changes = compare(&previous, &current);
    let name = draft.shown.display();
    if changes.is_empty() {
        out(&format!(
            "{name}: saved; no new or fixed findings. {summary}\n"
        ));
        return;
    }
    let mut text = format!(
        "{name}: {} new, {} fixed\n",
        changes.new.len(),
        changes.fixed.len()
    );
    let shown: Vec<&relkit::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| options.notes || d.severity != Severity::Note)
        .collect();
    for i in &changes.new {
        if let Some(d) = shown.get(*i) {
            text.push_str("new ");
            text.push_str(&human::render_diagnostic(&report.source, d, options));
            text.push('\n');
        }
    }
    for f in &changes.fixed {
        text.push_str(&format!(
            "fixed {}[{}]: {} (was line {})\n",
            f.severity.as_str(),
            f.code,
            f.message,
            f.line
        ));
    }
    text.push_str(&summary);
    text.push('\n');
    out(&text);
}
