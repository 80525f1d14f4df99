//! Criterion benchmarks of the paragraph line breaker (`relkit::pdf::linebreak`):
//! a 300-word English paragraph and a Japanese one of similar length, itemized
//! (UAX #14, kinsoku, hyphenation; also without hyphenation, to see what
//! it costs) and broken (Knuth–Plass), with a monospaced measure so that
//! only the module's own work is timed.

use criterion::{Criterion, criterion_group, criterion_main};
use relkit::pdf::linebreak::{
    BreakOptions, Fragment, ItemizeOptions, Lang, break_paragraph, itemize,
};
use std::hint::black_box;

/// ASCII half an em, everything else a full em, at 10 points.
fn measure(text: &str, _style: ()) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 5.0 } else { 10.0 })
        .sum()
}

fn english_paragraph() -> String {
    let words = [
        "the",
        "company",
        "announced",
        "consolidated",
        "results",
        "for",
        "fiscal",
        "year",
        "with",
        "net",
        "sales",
        "of",
        "JPY10.6",
        "billion",
        "reflecting",
        "extraordinarily",
        "strong",
        "demand",
        "in",
        "international",
        "markets",
        "and",
        "operating",
        "income",
        "increased",
    ];
    let text: Vec<&str> = (0..300)
        .map(|i| {
            words
                .get((i * 7 + i / 3) % words.len())
                .copied()
                .unwrap_or("a")
        })
        .collect();
    text.join(" ")
}

fn japanese_paragraph() -> String {
    "当社は、2025年3月期の連結業績（速報値）を発表しました。売上高は106億円（前期比12.5%増）となり、\
     コーヒー事業の好調により営業利益も増加しました。「新中期経営計画」は、ちょっと先に公表します。"
        .repeat(6)
}

fn bench_linebreak(c: &mut Criterion) {
    let mut group = c.benchmark_group("linebreak");
    for (name, text, lang, width) in [
        ("en_300_words", english_paragraph(), Lang::En, 240.0),
        ("ja_600_chars", japanese_paragraph(), Lang::Ja, 300.0),
    ] {
        let fragments = [Fragment {
            text: text.as_str(),
            style: (),
        }];
        let options = ItemizeOptions::new(lang);
        group.bench_function(format!("itemize_{name}"), |b| {
            b.iter(|| itemize(black_box(&fragments), &[], &mut measure, &options))
        });
        let plain = ItemizeOptions {
            hyphenate: false,
            ..options.clone()
        };
        group.bench_function(format!("itemize_nohyph_{name}"), |b| {
            b.iter(|| itemize(black_box(&fragments), &[], &mut measure, &plain))
        });
        let paragraph = itemize(&fragments, &[], &mut measure, &options);
        let break_options = BreakOptions::default();
        group.bench_function(format!("break_{name}"), |b| {
            b.iter(|| break_paragraph(black_box(&paragraph.items), |_| width, &break_options))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_linebreak);
criterion_main!(benches);
