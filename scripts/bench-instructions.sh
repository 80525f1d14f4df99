#!/usr/bin/env bash
# Processor instructions per parse + lint of the 1 MB release of
# `cargo bench --bench lint` (`lint/long-release-1MB`), counted with
# callgrind: a count the machine's load does not change, for comparing two
# revisions on a busy machine where wall-clock benchmarks are noisy.
#
# 1. Writes a small program in target/instructions/ that builds the long
#    release exactly as benches/lint.rs does (the example's front matter,
#    its body prose repeated to ~1 MB, its figures block) and lints it N
#    times with the example's configuration, with the allocator of the
#    relkit binary (mimalloc) and the release profile of Cargo.toml.
# 2. Runs it under callgrind once and three times; one lint is
#    (I(3) - I(1)) / 2, which leaves out start-up and one-time work
#    (configuration, regex compilation).
# 3. Does the same for the parse alone (the `parse` benchmark group).
#
# Usage, from anywhere in the repository:
#
#     bash scripts/bench-instructions.sh
#
# The first run compiles the dependencies again (a few minutes), in
# target/instructions/. Needs valgrind (Debian/Ubuntu:
# `sudo apt-get install valgrind`). `callgrind_annotate` on the files it
# leaves in target/instructions/ shows where the instructions go.
#
# Calibration: at 150.5 million instructions per lint, the medians of two
# series of 14 criterion runs (scripts/bench-throughput.sh) were 59.2 and
# 69.7 MiB/s on the development machine, single runs 11.7 to 23.3 ms; what
# the machine's memory does counts as much as the instructions
# (book/src/performance.md).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$(pwd)"

if ! command -v valgrind >/dev/null 2>&1; then
    echo "error: valgrind is not installed (Debian/Ubuntu: sudo apt-get install valgrind)" >&2
    exit 1
fi

work="$repo/target/instructions"
mkdir -p "$work/src"
cat >"$work/Cargo.toml" <<EOF
[package]
name = "relkit-instructions"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
relkit = { path = "$repo" }
mimalloc = { version = "0.1", default-features = false }

[profile.release]
$(sed -n '/^\[profile.release\]/,/^\[/p' Cargo.toml | sed '1d;/^\[/d')

[workspace]
EOF
# The same dependency versions as relkit's own build.
if [[ ! -f "$work/Cargo.lock" || Cargo.lock -nt "$work/Cargo.lock" ]]; then
    cp Cargo.lock "$work/Cargo.lock"
fi
cat >"$work/src/main.rs" <<'EOF'
//! Lint (or parse) the long release of benches/lint.rs N times.
use relkit::{Config, Linter, SourceFile};
use std::hint::black_box;
use std::path::Path;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The same document as benches/lint.rs (one source for both).
#[path = "../../../benches/common/long_release.rs"]
mod long_release;
use long_release::long_release;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(repo), Some(times), Some(mode)) = (args.get(1), args.get(2), args.get(3)) else {
        panic!("usage: relkit-instructions REPOSITORY TIMES lint|parse");
    };
    let times: usize = times.parse().unwrap_or_else(|e| panic!("{e}"));
    std::env::set_current_dir(repo).unwrap_or_else(|e| panic!("{e}"));
    let config = Config::discover(Path::new("examples")).unwrap_or_default();
    let linter = Linter::new(config).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string("examples/iij-3q02.md").unwrap_or_else(|e| panic!("{e}"));
    let long = long_release(&text);
    for _ in 0..times {
        let source = SourceFile::named("long.md", black_box(long.clone()));
        if mode == "parse" {
            let mut diags = Vec::new();
            let doc = linter.parse(source, &mut diags);
            black_box((doc.blocks.len(), diags.len()));
        } else {
            black_box(linter.lint(source).diagnostics.len());
        }
    }
}
EOF

echo "==> building target/instructions (the first time compiles the dependencies)"
cargo build --release --quiet --manifest-path "$work/Cargo.toml" --target-dir "$work/target"
program="$work/target/release/relkit-instructions"

# Instructions of one run of the program, from callgrind's summary.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.$2.$1.out" \
        "$program" "$repo" "$1" "$2" 2>&1 | sed -n 's/.*Collected : *//p'
}

for mode in lint parse; do
    once="$(instructions 1 "$mode")"
    thrice="$(instructions 3 "$mode")"
    awk -v mode="$mode" -v a="$once" -v b="$thrice" 'BEGIN {
        printf "%-5s %.1f million instructions per 1 MB release\n", mode, (b - a) / 2 / 1e6
    }'
done
