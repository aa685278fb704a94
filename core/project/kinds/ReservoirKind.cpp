// Experiment kind "reservoir": reservoir computing with volatile memristors
// (Du et al. 2017; Midya et al. 2019b; docs/reservoir.md). Inputs become pulse
// streams into devices whose state decays between pulses; the conductances
// read afterwards are the reservoir state, and only a linear ridge readout is
// trained. Every run also fits the same readout on the raw inputs (no
// reservoir) and on a reservoir whose devices do not forget (tau = noMemoryTau),
// so the result shows what the device dynamics contribute.
//
//   { "id", "kind": "reservoir", "name",
//     "task": "digits_rows" | "mackey_glass",
//     "device": {model, preset, params} | "<id in devices>"   (default: volatile_diffusive),
//     settings: pulseAmplitude, pulseWidth, slot, readVoltage, substeps, ridge, noMemoryTau,
//               timescales, tauSpread,
//               digits_rows:  pixelThreshold, reads, samples, testFraction, splitSeed,
//               mackey_glass: length, sampleInterval, devices, virtualNodes, washout,
//                             trainFraction, maskSeed }
//
// Scalars: digits_rows accuracy_{reservoir,raw,no_memory} and train_accuracy_*;
// mackey_glass nrmse_{reservoir,raw,no_memory}; features.
// Series: "device_trace" (t, w0..: the device states over the first test
// input), "reservoir_states" (f0..: features of up to 100 test inputs, S),
// "readouts" (readout 0 reservoir / 1 raw / 2 no memory, train and test
// score); digits_rows also "input" (the first test image, c0..c7, one row per
// device); mackey_glass "prediction" (step, target, reservoir, raw, no_memory).
#include <algorithm>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/data/DataPaths.h"
#include "core/data/Dataset.h"
#include "core/data/MackeyGlass.h"
#include "core/project/ExperimentKind.h"
#include "core/project/JsonFields.h"
#include "core/project/KindSetup.h"
#include "core/reservoir/Reservoir.h"
#include "core/reservoir/ReservoirReadout.h"

