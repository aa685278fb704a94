#!/usr/bin/env bash
# Builds the Debian package from a configured and built build folder, installs
# it with apt as a user would, runs an installed example with the installed
# memstudio-cli from an unrelated folder, starts the installed studio
# offscreen in screenshot mode, and removes the package again (issue 20).
#   sudo scripts/package-test.sh [BUILD_DIR]      (default build/)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
build_dir="${1:-$MS_ROOT/build}"
[ -f "$build_dir/CMakeCache.txt" ] || ms_die "$build_dir is not a configured build folder"
build_dir="$(cd "$build_dir" && pwd)"  # apt takes a local package only by a path with a slash

ms_say "packaging $build_dir with cpack"
rm -f "$build_dir"/memstudio_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null)
deb="$(ls "$build_dir"/memstudio_*.deb)"
ms_say "package $(basename "$deb"): depends on $(dpkg-deb -f "$deb" Depends)"

# A package of this name left over from an earlier run would hide a missing file.
ms_as_root apt-get remove -y memstudio >/dev/null 2>&1 || true
ms_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb" >/dev/null
trap 'ms_as_root apt-get remove -y memstudio >/dev/null 2>&1 || true' EXIT

work="$(mktemp -d)"
cd "$work"   # nothing of the source or build tree is reachable from here
for f in /usr/bin/memstudio /usr/bin/memstudio-cli /usr/share/applications/memstudio.desktop \
         /usr/share/icons/hicolor/scalable/apps/memstudio.svg \
         /usr/share/metainfo/io.github.memristorstudio.memstudio.metainfo.xml \
         /usr/share/man/man1/memstudio-cli.1 /usr/share/memstudio/data/digits.csv.gz; do
  [ -e "$f" ] || ms_die "the package does not install $f"
done
ms_say "running installed examples from $work"
for p in hp-pinched-hysteresis slp-digits-crossbar fit-iv-sweep; do
  /usr/bin/memstudio-cli run "/usr/share/memstudio/projects/$p.json" --out "out-$p" >/dev/null \
    || ms_die "installed memstudio-cli failed on $p"
  [ -s "out-$p/summary.json" ] || ms_die "no summary.json for $p"
done
ms_say "starting the installed studio offscreen"
QT_QPA_PLATFORM=offscreen timeout 300 /usr/bin/memstudio --project /usr/share/memstudio/projects/hp-pinched-hysteresis.json \
  --run --screenshot "$work/studio.png" >/dev/null 2>&1 || ms_die "the installed studio did not take its screenshot"
[ -s "$work/studio.png" ] || ms_die "empty screenshot"
ms_say "package test passed"
rm -rf "$work"
