// Experiment kind "pulse_ltp_ltd": a potentiation train then a depression
// train on one device, read between pulses (core/sim/PulseExperiment.h).
//
//   { "id", "kind": "pulse_ltp_ltd", "name",
//     "device": {...} | "<id in devices>",
//     "scheme": "fixed_amplitude" | "incrementing_amplitude" | "incrementing_width"
//             | "designed_amplitude" | "designed_width",
//     "potentiationPulses", "depressionPulses", "potentiationAmplitude",
//     "depressionAmplitude", "width", "gap", "readVoltage", "amplitudeStep", "widthStep",
//     "maxAmplitude", "minWidth", "maxWidth" }
//
// The designed schemes (issue 18; core/sim/PulseDesigner.h) solve for each
// pulse's amplitude (or width) so that every read moves G by the same step
// over the range identical pulses of the given amplitudes reach. The run
// streams the designed curve as "ltp_ltd" with its figures, the identical
// train's figures as NL_LTP_identical, NL_LTD_identical, asymmetry_identical,
// and the pulses themselves as series "designed_pulses".
#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/JsonFields.h"
#include "core/project/kinds/SweepSinks.h"
#include "core/sim/PulseDesigner.h"
#include "core/sim/PulseExperiment.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& pulseSettings() {
    static const PulseProtocol d;
    static const PulseDesignOptions o;
    static const std::vector<ParamSpec> specs = {
        {"potentiationPulses", "N_LTP", "", double(d.potentiationPulses), 1, 100000, Scale::Log,
         "Pulses in the potentiation (LTP) train", "", true},
        {"depressionPulses", "N_LTD", "", double(d.depressionPulses), 0, 100000, Scale::Linear,
         "Pulses in the depression (LTD) train that follows", "", true},
        {"potentiationAmplitude", "V_LTP", "V", d.potentiationAmplitude, -100, 100, Scale::Linear,
         "Amplitude of the (first) potentiation pulse", ""},
        {"depressionAmplitude", "V_LTD", "V", d.depressionAmplitude, -100, 100, Scale::Linear,
         "Amplitude of the (first) depression pulse", ""},
        {"width", "t_w", "s", d.width, 1e-12, 1e3, Scale::Log, "Width of the (first) pulse", ""},
        {"gap", "t_gap", "s", d.gap, 1e-12, 1e3, Scale::Log, "Time between a pulse's end and the next pulse; the read sits in it",
         ""},
        {"readVoltage", "V_read", "V", d.readVoltage, 1e-3, 10, Scale::Log,
         "Read voltage between pulses, small enough not to disturb the state", ""},
        {"amplitudeStep", "dV", "V", d.amplitudeStep, 0, 10, Scale::Linear,
         "Amplitude magnitude added per pulse (scheme incrementing_amplitude)", ""},
        {"widthStep", "dt_w", "s", d.widthStep, 0, 1e3, Scale::Linear, "Width added per pulse (scheme incrementing_width)", ""},
        {"maxAmplitude", "V_max", "V", o.maxAmplitude, 1e-3, 100, Scale::Linear,
         "Largest pulse magnitude the designer may use, the device's safe range (scheme designed_amplitude)", ""},
        {"minWidth", "t_w,min", "s", o.minWidth, 1e-12, 1e3, Scale::Log,
         "Shortest pulse the designer may use (scheme designed_width)", ""},
        {"maxWidth", "t_w,max", "s", o.maxWidth, 1e-12, 1e3, Scale::Log,
         "Longest pulse the designer may use (scheme designed_width)", ""},
    };
    return specs;
}

struct PulseSetup {
    DeviceSpec device;
    PulseProtocol protocol;
    bool designed = false;
    PulseDesignOptions design;
};

