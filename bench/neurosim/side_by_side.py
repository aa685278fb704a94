#!/usr/bin/env python3
"""The working half of bench/neurosim/side_by_side.sh (issue 21): converts
Fashion-MNIST into MLP_NeuroSim V3.0's input files, runs an already built
NeuroSim copy and memstudio-cli for the same epochs, images and seeds, and
prints their per-epoch test accuracy and CPU time side by side.

Python 3 standard library only. The shell script copies, patches and builds
NeuroSim; this file never touches NeuroSim's sources.

CPU time per epoch is read the same way on both sides: each program prints a
line when an epoch's test is done (NeuroSim "Accuracy at N epochs is : X%",
memstudio-cli --verbose "epoch k/N: ... test accuracy X %"); when the line
arrives, the process's utime + stime (all its threads) is read from
/proc/PID/stat. An epoch's CPU time is the difference from the previous
line; the first epoch starts at the line each program prints once its data
are loaded and its arrays built (NeuroSim: "Total leakage power of Neuron",
memstudio-cli: "network:"), so loading the data is not counted. Both include
the epoch's test on the 10,000 test images."""
import argparse
import gzip
import json
import os
import re
import statistics
import struct
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


class SideFailed(Exception):
    """A side (NeuroSim or the studio) did not run through; the message names it."""


# ---------------------------------------------------------------- data

def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    got = struct.unpack(">I", data[:4])[0]
    if got != magic:
        raise SideFailed(f"data: {path} is not an IDX file of the expected kind (magic {got:#x})")
    if magic == 0x803:
        n, rows, cols = struct.unpack(">III", data[4:16])
        return n, rows, cols, data[16:]
    n = struct.unpack(">I", data[4:8])[0]
    return n, 0, 0, data[8:]


def write_patches(images, labels, count, patch_path, label_path, crop, threshold):
    """NeuroSim's IO.cpp (ReadTrainingDataFromFile) reads the patch file value
    by value with fscanf("%lf") into Input[i][j], i (the image) running
    fastest: all images' pixel 0, then all images' pixel 1, ... So the file is
    one line per pixel (crop x crop lines), each with one value per image. The
    values here are already 0 or 1; NeuroSim's truncate(x, 1, BWthreshold 0.5)
    leaves them as they are. The label file is one digit per line."""
    n, rows, cols, pix = images
    nl, _, _, lab = labels
    if n < count or nl < count:
        raise SideFailed(f"data: {patch_path}: the IDX files hold {n} images and {nl} labels, NeuroSim expects {count}")
    x0, y0 = (cols - crop) // 2, (rows - crop) // 2  # the studio's centreCrop: larger margin right/bottom
    # pixel / 255 >= threshold -> 1 (the studio's data.binarize and NeuroSim's truncate agree on it)
    cut = next(v for v in range(256) if v / 255.0 >= threshold)
    table = bytes((0x31 if v >= cut else 0x30) for v in range(256))
    size = rows * cols
    with open(patch_path, "wb") as f:
        line = bytearray(2 * count)
        line[1::2] = b" " * count
        line[-1] = 0x0A
        for y in range(crop):
            for x in range(crop):
                o = (y0 + y) * cols + x0 + x
                line[0::2] = pix[o:o + size * count:size].translate(table)
                f.write(line)
    with open(label_path, "w") as f:
        f.write("".join(f"{v}\n" for v in lab[:count]))


def convert(folder, out, crop=20, threshold=0.5):
    os.makedirs(out, exist_ok=True)
    pairs = [("train", 60000, "patch60000_train.txt", "label60000_train.txt"),
             ("t10k", 10000, "patch10000_test.txt", "label10000_test.txt")]
    for prefix, count, patch, label in pairs:
        images = read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte.gz"), 0x803)
        labels = read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte.gz"), 0x801)
        write_patches(images, labels, count, os.path.join(out, patch), os.path.join(out, label), crop, threshold)
    return [p for pair in pairs for p in pair[2:]]


