//! The command line: argument definitions (clap) and the thin glue that
//! calls the library and prints. No checking logic lives here.

mod commands;
mod watch;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use commands::run;

const AFTER_HELP: &str = "\
Examples:
  relkit lint examples/iij-3q02.md       check one draft
  relkit lint releases/                  check every draft in a folder
  relkit lint --format json drafts/*.md  machine-readable findings
  relkit explain FMT003                  what a finding means and how to fix it
  relkit new --company \"Example Inc.\" q3.md
  relkit watch q3.md                     re-check a draft each time it is saved
  relkit hook install                    check staged drafts before each commit

Exit codes: 0 no errors; 1 errors found (or warnings with --deny-warnings);
2 relkit could not run (bad usage, unreadable file, bad relkit.toml).";

/// Check investor-relations press releases written in Markdown, and ship
/// them only when they are compliant.
#[derive(Debug, Parser)]
#[command(name = "relkit", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check drafts for compliance problems.
    #[command(after_help = "\
Examples:
  relkit lint examples/iij-3q02.md
  relkit lint releases/ --deny-warnings
  relkit lint --diff draft.md | patch -p0   (or: relkit lint --fix draft.md)
  relkit lint 'releases/**/*.md' --format sarif > relkit.sarif
  cat draft.md | relkit lint - --stdin-filename draft.md
  relkit lint --staged                      the staged drafts (what a commit would record)
  relkit lint --only-drafts README.md q3.md checks q3.md only (as the pre-commit hook does)
  relkit lint --pair q3.md q3.ja.md         a release and its translation, checked together

Folders are searched for *.md files (hidden folders, target/, out/ and
node_modules/ are skipped), filtered by [files] include/exclude in relkit.toml;
without include, a file is a draft when its front matter names a title or
company. Files named one by one are checked whatever they contain, unless
--only-drafts is given. relkit.toml is looked up from each draft's folder upward.
A draft that names its translation (translation_of: q3.ja.md) is checked
with it; each draft reports its own side of every disagreement.")]
    Lint(LintArgs),
    /// Lint drafts and, when they are compliant, render them to HTML, EDGAR HTML or PDF.
    #[command(after_help = "\
