#!/usr/bin/env bash
# Shoots every example project in the studio's screenshot mode at 1600x1000 and
# at 1280x720 (into a scratch folder, for reviewing by eye), then writes the
# committed gallery: docs/gallery/<project>.jpg (the 1600x1000 shot, 960 px
# wide, JPEG quality 75) and docs/gallery.md (one section per topic, grouped as
# the studio's Examples page groups them: widgets/help/ExampleCatalog.cpp).
#   scripts/gallery.sh [BUILD_DIR]        (default build/)
#   GALLERY_SCRATCH=DIR  where the full-size PNGs go (default /tmp/memstudio-gallery)
#   GALLERY_ONLY="a b"   shoot only these projects (names without .json); the
#                        gallery page still lists every project
# Needs xvfb-run and ImageMagick's convert (both in scripts/lib/common.sh's
# packages) and python3 (likewise) for reading the project files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
studio="$build/bin/memstudio"
cli="$build/bin/memstudio-cli"
scratch="${GALLERY_SCRATCH:-/tmp/memstudio-gallery}"
out="$root/docs/gallery"
[ -x "$studio" ] || { echo "error: $studio not found; build memstudio first" >&2; exit 1; }
[ -x "$cli" ] || { echo "error: $cli not found; build memstudio-cli first" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "error: xvfb-run not found (package xvfb)" >&2; exit 1; }
command -v convert >/dev/null || { echo "error: convert not found (package imagemagick)" >&2; exit 1; }
mkdir -p "$scratch/1600x1000" "$scratch/1280x720" "$out"
echo "gallery: $(ls "$root"/projects/*.json | wc -l) projects; stale builds refuse newer example fields, so build memstudio and memstudio-cli first"

only=" ${GALLERY_ONLY:-} "
start=$(date +%s)
shot=0
for f in "$root"/projects/*.json; do
  name="$(basename "$f" .json)"
  if [ -n "${GALLERY_ONLY:-}" ] && [[ "$only" != *" $name "* ]]; then continue; fi
  # A project the studio cannot open still gives a picture (of the default
  # project, with the error in the log dock): refuse it here instead.
  if ! "$cli" validate "$f" >"$scratch/$name.validate" 2>&1; then
    echo "error: $name does not validate: $(tail -n 1 "$scratch/$name.validate")" >&2
    exit 1
  fi
  for size in 1600x1000 1280x720; do
    png="$scratch/$size/$name.png"
    rm -f "$png"
    t0=$(date +%s)
    if ! xvfb-run -a -s "-screen 0 ${size}x24" "$studio" --no-settings --project "$f" --run \
         --screenshot "$png" >"$scratch/$size/$name.log" 2>&1 || [ ! -s "$png" ]; then
      echo "error: the screenshot of $name at $size failed (log: $scratch/$size/$name.log)" >&2
      exit 1
    fi
    echo "shot $name at $size ($(( $(date +%s) - t0 )) s)"
  done
  convert "$scratch/1600x1000/$name.png" -resize 960x -strip -quality 75 "$out/$name.jpg"
  shot=$((shot + 1))
done

# docs/gallery.md: topics and first sentences as the Examples page shows them.
python3 - "$root" <<'PY'
import json, os, sys
root = sys.argv[1]
topics = ["Devices", "Synapse circuits", "Crossbars", "ANNs", "SNNs", "Fitting", "Other"]

def topic(kinds):  # mirrors exampleTopic() in widgets/help/ExampleCatalog.cpp
    any_ = lambda p: any(p(k) for k in kinds)
    pre = lambda s: any_(lambda k: k.startswith(s))
    if pre("fit_"): return "Fitting"
    if any_(lambda k: k in ("ann_vs_snn", "pavlov_associative_memory")): return "SNNs"
    if pre("snn_") or pre("neuron_") or any_(lambda k: k in ("ann_to_snn", "memristor_coupled_neurons")): return "SNNs"
    if any_(lambda k: k == "reservoir"): return "ANNs"
    if pre("ann_") or any_(lambda k: k in ("cenn", "rnn_sequence")): return "ANNs"
    if pre("crossbar_"): return "Crossbars"
    if pre("circuit_") or pre("cell_") or any_(lambda k: k in ("write_verify", "stdp_window")): return "Synapse circuits"
    if any_(lambda k: k in ("device_transient", "pulse_ltp_ltd")): return "Devices"
    return "Other"

def first_sentence(d):  # mirrors firstSentence() there
    s = " ".join(d.split())
    for k in range(len(s) - 2):
        if s[k] == "." and s[k + 1] == " " and s[k + 2].isupper():
            if s[:k].endswith((" al", "e.g", "i.e")): continue
            s = s[:k + 1]
            break
    return s if len(s) <= 140 else s[:139].strip() + "\u2026"

entries = {t: [] for t in topics}
for f in sorted(os.listdir(os.path.join(root, "projects"))):
    if not f.endswith(".json"): continue
    j = json.load(open(os.path.join(root, "projects", f), encoding="utf-8"))
    kinds = [x.get("kind", "") for x in j.get("experiments", [])]
    entries[topic(kinds)].append((f[:-5], j.get("name", f), first_sentence(j.get("description", ""))))

lines = ["# Example gallery", "",
         "Every project in `projects/`, opened in the studio and run to completion by its",
         "screenshot mode at 1600×1000 (the window asks for 1500×920), grouped as the",
         "studio's Examples page groups them. Made by `scripts/gallery.sh`; do not edit by hand.", ""]
for t in topics:
    if not entries[t]: continue
    lines += ["## " + t, ""]
    for stem, name, desc in sorted(entries[t], key=lambda e: e[1].lower()):
        lines += ["### " + name, "", desc + " (`projects/%s.json`)" % stem, "",
                  "![%s](gallery/%s.jpg)" % (name, stem), ""]
open(os.path.join(root, "docs", "gallery.md"), "w", encoding="utf-8").write("\n".join(lines))
PY

echo "shot $shot projects at 1600x1000 and 1280x720 in $(( $(date +%s) - start )) s; full-size PNGs in $scratch"
echo "gallery: docs/gallery.md and docs/gallery/ ($(du -sh "$out" | cut -f1))"