namespace ms {

using namespace json_fields;
using namespace reservoir;

namespace {

constexpr int kDigitsImages = 1797, kDigitsSide = 8;

const std::vector<ParamSpec>& reservoirSettings() {
    static const std::string du = "Du et al., Nat. Commun. 8:2204 (2017)";
    static const std::string midya = "Midya et al., Adv. Intell. Syst. 1:1900084 (2019b)";
    static const std::vector<ParamSpec> specs = {
        {"pulseAmplitude", "V_p", "V", 1.0, 0, 10, Scale::Linear, "Amplitude of an input pulse (an 'on' pixel; u = 1 in a series)", du},
        {"pulseWidth", "t_w", "s", 1e-3, 1e-12, 1e3, Scale::Log, "Duration of a pulse", du},
        {"slot", "T_slot", "s", 2e-3, 1e-12, 1e3, Scale::Log, "Time from one pulse's start to the next's (>= pulseWidth)", du},
        {"readVoltage", "V_read", "V", 0.1, 1e-4, 10, Scale::Log, "Small voltage at which conductances are read", du},
        {"substeps", "n_RK4", "", 20, 2, 1000, Scale::Log, "Fixed RK4 steps per pulse and per gap", "", true},
        {"ridge", "alpha", "", 1e-4, 0, 1e6, Scale::Linear, "Ridge penalty per sample of the linear readout", ""},
        {"noMemoryTau", "tau_inf", "s", 1e9, 1e-12, 1e9, Scale::Log,
         "tau of the comparison reservoir without short-term memory (needs a device with a parameter tau)", ""},
        {"timescales", "n_tau", "", 1, 1, 4, Scale::Linear,
         "Devices per input stream, with tau, tau r, tau r^2, ... (a bank of memories; needs a parameter tau)", "", true},
        {"tauSpread", "r", "", 0.3, 1e-3, 1e3, Scale::Log, "Ratio r of one timescale's tau to the previous one's", ""},
        {"pixelThreshold", "p_on", "", 8, 0, 16, Scale::Linear, "digits_rows: a pixel (0..16) >= this is a pulse", du},
        {"reads", "n_read", "", 1, 1, 8, Scale::Linear,
         "digits_rows: conductance reads per device, after the last slots (1: at the end of the row only)", "", true},
        {"samples", "n", "", 0, 0, kDigitsImages, Scale::Linear, "digits_rows: images used (0: all 1797)", "", true},
        {"testFraction", "f_test", "", 0.3, 0.01, 0.99, Scale::Linear, "digits_rows: share held out for testing", ""},
        {"splitSeed", "seed", "", 1, 0, 4294967295.0, Scale::Linear, "digits_rows: seed of the train/test split", "", true},
        {"length", "K", "", 1200, 50, 100000, Scale::Log, "mackey_glass: samples of the series", "", true},
        {"sampleInterval", "dt", "", 1, 0.01, 100, Scale::Log, "mackey_glass: time between samples (the equation's units)", ""},
        {"devices", "N", "", 4, 1, 64, Scale::Linear, "mackey_glass: physical devices, each fed the masked input", midya, true},
        {"virtualNodes", "N_v", "", 10, 1, 200, Scale::Linear, "mackey_glass: mask values (slots) per input step and device", midya,
         true},
        {"washout", "K_0", "", 100, 0, 10000, Scale::Linear, "mackey_glass: first steps left out of training and testing", "",
         true},
        {"trainFraction", "f_train", "", 0.7, 0.05, 0.95, Scale::Linear, "mackey_glass: first share of the steps that trains", ""},
        {"maskSeed", "seed_m", "", 1, 0, 4294967295.0, Scale::Linear, "mackey_glass: seed of the input mask", "", true},
    };
    return specs;
}

enum class Task { DigitsRows, MackeyGlass };

struct Setup {
    Task task = Task::DigitsRows;
    DeviceSpec device{"volatile_diffusive", "", {}, std::nullopt};
    ParamValues v;
    PulseTiming timing;
};

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path, std::vector<ProjectIssue>& issues) {
    Setup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(reservoirSettings(), {"task", "device"}), path, issues);
    const std::string task = e.contains("task") ? readString(e, "task", path, issues) : "digits_rows";
    if (task == "mackey_glass") s.task = Task::MackeyGlass;
    else if (task != "digits_rows" && e.contains("task") && e["task"].is_string())
        issues.push_back({join(path, "task"), "must be \"digits_rows\" or \"mackey_glass\" (got \"" + task + "\")"});
    if (e.contains("device")) s.device = parseDeviceSpec(e["device"], project, join(path, "device"), issues);
    s.v = readSettings(e, reservoirSettings(), path, issues);
    const ModelInfo* model = modelRegistry().find(s.device.modelId);
    if (s.v.at("timescales") > 1 && model && !findSpec(model->params, "tau"))
        issues.push_back({join(path, "timescales"), "needs a device model with a parameter tau ('" + s.device.modelId + "' has none)"});
    s.timing.width = s.v.at("pulseWidth");
    s.timing.slot = s.v.at("slot");
    s.timing.readVoltage = s.v.at("readVoltage");
    s.timing.substeps = static_cast<int>(s.v.at("substeps"));
    if (s.timing.slot < s.timing.width)
        issues.push_back({join(path, "slot"), "must be at least pulseWidth (" + formatWithUnit(s.timing.width, "s") + ")"});
    if (s.task == Task::MackeyGlass) {
        const double usable = s.v.at("length") - s.v.at("washout") - 1;
        if (usable * std::min(s.v.at("trainFraction"), 1 - s.v.at("trainFraction")) < 10)
            issues.push_back({join(path, "length"), "leaves fewer than 10 steps to train or to test after the washout of " +
                                                        std::to_string(static_cast<int>(s.v.at("washout"))) + " steps"});
    }
    return s;
}

double featuresPerInput(const Setup& s) {
    return s.v.at("timescales") *
           (s.task == Task::DigitsRows ? kDigitsSide * s.v.at("reads") : s.v.at("devices") * s.v.at("virtualNodes"));
}
double inputsOf(const Setup& s) {
    if (s.task == Task::MackeyGlass) return s.v.at("length");
    return s.v.at("samples") > 0 ? s.v.at("samples") : kDigitsImages;
}

using DeviceBank = std::vector<std::unique_ptr<MemristorModel>>;

// One device per timescale: tau, tau r, tau r^2, ... or, `noMemory`, every one
// at noMemoryTau (empty, with a warning, for a model without tau).
DeviceBank deviceBank(const Setup& s, bool noMemory, FrameSink& sink) {
    const ModelInfo* info = modelRegistry().find(s.device.modelId);
    DeviceBank bank;
    if (!findSpec(info->params, "tau")) {
        if (noMemory)
            sink.log(LogLevel::Warning, "device model '" + s.device.modelId +
                                            "' has no parameter tau: the comparison without short-term memory is left out");
        else
            bank.push_back(instantiateDevice(s.device, "experiment.device"));
        return bank;
    }
    ResolvedDevice resolved;
    resolveDevice(s.device, resolved);
    for (int k = 0; k < static_cast<int>(s.v.at("timescales")); ++k) {
        DeviceSpec spec = s.device;
        spec.params["tau"] = noMemory ? s.v.at("noMemoryTau") : resolved.params.at("tau") * std::pow(s.v.at("tauSpread"), k);
        bank.push_back(instantiateDevice(spec, "experiment.device"));
    }
    return bank;
}

