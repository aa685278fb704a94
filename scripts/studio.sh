#!/usr/bin/env bash
# Installs whatever is missing, builds build/ and opens Memristor Studio on
# its embedded default project (the HP pinched-hysteresis project). Without a
# display it says so and runs that project headless with memstudio-cli.
#   sudo scripts/studio.sh      (or as root)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

build_dir="${MS_BUILD_DIR:-$MS_ROOT/build}"
default_project="$MS_ROOT/projects/hp-pinched-hysteresis.json"

ms_install_missing
gui="$(ms_gui_option)"
ms_say "configuring $build_dir (Release, GUI $gui)"
ms_configure "$build_dir" Release
targets=(memstudio-cli)
[ "$gui" = ON ] && targets+=(memstudio)
ms_say "building ${targets[*]} with $(nproc) jobs"
ms_build "$build_dir" "${targets[@]}"

run_headless() {
  local out="$build_dir/results/hp-pinched-hysteresis"
  ms_say "running the default project headless: memstudio-cli run $default_project --out $out"
  ms_as_user "$build_dir/bin/memstudio-cli" run "$default_project" --out "$out"
  ms_say "results went to $out (summary.json and one CSV per series)"
}

if [ "$gui" != ON ] || [ ! -x "$build_dir/bin/memstudio" ]; then
  ms_say "the studio GUI is not part of this checkout yet"
  run_headless
elif [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  ms_say "no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the studio cannot open"
  run_headless
else
  ms_say "opening Memristor Studio on the default project"
  if ! ms_as_user "$build_dir/bin/memstudio"; then
    ms_say "the studio could not open on this display"
    run_headless
  fi
fi
