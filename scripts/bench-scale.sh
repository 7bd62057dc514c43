#!/usr/bin/env bash
# Figures for teams and scale (BENCHMARKS.md, "Scale"): ingest into PostgreSQL against SQLite on
# the same generated corpus in the same run, with 1 and with 4 concurrent `dyad ingest`
# processes (each on a quarter of the corpus); and coding on Spark in local mode against
# `dyad code` on the same articles.
#
#   scripts/bench-scale.sh            # ARTICLES=2000 SEED=1 SPARK_MASTER=local[2]; SPARK=0: stores only
#
# Needs release builds of dyad and dyad-tools ($CARGO_TARGET_DIR or target/), Debian's
# postgresql (a throwaway server is started: scripts/pg-test-server.sh), and a Python with
# the dyad wheel, pyarrow and pyspark ($PYTHON, default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
T="${CARGO_TARGET_DIR:-target}/release"
N="${ARTICLES:-2000}"
SEED="${SEED:-1}"
PY="${PYTHON:-python3}"
MASTER="${SPARK_MASTER:-local[2]}"
W="$(mktemp -d /tmp/dyad-bench-scale.XXXXXX)"
eval "$(scripts/pg-test-server.sh start)"
trap 'scripts/pg-test-server.sh stop "$DYAD_PG_DIR"; rm -rf "$W"' EXIT
"$T/dyad-tools" gen-corpus --seed "$SEED" --articles "$N" --out "$W/corpus" >/dev/null
# Quarters of the corpus for the concurrent runs.
i=0
for f in "$W"/corpus/*; do
  q=$((i % 4)); mkdir -p "$W/q$q"; ln -s "$f" "$W/q$q/"; i=$((i + 1))
done
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); awk "BEGIN { printf \"%.2f\", $e - $s }"; }
pgdb() { psql -X -q -d "$DYAD_TEST_PG" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null; echo "${DYAD_TEST_PG%/*}/$1"; }
par() { # run four ingests at once into $1
  local db="$1" pids=() q
  for q in 0 1 2 3; do "$T/dyad" ingest --quiet --db "$db" "$W/q$q" >/dev/null 2>&1 & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
}
echo "corpus: $N articles, seed $SEED, $(du -sh "$W/corpus" | cut -f1); $(nproc) cores"
echo "dyad code:                 $(secs "$T/dyad" code --quiet "$W/corpus") s"
echo "ingest SQLite, 1 process:  $(secs "$T/dyad" ingest --quiet --db "$W/one.db" "$W/corpus") s"
u=$(pgdb bench_one)
echo "ingest PostgreSQL, 1 proc: $(secs "$T/dyad" ingest --quiet --db "$u" "$W/corpus") s"
echo "ingest SQLite, 4 at once:  $(secs par "$W/four.db") s"
u4=$(pgdb bench_four)
echo "ingest PostgreSQL, 4 at once: $(secs par "$u4") s"
psql -X -q -A -t -d "$u4" -c "SELECT 'PostgreSQL (4): ' || (SELECT count(*) FROM articles) || ' articles, ' || (SELECT count(*) FROM events) || ' events'"
psql -X -q -A -t -d "$u" -c "SELECT 'PostgreSQL (1): ' || (SELECT count(*) FROM articles) || ' articles, ' || (SELECT count(*) FROM events) || ' events'"
# Refolding every mention under other rules and back (`dyad dedup`), on both stores.
echo "dedup SQLite, root/3 days: $(secs "$T/dyad" dedup --db "$W/one.db" --level root --window 3) s"
echo "dedup PostgreSQL, root/3:  $(secs "$T/dyad" dedup --db "$u" --level root --window 3) s"
echo "dedup SQLite, back:        $(secs "$T/dyad" dedup --db "$W/one.db" --level full --window 1) s"
echo "dedup PostgreSQL, back:    $(secs "$T/dyad" dedup --db "$u" --level full --window 1) s"
cmp <("$T/dyad" export --db "$W/one.db" --format csv | cut -d, -f1-18) <("$T/dyad" export --db "$u" --format csv | cut -d, -f1-18) \
  && echo "the two stores export the same events after refolding"
[ "${SPARK:-1}" = 0 ] && exit 0
# Spark: the same articles as JSON lines (id, date, text).
"$PY" - "$W/corpus" "$W/articles.jsonl" <<'PYEOF'
import json, pathlib, sys
with open(sys.argv[2], "w") as out:
    for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):
        out.write(json.dumps({"id": p.name, "date": None, "text": p.read_text()}) + "\n")
PYEOF
echo "dyad code on the JSONL:    $(secs "$T/dyad" code --quiet "$W/articles.jsonl") s"
echo "dyad code --threads 1:     $(secs "$T/dyad" code --quiet --threads 1 "$W/articles.jsonl") s"
"$PY" examples/spark/code_corpus.py "$W/articles.jsonl" "$W/events" --master "$MASTER" --partitions 8 2>&1 | grep -ao 'dyad-spark: .*' || true
