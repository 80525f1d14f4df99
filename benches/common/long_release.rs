//! The long release of the throughput benchmark, shared by
//! `benches/lint.rs` and `scripts/bench-instructions.sh` so that both
//! measure the same document.

/// A long release: the example's body prose repeated, one document of ~1 MB,
/// with the front matter first and the figures block last.
pub fn long_release(text: &str) -> String {
    let layout = relkit::draft::split(text);
    let body = text.get(layout.body.range()).unwrap_or("");
    let figures_at = body.find("```figures").unwrap_or(body.len());
    let prose = body.get(..figures_at).unwrap_or("");
    let mut long = text.get(..layout.body.start).unwrap_or("").to_string();
    while long.len() < 1_000_000 {
        long.push_str(prose);
    }
    long.push_str(body.get(figures_at..).unwrap_or(""));
    long
}
