#!/usr/bin/env bash
# Open the example release page in headless Chromium, save a screenshot and
# the DOM, and fail on any console error or any request that leaves the page
# (the page must be self-contained). Run from the repository root:
#   bash scripts/check-page.sh [OUT_DIR]
# Installs Debian's chromium when it is missing (CI runs as root).
set -euo pipefail
out="${1:-target/page-check}"
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

cargo run --quiet --release -- build "${PAGE_DRAFT:-examples/iij-3q02.md}" -o "$out"
page="$(cd "$out" && pwd)/iij-3q02.html"

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
       --hide-scrollbars --no-first-run --disable-extensions
       --enable-logging=stderr --v=0)

# Screenshot and network log in one run, the DOM in another.
timeout 120 chromium "${flags[@]}" --window-size=1000,4200 \
  --log-net-log="$out/netlog.json" \
  --screenshot="$out/iij-3q02.png" "file://$page" 2>"$out/console.log" >/dev/null
timeout 120 chromium "${flags[@]}" --dump-dom "file://$page" >"$out/iij-3q02.dom.html" 2>>"$out/console.log"

python3 - "$out" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
console = (out / "console.log").read_text(errors="replace")
errors = [l for l in console.splitlines() if ":CONSOLE" in l or "Uncaught" in l]
text = (out / "netlog.json").read_text(errors="replace").rstrip()
try:
    log = json.loads(text)
except json.JSONDecodeError:
    # A log cut short when the browser exits: close the event list.
    log = json.loads(text.rstrip(",") + "]}")
types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
# Requests the page made: started with the file:// page as initiator (the
# browser's own background requests have no origin and are not counted).
page_sources = set()
urls = {}
for event in log.get("events", []):
    params = event.get("params") or {}
    source = (event.get("source") or {}).get("id")
    if isinstance(params.get("url"), str):
        urls.setdefault(source, params["url"])
    if types.get(event.get("type")) == "URL_REQUEST_START_JOB" and params.get("initiator", "not an origin") != "not an origin":
        page_sources.add(source)
external = sorted({urls.get(s, "(unknown)") for s in page_sources})
dom = (out / "iij-3q02.dom.html").read_text(errors="replace")
problems = []
if errors:
    problems.append("console errors:\n  " + "\n  ".join(errors))
if external:
    problems.append("external requests:\n  " + "\n  ".join(external))
if "IIJ Announces Third-Quarter Fiscal 2002 Results" not in dom:
    problems.append("the DOM does not contain the headline")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"page check: no console errors, no external requests; screenshot {out}/iij-3q02.png")
PY
