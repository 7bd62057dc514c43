#!/usr/bin/env bash
# Runs dyad's fuzz targets (cargo-fuzz, libFuzzer), each for a bounded time; fails on the
# first crash, hang or memory blow-up, leaving the input in fuzz/artifacts/TARGET/.
#
#   fuzz/run.sh                    # every target, 25 s each (what .ci/run does)
#   fuzz/run.sh 900                # every target, 15 minutes each
#   fuzz/run.sh 3600 coder         # one target for an hour
#   JOBS=2 fuzz/run.sh 3600        # two targets at a time
#   TIMEOUT=60 ...                 # seconds one input may take before it counts as a hang
#                                  # (default 10; raise it on a loaded machine or under nice)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`); this stable toolchain runs it with
# RUSTC_BOOTSTRAP=1. Targets are built without a sanitizer (dyad is safe Rust: what is sought
# is panics, hangs and runaway memory), optimised, with debug assertions and overflow checks.
# Seeds: the project's own articles (examples/, tests/*/articles) for the coder and readers,
# fuzz/seeds/ for the dictionaries and validation records, and ../shared's conformance
# dictionaries and records when that folder is beside the checkout. What libFuzzer finds
# grows fuzz/corpus/TARGET (not committed).
set -euo pipefail
cd "$(dirname "$0")"
EACH=${1:-25}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(coder readers dictionaries validate)
JOBS=${JOBS:-1}
TIMEOUT=${TIMEOUT:-10}
export RUSTC_BOOTSTRAP=1
SHARED=../../shared/conformance/petrarch

seeds() {
    case $1 in
        coder | readers) echo ../examples/articles ../tests/*/articles ;;
        dictionaries) echo seeds/dictionaries; [ -d "$SHARED" ] && echo "$SHARED" || true ;;
        validate) echo seeds/validate; [ -d "$SHARED" ] && echo "$SHARED" || true ;;
    esac
}

echo "== fuzz: build ${TARGETS[*]}"
for t in "${TARGETS[@]}"; do
    cargo fuzz build --sanitizer none "$t"
done

run() {
    local t=$1
    mkdir -p "corpus/$t"
    # -timeout: an input taking TIMEOUT s is a hang; -rss_limit_mb: 2 GB is a blow-up;
    # inputs up to 64 KB, so costs that grow faster than the input show.
    # shellcheck disable=SC2046
    cargo fuzz run --sanitizer none "$t" "corpus/$t" $(seeds "$t") -- \
        -max_total_time="$EACH" -timeout="$TIMEOUT" -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 > "corpus/$t.log" 2>&1 || {
        echo "== fuzz: $t FAILED (input in fuzz/artifacts/$t/); the end of its log:"
        tail -40 "corpus/$t.log"
        return 1
    }
    echo "== fuzz: $t: $(grep -E '^stat::number_of_executed_units' "corpus/$t.log" | awk '{print $2}') inputs in ${EACH} s, no crash"
}

if [ "$JOBS" -le 1 ]; then
    for t in "${TARGETS[@]}"; do run "$t"; done
else
    pids=()
    for t in "${TARGETS[@]}"; do
        run "$t" &
        pids+=($!)
        while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do sleep 1; done
    done
    status=0
    for p in "${pids[@]}"; do wait "$p" || status=1; done
    exit $status
fi
