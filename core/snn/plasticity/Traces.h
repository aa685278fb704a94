// Exponentially decaying traces updated lazily (only when read or bumped),
// the event-driven traces of Brian2's Synapses.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/snn/ExpArray.h"

namespace ms::snn {

class LazyTraces {
public:
    void resize(std::size_t n, double tau) {
        value_.assign(n, 0.0);
        time_.assign(n, 0.0);
        tau_ = tau;
    }
    double at(std::size_t k, double t) const { return value_[k] * std::exp(-(t - time_[k]) / tau_); }
    void set(std::size_t k, double t, double v) {
        value_[k] = v;
        time_[k] = t;
    }
    void add(std::size_t k, double t, double dv) { set(k, t, at(k, t) + dv); }
    void clear() { std::fill(value_.begin(), value_.end(), 0.0); }
    // at(k, t) for every k (out has size() entries), with expArray's
    // exponential (within one ulp of at's) in vectorised passes.
    void atAll(double t, double* out) const {
        const std::size_t n = value_.size();
        for (std::size_t k = 0; k < n; ++k) out[k] = -(t - time_[k]) / tau_;
        expArray(out, n);
        for (std::size_t k = 0; k < n; ++k) out[k] *= value_[k];
    }
    std::size_t size() const { return value_.size(); }

private:
    std::vector<double> value_, time_;
    double tau_ = 1.0;
};

}  // namespace ms::snn
