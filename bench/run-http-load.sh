#!/usr/bin/env bash
# HTTP load test of `kuajing serve` with wrk (Debian) on loopback, server and load generator pinned to different cores.
# Measures requests per second and latency percentiles of:
#   /ping                           the server's cheapest answer: the ceiling, measured in the same run
#   /api/public/track/{number}      the public tracking endpoint (a shipment with its DCSA events on its timeline)
#   /track/{number}                 the public tracking page (server-rendered HTML)
#   POST /api/quotes                the quote endpoint: the exact Pareto set of a real 7-line UCI order (invoice 536365)
# The store is an SQLite file planned from the bundled data by `kuajing plan` (the main job), plus one shipment with
# events (DCSA tnt-220-response.json under a linked container, from ../shared/data) and a seller API key.
# Usage: bench/run-http-load.sh [--duration SECONDS] [--connections N]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=20
connections=32
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "usage: bench/run-http-load.sh [--duration SECONDS] [--connections N]" >&2; exit 2 ;;
  esac
done

if ! command -v wrk >/dev/null 2>&1; then
  echo "run-http-load.sh: installing wrk from Debian packages"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq >/dev/null && sudo apt-get install -y -qq wrk >/dev/null; fi
fi

work=$(mktemp -d)
server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/Kuajing.Cli -c Release --nologo -v q >/dev/null
cli=(dotnet src/Kuajing.Cli/bin/Release/net10.0/Kuajing.Cli.dll)
db="$work/load.db"

echo "== preparing $db"
"${cli[@]}" plan data/orders/online-retail --shift-weeks 782 --db "$db" --out "$work/plans.json" --rejections "$work/rejections.csv" >/dev/null || [ $? -eq 1 ]   # as run.sh; exit 1: the real data has rejected rows
number=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(\"select TrackingNumber from shipments order by TrackingNumber limit 1\").fetchone()[0])" "$db")
"${cli[@]}" link "$number" Container "APZU4812090" --leg 2 --db "$db" >/dev/null
"${cli[@]}" ingest ../shared/data/dcsa-track-and-trace/messages/tnt-220-response.json --db "$db" >/dev/null
org=$("${cli[@]}" accounts add-org "Load test seller" --role seller --db "$db" | grep -oE '[0-9a-f]{32}|org_[A-Za-z0-9]+' | head -1)
key=$("${cli[@]}" accounts add-key --org "$org" --db "$db" | grep -oE 'kj_[A-Za-z0-9_-]+' | head -1)
[ -n "$key" ] || { echo "run-http-load.sh: could not create an API key" >&2; exit 1; }

# Invoice 536365 (UCI Online Retail, CC BY 4.0), 7 lines to GB, replayed 782 weeks as run.sh does.
python3 - "$work/quote.json" <<'PY'
import csv, gzip, json, sys
rows = [r for r in csv.DictReader(gzip.open("data/orders/online-retail/orders-2010-12.csv.gz", "rt", encoding="utf-8")) if r["InvoiceNo"] == "536365"]
order = {"orderId": "536365", "placedAt": "2025-11-26T08:26:00", "buyerCountry": "GB",
         "lines": [{"sku": r["StockCode"], "description": r["Description"].strip(), "quantity": int(r["Quantity"]),
                    "unitValue": r["UnitPrice"], "currency": "GBP"} for r in rows]}
json.dump(order, open(sys.argv[1], "w"))
PY
cat > "$work/quote.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
local f = io.open("$work/quote.json", "r"); wrk.body = f:read("*a"); f:close()
LUA

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
echo "== server on core 0: $base (SQLite, rate limit raised for the test)"
(cd src/Kuajing.Web/bin/Release/net10.0 && exec taskset -c 0 dotnet Kuajing.Web.dll --urls "$base" --Kuajing:Db="$db" \
  --Kuajing:RateLimit:TokenLimit=1000000 --Kuajing:RateLimit:TokensPerPeriod=1000000 --Logging:LogLevel:Default=Warning) >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "$base/health/ready" >/dev/null && break; kill -0 "$server_pid" 2>/dev/null || { tail -20 "$work/server.log" >&2; exit 1; }; sleep 0.2; done
curl -sf "$base/api/public/track/$number" | head -c 300; echo
curl -sf -o /dev/null -w "quote: HTTP %{http_code}, %{size_download} bytes\n" -H "Authorization: Bearer $key" -H "Content-Type: application/json" --data @"$work/quote.json" "$base/api/quotes"

run() {  # name, wrk args...
  local name="$1"; shift
  taskset -c 1 wrk -t1 -c"$connections" -d3s "$@" >/dev/null   # warm-up (JIT, caches)
  local out; out=$(taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" --latency "$@")
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '| %-34s | %10s | %8s | %8s | %s |\n' "$name" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

echo
echo "wrk 1 thread, $connections connections, ${duration} s per endpoint (after a 3 s warm-up); server on core 0, wrk on core 1"
echo "| endpoint | requests/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|"
run "GET /ping (ceiling)" "$base/ping"
run "GET /api/public/track/{number}" "$base/api/public/track/$number"
run "GET /track/{number} (HTML page)" "$base/track/$number"
run "POST /api/quotes (536365, 7 lines)" -s "$work/quote.lua" "$base/api/quotes"
