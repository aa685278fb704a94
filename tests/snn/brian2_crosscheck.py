#!/usr/bin/env python3
"""Runs the deterministic network described by a JSON file (written by
test_snn_brian2.cpp) in Brian2 and writes its spikes as JSON.
Network: a SpikeGeneratorGroup of given spike times -> current-based LIF
neurons with exponential synaptic currents (excitatory, delays), plus
inhibitory LIF -> LIF synapses; 'exact' integration, refractory period,
dt as given; numpy code generation (no compiler needed).
usage: brian2_crosscheck.py spec.json out.json"""
import json
import sys

import numpy as np
from brian2 import (NeuronGroup, SpikeGeneratorGroup, Synapses, SpikeMonitor, Network, defaultclock, prefs,
                    second, volt, amp, ohm)

spec = json.load(open(sys.argv[1]))
prefs.codegen.target = "numpy"
dt = spec["dt"] * second
defaultclock.dt = dt
p = spec["lif"]
ns = dict(EL=p["E_L"] * volt, Vr=p["V_reset"] * volt, Vth=p["V_th"] * volt, taum=p["tau_m"] * second,
          R=p["R"] * ohm, taue=p["tau_e"] * second, taui=p["tau_i"] * second)
eqs = """
dv/dt = (EL - v + R*(Ie - Ii)) / taum : volt (unless refractory)
dIe/dt = -Ie / taue : amp
dIi/dt = -Ii / taui : amp
"""
G = NeuronGroup(spec["neurons"], eqs, threshold="v > Vth", reset="v = Vr", refractory=p["t_ref"] * second,
                method="exact", namespace=ns)
G.v = p["V_init"] * volt
inp = spec["inputs"]
S_in = SpikeGeneratorGroup(inp["count"], np.array(inp["index"], dtype=int), np.array(inp["time"]) * second)
Ce = Synapses(S_in, G, "w : amp", on_pre="Ie_post += w")
e = spec["excitatory"]
Ce.connect(i=np.array(e["pre"]), j=np.array(e["post"]))
Ce.w = np.array(e["weight"]) * amp
Ce.delay = np.array(e["delay_steps"]) * dt
Ci = Synapses(G, G, "w : amp", on_pre="Ii_post += w")
inh = spec["inhibitory"]
Ci.connect(i=np.array(inh["pre"]), j=np.array(inh["post"]))
Ci.w = np.array(inh["weight"]) * amp
Ci.delay = np.array(inh["delay_steps"]) * dt
mon = SpikeMonitor(G)
net = Network(G, S_in, Ce, Ci, mon)
net.run(spec["duration"] * second)
json.dump({"index": [int(i) for i in mon.i], "time": [float(t) for t in mon.t / second]}, open(sys.argv[2], "w"))
