#!/usr/bin/env bash
# scripts/edgar/oracle.sh FILE.htm [--log OUT.xml]
# Offline EDGAR HTML-exhibit oracle built on Arelle (arelle-release 2.30.33, the last
# release that still bundles the validate/EFM plug-in) plus edgarHtmlExhibit.py beside
# this script, which applies Arelle's own EDGAR HTML rules (config/edbody.dtd +
# ValidateFilingText.validateHtmlContent) to a plain .htm file. Installs Arelle into
# target/edgar-oracle/venv (or $ARELLE_VENV) on first use.
#
# Prints every error/warning message as "LEVEL CODE: text  [file:line]".
# Exit status: 0 = no error-level message; 1 = Arelle reported >=1 error-level message;
#              2 = usage error or the oracle itself could not run.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${ARELLE_VENV:-$HERE/../../target/edgar-oracle/venv}"
PLUGIN="$HERE/edgarHtmlExhibit.py"
DS="${EDGAR_DISCLOSURE_SYSTEM:-efm-pragmatic}"

if [ $# -lt 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 FILE.htm [--log OUT.xml]" >&2; exit 2
fi
# arelle-release 2.30.33 is the last release that bundles the validate/EFM
# plug-in (later ones moved it to a repository of its own, not on PyPI).
if [ ! -x "$VENV/bin/arelleCmdLine" ]; then
  echo "check-edgar: installing arelle-release 2.30.33 into $VENV" >&2
  python3 -m venv "$VENV" &&
    "$VENV/bin/pip" install --quiet --disable-pip-version-check 'arelle-release[efm]==2.30.33' >&2 ||
    { echo "check-edgar: could not install Arelle (needs python3 with venv and PyPI)" >&2; exit 2; }
fi
FILE="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
KEEP_LOG=""
if [ "${2:-}" = "--log" ] && [ -n "${3:-}" ]; then KEEP_LOG="$3"; fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# XML log: message text is the element text, arguments are attributes.
# (The .json log is also supported by Arelle, but an argument named "text" -- used by
# EFM.5.02.01.01 -- overwrites the message text there.)
LOG="$WORK/log.xml"
# private config/cache dir so nothing is read from or written to ~/.config/arelle
mkdir -p "$WORK/xdg"

"$VENV/bin/arelleCmdLine" \
  --xdgConfigHome="$WORK/xdg" --disablePersistentConfig \
  --internetConnectivity offline \
  --plugins "validate/EFM|$PLUGIN" \
  --disclosureSystem "$DS" \
  --validate \
  --file "$FILE" \
  --logFile "$LOG" --logFileMode w --logFormat "%(message)s" \
  >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
if [ $RC -ne 0 ] || [ ! -s "$LOG" ]; then
  echo "check-edgar: arelle did not run (rc=$RC)" >&2
  cat "$WORK/stdout" "$WORK/stderr" >&2
  exit 2
fi
[ -n "$KEEP_LOG" ] && cp "$LOG" "$KEEP_LOG"

"$VENV/bin/python" - "$LOG" <<'PY'
import sys
import xml.etree.ElementTree as ET
entries = ET.parse(sys.argv[1]).getroot().findall("entry")
ERR = {"error", "critical", "fatal"}
SHOW = ERR | {"warning"}
def text(e):
    m = e.find("message")
    return "" if m is None else (m.text or "").strip()
# sanity: the plug-in must have been activated, else the oracle would silently pass
if not any("EDGAR HTML exhibit checks successful" in text(e) for e in entries):
    print("check-edgar: edgarHtmlExhibit plug-in was not activated", file=sys.stderr)
    sys.exit(2)
nerr = 0
for e in entries:
    lvl = e.get("level", "")
    if lvl not in SHOW:
        continue
    nerr += lvl in ERR
    ref = e.find("ref")
    where = ""
    if ref is not None:
        where = ref.get("href", "").split("#")[0].rsplit("/", 1)[-1]
        if ref.get("sourceLine"):
            where += ":" + ref.get("sourceLine")
    print("%s %s: %s%s" % (lvl.upper(), e.get("code"), text(e), "  [%s]" % where if where else ""))
print("check-edgar: %d error(s)" % nerr)
sys.exit(1 if nerr else 0)
PY
