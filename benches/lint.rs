//! Criterion benchmarks: parse + lint of the bundled example, and
//! throughput in bytes of Markdown per second on one core.
//!
//! The `lint` group is the whole engine (parse, every rule, configuration,
//! suppressions); the `parse` group is the document model alone, so that a
//! slowdown can be told apart between the parser and the rules.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use relkit::{Config, Linter, SourceFile};
use std::hint::black_box;
use std::path::Path;

#[path = "common/long_release.rs"]
mod long_release;
use long_release::long_release;

/// The allocator the `relkit` binary uses (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn example_linter() -> (Linter, String) {
    let config = Config::discover(Path::new("examples")).unwrap_or_default();
    let linter = Linter::new(config).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string("examples/iij-3q02.md").unwrap_or_else(|e| panic!("{e}"));
    (linter, text)
}

fn bench_example(c: &mut Criterion) {
    let (linter, text) = example_linter();
    let long = long_release(&text);
    let mut group = c.benchmark_group("lint");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("iij-3q02", |b| {
        b.iter(|| {
            let report = linter.lint(SourceFile::named("iij-3q02.md", black_box(text.clone())));
            black_box(report.diagnostics.len())
        })
    });
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.bench_function("long-release-1MB", |b| {
        b.iter(|| {
            let report = linter.lint(SourceFile::named("long.md", black_box(long.clone())));
            black_box(report.diagnostics.len())
        })
    });
    group.finish();

    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("iij-3q02", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            let doc = linter.parse(
                SourceFile::named("iij-3q02.md", black_box(text.clone())),
                &mut diags,
            );
            black_box((doc.blocks.len(), diags.len()))
        })
    });
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.bench_function("long-release-1MB", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            let doc = linter.parse(
                SourceFile::named("long.md", black_box(long.clone())),
                &mut diags,
            );
            black_box((doc.blocks.len(), diags.len()))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_example);
criterion_main!(benches);
