#!/usr/bin/env bash
# Kuajing test suite: builds everything with warnings as errors and runs every test.
# Installs what it needs on a fresh Debian machine (only the .NET SDK is assumed).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 2
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build Kuajing.slnx -c Release -warnaserror --nologo -v q
set +e
dotnet test Kuajing.slnx -c Release --no-build --nologo \
  --logger "trx;LogFilePrefix=kuajing" --results-directory "$results" "$@"
status=$?
set -e

# One plain closing line that any CI can read: "N passed, N failed".
passed=0; failed=0; skipped=0
for f in "$results"/*.trx; do
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
