#!/usr/bin/env bash
# Runs every fuzz target one after another (one fuzzer at a time: the machine is shared).
# Usage: fuzz/run-all.sh [SECONDS_PER_TARGET]   (default 60)
# Needs cargo-fuzz; on a stable toolchain RUSTC_BOOTSTRAP=1 lets it pass -Z sanitizer flags.
# The committed seeds in fuzz/corpus/<target> are read-only inputs; new corpus entries go to
# target/fuzz-corpus/<target> (not committed). Findings land in fuzz/artifacts/<target>.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
export RUSTC_BOOTSTRAP=1
for t in $(cargo fuzz list); do
  mkdir -p "../target/fuzz-corpus/$t"
  echo "== $t (${secs}s)"
  cargo fuzz run -O "$t" "../target/fuzz-corpus/$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 \
    | grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|ERROR|panicked|SUMMARY|Done [0-9]+ runs' || true
done
