#!/usr/bin/env bash
# Load test of `dyad serve` on loopback (see BENCHMARKS.md): a store of at least 100,000 events
# from a generated corpus, then `wrk` against /api/events and /api/relations, each for a bounded
# time, reporting requests/s and p50/p99 latency.
#
#   scripts/serve-bench.sh                       # 10,000 articles (about 120,000 events)
#   ARTICLES=2000 DURATION=5 scripts/serve-bench.sh
#
# Environment: ARTICLES (10000), SEED (1), DURATION (seconds per endpoint, 10), CONNECTIONS (4),
# PORT (18181), WORK (/tmp/dyad-serve-bench), CARGO_TARGET_DIR (default /tmp/target-bench).
# Needs wrk (Debian: apt-get install wrk). Traffic goes to 127.0.0.1 only.
set -euo pipefail

ARTICLES=${ARTICLES:-10000}
SEED=${SEED:-1}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-4}
PORT=${PORT:-18181}
WORK=${WORK:-/tmp/dyad-serve-bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/target-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$CARGO_TARGET_DIR/release

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
say() { printf '%s\n' "$*" >&2; }

say "== build (release)"
(cd "$ROOT" && cargo build --release --quiet -p dyad-cli -p dyad-tools)
mkdir -p "$WORK"
CORPUS=$WORK/corpus-$ARTICLES-$SEED
DB=$WORK/store-$ARTICLES-$SEED.db
if [ ! -f "$DB" ]; then
  say "== corpus: $ARTICLES articles, seed $SEED"
  rm -rf "$CORPUS"
  "$BIN/dyad-tools" gen-corpus --seed "$SEED" --articles "$ARTICLES" --out "$CORPUS" >&2
  say "== ingest"
  "$BIN/dyad" ingest -q --db "$DB" "$CORPUS" >&2
fi

"$BIN/dyad" serve --db "$DB" --addr "127.0.0.1:$PORT" --read-only 2>"$WORK/serve.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$BASE/api/health" >/dev/null && break; sleep 0.1; done
HEALTH=$(curl -sf "$BASE/api/health")
say "store: $HEALTH"
EVENTS=$(printf '%s' "$HEALTH" | sed -E 's/.*"events":([0-9]+).*/\1/')
[ "$EVENTS" -ge 100000 ] || say "warning: $EVENTS events, fewer than 100,000 (raise ARTICLES)"
# The most active pair of the store, for /api/relations.
PAIR=$(curl -sf "$BASE/api/dyads?limit=1" | sed -E 's/.*"dyads":\[\{"a":"([A-Z]+)","b":"([A-Z]+)".*/a=\1\&b=\2/')

CORES=$(nproc)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
say "machine: $CORES cores, load average before the run: $LOAD"
printf '%-58s %10s %9s %9s\n' "endpoint ($CONNECTIONS connections, ${DURATION}s each)" "requests/s" "p50 ms" "p99 ms"
for path in "/api/events" "/api/events?country=IRN" "/api/relations?$PAIR&by=month" "/api/relations?$PAIR&by=week" "/api/dyads"; do
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$path")
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ { print $2 }')
  ms() { printf '%s\n' "$out" | awk -v p="$1" '$1 == p { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }
  errors=$(printf '%s\n' "$out" | awk '/Non-2xx/ { print $NF }')
  printf '%-58s %10s %9s %9s%s\n' "$path" "$rps" "$(ms 50%)" "$(ms 99%)" "${errors:+  non-2xx: $errors}"
done
