#!/usr/bin/env bash
# Installs whatever is missing, builds build/ in Release and runs the whole
# test suite with ctest; then (issue 9, docs/robustness.md) a short libFuzzer
# run of every fuzz target and the suite again under AddressSanitizer +
# UndefinedBehaviorSanitizer. Exits non-zero when anything fails, including
# any sanitizer report or fuzzer crash.
#   sudo scripts/test.sh        (or as root; CI runs it with no stdin)
# Environment:
#   MS_BUILD_DIR (default build), MS_BUILD_TYPE (Release)
#   MS_SANITIZE      sanitizers for the main build itself (default none)
#   MS_FUZZ_SECONDS  seconds per fuzz target (default 45; 0 = no fuzz pass)
#   MS_SANITIZE_PASS full | core | off (default core): the ASan+UBSan pass
#                    over the whole suite, over the Qt-free core's tests only,
#                    or none
#   MS_TSAN_PASS     on | off (default off): ThreadSanitizer on the threaded
#                    runner's tests (test_studio); off by default, see
#                    docs/robustness.md
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# Packages the test passes need on top of the build's own (scripts/lib/common.sh).
# One package per line so additions stay one-line diffs.
MS_TEST_PACKAGES=(
  clang              # libFuzzer's compiler for the fuzz pass
  libclang-rt-14-dev # libFuzzer and clang's sanitizer runtimes
)
MS_PACKAGES+=("${MS_TEST_PACKAGES[@]}")

build_dir="${MS_BUILD_DIR:-$MS_ROOT/build}"
build_type="${MS_BUILD_TYPE:-Release}"
fuzz_seconds="${MS_FUZZ_SECONDS:-45}"
sanitize_pass="${MS_SANITIZE_PASS:-core}"
tsan_pass="${MS_TSAN_PASS:-off}"

# Any sanitizer report fails the test that raised it (the build adds
# -fno-sanitize-recover for UBSan; these make ASan/LSan/TSan stop too).
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$MS_ROOT/tests/robustness/lsan.supp:print_suppressions=0"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$MS_ROOT/tests/robustness/tsan.supp"

ms_install_missing
started=$SECONDS
ms_say "configuring $build_dir ($build_type, GUI $(ms_gui_option)${MS_SANITIZE:+, sanitize $MS_SANITIZE})"
ms_configure "$build_dir" "$build_type" -DMS_BUILD_TESTS=ON -DMS_SANITIZE="${MS_SANITIZE:-}"
ms_say "building with $(nproc) jobs"
ms_build "$build_dir"
ms_say "running the test suite"
# The binaries' tests need no display (offscreen Qt platform); ctest prints
# its "N% tests passed" summary line and fails when any test fails.
(cd "$build_dir" && ms_as_user ctest --output-on-failure -j"$(nproc)")
ms_say "main pass took $(( (SECONDS - started) / 60 )) min"

# ---- Fuzz pass: every libFuzzer target for fuzz_seconds from its seed corpus.
if [ "$fuzz_seconds" -gt 0 ]; then
  if command -v clang++ >/dev/null 2>&1; then
    started=$SECONDS
    fuzz_dir="$build_dir-fuzz"
    ms_say "fuzz pass: building the fuzz targets in $fuzz_dir (clang, ASan+UBSan)"
    ms_as_user cmake -S "$MS_ROOT" -B "$fuzz_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_CXX_COMPILER=clang++ \
      -DMS_BUILD_GUI=OFF -DMS_BUILD_TESTS=OFF -DMS_BUILD_BENCH=OFF -DMS_BUILD_FUZZ=ON -DMS_SANITIZE=address,undefined
    ms_build "$fuzz_dir" fuzz_project fuzz_csv fuzz_idx fuzz_netlist
    ms_say "fuzz pass: ${fuzz_seconds} s per target"
    ms_as_user "$MS_ROOT/fuzz/run.sh" "$fuzz_dir" "$fuzz_seconds"
    ms_say "fuzz pass took $(( (SECONDS - started) / 60 )) min"
  else
    ms_die "clang++ is missing (it is in MS_TEST_PACKAGES); set MS_FUZZ_SECONDS=0 to skip the fuzz pass"
  fi
fi

# ---- Sanitizer pass: the suite again under ASan+UBSan (GCC, -O1, assertions on).
san_configure() {
  local dir="$1" sanitizers="$2"
  shift 2
  ms_configure "$dir" RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DMS_BUILD_TESTS=ON \
    -DMS_BUILD_BENCH=OFF -DMS_SANITIZE="$sanitizers" "$@"
}
case "$sanitize_pass" in
  full|core)
    started=$SECONDS
    san_dir="$build_dir-asan"
    if [ "$sanitize_pass" = full ]; then
      ms_say "sanitizer pass: the whole suite under ASan+UBSan in $san_dir"
      san_configure "$san_dir" address,undefined
    else
      ms_say "sanitizer pass: the core's tests (no GUI) under ASan+UBSan in $san_dir"
      san_configure "$san_dir" address,undefined -DMS_BUILD_GUI=OFF
    fi
    ms_build "$san_dir"
    (cd "$san_dir" && ms_as_user ctest --output-on-failure -j"$(nproc)" --timeout 900)
    ms_say "sanitizer pass took $(( (SECONDS - started) / 60 )) min"
    ;;
  off) ms_say "sanitizer pass skipped (MS_SANITIZE_PASS=off)" ;;
  *) ms_die "MS_SANITIZE_PASS must be full, core or off (got '$sanitize_pass')" ;;
esac

# ---- ThreadSanitizer on the threaded experiment runner's tests.
if [ "$tsan_pass" = on ] && [ "$(ms_gui_option)" = ON ]; then
  started=$SECONDS
  tsan_dir="$build_dir-tsan"
  ms_say "ThreadSanitizer pass: the experiment runner's tests in $tsan_dir"
  san_configure "$tsan_dir" thread
  ms_build "$tsan_dir" test_studio
  (cd "$tsan_dir" && ms_as_user ctest --output-on-failure -R '^test_studio$' --timeout 900)
  ms_say "ThreadSanitizer pass took $(( (SECONDS - started) / 60 )) min"
fi
