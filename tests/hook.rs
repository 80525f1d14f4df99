//! `relkit hook install`, `relkit hook uninstall` and `relkit lint --staged`
//! in real temporary Git repositories: the hook checks what is staged, not
//! the working tree; non-drafts are never reported; other tools' hooks are
//! kept; `core.hooksPath` and worktrees are honoured.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{code, git_in, relkit, stderr, stdout};

/// A temporary Git repository isolated from the user's and the system's
/// Git configuration (no global hooksPath, no signing).
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().expect("tempdir");
        let o = git_in(dir.path(), &["init", "-q", "-b", "main"]);
        assert!(o.status.success(), "git init: {}", stderr(&o));
        Repo { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> Output {
        git_in(self.path(), args)
    }

    /// Run `git ARGS…` and insist that it succeeds.
    fn ok(&self, args: &[&str]) {
        let o = self.git(args);
        assert!(
            o.status.success(),
            "git {args:?}: {}{}",
            stdout(&o),
            stderr(&o)
        );
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.path().join(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    }

    fn relkit(&self, args: &[&str]) -> Output {
        relkit()
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("relkit runs")
    }

    /// The example's configuration and approved disclaimer texts, committed.
    fn with_example_config(&self) {
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        std::fs::copy(
            examples.join("relkit.toml"),
            self.path().join("relkit.toml"),
        )
        .expect("copy relkit.toml");
        std::fs::create_dir_all(self.path().join("disclaimers")).expect("mkdir");
        for entry in std::fs::read_dir(examples.join("disclaimers")).expect("list") {
            let entry = entry.expect("entry");
            std::fs::copy(
                entry.path(),
                self.path().join("disclaimers").join(entry.file_name()),
            )
            .expect("copy disclaimer");
        }
        self.ok(&["add", "relkit.toml", "disclaimers"]);
        self.ok(&["commit", "-q", "-m", "relkit configuration"]);
    }
}

/// The bundled example: compliant.
fn good_draft() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/iij-3q02.md"))
        .expect("read the example")
}

/// The example without its safe-harbor disclaimer: its forward-looking
/// statements are unlabelled (FLS001, an error).
fn bad_draft() -> String {
    let good = good_draft();
    let bad = good.replace("  - iij-safe-harbor\n", "");
    assert_ne!(bad, good, "the example lists iij-safe-harbor");
    bad
}

const README: &str =
    "# Press releases\n\nThis repository holds our drafts. Nothing here is a release.\n";

#[test]
fn the_hook_checks_the_staged_content_not_the_working_tree() {
    let repo = Repo::new();
    repo.with_example_config();
    let o = repo.relkit(&["hook", "install"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let hook = repo.path().join(".git/hooks/pre-commit");
    let text = std::fs::read_to_string(&hook).expect("the hook is written");
    assert!(text.contains(relkit::hook::MARKER), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&hook).expect("stat").permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "the hook is executable: {mode:o}");
    }

    // A bad draft is staged, then fixed in the working tree only: the
    // commit is still stopped, because the staged content is bad. The name
    // has a space; a README without front matter is staged with it.
    let name = "releases/q3 results.md";
    repo.write(name, &bad_draft());
    repo.write("README.md", README);
    repo.ok(&["add", "--", name, "README.md"]);
    repo.write(name, &good_draft());
    let o = repo.git(&["commit", "-q", "-m", "bad draft"]);
    assert!(!o.status.success(), "the commit must be stopped");
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert!(out.contains("error[FLS001]"), "{out}");
    assert!(out.contains("releases/q3 results.md:3:11"), "{out}");
    assert!(out.contains("Checked 1 draft: 1 error"), "{out}");
    assert!(out.contains("relkit: commit stopped"), "{out}");
    assert!(!out.contains("README"), "README.md is not a draft: {out}");
    let o = repo.git(&["log", "--oneline"]);
    assert_eq!(stdout(&o).lines().count(), 1, "nothing was committed");

    // And the other way round: the staged content is good, the working
    // tree is broken again: the commit goes through.
    repo.ok(&["add", "--", name]);
    repo.write(name, &bad_draft());
    let o = repo.git(&["commit", "-q", "-m", "good draft"]);
    assert!(
        o.status.success(),
        "the commit goes through: {}{}",
        stdout(&o),
        stderr(&o)
    );
    let o = repo.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(stdout(&o), "README.md\nreleases/q3 results.md\n");
    let o = repo.git(&["show", "HEAD:releases/q3 results.md"]);
    assert_eq!(stdout(&o), good_draft(), "the good content was committed");

    // `git commit -a` commits the working tree's content (through a
    // temporary index): the hook sees that content, and stops it.
    let o = repo.git(&["commit", "-a", "-q", "-m", "bad again"]);
    assert!(!o.status.success(), "commit -a with a bad draft is stopped");
    // (Git sends a hook's standard output to its standard error.)
    assert!(stderr(&o).contains("error[FLS001]"), "{}", stderr(&o));
}

