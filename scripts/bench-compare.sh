#!/usr/bin/env bash
# Before/after in one run: `dyad code` throughput of two builds on the same generated corpus,
# alternating runs so that both see the same machine load.
#
#   scripts/bench-compare.sh BASE NEW       # each a dyad binary, or a git revision to build
#   scripts/bench-compare.sh c1b507e HEAD
#   ARTICLES=1000 RUNS=7 scripts/bench-compare.sh old/dyad target/release/dyad
#
# Prints, for each build, articles per CPU-second with --threads 1 (best and median of RUNS;
# CPU time from /usr/bin/time, robust to other load) and events coded, and says whether the two
# outputs are byte-identical. A revision is built in a temporary worktree under $WORK with its
# own target folder (a few minutes the first time).
#
# Environment: ARTICLES (2000), SEED (1), RUNS (5), WORK (/tmp/dyad-bench-compare).
set -euo pipefail
[ $# -eq 2 ] || { sed -n 2,14p "$0" >&2; exit 2; }
ARTICLES=${ARTICLES:-2000}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/dyad-bench-compare}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$WORK"
say() { printf '%s\n' "$*" >&2; }

# A dyad binary for BASE or NEW: the path itself, or a build of the revision.
binary() {
  if [ -x "$1" ] && [ -f "$1" ]; then
    echo "$1"
    return
  fi
  local rev
  rev=$(git -C "$ROOT" rev-parse --short "$1")
  local tree=$WORK/tree-$rev
  if [ ! -x "$WORK/target-$rev/release/dyad" ]; then
    say "== building $1 ($rev)"
    [ -d "$tree" ] || git -C "$ROOT" worktree add --detach "$tree" "$rev" >/dev/null
    (cd "$tree" && CARGO_TARGET_DIR=$WORK/target-$rev cargo build --release --quiet -p dyad-cli)
  fi
  echo "$WORK/target-$rev/release/dyad"
}

BASE=$(binary "$1")
NEW=$(binary "$2")
say "== corpus: $ARTICLES articles, seed $SEED"
(cd "$ROOT" && cargo build --release --quiet -p dyad-tools)
TOOLS=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')/release/dyad-tools
CORPUS=$WORK/corpus-$ARTICLES-$SEED
rm -rf "$CORPUS"
"$TOOLS" gen-corpus --seed "$SEED" --articles "$ARTICLES" --out "$CORPUS" >&2
cat "$CORPUS"/*.txt >/dev/null

cpu() { # binary -> CPU seconds of one single-threaded run
  /usr/bin/time -f '%U %S' "$1" code --quiet --threads 1 "$CORPUS" 2>&1 >/dev/null | tail -1 | awk '{ print $1 + $2 }'
}
: >"$WORK/base.cpu"
: >"$WORK/new.cpu"
for i in $(seq "$RUNS"); do
  cpu "$BASE" >>"$WORK/base.cpu"
  cpu "$NEW" >>"$WORK/new.cpu"
  say "   run $i: base $(tail -1 "$WORK/base.cpu") s, new $(tail -1 "$WORK/new.cpu") s"
done
"$BASE" code --quiet "$CORPUS" >"$WORK/base.jsonl"
"$NEW" code --quiet "$CORPUS" >"$WORK/new.jsonl"
rate() { # file of CPU seconds -> "best median" articles per CPU-second
  sort -g "$1" | awk -v n="$ARTICLES" '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.0f %.0f\n", n / v[1], n / m }'
}
read -r BB BM < <(rate "$WORK/base.cpu")
read -r NB NM < <(rate "$WORK/new.cpu")
SAME=$(cmp -s "$WORK/base.jsonl" "$WORK/new.jsonl" && echo "byte-identical" || echo "different (diff $WORK/base.jsonl $WORK/new.jsonl)")
echo
echo "dyad code --threads 1 on $ARTICLES generated articles (seed $SEED), $RUNS alternating runs; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-60s %12s %12s %8s\n' build binary "best art/cpu-s" "median" events
printf '%-6s %-60s %12s %12s %8s\n' base "$BASE" "$BB" "$BM" "$(wc -l <"$WORK/base.jsonl")"
printf '%-6s %-60s %12s %12s %8s\n' new "$NEW" "$NB" "$NM" "$(wc -l <"$WORK/new.jsonl")"
awk -v b="$BM" -v n="$NM" 'BEGIN { printf "new / base (median): %.3f\n", n / b }'
echo "outputs: $SAME"
