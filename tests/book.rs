//! The user guide (`book/`, an mdBook) stays whole: every page in
//! `SUMMARY.md` exists and every page is in it, every rule of the registry
//! has its page in the table of contents and in the rule index, and every
//! link between pages (and its `#anchor`) points at something that exists.

use relkit::rules::RULES;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

fn book_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("book")
        .join("src")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every `.md` file under `book/src`, relative to it, with `/` separators.
fn pages() -> BTreeSet<String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeSet<String>) {
        let entries =
            std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                let relative = path.strip_prefix(root).expect("under the root");
                out.insert(slashed(relative));
            }
        }
    }
    let root = book_src();
    let mut out = BTreeSet::new();
    walk(&root, &root, &mut out);
    out
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Resolve `.` and `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The lines of a page outside fenced code blocks (an empty line stands in
/// for each line of code), so that examples of Markdown inside code are not
/// taken for links or headings.
fn outside_fences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
        match (fence, marker) {
            (None, Some(m)) if run >= 3 => {
                fence = Some((m, run));
                out.push("");
            }
            (Some((m, n)), Some(c)) if c == m && run >= n && trimmed.trim_end().len() == run => {
                fence = None;
                out.push("");
            }
            (Some(_), _) => out.push(""),
            _ => out.push(line),
        }
    }
    out
}

fn without_inline_code(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|c| **c == '`').count();
        // Find the closing run of exactly the same length.
        let mut j = i + run;
        let mut closed = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let other = chars[j..].iter().take_while(|c| **c == '`').count();
                if other == run {
                    closed = Some(j + other);
                    break;
                }
                j += other;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => {
                out.push(' ');
                i = end;
            }
            None => {
                out.extend(&chars[i..i + run]);
                i += run;
            }
        }
    }
    out
}

