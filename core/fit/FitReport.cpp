#include "core/fit/FitReport.h"

#include <algorithm>
#include <cmath>

namespace ms::fit {

ParamValues FitReport::values() const {
    ParamValues v;
    for (const auto& p : params) v[p.key] = p.value;
    return v;
}

void computeGoodness(FitReport& r) {
    const std::size_t n = r.measured.size();
    if (n == 0) return;
    double mean = 0;
    for (double y : r.measured) mean += y;
    mean /= static_cast<double>(n);
    double ssRes = 0, ssTot = 0;
    for (std::size_t k = 0; k < n; ++k) {
        ssRes += (r.fitted[k] - r.measured[k]) * (r.fitted[k] - r.measured[k]);
        ssTot += (r.measured[k] - mean) * (r.measured[k] - mean);
    }
    r.rmse = std::sqrt(ssRes / static_cast<double>(n));
    r.r2 = ssTot > 0 ? 1.0 - ssRes / ssTot : 0.0;
}

void addFitted(FitReport& report, const std::vector<FreeParameter>& free, const LmResult& lm,
               const std::vector<std::string>& units) {
    for (std::size_t j = 0; j < free.size(); ++j)
        report.params.push_back({free[j].key, j < units.size() ? units[j] : "", lm.values[j], lm.stdError[j], lm.atBound[j]});
    report.cost += lm.cost;
    report.evaluations += lm.evaluations;
}

void streamReport(const FitReport& r, FrameSink& sink, const std::string& xColumn, const std::string& xUnit,
                  const std::string& yName, const std::string& yUnit) {
    const bool phased = !r.phase.empty();
    std::vector<Column> cols = {{xColumn, xUnit}, {yName + "_measured", yUnit}, {yName + "_fitted", yUnit}};
    if (phased) cols.push_back({"phase", ""});
    sink.beginSeries("overlay", cols);
    std::vector<double> rows;
    for (std::size_t k = 0; k < r.x.size(); ++k) {
        rows.insert(rows.end(), {r.x[k], r.measured[k], r.fitted[k]});
        if (phased) rows.push_back(r.phase[k]);
    }
    sink.appendRows("overlay", rows.data(), r.x.size());
    sink.beginSeries("residuals", {{xColumn, xUnit}, {"residual", yUnit}});
    rows.clear();
    for (std::size_t k = 0; k < r.x.size(); ++k) rows.insert(rows.end(), {r.x[k], r.fitted[k] - r.measured[k]});
    sink.appendRows("residuals", rows.data(), r.x.size());
    for (const auto& p : r.params) {
        sink.scalar(p.key, p.value, p.unit);
        sink.scalar(p.key + "_stderr", p.stdError, p.unit);
        if (p.atBound) sink.log(LogLevel::Warning, p.key + " ended on a bound; widen the bounds or fix it");
    }
    sink.scalar("r2", r.r2, "");
    sink.scalar("rmse", r.rmse, yUnit);
    sink.scalar("cost", r.cost, "");
    sink.scalar("evaluations", r.evaluations, "");
}

FreeParameter defaultFreeParameter(const ParamSpec& spec, double start) {
    FreeParameter f;
    f.key = spec.key;
    f.start = start;
    f.min = spec.min;
    f.max = spec.max;
    if (spec.scale == Scale::Log && spec.min > 0) {
        f.logScale = true;
        return f;
    }
    const bool oneSign = spec.min * spec.max >= 0 && start != 0.0;
    if (oneSign && (spec.max - spec.min) > 1e4 * std::fabs(start)) {
        f.logScale = true;
        const double a = std::fabs(start) * 1e-4, b = std::fabs(start) * 1e4;
        if (start > 0) {
            f.min = std::max(spec.min, a);
            f.max = std::min(spec.max, b);
        } else {
            f.min = std::max(spec.min, -b);
            f.max = std::min(spec.max, -a);
        }
        if (f.min == 0.0) f.min = start > 0 ? a : -b;
        if (f.max == 0.0) f.max = start > 0 ? b : -a;
    }
    return f;
}

}  // namespace ms::fit