PulseSetup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                     std::vector<ProjectIssue>& issues) {
    PulseSetup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(pulseSettings(), {"device", "scheme"}), path, issues);
    if (!e.contains("device"))
        issues.push_back({join(path, "device"), "missing (a device object {\"model\", ...} or the id of an entry in devices)"});
    else
        s.device = parseDeviceSpec(e["device"], project, join(path, "device"), issues);

    const std::string scheme = e.contains("scheme") ? readString(e, "scheme", path, issues) : "fixed_amplitude";
    if (scheme == "incrementing_amplitude")
        s.protocol.scheme = PulseScheme::IncrementingAmplitude;
    else if (scheme == "incrementing_width")
        s.protocol.scheme = PulseScheme::IncrementingWidth;
    else if (scheme == "designed_amplitude" || scheme == "designed_width") {
        s.designed = true;
        s.design.variable = scheme == "designed_width" ? DesignVariable::Width : DesignVariable::Amplitude;
    } else if (scheme != "fixed_amplitude" && e.contains("scheme") && e["scheme"].is_string())
        issues.push_back({join(path, "scheme"), "must be \"fixed_amplitude\", \"incrementing_amplitude\", "
                                                "\"incrementing_width\", \"designed_amplitude\" or \"designed_width\" (got \"" +
                                                    scheme + "\")"});

    const ParamValues v = readSettings(e, pulseSettings(), path, issues);
    s.protocol.potentiationPulses = static_cast<int>(v.at("potentiationPulses"));
    s.protocol.depressionPulses = static_cast<int>(v.at("depressionPulses"));
    s.protocol.potentiationAmplitude = v.at("potentiationAmplitude");
    s.protocol.depressionAmplitude = v.at("depressionAmplitude");
    s.protocol.width = v.at("width");
    s.protocol.gap = v.at("gap");
    s.protocol.readVoltage = v.at("readVoltage");
    s.protocol.amplitudeStep = v.at("amplitudeStep");
    s.protocol.widthStep = v.at("widthStep");
    s.design.maxAmplitude = v.at("maxAmplitude");
    s.design.minWidth = v.at("minWidth");
    s.design.maxWidth = v.at("maxWidth");
    const bool byWidth = s.designed && s.design.variable == DesignVariable::Width;
    if (byWidth && !(s.design.maxWidth > s.design.minWidth))
        issues.push_back({join(path, "maxWidth"), "must exceed minWidth (" + formatWithUnit(s.design.minWidth, "s") + ")"});
    if (issues.empty() && s.protocol.potentiationAmplitude * s.protocol.depressionAmplitude >= 0)
        issues.push_back({join(path, "depressionAmplitude"),
                          "must have the opposite sign of potentiationAmplitude (" +
                              formatWithUnit(s.protocol.potentiationAmplitude, "V") + ")"});
    return s;
}