#[test]
fn lint_staged_skips_non_drafts_and_follows_include_exclude() {
    let repo = Repo::new();
    repo.with_example_config();
    // [files] exclude drops a draft-looking file; docs without front matter
    // are not drafts.
    let config = std::fs::read_to_string(repo.path().join("relkit.toml")).expect("read");
    repo.write(
        "relkit.toml",
        &format!("{config}\n[files]\nexclude = [\"archive/**\"]\n"),
    );
    repo.write("README.md", README);
    repo.write("docs/guide.md", "# Guide\n\nWe expect you to read it.\n");
    repo.write("archive/old.md", &bad_draft());
    repo.write("new.md", &bad_draft());
    repo.write("notes.txt", &bad_draft());
    repo.ok(&["add", "-A"]);
    let o = repo.relkit(&["lint", "--staged", "--format", "json"]);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(json["files"], 1, "{json}");
    let mut files: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["file"].as_str().expect("file"))
        .collect();
    files.dedup();
    assert_eq!(files, ["new.md"], "{json}");

    // Nothing staged that is a draft: nothing to report, exit 0.
    repo.ok(&["reset", "-q", "--", "new.md"]);
    let o = repo.relkit(&["lint", "--staged"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(stdout(&o), "Checked 0 drafts: no problems found.\n");

    // Outside a repository: a clear error, exit 2.
    let outside = tempfile::tempdir().expect("tempdir");
    let o = relkit()
        .args(["lint", "--staged"])
        .current_dir(outside.path())
        .env("GIT_CEILING_DIRECTORIES", outside.path())
        .output()
        .expect("relkit runs");
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("relkit: error: git: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn another_hook_is_kept_unless_forced_and_uninstall_never_removes_it() {
    let repo = Repo::new();
    let hook = repo.path().join(".git/hooks/pre-commit");
    let foreign = "#!/bin/sh\n# the team's own checks\nexit 0\n";
    std::fs::create_dir_all(hook.parent().expect("folder")).expect("mkdir");
    std::fs::write(&hook, foreign).expect("write");

    let o = repo.relkit(&["hook", "install"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("not relkit's"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&hook).expect("read"), foreign);

    let o = repo.relkit(&["hook", "uninstall"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("left in place"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&hook).expect("read"), foreign);

    let o = repo.relkit(&["hook", "install", "--force"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("replaced"), "{}", stderr(&o));
    assert!(relkit::hook::is_ours(
        &std::fs::read_to_string(&hook).expect("read")
    ));
    // Installing again updates relkit's own hook without --force.
    let o = repo.relkit(&["hook", "install"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("updated"), "{}", stderr(&o));

    let o = repo.relkit(&["hook", "uninstall"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!hook.exists());
    let o = repo.relkit(&["hook", "uninstall"]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("nothing to remove"), "{}", stderr(&o));
}

#[test]
fn hooks_path_and_worktrees_are_honoured() {
    let repo = Repo::new();
    repo.write("README.md", README);
    repo.ok(&["add", "README.md"]);
    repo.ok(&["commit", "-q", "-m", "start"]);

    // A worktree shares the repository's hooks folder.
    let worktree: PathBuf = repo.path().join("wt");
    repo.ok(&["worktree", "add", "-q", "-b", "other", "wt"]);
    let o = relkit()
        .args(["hook", "install"])
        .current_dir(&worktree)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("relkit runs");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(repo.path().join(".git/hooks/pre-commit").is_file());
    assert!(!worktree.join(".git/hooks").exists());
    let o = repo.relkit(&["hook", "uninstall"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    // core.hooksPath moves the hook (the folder is created).
    repo.ok(&["config", "core.hooksPath", "team-hooks"]);
    let o = repo.relkit(&["hook", "install"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(repo.path().join("team-hooks/pre-commit").is_file());
    assert!(!repo.path().join(".git/hooks/pre-commit").exists());
    // …and Git runs it from there: a bad draft is stopped.
    repo.with_example_config();
    repo.write("q3.md", &bad_draft());
    repo.ok(&["add", "q3.md"]);
    let o = repo.git(&["commit", "-q", "-m", "bad"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("error[FLS001]"), "{}", stderr(&o));
}
