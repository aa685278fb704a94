#include "core/crossbar/WriteDisturb.h"

#include <algorithm>
#include <cmath>

#include "core/common/Errors.h"

namespace ms {

WriteResult writeCell(const CrossbarSpec& base, const DeviceSpec& device, const WriteOptions& o,
                      const std::vector<double>& initialState, const StopToken* stop) {
    const auto model = instantiateDevice(device, "device");
    const std::size_t M = base.rows, N = base.cols;
    CrossbarSpec spec = base;
    spec.nonlinearity = ElementNonlinearity{};
    spec.conductance.assign(M * N, 1.0);
    checkCrossbarMemory(spec);
    validateCrossbar(spec);
    if (o.steps < 1 || o.substeps < 1) throw InputError("write.steps", "steps and substeps must be at least 1");
    if (!(o.pulseWidth > 0) || !std::isfinite(o.pulseWidth))
        throw InputError("write.pulseWidth", "pulse width must be positive");
    if (!(o.vRead > 0)) throw InputError("write.vRead", "read voltage must be positive");
    if (!initialState.empty() && initialState.size() != M * N)
        throw InputError("write.initialState", "has " + std::to_string(initialState.size()) + " values for " +
                                                   std::to_string(M * N) + " cells");
    const auto info = model->stateInfo();
    std::vector<double> x(M * N, model->initialState());
    if (!initialState.empty()) x = initialState;
    const auto drive = writeDrive(spec, o.scheme, o.row, o.col, o.vWrite);

    WriteResult r;
    auto readMap = [&](Eigen::MatrixXd& g) {
        g.resize(long(M), long(N));
        for (std::size_t k = 0; k < M * N; ++k) g(long(k / N), long(k % N)) = 1.0 / model->resistance(x[k], o.vRead);
    };
    r.stateBefore = Eigen::Map<Eigen::Matrix<double, -1, -1, Eigen::RowMajor>>(x.data(), long(M), long(N));
    readMap(r.gBefore);

    std::vector<double> v(M * N, o.vRead);  // device voltages; chord conductances start at the read point
    auto chord = [&](std::size_t k) {
        const double vk = std::fabs(v[k]) < 1e-9 ? 1e-9 : v[k];
        const double g = model->current(vk, x[k]) / vk;
        if (!(g > 0) || !std::isfinite(g))
            throw SimulationError("write: device (" + std::to_string(k / N) + ", " + std::to_string(k % N) +
                                  ") has a non-positive chord conductance at " + formatWithUnit(vk, "V"));
        return g;
    };
    const double dt = o.pulseWidth / o.steps;
    for (int step = 0; step < o.steps; ++step) {
        if (stop && stop->stopRequested()) throw Cancelled();
        CrossbarSolution sol;
        for (int pass = 0; pass < 2; ++pass) {
            for (std::size_t k = 0; k < M * N; ++k) spec.conductance[k] = chord(k);
            CrossbarSolver solver(spec, drive, stop);
            sol = solver.solve(drive);
            // Device voltage: the chord law carries the cell current.
            for (std::size_t k = 0; k < M * N; ++k) v[k] = sol.cellI(long(k / N), long(k % N)) / spec.conductance[k];
        }
        r.energy += sol.power * dt;
        // Each device's state over the interval at its fixed voltage (RK4).
        const double h = dt / o.substeps;
        for (std::size_t k = 0; k < M * N; ++k) {
            const double vk = v[k];
            auto f = [&](double xs) { return model->stateDerivative(vk, model->current(vk, xs), xs); };
            double xs = x[k];
            for (int s = 0; s < o.substeps; ++s) {
                const double k1 = f(xs), k2 = f(xs + 0.5 * h * k1), k3 = f(xs + 0.5 * h * k2), k4 = f(xs + h * k3);
                xs = std::clamp(xs + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4), info.min, info.max);
            }
            if (!std::isfinite(xs))
                throw SimulationError("write: device state became NaN at cell (" + std::to_string(k / N) + ", " +
                                      std::to_string(k % N) + ")");
            x[k] = xs;
        }
    }
    r.cellVoltage = Eigen::Map<Eigen::Matrix<double, -1, -1, Eigen::RowMajor>>(v.data(), long(M), long(N));
    r.stateAfter = Eigen::Map<Eigen::Matrix<double, -1, -1, Eigen::RowMajor>>(x.data(), long(M), long(N));
    readMap(r.gAfter);
    r.deltaG = r.gAfter - r.gBefore;
    r.selectedDeltaG = r.deltaG(long(o.row), long(o.col));
    for (std::size_t i = 0; i < M; ++i)
        for (std::size_t j = 0; j < N; ++j)
            if (i != o.row || j != o.col)
                r.maxDisturb = std::max(r.maxDisturb, std::fabs(r.deltaG(long(i), long(j)) / r.gBefore(long(i), long(j))));
    return r;
}

}  // namespace ms