void runPulses(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const PulseSetup s = kind_setup::validSetup(readSetup, e, project);
    const auto model = instantiateDevice(s.device, "device");
    PulseProtocol protocol = s.protocol;
    if (s.designed) {
        // The identical train first: the "before" figures and the range to linearise.
        PulseProtocol identical = s.protocol;
        identical.scheme = PulseScheme::FixedAmplitude;
        NullSink quiet;
        const PulseFigures before = runPulseExperiment(*model, identical, quiet, stop, s.device.modelId).figures;
        PulseDesign design;
        try {
            design = designPulses(*model, s.protocol, s.design, stop);
        } catch (const InputError& err) {
            throw InputError(join("experiment", err.path()), err.why());
        }
        protocol = design.protocol;
        sink.scalar("NL_LTP_identical", before.nonlinearityLtp, "");
        sink.scalar("NL_LTD_identical", before.nonlinearityLtd, "");
        sink.scalar("asymmetry_identical", before.asymmetry, "");
        sink.beginSeries("designed_pulses", {{"pulse", "#"}, {"amplitude", "V"}, {"width", "s"}, {"G_target", "S"}, {"phase", ""}});
        std::vector<double> rows;
        for (int branch = 0, k = 0; branch < 2; ++branch)
            for (int n = 0, count = branch ? protocol.depressionPulses : protocol.potentiationPulses; n < count; ++n, ++k) {
                const PulseShape pulse = pulseShape(protocol, branch == 0, n);
                rows.insert(rows.end(), {double(k + 1), pulse.amplitude, pulse.width,
                                         design.targets[static_cast<std::size_t>(k)], branch ? -1.0 : 1.0});
            }
        sink.appendRows("designed_pulses", rows.data(), design.targets.size());
    }
    RunShareSink share(sink, 0, 1);
    const PulseResult r = runPulseExperiment(*model, protocol, share, stop, s.device.modelId);
    if (s.designed) sink.scalar("step_inequality", stepInequality(r.conductance, protocol.potentiationPulses), "");
    const PulseFigures& f = r.figures;
    sink.scalar("G_max", f.gMax, "S");
    sink.scalar("G_min", f.gMin, "S");
    sink.scalar("on_off_ratio", f.onOffRatio, "");
    sink.scalar("levels", static_cast<double>(f.distinguishableLevels), "");
    sink.scalar("NL_LTP", f.nonlinearityLtp, "");
    sink.scalar("NL_LTD", f.nonlinearityLtd, "");
    sink.scalar("asymmetry", f.asymmetry, "");
    if (!r.conductance.empty()) {
        sink.scalar("G_initial", r.conductance.front(), "S");
        sink.scalar("G_final", r.conductance.back(), "S");
    }
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo pulseLtpLtdKind() {
    ExperimentKindInfo k;
    k.id = "pulse_ltp_ltd";
    k.name = "Pulse LTP/LTD";
    k.summary = "Conductance vs pulse number for a potentiation then a depression train, read between pulses";
    k.settings = pulseSettings();
    k.validate = kind_setup::validator(readSetup);
    // Each scheme's own settings are kept under another scheme (a user switching
    // schemes back and forth keeps them, and a file written with every setting
    // stays valid) but do nothing there; the editor greys them out with the reason.
    k.superseded = [](const nlohmann::json& e) {
        const std::string scheme = e.contains("scheme") && e["scheme"].is_string() ? e["scheme"].get<std::string>()
                                                                                 : "fixed_amplitude";
        const std::pair<const char*, const char*> owner[] = {{"amplitudeStep", "incrementing_amplitude"},
                                                             {"widthStep", "incrementing_width"},
                                                             {"maxAmplitude", "designed_amplitude"},
                                                             {"minWidth", "designed_width"},
                                                             {"maxWidth", "designed_width"}};
        std::vector<SupersededSetting> out;
        for (const auto& [key, by] : owner)
            if (scheme != by) out.push_back({key, std::string("Used by scheme ") + by + " only (scheme is " + scheme + ")"});
        return out;
    };
    k.run = runPulses;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const PulseSetup s = kind_setup::setupAsRead(readSetup, e, project);
        const double rows = 1.0 + s.protocol.potentiationPulses + s.protocol.depressionPulses;
        // 3 columns held about four times, plus the engine's per-pulse transient buffers.
        return 4e6 + rows * 3.0 * 8.0 * 4.0;
    };
    // Integration steps, at least: each pulse is a transient of width + gap
    // whose step never exceeds 1/50 of min(width, gap) (PulseExperiment.cpp),
    // so a 1 ps pulse with a 1000 s gap is 5e16 steps. 5e8 steps are minutes.
    k.workEstimate = [](const nlohmann::json& e, const Project& project) {
        std::vector<ProjectIssue> issues;  // an invalid setup estimates nothing
        const PulseSetup s = readSetup(e, project, "experiment", issues);
        WorkEstimate w;
        w.unit = "integration steps";
        w.limit = 5e8;
        if (!issues.empty()) return w;
        const PulseProtocol& p = s.protocol;
        auto steps = [&](double width) { return 50.0 * (width + p.gap) / std::min(width, p.gap); };
        w.amount = steps(p.gap);  // the initial read
        double widest = p.width;
        for (int branch = 0; branch < 2; ++branch)
            for (int n = 0, count = branch ? p.depressionPulses : p.potentiationPulses; n < count; ++n) {
                const double width = p.width + (p.scheme == PulseScheme::IncrementingWidth ? n * p.widthStep : 0.0);
                widest = std::max(widest, width);
                w.amount += steps(width);
            }
        // The designer tries each pulse about ten times (secant search,
        // PulseDesigner.cpp), once at each end of its width range.
        if (s.designed && s.design.variable == DesignVariable::Width) {
            widest = std::max(widest, s.design.maxWidth);
            w.amount = (p.potentiationPulses + p.depressionPulses) *
                       (steps(s.design.minWidth) + steps(s.design.maxWidth) + 10.0 * steps(p.width));
        } else if (s.designed) {
            w.amount *= 12.0;
        }
        // Name the setting that makes width and gap so unlike.
        w.field = widest > p.gap ? (widest > p.width ? (s.designed ? "maxWidth" : "widthStep") : "width") : "gap";
        if (s.designed && s.design.variable == DesignVariable::Width &&
            steps(s.design.minWidth) > std::max(steps(s.design.maxWidth), steps(p.width)))
            w.field = "minWidth";
        w.detail = std::to_string(p.potentiationPulses + p.depressionPulses) + " pulses of " + formatWithUnit(p.width, "s") +
                   (widest > p.width ? " to " + formatWithUnit(widest, "s") : std::string()) + " with " +
                   formatWithUnit(p.gap, "s") + " gaps (50 steps per shorter of width and gap)";
        if (s.designed && s.design.variable == DesignVariable::Width)
            w.detail = "designing " + std::to_string(p.potentiationPulses + p.depressionPulses) + " widths between " +
                       formatWithUnit(s.design.minWidth, "s") + " and " + formatWithUnit(s.design.maxWidth, "s") + " with " +
                       formatWithUnit(p.gap, "s") + " gaps (50 steps per shorter of width and gap)";
        return w;
    };
    return k;
}

}  // namespace ms
