// Exponentially decaying traces updated lazily (only when read or bumped),
// the event-driven traces of Brian2's Synapses.
#pragma once

#include <cmath>
#include <vector>

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

private:
    std::vector<double> value_, time_;
    double tau_ = 1.0;
};

}  // namespace ms::snn
