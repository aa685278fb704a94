// Experiment kind "stdp_window": the STDP window of one memristor driven by
// overlapping bipolar pre- and post-synaptic spikes (Linares-Barranco &
// Serrano-Gotarredona 2009; Zamarreno-Ramos et al. 2011;
// core/circuit/CellExperiments.h), swept over Delta t = t_post - t_pre.
//
//   { "id", "kind": "stdp_window", "name",
//     "device": {model, preset, params, window} | "<id in devices>",
//     "aPlus", "tPlus", "aMinus", "tau", "tTail", "readVoltage", "polarity",
//     "deltaT": [s, ...]  |  "dtMax", "dtPoints" (then -dtMax..dtMax), "relTol" }
//
// Series "stdp": dt (s), dw (relative conductance change at V_read).
// SPICE export: the spike pair at the first Delta t (pre, post, M1).
// Scalars: dw_max, dt_at_dw_max, dw_min, dt_at_dw_min, and tau_ltp / tau_ltd
// (s), the decay lengths of a log-linear fit to each branch.
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/circuit/CellExperiments.h"
#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/JsonFields.h"
#include "core/project/kinds/CircuitKindSupport.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& stdpSettings() {
    static const circuit::StdpOptions d;
    static const std::string src = "Zamarreno-Ramos et al., Front. Neurosci. 5, 26 (2011)";
    static const std::vector<ParamSpec> specs = {
        {"aPlus", "A+", "V", d.spike.aPlus, 0, 100, Scale::Linear, "Height of the spike's positive pulse", src},
        {"tPlus", "t+", "s", d.spike.tPlus, 1e-12, 1e3, Scale::Log, "Width of the positive pulse", src},
        {"aMinus", "A-", "V", d.spike.aMinus, 0, 100, Scale::Linear, "Depth of the negative tail at its start", src},
        {"tau", "tau-", "s", d.spike.tau, 1e-12, 1e3, Scale::Log, "Decay time of the negative tail", src},
        {"tTail", "t_tail", "s", d.spike.tTail, 1e-12, 1e3, Scale::Log, "Length of the negative tail", src},
        {"readVoltage", "V_read", "V", d.readVoltage, 1e-3, 10, Scale::Log, "Voltage at which conductance is read", ""},
        {"polarity", "pol", "", 1, -1, 1, Scale::Linear,
         "+1: the memristor's p terminal on the pre line; -1: on the post line", "", true},
        {"dtMax", "dt_max", "s", 2e-3, 1e-12, 1e3, Scale::Log, "Without deltaT: sweep Delta t over [-dt_max, dt_max]", ""},
        {"dtPoints", "N_dt", "", 21, 2, 10000, Scale::Log, "Without deltaT: number of Delta t values", "", true},
        {"relTol", "rtol", "", d.tol.relTol, 1e-9, 1e-1, Scale::Log, "Relative local error tolerance of each pair's transient", ""},
    };
    return specs;
}

struct Setup {
    DeviceSpec device;
    circuit::StdpOptions options;
};

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path, std::vector<ProjectIssue>& issues) {
    Setup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(stdpSettings(), {"device", "deltaT"}), path, issues);
    if (!e.contains("device"))
        issues.push_back({join(path, "device"), "missing (a device object {\"model\", ...} or the id of an entry in devices)"});
    else
        s.device = parseDeviceSpec(e["device"], project, join(path, "device"), issues);
    const ParamValues v = readSettings(e, stdpSettings(), path, issues);
    auto& o = s.options;
    o.spike = {v.at("aPlus"), v.at("tPlus"), v.at("aMinus"), v.at("tau"), v.at("tTail")};
    o.readVoltage = v.at("readVoltage");
    o.polarity = v.at("polarity");
    o.tol.relTol = v.at("relTol");
    if (o.polarity == 0) issues.push_back({join(path, "polarity"), "must be +1 or -1 (got 0)"});
    if (e.contains("deltaT")) {
        const auto& list = e["deltaT"];
        if (!list.is_array() || list.empty() || list.size() > 10000) {
            issues.push_back({join(path, "deltaT"), "must be an array of 1 to 10000 times (s)"});
        } else {
            for (std::size_t k = 0; k < list.size(); ++k) {
                if (!list[k].is_number() || !std::isfinite(list[k].get<double>()) ||
                    std::fabs(list[k].get<double>()) > 1e3) {
                    issues.push_back({index(join(path, "deltaT"), k), "must be a finite time within +-1000 s"});
                    break;
                }
                o.deltaT.push_back(list[k].get<double>());
            }
        }
    } else {
        const double dtMax = v.at("dtMax");
        const auto n = static_cast<std::size_t>(v.at("dtPoints"));
        for (std::size_t k = 0; k < n; ++k) o.deltaT.push_back(-dtMax + 2.0 * dtMax * static_cast<double>(k) / double(n - 1));
    }
    return s;
}

// Decay length of |dw| against |dt| on one branch: a least-squares line
// through (|dt|, ln|dw|); 0 when fewer than two points have that sign.
double decayLength(const std::vector<circuit::StdpPoint>& pts, double sign) {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& p : pts)
        if (p.dt * sign > 0 && p.dw * sign > 0) {
            const double x = std::fabs(p.dt), y = std::log(std::fabs(p.dw));
            n += 1; sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
    if (n < 2) return 0.0;
    const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return slope < 0 ? -1.0 / slope : 0.0;
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const Setup s = kind_setup::validSetup(readSetup, e, project);
    const auto pts = circuit::runStdpWindow(s.device, s.options, sink, stop);
    std::size_t hi = 0, lo = 0;
    for (std::size_t k = 1; k < pts.size(); ++k) {
        if (pts[k].dw > pts[hi].dw) hi = k;
        if (pts[k].dw < pts[lo].dw) lo = k;
    }
    sink.scalar("dw_max", pts[hi].dw, "");
    sink.scalar("dt_at_dw_max", pts[hi].dt, "s");
    sink.scalar("dw_min", pts[lo].dw, "");
    sink.scalar("dt_at_dw_min", pts[lo].dt, "s");
    sink.scalar("tau_ltp", decayLength(pts, 1.0), "s");
    sink.scalar("tau_ltd", decayLength(pts, -1.0), "s");
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo stdpWindowKind() {
    ExperimentKindInfo k;
    k.id = "stdp_window";
    k.name = "STDP window";
    k.summary = "Conductance change of a memristor against the pre/post spike-timing difference (overlapping bipolar spikes)";
    k.settings = stdpSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = run;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::setupAsRead(readSetup, e, project);
        return 2e6 + static_cast<double>(s.options.deltaT.size()) * 2.0 * 8.0 * 4.0;
    };
    // One spike pair at the sweep's first Delta t, as the run simulates it:
    // PWL spikes on Vpre and Vpost across M1 (a fresh device), one transient
    // over the pair. ngspice's final state gives that point's Delta w.
    k.exportSpice = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::validSetup(readSetup, e, project);
        const circuit::StdpPairCircuit pair = circuit::stdpPairCircuit(s.device, s.options, s.options.deltaT.front());
        const circuit::Circuit c(pair.netlist);
        // Steps short against the spike's edge-free parts (the pulse, the tail's tau).
        const double tMax = std::min({s.options.spike.tPlus / 20.0, s.options.spike.tau / 20.0, pair.duration / 1000.0});
        return circuit_kinds::exportCircuitSpice(c, true, pair.duration, pair.duration / 1000.0, tMax,
                                                 e.value("id", std::string("stdp_window")) + ".data");
    };
    return k;
}

}  // namespace ms
