#include "core/sim/PulseDesigner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <string>

#include "core/common/Errors.h"
#include "core/common/ParamSpec.h"

namespace ms {
namespace {

double readG(const MemristorModel& m, const PulseProtocol& p, double x) {
    return m.current(p.readVoltage, x) / p.readVoltage;
}

}  // namespace

PulseDesign designPulses(const MemristorModel& model, const PulseProtocol& reference, const PulseDesignOptions& o,
                         const StopToken& stop) {
    const PulseProtocol& p = reference;
    if (p.potentiationPulses < 1) throw InputError("potentiationPulses", "must be at least 1");
    if (p.depressionPulses < 1) throw InputError("depressionPulses", "must be at least 1");
    if (!(p.width > 0.0)) throw InputError("width", "must be positive");
    if (!(p.gap > 0.0)) throw InputError("gap", "must be positive");
    if (!(p.readVoltage != 0.0)) throw InputError("readVoltage", "must be nonzero");
    if (p.potentiationAmplitude * p.depressionAmplitude >= 0.0)
        throw InputError("depressionAmplitude", "must have the opposite sign of potentiationAmplitude");
    const bool byAmplitude = o.variable == DesignVariable::Amplitude;
    if (byAmplitude && !(o.maxAmplitude > 0.0)) throw InputError("maxAmplitude", "must be positive");
    if (!byAmplitude && !(o.minWidth > 0.0)) throw InputError("minWidth", "must be positive");
    if (!byAmplitude && !(o.maxWidth > o.minWidth)) throw InputError("maxWidth", "must exceed minWidth");
    if (!(o.tolerance > 0.0 && o.tolerance < 1.0)) throw InputError("tolerance", "must lie in (0, 1)");

    PulseDesign d;
    double x = std::isnan(p.startState) ? model.initialState() : p.startState;
    x = stateAfterPulse(model, p.readVoltage, p.gap, p, x, stop);  // the initial read, as runPulseExperiment
    d.gLow = readG(model, p, x);
    double top = x;
    for (int n = 0; n < p.potentiationPulses; ++n) top = stateAfterPulse(model, p.potentiationAmplitude, p.width, p, top, stop);
    d.gHigh = readG(model, p, top);
    if (!(d.gHigh > d.gLow * (1.0 + 1e-9)))
        throw InputError("potentiationAmplitude",
                         std::to_string(p.potentiationPulses) + " identical pulses of " + formatWithUnit(p.potentiationAmplitude, "V") +
                             " do not raise the conductance (" + formatWithUnit(d.gLow, "S") + " to " +
                             formatWithUnit(d.gHigh, "S") + "), so there is no range to linearise: use the sign and "
                             "an amplitude beyond the threshold that raise it");

    PulseProtocol& out = d.protocol;
    out = p;
    out.scheme = PulseScheme::Listed;
    out.potentiationAmplitudes.clear();
    out.depressionAmplitudes.clear();
    out.potentiationWidths.clear();
    out.depressionWidths.clear();
    const double range = d.gHigh - d.gLow;
    const double tol = o.tolerance * range / std::max(p.potentiationPulses, p.depressionPulses);

    for (int branch = 0; branch < 2; ++branch) {
        const bool ltp = branch == 0;
        const int count = ltp ? p.potentiationPulses : p.depressionPulses;
        const double sign = (ltp ? p.potentiationAmplitude : p.depressionAmplitude) >= 0.0 ? 1.0 : -1.0;
        const double dir = ltp ? 1.0 : -1.0;  // G rises under potentiation
        for (int n = 0; n < count; ++n) {
            if (stop.stopRequested()) throw Cancelled();
            const double target = ltp ? d.gLow + range * (n + 1) / count : d.gHigh - range * (n + 1) / count;
            d.targets.push_back(target);
            // s: the pulse's strength (amplitude magnitude, or log width); h(s) rises with s.
            auto pulse = [&](double s) {
                return byAmplitude ? PulseShape{sign * s, p.width} : PulseShape{ltp ? p.potentiationAmplitude : p.depressionAmplitude, std::exp(s)};
            };
            double bestX = x, bestErr = std::numeric_limits<double>::infinity(), bestS = 0.0;
            auto h = [&](double s) {
                const PulseShape ps = pulse(s);
                const double xs = stateAfterPulse(model, ps.amplitude, ps.width, p, x, stop);
                const double err = dir * (readG(model, p, xs) - target);
                if (std::fabs(err) < std::fabs(bestErr)) bestErr = err, bestX = xs, bestS = s;
                return err;
            };
            double a = byAmplitude ? 0.0 : std::log(o.minWidth), b = byAmplitude ? o.maxAmplitude : std::log(o.maxWidth);
            double fa = h(a);
            if (fa < 0.0) {
                const double fb = h(b);
                if (fb < 0.0) {
                    const std::string train = ltp ? "potentiation" : "depression";
                    const double reached = target + dir * fb;
                    throw InputError(byAmplitude ? "maxAmplitude" : "maxWidth",
                                     "pulse " + std::to_string(n + 1) + " of the " + train + " train cannot move G from " +
                                         formatWithUnit(readG(model, p, x), "S") + " to " + formatWithUnit(target, "S") +
                                         ": the strongest pulse allowed (" +
                                         (byAmplitude ? formatWithUnit(sign * o.maxAmplitude, "V") : formatWithUnit(o.maxWidth, "s")) +
                                         ") reaches " + formatWithUnit(reached, "S") + "; allow a stronger pulse or use fewer pulses");
                }
                // Illinois (bracketed secant): fa < 0 < fb throughout.
                double fbb = fb;
                int side = 0;
                for (int it = 0; it < 200 && std::fabs(bestErr) > tol; ++it) {
                    double c = (fa * b - fbb * a) / (fa - fbb);
                    if (!(c > a && c < b)) c = 0.5 * (a + b);
                    const double fc = h(c);
                    if (fc > 0.0) {
                        b = c, fbb = fc;
                        if (side == -1) fa *= 0.5;
                        side = -1;
                    } else {
                        a = c, fa = fc;
                        if (side == +1) fbb *= 0.5;
                        side = +1;
                    }
                    if (b - a <= 1e-14 * std::max(1.0, std::fabs(b))) break;
                }
            }
            // fa >= 0: even the weakest pulse reaches the target; bestS is that pulse.
            const PulseShape chosen = pulse(bestS);
            (ltp ? out.potentiationAmplitudes : out.depressionAmplitudes).push_back(chosen.amplitude);
            (ltp ? out.potentiationWidths : out.depressionWidths).push_back(chosen.width);
            x = bestX;
        }
    }
    return d;
}

double stepInequality(const std::vector<double>& g, int np) {
    const int total = static_cast<int>(g.size()) - 1;
    double worst = 0.0;
    for (auto [from, to] : {std::pair{0, np}, std::pair{np, total}}) {
        if (to <= from) continue;
        const double mean = (g[static_cast<std::size_t>(to)] - g[static_cast<std::size_t>(from)]) / (to - from);
        for (int k = from + 1; k <= to; ++k) {
            const double step = g[static_cast<std::size_t>(k)] - g[static_cast<std::size_t>(k - 1)];
            worst = std::max(worst, std::fabs(step - mean) / std::fabs(mean));
        }
    }
    return worst;
}

}  // namespace ms
