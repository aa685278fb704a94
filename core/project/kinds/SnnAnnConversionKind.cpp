// Experiment kind "ann_to_snn": a bias-free ReLU MLP trained on the 8x8
// digits, converted to integrate-and-fire layers with Diehl et al.'s (2015)
// data-based normalisation and run on Poisson rate-coded digits
// (core/snn/experiments/AnnToSnn.h).
//
//   { "id", "kind": "ann_to_snn", "name", "dataset": "digits",
//     "hidden", "epochs", "learningRate", "trainSeed", "duration", "dt",
//     "maxRate", "checkpoint", "testExamples", "testFraction", "splitSeed", "seed" }
//
// Series "accuracy" (t, snn, ann) and "operations" (t, synaptic events, MACs
// per example), streamed point by point as the simulated time advances
// (all held-out digits run side by side); key figures ann_accuracy, snn_accuracy, events and MACs per
// example, energy ratio (0.9 pJ per accumulate, 4.6 pJ per MAC).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/SnnKindSupport.h"
#include "core/snn/experiments/AnnToSnn.h"

namespace ms {

using namespace json_fields;
using namespace snn_kinds;

namespace {

const std::vector<ParamSpec>& conversionSettings() {
    static const snn::ConversionOptions d;
    static const std::string src = "Diehl et al., IJCNN 2015";
    static const std::vector<ParamSpec> specs = {
        {"hidden", "N_h", "", 32, 1, 4096, Scale::Log, "Hidden ReLU units (one hidden layer)", "", true},
        {"epochs", "epochs", "", 20, 1, 1000, Scale::Log, "SGD epochs of the ANN", "", true},
        {"learningRate", "eta", "", 0.02, 1e-6, 10, Scale::Log, "SGD learning rate", ""},
        {"trainSeed", "seed_ANN", "", 4, 0, 4294967295.0, Scale::Linear, "Seed of the ANN's initial weights and order", "", true},
        {"duration", "T", "s", d.duration, 1e-3, 10, Scale::Log, "Simulated presentation per digit", src},
        {"dt", "dt", "s", d.dt, 1e-5, 1e-2, Scale::Log, "Time step", src},
        {"maxRate", "r_max", "Hz", d.maxRate, 1, 1e5, Scale::Log, "Input rate at full intensity (at most 1/dt)", src},
        {"checkpoint", "T_c", "s", d.checkpoint, 1e-4, 10, Scale::Log, "Time between accuracy readings", ""},
        {"testExamples", "N_test", "", 500, 1, 1e6, Scale::Log, "Held-out digits classified (at most the held-out part)", "", true},
        {"testFraction", "f_test", "", 0.3, 0.01, 0.99, Scale::Linear, "Fraction of the data set held out", ""},
        {"splitSeed", "seed_split", "", 7, 0, 4294967295.0, Scale::Linear, "Seed of the train/held-out split", "", true},
        {"seed", "seed", "", double(d.seed), 0, 4294967295.0, Scale::Linear, "Seed of the Poisson inputs", "", true},
    };
    return specs;
}

struct ConversionSetup {
    std::string dataset;
    ParamValues v;
    snn::ConversionOptions o;
};

ConversionSetup readSetup(const nlohmann::json& e, const std::string& path, std::vector<ProjectIssue>& issues) {
    ConversionSetup s;
    rejectUnknown(e, conversionSettings(), {"dataset"}, path, issues);
    s.dataset = readChoice(e, "dataset", {"digits"}, "digits", path, issues);
    s.v = readSettings(e, conversionSettings(), path, issues);
    auto& o = s.o;
    o.duration = s.v.at("duration");
    o.dt = s.v.at("dt");
    o.maxRate = s.v.at("maxRate");
    o.checkpoint = s.v.at("checkpoint");
    o.seed = static_cast<std::uint64_t>(s.v.at("seed"));
    o.energyPerAc = kEnergyPerAc;
    o.energyPerMac = kEnergyPerMac;
    if (!issues.empty()) return s;
    if (o.maxRate * o.dt > 1.0)
        issues.push_back({join(path, "maxRate"), "maxRate x dt must be at most 1 (one input spike per step)"});
    else if (o.checkpoint < o.dt)
        issues.push_back({join(path, "checkpoint"), "must be at least dt"});
    else if (o.checkpoint > o.duration)
        issues.push_back({join(path, "checkpoint"), "must be at most duration"});
    // The held-out part is known before the run: round(1797 f) digits.
    const int heldOut = heldOutCount(kDigitsImages, s.v.at("testFraction"));
    if (s.v.at("testExamples") > heldOut + 0.5)
        issues.push_back({join(path, "testExamples"),
                          "exceeds the " + std::to_string(heldOut) + " held-out digits (testFraction " +
                              formatWithUnit(s.v.at("testFraction"), "") + " of 1797)"});
    return s;
}

void runConversion(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const ConversionSetup s = kind_setup::validSetup(readSetup, e, project);
    Dataset all = loadBuiltinDataset(s.dataset, "experiment.dataset");
    scaleFeatures(all, 16.0);
    const Split split = splitDataset(all, s.v.at("testFraction"), static_cast<std::uint64_t>(s.v.at("splitSeed")));
    const auto nTest = static_cast<Eigen::Index>(s.v.at("testExamples"));
    // validate checked the count against heldOutCount; this guards the split itself.
    if (nTest > split.test.features.rows())
        throw SimulationError("the held-out part has " + std::to_string(split.test.features.rows()) +
                              " digits, fewer than testExamples");
    Dataset test = split.test;
    test.features = split.test.features.topRows(nTest);
    test.labels.resize(static_cast<std::size_t>(nTest));
    sink.log(LogLevel::Info, "training the ANN (64-" + std::to_string(int(s.v.at("hidden"))) + "-10 ReLU MLP)");
    const snn::ReluMlp mlp = snn::trainReluMlp(split.train, {static_cast<int>(s.v.at("hidden"))},
                                               static_cast<int>(s.v.at("epochs")), s.v.at("learningRate"),
                                               static_cast<std::uint64_t>(s.v.at("trainSeed")));
    if (stop.stopRequested()) throw Cancelled();
    const snn::ReluMlp norm = snn::normaliseForSnn(mlp, split.train);
    const auto r = snn::runAnnToSnn(norm, mlp, test, s.o, sink, stop);
    const auto& last = r.points.back();
    sink.scalar("snn_energy_per_example", last.snnEnergy, "J");
    sink.scalar("ann_energy_per_example", last.annEnergy, "J");
    // The earliest time the SNN comes within 1 point of its final accuracy.
    for (const auto& p : r.points)
        if (p.accuracy >= last.accuracy - 0.01) {
            sink.scalar("time_to_final_accuracy", p.time, "s");
            break;
        }
}

}  // namespace

ExperimentKindInfo snnAnnConversionKind() {
    ExperimentKindInfo k;
    k.id = "ann_to_snn";
    k.name = "ANN-to-SNN conversion";
    k.summary = "A trained ReLU MLP run as integrate-and-fire layers on rate-coded digits: accuracy vs simulated time";
    k.settings = conversionSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = runConversion;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const ConversionSetup s = kind_setup::setupAsRead(readSetup, e, project);
        const double h = s.v.at("hidden");
        // All held-out digits run side by side (batches of at most 4e6
        // synapses, ~40 bytes each with ids and CSR lists), the data set, checkpoint rows.
        const double synapses = std::min(4e6, (64 * h + 10 * h) * s.v.at("testExamples"));
        return 8e6 + synapses * 40 + 1797 * 64 * 8 * 3 + (s.o.duration / s.o.checkpoint) * 64;
    };
    return k;
}

}  // namespace ms
