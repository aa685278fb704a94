#include "core/cenn/BridgeTemplate.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/circuit/SynapseCell.h"
#include "core/common/Errors.h"
#include "core/sim/Frames.h"

namespace ms::cenn {

double bridgeWeight(const Bridge& m) {
    // The 4M cell's weightOf is the one formula for a bridge's weight; building
    // the cell once (with no device, which the weight does not depend on)
    // reuses it rather than writing it a second time here.
    static const std::function<double(const std::vector<double>&)> weightOf = [] {
        const circuit::CellInfo* cell = circuit::cellRegistry().find("4m");
        if (!cell) throw SimulationError("the 4M bridge cell is not registered");
        ParamValues p;
        for (const auto& spec : cell->params) p[spec.key] = spec.defaultValue;
        return cell->build(DeviceSpec{}, p).weightOf;
    }();
    return weightOf({m[0], m[1], m[2], m[3]});
}

double maxBridgeWeight(double rOn, double rOff) { return (rOff - rOn) / (rOff + rOn); }

Bridge programBridge(double w, double rOn, double rOff) {
    const double s = rOn + rOff;
    const double a = std::clamp((1.0 - w) * s / 2.0, rOn, rOff);
    const double b = std::clamp((1.0 + w) * s / 2.0, rOn, rOff);
    return {a, b, b, a};
}

double autoWeightScale(const Template& t, double rOn, double rOff) {
    double m = std::fabs(t.z);
    for (int k = 0; k < 9; ++k) m = std::max({m, std::fabs(t.A[k]), std::fabs(t.B[k])});
    return m > 0 ? m / maxBridgeWeight(rOn, rOff) : 1.0;
}

RealisedTemplate realise(const Template& t, const BridgeOptions& o) {
    const StopToken never;
    return realise(t, o, never);
}

RealisedTemplate realise(const Template& t, const BridgeOptions& o, const StopToken& stop) {
    RealisedTemplate r;
    r.tmpl = t;
    r.weightScale = o.weightScale > 0 ? o.weightScale : autoWeightScale(t, o.rOn, o.rOff);
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    // Drift exponents from a stream of their own, so switching drift on leaves
    // the variation draws (and every result without drift) as they were.
    SynapseRng driftRng(o.seed ^ 0xD1F7D1F7D1F7D1F7ull);
    auto quantise = [&](double m) {
        if (o.levels > 1) {
            const double step = (o.rOff - o.rOn) / (o.levels - 1);
            m = o.rOn + std::round((m - o.rOn) / step) * step;
        }
        return m;
    };
    // One device to memristance m; pulses and energy are added to the site.
    auto device = [&](double m, BridgeSite& site) {
        m = quantise(m);
        // A draw per device whatever the variation, so a seeded sweep over the
        // variation scales the same pattern of deviations.
        const double g = normal(rng);
        if (o.programming == Programming::Ideal) return std::max(m * (1.0 + o.variation * g), 1e-3 * o.rOn);
        // Write-verify reads back what it wrote, so a spread of the final
        // memristance would be corrected; what varies from device to device
        // is how fast it switches: its dopant mobility, times (1 + sigma g).
        const DeviceProgramming d =
            writeVerifyDevice(m, o.rOn, o.rOff, o.pulses, std::max(1.0 + o.variation * g, 0.05), stop);
        site.pulses += d.pulses;
        site.energy += d.energy;
        site.converged = site.converged && d.converged;
        return d.memristance;
    };
    auto map = [&](double& weight, int matrix, int entry) {
        if (weight == 0.0) return;
        if (stop.stopRequested()) throw Cancelled();
        const double target = weight / r.weightScale;
        Bridge b = programBridge(target, o.rOn, o.rOff);
        BridgeSite site{matrix, entry};
        for (double& m : b) m = device(m, site);
        // Drift to the read time: conductance times ((t + t0)/t0)^-nu, so the
        // memristance is divided by that factor (1 at readTime 0, bit for bit).
        const std::vector<double> nu = drawDriftExponents(4, o.drift.spec, driftRng);
        for (int k = 0; k < 4; ++k) b[k] /= driftFactor(o.drift.readTime, nu[k], o.drift.spec.t0);
        r.bridges.push_back(b);
        r.targets.push_back(target);
        r.sites.push_back(site);
        weight = r.weightScale * bridgeWeight(b);
    };
    for (int k = 0; k < 9; ++k) map(r.tmpl.A[k], 0, k);
    for (int k = 0; k < 9; ++k) map(r.tmpl.B[k], 1, k);
    map(r.tmpl.z, 2, 0);
    return r;
}

}  // namespace ms::cenn
