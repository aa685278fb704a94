// A memristor device model instance with concrete parameters: a one-state
// system  i = I(v, x),  dx/dt = F(v, i, x)  (docs/device-models.md). Models are pure
// functions of their arguments: they never clamp or integrate the state
// themselves (Wang & Roychowdhury 2016, docs/device-models.md §7); the engine owns
// time stepping and state bounds.
#pragma once

#include <memory>
#include <string>

namespace ms {

struct LinearDriftKernel;  // core/devices/DriftKernel.h

enum class ControlMechanism { Current, Voltage };

struct StateInfo {
    std::string symbol;  // "x", "w", "g"
    std::string unit;    // "" (normalised) or "m"
    double min = 0.0;    // physical bounds the engine enforces
    double max = 1.0;
    // The state velocity is exactly zero at both bounds whatever the drive and
    // grows linearly away from them (a window zero at both edges: Joglekar,
    // Prodromakis, Strukov). Such a bound is approached exponentially and
    // never reached, so the engine keeps the distance to it in full precision
    // instead of clipping (docs/project-format.md, "State bounds").
    bool zeroFlowAtBounds = false;
    // The device setting "terminalLock": a state that comes within the
    // engine's absolute tolerance of such a bound is set onto it, where the
    // flow is zero, so it stays there, as in SPICE. Off: the exact solution.
    bool terminalLock = false;
};

class MemristorModel {
public:
    virtual ~MemristorModel() = default;

    // Device current for voltage v across it at state x (amperes).
    virtual double current(double v, double x) const = 0;

    // Device voltage for current i at state x (volts). The default inverts
    // current() numerically (it is monotone in v for every model here); models
    // with an explicit resistance override it.
    virtual double voltage(double i, double x) const;

    // dx/dt in state units per second. Current-controlled models use i,
    // voltage-controlled ones v; both are passed so the engine need not care.
    virtual double stateDerivative(double v, double i, double x) const = 0;

    // Resistance seen by a read at vRead (ohms): vRead / current(vRead, x).
    virtual double resistance(double x, double vRead) const;

    virtual double initialState() const = 0;
    virtual StateInfo stateInfo() const = 0;

    // The model's equations as a non-virtual kernel the transient engine can
    // inline, or null (the engine then calls the virtual functions above).
    // Only the linear ion drift model has one; it must agree bit for bit
    // with current(), voltage() and stateDerivative().
    virtual const LinearDriftKernel* linearDriftKernel() const { return nullptr; }
};

}  // namespace ms
