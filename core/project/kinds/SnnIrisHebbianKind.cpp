// Experiment kind "snn_iris_hebbian": supervised Hebbian learning on Iris with
// Gaussian receptive-field inputs and one LIF output per class
// (core/snn/experiments/IrisHebbian.h).
//
//   { "id", "kind": "snn_iris_hebbian", "name", "dataset": "iris",
//     "fieldsPerFeature", "maxRate", "presentation", "rest", "dt", "teacher",
//     "silence", "weightSum", "epochs", "testFraction", "splitSeed", "seed",
//     "synapse": {"type": "abstract" | "device_stdp" | "pulse_stdp" | "stochastic_binary", ...} }
//
// Series "accuracy" (epoch, accuracy on the training flowers), "weights"
// (input, class, w) at the end; figures train_accuracy, test_accuracy. A
// device synapse (kinds/SnnSynapseSetup.h) reports w in siemens, adds
// "conductance_histogram" at the end and, for device_stdp, "stdp_window".
#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/SnnKindSupport.h"
#include "core/project/kinds/SnnSynapseSetup.h"
#include "core/snn/experiments/IrisHebbian.h"

namespace ms {

using namespace json_fields;
using namespace snn_kinds;

namespace {

const std::vector<ParamSpec>& irisSettings() {
    static const snn::IrisHebbianOptions d;
    static const std::vector<ParamSpec> specs = {
        {"fieldsPerFeature", "m", "", double(d.fieldsPerFeature), 2, 64, Scale::Linear,
         "Gaussian receptive fields per feature", "Bohte, Kok & La Poutre 2002", true},
        {"maxRate", "r_max", "Hz", d.maxRate, 1, 1000, Scale::Log, "Input rate at a field's centre", ""},
        {"presentation", "T_pres", "s", d.presentation, 1e-3, 10, Scale::Log, "Time each flower is shown", ""},
        {"rest", "T_rest", "s", d.rest, 0, 10, Scale::Linear, "Silence between flowers", ""},
        {"dt", "dt", "s", d.dt, 1e-5, 5e-3, Scale::Log, "Time step", ""},
        {"teacher", "R I_teach", "V", d.teacher, 0, 0.2, Scale::Linear, "Teacher drive (R*I) of the correct output while training", ""},
        {"silence", "R I_sil", "V", d.silence, -0.2, 0, Scale::Linear, "Drive (R*I) of the other outputs while training", ""},
        {"weightSum", "sum w", "", d.weightSum, 1e-3, 1e3, Scale::Log, "Incoming weights per output after normalisation", ""},
        {"epochs", "epochs", "", double(d.epochs), 1, 1000, Scale::Log, "Passes over the training flowers", "", true},
        {"testFraction", "f_test", "", 0.3, 0.01, 0.99, Scale::Linear, "Fraction of the flowers held out", ""},
        {"splitSeed", "seed_split", "", 11, 0, 4294967295.0, Scale::Linear, "Seed of the train/held-out split", "", true},
        {"seed", "seed", "", 2, 0, 4294967295.0, Scale::Linear, "Seed of weights, order and Poisson inputs", "", true},
    };
    return specs;
}

struct IrisSetup {
    std::string dataset;
    ParamValues v;
    snn::IrisHebbianOptions o;
};

IrisSetup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                    std::vector<ProjectIssue>& issues) {
    IrisSetup s;
    rejectUnknown(e, irisSettings(), {"dataset", "synapse"}, path, issues);
    s.dataset = readChoice(e, "dataset", {"iris"}, "iris", path, issues);
    s.v = readSettings(e, irisSettings(), path, issues);
    auto& o = s.o;
    o.fieldsPerFeature = static_cast<int>(s.v.at("fieldsPerFeature"));
    o.maxRate = s.v.at("maxRate");
    o.presentation = s.v.at("presentation");
    o.rest = s.v.at("rest");
    o.dt = s.v.at("dt");
    o.teacher = s.v.at("teacher");
    o.silence = s.v.at("silence");
    o.weightSum = s.v.at("weightSum");
    o.epochs = static_cast<int>(s.v.at("epochs"));
    o.seed = static_cast<std::uint64_t>(s.v.at("seed"));
    o.synapse = readSynapse(e, project, path, issues);
    if (issues.empty() && o.dt * 10 > o.presentation)
        issues.push_back({join(path, "dt"), "must be at most a tenth of presentation"});
    return s;
}

void runIris(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const IrisSetup s = kind_setup::validSetup(readSetup, e, project);
    const Dataset all = loadBuiltinDataset(s.dataset, "experiment.dataset");
    const Split split = splitDataset(all, s.v.at("testFraction"), static_cast<std::uint64_t>(s.v.at("splitSeed")));
    snn::runIrisHebbian(split.train, split.test, s.o, sink, stop);
    sink.scalar("test_examples", static_cast<double>(split.test.features.rows()), "");
}

}  // namespace

ExperimentKindInfo snnIrisHebbianKind() {
    ExperimentKindInfo k;
    k.id = "snn_iris_hebbian";
    k.name = "Iris, supervised Hebbian SNN";
    k.summary = "Receptive-field Poisson inputs onto 3 LIF outputs; a teacher current makes STDP learn class prototypes";
    k.settings = irisSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = runIris;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const IrisSetup s = kind_setup::setupAsRead(readSetup, e, project);
        return 4e6 + s.v.at("fieldsPerFeature") * 4 * 3 * 200.0;
    };
    return k;
}

}  // namespace ms