// The states of every device of the bank side by side.
template <class States>
Eigen::MatrixXd bankStates(const DeviceBank& bank, const PulseTiming& timing, const States& states) {
    std::vector<Eigen::MatrixXd> parts;
    Eigen::Index cols = 0;
    for (const auto& m : bank) {
        parts.push_back(states(DeviceReservoir(*m, timing)));
        cols += parts.back().cols();
    }
    Eigen::MatrixXd out(parts.front().rows(), cols);
    for (Eigen::Index c = 0; const auto& part : parts) {
        out.middleCols(c, part.cols()) = part;
        c += part.cols();
    }
    return out;
}

void sendMatrix(FrameSink& sink, const std::string& id, const Eigen::MatrixXd& m, const std::vector<Column>& cols) {
    sink.beginSeries(id, cols);
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = m;
    sink.appendRows(id, rows.data(), static_cast<std::size_t>(rows.rows()));
}

std::vector<Column> numbered(const std::string& prefix, Eigen::Index n, const std::string& unit) {
    std::vector<Column> cols;
    for (Eigen::Index k = 0; k < n; ++k) cols.push_back({prefix + std::to_string(k), unit});
    return cols;
}

// Reservoir states of up to 100 inputs, the heatmap of the studio's view.
void sendStates(FrameSink& sink, const Eigen::MatrixXd& states) {
    sendMatrix(sink, "reservoir_states", states.topRows(std::min<Eigen::Index>(100, states.rows())),
               numbered("f", states.cols(), "S"));
}

void sendReadouts(FrameSink& sink, const std::vector<std::array<double, 2>>& scores, const std::string& what) {
    Eigen::MatrixXd m(static_cast<Eigen::Index>(scores.size()), 3);
    for (std::size_t k = 0; k < scores.size(); ++k) m.row(static_cast<Eigen::Index>(k)) << static_cast<double>(k), scores[k][0], scores[k][1];
    sendMatrix(sink, "readouts", m, {{"readout", ""}, {"train_" + what, ""}, {"test_" + what, ""}});
}

void runDigits(const Setup& s, const DeviceBank& bank, const DeviceBank& frozen, FrameSink& sink, const StopToken& stop) {
    const std::string file = data_paths::findDataFile("digits.csv.gz");
    if (file.empty())
        throw InputError("experiment.task", "cannot find the data file digits.csv.gz (" + data_paths::whereDataWasSought("digits.csv.gz") + ")");
    Dataset all = loadDigitsCsv(file);
    const int n = static_cast<int>(s.v.at("samples"));
    if (n > 0 && n < all.features.rows()) {
        std::vector<int> first(static_cast<std::size_t>(n));
        for (int k = 0; k < n; ++k) first[static_cast<std::size_t>(k)] = k;
        all = subsetOf(all, first);
    }
    const Split split = splitDataset(all, s.v.at("testFraction"), static_cast<std::uint64_t>(s.v.at("splitSeed")));
    ImageRowTask task;
    task.threshold = s.v.at("pixelThreshold");
    task.amplitude = s.v.at("pulseAmplitude");
    task.readSlots.clear();
    for (int c = kDigitsSide - static_cast<int>(s.v.at("reads")); c < kDigitsSide; ++c) task.readSlots.push_back(c);
    const double alpha = s.v.at("ridge");

    auto score = [&](const Eigen::MatrixXd& train, const Eigen::MatrixXd& test) {
        RidgeReadout readout;
        readout.fit(train, oneHot(split.train.labels, all.classCount), alpha);
        return std::array<double, 2>{accuracy(readout.predict(train), split.train.labels),
                                     accuracy(readout.predict(test), split.test.labels)};
    };
    const DeviceReservoir res(*bank.front(), s.timing);
    auto trainOf = [&](const DeviceReservoir& r) { return imageRowStates(r, split.train.features, task); };
    auto testOf = [&](const DeviceReservoir& r) { return imageRowStates(r, split.test.features, task); };
    const Eigen::MatrixXd trainStates = bankStates(bank, s.timing, trainOf);
    const Eigen::MatrixXd testStates = bankStates(bank, s.timing, testOf);
    if (stop.stopRequested()) throw Cancelled();
    sink.progress(0.4);
    std::vector<std::array<double, 2>> scores{score(trainStates, testStates),
                                              score(imageRowInputs(split.train.features, task), imageRowInputs(split.test.features, task))};
    if (!frozen.empty()) scores.push_back(score(bankStates(frozen, s.timing, trainOf), bankStates(frozen, s.timing, testOf)));
    if (stop.stopRequested()) throw Cancelled();
    const char* names[] = {"reservoir", "raw", "no_memory"};
    for (std::size_t k = 0; k < scores.size(); ++k) {
        sink.scalar(std::string("accuracy_") + names[k], scores[k][1], "");
        sink.scalar(std::string("train_accuracy_") + names[k], scores[k][0], "");
    }
    sink.scalar("features", static_cast<double>(testStates.cols()), "");
    sink.scalar("test_images", static_cast<double>(testStates.rows()), "");

    const Eigen::VectorXd image = split.test.features.row(0).transpose();
    Eigen::MatrixXd pixels(kDigitsSide, kDigitsSide);
    for (int r = 0; r < kDigitsSide; ++r)
        for (int c = 0; c < kDigitsSide; ++c) pixels(r, c) = image(r * kDigitsSide + c) >= task.threshold ? 1.0 : 0.0;
    sendMatrix(sink, "input", pixels, numbered("c", kDigitsSide, ""));
    std::vector<Column> traceCols{{"t", "s"}};
    for (const auto& c : numbered("w", kDigitsSide, "")) traceCols.push_back(c);
    sendMatrix(sink, "device_trace", imageRowTrace(res, image, task), traceCols);
    sendStates(sink, testStates);
    sendReadouts(sink, scores, "accuracy");
}

