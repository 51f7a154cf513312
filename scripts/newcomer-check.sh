#!/usr/bin/env bash
# The README's first run, as a newcomer makes it: a fresh copy of this work tree (tracked and untracked files, nothing
# ignored, so no target/), a local Maven repository that holds no io/provwatch artifact, `./provwatch demo` building
# the jar itself and running the demo until it is idle. Fails unless the demo exits 0 having printed an alert.
#
#   scripts/newcomer-check.sh            # .ci/run runs it after the tests
#
# The local repository is a hard-linked copy of ~/.m2/repository (or of $NEWCOMER_M2_REPO) without io/provwatch,
# so the check neither downloads the third-party dependencies again nor touches the developer's repository.
# Environment: NEWCOMER_DIR (default: a new temporary directory, removed at the end), NEWCOMER_IDLE_S (default 10).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SOURCE_REPO="${NEWCOMER_M2_REPO:-$HOME/.m2/repository}"
IDLE_S="${NEWCOMER_IDLE_S:-10}"
if [ -n "${NEWCOMER_DIR:-}" ]; then
  WORK="$NEWCOMER_DIR"; mkdir -p "$WORK"
else
  WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
fi

fail() { echo "newcomer-check: FAILED: $*" >&2; exit 1; }

echo "newcomer-check: copying the work tree to $WORK/clone"
mkdir -p "$WORK/clone" "$WORK/m2" "$WORK/data"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$WORK/clone"
[ ! -e "$WORK/clone/app/target" ] || fail "the copy has an app/target directory"

# Hard links cost no space and no time; Maven replaces a file rather than writing into it, so the source is safe.
if [ -d "$SOURCE_REPO" ]; then
  cp -al "$SOURCE_REPO" "$WORK/m2/repository" 2>/dev/null || cp -a "$SOURCE_REPO" "$WORK/m2/repository"
fi
rm -rf "$WORK/m2/repository/io/provwatch"
echo "newcomer-check: local Maven repository $WORK/m2/repository (no io/provwatch artifact)"

# Maven 3.9 reads MAVEN_ARGS from the environment: the launcher's own build gets the separate repository.
started=$(date +%s)
set +e
(cd "$WORK/clone" && MAVEN_ARGS="-Dmaven.repo.local=$WORK/m2/repository" \
  ./provwatch demo --fresh --until-idle "$IDLE_S" --data-dir "$WORK/data") >"$WORK/demo.out" 2>"$WORK/demo.err" </dev/null
rc=$?
set -e
elapsed=$(( $(date +%s) - started ))
alerts=$(grep -Ec '^[0-9-]+ [0-9:]+Z +OPENED ' "$WORK/demo.out" || true)

if [ "$rc" -ne 0 ] || [ "$alerts" -eq 0 ]; then
  echo "--- stderr (last 40 lines)" >&2; tail -n 40 "$WORK/demo.err" >&2
  echo "--- stdout (last 20 lines)" >&2; tail -n 20 "$WORK/demo.out" >&2
  fail "./provwatch demo exited $rc after ${elapsed} s having printed $alerts opened alert(s)"
fi
[ -f "$WORK/clone/app/target/provwatch.jar" ] || fail "./provwatch did not build app/target/provwatch.jar"
echo "newcomer-check: OK: ./provwatch built the jar and the demo printed $alerts opened alerts, exit 0, in ${elapsed} s"
