#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS seconds from the seed corpus in
# fuzz/corpus/<target> (copied into BUILD_DIR/fuzz-corpus/<target>, which grows
# across runs). Fails when any target crashes, leaks, hangs (>10 s per input)
# or runs out of memory (>2 GiB); the reproducer is left in
# BUILD_DIR/fuzz-findings/. Usage:
#   fuzz/run.sh BUILD_DIR [SECONDS=60] [TARGET...]
# BUILD_DIR must have been configured with -DMS_BUILD_FUZZ=ON (clang).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
targets=("$@")
[ "${#targets[@]}" -eq 0 ] && targets=(fuzz_project fuzz_csv fuzz_idx fuzz_netlist)
mkdir -p "$build/fuzz-findings"
status=0
for t in "${targets[@]}"; do
  seeds="$here/corpus/${t#fuzz_}"
  work="$build/fuzz-corpus/${t#fuzz_}"
  mkdir -p "$work"
  cp -n "$seeds"/* "$work"/ 2>/dev/null || true
  log="$build/fuzz-findings/$t.log"
  # detect_leaks: a leak is a finding too; -use_value_profile helps with the
  # loaders' magic numbers and range comparisons.
  ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    "$build/bin/$t" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -use_value_profile=1 -print_final_stats=1 -artifact_prefix="$build/fuzz-findings/$t-" >"$log" 2>&1
  rc=$?
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')"
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "FAIL $t after ${runs:-?} executions (exit $rc); see $log" >&2
    grep -m3 -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" >&2
  else
    echo "ok   $t: ${runs:-?} executions in ${seconds} s, corpus $(ls "$work" | wc -l) inputs" >&2
  fi
done
exit "$status"
