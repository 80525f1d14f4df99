//! Errors that stop relkit from checking a draft at all (exit code 2).
//! Problems *in* a draft are diagnostics, not errors.

use std::path::PathBuf;

/// Why relkit could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A named file or folder does not exist.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// A glob on the command line matched no file.
    #[error("`{pattern}` matches no draft; check the pattern")]
    NoMatch {
        /// The pattern given.
        pattern: String,
    },
    /// Reading failed.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error(
        "{path}:{line}:{column}: the file is not UTF-8 text (invalid byte 0x{byte:02X}); save it as UTF-8 and try again"
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
        /// The bad byte.
        byte: u8,
    },
    /// The file looks binary (it contains NUL bytes).
    #[error("{path}: this is a binary file, not a Markdown draft")]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The file is empty or only whitespace.
    #[error(
        "{path}: the file is empty; a draft needs front matter and text (run `relkit new` to start one)"
    )]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// `relkit.toml` is wrong.
    #[error("{path}:{line}:{column}: {message}")]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A glob pattern on the command line or in `relkit.toml` is malformed.
    #[error("invalid glob pattern `{pattern}`: {message}")]
    Glob {
        /// The pattern.
        pattern: String,
        /// Why it is invalid.
        message: String,
    },
    /// A disclaimer file in the library is malformed.
    #[error("{path}:{line}:{column}: {message}")]
    Disclaimer {
        /// The disclaimer file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A file that should be written could not be.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The folder a file should be written in does not exist.
    #[error("{path}: the folder does not exist; create it first (for example `mkdir -p {path}`)")]
    NoFolder {
        /// The folder.
        path: PathBuf,
    },
    /// A template cannot be read, parsed or rendered.
    #[error("{template}: {message}")]
    Template {
        /// The template file (or the bundled template's name).
        template: String,
        /// What Tera said, with its causes.
        message: String,
    },
    /// The PDF could not be made (a font that cannot be embedded, …).
    #[error("the PDF could not be made: {message}")]
    Pdf {
        /// What went wrong.
        message: String,
    },
    /// A build attestation is missing or unreadable.
    #[error("{path}: {message}")]
    Attestation {
        /// The attestation, or the file it should attest.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A font file named in relkit.toml cannot be used in the PDF.
    #[error("{path}: {message}")]
    Font {
        /// The font file.
        path: PathBuf,
        /// What is wrong with it, and what to do.
        message: String,
    },
    /// A file that would be overwritten already exists.
    #[error("{path} already exists; choose another name or remove it first")]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// A Git command failed (or this is not a Git repository).
    #[error("git: {message}")]
    Git {
        /// What failed, with Git's own message.
        message: String,
    },
    /// `relkit hook install` found a pre-commit hook that is not relkit's.
    #[error(
        "{path} is another pre-commit hook, not relkit's; relkit left it in place (run `relkit hook install --force` to replace it, or call `relkit lint --staged` from it)"
    )]
    ForeignHook {
        /// The existing hook.
        path: PathBuf,
    },
    /// Watching files for changes failed.
    #[error("{path}: cannot watch for changes: {message}")]
    Watch {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

impl Error {
    /// The error for failing to read `path`: [`Error::NotFound`] when it
    /// does not exist, else [`Error::Read`].
    pub fn reading(path: &std::path::Path, source: std::io::Error) -> Error {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            Error::Read {
                path: path.to_path_buf(),
                source,
            }
        }
    }
}

/// `Result` with relkit's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
