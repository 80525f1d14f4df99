//! Linting many drafts at once: in parallel, reported in a stable order,
//! with the drafts of a run that name each other (`translation_of`) checked
//! together as one pair.

use super::{Linter, ReadFn};
use crate::diagnostics::FileReport;
use crate::error::Result;
use crate::source::SourceFile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The linter for a draft's folder (its relkit.toml), built by the caller.
pub type LinterFor<'a> = dyn Fn(&Path) -> Result<Linter> + Sync + 'a;

/// A draft to lint: its place in the output, the folder whose relkit.toml
/// applies, and its text (or why it cannot be read).
pub struct Draft {
    /// Its place in the output.
    pub index: usize,
    /// The folder whose relkit.toml applies.
    pub folder: PathBuf,
    /// Its text, or why it cannot be read.
    pub source: Result<SourceFile>,
}

/// Lint drafts, checking together the ones that pair up (one names the
/// other with `translation_of`); a draft whose counterpart is not among them
/// reads it with `read_counterpart`. The reports keep the drafts' order.
pub fn lint_together(
    drafts: Vec<Draft>,
    linter_for: &LinterFor<'_>,
    read_counterpart: &ReadFn<'_>,
) -> Vec<Result<FileReport>> {
    let sources: Vec<Option<&SourceFile>> = drafts.iter().map(|d| d.source.as_ref().ok()).collect();
    let partners = crate::pair::partners(&sources);
    let mut slots: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
    // Each pair once (at its first draft), and every draft that is not in one.
    let mut units: Vec<(Draft, Option<Draft>)> = Vec::new();
    for (i, partner) in partners.iter().enumerate() {
        match partner {
            Some(j) if *j < i => continue,
            Some(j) => {
                let first = slots.get_mut(i).and_then(Option::take);
                let second = slots.get_mut(*j).and_then(Option::take);
                if let Some(first) = first {
                    units.push((first, second));
                }
            }
            None => {
                if let Some(single) = slots.get_mut(i).and_then(Option::take) {
                    units.push((single, None));
                }
            }
        }
    }
    let mut reports: Vec<(usize, Result<FileReport>)> = units
        .into_par_iter()
        .flat_map_iter(|(first, second)| -> Vec<(usize, Result<FileReport>)> {
            match (first, second) {
                (
                    Draft {
                        index: i,
                        folder: fi,
                        source: Ok(a),
                    },
                    Some(Draft {
                        index: j,
                        folder: fj,
                        source: Ok(b),
                    }),
                ) => match (linter_for(&fi), linter_for(&fj)) {
                    (Ok(la), Ok(lb)) => {
                        let [ra, rb] = Linter::lint_pair((&la, a), (&lb, b));
                        vec![(i, Ok(ra)), (j, Ok(rb))]
                    }
                    // A draft whose relkit.toml is broken is not checked;
                    // the other is checked alone.
                    (la, lb) => vec![
                        (i, la.map(|l| l.lint_reading(a, read_counterpart))),
                        (j, lb.map(|l| l.lint_reading(b, read_counterpart))),
                    ],
                },
                // A draft alone (or, which `partners` never gives, a
                // pair with an unreadable draft): each checked alone.
                (first, second) => std::iter::once(first)
                    .chain(second)
                    .map(
                        |Draft {
                             index,
                             folder,
                             source,
                         }| {
                            let report = source.and_then(|source| {
                                Ok(linter_for(&folder)?.lint_reading(source, read_counterpart))
                            });
                            (index, report)
                        },
                    )
                    .collect(),
            }
        })
        .collect();
    reports.sort_by_key(|(index, _)| *index);
    reports.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn draft(index: usize, name: &str, text: &str) -> Draft {
        Draft {
            index,
            folder: PathBuf::from("pair"),
            source: Ok(SourceFile::new(Path::new("pair").join(name), text)),
        }
    }

    #[test]
    fn a_pair_in_the_batch_is_checked_together_and_the_order_is_kept() {
        let en = include_str!("../../tests/fixtures/pair/pair002-different-rate/release.md");
        let ja = include_str!("../../tests/fixtures/pair/pair002-different-rate/release.ja.md");
        let single = include_str!("../../tests/fixtures/clean-no-forward-looking.md");
        let drafts = vec![
            draft(0, "release.ja.md", ja),
            draft(1, "other.md", single),
            draft(2, "release.md", en),
        ];
        let never_read = |path: &Path| -> Result<SourceFile> {
            Err(crate::error::Error::NotFound {
                path: path.to_path_buf(),
            })
        };
        let reports = lint_together(drafts, &|_| Linter::new(Config::default()), &never_read);
        let names: Vec<String> = reports
            .iter()
            .map(|r| {
                r.as_ref()
                    .map_or(String::new(), |r| r.source.name().to_string())
            })
            .collect();
        assert_eq!(
            names,
            ["pair/release.ja.md", "pair/other.md", "pair/release.md"]
        );
        for i in [0, 2] {
            let report = reports
                .get(i)
                .and_then(|r| r.as_ref().ok())
                .expect("report");
            assert!(
                report.diagnostics.iter().any(|d| d.code == "PAIR002"),
                "{:?}",
                report.diagnostics
            );
        }
        let other = reports
            .get(1)
            .and_then(|r| r.as_ref().ok())
            .expect("report");
        assert!(
            other
                .diagnostics
                .iter()
                .all(|d| !d.code.starts_with("PAIR"))
        );
    }
}
