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
chmod 755 "$work"   # the postgres user must reach the cluster folder inside it
pg_stop() { :; }
cleanup() { pg_stop; rm -rf "$work"; }
trap cleanup EXIT

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "run-postgres-bench.sh: installing PostgreSQL from Debian packages"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pgdata="$work/pg"
mkdir -p "$pgdata"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdata"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55433)
as_pg "$pgbin/initdb" -D "$pgdata/data" -U kuajing -A trust --no-locale -E UTF8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdata/data" -l "$pgdata/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdata -c fsync=on -c synchronous_commit=on" start >/dev/null
pg_stop() { as_pg "$pgbin/pg_ctl" -D "$pgdata/data" -m fast -w stop >/dev/null 2>&1 || true; }
export KUAJING_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=kuajing;Database=postgres;Pooling=true"
echo "run-postgres-bench.sh: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $pgdata/data"

dotnet run -c Release --project bench/Kuajing.Bench -- "$@"
