#!/usr/bin/env bash
# relkit against its peers, whole process, with hyperfine (median of at
# least 10 runs), on the bundled example and on a generated corpus of
# 1,000 drafts:
#
#   lint   relkit lint            | proselint, textlint + write-good (prose linters)
#   HTML   relkit build --html    | pandoc -s
#   PDF    relkit build --pdf     | WeasyPrint (on relkit's page), pandoc + wkhtmltopdf
#
# Peers are timed only when installed (Debian: apt-get install pandoc
# weasyprint wkhtmltopdf; PyPI: pip install proselint; npm: npm install
# textlint textlint-rule-write-good, found on PATH or under TEXTLINT_DIR).
# On the corpus, the peers that take one file per process (pandoc,
# WeasyPrint, wkhtmltopdf) are timed on 100 drafts and their time scaled to
# 1,000 (PEER_SAMPLE changes the 100); prose linters take the whole corpus.
#
# Writes a Markdown table with the ratios (peer time / relkit time) to
# OUT (default target/bench/peers.md) and prints it, with the machine.
#
#   bash scripts/bench-peers.sh [OUT]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out="${1:-target/bench/peers.md}"
sample="${PEER_SAMPLE:-100}"
runs="${BENCH_RUNS:-10}"
if [[ ! "$sample" =~ ^[1-9][0-9]*$ || ! "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "error: PEER_SAMPLE and BENCH_RUNS must be positive whole numbers" >&2
  exit 1
fi
if ! command -v hyperfine >/dev/null 2>&1; then
  echo "error: hyperfine is not installed (Debian/Ubuntu: apt-get install hyperfine)" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"

cargo build --release --locked --quiet
relkit="$PWD/target/release/relkit"
work="$(mktemp -d "${TMPDIR:-/tmp}/relkit-peers.XXXXXX")"
trap 'rm -rf "$work"' EXIT

textlint=""
if command -v textlint >/dev/null 2>&1; then
  textlint="textlint"
elif [[ -x "${TEXTLINT_DIR:-/opt/textlint}/node_modules/.bin/textlint" ]]; then
  textlint="${TEXTLINT_DIR:-/opt/textlint}/node_modules/.bin/textlint"
fi

# --- inputs ---------------------------------------------------------------
example="$work/example"
mkdir -p "$example"
cp examples/iij-3q02.md examples/relkit.toml "$example/"
cp -R examples/disclaimers "$example/"
# The corpus: the example 1,000 times, each with its own title and
# revenue, in one folder with the example's configuration.
corpus="$work/corpus"
mkdir -p "$corpus"
cp examples/relkit.toml "$corpus/"
cp -R examples/disclaimers "$corpus/"
for i in $(seq 1 1000); do
  sed -e "s/^title: \(.*\)$/title: \1 (No. $i)/" "$example/iij-3q02.md" >"$corpus/release-$i.md"
done
sample_dir="$work/sample"
mkdir -p "$sample_dir"
cp examples/relkit.toml "$sample_dir/"
cp -R examples/disclaimers "$sample_dir/"
for i in $(seq 1 "$sample"); do cp "$corpus/release-$i.md" "$sample_dir/"; done
# Peers read what relkit publishes: the body as Markdown with the figure
# references written out (pandoc), the release page (WeasyPrint).
"$relkit" build "$example/iij-3q02.md" --html -o "$example/out" >/dev/null
"$relkit" build "$sample_dir"/*.md --html -o "$sample_dir/out" >/dev/null
if command -v pandoc >/dev/null 2>&1; then
  pandoc -f html -t gfm -o "$example/body.md" "$example/out/iij-3q02.html"
  for f in "$sample_dir"/out/*.html; do
    pandoc -f html -t gfm -o "${f%.html}.body.md" "$f"
  done
fi
# Plain prose for the prose linters (no front matter, no figures block).
awk 'NR == 1 && /^---/ { fm = 1; next } fm && /^---/ { fm = 0; next } fm { next }
     /^```figures/ { skip = 1 } !skip { print } /^```$/ && skip { skip = 0 }' \
  "$example/iij-3q02.md" >"$example/prose.md"
mkdir -p "$work/prose-corpus"
for i in $(seq 1 1000); do cp "$example/prose.md" "$work/prose-corpus/release-$i.md"; done

# --- timing -----------------------------------------------------------------
results="$work/results.tsv"
: >"$results"
# time LABEL SCALE COMMAND: the median of RUNS runs, times SCALE, in ms.
time_it() {
  local label="$1" scale="$2" command="$3"
  hyperfine --warmup 1 --runs "$runs" --ignore-failure --style none \
    --export-json "$work/t.json" "$command" >/dev/null 2>&1
  python3 - "$work/t.json" "$label" "$scale" >>"$results" <<'PY'
import json, sys
median = json.load(open(sys.argv[1]))["results"][0]["median"] * 1000 * float(sys.argv[3])
print(f"{sys.argv[2]}\t{median:.1f}")
PY
  tail -n 1 "$results"
}

echo "==> the example"
time_it "example lint relkit" 1 "$relkit lint $example/iij-3q02.md"
command -v proselint >/dev/null && time_it "example lint proselint" 1 "proselint check $example/prose.md"
[[ -n "$textlint" ]] && time_it "example lint textlint+write-good" 1 "$textlint --rule write-good $example/prose.md"
time_it "example html relkit" 1 "$relkit build $example/iij-3q02.md --html -o $work/o1"
command -v pandoc >/dev/null && time_it "example html pandoc" 1 "pandoc -s --metadata title=IIJ -o $work/p.html $example/body.md"
time_it "example pdf relkit" 1 "$relkit build $example/iij-3q02.md --pdf -o $work/o1"
command -v weasyprint >/dev/null && time_it "example pdf weasyprint" 1 "weasyprint $example/out/iij-3q02.html $work/w.pdf"
command -v wkhtmltopdf >/dev/null && command -v pandoc >/dev/null &&
  time_it "example pdf pandoc+wkhtmltopdf" 1 "sh -c 'cd $work && pandoc -s --metadata title=IIJ --pdf-engine=wkhtmltopdf --pdf-engine-opt=--quiet -o $work/k.pdf $example/body.md'"

echo "==> the 1,000-draft corpus"
time_it "corpus lint relkit" 1 "$relkit lint $corpus"
command -v proselint >/dev/null && time_it "corpus lint proselint" 1 "sh -c 'proselint check $work/prose-corpus/*.md'"
[[ -n "$textlint" ]] && time_it "corpus lint textlint+write-good" 1 "$textlint --rule write-good $work/prose-corpus"
time_it "corpus html relkit" 1 "sh -c '$relkit build $corpus/*.md --html -o $work/o2'"
scale="$(python3 -c "print(1000 / $sample)")"
command -v pandoc >/dev/null && time_it "corpus html pandoc" "$scale" \
  "sh -c 'for f in $sample_dir/out/*.body.md; do pandoc -s --metadata title=IIJ -o \$f.html \$f; done'"
time_it "corpus pdf relkit" 1 "sh -c '$relkit build $corpus/*.md --pdf -o $work/o3'"
command -v weasyprint >/dev/null && time_it "corpus pdf weasyprint" "$scale" \
  "sh -c 'for f in $sample_dir/out/*.html; do weasyprint \$f \$f.pdf; done'"
command -v wkhtmltopdf >/dev/null && command -v pandoc >/dev/null && time_it "corpus pdf pandoc+wkhtmltopdf" "$scale" \
  "sh -c 'cd $work && for f in $sample_dir/out/*.body.md; do pandoc -s --metadata title=IIJ --pdf-engine=wkhtmltopdf --pdf-engine-opt=--quiet -o \$f.pdf \$f; done'"

# --- the table ----------------------------------------------------------------
machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
python3 - "$results" "$machine" "$runs" "$sample" >"$out" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
times = {label: float(ms) for label, ms in rows}
print(f"Machine: {sys.argv[2]}. Whole process, median of {sys.argv[3]} runs (hyperfine).")
print(f"Corpus times of one-file-per-process peers are {sys.argv[4]} drafts scaled to 1,000.")
print()
print("| Input | Job | Tool | Median | Peer / relkit |")
print("| --- | --- | --- | ---: | ---: |")
names = {"lint": "lint", "html": "HTML", "pdf": "PDF"}
for label, ms in times.items():
    scope, job, tool = label.split(" ", 2)
    relkit = times.get(f"{scope} {job} relkit")
    ratio = "—" if tool == "relkit" or not relkit else f"{ms / relkit:.1f}×"
    shown = f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"
    where = "example" if scope == "example" else "1,000 drafts"
    print(f"| {where} | {names[job]} | {tool} | {shown} | {ratio} |")
PY
echo
cat "$out"
