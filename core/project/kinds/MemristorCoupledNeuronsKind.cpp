// Experiment kind "memristor_coupled_neurons": two identical dimensionless
// neurons (Hindmarsh-Rose or FitzHugh-Nagumo) coupled through a
// flux-controlled memristor, after Volos et al., J. Eng. Sci. Technol. Rev.
// 8(2):157 (2015). Equations and engine: core/snn/experiments/MemristorCoupling.h.
//
//   { "id", "kind": "memristor_coupled_neurons", "name",
//     "neuron": {"model": "hindmarsh_rose" | "fitzhugh_nagumo", "preset", "params"},
//     "device": "<id in devices>" | {model, preset, params}   (flux-controlled: flux_cubic),
//     "coupling", "duration", "dt", "samples", "syncTolerance",
//     "initial1": [x, y, z], "initial2": [x, y, z] }        (2 numbers for FitzHugh-Nagumo)
//
// Time, neuron variables and input are dimensionless (model time units).
// Series "trace": t, x1, y1[, z1], x2, y2[, z2], phi (Wb), W (S), e = x1 - x2.
// Series "spikes": neuron (1 or 2), t. Scalars: mean_abs_error, max_abs_error
// (last half of the run), synchronised (mean |e| < syncTolerance), spikes_1,
// spikes_2, final_phi, final_W.
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/devices/ModelRegistry.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/SnnKindSupport.h"
#include "core/snn/experiments/MemristorCoupling.h"

