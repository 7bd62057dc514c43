#!/usr/bin/env bash
# A throwaway PostgreSQL server for dyad's tests: a new cluster (initdb) in a temporary folder,
# listening only on a unix socket in that folder, no TCP port, trust authentication.
#
#   eval "$(scripts/pg-test-server.sh start)"   # prints: export DYAD_TEST_PG=postgres://...; export DYAD_PG_DIR=...
#   scripts/pg-test-server.sh stop "$DYAD_PG_DIR"
#
# Needs Debian's `postgresql` package (.ci/run installs it). As root, the server runs as the
# `postgres` user the package creates (PostgreSQL refuses to run as root).
set -euo pipefail
cmd="${1:-}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$bin" ] || { echo "pg-test-server: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    dir="$(mktemp -d /tmp/dyad-pg.XXXXXX)"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U dyad --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=100 -c fsync=off" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$bin/createdb" -h "$dir" -U dyad dyad
    enc="$(printf %s "$dir" | sed 's|/|%2F|g')"
    echo "export DYAD_PG_DIR='$dir'"
    echo "export DYAD_TEST_PG='postgres://dyad@$enc/dyad'"
    ;;
  stop)
    dir="${2:-${DYAD_PG_DIR:-}}"
    [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "pg-test-server: no server folder given" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
