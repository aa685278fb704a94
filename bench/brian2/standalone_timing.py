"""Runs a Brian2 cpp_standalone build on its own and times it, for the
bench scripts beside it: the binary's whole process (wall, and CPU from
getrusage of the child) and Brian2's own network-run CPU time (std::clock()
around the run in the generated code, results/last_run_info.txt)."""
import os
import resource
import subprocess
import time


def run_built(workdir):
    """Runs workdir/main (built with device.build(..., run=False)); returns (wall_s, cpu_s, run_cpu_s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([os.path.join(workdir, "main")], cwd=workdir, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(os.path.join(workdir, "results", "last_run_info.txt")) as f:
        run_cpu = float(f.read().split()[0])
    return wall, cpu, run_cpu
