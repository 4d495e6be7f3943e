#!/usr/bin/env bash
# Runs every fuzz target one after another (one fuzzer at a time: the machine has 2 cores).
# Usage: fuzz/run-all.sh [SECONDS_PER_TARGET] [TARGET...]
#   Each target stops at 10 million executions or SECONDS_PER_TARGET (default 60), whichever
#   comes first: the issue's bar is ">= 10 M executions or >= 30 min" (fuzz/run-all.sh 1800).
# Needs cargo-fuzz; on a stable toolchain RUSTC_BOOTSTRAP=1 lets it pass -Z sanitizer flags.
# The committed seeds in fuzz/corpus/<target> are read-only inputs; new corpus entries go to
# target/fuzz-corpus/<target> (not committed). Findings land in fuzz/artifacts/<target>.
# Full libFuzzer output per target: target/fuzz-logs/<target>.log.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
export RUSTC_BOOTSTRAP=1
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=($(cargo fuzz list))
mkdir -p ../target/fuzz-logs
RUSTC_BOOTSTRAP=1 cargo fuzz build -O >/dev/null 2>&1 || { echo "cargo fuzz build failed"; exit 1; }
for t in "${targets[@]}"; do
  mkdir -p "../target/fuzz-corpus/$t"
  echo "== $t (up to ${secs}s or 10M runs) started $(date -u +%H:%M:%S)"
  cargo fuzz run -O "$t" "../target/fuzz-corpus/$t" "corpus/$t" -- \
    -max_total_time="$secs" -runs=10000000 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 >"../target/fuzz-logs/$t.log" 2>&1
  echo "   exit $? at $(date -u +%H:%M:%S)"
  grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|ERROR|panicked|SUMMARY|Done [0-9]+ runs' \
    "../target/fuzz-logs/$t.log" || true
done
