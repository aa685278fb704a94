#include "core/fit/PulseFit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/common/Errors.h"
#include "core/synapses/NeuroSimCurve.h"
#include "core/synapses/PulseSynapse.h"

namespace ms::fit {

double neuroSimBranchModel(double k, double n, double nl, double gMin, double gMax, int direction) {
    const double a = neuroSimAHat(std::clamp(nl, -9.0, 9.0)) * n;
    const double p = direction > 0 ? k : n - k;
    return gMin + (gMax - gMin) * neuroSimCurve(p, a, n);
}

namespace {

// Rows of one phase (with the read before its first pulse) as (k, G).
struct Branch {
    std::vector<double> g;
    std::vector<std::size_t> rows;  // curve rows; the first may belong to the other phase
};

Branch branchOf(const PulseCurve& c, int phase) {
    Branch b;
    for (std::size_t k = 0; k < c.size(); ++k) {
        if (c.phase[k] != phase) continue;
        if (b.rows.empty() && k > 0) {
            b.rows.push_back(k - 1);
            b.g.push_back(c.g[k - 1]);
        }
        b.rows.push_back(k);
        b.g.push_back(c.g[k]);
    }
    return b;
}

// Scales the sink's progress into [offset, offset + share).
class ShareSink final : public FrameSink {
public:
    ShareSink(FrameSink& t, double offset, double share) : t_(t), offset_(offset), share_(share) {}
    void beginSeries(const std::string& id, const std::vector<Column>& c) override { t_.beginSeries(id, c); }
    void appendRows(const std::string& id, const double* d, std::size_t r) override { t_.appendRows(id, d, r); }
    void scalar(const std::string& k, double v, const std::string& u) override { t_.scalar(k, v, u); }
    void log(LogLevel l, const std::string& s) override { t_.log(l, s); }
    void progress(double f) override { t_.progress(offset_ + share_ * f); }

private:
    FrameSink& t_;
    double offset_, share_;
};

}  // namespace

FitReport fitNeuroSimCurve(const PulseCurve& curve, const LmOptions& lm, FrameSink& sink, const StopToken& stop) {
    FitReport report;
    report.x = curve.pulse;
    report.measured = curve.g;
    report.fitted = curve.g;
    report.phase = curve.phase;
    std::vector<std::pair<int, Branch>> branches;
    for (int phase : {1, -1}) {
        Branch b = branchOf(curve, phase);
        if (b.g.size() >= 4) branches.emplace_back(phase, std::move(b));
    }
    if (branches.empty())
        throw InputError("measurement", "no potentiation or depression branch with at least 3 pulses");
    double gLo = *std::min_element(curve.g.begin(), curve.g.end());
    double gHi = *std::max_element(curve.g.begin(), curve.g.end());
    const double span = gHi - gLo;
    if (!(span > 0)) throw InputError("measurement", "the conductance does not change");
    for (std::size_t bi = 0; bi < branches.size(); ++bi) {
        const auto& [phase, b] = branches[bi];
        const std::string tag = phase > 0 ? "_LTP" : "_LTD";
        const double n = static_cast<double>(b.g.size() - 1);
        // Bounds: NL within NeuroSim's table, the levels within half a range
        // of the measured extremes. Residuals relative to the range.
        std::vector<FreeParameter> free = {
            {"NL" + tag, phase > 0 ? 1.0 : -1.0, -9.0, 9.0, false},
            {"Gmin" + tag, gLo, std::max(gLo - 0.5 * span, 0.01 * gLo), gLo + 0.5 * span, false},
            {"Gmax" + tag, gHi, gHi - 0.5 * span, gHi + 0.5 * span, false},
        };
        auto residuals = [&, phase = phase, &b = b](const std::vector<double>& p) {
            if (p[2] <= p[1]) throw SimulationError("Gmax below Gmin");
            std::vector<double> r(b.g.size());
            for (std::size_t k = 0; k < r.size(); ++k)
                r[k] = (neuroSimBranchModel(static_cast<double>(k), n, p[0], p[1], p[2], phase) - b.g[k]) / span;
            return r;
        };
        ShareSink share(sink, static_cast<double>(bi) / branches.size(), 1.0 / branches.size());
        const LmResult res = levenbergMarquardt(residuals, free, lm, share, stop);
        addFitted(report, free, res, {"", "S", "S"});
        for (std::size_t k = 0; k < b.g.size(); ++k)
            if (k > 0 || b.rows[0] == 0 || curve.phase[b.rows[0]] == phase)
                report.fitted[b.rows[k]] =
                    neuroSimBranchModel(static_cast<double>(k), n, res.values[0], res.values[1], res.values[2], phase);
    }
    computeGoodness(report);
    return report;
}

std::vector<double> simulateSynapseCurve(const std::string& modelId, const ParamValues& values, const PulseCurve& curve) {
    const auto model = instantiateSynapse(modelId, values, "", "synapse");
    const double gMin = model->gMin(), gMax = model->gMax();
    double x = std::clamp((curve.g.front() - gMin) / (gMax - gMin), 0.0, 1.0);
    std::vector<double> g(curve.size());
    g[0] = model->conductance(x);
    for (std::size_t k = 1; k < curve.size(); ++k) {
        const int dir = curve.phase[k] >= 0 ? 1 : -1;
        x = std::clamp(x + model->nominalStep(x, dir), 0.0, 1.0);
        g[k] = model->conductance(x);
    }
    return g;
}

ParamValues synapseStartValues(const std::string& modelId, const PulseCurve& curve) {
    const SynapseModelInfo* m = synapseRegistry().find(modelId);
    if (!m) throw InputError("model", "unknown synapse model '" + modelId + "' (known: " + synapseRegistry().idList() + ")");
    ParamValues v = withDefaults(m->params);
    const double gHi = *std::max_element(curve.g.begin(), curve.g.end());
    const double gLo = *std::min_element(curve.g.begin(), curve.g.end());
    v["Gmax"] = gHi;
    v["onOff"] = std::max(gHi / gLo, 1.001);
    return v;
}

FitReport fitSynapseModel(const PulseCurve& curve, const SynapseFitOptions& o, FrameSink& sink, const StopToken& stop) {
    const SynapseModelInfo* m = synapseRegistry().find(o.modelId);
    if (!m) throw InputError("model", "unknown synapse model '" + o.modelId + "' (known: " + synapseRegistry().idList() + ")");
    ParamValues values = synapseStartValues(o.modelId, curve);
    for (const auto& [k, v] : o.fixed) values[k] = v;
    std::vector<std::string> units;
    for (const auto& f : o.free) {
        const ParamSpec* spec = findSpec(m->params, f.key);
        if (!spec) throw InputError("free." + f.key, "synapse model '" + o.modelId + "' has no parameter '" + f.key + "'");
        if (spec->integer) throw InputError("free." + f.key, "is a whole-number setting and cannot be fitted");
        units.push_back(spec->unit);
    }
    const double gHi = *std::max_element(curve.g.begin(), curve.g.end());
    const double gLo = *std::min_element(curve.g.begin(), curve.g.end());
    const double span = gHi > gLo ? gHi - gLo : gHi;
    ParamValues trial = values;
    auto residuals = [&](const std::vector<double>& p) {
        for (std::size_t j = 0; j < p.size(); ++j) trial[o.free[j].key] = p[j];
        const auto g = simulateSynapseCurve(o.modelId, trial, curve);
        std::vector<double> r(g.size());
        for (std::size_t k = 0; k < g.size(); ++k) r[k] = (g[k] - curve.g[k]) / span;
        return r;
    };
    const LmResult res = levenbergMarquardt(residuals, o.free, o.lm, sink, stop);
    FitReport report;
    addFitted(report, o.free, res, units);
    for (std::size_t j = 0; j < res.values.size(); ++j) trial[o.free[j].key] = res.values[j];
    report.x = curve.pulse;
    report.measured = curve.g;
    report.phase = curve.phase;
    report.fitted = simulateSynapseCurve(o.modelId, trial, curve);
    computeGoodness(report);
    return report;
}

namespace {

// Pool-adjacent-violators: the non-decreasing sequence closest to y in least squares.
std::vector<double> isotonic(const std::vector<double>& y) {
    std::vector<double> mean, weight;
    std::vector<std::size_t> count;
    for (double v : y) {
        mean.push_back(v);
        weight.push_back(1.0);
        count.push_back(1);
        while (mean.size() > 1 && mean[mean.size() - 2] > mean.back()) {
            const std::size_t a = mean.size() - 2;
            mean[a] = (mean[a] * weight[a] + mean.back() * weight.back()) / (weight[a] + weight.back());
            weight[a] += weight.back();
            count[a] += count.back();
            mean.pop_back();
            weight.pop_back();
            count.pop_back();
        }
    }
    std::vector<double> out;
    for (std::size_t b = 0; b < mean.size(); ++b) out.insert(out.end(), count[b], mean[b]);
    return out;
}

}  // namespace

ParamValues lookupTableFromCurve(const PulseCurve& curve) {
    const SynapseModelInfo* m = synapseRegistry().find("lookup_table");
    if (!m) throw InputError("model", "the lookup_table synapse is not registered");
    ParamValues v = withDefaults(m->params);
    std::vector<std::vector<double>> monotone(2);  // [0] LTP, [1] LTD, both increasing in position u
    double gLo = 0, gHi = 0;
    bool first = true;
    for (int b = 0; b < 2; ++b) {
        auto g = branchOf(curve, b == 0 ? 1 : -1).g;
        if (g.size() < 3) continue;
        if (b == 1) std::reverse(g.begin(), g.end());  // depression read backwards climbs from Gmin
        monotone[b] = isotonic(g);
        const double lo = monotone[b].front(), hi = monotone[b].back();
        gLo = first ? lo : std::min(gLo, lo);
        gHi = first ? hi : std::max(gHi, hi);
        first = false;
    }
    if (first) throw InputError("measurement", "no branch with at least 2 pulses to build a table from");
    if (!(gHi > gLo) || gLo <= 0) throw InputError("measurement", "the conductance does not rise along the branch");
    v["Gmax"] = gHi;
    v["onOff"] = gHi / gLo;
    const char* names[2] = {"ltp", "ltd"};
    const char* levelKeys[2] = {"levelsLTP", "levelsLTD"};
    for (int b = 0; b < 2; ++b) {
        const auto& y = monotone[b];
        if (y.size() < 3) continue;
        const double n = static_cast<double>(y.size() - 1);
        v[levelKeys[b]] = std::max(2.0, n);
        const double lo = y.front(), hi = y.back();
        // Knot j sits at u = j / K; the branch normalised to its own ends.
        int knots = 0;
        for (const auto& s : m->params)
            if (s.key.rfind(std::string(names[b]) + "_", 0) == 0) ++knots;
        const int intervals = knots + 1;
        for (int j = 1; j < intervals; ++j) {
            const double pos = n * j / intervals;
            const auto i0 = static_cast<std::size_t>(std::floor(pos));
            const std::size_t i1 = std::min(i0 + 1, y.size() - 1);
            const double a = pos - static_cast<double>(i0);
            const double g = y[i0] + a * (y[i1] - y[i0]);
            char key[16];
            std::snprintf(key, sizeof key, "%s_%02d", names[b], j);
            v[key] = hi > lo ? std::clamp((g - lo) / (hi - lo), 0.0, 1.0) : static_cast<double>(j) / intervals;
        }
    }
    return v;
}

}  // namespace ms::fit
