// The dimensionless neuron models (Hindmarsh-Rose 1984, FitzHugh-Nagumo) as
// plain vector fields: their NeuronGroup files (HindmarshRose.cpp,
// FitzHughNagumo.cpp, the neuron explorer) and the memristor-coupling engine
// (core/snn/experiments/MemristorCoupling.h) integrate the same equations.
// Variables, parameters, input and time are all dimensionless.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/snn/NeuronGroup.h"

namespace ms::snn {

// Hindmarsh & Rose, Proc. R. Soc. Lond. B 221:87 (1984):
//   dx/dt = y - a x^3 + b x^2 - z + I
//   dy/dt = c - d x^2 - y
//   dz/dt = r (s (x - x_R) - z)
struct HindmarshRoseField {
    static constexpr int kDim = 3;
    double a = 1, b = 3, c = 1, d = 5, r = 0.006, s = 4, xR = -1.6;

    static HindmarshRoseField from(const ParamValues& p) {
        return {p.at("a"), p.at("b"), p.at("c"), p.at("d"), p.at("r"), p.at("s"), p.at("x_R")};
    }
    void derivative(const double* q, double input, double* dq) const {
        const double x = q[0];
        dq[0] = q[1] - a * x * x * x + b * x * x - q[2] + input;
        dq[1] = c - d * x * x - q[1];
        dq[2] = r * (s * (x - xR) - q[2]);
    }
    // From x0: y on its nullcline (c - d x0^2), z on its own (s (x0 - x_R)).
    std::array<double, kDim> startingAt(double x0) const { return {x0, c - d * x0 * x0, s * (x0 - xR)}; }
};

// FitzHugh, Biophys. J. 1:445 (1961); Nagumo, Arimoto & Yoshizawa, Proc. IRE 50:2061 (1962):
//   dv/dt = v - v^3/3 - w + I
//   dw/dt = eps (v + a - b w)
struct FitzHughNagumoField {
    static constexpr int kDim = 2;
    double a = 0.7, b = 0.8, eps = 0.08;

    static FitzHughNagumoField from(const ParamValues& p) { return {p.at("a"), p.at("b"), p.at("eps")}; }
    void derivative(const double* q, double input, double* dq) const {
        const double v = q[0];
        dq[0] = v - v * v * v / 3.0 - q[1] + input;
        dq[1] = eps * (v + a - b * q[1]);
    }
};

// One classic RK4 step of a field with input I held over the step.
template <class Field>
void rk4Step(const Field& f, std::array<double, Field::kDim>& q, double input, double h) {
    constexpr int n = Field::kDim;
    std::array<double, n> k1, k2, k3, k4, t;
    f.derivative(q.data(), input, k1.data());
    for (int i = 0; i < n; ++i) t[i] = q[i] + 0.5 * h * k1[i];
    f.derivative(t.data(), input, k2.data());
    for (int i = 0; i < n; ++i) t[i] = q[i] + 0.5 * h * k2[i];
    f.derivative(t.data(), input, k3.data());
    for (int i = 0; i < n; ++i) t[i] = q[i] + h * k3[i];
    f.derivative(t.data(), input, k4.data());
    for (int i = 0; i < n; ++i) q[i] += h / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}

// A population of one dimensionless model on the network clock. The model's
// time unit is mapped onto clock seconds by the parameter time_unit (s per
// unit), so the explorer's seconds-based settings apply; each clock step is
// split into RK4 substeps of at most kMaxSubstep units. Input I = I_bias +
// Iext + ge - gi (dimensionless). A spike is an upward crossing of the
// threshold by the first variable within a substep; its time is the step's t.
template <class Field>
class ReducedNeuronGroup final : public NeuronGroup {
public:
    static constexpr double kMaxSubstep = 0.01;  // model time units
    using State = std::array<double, Field::kDim>;

    ReducedNeuronGroup(const Field& f, State initial, const ParamValues& p, std::vector<std::string> names, std::size_t n)
        : NeuronGroup(n), f_(f), initial_(initial), names_(std::move(names)), timeUnit_(p.at("time_unit")),
          bias_(p.at("I_bias")), threshold_(p.at("threshold")), q_(n, initial), above_(n, false) {
        for (std::size_t i = 0; i < n; ++i) above_[i] = initial[0] >= threshold_;
    }

    void step(double, double dt, SpikeList& spiked) override {
        const double span = dt / timeUnit_;
        const int subs = std::max(1, static_cast<int>(std::ceil(span / kMaxSubstep - 1e-9)));
        const double h = span / subs;
        for (std::size_t i = 0; i < size(); ++i) {
            const double input = bias_ + Iext[i] + ge[i] - gi[i];
            bool fired = false;
            for (int s = 0; s < subs; ++s) {
                rk4Step(f_, q_[i], input, h);
                const bool above = q_[i][0] >= threshold_;
                if (above && !above_[i]) fired = true;
                above_[i] = above;
            }
            // Synaptic input acts for one clock step (no synaptic time constant here).
            ge[i] = gi[i] = 0.0;
            if (fired) spiked.push_back(static_cast<std::uint32_t>(i));
        }
    }
    // Dimensionless: the model's first variable, not volts (NeuronInfo::membraneUnit).
    double membrane(std::size_t i) const override { return q_[i][0]; }
    std::vector<std::string> stateNames() const override { return names_; }
    double state(const std::string& name, std::size_t i) const override {
        for (std::size_t k = 1; k < names_.size(); ++k)
            if (names_[k] == name) return q_[i][k];
        return NeuronGroup::state(name, i);
    }
    void resetState() override {
        std::fill(q_.begin(), q_.end(), initial_);
        std::fill(above_.begin(), above_.end(), initial_[0] >= threshold_);
    }

private:
    Field f_;
    State initial_;
    std::vector<std::string> names_;  // names_[0] is "v", the membrane variable
    double timeUnit_, bias_, threshold_;
    std::vector<State> q_;
    std::vector<bool> above_;
};

}  // namespace ms::snn
