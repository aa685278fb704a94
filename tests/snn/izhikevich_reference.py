#!/usr/bin/env python3
"""High-accuracy reference for the Izhikevich (2003) presets under a step
current I = 10 switched on at t = 0 (v = -65 mV, u = b v), 200 ms.
Integrates v' = 0.04 v^2 + 5 v + 140 - u + I, u' = a (b v - u) with SciPy's
DOP853 (rtol = atol = 1e-11) and locates each spike (v = 30 mV) as a terminal
event, then applies v <- c, u <- u + d exactly at that time. Run once; the
bands in test_snn_neurons.cpp come from its output (see there)."""
import numpy as np
from scipy.integrate import solve_ivp

PRESETS = {"RS": (0.02, 0.2, -65, 8), "IB": (0.02, 0.2, -55, 4), "CH": (0.02, 0.2, -50, 2),
           "FS": (0.1, 0.2, -65, 2), "LTS": (0.02, 0.25, -65, 2), "TC": (0.02, 0.25, -65, 0.05),
           "RZ": (0.1, 0.26, -65, 2)}
I, T = 10.0, 200.0

for name, (a, b, c, d) in PRESETS.items():
    def f(t, y):
        return [0.04 * y[0] ** 2 + 5 * y[0] + 140 - y[1] + I, a * (b * y[0] - y[1])]
    def ev(t, y):
        return y[0] - 30.0
    ev.terminal, ev.direction = True, 1
    t0, y0, spikes = 0.0, [-65.0, b * -65.0], []
    while t0 < T:
        sol = solve_ivp(f, (t0, T), y0, method="DOP853", rtol=1e-11, atol=1e-11, events=ev)
        if sol.status == 1:
            ts = sol.t_events[0][0]
            spikes.append(ts)
            t0, y0 = ts, [c, sol.y_events[0][0][1] + d]
        else:
            break
    isi = np.diff(spikes)
    print(f"{name}: n={len(spikes)} first={spikes[0]:.4f} ms  last={spikes[-1]:.3f} ms  "
          f"minISI={isi.min() if len(isi) else 0:.3f} ms  times={[round(s, 3) for s in spikes[:8]]}")
