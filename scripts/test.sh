#!/usr/bin/env bash
# Installs whatever is missing, builds build/ in Release and runs the whole
# test suite with ctest. Exits non-zero when anything fails.
#   sudo scripts/test.sh        (or as root; CI runs it with no stdin)
# Environment: MS_BUILD_DIR (default build), MS_BUILD_TYPE (Release),
#              MS_SANITIZE (e.g. address,undefined; empty = none).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

build_dir="${MS_BUILD_DIR:-$MS_ROOT/build}"
build_type="${MS_BUILD_TYPE:-Release}"

ms_install_missing
ms_say "configuring $build_dir ($build_type, GUI $(ms_gui_option)${MS_SANITIZE:+, sanitize $MS_SANITIZE})"
ms_configure "$build_dir" "$build_type" -DMS_BUILD_TESTS=ON -DMS_SANITIZE="${MS_SANITIZE:-}"
ms_say "building with $(nproc) jobs"
ms_build "$build_dir"
ms_say "running the test suite"
cd "$build_dir"
# The binaries' tests need no display (offscreen Qt platform); ctest prints
# its "N% tests passed" summary line and fails when any test fails.
ms_as_user ctest --output-on-failure -j"$(nproc)"
