#include "core/fit/IvFit.h"

#include <algorithm>
#include <cmath>

#include "core/common/Errors.h"
#include "core/sim/DeviceTransient.h"

namespace ms::fit {
namespace {

// Keeps the t and i columns of the engine's one series.
class CurrentCapture final : public CheckedSink {
public:
    std::vector<double> t, i;
    void onRows(const std::string& id, const double* data, std::size_t rows) override {
        const std::size_t width = columnsOf(id);  // t, v, i, state, R, phi, q
        for (std::size_t r = 0; r < rows; ++r) {
            t.push_back(data[r * width]);
            i.push_back(data[r * width + 2]);
        }
    }
};

bool uniformGrid(const std::vector<double>& t) {
    const double dt = (t.back() - t.front()) / static_cast<double>(t.size() - 1);
    for (std::size_t k = 0; k < t.size(); ++k)
        if (std::fabs(t[k] - t.front() - dt * static_cast<double>(k)) > 1e-6 * dt) return false;
    return true;
}

}  // namespace

std::vector<double> simulateSweep(const DeviceSpec& spec, const IvSweep& sweep, const StopToken& stop, double relTol) {
    const auto model = instantiateDevice(spec, "device");
    const std::size_t n = sweep.size();
    std::vector<std::pair<double, double>> points(n);
    for (std::size_t k = 0; k < n; ++k) points[k] = {sweep.t[k] - sweep.t.front(), sweep.v[k]};
    const auto drive = stimulusRegistry().find("pwl")->create({}, points);
    TransientOptions o;
    o.duration = points.back().first;
    o.relTol = relTol;
    o.modelName = spec.modelId;
    const ModelInfo* info = modelRegistry().find(spec.modelId);
    o.stiff = info && info->stiff;
    const bool uniform = uniformGrid(sweep.t);
    o.samples = uniform ? n - 1 : std::clamp<std::size_t>(4 * n, 2000, 400000);
    CurrentCapture cap;
    runDeviceTransient(*model, *drive, DriveMode::Voltage, o, cap, stop);
    if (uniform && cap.i.size() == n) return cap.i;
    // Linear interpolation of the dense output at the measured times.
    std::vector<double> out(n);
    std::size_t j = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const double tk = points[k].first;
        while (j + 2 < cap.t.size() && cap.t[j + 1] < tk) ++j;
        const double t0 = cap.t[j], t1 = cap.t[std::min(j + 1, cap.t.size() - 1)];
        const double a = t1 > t0 ? std::clamp((tk - t0) / (t1 - t0), 0.0, 1.0) : 0.0;
        out[k] = cap.i[j] + a * (cap.i[std::min(j + 1, cap.i.size() - 1)] - cap.i[j]);
    }
    return out;
}

FitReport fitIvSweep(const IvSweep& sweep, const IvFitOptions& o, FrameSink& sink, const StopToken& stop) {
    ResolvedDevice base;
    const auto issues = resolveDevice(o.device, base);
    if (!issues.empty()) throw InputError("device." + issues.front().key, issues.front().message);
    std::vector<std::string> units;
    for (const auto& f : o.free) {
        const ParamSpec* spec = findSpec(base.model->params, f.key);
        if (!spec) throw InputError("free." + f.key, "model '" + base.model->id + "' has no parameter '" + f.key + "'");
        if (spec->integer) throw InputError("free." + f.key, "is a whole-number setting and cannot be fitted");
        units.push_back(spec->unit);
    }
    double iMax = 0;
    for (double x : sweep.i) iMax = std::max(iMax, std::fabs(x));
    if (iMax == 0) throw InputError("measurement", "the measured current is zero everywhere");

    DeviceSpec trial{base.model->id, "", base.params, base.window};
    auto residuals = [&](const std::vector<double>& p) {
        for (std::size_t j = 0; j < p.size(); ++j) trial.params[o.free[j].key] = p[j];
        const auto model = simulateSweep(trial, sweep, stop, o.relTol);
        std::vector<double> r(model.size());
        for (std::size_t k = 0; k < r.size(); ++k) {
            switch (o.error) {
                case CurrentError::Linear: r[k] = (model[k] - sweep.i[k]) / iMax; break;
                case CurrentError::Relative: r[k] = (model[k] - sweep.i[k]) / (std::fabs(sweep.i[k]) + 0.01 * iMax); break;
                case CurrentError::Log: {
                    const double f = 1e-3 * iMax;
                    r[k] = std::log((std::fabs(model[k]) + f) / (std::fabs(sweep.i[k]) + f));
                    break;
                }
            }
        }
        return r;
    };
    const LmResult lm = levenbergMarquardt(residuals, o.free, o.lm, sink, stop);
    FitReport report;
    addFitted(report, o.free, lm, units);
    for (std::size_t j = 0; j < lm.values.size(); ++j) trial.params[o.free[j].key] = lm.values[j];
    report.fitted = simulateSweep(trial, sweep, stop, o.relTol);
    report.x = sweep.v;
    report.measured = sweep.i;
    computeGoodness(report);
    return report;
}

DeviceSpec fittedDevice(const DeviceSpec& start, const FitReport& report) {
    DeviceSpec d = start;
    for (const auto& p : report.params) d.params[p.key] = p.value;
    return d;
}

}  // namespace ms::fit
