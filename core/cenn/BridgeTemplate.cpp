#include "core/cenn/BridgeTemplate.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/circuit/SynapseCell.h"
#include "core/common/Errors.h"

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
    RealisedTemplate r;
    r.tmpl = t;
    r.weightScale = o.weightScale > 0 ? o.weightScale : autoWeightScale(t, o.rOn, o.rOff);
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    auto device = [&](double m) {
        if (o.levels > 1) {
            const double step = (o.rOff - o.rOn) / (o.levels - 1);
            m = o.rOn + std::round((m - o.rOn) / step) * step;
        }
        // A draw per device whatever the variation, so a seeded sweep over the
        // variation scales the same pattern of deviations.
        const double g = normal(rng);
        return std::max(m * (1.0 + o.variation * g), 1e-3 * o.rOn);
    };
    auto map = [&](double& weight) {
        if (weight == 0.0) return;
        const double target = weight / r.weightScale;
        Bridge b = programBridge(target, o.rOn, o.rOff);
        for (double& m : b) m = device(m);
        r.bridges.push_back(b);
        r.targets.push_back(target);
        weight = r.weightScale * bridgeWeight(b);
    };
    for (double& w : r.tmpl.A) map(w);
    for (double& w : r.tmpl.B) map(w);
    map(r.tmpl.z);
    return r;
}

}  // namespace ms::cenn
