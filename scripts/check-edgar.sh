#!/usr/bin/env bash
# The EDGAR exhibit of the example, checked by an independent oracle: Arelle
# (PyPI arelle-release 2.30.33, its validate/EFM plug-in) with
# scripts/edgar/edgarHtmlExhibit.py, which applies Arelle's own EDGAR HTML
# rules (config/edbody.dtd, ValidateFilingText.validateHtmlContent) to a
# standalone .htm file. Offline: Arelle runs with internet connectivity off.
#
# Also checks that the oracle is awake: a deliberately bad file
# (tests/edgar/not-an-exhibit.htm) must fail it.
#
#   bash scripts/check-edgar.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-target/edgar-check}"
mkdir -p "$out"

# The example, and a Japanese release (every character a numeric reference).
cargo run --quiet --release -- build examples/iij-3q02.md tests/fixtures/clean-ja.md --edgar -o "$out"
for exhibit in "$out/iij-3q02-edgar.htm" "$out/clean-ja-edgar.htm"; do
  echo "==> Arelle EFM oracle on $exhibit"
  bash scripts/edgar/oracle.sh "$exhibit"
done

echo "==> the oracle must reject tests/edgar/not-an-exhibit.htm"
set +e
bash scripts/edgar/oracle.sh tests/edgar/not-an-exhibit.htm >"$out/not-an-exhibit.txt" 2>&1
status=$?
set -e
cat "$out/not-an-exhibit.txt"
if [ "$status" -ne 1 ]; then
  echo "check-edgar: the oracle did not reject the bad file (exit $status)" >&2
  exit 1
fi
echo "check-edgar: OK"
