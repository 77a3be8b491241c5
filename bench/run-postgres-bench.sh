#!/usr/bin/env bash
# Runs a Kuajing console benchmark against a throw-away PostgreSQL cluster, started the way test.sh starts it:
# initdb (as the postgres user when run as root), pg_ctl on a free 127.0.0.1 port, fsync=on, synchronous_commit=on
# (durable commits), default everything else. The connection string goes to the benchmark in KUAJING_BENCH_POSTGRES.
# Usage: bench/run-postgres-bench.sh capture [--seconds S] [--only sqlite|postgres]
#        bench/run-postgres-bench.sh timeline [--events N] [--shipments M] [--lookups K] [--only sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ]; then
  echo "usage: bench/run-postgres-bench.sh capture|timeline [options]" >&2
  exit 2
fi

work=$(mktemp -d)
pg_stop() { :; }
cleanup() { pg_stop; rm -rf "$work"; }
trap cleanup EXIT

. scripts/postgres.sh
export KUAJING_BENCH_POSTGRES="$pg_connection"

dotnet run -c Release --project bench/Kuajing.Bench -- "$@"
