//! From the document model to published files. The [`Release`] context is
//! built once from a parsed draft (front matter, the published body events,
//! the highlights table and charts from the figures block, the filled-in
//! disclaimers, the lint summary); each [`Backend`] turns it into the bytes
//! of one file through its Tera template in [`templates`]: [`HtmlPage`] the
//! release page, [`edgar::EdgarExhibit`] the SEC EDGAR exhibit.

pub mod body;
pub mod chart;
pub mod edgar;
pub mod highlights;
pub mod markdown;
pub mod templates;

use crate::diagnostics::{FileReport, Severity};
use crate::disclaimers::long_date;
use crate::draft::front_matter::Lang;
use crate::error::Result;
use crate::legend;
use crate::model::Document;
use serde::Serialize;

/// Everything a template can use. Documented in the user guide
/// ("Templates"); field names are part of relkit's stable interface.
#[derive(Debug, Clone, Serialize)]
pub struct Release {
    /// Front-matter facts.
    pub release: Facts,
    /// The body as HTML, written by the backend (sanitized for the page,
    /// EDGAR's tag subset for the exhibit).
    pub body_html: String,
    /// The body's events as published (references rendered, amounts glued,
    /// the figures block taken out), for the backends.
    #[serde(skip)]
    pub body: Vec<pulldown_cmark::Event<'static>>,
    /// The financial-highlights table, when the figures block has yen figures.
    pub highlights: Option<highlights::Highlights>,
    /// Charts asked for by the figures block.
    pub charts: Vec<chart::RenderedChart>,
    /// Every figure with its formatted values.
    pub figures: Vec<FigureView>,
    /// The listed disclaimers, filled in, in the draft's language.
    pub disclaimers: Vec<DisclaimerView>,
    /// Press and IR contacts.
    pub contacts: Vec<ContactView>,
    /// The lint result the release was built with.
    pub lint: LintSummary,
    /// The "DRAFT — not for release" banner text, when building with `--draft`.
    pub draft_banner: Option<String>,
    /// Words the page uses, in the draft's language.
    pub labels: Labels,
    /// relkit itself.
    pub relkit: Relkit,
}

/// Front-matter facts, as text.
#[derive(Debug, Clone, Serialize)]
pub struct Facts {
    /// Headline.
    pub title: String,
    /// Subhead.
    pub subtitle: Option<String>,
    /// Issuer.
    pub company: Option<String>,
    /// Exchange and ticker.
    pub ticker: Option<String>,
    /// ISO date.
    pub date: Option<String>,
    /// The date as a reader writes it ("February 14, 2003", "2003年2月14日").
    pub date_long: Option<String>,
    /// Place of issue.
    pub dateline: Option<String>,
    /// `en` or `ja`.
    pub lang: &'static str,
    /// Yen per dollar used for translations.
    pub fx_rate: Option<String>,
    /// The date of the rate, as a reader writes it.
    pub fx_as_of: Option<String>,
}

/// A figure for templates.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    /// The id used in references.
    pub id: String,
    /// The label.
    pub label: String,
    /// Whether it is a non-GAAP measure.
    pub non_gaap: bool,
    /// Values by period.
    pub values: Vec<ValueView>,
}

/// One period's value for templates.
#[derive(Debug, Clone, Serialize)]
pub struct ValueView {
    /// The period name.
    pub period: String,
    /// Whether it is a forecast.
    pub estimate: bool,
    /// The value as the text shows it, with its translation
    /// ("JPY10.6 billion ($89.0 million)").
    pub text: String,
    /// The yen (or percent) part alone.
    pub primary: String,
    /// The dollar translation alone, when there is one.
    pub usd: Option<String>,
}

/// A disclaimer for templates.
#[derive(Debug, Clone, Serialize)]
pub struct DisclaimerView {
    /// Library id.
    pub id: String,
    /// Kind (`safe-harbor`, …).
    pub kind: String,
    /// Heading.
    pub title: String,
    /// Version label.
    pub version: String,
    /// The text as HTML, written by the backend.
    pub html: String,
    /// The text as Markdown, parameters filled in.
    #[serde(skip)]
    pub markdown: String,
}

/// A contact for templates.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    /// Person or desk.
    pub name: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
}

/// Counts of the lint result.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LintSummary {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
}

/// Page words in the draft's language.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    /// "Contacts" heading.
    pub contacts: &'static str,
}

/// relkit's version.
#[derive(Debug, Clone, Serialize)]
pub struct Relkit {
    /// `CARGO_PKG_VERSION`.
    pub version: &'static str,
    /// SHA-256 of the draft's bytes, when the build read it from a file
    /// (the PDF's metadata carries it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft_sha256: Option<String>,
}