# ---------------------------------------------------------------- running

def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of proc(5))


def run_epochs(cmd, cwd, log_path, start_re, epoch_re, side, env=None):
    """Runs cmd, copies its output to log_path, and returns ([(accuracy %, cpu s)]
    per epoch, total CPU s of the process, wall s)."""
    t0 = time.monotonic()
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except OSError as e:
        raise SideFailed(f"{side}: cannot start {cmd[0]}: {e}")
    epochs, last = [], None
    with open(log_path, "wb") as log:
        for raw in proc.stdout:
            now = cpu_ticks(proc.pid)  # not reaped before wait4 below, so /proc/PID is there
            log.write(raw)
            line = raw.decode("utf-8", "replace")
            if last is None and start_re.search(line):
                last = now
            m = epoch_re.search(line)
            if m and last is not None:
                epochs.append((float(m.group(1)), (now - last) / TICK))
                last = now
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - t0
    cpu = usage.ru_utime + usage.ru_stime
    if proc.returncode != 0:
        raise SideFailed(f"{side}: {' '.join(cmd)} exited with {proc.returncode} (log: {log_path})")
    return epochs, cpu, wall


def run_neurosim(binary, data, work, seed, epochs):
    run = os.path.join(work, f"neurosim_seed{seed}")
    os.makedirs(run, exist_ok=True)
    for name in os.listdir(data):  # NeuroSim opens its data files in its working folder
        dst = os.path.join(run, name)
        if not os.path.exists(dst):
            os.symlink(os.path.join(data, name), dst)
    # stdbuf -o0 (as NeuroSim's own `make run`): its printf output arrives line by line, not at exit.
    # NS_SEED is read by the patched main.cpp (side_by_side.sh); 0 is NeuroSim's own seeding.
    env = dict(os.environ, NS_SEED=str(seed))
    got, cpu, wall = run_epochs(["stdbuf", "-o0", binary], run, os.path.join(run, "log.txt"),
                                re.compile(r"Total leakage power of Neuron"),
                                re.compile(r"Accuracy at \d+ epochs is : ([0-9.]+)%"), f"NeuroSim (seed {seed})", env)
    if len(got) != epochs:
        raise SideFailed(f"NeuroSim (seed {seed}): printed {len(got)} epoch accuracies, expected {epochs} "
                         f"(log: {run}/log.txt)")
    return got, cpu, wall


def run_studio(cli, project, work, seed, epochs, images):
    with open(project) as f:
        doc = json.load(f)
    exps = [e for e in doc.get("experiments", []) if e.get("kind") == "ann_training"]
    if not exps:
        raise SideFailed(f"studio: {project} has no ann_training experiment")
    exp = exps[0]
    exp.update({"epochs": epochs, "imagesPerEpoch": images, "seed": seed})
    doc["experiments"] = [exp]
    run = os.path.join(work, f"studio_seed{seed}")
    os.makedirs(run, exist_ok=True)
    copy = os.path.join(run, "project.json")
    with open(copy, "w") as f:
        json.dump(doc, f, indent=2)
    out = os.path.join(run, "out")
    got, cpu, wall = run_epochs([cli, "run", copy, "--out", out, "--verbose"], run, os.path.join(run, "log.txt"),
                                re.compile(r": network: "),
                                re.compile(r": epoch \d+/\d+: .*test accuracy ([0-9.]+) %"), f"studio (seed {seed})")
    csv_path = os.path.join(out, f"{exp['id']}.epochs.csv")
    try:
        with open(csv_path) as f:
            header = f.readline().strip().split(",")
            rows = [dict(zip(header, ln.strip().split(","))) for ln in f if ln.strip()]
    except OSError as e:
        raise SideFailed(f"studio (seed {seed}): no epochs CSV: {e}")
    if len(rows) != epochs or len(got) != epochs:
        raise SideFailed(f"studio (seed {seed}): {len(rows)} rows in {csv_path} and {len(got)} epoch lines, "
                         f"expected {epochs} (log: {run}/log.txt)")
    # Accuracy from the CSV (full precision), CPU from the streamed lines, wall from the CSV.
    merged = [(100.0 * float(r["test_acc"]), c, float(r["wall_time (s)"])) for r, (_, c) in zip(rows, got)]
    return merged, cpu, wall


