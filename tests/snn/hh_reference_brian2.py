#!/usr/bin/env python3
"""Brian2 reference for the Hodgkin-Huxley model with the standard constants
(C = 1 uF/cm^2, gNa 120, gK 36, gL 0.3 mS/cm^2, ENa 50, EK -77, EL -54.4 mV),
a population with one step current each (from t = 0, gates at rest), 500 ms,
dt = 10 us, exponential Euler. Reports the smallest current of the grid that
gives (a) at least one spike, (b) sustained firing (a spike in the last
200 ms), and the steady rate (1/mean ISI after 100 ms) at 10 uA/cm^2.
Run once; test_snn_neurons.cpp states the numbers it printed."""
import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, run, defaultclock, prefs, ms, mV, uF, msiemens, cm, uA,
                    exprel, set_device)

prefs.codegen.target = "numpy"
defaultclock.dt = 0.01 * ms
currents = np.concatenate([np.arange(1.5, 8.0, 0.02), [10.0]])
eqs = """
dv/dt = (I - gNa*m**3*h*(v - ENa) - gK*n**4*(v - EK) - gL*(v - EL)) / C : volt
dm/dt = alpham*(1 - m) - betam*m : 1
dh/dt = alphah*(1 - h) - betah*h : 1
dn/dt = alphan*(1 - n) - betan*n : 1
alpham = 1/ms * exprel(-(v + 40*mV)/(10*mV)) ** -1 : Hz
betam = 4/ms * exp(-(v + 65*mV)/(18*mV)) : Hz
alphah = 0.07/ms * exp(-(v + 65*mV)/(20*mV)) : Hz
betah = 1/ms / (1 + exp(-(v + 35*mV)/(10*mV))) : Hz
alphan = 0.1/ms * exprel(-(v + 55*mV)/(10*mV)) ** -1 : Hz
betan = 0.125/ms * exp(-(v + 65*mV)/(80*mV)) : Hz
I : amp/meter**2
"""
C, gNa, gK, gL = 1 * uF / cm**2, 120 * msiemens / cm**2, 36 * msiemens / cm**2, 0.3 * msiemens / cm**2
ENa, EK, EL = 50 * mV, -77 * mV, -54.4 * mV
G = NeuronGroup(len(currents), eqs, threshold="v > 0*mV", refractory="v > 0*mV", method="exponential_euler")
v0 = -65.0
am = 0.1 * (v0 + 40) / (1 - np.exp(-(v0 + 40) / 10)); bm = 4 * np.exp(-(v0 + 65) / 18)
ah = 0.07 * np.exp(-(v0 + 65) / 20); bh = 1 / (1 + np.exp(-(v0 + 35) / 10))
an = 0.01 * (v0 + 55) / (1 - np.exp(-(v0 + 55) / 10)); bn = 0.125 * np.exp(-(v0 + 65) / 80)
G.v = v0 * mV; G.m = am / (am + bm); G.h = ah / (ah + bh); G.n = an / (an + bn)
G.I = currents * uA / cm**2
mon = SpikeMonitor(G)
run(500 * ms)
trains = mon.spike_trains()
one = next(c for k, c in enumerate(currents) if len(trains[k]) >= 1)
sustained = next(c for k, c in enumerate(currents) if np.any(trains[k] > 300 * ms))
k10 = len(currents) - 1
t10 = np.asarray(trains[k10] / ms)
t10 = t10[t10 > 100]
print(f"single spike from {one:.2f} uA/cm2; sustained firing from {sustained:.2f} uA/cm2; "
      f"rate at 10 uA/cm2 = {1000.0 / np.mean(np.diff(t10)):.2f} Hz ({len(trains[k10])} spikes in 500 ms)")
