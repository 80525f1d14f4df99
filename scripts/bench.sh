#!/usr/bin/env bash
# Whole-process benchmark of `relkit lint`, with hyperfine.
#
# 1. Builds the release binary.
# 2. Times `relkit lint examples/iij-3q02.md` and fails when the median is
#    not under 10 ms (the budget for linting one release from an editor or a
#    pre-commit hook).
# 3. Generates a long draft of about 10 MB in a temporary folder (the
#    example's front matter, its body prose repeated, then its figures
#    block) and reports the lint throughput in MB/s (10^6 bytes per second).
# 4. Reports peak memory (maximum resident set size) of both runs with
#    `/usr/bin/time -v`, when it is installed.
#
# Usage, from anywhere in the repository:
#
#     scripts/bench.sh
#
# Environment:
#     BENCH_SIZE_MB   size of the generated draft in MB (default: 10)
#     BENCH_BUDGET_MS median budget for the example in ms (default: 10)
#
# relkit against its peers (pandoc, WeasyPrint, wkhtmltopdf, proselint,
# textlint) on the example and a 1,000-draft corpus: scripts/bench-peers.sh;
# the hook on 20 staged drafts: scripts/bench-hook.sh.
#
# Needs hyperfine (Debian/Ubuntu: `sudo apt-get install hyperfine`; or
# `cargo install hyperfine`). Criterion micro-benchmarks of parse + lint on
# one core are in benches/lint.rs: `cargo bench --bench lint`.

set -euo pipefail

