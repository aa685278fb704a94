// A pulse synapse built directly from a measured conductance-vs-pulse curve,
// for devices no model describes (CrossSim's lookup-table devices, made
// usable). Each branch is a table of the normalised conductance x at K + 1
// evenly spaced pulse positions u = P / P_max (x(0) = 0 and x(1) = 1 implied,
// K - 1 interior knots as parameters ltp_01.., ltd_01..), interpolated by the
// monotone cubic of Fritsch & Carlson (SIAM J. Numer. Anal. 17, 1980) so the
// curve never overshoots between measured points. Like NeuroSim's device, a
// pulse moves the position P along its branch (potentiation up the LTP
// table, depression down the LTD table), then cycle-to-cycle noise
// sigma sqrt|n| is added. core/fit builds the tables (lookupTableFromCurve).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/synapses/PulseSynapse.h"

namespace ms {
namespace {

constexpr int kIntervals = 16;  // knots at u = j / 16

std::string knotKey(const char* branch, int j) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s_%02d", branch, j);
    return buf;
}

// Monotone piecewise-cubic Hermite interpolant on the uniform grid u_j = j/K.
class MonotoneTable {
public:
    explicit MonotoneTable(const std::array<double, kIntervals + 1>& y) : y_(y) {
        const double h = 1.0 / kIntervals;
        std::array<double, kIntervals> d{};
        for (int j = 0; j < kIntervals; ++j) d[j] = (y_[j + 1] - y_[j]) / h;
        m_[0] = d[0];
        m_[kIntervals] = d[kIntervals - 1];
        for (int j = 1; j < kIntervals; ++j)
            m_[j] = d[j - 1] * d[j] <= 0 ? 0.0 : 2.0 * d[j - 1] * d[j] / (d[j - 1] + d[j]);
        // Fritsch-Carlson: end slopes at most three secants keep it monotone.
        m_[0] = std::clamp(m_[0], 0.0, 3.0 * d[0]);
        m_[kIntervals] = std::clamp(m_[kIntervals], 0.0, 3.0 * d[kIntervals - 1]);
    }
    double value(double u) const {
        u = std::clamp(u, 0.0, 1.0);
        const int j = std::min(static_cast<int>(u * kIntervals), kIntervals - 1);
        const double h = 1.0 / kIntervals, s = (u - j * h) / h;
        const double h00 = (1 + 2 * s) * (1 - s) * (1 - s), h10 = s * (1 - s) * (1 - s);
        const double h01 = s * s * (3 - 2 * s), h11 = s * s * (s - 1);
        return h00 * y_[j] + h10 * h * m_[j] + h01 * y_[j + 1] + h11 * h * m_[j + 1];
    }
    // The position u of level x (bisection; the table is non-decreasing).
    double position(double x) const {
        double lo = 0.0, hi = 1.0;
        if (x <= value(0.0)) return 0.0;
        if (x >= value(1.0)) return 1.0;
        for (int it = 0; it < 50; ++it) {
            const double mid = 0.5 * (lo + hi);
            (value(mid) < x ? lo : hi) = mid;
        }
        return 0.5 * (lo + hi);
    }

private:
    std::array<double, kIntervals + 1> y_;
    std::array<double, kIntervals + 1> m_{};
};

std::array<double, kIntervals + 1> knots(const ParamValues& p, const char* branch) {
    std::array<double, kIntervals + 1> y{};
    y[0] = 0.0;
    y[kIntervals] = 1.0;
    for (int j = 1; j < kIntervals; ++j) y[j] = p.at(knotKey(branch, j));
    return y;
}

class LookupTableSynapse final : public PulseSynapse {
public:
    explicit LookupTableSynapse(const ParamValues& p)
        : PulseSynapse(p.at("Gmax"), p.at("onOff")), ltp_(knots(p, "ltp")), ltd_(knots(p, "ltd")),
          pLtp_(p.at("levelsLTP")), pLtd_(p.at("levelsLTD")), c2c_(p.at("c2c")) {}

    int deviceParamCount() const override { return 0; }
    void drawDevice(double*, SynapseRng&) const override {}
    double applyPulses(double x, const double*, int n, double width, SynapseRng& rng) const override {
        if (n == 0) return x;
        x = n > 0 ? ltp_.value(ltp_.position(x) + n * width / pLtp_) : ltd_.value(ltd_.position(x) + n * width / pLtd_);
        if (c2c_ > 0.0) x += c2c_ * std::sqrt(std::abs(n)) * rng.gauss();
        return std::clamp(x, 0.0, 1.0);
    }
    double nominalStep(double x, int direction) const override {
        if (direction > 0) return ltp_.value(ltp_.position(x) + 1.0 / pLtp_) - x;
        return ltd_.value(ltd_.position(x) - 1.0 / pLtd_) - x;
    }
    int levels() const override { return static_cast<int>(std::lround(std::min(pLtp_, pLtd_))); }

private:
    MonotoneTable ltp_, ltd_;
    double pLtp_, pLtd_, c2c_;
};

}  // namespace

SynapseModelInfo lookupTableSynapse() {
    const std::string src = "Memristor Studio: built from a measured curve (core/fit); default: linear";
    SynapseModelInfo m;
    m.id = "lookup_table";
    m.name = "Lookup table (measured curve)";
    m.summary = "Monotone interpolation of a measured LTP/LTD curve, for devices no model fits";
    m.source = "Fritsch & Carlson, SIAM J. Numer. Anal. 17 (1980); CrossSim lookup-table devices";
    m.params = {
        {"levelsLTP", "P_max,LTP", "", 100, 2, 100000, Scale::Log, "Pulses from Gmin to Gmax along the LTP table", src, true},
        {"levelsLTD", "P_max,LTD", "", 100, 2, 100000, Scale::Log, "Pulses from Gmax to Gmin along the LTD table", src, true},
        {"c2c", "sigma_C2C", "", 0.0, 0, 1, Scale::Linear, "Cycle-to-cycle sigma per write, fraction of Gmax-Gmin (x sqrt|n|)", src},
    };
    for (auto& s : conductanceSpecs(1e-5, 10, src)) m.params.push_back(s);
    for (const char* branch : {"ltp", "ltd"})
        for (int j = 1; j < kIntervals; ++j)
            m.params.push_back({knotKey(branch, j), knotKey(branch, j), "", static_cast<double>(j) / kIntervals, 0, 1,
                                Scale::Linear,
                                std::string(branch == std::string("ltp") ? "LTP" : "LTD") +
                                    " table: normalised G at pulse fraction " + std::to_string(j) + "/16",
                                src});
    m.checkParams = [](const ParamValues& p) {
        std::vector<ParamIssue> out;
        for (const char* branch : {"ltp", "ltd"}) {
            const auto y = knots(p, branch);
            for (int j = 1; j <= kIntervals; ++j)
                if (y[j] < y[j - 1]) {
                    out.push_back({knotKey(branch, std::min(j, kIntervals - 1)),
                                   "the table must not decrease (a lookup-table branch is monotone)"});
                    return out;
                }
        }
        return out;
    };
    m.create = [](const ParamValues& p) -> std::unique_ptr<PulseSynapse> { return std::make_unique<LookupTableSynapse>(p); };
    return m;
}

}  // namespace ms
