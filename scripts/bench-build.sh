#!/usr/bin/env bash
# Whole-process benchmark of `relkit build` on the example release:
# HTML, compared with `pandoc -s` on the same Markdown body (what a writer
# might use instead), and PDF, compared with WeasyPrint on the release page
# when WeasyPrint is installed (Debian: apt-get install weasyprint).
# Run from the repository root: bash scripts/bench-build.sh
# Needs hyperfine and pandoc (Debian: apt-get install hyperfine pandoc).
# Budgets: the HTML median under 15 ms, the PDF median at most 100 ms on a
# 2-core machine, the PDF at most 300 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine pandoc; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install $tool first (apt-get install $tool)" >&2; exit 2; }
done
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp examples/iij-3q02.md examples/relkit.toml "$work/"
cp -r examples/disclaimers "$work/"
# The same text for pandoc: the body with figure references as relkit renders them.
./target/release/relkit build "$work/iij-3q02.md" -o "$work/out" 2>/dev/null
python3 - "$work" <<'PY'
import re, sys, html, pathlib
work = pathlib.Path(sys.argv[1])
page = (work / "out" / "iij-3q02.html").read_text()
body = page.split('<div class="body">', 1)[1].split("</div>", 1)[0]
(work / "body.html").write_text(body)
PY
pandoc -f html -t markdown -o "$work/body.md" "$work/body.html"
hyperfine -N --warmup 5 --runs 50 --export-json "$work/result.json" \
  "./target/release/relkit build $work/iij-3q02.md -o $work/out" \
  "pandoc -s --metadata title=IIJ -o $work/pandoc.html $work/body.md"
python3 - "$work/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
relkit, pandoc = (x["median"] * 1000 for x in r)
print(f"relkit build median {relkit:.2f} ms (budget 15 ms); pandoc -s median {pandoc:.2f} ms; pandoc/relkit = {pandoc / relkit:.1f}x")
sys.exit(0 if relkit < 15 else 1)
PY

# PDF: relkit, and WeasyPrint on the release page when it is installed.
pdf_commands=("./target/release/relkit build $work/iij-3q02.md --pdf -o $work/out")
peers=()
if command -v weasyprint >/dev/null 2>&1; then
  pdf_commands+=("weasyprint $work/out/iij-3q02.html $work/weasy.pdf")
  peers+=("weasyprint")
fi
if command -v wkhtmltopdf >/dev/null 2>&1; then
  # pandoc with wkhtmltopdf (Debian: apt-get install wkhtmltopdf); it
  # prints progress on stderr and needs no X server with the patched Qt.
  # (run in $work: pandoc leaves its html2pdf temporary files in the current folder)
  pdf_commands+=("sh -c 'cd $work && pandoc -s --metadata title=IIJ --pdf-engine=wkhtmltopdf --pdf-engine-opt=--quiet -o $work/wk.pdf $work/body.md'")
  peers+=("pandoc+wkhtmltopdf")
fi
hyperfine -N --warmup 3 --runs 20 --export-json "$work/pdf.json" "${pdf_commands[@]}"
python3 - "$work/pdf.json" "$work/out/iij-3q02.pdf" "${peers[@]}" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))["results"]
relkit = r[0]["median"] * 1000
size = os.path.getsize(sys.argv[2])
line = f"relkit build --pdf median {relkit:.2f} ms (budget 100 ms), {size / 1000:.0f} KB (budget 300 KB)"
for name, result in zip(sys.argv[3:], r[1:]):
    peer = result["median"] * 1000
    line += f"; {name} median {peer:.2f} ms; {name}/relkit = {peer / relkit:.1f}x"
print(line)
sys.exit(0 if relkit <= 100 and size <= 300_000 else 1)
PY