impl Release {
    /// Build the context from a parsed draft and its lint report.
    pub fn new(doc: &Document, report: &FileReport, draft_banner: bool) -> Release {
        let fm = doc.front_matter.as_ref();
        let lang = doc.lang();
        let text = |v: Option<&crate::draft::Spanned<String>>| v.map(|s| s.value.clone());
        let errors = report.count(Severity::Error);
        let facts = Facts {
            title: fm
                .and_then(|f| f.title.as_ref())
                .map(|t| t.value.clone())
                .or_else(|| first_heading(doc))
                .unwrap_or_else(|| doc.source.name().to_string()),
            subtitle: fm.and_then(|f| text(f.subtitle.as_ref())),
            company: fm.and_then(|f| text(f.company.as_ref())),
            ticker: fm.and_then(|f| text(f.ticker.as_ref())),
            date: fm
                .and_then(|f| f.date.as_ref())
                .map(|d| d.value.to_string()),
            date_long: fm
                .and_then(|f| f.date.as_ref())
                .map(|d| long_date(d.value, lang)),
            dateline: fm.and_then(|f| text(f.dateline.as_ref())),
            lang: lang.tag(),
            fx_rate: doc.fx_rate.map(|r| r.normalize().to_string()),
            fx_as_of: fm
                .and_then(|f| f.fx.as_ref())
                .and_then(|fx| fx.as_of.as_ref())
                .map(|d| long_date(d.value, lang)),
        };
        let disclaimers = legend::listed(doc)
            .into_iter()
            .map(|l| DisclaimerView {
                id: l.disclaimer.id.clone(),
                kind: l.disclaimer.kind.clone(),
                title: l.disclaimer.title.clone(),
                version: l.disclaimer.version.clone(),
                html: String::new(),
                markdown: l
                    .disclaimer
                    .render(fm, doc.fx_rate)
                    .unwrap_or_else(|_| l.disclaimer.text.clone()),
            })
            .collect();
        let contacts = fm
            .map(|f| {
                f.contacts
                    .iter()
                    .map(|c| ContactView {
                        name: c.name.clone(),
                        title: c.title.clone(),
                        email: c.email.clone(),
                        phone: c.phone.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let figures = doc.figures.as_ref();
        Release {
            release: facts,
            body_html: String::new(),
            body: body::published_events(doc),
            highlights: figures.and_then(|f| highlights::table(f, doc.fx_rate, lang)),
            charts: figures
                .map(|f| {
                    f.figures
                        .iter()
                        .filter_map(|fig| chart::render(fig, lang))
                        .collect()
                })
                .unwrap_or_default(),
            figures: figures
                .map(|f| figure_views(doc, f, lang))
                .unwrap_or_default(),
            disclaimers,
            contacts,
            lint: LintSummary {
                errors,
                warnings: report.count(Severity::Warning),
                notes: report.count(Severity::Note),
            },
            draft_banner: draft_banner.then(|| banner(errors, lang)),
            labels: Labels {
                contacts: match lang {
                    Lang::En => "Contacts",
                    Lang::Ja => "お問い合わせ先",
                },
            },
            relkit: Relkit {
                version: env!("CARGO_PKG_VERSION"),
                draft_sha256: None,
            },
        }
    }
}

/// "DRAFT — not for release: 2 compliance errors".
pub fn banner(errors: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "DRAFT — not for release: {}",
            crate::diagnostics::plural(errors, "compliance error")
        ),
        Lang::Ja => format!(
            "草稿 — 公表不可：コンプライアンス上の誤り {errors} 件 (DRAFT — not for release)"
        ),
    }
}

fn first_heading(doc: &Document) -> Option<String> {
    doc.blocks
        .iter()
        .find(|b| matches!(b.kind, crate::model::BlockKind::Heading(1)))
        .map(|b| b.text.as_str().to_string())
}

fn figure_views(
    doc: &Document,
    figures: &crate::draft::figures::Figures,
    lang: Lang,
) -> Vec<FigureView> {
    use crate::draft::references::{Context, resolve};
    let ctx = Context {
        figures: Some(figures),
        rate: doc.fx_rate,
        lang,
    };
    figures
        .figures
        .iter()
        .map(|f| FigureView {
            id: f.id.value.clone(),
            label: f.label().to_string(),
            non_gaap: f.non_gaap,
            values: f
                .values
                .iter()
                .map(|v| {
                    let reference = format!("{}.{}", f.id.value, v.period.value);
                    let shown =
                        |options: &str| resolve(&format!("{reference}{options}"), &ctx).ok();
                    // Only yen amounts with their translation switched on have one.
                    let translated = f.unit
                        == crate::draft::figures::Unit::Money(crate::draft::format::Currency::Jpy)
                        && f.display.usd != Some(false)
                        && doc.fx_rate.is_some();
                    ValueView {
                        period: v.period.value.clone(),
                        estimate: v.estimate,
                        text: shown("").unwrap_or_default(),
                        primary: shown(" | yen").unwrap_or_default(),
                        usd: if translated { shown(" | usd") } else { None },
                    }
                })
                .collect(),
        })
        .collect()
}

/// Escape text for HTML that relkit writes itself (tables, charts).
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One published form of a release. Every backend renders the same
/// [`Release`] — the same body events, figures and disclaimers — so no
/// output can say something the checked draft does not.
pub trait Backend {
    /// What the output is, for messages ("HTML page").
    fn name(&self) -> &'static str;
    /// The output file's name for a draft named `stem` (`iij-3q02.html`).
    fn file_name(&self, stem: &str) -> String;
    /// The release as the bytes of one file.
    fn render(&self, release: &Release, templates: &templates::Templates) -> Result<Vec<u8>>;
}

/// The self-contained release page (`release.html` template): sanitized
/// HTML5, inline CSS and SVG charts.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlPage;

impl Backend for HtmlPage {
    fn name(&self) -> &'static str {
        "HTML page"
    }

    fn file_name(&self, stem: &str) -> String {
        format!("{stem}.html")
    }

    fn render(&self, release: &Release, templates: &templates::Templates) -> Result<Vec<u8>> {
        let mut page = release.clone();
        page.body_html = markdown::events_to_html(release.body.iter().cloned());
        for disclaimer in &mut page.disclaimers {
            disclaimer.html = markdown::to_html(&disclaimer.markdown);
        }
        Ok(templates.render("release.html", &page)?.into_bytes())
    }
}

/// Render the release page with `templates`.
pub fn html(release: &Release, templates: &templates::Templates) -> Result<String> {
    let bytes = HtmlPage.render(release, templates)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
