//! `relkit watch` as a writer uses it: the process is started on a draft in
//! a temporary folder, the draft is saved the way editors save (a new file
//! renamed over it, and a plain rewrite), and what relkit prints is read
//! with a time limit: the new finding after the first save, the fixed one
//! after the second. Ctrl-C (SIGINT) ends it with exit code 0. Nothing here
//! measures speed; every wait is bounded and the process is killed if the
//! test fails.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

mod common;
use common::relkit;

/// How long to wait for one expected line before failing.
const PATIENCE: Duration = Duration::from_secs(30);

/// Kills the watcher if the test ends early.
struct Watcher {
    child: Child,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
    seen: Vec<String>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

impl Watcher {
    fn start(draft: &Path, extra: &[&str]) -> Watcher {
        let mut child = relkit()
            .args(["watch", "--color", "never", "--debounce", "100"])
            .args(extra)
            .arg(draft)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("relkit watch starts");
        let stdout = lines(child.stdout.take().expect("stdout"));
        let stderr = lines(child.stderr.take().expect("stderr"));
        Watcher {
            child,
            stdout,
            stderr,
            seen: Vec::new(),
        }
    }

    /// Wait for a line of `stream` containing `text`, returning the lines
    /// read until then.
    fn wait_for(&mut self, on_stderr: bool, text: &str) -> Vec<String> {
        let deadline = Instant::now() + PATIENCE;
        let mut read = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let stream = if on_stderr {
                &self.stderr
            } else {
                &self.stdout
            };
            match stream.recv_timeout(left.min(Duration::from_millis(200))) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    read.push(line.clone());
                    if line.contains(text) {
                        return read;
                    }
                }
                Err(_) if Instant::now() < deadline => {}
                Err(_) => panic!(
                    "no line containing {text:?} within {PATIENCE:?}; printed so far:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }
}

/// Save the way many editors do: write a new file, rename it over the draft.
fn save_by_rename(path: &Path, text: &str) {
    let temp = path.with_file_name(".q3.md.swp");
    std::fs::write(&temp, text).expect("write");
    std::fs::rename(&temp, path).expect("rename");
}

/// A folder with the example's configuration and disclaimers; returns the
/// compliant example and the example without its safe harbor (FLS001).
fn example_folder(dir: &Path) -> (String, String) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    std::fs::copy(examples.join("relkit.toml"), dir.join("relkit.toml")).expect("copy");
    std::fs::create_dir(dir.join("disclaimers")).expect("mkdir");
    for entry in std::fs::read_dir(examples.join("disclaimers")).expect("list") {
        let entry = entry.expect("entry");
        std::fs::copy(
            entry.path(),
            dir.join("disclaimers").join(entry.file_name()),
        )
        .expect("copy");
    }
    let good = std::fs::read_to_string(examples.join("iij-3q02.md")).expect("read");
    let bad = good.replace("  - iij-safe-harbor\n", "");
    assert_ne!(good, bad);
    (good, bad)
}

/// Send SIGINT (what Ctrl-C sends) and wait, bounded, for a clean exit.
fn ctrl_c(w: &mut Watcher) {
    let pid = w.child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    w.wait_for(true, "stopped watching");
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = w.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "relkit watch did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
}

#[test]
fn watch_prints_new_and_fixed_findings_after_each_save_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (good, bad) = example_folder(dir.path());
    let draft = dir.path().join("q3.md");
    std::fs::write(&draft, &good).expect("write");

    let mut w = Watcher::start(&draft, &[]);
    // The first check prints the whole report, then relkit says it watches.
    let first = w.wait_for(false, "Checked 1 draft");
    assert_eq!(
        first.last().map(String::as_str),
        Some("Checked 1 draft: 6 notes (shown with --notes).")
    );
    w.wait_for(true, "watching 1 draft for changes");

