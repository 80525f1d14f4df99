//! The everyday commands besides lint and build: `relkit new` (what the
//! scaffold holds), `relkit completions`, `relkit man`, and
//! `relkit lint --only-drafts` (how the pre-commit framework's hook skips a
//! README.md it is handed).

mod common;
use common::{code, run, stderr, stdout};

#[test]
fn new_drafts_hold_front_matter_figures_and_the_safe_harbor() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (lang, name) in [("en", "q3.md"), ("ja", "第3四半期.md")] {
        let path = dir.path().join(name);
        let path = path.display().to_string();
        let o = run(&["new", "--lang", lang, "--company", "Example K.K.", &path]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let text = std::fs::read_to_string(&path).expect("the draft is written");
        assert!(text.starts_with("---\ntitle: "), "{text}");
        assert!(text.contains("company: \"Example K.K.\"\n"), "{text}");
        assert!(text.contains(&format!("lang: {lang}\n")), "{text}");
        assert!(text.contains("  - safe-harbor\n"), "{text}");
        assert!(text.contains("```figures\n"), "{text}");
        assert!(text.contains("{{ revenue.3Q }}"), "{text}");
        // Clean: no errors, no warnings.
        let o = run(&["lint", "--deny-warnings", &path]);
        assert_eq!(code(&o), 0, "{lang}: {}", stdout(&o));
        assert_eq!(stdout(&o), "Checked 1 draft: no problems found.\n");
        // Never over an existing file.
        let o = run(&["new", "--lang", lang, &path]);
        assert_eq!(code(&o), 2);
        assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    }
}

#[test]
fn completion_scripts_know_every_subcommand() {
    let subcommands = [
        "lint",
        "build",
        "new",
        "watch",
        "hook",
        "completions",
        "man",
        "explain",
        "rules",
        "templates",
        "disclaimers",
    ];
    for shell in ["bash", "zsh", "fish"] {
        let o = run(&["completions", shell]);
        assert_eq!(code(&o), 0, "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        for sub in subcommands {
            assert!(script.contains(sub), "{shell} completion lacks `{sub}`");
        }
        for option in ["--only-drafts", "--staged", "--deny-warnings", "--force"] {
            assert!(
                script.contains(option.trim_start_matches('-')),
                "{shell} completion lacks `{option}`"
            );
        }
    }
    assert!(stdout(&run(&["completions", "bash"])).contains("complete -F _relkit"));
    assert!(stdout(&run(&["completions", "zsh"])).starts_with("#compdef relkit"));
    assert!(stdout(&run(&["completions", "fish"])).contains("complete -c relkit"));
    let o = run(&["completions", "tcsh"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn the_man_page_lists_commands_and_options() {
    let o = run(&["man"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH relkit 1"), "{page}");
    for sub in ["relkit\\-lint(1)", "relkit\\-watch(1)", "relkit\\-hook(1)"] {
        assert!(page.contains(sub), "the page lacks {sub}");
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(&["man", "--out", &dir.path().display().to_string()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lint = std::fs::read_to_string(dir.path().join("relkit-lint.1")).expect("relkit-lint.1");
    assert!(lint.contains(".TH relkit-lint 1"), "{lint}");
    for option in [
        "\\-\\-staged",
        "\\-\\-only\\-drafts",
        "\\-\\-format",
        "\\-\\-fix",
    ] {
        assert!(lint.contains(option), "relkit-lint.1 lacks {option}");
    }
    let install = std::fs::read_to_string(dir.path().join("relkit-hook-install.1"))
        .expect("relkit-hook-install.1");
    assert!(install.contains("\\-\\-force"), "{install}");
    assert!(dir.path().join("relkit-watch.1").is_file());
    assert!(dir.path().join("relkit.1").is_file());

    let o = run(&["man", "--out", "/no/such/folder"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("the folder does not exist"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn only_drafts_skips_named_files_that_are_not_drafts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let readme = dir.path().join("README.md");
    std::fs::write(&readme, "# Releases\n\nWe expect to publish more.\n").expect("write");
    let draft = dir.path().join("q3.md");
    let bad = std::fs::read_to_string("examples/iij-3q02.md")
        .expect("read")
        .replace("  - iij-safe-harbor\n", "");
    std::fs::write(&draft, bad).expect("write");
    let readme = readme.display().to_string();
    let draft = draft.display().to_string();

    // Named one by one, a README is linted as a pasted release…
    let o = run(&["lint", &readme]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("README.md"));
    // …but not with --only-drafts.
    let o = run(&["lint", "--only-drafts", "--color", "never", &readme, &draft]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("error[FLS001]"), "{out}");
    assert!(!out.contains("README"), "{out}");
    assert!(out.ends_with("Checked 1 draft: 1 error, 6 notes (shown with --notes).\n"));
    // No draft among the files: exit 0, nothing reported.
    let o = run(&["lint", "--only-drafts", &readme]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(stdout(&o), "Checked 0 drafts: no problems found.\n");
}
