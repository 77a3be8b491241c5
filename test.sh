#!/usr/bin/env bash
# Kuajing test suite: builds everything with warnings as errors and runs every test, against embedded SQLite and a
# real PostgreSQL server. Installs what it needs on a fresh Debian machine (only the .NET SDK is assumed): the
# PostgreSQL server from Debian's packages, started as a throw-away cluster on a free loopback port and stopped after.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 2
fi

work=$(mktemp -d)
pg_stop() { :; }
cleanup() { pg_stop; rm -rf "$work"; }
trap cleanup EXIT

# --- PostgreSQL: install (Debian package), initdb a temporary cluster, start it on 127.0.0.1:<free port> -------------
. scripts/postgres.sh
export KUAJING_TEST_POSTGRES="$pg_connection"

# --- Chromium (Debian package) for the browser tests; screenshots land in artifacts/screenshots/ (kept) --------------
. scripts/chromium.sh

# --- build and test ----------------------------------------------------------------------------------------------------
dotnet build Kuajing.slnx -c Release -warnaserror --nologo -v q
set +e
dotnet test Kuajing.slnx -c Release --no-build --nologo \
  --logger "trx;LogFilePrefix=kuajing" --results-directory "$work/results" "$@"
status=$?
set -e

# One plain closing line that any CI can read: "N passed, N failed".
passed=0; failed=0; skipped=0
for f in "$work"/results/*.trx; do
  [ -f "$f" ] || continue
  c=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$c"); p=${p:-0}
  x=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$c"); x=${x:-0}
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$c"); n=${n:-0}
  passed=$((passed + p)); failed=$((failed + x)); skipped=$((skipped + n))
done
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
