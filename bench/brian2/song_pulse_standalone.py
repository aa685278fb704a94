#!/usr/bin/env python3
"""Brian2 cpp_standalone timing of Song, Miller & Abbott's STDP network on
pulse synapses, the network bench_snn runs with the studio's pulse_stdp
synapse (docs/snn-synapses.md): 1000 Poisson inputs at 15 Hz onto one
conductance LIF neuron (Brian2's examples/synapses/STDP, dt 0.1 ms); the
pair rule, all pairs through traces, asks for A+ e^(-dt/tau) (0.01) or
A- e^(dt/tau) (0.0105) of the device's range, rounded stochastically to a
number of identical pulses, and each device moves along its NeuroSim curve
(NL +-nl, 100 pulses across 1 uS to 0.1 mS, weight 100 per siemens).

Compilation is not timed: the binary is built first, then run on its own.
Prints one line: 'simulated_s wall_s cpu_s cpp_standalone run_cpu_s
out_spikes' as diehl_cook_standalone.py does (run_cpu_s: Brian2's own
network-run CPU time), then 'fifths low middle high' of the final
conductances on stderr.

usage: song_pulse_standalone.py duration_s seed [nl=3] [workdir]"""
import math
import shutil
import sys
import tempfile

import numpy as np
from standalone_timing import run_built  # beside this script
from brian2 import (NeuronGroup, PoissonGroup, Synapses, SpikeMonitor, Network, defaultclock, device, get_device,
                    set_device, prefs, ms, mV, Hz)

duration, seed = float(sys.argv[1]), int(sys.argv[2])
nl = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
keep = len(sys.argv) > 4
workdir = sys.argv[4] if keep else tempfile.mkdtemp(prefix="song_standalone_")


def max_gap(a):
    """Largest gap between the normalised NeuroSim curve with A/Pmax = a and the diagonal (core/synapses/NeuroSimCurve.cpp)."""
    norm = -math.expm1(-1.0 / a)
    u = min(max(-a * math.log(a * norm), 0.0), 1.0)
    return -math.expm1(-u / a) / norm - u


def a_hat(label):
    """A/Pmax for a nonlinearity label, by bisection as neuroSimAHat does."""
    target, lo, hi = 0.099 * abs(label), math.log(1e-4), math.log(1e5)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if max_gap(math.exp(mid)) > target:
            lo = mid
        else:
            hi = mid
    a = math.exp(0.5 * (lo + hi))
    return -a if label < 0 else a


levels = 100.0
a_ltp, a_ltd = a_hat(nl) * levels, a_hat(-nl) * levels  # pulses (A of NeuroSim's curve)
g_min, g_max, k_w = 1e-6, 1e-4, 100.0

set_device("cpp_standalone", build_on_run=False, directory=workdir)
prefs.devices.cpp_standalone.openmp_threads = 0  # one thread, like bench_snn
prefs.devices.cpp_standalone.extra_make_args_unix = ["-j2"]
defaultclock.dt = 0.1 * ms
np.random.seed(seed)

neuron = NeuronGroup(1, """
dv/dt = (ge * (0*mV - v) + (-74*mV) - v) / (10*ms) : volt
dge/dt = -ge / (5*ms) : 1
""", threshold="v > -54*mV", reset="v = -60*mV", method="euler")
neuron.v = -60 * mV
inp = PoissonGroup(1000, rates=15 * Hz)
# x: the device's normalised state; each branch of the NeuroSim curve maps a
# pulse position P in [0, L] to x = (1 - e^{-P/A}) / (1 - e^{-L/A}).
syn = Synapses(inp, neuron, """
x : 1
w : 1
dApre/dt = -Apre / (20*ms) : 1 (event-driven)
dApost/dt = -Apost / (20*ms) : 1 (event-driven)
""", on_pre="""
ge_post += w
Apre += 0.01
req = Apost * L
n = floor(req) + int(rand() < req - floor(req))
P = -Ad * log(1 + x * (exp(-L / Ad) - 1))
x = clip((1 - exp(-clip(P - n, 0, L) / Ad)) / (1 - exp(-L / Ad)), 0, 1)
w = kw * (gmin + x * (gmax - gmin))
""", on_post="""
Apost += 0.0105
req = Apre * L
n = floor(req) + int(rand() < req - floor(req))
P = -Ap * log(1 + x * (exp(-L / Ap) - 1))
x = clip((1 - exp(-clip(P + n, 0, L) / Ap)) / (1 - exp(-L / Ap)), 0, 1)
w = kw * (gmin + x * (gmax - gmin))
""", namespace={"L": levels, "Ap": a_ltp, "Ad": a_ltd, "kw": k_w, "gmin": g_min, "gmax": g_max})
syn.connect()
syn.x = "rand()"
syn.w = "kw * (gmin + x * (gmax - gmin))"
spikes = SpikeMonitor(neuron, record=False)
net = Network(neuron, inp, syn, spikes)
net.run(duration * 1000 * ms)
device.build(directory=workdir, compile=True, run=False)  # compile, not timed

wall, cpu, run_cpu = run_built(workdir)
get_device().has_been_run = True
x = np.asarray(syn.x[:])
print(f"fifths {np.mean(x < 0.2):.3f} {np.mean((x >= 0.2) & (x <= 0.8)):.3f} {np.mean(x > 0.8):.3f}", file=sys.stderr)
print(f"{duration:.3f} {wall:.3f} {cpu:.3f} cpp_standalone {run_cpu:.4f} {int(spikes.num_spikes)}")
if not keep:
    shutil.rmtree(workdir, ignore_errors=True)
