#!/usr/bin/env bash
# The PDFs of the example and of a Japanese release, checked with the
# tools a reviewer would use: qpdf --check (structure), pdffonts (every
# font embedded, subset, with a Unicode map) and pdftotext (the Japanese
# text and the yen and dollar amounts come back verbatim).
# Installs qpdf and poppler-utils when missing (CI runs as root).
#
#   bash scripts/check-pdf.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-target/pdf-check}"
mkdir -p "$out"

if ! command -v qpdf >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq qpdf poppler-utils >/dev/null
fi

cargo run --quiet --release -- build examples/iij-3q02.md tests/fixtures/clean-ja.md --pdf -o "$out"

status=0
fail() { echo "check-pdf: $*" >&2; status=1; }

for pdf in "$out/iij-3q02.pdf" "$out/clean-ja.pdf"; do
  echo "==> $pdf"
  qpdf --check "$pdf" >"$out/qpdf.txt" 2>&1 || { cat "$out/qpdf.txt"; fail "qpdf --check fails on $pdf"; }
  grep -q "No syntax or stream encoding errors found" "$out/qpdf.txt" || fail "qpdf found problems in $pdf"
  pdffonts "$pdf" | tee "$out/fonts.txt"
  # Columns: name type encoding emb sub uni object ID; every row needs yes yes yes.
  if awk 'NR > 2 && !($(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes") { bad = 1 } END { exit !bad }' "$out/fonts.txt"; then
    fail "a font of $pdf is not embedded, not subset or has no Unicode map"
  fi
  [ "$(awk 'NR > 2' "$out/fonts.txt" | wc -l)" -ge 2 ] || fail "$pdf has fewer than two fonts"
done

# pdftotext keeps a line's words together; check whole phrases verbatim.
pdftotext "$out/iij-3q02.pdf" "$out/iij-3q02.txt"
pdftotext "$out/clean-ja.pdf" "$out/clean-ja.txt"
check_text() {
  local file="$1" phrase="$2"
  # No-break spaces inside amounts come out as spaces.
  if ! sed 's/\xc2\xa0/ /g' "$file" | tr -s ' ' | grep -qF -- "$phrase"; then
    fail "pdftotext of ${file##*/} lacks: $phrase"
  fi
}
check_text "$out/iij-3q02.txt" "Total revenues totaled JPY10.6 billion (\$89.0 million), an increase of 6.3% YoY"
check_text "$out/iij-3q02.txt" "at the rate of ¥118.75 = US\$1"
check_text "$out/iij-3q02.txt" "19,420.15m² (term)"
check_text "$out/iij-3q02.txt" "B1F、3F、Tower 2F"
check_text "$out/clean-ja.txt" "横浜第1データセンター"
check_text "$out/clean-ja.txt" "B1F、3F、塔屋2F"
check_text "$out/clean-ja.txt" "106億円（8,900万ドル）"
check_text "$out/clean-ja.txt" "1米ドル＝118.75円"

if [ "$status" -eq 0 ]; then
  echo "check-pdf: OK (qpdf clean; every font embedded, subset, with Unicode; text verbatim)"
fi
exit "$status"
