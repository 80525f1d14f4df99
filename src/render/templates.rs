//! The Tera templates releases are rendered with. The default set in
//! `templates/` is compiled into relkit; a project's own folder
//! (`[paths] templates` in `relkit.toml`, or `--templates DIR`) replaces them
//! file by file; `relkit templates export DIR` writes the defaults out as a
//! starting point.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The bundled templates: (file name, text).
pub const DEFAULTS: &[(&str, &str)] = &[
    ("release.html", include_str!("../../templates/release.html")),
    ("release.css", include_str!("../../templates/release.css")),
    ("edgar.htm", include_str!("../../templates/edgar.htm")),
    ("pdf.toml", include_str!("../../templates/pdf.toml")),
];

/// A loaded template set.
#[derive(Debug)]
pub struct Templates {
    tera: tera::Tera,
    /// Where each template came from (for error messages): file name → path.
    origins: Vec<(String, Option<PathBuf>)>,
}

impl Templates {
    /// The defaults, with the files of `folder` (if any) in place of the
    /// bundled ones of the same name.
    pub fn load(folder: Option<&Path>) -> Result<Templates> {
        let mut sources: Vec<(String, String, Option<PathBuf>)> = DEFAULTS
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string(), None))
            .collect();
        if let Some(folder) = folder {
            let entries = std::fs::read_dir(folder).map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound => Error::NotFound {
                    path: folder.to_path_buf(),
                },
                _ => Error::Read {
                    path: folder.to_path_buf(),
                    source,
                },
            })?;
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension().is_some_and(|e| {
                            matches!(
                                e.to_str(),
                                Some("html" | "htm" | "css" | "tera" | "svg" | "toml")
                            )
                        })
                })
                .collect();
            paths.sort();
            for path in paths {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string();
                let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })?;
                match sources.iter_mut().find(|(n, _, _)| *n == name) {
                    Some(entry) => *entry = (name, text, Some(path)),
                    None => sources.push((name, text, Some(path))),
                }
            }
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
        let origins: Vec<(String, Option<PathBuf>)> = sources
            .iter()
            .map(|(n, _, p)| (n.clone(), p.clone()))
            .collect();
        let raw: Vec<(String, String)> = sources.into_iter().map(|(n, t, _)| (n, t)).collect();
        tera.add_raw_templates(raw)
            .map_err(|e| template_error(&origins, &e))?;
        Ok(Templates { tera, origins })
    }

    /// Where template `name` came from, for messages: its file, or
    /// `NAME (bundled)`.
    pub fn origin(&self, name: &str) -> String {
        match self.origins.iter().find(|(n, _)| n == name) {
            Some((_, Some(path))) => path.display().to_string(),
            _ => format!("{name} (bundled)"),
        }
    }

    /// Render `name` with `context`.
    pub fn render(&self, name: &str, context: &impl serde::Serialize) -> Result<String> {
        if !self.tera.get_template_names().any(|n| n == name) {
            return Err(Error::Template {
                template: name.to_string(),
                message: "there is no such template; run `relkit templates export DIR` to see the defaults".into(),
            });
        }
        let context = tera::Context::from_serialize(context)
            .map_err(|e| template_error(&self.origins, &e))?;
        self.tera
            .render(name, &context)
            .map_err(|e| template_error(&self.origins, &e))
    }
}

/// Write the bundled templates into `folder`, refusing to overwrite files.
pub fn export(folder: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Write {
        path: folder.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for (name, text) in DEFAULTS {
        let path = folder.join(name);
        crate::write::create_new(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

/// A Tera error with every cause, naming the template file it came from.
fn template_error(origins: &[(String, Option<PathBuf>)], error: &tera::Error) -> Error {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    // Tera names the template in quotes: show its file instead where we know it.
    let template = origins
        .iter()
        .find(|(name, _)| message.contains(&format!("'{name}'")))
        .map(|(name, path)| match path {
            Some(p) => p.display().to_string(),
            None => format!("{name} (bundled)"),
        })
        .unwrap_or_else(|| "template".to_string());
    // Parse errors carry "--> LINE:COLUMN" and, after "= ", what was expected.
    let position = message.split_once("--> ").and_then(|(_, rest)| {
        let spot: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        (spot.contains(':') && !spot.ends_with(':')).then_some(spot)
    });
    let (template, message) = match position {
        Some(spot) => {
            let expected = message
                .rsplit_once("= ")
                .map_or(message.as_str(), |(_, e)| e)
                .to_string();
            (
                format!("{template}:{spot}"),
                format!("template syntax: {expected}"),
            )
        }
        None => (template, message),
    };
    Error::Template {
        template,
        message: message
            .replace('\n', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_templates_replace_the_defaults_and_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("release.html"),
            "<h1>{{ release.title }}</h1>",
        )
        .unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        let html = t
            .render(
                "release.html",
                &serde_json::json!({"release": {"title": "<b>A & B</b>"}}),
            )
            .unwrap();
        assert_eq!(html, "<h1>&lt;b&gt;A &amp; B&lt;&#x2F;b&gt;</h1>");

        std::fs::write(
            dir.path().join("release.html"),
            "<h1>\n{{ release.title \n</h1>",
        )
        .unwrap();
        let e = Templates::load(Some(dir.path())).unwrap_err().to_string();
        assert!(
            e.contains("release.html:3:2: template syntax: expected"),
            "{e}"
        );
    }

    #[test]
    fn export_writes_the_defaults_once() {
        let dir = tempfile::tempdir().unwrap();
        let written = export(dir.path()).unwrap();
        assert_eq!(written.len(), DEFAULTS.len());
        assert!(export(dir.path()).is_err(), "never overwrites");
    }
}
