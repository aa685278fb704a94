#!/usr/bin/env bash
# Installs whatever is missing, builds build/ in Release and runs the whole
# test suite with ctest; then (issue 9, docs/robustness.md) one clang build
# with AddressSanitizer + UndefinedBehaviorSanitizer + libFuzzer coverage that
# runs the suite again and a short libFuzzer run of every fuzz target, and
# optionally ThreadSanitizer over the Qt-free threaded code. Exits non-zero
# when anything fails, including any sanitizer report or fuzzer crash.
#   sudo scripts/test.sh        (or as root; CI runs it with no stdin)
# Environment:
#   MS_BUILD_DIR (default build), MS_BUILD_TYPE (Release)
#   MS_SANITIZE      sanitizers for the main build itself (default none)
#   MS_FUZZ_SECONDS  seconds per fuzz target (default 45; 0 = no fuzz pass,
#                    and the sanitizer pass is built by GCC)
#   MS_SANITIZE_PASS full | core | off (default core): the ASan+UBSan pass
#                    over the whole suite, over the Qt-free core's tests only,
#                    or none (the fuzzers still run when MS_FUZZ_SECONDS > 0)
#   MS_PACKAGE_PASS  on | off (default off): build the .deb from the Release
#                    build, install it with apt, run installed examples from an
#                    unrelated folder and the installed studio offscreen, remove it
#                    (scripts/package-test.sh)
#   MS_SLURM_PASS    on | off (default off): a real single-node SLURM cluster
#                    runs an example study as a job array and its merge job;
#                    the merged table must equal a local run
#                    (scripts/slurm-local-test.sh)
#   MS_TSAN_PASS     on | off (default off): ThreadSanitizer on
#                    test_thread_handoff, test_crossbar_solver_paths and
#                    test_runner_threads only
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

if [ "${MS_PACKAGE_PASS:-off}" = on ]; then
  package_started=$SECONDS
  "$MS_ROOT/scripts/package-test.sh" "$build_dir"
  ms_say "package pass took $(( SECONDS - package_started )) s"
fi
if [ "${MS_SLURM_PASS:-off}" = on ]; then
  MS_BUILD_DIR="$build_dir" "$MS_ROOT/scripts/slurm-local-test.sh"
fi

# ---- Sanitizer + fuzz pass: ONE clang build with ASan+UBSan and libFuzzer's
# coverage instrumentation (MS_BUILD_FUZZ=ON) serves both the suite under the
# sanitizers and the four fuzz targets (docs/robustness.md): a second
# sanitized build for the fuzzers would not fit CI's 90 minutes.
san_configure() {
  local dir="$1" sanitizers="$2"
  shift 2
  ms_configure "$dir" RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DMS_BUILD_TESTS=ON \
    -DMS_BUILD_BENCH=OFF -DMS_SANITIZE="$sanitizers" "$@"
}
case "$sanitize_pass" in full|core|off) ;; *) ms_die "MS_SANITIZE_PASS must be full, core or off (got '$sanitize_pass')" ;; esac
if [ "$sanitize_pass" != off ] || [ "$fuzz_seconds" -gt 0 ]; then
  started=$SECONDS
  san_dir="$build_dir-asan"
  san_args=()
  if [ "$fuzz_seconds" -gt 0 ]; then
    command -v clang++ >/dev/null 2>&1 ||
      ms_die "clang++ is missing (it is in MS_TEST_PACKAGES); set MS_FUZZ_SECONDS=0 to skip the fuzz pass"
    san_args+=(-DCMAKE_CXX_COMPILER=clang++ -DMS_BUILD_FUZZ=ON)
  fi
  [ "$sanitize_pass" = full ] || san_args+=(-DMS_BUILD_GUI=OFF)
  [ "$sanitize_pass" = off ] && san_args+=(-DMS_BUILD_TESTS=OFF)
  ms_say "sanitizer pass: ASan+UBSan build in $san_dir (tests: $sanitize_pass, fuzz: ${fuzz_seconds} s per target)"
  # A build dir configured with the other compiler must start over.
  if [ -f "$san_dir/CMakeCache.txt" ]; then
    had_clang=no want_clang=no
    grep -q '^CMAKE_CXX_COMPILER:.*clang' "$san_dir/CMakeCache.txt" && had_clang=yes
    [ "$fuzz_seconds" -gt 0 ] && want_clang=yes
    [ "$had_clang" = "$want_clang" ] || rm -rf "$san_dir"
  fi
  san_configure "$san_dir" address,undefined "${san_args[@]}"
  ms_build "$san_dir"
  ms_say "sanitizer pass: build took $(( (SECONDS - started) / 60 )) min"
  if [ "$sanitize_pass" != off ]; then
    # The example projects (label "example") ran through memstudio-cli in the
    # Release pass; under ASan they cost 437 CPU-s (mlp-fashion-mnist alone 220 s)
    # for code the suite and test_cli already run here.
    (cd "$san_dir" && ms_as_user ctest --output-on-failure -j"$(nproc)" --timeout 900 -LE example)
  fi
  if [ "$fuzz_seconds" -gt 0 ]; then
    ms_say "fuzz pass: ${fuzz_seconds} s per target"
    ms_as_user "$MS_ROOT/fuzz/run.sh" "$san_dir" "$fuzz_seconds"
  fi
  ms_say "sanitizer pass took $(( (SECONDS - started) / 60 )) min"
fi

# ---- ThreadSanitizer on the threaded code: the engines on worker threads,
# the handoff primitives, the stop token, the crossbar solver's two-thread
# factorisation and batched solve, and the studio's runner itself (Qt Core
# only, no widgets). Only these tests and what they link are built.
if [ "$tsan_pass" = on ]; then
  started=$SECONDS
  tsan_dir="$build_dir-tsan"
  tsan_tests=(test_thread_handoff test_crossbar_solver_paths test_runner_threads)
  ms_say "ThreadSanitizer pass: ${tsan_tests[*]} in $tsan_dir"
  san_configure "$tsan_dir" thread -DMS_BUILD_GUI=OFF
  ms_build "$tsan_dir" "${tsan_tests[@]}"
  # GCC 12's TSan runtime fails ("unexpected memory mapping") on kernels that
  # randomise mmap more than it expects (vm.mmap_rnd_bits 32); ASLR off avoids it.
  # (Containers whose seccomp profile forbids that personality run as is.)
  no_aslr=(setarch "$(uname -m)" -R)
  "${no_aslr[@]}" true 2>/dev/null || no_aslr=()
  (cd "$tsan_dir" && ms_as_user "${no_aslr[@]}" ctest --output-on-failure --timeout 900 \
    -R "^($(IFS='|'; echo "${tsan_tests[*]}"))\$")
  ms_say "ThreadSanitizer pass took $(( (SECONDS - started) / 60 )) min"
elif [ "$tsan_pass" != off ]; then
  ms_die "MS_TSAN_PASS must be on or off (got '$tsan_pass')"
fi
