//! relkit: author investor-relations press releases in Markdown and ship
//! them only when they are compliant.
//!
//! The pipeline, one module per stage:
//!
//! * [`source`] — the draft's text and its line index;
//! * [`draft`] — front matter, the figures block and figure references;
//! * [`model`] — the document model: prose blocks and sentences with spans;
//! * [`amounts`] and [`fx`] — money in prose, yen/dollar pairs and rates;
//! * [`fls`] — deciding whether a sentence is a forward-looking statement;
//! * [`disclaimers`] and [`legend`] — the approved legal texts, and finding
//!   them (listed, pasted or written) in a draft;
//! * [`rules`] — the rule registry, one file per rule;
//! * [`pair`] — a release and its translation checked together (the `PAIR`
//!   rules): which drafts pair up, and the matching of their paragraphs;
//! * [`lint`] — running the rules with configuration and suppressions;
//! * [`diagnostics`] — findings and their human, JSON, SARIF and GitHub output;
//! * [`pdf`] — PDF layout (so far the paragraph line breaker);
//! * [`git`] and [`hook`] — the staged content of staged drafts, and the Git
//!   pre-commit hook that checks it;
//! * [`watch`] — what changed between two lints of a draft (`relkit watch`).

pub mod amounts;
pub mod attest;
pub mod build;
pub mod claims;
pub mod config;
pub mod diagnostics;
pub mod disclaimers;
pub mod draft;
pub mod error;
pub mod fix;
pub mod fls;
pub mod fx;
pub mod git;
pub mod hook;
pub mod legend;
pub mod lint;
pub mod model;
pub mod pair;
pub mod pdf;
pub mod render;
pub mod rules;
pub mod scaffold;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod text;
pub mod walk;
pub mod watch;
pub mod write;

pub use config::Config;
pub use diagnostics::{Diagnostic, FileReport, Severity, Summary};
pub use error::{Error, Result};
pub use lint::Linter;
pub use model::Document;
pub use source::{SourceFile, Span};