# ---------------------------------------------------------------- table

def mean_sd(values, digits):
    if not values:
        return "-"
    m = statistics.fmean(values)
    if len(values) < 2:
        return f"{m:.{digits}f}"
    return f"{m:.{digits}f} ± {statistics.stdev(values):.{digits}f}"


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--neurosim-bin", required=True)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--project", required=True)
    ap.add_argument("--data", required=True, help="folder with the Fashion-MNIST IDX .gz files")
    ap.add_argument("--work", required=True)
    ap.add_argument("--epochs", type=int, required=True)
    ap.add_argument("--images", type=int, required=True)
    ap.add_argument("--seeds", type=int, required=True)
    ap.add_argument("--neurosim-seeds", type=int, required=True)
    a = ap.parse_args()

    load_before = loadavg()
    try:
        t = time.monotonic()
        data = os.path.join(a.work, "data")
        convert(a.data, data)
        print(f"== data: 60000 + 10000 Fashion-MNIST images -> 20x20, binarised at 0.5, in {data} "
              f"({time.monotonic() - t:.1f} s)", file=sys.stderr, flush=True)
        ns = []
        for seed in range(a.neurosim_seeds):
            print(f"== NeuroSim seed {seed}: {a.epochs} epochs x {a.images} images", file=sys.stderr, flush=True)
            ns.append(run_neurosim(a.neurosim_bin, data, a.work, seed, a.epochs))
        st = []
        for seed in range(1, a.seeds + 1):
            print(f"== studio seed {seed}: {a.epochs} epochs x {a.images} images", file=sys.stderr, flush=True)
            st.append(run_studio(a.cli, a.project, a.work, seed, a.epochs, a.images))
    except SideFailed as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    load_after = loadavg()

    ns_label = "NeuroSim acc %" + (f" ({a.neurosim_seeds} seeds)" if a.neurosim_seeds > 1 else "")
    st_label = f"studio acc % ({a.seeds} seed{'s' if a.seeds > 1 else ''})"
    head = ["epoch", ns_label, st_label, "NeuroSim CPU s", "studio CPU s", "studio wall s"]
    rows = []
    for k in range(a.epochs):
        rows.append([str(k + 1),
                     mean_sd([r[0][k][0] for r in ns], 2),
                     mean_sd([r[0][k][0] for r in st], 2),
                     mean_sd([r[0][k][1] for r in ns], 2),
                     mean_sd([r[0][k][1] for r in st], 2),
                     mean_sd([r[0][k][2] for r in st], 2)])
    rows.append(["whole run",
                 "", "",
                 mean_sd([r[1] for r in ns], 1),
                 mean_sd([r[1] for r in st], 1),
                 mean_sd([r[2] for r in st], 1)])
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    print(f"{a.epochs} epochs x {a.images} training images, test on 10000; "
          f"NeuroSim seed{'s 0..' + str(a.neurosim_seeds - 1) if a.neurosim_seeds > 1 else ' 0 (its own)'}, "
          f"studio seed{'s 1..' + str(a.seeds) if a.seeds > 1 else ' 1'}")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
    print(f"load average (1, 5, 15 min): {load_before} before, {load_after} after; {os.cpu_count()} cores")
    print("CPU s: utime + stime of the process per epoch (training and the test), data loading excluded; "
          "whole run: the process's rusage, loading included. Studio wall s: its epochs.csv (whole run: the process).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
