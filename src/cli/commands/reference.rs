//! The reference commands: `relkit explain`, `relkit rules` and
//! `relkit disclaimers list|show`.

use super::{fail, print};
use crate::cli::{DisclaimersAction, ListFormat};
use relkit::draft::front_matter::Lang;
use relkit::{Config, Linter, rules};
use std::path::Path;
use std::process::ExitCode;

pub(super) fn explain(code: &str) -> ExitCode {
    match rules::find(code) {
        Some(rule) => {
            let mut text = rule.doc.to_string();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            print(&text)
        }
        None => {
            let hint = relkit::suggest::did_you_mean(code, rules::RULES.iter().map(|r| r.code));
            let hint = if hint.is_empty() {
                "run `relkit rules` to list every code".to_string()
            } else {
                hint
            };
            fail(format!("`{code}` is not a relkit rule code; {hint}"))
        }
    }
}

pub(super) fn list_rules(format: ListFormat) -> ExitCode {
    match format {
        ListFormat::Human => {
            let mut text = String::new();
            for r in rules::RULES {
                text.push_str(&format!(
                    "{:<7} {:<8} {:<26} {}\n",
                    r.code,
                    r.default_severity.as_str(),
                    r.name,
                    r.summary
                ));
            }
            print(&text)
        }
        ListFormat::Json => {
            let list: Vec<_> = rules::RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "severity": r.default_severity.as_str(),
                        "family": r.family(),
                        "summary": r.summary,
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
            text.push('\n');
            print(&text)
        }
    }
}

pub(super) fn disclaimers(action: DisclaimersAction) -> ExitCode {
    match action {
        DisclaimersAction::List => {
            let library = match Config::discover(Path::new(".")).and_then(Linter::new) {
                Ok(linter) => linter.library,
                Err(e) => return fail(e),
            };
            // One row per text: id, language, version, kind, and a remark.
            let row = |d: &relkit::disclaimers::Disclaimer, remark: String| {
                format!(
                    "{:<26} {:<3} v{:<8} {:<24} {remark}\n",
                    d.id,
                    d.lang.tag(),
                    d.version,
                    d.kind
                )
            };
            let mut text = String::new();
            for d in library.iter() {
                let parameters = d.parameters();
                text.push_str(&row(
                    d,
                    if parameters.is_empty() {
                        "no parameters".to_string()
                    } else {
                        format!("needs {}", parameters.join(", "))
                    },
                ));
            }
            for d in library.history() {
                text.push_str(&row(
                    d,
                    match library.current_of(d) {
                        Some(c) => format!(
                            "superseded by v{}{}",
                            c.version,
                            c.effective.map(|e| format!(" on {e}")).unwrap_or_default()
                        ),
                        None => "superseded".to_string(),
                    },
                ));
            }
            print(&text)
        }
        DisclaimersAction::Show { id, lang, draft } => {
            let folder = draft
                .as_deref()
                .and_then(Path::parent)
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let linter = match Config::discover(folder).and_then(Linter::new) {
                Ok(l) => l,
                Err(e) => return fail(e),
            };
            let mut lang = Lang::from(lang);
            let mut front_matter = None;
            let mut rate = None;
            if let Some(path) = &draft {
                let source = match relkit::lint::read_draft(path) {
                    Ok(s) => s,
                    Err(e) => return fail(e),
                };
                let doc = linter.parse(source, &mut Vec::new());
                lang = doc.lang();
                rate = doc.fx_rate;
                front_matter = doc.front_matter;
            }
            let Some(entry) = linter.library.get(&id, lang) else {
                let hint = relkit::suggest::did_you_mean(&id, linter.library.ids());
                return fail(format!(
                    "there is no disclaimer `{id}` in the library; {}",
                    if hint.is_empty() {
                        "run `relkit disclaimers list`".to_string()
                    } else {
                        hint
                    }
                ));
            };
            let body = if draft.is_some() {
                match entry.render(front_matter.as_ref(), rate) {
                    Ok(t) => t,
                    Err(missing) => {
                        return fail(format!(
                            "the draft does not give {} for `{id}`",
                            missing.0.join(", ")
                        ));
                    }
                }
            } else {
                entry.text.clone()
            };
            // Without a draft: the approved text as filed, with what
            // identifies it (for `sha256:` in its file and for the record).
            let trailer = if draft.is_none() {
                format!(
                    "\n[version {}{}{}; sha256 {}]\n",
                    entry.version,
                    entry
                        .effective
                        .map(|d| format!(", effective {d}"))
                        .unwrap_or_default(),
                    entry
                        .review_by
                        .map(|d| format!(", review by {d}"))
                        .unwrap_or_default(),
                    entry.text_sha256()
                )
            } else {
                String::new()
            };
            print(&format!(
                "# {} ({} {}, version {})\n\n{}\n{trailer}",
                entry.title,
                entry.id,
                entry.lang.tag(),
                entry.version,
                body
            ))
        }
    }
}
