# Sourced by test.sh and bench/run-postgres-bench.sh: installs PostgreSQL from Debian's packages when missing, starts a
# throw-away cluster in "$work/pg" on a free 127.0.0.1 port with durable commits (fsync=on, synchronous_commit=on),
# sets $pg_connection, and defines pg_stop. The caller defines $work (a folder it deletes) and calls pg_stop on exit.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "postgres.sh: installing PostgreSQL from Debian packages"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pgdata="$work/pg"
chmod 755 "$work"   # the postgres user must reach the cluster folder inside it
mkdir -p "$pgdata"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pgdata"; fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
as_pg "$pgbin/initdb" -D "$pgdata/data" -U kuajing -A trust --no-locale -E UTF8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdata/data" -l "$pgdata/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdata -c fsync=on -c synchronous_commit=on" start >/dev/null
pg_stop() { as_pg "$pgbin/pg_ctl" -D "$pgdata/data" -m fast -w stop >/dev/null 2>&1 || true; }
pg_connection="Host=127.0.0.1;Port=$port;Username=kuajing;Database=postgres;Pooling=true"
echo "postgres.sh: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