/// The targets of every inline Markdown link `[text](target)` outside code.
fn link_targets(text: &str) -> Vec<String> {
    let text: String = outside_fences(text)
        .into_iter()
        .map(|line| without_inline_code(line) + "\n")
        .collect();
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(')') {
            let target = rest[..end].trim();
            // A title after the address: [text](page.md "title").
            let target = target.split_whitespace().next().unwrap_or("");
            out.push(target.to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// Whether a link target points at another page of the book.
fn is_relative_page(target: &str) -> bool {
    let path = target.split('#').next().unwrap_or("");
    !target.contains("://") && !target.starts_with("mailto:") && path.ends_with(".md")
}

/// The pages linked from `SUMMARY.md`, in order, relative to `book/src`.
fn summary_links() -> Vec<String> {
    let summary = read(&book_src().join("SUMMARY.md"));
    let links = link_targets(&summary);
    assert!(
        !links.is_empty(),
        "SUMMARY.md links no page at all; is it a table of contents?"
    );
    links
}

/// The anchor mdBook gives a heading: lower case, spaces to `-`, other
/// punctuation dropped (the text as rendered, so without backticks).
fn heading_anchor(heading: &str) -> String {
    let mut text = heading.replace('`', "");
    // `[text](target)` renders as `text`.
    while let (Some(open), Some(mid)) = (text.find('['), text.find("](")) {
        let Some(close) = text[mid..].find(')').map(|i| mid + i) else {
            break;
        };
        if open > mid {
            break;
        }
        let inner = text[open + 1..mid].to_string();
        text.replace_range(open..=close, &inner);
    }
    text.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_lowercase().next().unwrap_or(c))
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Every anchor a page has, numbered like mdBook numbers repeated headings.
fn anchors(page: &Path) -> BTreeSet<String> {
    let text = read(page);
    let mut out = BTreeSet::new();
    for line in outside_fences(&text) {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if !(1..=6).contains(&hashes) || !line[hashes..].starts_with(' ') {
            continue;
        }
        let heading = line[hashes..].trim().trim_end_matches('#').trim();
        let base = heading_anchor(heading);
        let mut anchor = base.clone();
        let mut n = 0;
        while out.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        out.insert(anchor);
    }
    out
}

#[test]
fn summary_links_point_to_existing_pages() {
    let root = book_src();
    let mut missing = Vec::new();
    for link in summary_links() {
        assert!(
            is_relative_page(&link),
            "SUMMARY.md should link pages of the book by relative path, not `{link}`"
        );
        let file = link.split('#').next().unwrap_or("");
        if !root.join(file).is_file() {
            missing.push(link);
        }
    }
    assert!(
        missing.is_empty(),
        "SUMMARY.md links pages that do not exist under book/src: {missing:?}"
    );
}

#[test]
fn every_page_is_listed_in_the_summary() {
    let listed: BTreeSet<String> = summary_links()
        .iter()
        .map(|l| l.split('#').next().unwrap_or("").to_string())
        .collect();
    let mut pages = pages();
    assert!(pages.remove("SUMMARY.md"), "book/src/SUMMARY.md exists");
    assert!(
        pages.len() >= 10,
        "the book has its chapters and rule pages, found only {pages:?}"
    );
    let unlisted: Vec<&String> = pages.iter().filter(|p| !listed.contains(*p)).collect();
    assert!(
        unlisted.is_empty(),
        "pages missing from book/src/SUMMARY.md (mdBook would not show them): {unlisted:?}"
    );
}

#[test]
fn every_rule_has_a_page_listed_in_the_summary_and_the_rule_index() {
    let root = book_src();
    let summary: BTreeSet<String> = summary_links().into_iter().collect();
    let index_links: BTreeSet<String> = link_targets(&read(&root.join("rules/index.md")))
        .into_iter()
        .collect();
    assert!(!RULES.is_empty(), "the rule registry is empty");
    for rule in RULES {
        let page = format!("rules/{}.md", rule.code);
        assert!(
            root.join(&page).is_file(),
            "{} has no page book/src/{page}",
            rule.code
        );
        assert!(
            summary.contains(&page),
            "book/src/SUMMARY.md does not list {page}"
        );
        assert!(
            index_links.contains(&format!("{}.md", rule.code)),
            "book/src/rules/index.md does not link {}.md",
            rule.code
        );
    }
}

#[test]
fn rule_pages_start_with_code_and_name() {
    let root = book_src();
    for rule in RULES {
        let text = read(&root.join(format!("rules/{}.md", rule.code)));
        let first = text.lines().next().unwrap_or("");
        assert_eq!(
            first,
            format!("# {} {}", rule.code, rule.name),
            "the first line of rules/{}.md",
            rule.code
        );
    }
}

#[test]
fn rule_index_matches_the_rule_registry() {
    let index = read(&book_src().join("rules/index.md"));
    for rule in RULES {
        let row = index
            .lines()
            .find(|l| l.starts_with(&format!("| [{}]({}.md)", rule.code, rule.code)))
            .unwrap_or_else(|| panic!("rules/index.md has no table row for {}", rule.code));
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(
            cells,
            [
                format!("[{}]({}.md)", rule.code, rule.code).as_str(),
                format!("`{}`", rule.name).as_str(),
                rule.default_severity.as_str(),
                rule.summary,
            ],
            "the row of {} in rules/index.md differs from `relkit rules`",
            rule.code
        );
    }
    let rows = index.lines().filter(|l| l.starts_with("| [")).count();
    assert_eq!(
        rows,
        RULES.len(),
        "rules/index.md lists rules that the registry does not have"
    );
}

/// A link from one page of the book: the page, the target as written, and
/// the file it points to (the page itself for `#anchor`; `None` for a link
/// that leaves the book, such as a URL).
struct PageLink {
    page: String,
    target: String,
    file: Option<std::path::PathBuf>,
}

/// Every link of every page.
fn page_links() -> Vec<PageLink> {
    let root = book_src();
    let mut out = Vec::new();
    for page in pages() {
        let path = root.join(&page);
        let folder = path.parent().expect("a page is in a folder").to_path_buf();
        for target in link_targets(&read(&path)) {
            let file_part = target.split('#').next().unwrap_or("");
            let file = if file_part.is_empty() {
                Some(path.clone())
            } else if is_relative_page(&target) {
                Some(normalize(&folder.join(file_part)))
            } else {
                None
            };
            out.push(PageLink {
                page: page.clone(),
                target,
                file,
            });
        }
    }
    out
}

#[test]
fn relative_links_between_pages_resolve() {
    let root = book_src();
    let links: Vec<PageLink> = page_links()
        .into_iter()
        .filter(|l| is_relative_page(&l.target))
        .collect();
    let broken: Vec<String> = links
        .iter()
        .filter(|l| {
            l.file
                .as_ref()
                .is_none_or(|f| !f.starts_with(&root) || !f.is_file())
        })
        .map(|l| format!("{}: ]({})", l.page, l.target))
        .collect();
    assert!(
        links.len() >= 20,
        "expected the pages to link each other; found {} links",
        links.len()
    );
    assert!(broken.is_empty(), "broken links in the book: {broken:#?}");
}

#[test]
fn anchors_of_links_between_pages_exist() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for link in page_links() {
        let (Some((_, anchor)), Some(file)) = (link.target.split_once('#'), &link.file) else {
            continue;
        };
        if !file.is_file() {
            continue; // reported by relative_links_between_pages_resolve
        }
        checked += 1;
        if !anchors(file).contains(anchor) {
            broken.push(format!("{}: ]({})", link.page, link.target));
        }
    }
    assert!(checked >= 5, "expected links to sections; found {checked}");
    assert!(
        broken.is_empty(),
        "links to headings that do not exist: {broken:#?}"
    );
}

#[test]
fn book_toml_names_the_title_and_source_folder() {
    let toml = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("book/book.toml"));
    assert!(
        toml.lines()
            .any(|l| l.trim() == r#"title = "relkit user guide""#),
        "book.toml sets the title:\n{toml}"
    );
    assert!(
        toml.lines().any(|l| l.trim() == r#"src = "src""#),
        "book.toml sets src:\n{toml}"
    );
}

#[test]
fn the_link_helpers_see_what_mdbook_sees() {
    let text = "See [a](a.md#x) and `[b](b.md)`.\n\n```markdown\n[c](c.md)\n```\n\n````\n```\n[d](d.md)\n```\n````\n[e](https://x.y/e.md \"E\")\n";
    assert_eq!(link_targets(text), ["a.md#x", "https://x.y/e.md"]);
    assert!(is_relative_page("a.md#x"));
    assert!(!is_relative_page("https://x.y/e.md"));
    assert_eq!(
        heading_anchor("`[fx]`: default exchange rate"),
        "fx-default-exchange-rate"
    );
    assert_eq!(heading_anchor("4. Read the finding"), "4-read-the-finding");
    assert_eq!(
        heading_anchor("FIG001 unknown-figure-reference"),
        "fig001-unknown-figure-reference"
    );
    assert_eq!(
        normalize(Path::new("/b/src/rules/../configuration.md")),
        PathBuf::from("/b/src/configuration.md")
    );
}

#[test]
fn the_forbidden_rules_are_listed_where_legal_reads_about_them() {
    let fmt011 = read(&book_src().join("rules/FMT011.md"));
    let allowances = read(&book_src().join("allowances.md"));
    for code in relkit::rules::FORBIDDEN_INLINE {
        let row = format!("| [{code}]({code}.md) |");
        assert!(
            fmt011.contains(&row),
            "rules/FMT011.md has no row for {code}"
        );
        let row = format!("| [{code}](rules/{code}.md) |");
        assert!(
            allowances.contains(&row),
            "allowances.md has no row for {code}"
        );
    }
    let rows = |text: &str, prefix: &str| {
        text.lines()
            .filter(|l| l.starts_with(prefix) && l.contains(".md) |"))
            .count()
    };
    // No rule is listed as forbidden that is not.
    let fmt011_section = fmt011
        .split("## The forbidden rules")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap_or("");
    assert_eq!(
        rows(fmt011_section, "| ["),
        relkit::rules::FORBIDDEN_INLINE.len()
    );
}
