#!/usr/bin/env bash
# How long the Git pre-commit hook takes: a temporary repository with the
# example's configuration, 20 staged drafts (copies of the example) and a
# staged README.md, and relkit's hook (`relkit hook install`) run as Git
# runs it, `.git/hooks/pre-commit` from the top of the working tree. It
# lints the staged content of the 20 drafts (git diff --cached, one
# git cat-file --batch, the drafts in parallel).
#
# Reports the median of at least 10 runs (hyperfine when installed, else a
# timed loop) and fails when it is not under BENCH_HOOK_BUDGET_MS
# (default 500: "well under a second" on a laptop).
#
#   bash scripts/bench-hook.sh
#
# Environment: BENCH_HOOK_DRAFTS (default 20), BENCH_HOOK_BUDGET_MS (500),
# BENCH_HOOK_RUNS (10).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

drafts="${BENCH_HOOK_DRAFTS:-20}"
budget_ms="${BENCH_HOOK_BUDGET_MS:-500}"
runs="${BENCH_HOOK_RUNS:-10}"
for v in "$drafts" "$budget_ms" "$runs"; do
  if [[ ! "$v" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: BENCH_HOOK_DRAFTS, BENCH_HOOK_BUDGET_MS and BENCH_HOOK_RUNS must be positive whole numbers" >&2
    exit 1
  fi
done

echo "==> building the release binary"
cargo build --release --locked --quiet
target_dir="$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p' || true)"
relkit="$(cd "${target_dir:-target}/release" && pwd)/relkit"

work="$(mktemp -d "${TMPDIR:-/tmp}/relkit-bench-hook.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="IR Writer" GIT_AUTHOR_EMAIL="ir@example.com"
export GIT_COMMITTER_NAME="IR Writer" GIT_COMMITTER_EMAIL="ir@example.com"

repo="$work/drafts"
mkdir -p "$repo/releases"
cp examples/relkit.toml "$repo/"
cp -R examples/disclaimers "$repo/"
for i in $(seq -w 1 "$drafts"); do
  cp examples/iij-3q02.md "$repo/releases/release $i.md"
done
printf '# Releases\n\nNot a release.\n' >"$repo/README.md"
(
  cd "$repo"
  git init -q -b main
  git add -A
  "$relkit" hook install 2>/dev/null
  # The hook's verdict on what is staged (the example is compliant).
  .git/hooks/pre-commit
)

echo
echo "==> the pre-commit hook on $drafts staged drafts (median of $runs or more runs)"
if command -v hyperfine >/dev/null 2>&1; then
  (cd "$repo" && hyperfine --warmup 3 --min-runs "$runs" --export-json "$work/hook.json" \
    ".git/hooks/pre-commit")
  median_ms="$(awk '/"median":/ { v = $2; gsub(/,/, "", v); printf "%.1f", v * 1000; exit }' "$work/hook.json")"
else
  echo "(hyperfine is not installed: a timed loop instead)"
  times=()
  for _ in $(seq 1 $((runs + 2))); do
    start="$(date +%s%N)"
    (cd "$repo" && .git/hooks/pre-commit >/dev/null)
    end="$(date +%s%N)"
    times+=("$(((end - start) / 1000))")
  done
  # Drop the first two runs (warm-up), take the median of the rest, in ms.
  median_ms="$(printf '%s\n' "${times[@]:2}" | sort -n |
    awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }')"
fi
echo "hook on $drafts staged drafts: ${median_ms} ms median (budget ${budget_ms} ms)"
if awk -v m="$median_ms" -v b="$budget_ms" 'BEGIN { exit !(m < b) }'; then
  echo "OK: the hook checks $drafts staged drafts in under ${budget_ms} ms"
else
  echo "FAIL: the hook's median is not under ${budget_ms} ms" >&2
  exit 1
fi