    // Saved without the safe harbor (by rename): one new finding.
    save_by_rename(&draft, &bad);
    let after_bad = w.wait_for(false, "Checked 1 draft");
    let text = after_bad.join("\n");
    assert!(text.contains("q3.md: 1 new, 0 fixed"), "{text}");
    assert!(
        text.contains("new error[FLS001]: this release makes 6 forward-looking statements"),
        "{text}"
    );
    assert!(text.ends_with("Checked 1 draft: 1 error, 6 notes (shown with --notes)."));
    // Only what changed: the six notes are not printed again.
    assert!(!text.contains("FLS100"), "{text}");

    // Fixed by a plain rewrite: one fixed finding, nothing new.
    std::fs::write(&draft, &good).expect("write");
    let after_fix = w.wait_for(false, "Checked 1 draft");
    let text = after_fix.join("\n");
    assert!(text.contains("q3.md: 0 new, 1 fixed"), "{text}");
    assert!(
        text.contains("fixed error[FLS001]: this release makes 6 forward-looking statements"),
        "{text}"
    );
    assert!(!text.contains("new error"), "{text}");

    // Ctrl-C: a clean stop.
    ctrl_c(&mut w);
}

#[test]
fn a_save_of_the_translation_in_another_folder_checks_the_watched_draft_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (en_dir, ja_dir) = (dir.path().join("en"), dir.path().join("ja"));
    for d in [&en_dir, &ja_dir] {
        std::fs::create_dir(d).expect("mkdir");
    }
    let (good, _) = example_folder(&en_dir);
    example_folder(&ja_dir);
    let english = en_dir.join("q3.md");
    std::fs::write(&english, &good).expect("write");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let japanese = std::fs::read_to_string(examples.join("iij-3q02.ja.md"))
        .expect("read")
        .replace("translation_of: iij-3q02.md", "translation_of: ../en/q3.md");
    let draft = ja_dir.join("q3.ja.md");
    std::fs::write(&draft, &japanese).expect("write");

    let mut w = Watcher::start(&draft, &[]);
    let first = w.wait_for(false, "Checked 1 draft").join("\n");
    assert!(!first.contains("PAIR"), "the pair agrees: {first}");
    w.wait_for(true, "watching 1 draft");

    // The English version (only named, not watched by name) changes a figure.
    let changed = good.replacen("10573", "10574", 1);
    assert_ne!(changed, good);
    save_by_rename(&english, &changed);
    let text = w.wait_for(false, "Checked 1 draft").join("\n");
    assert!(text.contains("q3.ja.md: 1 new, 0 fixed"), "{text}");
    assert!(text.contains("new error[PAIR001]"), "{text}");

    std::fs::write(&english, &good).expect("write");
    let text = w.wait_for(false, "Checked 1 draft").join("\n");
    assert!(text.contains("q3.ja.md: 0 new, 1 fixed"), "{text}");
    ctrl_c(&mut w);
}

#[test]
fn watch_with_build_rebuilds_only_compliant_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (good, bad) = example_folder(dir.path());
    let draft = dir.path().join("q3.md");
    std::fs::write(&draft, &good).expect("write");
    let out = dir.path().join("site");
    let page = out.join("q3.html");
    let out_arg = out.display().to_string();

    let mut w = Watcher::start(&draft, &["--build", "-o", &out_arg]);
    w.wait_for(false, "built ");
    w.wait_for(true, "watching 1 draft");
    assert!(page.is_file(), "the first check builds the page");
    std::fs::remove_file(&page).expect("remove");

    save_by_rename(&draft, &bad);
    let text = w.wait_for(false, "not built").join("\n");
    assert!(text.contains("new error[FLS001]"), "{text}");
    assert!(!page.exists(), "a draft with errors is not built");

    std::fs::write(&draft, &good).expect("write");
    let text = w.wait_for(false, "built ").join("\n");
    assert!(text.contains("fixed error[FLS001]"), "{text}");
    assert!(page.is_file(), "the fixed draft is built again");
    ctrl_c(&mut w);
}

#[test]
fn watch_needs_an_existing_draft() {
    let o = relkit()
        .args(["watch", "no/such/draft.md"])
        .output()
        .expect("relkit runs");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "relkit: error: no/such/draft.md: no such file or folder\n"
    );
}
