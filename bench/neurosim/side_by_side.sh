#!/usr/bin/env bash
# MLP_NeuroSim V3.0 and the studio side by side (issue 21): per epoch, the
# test accuracy and the CPU time of NeuroSim's default experiment and of
# projects/neurosim-default-fashion.json, on the same Fashion-MNIST data.
#
# usage: bench/neurosim/side_by_side.sh NEUROSIM_DIR [--epochs N] [--images N]
#            [--seeds K] [--neurosim-seeds K] [--work DIR]
#
#   NEUROSIM_DIR      a checkout of github.com/neurosim/MLP_NeuroSim_V3.0 (not
#                     vendored: its licence is CC BY-NC 4.0). Only read: it is
#                     copied to WORK/neurosim and the copy is patched and built.
#   --epochs N        epochs on both sides (3; NeuroSim's own default is 125)
#   --images N        training images per epoch (2000; NeuroSim's own 8000)
#   --seeds K         studio runs, seeds 1..K (3)
#   --neurosim-seeds K  NeuroSim runs, seeds 0..K-1 (1: seed 0 is NeuroSim's
#                     own seeding, unchanged)
#   --work DIR        keep the scratch folder there (default: a temporary
#                     folder, removed at exit)
#   MS_CLI            memstudio-cli to run (default: build/bin/memstudio-cli)
#   MS_FASHION_MNIST  folder of the IDX files (default: the Debian package
#                     dataset-fashion-mnist's /usr/share/datasets/fashion-mnist)
#
# What the NeuroSim copy gets (nothing else changes):
#   Param.cpp  numTrainImagesPerEpoch = --images, totalNumEpochs = --epochs
#   main.cpp   omp_set_num_threads(16) -> 1: one thread, like the studio, on a
#              shared machine; it also makes a run repeatable (the threads
#              share one std::mt19937 for the device noise);
#              the seed from NS_SEED: gen.seed(0) -> gen.seed(s), srand(0) ->
#              srand(7919 s), and srand(1 + s) before WeightInitialize (whose
#              rand() runs unseeded, i.e. as srand(1)); s = 0 is exactly
#              NeuroSim's run (glibc's srand(0) is srand(1): its training draws
#              repeat the initial weights' sequence; 7919 s keeps the seeds'
#              draws apart)
#   data       patch60000_train.txt, label60000_train.txt, patch10000_test.txt,
#              label10000_test.txt written from Fashion-MNIST (side_by_side.py)
#
# Prints one table (epoch | accuracies | CPU s) and the load average; exits 1
# naming the side that failed, 2 on bad arguments. Needs g++, make, python3,
# stdbuf (coreutils). Not a test: it needs a source tree from outside.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

die() { printf 'error: %s\n' "$1" >&2; exit "${2:-1}"; }
usage() { sed -n '6,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[ $# -ge 1 ] || usage
case "$1" in -h|--help) usage ;; esac
src="$1"
shift
epochs=3 images=2000 seeds=3 ns_seeds=1 work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs|--images|--seeds|--neurosim-seeds|--work) [ $# -ge 2 ] || die "$1 needs a value" 2 ;;
  esac
  case "$1" in
    --epochs) epochs="$2"; shift 2 ;;
    --images) images="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --neurosim-seeds) ns_seeds="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) printf 'error: unknown argument %s\n' "$1" >&2; usage ;;
  esac
done
for v in epochs images seeds ns_seeds; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "--${v/ns_/neurosim-} must be a positive integer (got '${!v}')" 2
done
[ "$images" -le 60000 ] || die "--images must be at most 60000 (the training set)" 2

cli="${MS_CLI:-$root/build/bin/memstudio-cli}"
project="$root/projects/neurosim-default-fashion.json"
fmnist="${MS_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
for f in Param.cpp main.cpp makefile; do
  [ -f "$src/$f" ] || die "NeuroSim: $src/$f not found: NEUROSIM_DIR must be a checkout of MLP_NeuroSim_V3.0" 2
done
[ -x "$cli" ] && [ -f "$cli" ] || die "studio: no memstudio-cli at $cli (build it, or set MS_CLI)"
cli="$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")"  # the runs start in their own folders
[ -f "$fmnist/train-images-idx3-ubyte.gz" ] ||
  die "data: no Fashion-MNIST in $fmnist (apt-get install dataset-fashion-mnist, or set MS_FASHION_MNIST)"
for tool in g++ make python3 stdbuf; do
  command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool"
done

if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/neurosim-side-by-side.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"

# Copy (sources only: not its prebuilt binary, objects or data) and patch.
ns="$work/neurosim"
rm -rf "$ns"
mkdir -p "$ns/NeuroSim"
cp "$src"/*.cpp "$src"/*.h "$src"/makefile "$ns"/
cp "$src"/NeuroSim/*.cpp "$src"/NeuroSim/*.h "$ns"/NeuroSim/

# patch FILE SED_EXPR CHECK_REGEX: apply, then insist the change is there.
patch_line() {
  sed -i -E "$2" "$ns/$1"
  grep -Eq "$3" "$ns/$1" || die "NeuroSim: could not patch $1 ($2): is this MLP_NeuroSim V3.0?"
}
patch_line Param.cpp "s/^([[:space:]]*numTrainImagesPerEpoch[[:space:]]*=)[^;]*;/\1 $images;/" \
  "^[[:space:]]*numTrainImagesPerEpoch = $images;"
patch_line Param.cpp "s/^([[:space:]]*totalNumEpochs[[:space:]]*=)[^;]*;/\1 $epochs;/" \
  "^[[:space:]]*totalNumEpochs = $epochs;"
patch_line main.cpp 's/omp_set_num_threads\(16\);/omp_set_num_threads(1);/' 'omp_set_num_threads\(1\);'
patch_line main.cpp 's/^([[:space:]]*)gen\.seed\(0\);/\1const int nsSeed = getenv("NS_SEED") ? atoi(getenv("NS_SEED")) : 0; gen.seed(nsSeed); srand(1 + nsSeed);/' \
  'gen\.seed\(nsSeed\);'
patch_line main.cpp 's/^([[:space:]]*)srand\(0\);/\1srand(7919 * nsSeed);/' '^[[:space:]]*srand\(7919 \* nsSeed\);'
# The changes, for the record: WORK/neurosim.patch.
diff -u "$src/Param.cpp" "$ns/Param.cpp" >"$work/neurosim.patch" || true
diff -u "$src/main.cpp" "$ns/main.cpp" >>"$work/neurosim.patch" || true

printf '== building NeuroSim in %s (make, g++)\n' "$ns" >&2
t0=$(date +%s)
# make -j2 at most: the machine may be shared.
if ! make -C "$ns" -j2 >"$work/make.log" 2>&1; then
  tail -20 "$work/make.log" >&2
  die "NeuroSim: make failed (log: $work/make.log)"
fi
[ -x "$ns/main" ] || die "NeuroSim: make did not produce $ns/main"
printf '== built in %d s\n' "$(($(date +%s) - t0))" >&2

python3 "$here/side_by_side.py" --neurosim-bin "$ns/main" --cli "$cli" --project "$project" --data "$fmnist" \
  --work "$work" --epochs "$epochs" --images "$images" --seeds "$seeds" --neurosim-seeds "$ns_seeds"
