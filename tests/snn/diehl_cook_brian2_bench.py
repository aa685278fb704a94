#!/usr/bin/env python3
"""Brian2 timing of the Diehl & Cook network (784 Poisson inputs -> 100
excitatory conductance LIF cells with adaptive thresholds -> 100 inhibitory
cells), the same network bench_snn.cpp runs: dt 0.5 ms, delays U[0,10) ms,
the trace STDP of the released code, weight normalisation to 78 before each
example, 350 ms presentation + 150 ms rest per example, random 28x28 inputs.
Prints 'simulated_s wall_s cpu_s target'. usage: script.py examples seed target"""
import sys
import time

import numpy as np
from brian2 import (NeuronGroup, PoissonGroup, Synapses, Network, defaultclock, prefs, ms, mV, Hz, second)

examples, seed, target = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
prefs.codegen.target = target
defaultclock.dt = 0.5 * ms
rng = np.random.default_rng(seed)
n_in, n_e = 784, 100
exc = NeuronGroup(n_e, """
dv/dt = ((-65*mV - v) + ge*(0*mV - v) + gi*(-100*mV - v)) / (100*ms) : volt (unless refractory)
dge/dt = -ge / (1*ms) : 1
dgi/dt = -gi / (2*ms) : 1
dtheta/dt = -theta / (1e7*ms) : volt
""", threshold="v > -52*mV + theta", reset="v = -65*mV; theta += 0.05*mV", refractory=5 * ms, method="euler")
inh = NeuronGroup(n_e, """
dv/dt = ((-60*mV - v) + ge*(0*mV - v) + gi*(-85*mV - v)) / (10*ms) : volt (unless refractory)
dge/dt = -ge / (1*ms) : 1
dgi/dt = -gi / (2*ms) : 1
""", threshold="v > -40*mV", reset="v = -45*mV", refractory=2 * ms, method="euler")
exc.v = -105 * mV
inh.v = -100 * mV
inp = PoissonGroup(n_in, rates=np.zeros(n_in) * Hz)
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
ei = Synapses(exc, inh, on_pre="ge_post += 10.4")
ei.connect(j="i")
ie = Synapses(inh, exc, on_pre="gi_post += 17.0")
ie.connect(condition="i != j")
net = Network(exc, inh, inp, stdp, ei, ie)
net.run(1 * ms)  # code generation and compilation, not timed
w2d = np.zeros((n_in, n_e))
start = time.perf_counter()
cpu0 = time.process_time()
for k in range(examples):
    w2d[stdp.i[:], stdp.j[:]] = stdp.w[:]
    w2d *= 78.0 / w2d.sum(axis=0)
    stdp.w[:] = w2d[stdp.i[:], stdp.j[:]]
    img = (rng.random(n_in) < 0.19) * rng.random(n_in)
    inp.rates = img * 63.75 * Hz
    net.run(350 * ms)
    inp.rates = 0 * Hz
    net.run(150 * ms)
wall = time.perf_counter() - start
cpu = time.process_time() - cpu0
print(f"{examples * 0.5:.3f} {wall:.3f} {cpu:.3f} {target}")
