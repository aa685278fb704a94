#!/usr/bin/env python3
"""Brian2 cpp_standalone timing of the Diehl & Cook network that bench_snn
runs (the same network as tests/snn/diehl_cook_brian2_bench.py: 784 Poisson
inputs -> N excitatory conductance LIF cells with adaptive thresholds -> N
inhibitory cells; dt 0.5 ms, delays U[0,10) ms, the released code's trace
STDP, weights normalised to 78 per neuron before each example, 350 ms
presentation + 150 ms rest, random 28x28 inputs with 19 % ink).

The whole run is one standalone build, as a user who cares about speed writes
it: the input rates of every example come from a TimedArray (50 ms slots:
7 with the image, 3 silent), the normalisation is three run_regularly
operations every 500 ms at the start of the step (zero the sums, sum the
incoming weights, rescale), and one net.run covers all examples. Compilation
is not timed: the binary is built first, then run on its own.

Prints one line: 'simulated_s wall_s cpu_s cpp_standalone run_cpu_s
exc_spikes', where wall_s and cpu_s are the binary's whole process
(getrusage of the child: loading arrays, building synapses, the run,
writing results) and run_cpu_s is Brian2's own run time: std::clock()
around the network run in the generated network.cpp, which is process CPU
time without OpenMP. bench_snn.cpp takes run_cpu_s for the rate (it times
its own network after building it, too) and prints the whole process too.

usage: diehl_cook_standalone.py examples seed [excitatory=100] [rate_scale=1]
       [workdir]"""
import os
import shutil
import sys
import tempfile

import numpy as np
from standalone_timing import run_built  # beside this script
from brian2 import (NeuronGroup, PoissonGroup, Synapses, SpikeMonitor, Network, TimedArray, defaultclock, device, get_device,
                    set_device, prefs, ms, mV, Hz)

examples, seed = int(sys.argv[1]), int(sys.argv[2])
n_e = int(sys.argv[3]) if len(sys.argv) > 3 else 100
rate_scale = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
keep = len(sys.argv) > 5
workdir = sys.argv[5] if keep else tempfile.mkdtemp(prefix="dc_standalone_")

set_device("cpp_standalone", build_on_run=False, directory=workdir)
prefs.devices.cpp_standalone.openmp_threads = 0  # one thread, like bench_snn
prefs.devices.cpp_standalone.extra_make_args_unix = ["-j2"]  # not make -j: the machine is shared
defaultclock.dt = 0.5 * ms
rng = np.random.default_rng(seed)
n_in = 784

# Rates per 50 ms slot: 7 slots of the image, then 3 of silence.
slots = np.zeros((10 * examples, n_in))
for k in range(examples):
    img = (rng.random(n_in) < 0.19) * rng.random(n_in)
    slots[10 * k:10 * k + 7, :] = img * 63.75 * rate_scale
input_rates = TimedArray(slots * Hz, dt=50 * ms)

exc = NeuronGroup(n_e, """
dv/dt = ((-65*mV - v) + ge*(0*mV - v) + gi*(-100*mV - v)) / (100*ms) : volt (unless refractory)
dge/dt = -ge / (1*ms) : 1
dgi/dt = -gi / (2*ms) : 1
dtheta/dt = -theta / (1e7*ms) : volt
wsum : 1
""", threshold="v > -52*mV + theta", reset="v = -65*mV; theta += 0.05*mV", refractory=5 * ms, method="euler")
inh = NeuronGroup(n_e, """
dv/dt = ((-60*mV - v) + ge*(0*mV - v) + gi*(-85*mV - v)) / (10*ms) : volt (unless refractory)
dge/dt = -ge / (1*ms) : 1
dgi/dt = -gi / (2*ms) : 1
""", threshold="v > -40*mV", reset="v = -45*mV", refractory=2 * ms, method="euler")
exc.v = -105 * mV
inh.v = -100 * mV
inp = PoissonGroup(n_in, rates="input_rates(t, i)")
stdp = Synapses(inp, exc, """
w : 1
dpre/dt = -pre / (20*ms) : 1 (event-driven)
dpost1/dt = -post1 / (20*ms) : 1 (event-driven)
dpost2/dt = -post2 / (40*ms) : 1 (event-driven)
""", on_pre="ge_post += w; pre = 1.; w = clip(w - 0.0001*post1, 0, 1)",
    on_post="w = clip(w + 0.01*pre*post2, 0, 1); post1 = 1.; post2 = 1.")
stdp.connect()
stdp.w = (rng.random(n_in * n_e) + 0.01) * 0.3
stdp.delay = rng.random(n_in * n_e) * 10 * ms
# Normalisation before each example (t = 0, 0.5 s, ...), in the 'start' slot
# so it precedes the example's first step; the order numbers sequence it.
exc.run_regularly("wsum = 0", dt=500 * ms, when="start", order=0)
stdp.run_regularly("wsum_post += w", dt=500 * ms, when="start", order=1)
stdp.run_regularly("w = w * 78.0 / wsum_post", dt=500 * ms, when="start", order=2)
ei = Synapses(exc, inh, on_pre="ge_post += 10.4")
ei.connect(j="i")
ie = Synapses(inh, exc, on_pre="gi_post += 17.0")
ie.connect(condition="i != j")
spikes = SpikeMonitor(exc, record=False)
net = Network(exc, inh, inp, stdp, ei, ie, spikes)
net.run(examples * 500 * ms)
device.build(directory=workdir, compile=True, run=False)  # compile, not timed

wall, cpu, run_cpu = run_built(workdir)
get_device().has_been_run = True  # the proxy `device` forwards reads only
if os.environ.get("MS_CHECK_NORMALISATION"):  # incoming sums stay near 78 (STDP moves them between examples)
    w2d = np.zeros((n_in, n_e))
    w2d[stdp.i[:], stdp.j[:]] = stdp.w[:]
    print("column sums", w2d.sum(axis=0).min(), w2d.sum(axis=0).max(), file=sys.stderr)
print(f"{examples * 0.5:.3f} {wall:.3f} {cpu:.3f} cpp_standalone {run_cpu:.4f} {int(spikes.num_spikes)}")
if not keep:
    shutil.rmtree(workdir, ignore_errors=True)
