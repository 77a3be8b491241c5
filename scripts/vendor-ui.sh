#!/usr/bin/env bash
# Vendors the web UI's front-end libraries at BUILD time: `npm ci` against the committed
# src/Kuajing.Web/Ui/npm/package.json + package-lock.json (exact versions and integrity hashes), then copies the few
# files the pages load into src/Kuajing.Web/wwwroot/vendor/. Nothing is fetched at run time. Both folders are
# git-ignored; docs/ui.md lists each library with its version and licence.
#
# Runs by itself from the Kuajing.Web build (a target before Build, only when a vendored file is missing), so a fresh
# clone needs no manual step; run it by hand with --force to refresh after changing package.json.
# Needs node + npm (Debian: `apt-get install -y nodejs npm`, done here when missing and running as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
npm_dir="$root/src/Kuajing.Web/Ui/npm"
vendor="$root/src/Kuajing.Web/wwwroot/vendor"

# Source (relative to node_modules) -> file name under wwwroot/vendor.
files=(
  "chart.js/dist/chart.umd.min.js:chart.umd.min.js"
  "d3-array/dist/d3-array.min.js:d3-array.min.js"
  "d3-geo/dist/d3-geo.min.js:d3-geo.min.js"
  "topojson-client/dist/topojson-client.min.js:topojson-client.min.js"
  "world-atlas/countries-110m.json:countries-110m.json"
)

if [ "${1:-}" != "--force" ]; then
  missing=0
  for f in "${files[@]}"; do [ -s "$vendor/${f#*:}" ] || missing=1; done
  if [ "$missing" -eq 0 ]; then exit 0; fi
fi

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "vendor-ui.sh: installing node and npm (Debian packages)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "vendor-ui.sh: npm is required to vendor the UI libraries (apt-get install nodejs npm)" >&2
    exit 2
  fi
fi

# A lock on the npm folder: parallel builds (solution build of several projects) vendor once.
exec 9>"$npm_dir/.vendor.lock"
flock 9
( cd "$npm_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null )
mkdir -p "$vendor"
for f in "${files[@]}"; do
  cp "$npm_dir/node_modules/${f%%:*}" "$vendor/${f#*:}"
done
# The licences travel with the files.
for p in chart.js d3-array d3-geo topojson-client world-atlas; do
  for l in "$npm_dir/node_modules/$p"/LICENSE*; do [ -f "$l" ] && cp "$l" "$vendor/LICENSE.$p.txt"; done
done
echo "vendor-ui.sh: vendored ${#files[@]} files into src/Kuajing.Web/wwwroot/vendor" >&2
