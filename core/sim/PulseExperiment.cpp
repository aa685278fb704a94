// LTP/LTD pulse experiment (issue 2, issue 3's explorer): each pulse and the
// read gap after it are one transient segment of the device-transient engine,
// continuing from the previous segment's state; the gap holds the read
// voltage, so read disturb is simulated, and the conductance is i/v at the
// end of the gap.
#include "core/sim/PulseExperiment.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/common/Errors.h"
#include "core/sim/DeviceTransient.h"
#include "core/synapses/NeuroSimCurve.h"

namespace ms {
namespace {

// Relative read resolution used to count distinguishable levels: two reads
// closer than 0.5 % of G_max are one level (a sense amplifier resolving
// ~200 steps over the range).
constexpr double kReadResolution = 0.005;

void validate(const PulseProtocol& p) {
    if (p.potentiationPulses < 1) throw InputError("potentiationPulses", "must be at least 1");
    if (p.depressionPulses < 1) throw InputError("depressionPulses", "must be at least 1");
    if (!(p.width > 0.0)) throw InputError("width", "must be positive");
    if (!(p.gap > 0.0)) throw InputError("gap", "must be positive");
    if (!(p.readVoltage != 0.0)) throw InputError("readVoltage", "must be nonzero");
    if (p.scheme == PulseScheme::Listed) {
        auto check = [](const std::vector<double>& list, int count, const char* key, bool positive) {
            if (!list.empty() && list.size() != static_cast<std::size_t>(count))
                throw InputError(key, "needs one entry per pulse (" + std::to_string(count) + "), got " +
                                          std::to_string(list.size()));
            for (double v : list)
                if (!std::isfinite(v) || (positive && !(v > 0.0))) throw InputError(key, positive ? "must be positive" : "must be finite");
        };
        check(p.potentiationAmplitudes, p.potentiationPulses, "potentiationAmplitudes", false);
        check(p.depressionAmplitudes, p.depressionPulses, "depressionAmplitudes", false);
        check(p.potentiationWidths, p.potentiationPulses, "potentiationWidths", true);
        check(p.depressionWidths, p.depressionPulses, "depressionWidths", true);
    }
    if (p.scheme == PulseScheme::IncrementingWidth) {
        const int n = std::max(p.potentiationPulses, p.depressionPulses);
        if (!(p.width + (n - 1) * p.widthStep > 0.0)) throw InputError("widthStep", "makes a pulse width non-positive");
    }
}

// A rectangular pulse of `amplitude` for `width`, then `readVoltage` for `gap`.
class PulseThenRead final : public Stimulus {
public:
    PulseThenRead(double amplitude, double width, double gap, double readVoltage)
        : amplitude_(amplitude), width_(width), gap_(gap), read_(readVoltage) {}
    double value(double t) const override { return t < width_ ? amplitude_ : read_; }
    double nextBreakpoint(double t) const override {
        return t < width_ ? width_ : std::numeric_limits<double>::infinity();
    }
    double naturalDuration() const override { return width_ + gap_; }
    double featureTime() const override { return std::min(width_, gap_); }

private:
    double amplitude_, width_, gap_, read_;
};

// One pulse and its read gap from state x; `variable` is the engine's own
// variable for x when known (NaN: derive it from x), updated on return, so a
// state within 1e-70 of a bound where the window is zero keeps its distance
// from one segment to the next.
double pulseSegment(const MemristorModel& model, double amplitude, double width, const PulseProtocol& protocol,
                    double x, double& variable, const StopToken& stop, const std::string& modelName) {
    TransientOptions o;
    o.samples = 1;
    o.readVoltage = protocol.readVoltage;
    o.modelName = modelName;
    o.initialState = x;
    o.initialVariable = variable;
    NullSink quiet;
    const PulseThenRead drive(amplitude, width, protocol.gap, protocol.readVoltage);
    const TransientSummary s = runDeviceTransient(model, drive, DriveMode::Voltage, o, quiet, stop);
    variable = s.finalVariable;
    return s.finalState;
}

}  // namespace

PulseShape pulseShape(const PulseProtocol& p, bool ltp, int n) {
    PulseShape s{ltp ? p.potentiationAmplitude : p.depressionAmplitude, p.width};
    const double sign = s.amplitude >= 0.0 ? 1.0 : -1.0;
    const auto k = static_cast<std::size_t>(n);
    switch (p.scheme) {
    case PulseScheme::FixedAmplitude: break;
    case PulseScheme::IncrementingAmplitude: s.amplitude += sign * n * p.amplitudeStep; break;
    case PulseScheme::IncrementingWidth: s.width += n * p.widthStep; break;
    case PulseScheme::Listed: {
        const auto& a = ltp ? p.potentiationAmplitudes : p.depressionAmplitudes;
        const auto& w = ltp ? p.potentiationWidths : p.depressionWidths;
        if (k < a.size()) s.amplitude = a[k];
        if (k < w.size()) s.width = w[k];
        break;
    }
    }
    return s;
}

double stateAfterPulse(const MemristorModel& model, double amplitude, double width, const PulseProtocol& protocol,
                       double x, const StopToken& stop) {
    double variable = std::numeric_limits<double>::quiet_NaN();
    return pulseSegment(model, amplitude, width, protocol, x, variable, stop, "");
}

PulseResult runPulseExperiment(const MemristorModel& model, const PulseProtocol& protocol, FrameSink& sink,
                               const StopToken& stop, const std::string& modelName) {
    validate(protocol);
    PulseResult result;
    double x = std::isnan(protocol.startState) ? model.initialState() : protocol.startState;
    double variable = std::numeric_limits<double>::quiet_NaN();
    auto segment = [&](double amplitude, double width) {
        x = pulseSegment(model, amplitude, width, protocol, x, variable, stop, modelName);
        return model.current(protocol.readVoltage, x) / protocol.readVoltage;
    };

    const int total = protocol.potentiationPulses + protocol.depressionPulses;
    result.conductance.push_back(segment(protocol.readVoltage, protocol.gap));  // initial read only
    result.phase.push_back(0);
    for (int branch = 0; branch < 2; ++branch) {
        const bool ltp = branch == 0;
        const int count = ltp ? protocol.potentiationPulses : protocol.depressionPulses;
        for (int n = 0; n < count; ++n) {
            if (stop.stopRequested()) throw Cancelled();
            const PulseShape pulse = pulseShape(protocol, ltp, n);
            result.conductance.push_back(segment(pulse.amplitude, pulse.width));
            result.phase.push_back(ltp ? 1 : -1);
            sink.progress(static_cast<double>(result.conductance.size() - 1) / total);
        }
    }

    // Figures of merit.
    auto& f = result.figures;
    const auto [mn, mx] = std::minmax_element(result.conductance.begin(), result.conductance.end());
    f.gMin = *mn;
    f.gMax = *mx;
    f.onOffRatio = f.gMin > 0.0 ? f.gMax / f.gMin : std::numeric_limits<double>::infinity();
    std::vector<double> sorted = result.conductance;
    std::sort(sorted.begin(), sorted.end());
    f.distinguishableLevels = 1;
    double last = sorted.front();
    for (double g : sorted)
        if (g - last > kReadResolution * f.gMax) {
            ++f.distinguishableLevels;
            last = g;
        }
    // NL of each branch as NeuroSim labels it (the LTD branch read backwards).
    const NeuroSimBranchLabels nl =
        labelNeuroSimBranches(result.conductance, static_cast<std::size_t>(protocol.potentiationPulses));
    f.nonlinearityLtp = nl.ltp;
    f.nonlinearityLtd = nl.ltd;
    f.asymmetry = nl.asymmetry;

    sink.beginSeries("ltp_ltd", {{"pulse", "#"}, {"G", "S"}, {"phase", ""}});
    std::vector<double> rows;
    for (std::size_t k = 0; k < result.conductance.size(); ++k)
        rows.insert(rows.end(), {static_cast<double>(k), result.conductance[k], static_cast<double>(result.phase[k])});
    sink.appendRows("ltp_ltd", rows.data(), result.conductance.size());
    sink.scalar("g_max", f.gMax, "S");
    sink.scalar("g_min", f.gMin, "S");
    sink.scalar("on_off_ratio", f.onOffRatio, "");
    sink.scalar("distinguishable_levels", f.distinguishableLevels, "");
    sink.scalar("nl_ltp", f.nonlinearityLtp, "");
    sink.scalar("nl_ltd", f.nonlinearityLtd, "");
    sink.scalar("asymmetry", f.asymmetry, "");
    sink.progress(1.0);
    return result;
}

}  // namespace ms