size_mb="${BENCH_SIZE_MB:-10}"
budget_ms="${BENCH_BUDGET_MS:-10}"
if [[ ! "$size_mb" =~ ^[1-9][0-9]*$ || ! "$budget_ms" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: BENCH_SIZE_MB and BENCH_BUDGET_MS must be positive whole numbers" >&2
    exit 1
fi

# Run from the repository root whatever the current folder is.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

example="examples/iij-3q02.md"

if ! command -v hyperfine >/dev/null 2>&1; then
    echo "error: hyperfine is not installed." >&2
    echo "  Debian/Ubuntu: sudo apt-get install hyperfine" >&2
    echo "  elsewhere:     cargo install --locked hyperfine" >&2
    exit 1
fi
if ! command -v cargo >/dev/null 2>&1; then
    echo "error: cargo is not on PATH (https://rustup.rs)" >&2
    exit 1
fi
if [[ ! -f "$example" ]]; then
    echo "error: $example is missing; run this script inside the relkit repository" >&2
    exit 1
fi

# Work in a temporary folder that is removed however the script ends.
work="$(mktemp -d "${TMPDIR:-/tmp}/relkit-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "==> building the release binary"
cargo build --release --locked --quiet
# Respect CARGO_TARGET_DIR and build.target-dir.
target_dir="$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p' || true)"
relkit="${target_dir:-target}/release/relkit"
if [[ ! -x "$relkit" ]]; then
    echo "error: no binary at $relkit after the build" >&2
    exit 1
fi

# hyperfine 1.13+ can run commands without a shell, which removes the
# shell's start-up time (about a millisecond) from every measurement.
# (The help text is read whole: `grep -q` on a pipe could stop hyperfine
# early and, with pipefail, fail the test.)
no_shell=()
hyperfine_help="$(hyperfine --help 2>&1 || true)"
if [[ "$hyperfine_help" == *"shell=none"* ]]; then
    no_shell=(--shell=none)
fi

# The median, in seconds, from a file written by `hyperfine --export-json`.
median_seconds() {
    awk '/"median":/ { value = $2; gsub(/,/, "", value); print value; exit }' "$1"
}

# The peak RSS of one run of a command, in KiB, or nothing when
# /usr/bin/time is missing. The command's exit status (relkit exits with 1
# when it finds errors) and output do not matter here.
peak_rss_kib() {
    if [[ ! -x /usr/bin/time ]]; then
        return 0
    fi
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$work/time.txt"
}

echo
echo "==> relkit lint $example"
# The time counts whatever the lint finds (relkit exits with 1 on errors),
# but say so: the example is meant to lint cleanly.
if ! "$relkit" lint "$example" >/dev/null 2>&1; then
    echo "note: \`relkit lint $example\` reports errors" >&2
fi
# Quote the paths for hyperfine, which splits its command into words.
printf -v example_cmd '%q lint %q' "$relkit" "$example"
hyperfine "${no_shell[@]}" --warmup 20 --min-runs 200 --ignore-failure \
    --export-json "$work/example.json" \
    "$example_cmd"
example_median="$(median_seconds "$work/example.json")"

echo
echo "==> generating a ${size_mb} MB draft from $example"
# Split the example into front matter (up to the second `---` line), body
# prose, and the figures block (from the ```figures line to the end).
fm_end="$(awk 'NR > 1 && /^---[[:space:]]*$/ { print NR; exit }' "$example")"
figures_at="$(awk -v from="$fm_end" 'NR > from && /^```figures/ { print NR; exit }' "$example")"
if [[ -z "$fm_end" || -z "$figures_at" ]]; then
    echo "error: $example has no front matter or no figures block" >&2
    exit 1
fi
big="$work/long-release.md"
head -n "$fm_end" "$example" >"$big"
sed -n "$((fm_end + 1)),$((figures_at - 1))p" "$example" >"$work/prose.md"
prose_bytes="$(wc -c <"$work/prose.md")"
repeats=$(((size_mb * 1000000 + prose_bytes - 1) / prose_bytes))
# Repeat the prose with a blank line between copies so paragraphs never merge.
awk -v n="$repeats" '{ line[NR] = $0 }
    END { for (i = 0; i < n; i++) { for (j = 1; j <= NR; j++) print line[j]; print "" } }' \
    "$work/prose.md" >>"$big"
tail -n "+$figures_at" "$example" >>"$big"
# The example's configuration and approved disclaimer texts, so the long
# draft is linted exactly as the example is.
cp examples/relkit.toml "$work/"
if [[ -d examples/disclaimers ]]; then
    cp -R examples/disclaimers "$work/"
fi
big_bytes="$(wc -c <"$big")"
echo "$big: $big_bytes bytes"
# Show what the lint finds (its last line), for the record.
"$relkit" lint "$big" 2>&1 | tail -n 1 || true

echo
echo "==> relkit lint (${size_mb} MB draft)"
printf -v long_cmd '%q lint %q' "$relkit" "$big"
hyperfine "${no_shell[@]}" --warmup 1 --min-runs 10 --ignore-failure \
    --export-json "$work/long.json" \
    "$long_cmd"
long_median="$(median_seconds "$work/long.json")"

echo
echo "==> peak memory"
example_rss="$(peak_rss_kib "$relkit" lint "$example")"
long_rss="$(peak_rss_kib "$relkit" lint "$big")"
if [[ -n "$example_rss" ]]; then
    echo "example:         ${example_rss} KiB max RSS"
    echo "${size_mb} MB draft:     ${long_rss} KiB max RSS"
else
    echo "skipped: /usr/bin/time is not installed (Debian/Ubuntu: sudo apt-get install time)"
fi

echo
echo "==> summary"
awk -v m="$example_median" -v budget="$budget_ms" -v lm="$long_median" -v bytes="$big_bytes" 'BEGIN {
    printf "example median:  %.2f ms (budget %s ms)\n", m * 1000, budget
    printf "%.1f MB draft:   %.1f ms median, %.1f MB/s\n", bytes / 1e6, lm * 1000, bytes / lm / 1e6
}'
if awk -v m="$example_median" -v budget="$budget_ms" 'BEGIN { exit !(m * 1000 < budget) }'; then
    echo "OK: the example lints in under ${budget_ms} ms"
else
    echo "FAIL: the example's median is not under ${budget_ms} ms" >&2
    exit 1
fi