void runMackeyGlass(const Setup& s, const DeviceBank& bank, const DeviceBank& frozen, FrameSink& sink, const StopToken& stop) {
    const int length = static_cast<int>(s.v.at("length")), washout = static_cast<int>(s.v.at("washout"));
    const std::vector<double> x = mackeyGlassSeries(length, s.v.at("sampleInterval"));
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    std::vector<double> u(x.size());
    for (std::size_t k = 0; k < x.size(); ++k) u[k] = (x[k] - *lo) / std::max(*hi - *lo, 1e-12);

    const Eigen::MatrixXd mask =
        uniformMask(static_cast<int>(s.v.at("devices")), static_cast<int>(s.v.at("virtualNodes")),
                    static_cast<unsigned long long>(s.v.at("maskSeed")));
    // Step k's features predict x[k + 1]; steps before the washout are dropped.
    const int usable = length - washout - 1;
    const int trainSteps = static_cast<int>(std::lround(usable * s.v.at("trainFraction")));
    const int testSteps = usable - trainSteps;
    Eigen::VectorXd target(usable);
    for (int k = 0; k < usable; ++k) target(k) = x[static_cast<std::size_t>(washout + k + 1)];
    const Eigen::VectorXd trainTarget = target.head(trainSteps), testTarget = target.tail(testSteps);

    auto evaluate = [&](const Eigen::MatrixXd& all, Eigen::VectorXd& testPrediction) {
        const Eigen::MatrixXd f = all.middleRows(washout, usable);
        RidgeReadout readout;
        readout.fit(f.topRows(trainSteps), trainTarget, s.v.at("ridge"));
        testPrediction = readout.predict(f.bottomRows(testSteps)).col(0);
        return std::array<double, 2>{nrmse(readout.predict(f.topRows(trainSteps)).col(0), trainTarget),
                                     nrmse(testPrediction, testTarget)};
    };
    auto statesOf = [&](const DeviceReservoir& r) { return seriesStates(r, u, mask, s.v.at("pulseAmplitude")); };
    const Eigen::MatrixXd states = bankStates(bank, s.timing, statesOf);
    if (stop.stopRequested()) throw Cancelled();
    sink.progress(0.4);
    Eigen::MatrixXd raw(length, 1);
    for (int k = 0; k < length; ++k) raw(k, 0) = u[static_cast<std::size_t>(k)];
    std::vector<Eigen::VectorXd> predictions(3, Eigen::VectorXd::Constant(testSteps, std::nan("")));
    std::vector<std::array<double, 2>> scores{evaluate(states, predictions[0]), evaluate(raw, predictions[1])};
    if (!frozen.empty()) scores.push_back(evaluate(bankStates(frozen, s.timing, statesOf), predictions[2]));
    if (stop.stopRequested()) throw Cancelled();
    const char* names[] = {"reservoir", "raw", "no_memory"};
    for (std::size_t k = 0; k < scores.size(); ++k) {
        sink.scalar(std::string("nrmse_") + names[k], scores[k][1], "");
        sink.scalar(std::string("train_nrmse_") + names[k], scores[k][0], "");
    }
    sink.scalar("features", static_cast<double>(states.cols()), "");

    Eigen::MatrixXd pred(testSteps, 5);
    for (int k = 0; k < testSteps; ++k)
        pred.row(k) << washout + trainSteps + k + 1, testTarget(k), predictions[0](k), predictions[1](k), predictions[2](k);
    sendMatrix(sink, "prediction", pred, {{"step", ""}, {"target", ""}, {"reservoir", ""}, {"raw", ""}, {"no_memory", ""}});
    // The devices' states over the first test steps (one row per slot end).
    const int traced = std::min(testSteps, 20), nodes = static_cast<int>(mask.cols());
    Eigen::MatrixXd trace(traced * nodes, 1 + mask.rows());
    const Eigen::MatrixXd& window = states.middleRows(washout + trainSteps, traced);
    for (int k = 0; k < traced; ++k)
        for (int j = 0; j < nodes; ++j) {
            trace(k * nodes + j, 0) = ((k * nodes + j) + 1) * s.timing.slot;
            for (Eigen::Index d = 0; d < mask.rows(); ++d)
                trace(k * nodes + j, 1 + d) = window(k, d * nodes + j);
        }
    std::vector<Column> traceCols{{"t", "s"}};
    for (const auto& c : numbered("G", mask.rows(), "S")) traceCols.push_back(c);
    sendMatrix(sink, "device_trace", trace, traceCols);
    sendStates(sink, states.middleRows(washout + trainSteps, testSteps));
    sendReadouts(sink, scores, "nrmse");
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const Setup s = kind_setup::validSetup(readSetup, e, project);
    const DeviceBank bank = deviceBank(s, false, sink), frozen = deviceBank(s, true, sink);
    // RK4 is stable for steps up to ~2.8 tau; warn well before, the results would be the step's, not the device's.
    ResolvedDevice resolved;
    resolveDevice(s.device, resolved);
    if (resolved.params.count("tau")) {
        const double gap = s.timing.slot - s.timing.width;
        const double h = std::min(s.timing.width, gap > 0 ? gap : s.timing.width) / s.timing.substeps;
        const double shortest =
            resolved.params.at("tau") * std::min(1.0, std::pow(s.v.at("tauSpread"), s.v.at("timescales") - 1));
        if (h > 0.5 * shortest)
            sink.log(LogLevel::Warning, "the RK4 step (" + formatWithUnit(h, "s") + ") is longer than the shortest tau / 2 (" +
                                            formatWithUnit(shortest / 2, "s") + "): raise substeps");
    }
    if (s.task == Task::DigitsRows) runDigits(s, bank, frozen, sink, stop);
    else runMackeyGlass(s, bank, frozen, sink, stop);
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo reservoirKind() {
    ExperimentKindInfo k;
    k.id = "reservoir";
    k.name = "Reservoir computing (volatile memristors)";
    k.summary = "Volatile-memristor reservoir with a ridge readout: digits read row by row or Mackey-Glass one-step "
                "prediction, against raw inputs and a reservoir without short-term memory";
    k.settings = reservoirSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = run;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::setupAsRead(readSetup, e, project);
        // The data set, two feature matrices of every input and the readout's Gram matrix.
        const double f = featuresPerInput(s);
        return 4e6 + inputsOf(s) * (64 + 3 * f) * 8.0 + f * f * 8.0;
    };
    k.workEstimate = [](const nlohmann::json& e, const Project& project) {
        std::vector<ProjectIssue> issues;
        const Setup s = readSetup(e, project, "experiment", issues);
        WorkEstimate w;
        w.unit = "RK4 steps";
        w.limit = 2e9;
        w.field = s.task == Task::DigitsRows ? "samples" : "length";
        if (!issues.empty()) return w;
        const double slots = s.task == Task::DigitsRows ? inputsOf(s) * kDigitsSide * kDigitsSide
                                                        : inputsOf(s) * s.v.at("devices") * s.v.at("virtualNodes");
        // Twice (the reservoir and the one without memory), once per timescale.
        w.amount = 2.0 * s.v.at("timescales") * slots * 2.0 * s.v.at("substeps");
        w.detail = std::to_string(static_cast<long long>(slots)) + " pulse slots of " +
                   std::to_string(2 * static_cast<int>(s.v.at("substeps"))) + " RK4 steps, twice for each of " +
                   std::to_string(static_cast<int>(s.v.at("timescales"))) + " timescales";
        return w;
    };
    return k;
}

}  // namespace ms
