#include "core/reservoir/Reservoir.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/common/Errors.h"

namespace ms::reservoir {

DeviceReservoir::DeviceReservoir(const MemristorModel& model, const PulseTiming& timing)
    : model_(model), timing_(timing), lo_(model.stateInfo().min), hi_(model.stateInfo().max) {}

double DeviceReservoir::rk4(double w, double v, double h, int steps) const {
    auto f = [&](double x) { return model_.stateDerivative(v, model_.current(v, x), x); };
    for (int s = 0; s < steps; ++s) {
        const double k1 = f(w), k2 = f(w + 0.5 * h * k1), k3 = f(w + 0.5 * h * k2), k4 = f(w + h * k3);
        w = w + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
        // A stiff model (Simmons) can overflow a fixed explicit step: say so, never return NaN.
        if (!std::isfinite(w))
            throw SimulationError("the device state became " + std::string(std::isnan(w) ? "NaN" : "infinite") + " at " +
                                  std::to_string(v) + " V: the fixed RK4 step is too long for this model (raise substeps)");
        w = std::clamp(w, lo_, hi_);
    }
    return w;
}

double DeviceReservoir::advance(double w, double v, double* pulseEnd) const {
    const int n = timing_.substeps;
    w = rk4(w, v, timing_.width / n, n);
    if (pulseEnd) *pulseEnd = w;
    const double gap = timing_.slot - timing_.width;
    return gap > 0 ? rk4(w, 0.0, gap / n, n) : w;
}

double DeviceReservoir::conductance(double w) const {
    return model_.current(timing_.readVoltage, w) / timing_.readVoltage;
}

Eigen::MatrixXd imageRowStates(const DeviceReservoir& reservoir, const Eigen::MatrixXd& images, const ImageRowTask& task) {
    const auto reads = static_cast<Eigen::Index>(task.readSlots.size());
    Eigen::MatrixXd out(images.rows(), task.rows * reads);
    for (Eigen::Index s = 0; s < images.rows(); ++s) {
        for (int r = 0; r < task.rows; ++r) {
            double w = reservoir.initialState();
            Eigen::Index next = 0;
            for (int c = 0; c < task.cols && next < reads; ++c) {
                const bool on = images(s, r * task.cols + c) >= task.threshold;
                w = reservoir.advance(w, on ? task.amplitude : 0.0);
                if (task.readSlots[static_cast<std::size_t>(next)] == c) out(s, r * reads + next++) = reservoir.conductance(w);
            }
        }
    }
    return out;
}

Eigen::MatrixXd imageRowInputs(const Eigen::MatrixXd& images, const ImageRowTask& task) {
    const auto reads = static_cast<Eigen::Index>(task.readSlots.size());
    Eigen::MatrixXd out(images.rows(), task.rows * reads);
    for (Eigen::Index s = 0; s < images.rows(); ++s)
        for (int r = 0; r < task.rows; ++r)
            for (Eigen::Index j = 0; j < reads; ++j)
                out(s, r * reads + j) = images(s, r * task.cols + task.readSlots[static_cast<std::size_t>(j)]) >= task.threshold;
    return out;
}

Eigen::MatrixXd imageRowTrace(const DeviceReservoir& reservoir, const Eigen::VectorXd& image, const ImageRowTask& task) {
    const auto& t = reservoir.timing();
    Eigen::MatrixXd out(1 + 2 * task.cols, 1 + task.rows);
    for (int c = 0; c < task.cols; ++c) {
        out(1 + 2 * c, 0) = c * t.slot + t.width;
        out(2 + 2 * c, 0) = (c + 1) * t.slot;
    }
    out(0, 0) = 0.0;
    for (int r = 0; r < task.rows; ++r) {
        double w = reservoir.initialState();
        out(0, 1 + r) = w;
        for (int c = 0; c < task.cols; ++c) {
            double mid = w;
            w = reservoir.advance(w, image(r * task.cols + c) >= task.threshold ? task.amplitude : 0.0, &mid);
            out(1 + 2 * c, 1 + r) = mid;
            out(2 + 2 * c, 1 + r) = w;
        }
    }
    return out;
}

Eigen::MatrixXd seriesStates(const DeviceReservoir& reservoir, const std::vector<double>& u, const Eigen::MatrixXd& mask,
                             double amplitude) {
    const Eigen::Index devices = mask.rows(), nodes = mask.cols();
    Eigen::MatrixXd out(static_cast<Eigen::Index>(u.size()), devices * nodes);
    std::vector<double> w(static_cast<std::size_t>(devices), reservoir.initialState());
    for (std::size_t k = 0; k < u.size(); ++k)
        for (Eigen::Index d = 0; d < devices; ++d) {
            double& x = w[static_cast<std::size_t>(d)];
            for (Eigen::Index j = 0; j < nodes; ++j) {
                x = reservoir.advance(x, amplitude * mask(d, j) * u[k]);
                out(static_cast<Eigen::Index>(k), d * nodes + j) = reservoir.conductance(x);
            }
        }
    return out;
}

Eigen::MatrixXd uniformMask(int devices, int virtualNodes, unsigned long long seed) {
    // SplitMix64: a fixed, documented sequence (std distributions differ by library).
    auto next = [state = seed]() mutable {
        unsigned long long z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
    Eigen::MatrixXd m(devices, virtualNodes);
    for (int d = 0; d < devices; ++d)
        for (int j = 0; j < virtualNodes; ++j) m(d, j) = 0.2 + 0.8 * static_cast<double>(next() >> 11) * 0x1.0p-53;
    return m;
}

}  // namespace ms::reservoir
