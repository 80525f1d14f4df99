#!/usr/bin/env bash
# The pre-commit framework (PyPI pre-commit, pinned below) with this
# repository's .pre-commit-hooks.yaml, in a temporary Git repository of
# drafts whose .pre-commit-config.yaml names this checkout as the hook
# repository:
#
#   1. a README.md without front matter commits (it is not reported);
#   2. a draft with unlabelled forward-looking statements (the example
#      without its safe-harbor disclaimer: FLS001) is blocked;
#   3. the compliant example commits.
#
# The hook repository is this checkout at HEAD when the working tree is
# clean (as in CI, a fresh clone); otherwise a one-commit snapshot of the
# working tree in OUT_DIR, so uncommitted changes are what is tested.
#
# pre-commit builds relkit itself (`language: rust`: `cargo install --path`
# in its own clone, release profile). So that this does not compile every
# dependency again, the build starts from a copy of this checkout's release
# build without relkit's own artifacts (CARGO_TARGET_DIR) and resolves offline against the local crate cache
# (CARGO_NET_OFFLINE; `cargo install` ignores Cargo.lock, and offline it
# picks the versions Cargo.lock already downloaded): only the relkit crate
# itself is compiled by pre-commit. Run after the release build of the
# other checks (.ci/run runs it last).
#
#   bash scripts/check-precommit.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
checkout="$PWD"
out="${1:-target/precommit-check}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
started=$SECONDS

pre_commit_version="4.7.0"
venv="$checkout/target/precommit-venv"
if ! grep -qx "pre-commit $pre_commit_version" <<<"$("$venv/bin/pre-commit" --version 2>/dev/null || true)"; then
  echo "==> installing pre-commit $pre_commit_version from PyPI into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$pre_commit_version"
fi
pre_commit="$venv/bin/pre-commit"

# Git without the user's or the system's configuration (no global hooks,
# no signing), with a fixed identity.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="IR Writer" GIT_AUTHOR_EMAIL="ir@example.com"
export GIT_COMMITTER_NAME="IR Writer" GIT_COMMITTER_EMAIL="ir@example.com"
unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE

# The release build that pre-commit's `cargo install` reuses (a no-op when
# the other checks built it; on a fresh machine it fetches every crate).
cargo build --release --locked --quiet
# pre-commit builds in a copy of target/release (hard links where the file
# system allows) without relkit's own artifacts: the dependencies are fresh
# (their fingerprints do not depend on where relkit's source is), relkit is
# compiled from the hook repository's source. (Sharing target/ itself would
# let cargo take relkit's fingerprint from the other source tree and install
# a binary that was not built from the revision under test.)
pc_target="$checkout/target/precommit-target"
rm -rf "$pc_target"
mkdir -p "$pc_target"
cp -al "$checkout/target/release" "$pc_target/release" 2>/dev/null ||
  cp -a "$checkout/target/release" "$pc_target/release"
rm -rf "$pc_target"/release/.fingerprint/relkit-* "$pc_target"/release/deps/*relkit* \
  "$pc_target"/release/relkit "$pc_target"/release/relkit.d "$pc_target"/release/incremental
export CARGO_TARGET_DIR="$pc_target" CARGO_NET_OFFLINE=true
# pre-commit's own cache (its clone of the hook repository and the built
# relkit), kept between runs: a new commit of relkit is built again.
export PRE_COMMIT_HOME="$checkout/target/precommit-home"

if [ -z "$(git status --porcelain)" ]; then
  hook_repo="$checkout"
  rev="$(git rev-parse HEAD)"
  echo "==> hook repository: this checkout at $rev"
else
  hook_repo="$out/hook-repo"
  rm -rf "$hook_repo"
  mkdir -p "$hook_repo"
  # Tracked and new (not ignored) files as they are in the working tree.
  git ls-files -z --cached --others --exclude-standard |
    tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$hook_repo"
  git -C "$hook_repo" init -q -b main
  git -C "$hook_repo" add -A
  git -C "$hook_repo" commit -q -m "relkit working tree snapshot"
  rev="$(git -C "$hook_repo" rev-parse HEAD)"
  echo "==> hook repository: a snapshot of the working tree (uncommitted changes) at $rev"
fi

demo="$out/drafts-repo"
rm -rf "$demo"
mkdir -p "$demo"
cp examples/relkit.toml "$demo/"
cp -R examples/disclaimers "$demo/"
cat >"$demo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hook_repo
    rev: $rev
    hooks:
      - id: relkit-lint
EOF
cd "$demo"
git init -q -b main
git add .pre-commit-config.yaml relkit.toml disclaimers
git commit -q -m "relkit configuration"
"$pre_commit" install >/dev/null

echo "==> pre-commit builds relkit (language: rust)"
build_started=$SECONDS
"$pre_commit" install-hooks
build_seconds=$((SECONDS - build_started))

fail() {
  echo "check-precommit: FAIL: $1" >&2
  echo "--- pre-commit's output:" >&2
  cat "$out/commit.txt" >&2
  exit 1
}

# 1. A README.md without front matter is not a draft: not reported.
printf '# Press releases\n\nDrafts of our releases. We expect to add more.\n' >README.md
git add README.md
if ! git commit -m "README" >"$out/commit.txt" 2>&1; then
  fail "a README.md without front matter was blocked"
fi
grep -q "relkit lint (press-release drafts).*Passed" "$out/commit.txt" ||
  fail "the relkit-lint hook did not run on README.md"
echo "ok: README.md commits, not reported"

# 2. Unlabelled forward-looking statements: blocked.
mkdir -p releases
grep -v '^  - iij-safe-harbor$' "$checkout/examples/iij-3q02.md" >"releases/q3 fy2002.md"
printf '\nSee the [release](releases/).\n' >>README.md
git add README.md "releases/q3 fy2002.md"
if git commit -m "3Q02 release without the safe harbor" >"$out/commit.txt" 2>&1; then
  fail "the draft without a safe-harbor disclaimer was committed"
fi
grep -q "error\[FLS001\]" "$out/commit.txt" || fail "no FLS001 in the output"
grep -q "releases/q3 fy2002.md:3:11" "$out/commit.txt" || fail "the finding does not name the draft"
grep -q "Checked 1 draft: 1 error" "$out/commit.txt" || fail "README.md was checked too"
if grep -q "README.md:" "$out/commit.txt"; then fail "README.md was reported"; fi
[ "$(git rev-list --count HEAD)" = 2 ] || fail "a commit was made"
echo "ok: the draft with an unlabelled forward-looking statement is blocked (FLS001)"

# 3. The compliant example commits.
cp "$checkout/examples/iij-3q02.md" "releases/q3 fy2002.md"
git add "releases/q3 fy2002.md"
if ! git commit -m "3Q02 release" >"$out/commit.txt" 2>&1; then
  fail "the compliant draft was blocked"
fi
grep -q "relkit lint (press-release drafts).*Passed" "$out/commit.txt" ||
  fail "the relkit-lint hook did not pass"
[ "$(git rev-list --count HEAD)" = 3 ] || fail "the commit was not made"
echo "ok: the compliant draft commits"

echo "check-precommit: OK in $((SECONDS - started)) s (pre-commit's build of relkit: ${build_seconds} s)"