namespace ms {

using namespace json_fields;
using namespace snn_kinds;

namespace {

// RK4 on Hindmarsh-Rose's fast subsystem (|eigenvalues| up to ~30 during a
// spike) is stable and accurate to about dt = 0.05; beyond, a run diverges.
constexpr double kMaxDt = 0.05;
// Largest |value| of a starting state variable (dimensionless).
constexpr double kMaxStart = 100;

const std::vector<ParamSpec>& couplingSettings() {
    static const std::vector<ParamSpec> specs = {
        {"coupling", "k", "", 0.5, 0, 100, Scale::Linear,
         "Coupling strength k: neuron 1 receives k W(phi) (x2 - x1), neuron 2 the opposite (dimensionless)",
         "Volos et al. 2015"},
        {"duration", "T", "", 2000, 1, 1e6, Scale::Log, "Simulated time, in the neurons' dimensionless time units", ""},
        {"dt", "dt", "", 0.01, 1e-5, kMaxDt, Scale::Log,
         "Fixed RK4 step, in model time units (at most 0.05: beyond, Hindmarsh-Rose spikes are not resolved)", ""},
        {"samples", "N", "", 4000, 10, 1e6, Scale::Log, "Trace rows at most (every k-th step is kept)", "", true},
        {"syncTolerance", "e_tol", "", 1e-3, 1e-14, 10, Scale::Log,
         "The pair counts as synchronised when the mean |x1 - x2| over the last half of the run is below this", ""},
    };
    return specs;
}

struct Setup {
    NeuronSetup neuron;
    DeviceSpec device;
    snn::CouplingOptions options;
};

// "initialN": an array of the model's dimension; the engine's default when absent.
std::vector<double> readStart(const nlohmann::json& e, const std::string& key, const NeuronSetup& n, int neuron,
                              const std::string& path, std::vector<ProjectIssue>& issues) {
    const std::size_t dim = snn::couplableNeuronDimension(n.model);
    if (!e.contains(key)) return snn::defaultCoupledStart(n.model, n.resolved, neuron);
    const auto& v = e[key];
    const std::string at = join(path, key);
    const std::string shape = std::to_string(dim) + " numbers (" +
                              (dim == 3 ? std::string("x, y, z of Hindmarsh-Rose") : std::string("v, w of FitzHugh-Nagumo")) + ")";
    if (!v.is_array() || v.size() != dim) {
        issues.push_back({at, "must be an array of " + shape});
        return {};
    }
    std::vector<double> out;
    for (std::size_t k = 0; k < dim; ++k) {
        if (!v[k].is_number() || !std::isfinite(v[k].get<double>())) {
            issues.push_back({index(at, k), "must be a finite number"});
            return {};
        }
        // The models' attractors lie within |x|, |y|, |z| < 20; a start far
        // beyond overflows the cubic term in the first steps.
        const double q = v[k].get<double>();
        if (std::fabs(q) > kMaxStart) {
            issues.push_back({index(at, k), "must be between -" + formatWithUnit(kMaxStart, "") + " and " +
                                                formatWithUnit(kMaxStart, "") + " (got " + formatWithUnit(q, "") + ")"});
            return {};
        }
        out.push_back(q);
    }
    return out;
}

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                std::vector<ProjectIssue>& issues) {
    Setup s;
    rejectUnknown(e, couplingSettings(), {"neuron", "device", "initial1", "initial2"}, path, issues);
    s.neuron = readNeuron(e, "neuron", path, issues);
    if (e.contains("neuron") && e["neuron"].is_object() && snn::neuronRegistry().find(s.neuron.model) &&
        !snn::isCouplableNeuron(s.neuron.model))
        issues.push_back({join(join(path, "neuron"), "model"),
                          "the memristor coupling takes hindmarsh_rose or fitzhugh_nagumo (got '" + s.neuron.model +
                              "', which is not one of the dimensionless models)"});

    if (!e.contains("device")) {
        issues.push_back({join(path, "device"), "missing (the id of a flux-controlled memristor in devices, e.g. flux_cubic)"});
    } else {
        std::vector<ProjectIssue> deviceIssues;
        s.device = parseDeviceSpec(e["device"], project, join(path, "device"), deviceIssues);
        issues.insert(issues.end(), deviceIssues.begin(), deviceIssues.end());
        const ModelInfo* model = modelRegistry().find(s.device.modelId);
        // Flux-controlled: the device's state is the flux (Wb), so dphi/dt = v.
        if (deviceIssues.empty() && model && model->state.unit != "Wb")
            issues.push_back({join(path, "device"),
                              "must be a flux-controlled memristor (its state the flux, in Wb), such as flux_cubic; "
                              "model '" + model->id + "' has state " + model->state.symbol +
                                  (model->state.unit.empty() ? std::string(" (normalised)") : " in " + model->state.unit)});
    }

    const ParamValues v = readSettings(e, couplingSettings(), path, issues);
    auto& o = s.options;
    o.neuronModel = s.neuron.model;
    o.neuronParams = s.neuron.resolved;
    o.coupling = v.at("coupling");
    o.duration = v.at("duration");
    o.dt = v.at("dt");
    o.samples = static_cast<std::size_t>(v.at("samples"));
    o.syncTolerance = v.at("syncTolerance");
    if (o.dt * 10 > o.duration) issues.push_back({join(path, "dt"), "must be at most a tenth of duration"});

    if (issues.empty()) {
        o.start1 = readStart(e, "initial1", s.neuron, 1, path, issues);
        o.start2 = readStart(e, "initial2", s.neuron, 2, path, issues);
        if (issues.empty() && o.start1 == o.start2)
            issues.push_back({join(path, "initial2"),
                              "equals initial1: identical neurons that start together stay together whatever the "
                              "coupling; start them apart"});
    }
    return s;
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const Setup s = kind_setup::validSetup(readSetup, e, project);
    const auto memristor = instantiateDevice(s.device, "experiment.device");
    snn::runMemristorCoupling(s.options, *memristor, sink, stop);
}

}  // namespace

ExperimentKindInfo memristorCoupledNeuronsKind() {
    ExperimentKindInfo k;
    k.id = "memristor_coupled_neurons";
    k.name = "Memristor-coupled neurons";
    k.summary = "Two Hindmarsh-Rose or FitzHugh-Nagumo neurons coupled by a flux-controlled memristor (Volos et al. 2015)";
    k.settings = couplingSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = run;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::setupAsRead(readSetup, e, project);
        // Rows of up to 10 columns, held about four times along the sink chain.
        return 4e6 + static_cast<double>(s.options.samples) * 10 * 8 * 4;
    };
    k.workEstimate = [](const nlohmann::json& e, const Project& project) {
        std::vector<ProjectIssue> issues;
        const Setup s = readSetup(e, project, "experiment", issues);
        WorkEstimate w;
        w.unit = "RK4 steps";
        w.limit = 1e9;
        w.field = "duration";
        if (!issues.empty()) return w;
        w.amount = s.options.duration / s.options.dt;
        w.detail = "duration / dt";
        return w;
    };
    return k;
}

}  // namespace ms
