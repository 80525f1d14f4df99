#!/usr/bin/env bash
# The PDFs of the example and of a Japanese release, checked with the
# tools a reviewer would use: qpdf --check (structure), pdffonts (every
# font embedded, subset, with a Unicode map) and pdftotext (the Japanese
# text and the yen and dollar amounts come back verbatim), pdfinfo (tagged,
# with an XMP stream) and Apache PDFBox Preflight (the PDF/A-1b variants
# of both are valid PDF/A-1b; a PDF that is not PDF/A is refused, so a
# sleeping validator cannot pass).
# Installs qpdf, poppler-utils and libpdfbox2-java (with the activation and
# JAXB jars Preflight needs on Java 11+) when missing (CI runs as root).
#
#   bash scripts/check-pdf.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-target/pdf-check}"
mkdir -p "$out"

if ! command -v qpdf >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq qpdf poppler-utils >/dev/null
fi

jars=(/usr/share/java/preflight.jar /usr/share/java/pdfbox2.jar /usr/share/java/fontbox2.jar
  /usr/share/java/xmpbox.jar /usr/share/java/commons-logging.jar
  /usr/share/java/javax.activation.jar /usr/share/java/jaxb-api.jar)
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ]; then
    apt-get update -qq && apt-get install -y -qq libpdfbox2-java libactivation-java libjaxb-api-java >/dev/null
    break
  fi
done
classpath="$(IFS=:; echo "${jars[*]}")"

cargo run --quiet --release -- build examples/iij-3q02.md tests/fixtures/clean-ja.md --pdf -o "$out"
cargo run --quiet --release -- build examples/iij-3q02.md tests/fixtures/clean-ja.md --pdf --pdfa 1b -o "$out/pdfa-1b"

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
  pdfinfo "$pdf" >"$out/info.txt"
  grep -q "^Tagged: *yes" "$out/info.txt" || fail "$pdf is not tagged"
  grep -q "^Metadata Stream: *yes" "$out/info.txt" || fail "$pdf has no XMP metadata"
done

# Preflight (PDFBox 2.0) validates PDF/A-1b; its exit status is not a
# verdict (it counts errors, modulo 256), so the verdict is read from what it prints.
preflight() {
  java -cp "$classpath" org.apache.pdfbox.preflight.Validator_A1b "$1" 2>&1 || true
}
for pdf in "$out/pdfa-1b/iij-3q02.pdf" "$out/pdfa-1b/clean-ja.pdf"; do
  verdict="$(preflight "$pdf")"
  echo "$verdict"
  grep -q "is a valid PDF/A-1b file" <<<"$verdict" || fail "Preflight: $pdf is not valid PDF/A-1b"
done
# The control: the PDF/A-2b file says part 2, which Preflight's PDF/A-1b
# check must refuse.
verdict="$(preflight "$out/iij-3q02.pdf")"
grep -q "is not a valid PDF/A-1b file" <<<"$verdict" || fail "Preflight accepts a file that is not PDF/A-1b: $verdict"

# pdftotext keeps a line's words together; check whole phrases verbatim.
pdftotext "$out/iij-3q02.pdf" "$out/iij-3q02.txt"
pdftotext "$out/clean-ja.pdf" "$out/clean-ja.txt"
check_text() {
  local file="$1" phrase="$2"
  # No-break spaces inside amounts come out as spaces. The text is read
  # whole first: `grep -q` in a pipe stops reading at the first match, and
  # under pipefail the writer's broken pipe would count as a miss.
  local text
  text="$(sed 's/\xc2\xa0/ /g' "$file" | tr -s ' ')"
  if ! grep -qF -- "$phrase" <<<"$text"; then
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
  echo "check-pdf: OK (qpdf clean; every font embedded, subset, with Unicode; text verbatim; tagged; Preflight: valid PDF/A-1b)"
fi
exit "$status"