Examples:
  relkit build examples/iij-3q02.md                 writes examples/out/iij-3q02.html
  relkit build drafts/*.md -o site/releases/
  relkit build draft.md --draft                     build despite errors, with a DRAFT banner
  relkit build draft.md --templates brand/          use your own Tera templates
  relkit build draft.md --html --edgar              the page and the EDGAR exhibit
  relkit build draft.md --html --pdf                the page and the PDF

A draft with compliance errors is not built: the findings are printed and the
exit code is 1. Outputs are written atomically and are byte-for-byte the same
for the same draft.")]
    Build(BuildArgs),
    /// Work with the release templates.
    #[command(
        after_help = "Examples:\n  relkit templates export brand/   then set [paths] templates = \"brand\" in relkit.toml"
    )]
    Templates {
        /// What to do.
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// Explain a rule: what it finds, why, and how to fix it.
    #[command(after_help = "Examples:\n  relkit explain FMT003\n  relkit explain fig001")]
    Explain {
        /// The rule code, e.g. FMT003.
        code: String,
    },
    /// List every rule with its code, default severity and summary.
    #[command(after_help = "Examples:\n  relkit rules\n  relkit rules --format json")]
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Start a new draft with front matter, a figures block and the safe-harbor
    /// disclaimer, or the other-language version of an existing draft.
    #[command(after_help = "\
Examples:
  relkit new q3-results.md --company \"Internet Initiative Japan Inc.\" --ticker \"Nasdaq: IIJI\"
  relkit new --lang ja 第3四半期.md
  relkit new --translation-of q3-results.md        # writes q3-results.ja.md to translate")]
    New(NewArgs),
    /// Re-check drafts each time they are saved, printing only what changed.
    #[command(after_help = "\
Examples:
  relkit watch q3-results.md                 re-lint on every save
  relkit watch q3-results.md --build         …and rebuild the page when it is compliant
  relkit watch q3-results.md --pdf -o out/   …and rebuild the PDF into out/

The first check prints every finding; after each save relkit prints the
findings that are new and the ones that are fixed, then the totals. Saves
that come close together are checked once. Stop with Ctrl-C.")]
    Watch(WatchArgs),
    /// Install or remove the Git pre-commit hook that checks staged drafts.
    #[command(after_help = "\
Examples:
  relkit hook install            in your repository: check drafts before each commit
  relkit hook install --force    replace another pre-commit hook
  relkit hook uninstall          remove relkit's hook (never another tool's)

The hook runs `relkit lint --staged`: it checks what is staged (git add), not
the files as they are in the editor, and stops the commit when a draft has
compliance errors. Teams using the pre-commit framework add relkit to
.pre-commit-config.yaml instead (see the user guide).")]
    Hook {
        /// What to do.
        #[command(subcommand)]
        action: HookAction,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "\
Examples:
  relkit completions bash > ~/.local/share/bash-completion/completions/relkit
  relkit completions zsh > ~/.zfunc/_relkit       (with fpath+=~/.zfunc in ~/.zshrc)
  relkit completions fish > ~/.config/fish/completions/relkit.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a folder.
    #[command(after_help = "\
Examples:
  relkit man | man -l -
  relkit man --out man/          writes man/relkit.1, man/relkit-lint.1, …")]
    Man {
        /// Write relkit.1 and one page per subcommand into this folder
        /// (which must exist) instead of printing relkit.1.
        #[arg(long, value_name = "DIR")]
        out: Option<std::path::PathBuf>,
    },
    /// Check that published files match their build attestation and that
    /// their draft still lints with the recorded result.
    #[command(after_help = "\
Examples:
  relkit verify examples/out/iij-3q02.pdf
  relkit verify examples/out/iij-3q02.html examples/out/iij-3q02.pdf
  relkit verify examples/out/iij-3q02.relkit.json    every output it lists

relkit build writes NAME.relkit.json beside its outputs; keep it with them.
Exit codes: 0 every file verified; 1 a check failed; 2 relkit could not run
(no attestation, unreadable file).")]
    Verify {
        /// Published files (or attestations) to verify.
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
    },
    /// List every exception to the rules: allowance and suppression comments
    /// in the drafts and [[allow]] entries of relkit.toml, with who allowed
    /// it, why, until when, and whether it is used.
    #[command(after_help = "\
Examples:
  relkit allowances                         every draft under the current folder
  relkit allowances releases/ --format json
  relkit allowances --expires-before 2027-04-01   what legal must renew by April

Status: used (it silences a finding), unused (the rule reports nothing there:
remove it), expired (its date has passed: the finding is reported again),
incomplete (no reason, author or valid date: it silences nothing), forbidden
(a compliance rule no comment can silence), rule off (switched off in
relkit.toml). Unsigned relkit-disable comments are listed too. The exit code is
0 when the list could be made; `relkit lint` is what fails on bad exceptions.")]
    Allowances(AllowancesArgs),
    /// List or show the approved texts of the disclaimer library.
    #[command(after_help = "\
Examples:
  relkit disclaimers list
  relkit disclaimers show safe-harbor --lang ja
  relkit disclaimers show convenience-translation --draft examples/iij-3q02.md

The library is the bundled one plus the folder named by [paths] disclaimers
in relkit.toml (looked up from the current folder, or the draft's folder).")]
    Disclaimers {
        /// What to do.
        #[command(subcommand)]
        action: DisclaimersAction,
    },
}

/// `relkit hook` subcommands.
#[derive(Debug, Subcommand)]
pub enum HookAction {
    /// Write the pre-commit hook of this repository (honours core.hooksPath and worktrees).
    Install {
        /// Replace a pre-commit hook that is not relkit's.
        #[arg(long)]
        force: bool,
    },
    /// Remove relkit's pre-commit hook; another tool's hook is left in place.
    Uninstall,
}

/// Options of `relkit watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The drafts to watch.
    #[arg(required = true)]
    pub paths: Vec<std::path::PathBuf>,
    /// Rebuild after each save when the draft is compliant (the page; add
    /// --pdf or --edgar for those).
    #[arg(long)]
    pub build: bool,
    /// Rebuild the HTML page (implies --build).
    #[arg(long)]
    pub html: bool,
    /// Rebuild the PDF (implies --build).
    #[arg(long)]
    pub pdf: bool,
    /// Rebuild the EDGAR exhibit (implies --build).
    #[arg(long)]
    pub edgar: bool,
    /// The PDF's archival standard for --pdf: `2b` (the default) or `1b`.
    #[arg(long, value_name = "PART", default_value = "2b", value_parser = parse_pdfa)]
    pub pdfa: relkit::pdf::PdfStandard,
    /// Output folder for --build (default: out/ beside the draft).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<std::path::PathBuf>,
    /// Rebuild even with compliance errors, marked as a draft.
    #[arg(long)]
    pub draft: bool,
    /// Include notes (each forward-looking sentence).
    #[arg(long)]
    pub notes: bool,
    /// Use this relkit.toml instead of looking one up from the draft's folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// How long to wait for a save to settle before checking, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 200)]
    pub debounce: u64,
    /// When to use colour (NO_COLOR is respected).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `relkit disclaimers` subcommands.
#[derive(Debug, Subcommand)]
pub enum DisclaimersAction {
    /// List every entry: id, language, version, kind and the parameters it needs.
    List,
    /// Print one entry's text, with its parameters filled from a draft if given.
    Show {
        /// The disclaimer id, e.g. `safe-harbor`.
        id: String,
        /// The language of the text.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// Fill the parameters from this draft's front matter (and use its language).
        #[arg(long, value_name = "DRAFT")]
        draft: Option<std::path::PathBuf>,
    },
}

/// Options of `relkit lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Drafts, folders or glob patterns; `-` reads standard input. Default: the current folder.
    #[arg(conflicts_with = "staged")]
    pub paths: Vec<String>,
    /// Check two drafts as one release in two languages (English and
    /// Japanese), whether or not they name each other with `translation_of`;
    /// the findings of each are reported in it.
    #[arg(
        long,
        num_args = 2,
        value_names = ["DRAFT", "TRANSLATION"],
        conflicts_with_all = ["paths", "staged", "only_drafts"]
    )]
    pub pair: Option<Vec<std::path::PathBuf>>,
    /// Check the staged content of the staged drafts (what `git commit`
    /// would record), not the files in the working tree; used by the Git hook.
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    pub staged: bool,
    /// Skip files named on the command line that are not drafts (by
    /// relkit.toml [files] include/exclude, else by front matter), as
    /// folder searches do; used by the pre-commit framework's hook.
    #[arg(long)]
    pub only_drafts: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Show notes (such as each forward-looking sentence) in human output.
    #[arg(long)]
    pub notes: bool,
    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Apply the safe fixes (FX001, FX003, FMT001, FMT006) to the drafts,
    /// then report what is left. Each draft is replaced atomically.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the safe fixes as a unified diff (for `patch -p0`) instead of
    /// the findings; nothing is written. Exits 1 when there is a change.
    #[arg(long)]
    pub diff: bool,
    /// Use this configuration file instead of looking for relkit.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// The name to show for standard input.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_filename: String,
    /// When to use colour in human output (NO_COLOR is respected).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Options of `relkit allowances`.
#[derive(Debug, Args)]
pub struct AllowancesArgs {
    /// Drafts, folders or glob patterns. Default: the current folder.
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// Only signed exceptions whose last day is before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub expires_before: Option<String>,
    /// Use this configuration file instead of looking for relkit.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
}

/// Options of `relkit build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Drafts to render.
    pub paths: Vec<String>,
    /// Write HTML (the default).
    #[arg(long)]
    pub html: bool,
    /// Write the PDF (`NAME.pdf`: a tagged PDF/A, fonts embedded, Japanese
    /// included, page numbers).
    #[arg(long)]
    pub pdf: bool,
    /// The PDF's archival standard: `2b` (PDF/A-2b, the default) or `1b`
    /// (PDF/A-1b, for archives that accept only part 1).
    #[arg(long, value_name = "PART", default_value = "2b", value_parser = parse_pdfa)]
    pub pdfa: relkit::pdf::PdfStandard,
    /// Write the SEC EDGAR exhibit (`NAME-edgar.htm`: ASCII, EDGAR's
    /// HTML 4 tag subset, charts as tables).
    #[arg(long)]
    pub edgar: bool,
    /// Output folder (default: out/ beside the draft).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<std::path::PathBuf>,
    /// Build even when the draft has compliance errors, marking every output
    /// "DRAFT — not for release".
    #[arg(long)]
    pub draft: bool,
    /// Templates folder that overrides the bundled templates file by file
    /// (default: [paths] templates in relkit.toml).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<std::path::PathBuf>,
    /// Use this relkit.toml instead of looking one up from each draft's folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
}

/// `--pdfa 2b|1b`.
fn parse_pdfa(text: &str) -> Result<relkit::pdf::PdfStandard, String> {
    relkit::pdf::PdfStandard::parse(text)
        .ok_or_else(|| format!("`{text}` is not a PDF/A level relkit writes; use `2b` or `1b`"))
}

/// `relkit templates` subcommands.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Write the bundled templates into DIR as a starting point (never overwrites).
    Export {
        /// The folder to write into.
        dir: std::path::PathBuf,
    },
}

/// Options of `relkit new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Where to write the draft (default: draft.md; with --translation-of,
    /// the source's name with .ja or .en, e.g. q3.md → q3.ja.md).
    pub path: Option<std::path::PathBuf>,
    /// Language of the draft (with --translation-of: the source's other
    /// language).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Start the other-language version of this draft: its front matter and
    /// figures block as they are, `translation_of` naming it, its prose to
    /// translate in place. `relkit lint` then checks the two as a pair.
    #[arg(long, value_name = "DRAFT", conflicts_with_all = ["company", "ticker", "date"])]
    pub translation_of: Option<std::path::PathBuf>,
    /// The issuer's name.
    #[arg(long, default_value = "Example Corporation")]
    pub company: String,
    /// Exchange and ticker, e.g. "Nasdaq: IIJI".
    #[arg(long)]
    pub ticker: Option<String>,
    /// Release date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
}

/// Output formats of `relkit lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable findings with the source line underlined.
    Human,
    /// The stable JSON shape documented in the user guide.
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions annotations.
    Github,
}

/// Output formats of `relkit rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Human,
    /// JSON.
    Json,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Draft language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Japanese.
    Ja,
}

impl From<LangArg> for relkit::draft::front_matter::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::En => Self::En,
            LangArg::Ja => Self::Ja,
        }
    }
}
