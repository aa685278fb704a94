// Experiment kind "rnn_sequence": an Elman RNN, an LSTM or a GRU whose weight
// matrices are crossbar tiles, trained by backpropagation through time on a
// sequence task (issue 17; core/rnn; docs/rnn.md).
//
//   { "id", "kind": "rnn_sequence", "name",
//     "task": "digits_rowwise" | "fashion_mnist_rowwise" | "mackey_glass" | "csv_series",
//     "seriesFile": "<csv path, relative to the project file>" (csv_series),
//     "cell": "lstm" | "gru" | "elman", "optimizer": "adam" | "sgd",
//     <the device side exactly as ann_training: "mode", "rule", "mapping",
//      "levelsPerDirection", "synapse", "nonidealities", "mitigations", and the
//      scalars tileRows, wMax, dacBits, ... (AnnKindSupport.h readAnalogSettings)>,
//     <scalar settings: hidden, epochs, learningRate, batchSize, gradientClip,
//      initScale, hwaNoise, seed; digits_rowwise: rowsPerStep, testFraction,
//      splitSeed, trainSamples, testSamples; fashion_mnist_rowwise: the same but
//      testFraction (its official split); csv_series: seriesColumn, window,
//      trainFraction; mackey_glass: seriesSamples,
//      sampleInterval, tau, window, trainFraction> }
//
// digits_rowwise reads each 8x8 digit rowsPerStep rows at a time (8 steps of
// 8 pixels by default) and classifies after the last step (softmax readout);
// fashion_mnist_rowwise does the same with the 28x28 Fashion-MNIST images (28
// steps of 28 pixels; the Debian package dataset-fashion-mnist, loaded as
// ann_training loads it); mackey_glass predicts the next sample of a Mackey-Glass series
// (core/data/MackeyGlass.h) from the `window` before it (linear readout), and
// csv_series does the same for a series the user gives as a CSV file.
// Streams: see core/rnn/RnnTraining.h.
#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/ann/AnnExperiment.h"
#include "core/data/DataPaths.h"
#include "core/data/MackeyGlass.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/AnnKindSupport.h"
#include "core/project/kinds/SnnKindSupport.h"
#include "core/rnn/RnnTraining.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& rnnSettings() {
    static const RnnRunSpec d;
    static const std::vector<ParamSpec> specs = {
        {"hidden", "H", "", double(d.hidden), 1, 1024, Scale::Log, "Hidden units of the recurrent cell", "", true},
        {"epochs", "epochs", "", double(d.epochs), 0, 10000, Scale::Linear, "Passes over the training sequences", "", true},
        {"learningRate", "r", "", d.learningRate, 1e-9, 10, Scale::Log, "Learning rate of the optimiser", ""},
        {"batchSize", "B", "", double(d.batchSize), 1, 4096, Scale::Log,
         "Sequences per optimiser step (in situ: per pulse update of the devices)", "", true},
        {"gradientClip", "g_max", "", d.gradientClip, 0, 1e6, Scale::Linear,
         "Largest global norm of one step's gradient (0: no clipping)", ""},
        {"initScale", "k_init", "", d.initScale, 1e-3, 100, Scale::Log, "Multiplier of the initial weight bounds", ""},
        {"hwaNoise", "sigma_HWA", "", d.hwaNoise, 0, 10, Scale::Linear,
         "Hardware-aware training: Gaussian weight noise per forward pass, relative to max|W|", "aihwkit"},
        {"seed", "seed", "", double(d.seed), 0, 9e15, Scale::Linear,
         "Seed of every random draw of the run (init, order, devices, noise)", "", true},
        // digits_rowwise, fashion_mnist_rowwise
        {"rowsPerStep", "k_rows", "", 1, 1, 28, Scale::Linear,
         "Image tasks: image rows read per step (side / k steps of side x k pixels; must divide the side, 8 or 28)", "", true},
        {"testFraction", "f_test", "", 0.3, 0.01, 0.99, Scale::Linear, "digits_rowwise: share of the digits held out", ""},
        {"splitSeed", "seed_split", "", 0, 0, 9e15, Scale::Linear, "Image tasks: seed of the split (digits) and of the subsets", "", true},
        {"trainSamples", "N_train", "", 0, 0, 1e6, Scale::Linear, "Image tasks: training images used, a seeded subset (0: all)", "", true},
        {"testSamples", "N_test", "", 0, 0, 1e6, Scale::Linear, "Image tasks: held-out images used, a seeded subset (0: all)", "", true},
        // mackey_glass
        {"seriesSamples", "N", "", 700, 20, 1e6, Scale::Log, "mackey_glass: samples of the series", "", true},
        {"sampleInterval", "dt_s", "", 1.0, 0.1, 100, Scale::Log, "mackey_glass: time between samples (the equation's unit)", ""},
        {"tau", "tau", "", 17.0, 0.1, 1000, Scale::Log, "mackey_glass: delay (17: the standard chaotic series)",
         "Mackey & Glass 1977"},
        {"window", "T", "", 8, 1, 1000, Scale::Linear, "Series tasks: past samples fed per prediction (steps)", "", true},
        {"trainFraction", "f_train", "", 0.7, 0.05, 0.95, Scale::Linear,
         "Series tasks: leading share of the windows that train (the rest, later in time, test)", ""},
        // csv_series
        {"seriesColumn", "col", "", 0, 0, 1000, Scale::Linear, "csv_series: column of the file holding the series (0-based)",
         "", true},
    };
    return specs;
}

// Every scalar setting: the network's, then the devices' (as ann_training names them).
const std::vector<ParamSpec>& allSettings() {
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> all = rnnSettings();
        const auto& analog = analogSettings();
        all.insert(all.end(), analog.begin(), analog.end());
        return all;
    }();
    return specs;
}

constexpr int kFashionTrain = 60000, kFashionTest = 10000;
const std::vector<std::string> kDigitsKeys = {"rowsPerStep", "testFraction", "splitSeed", "trainSamples", "testSamples"};
const std::vector<std::string> kSeriesKeys = {"seriesSamples", "sampleInterval", "tau", "window", "trainFraction", "seriesColumn"};
const std::vector<std::string> kMackeyGlassKeys = {"seriesSamples", "sampleInterval", "tau"};

struct Setup {
    std::string task;
    RnnRunSpec run;
    ParamValues v;
    std::vector<double> series;  // csv_series: the file's values
};

// csv_series: the file at e.seriesFile, relative to the project file's folder
// (to the working directory for a project that never came from a file).
void readSeriesFile(const nlohmann::json& e, const Project& project, const std::string& path, Setup& s,
                    std::vector<ProjectIssue>& issues) {
    const std::string fp = join(path, "seriesFile");
    if (!e.contains("seriesFile")) {
        issues.push_back({fp, "missing (the path of a CSV file, one value per line or a column per seriesColumn)"});
        return;
    }
    if (!e["seriesFile"].is_string() || e["seriesFile"].get<std::string>().empty()) {
        issues.push_back({fp, "must be the path of a CSV file"});
        return;
    }
    std::filesystem::path file(e["seriesFile"].get<std::string>());
    if (file.is_relative() && !project.baseDirectory().empty()) file = std::filesystem::path(project.baseDirectory()) / file;
    try {
        s.series = loadSeriesCsv(file.string(), static_cast<int>(s.v.at("seriesColumn")));
    } catch (const InputError& err) {
        issues.push_back({fp, err.what()});
    }
}

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path, std::vector<ProjectIssue>& issues) {
    Setup s;
    std::vector<std::string> fields = {"task", "cell", "optimizer", "seriesFile"};
    fields.insert(fields.end(), analogFieldKeys().begin(), analogFieldKeys().end());
    snn_kinds::rejectUnknown(e, allSettings(), fields, path, issues);
    if (!e.contains("task"))
        issues.push_back({join(path, "task"),
                          "missing (\"digits_rowwise\", \"fashion_mnist_rowwise\", \"mackey_glass\" or \"csv_series\")"});
    s.task = snn_kinds::readChoice(e, "task", {"digits_rowwise", "fashion_mnist_rowwise", "mackey_glass", "csv_series"},
                                   "digits_rowwise", path, issues);
    const std::string cell = snn_kinds::readChoice(e, "cell", {"lstm", "gru", "elman"}, "lstm", path, issues);
    s.run.cell = cell == "elman" ? CellType::Elman : cell == "gru" ? CellType::Gru : CellType::Lstm;
    s.run.optimizer =
        snn_kinds::readChoice(e, "optimizer", {"adam", "sgd"}, "adam", path, issues) == "sgd" ? RnnOptimizer::Sgd : RnnOptimizer::Adam;
    s.v = readSettings(e, rnnSettings(), path, issues);
    readAnalogSettings(e, path, issues, s.run.mode, s.run.analog);
    if (e.contains("synapse") && e["synapse"].is_object() && e["synapse"].contains("device"))
        issues.push_back({join(join(path, "synapse"), "device"),
                          "a device-driven synapse is an ann_training feature; give a synapse model {\"model\", \"preset\", \"params\"}"});
    s.run.hidden = static_cast<int>(s.v.at("hidden"));
    s.run.epochs = static_cast<int>(s.v.at("epochs"));
    s.run.learningRate = s.v.at("learningRate");
    s.run.batchSize = static_cast<int>(s.v.at("batchSize"));
    s.run.gradientClip = s.v.at("gradientClip");
    s.run.initScale = s.v.at("initScale");
    s.run.hwaNoise = s.v.at("hwaNoise");
    s.run.seed = static_cast<std::uint64_t>(s.v.at("seed"));
    if (s.run.hwaNoise > 0 && s.run.mode != TrainingMode::HardwareAware)
        issues.push_back({join(path, "hwaNoise"), "is used only with mode \"hardware_aware\""});
    // The other task's settings are ignored (the kind's `superseded` greys them out).
    const bool digits = s.task == "digits_rowwise";
    // Sequence shapes.
    if (s.task == "fashion_mnist_rowwise") {
        const int k = static_cast<int>(s.v.at("rowsPerStep"));
        if (28 % k != 0)
            issues.push_back({join(path, "rowsPerStep"), "must divide the 28 image rows (1, 2, 4, 7, 14 or 28; got " +
                                                             std::to_string(k) + ")"});
        if (s.v.at("trainSamples") > kFashionTrain)
            issues.push_back({join(path, "trainSamples"), "exceeds the 60000 Fashion-MNIST training images"});
        if (s.v.at("testSamples") > kFashionTest)
            issues.push_back({join(path, "testSamples"), "exceeds the 10000 Fashion-MNIST test images"});
    } else if (digits) {
        const int k = static_cast<int>(s.v.at("rowsPerStep"));
        if (8 % k != 0)
            issues.push_back({join(path, "rowsPerStep"), "must divide the 8 image rows (1, 2, 4 or 8; got " + std::to_string(k) + ")"});
        const int heldOut = snn_kinds::heldOutCount(snn_kinds::kDigitsImages, s.v.at("testFraction"));
        if (s.v.at("trainSamples") > snn_kinds::kDigitsImages - heldOut)
            issues.push_back({join(path, "trainSamples"), "exceeds the " + std::to_string(snn_kinds::kDigitsImages - heldOut) +
                                                              " training digits"});
        if (s.v.at("testSamples") > heldOut)
            issues.push_back({join(path, "testSamples"), "exceeds the " + std::to_string(heldOut) + " held-out digits"});
    } else {
        if (s.task == "csv_series") readSeriesFile(e, project, path, s, issues);
        if (s.task == "csv_series" && s.series.empty()) return s;  // the file's problem is reported
        const int n = s.task == "csv_series" ? static_cast<int>(s.series.size()) : static_cast<int>(s.v.at("seriesSamples"));
        const int window = static_cast<int>(s.v.at("window"));
        const int windows = n - window;
        const int trainWindows = static_cast<int>(std::lround(windows * s.v.at("trainFraction")));
        if (windows < 10 || trainWindows < 5 || windows - trainWindows < 5)
            issues.push_back({join(path, "window"), "a window of " + std::to_string(window) + " samples leaves " +
                                                        std::to_string(std::max(windows, 0)) + " windows of the " +
                                                        std::to_string(n) + "-sample series: too few to train and test (at least 5 each)"});
    }
    if (e.contains("seriesFile") && s.task != "csv_series")
        issues.push_back({join(path, "seriesFile"), "is read only by task csv_series (this experiment runs " + s.task + ")"});
    return s;
}

// An image set side / k steps of side x k pixels: k image rows side by side per step.
SequenceSet digitsAsSequences(const Dataset& d, int rowsPerStep) {
    Dataset wide = d;
    wide.imageWidth = d.imageWidth * rowsPerStep;
    wide.imageHeight = d.imageHeight / rowsPerStep;
    return imagesAsRowSequences(wide);
}

SequenceSplit loadTask(const Setup& s) {
    const auto& v = s.v;
    if (s.task == "csv_series") return oneStepWindows(s.series, static_cast<int>(v.at("window")), v.at("trainFraction"));
    if (s.task == "mackey_glass") {
        const auto series = mackeyGlassSeries(static_cast<int>(v.at("seriesSamples")), v.at("sampleInterval"), v.at("tau"));
        return oneStepWindows(series, static_cast<int>(v.at("window")), v.at("trainFraction"));
    }
    const int k = static_cast<int>(v.at("rowsPerStep"));
    if (s.task == "fashion_mnist_rowwise") {
        // ann_training's loader: the official split, scaled to [0, 1], seeded subsets.
        AnnExperimentSetup images;
        images.dataSet = "fashion-mnist";
        images.splitSeed = static_cast<std::uint64_t>(v.at("splitSeed"));
        images.trainSamples = static_cast<int>(v.at("trainSamples"));
        images.testSamples = static_cast<int>(v.at("testSamples"));
        Split split;
        try {
            split = loadAnnData(images);
        } catch (const InputError& err) {
            throw InputError("experiment.task", err.why());
        }
        return {digitsAsSequences(split.train, k), digitsAsSequences(split.test, k)};
    }
    Dataset all = snn_kinds::loadBuiltinDataset("digits", "experiment.task");
    scaleFeatures(all, 16.0);
    Split split = splitDataset(all, v.at("testFraction"), static_cast<std::uint64_t>(v.at("splitSeed")));
    auto first = [](const Dataset& d, int n, std::uint64_t seed) {
        if (n <= 0 || n >= static_cast<int>(d.labels.size())) return d;
        auto perm = seededPermutation(static_cast<int>(d.labels.size()), seed);
        perm.resize(static_cast<std::size_t>(n));
        return subsetOf(d, perm);
    };
    const auto seed = static_cast<std::uint64_t>(v.at("splitSeed"));
    return {digitsAsSequences(first(split.train, static_cast<int>(v.at("trainSamples")), seed + 1), k),
            digitsAsSequences(first(split.test, static_cast<int>(v.at("testSamples")), seed + 2), k)};
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const Setup s = kind_setup::validSetup(readSetup, e, project);
    const SequenceSplit data = loadTask(s);
    sink.log(LogLevel::Info, s.task + ": " + std::to_string(data.train.size()) + " training and " +
                                 std::to_string(data.test.size()) + " test sequences of " +
                                 std::to_string(data.train.sequences.front().rows()) + " steps x " +
                                 std::to_string(data.train.sequences.front().cols()) + " features");
    try {
        runRnnTraining(s.run, data, sink, stop);
    } catch (const InputError& err) {
        throw InputError(join("experiment", err.path()), err.why());
    }
}

// Sequences, steps, features and the weight count of the setup.
struct Size {
    double trainSequences, testSequences, steps, features, cellWeights, readoutWeights;
};

Size sizeOf(const Setup& s) {
    Size z{};
    const double H = s.v.at("hidden");
    if (s.task == "mackey_glass" || s.task == "csv_series") {
        const double n = s.task == "csv_series" ? double(s.series.size()) : s.v.at("seriesSamples");
        const double windows = std::max(0.0, n - s.v.at("window"));
        z.trainSequences = std::round(windows * s.v.at("trainFraction"));
        z.testSequences = windows - z.trainSequences;
        z.steps = s.v.at("window");
        z.features = 1;
        z.readoutWeights = H + 1;
    } else if (s.task == "fashion_mnist_rowwise") {
        z.trainSequences = s.v.at("trainSamples") > 0 ? s.v.at("trainSamples") : kFashionTrain;
        z.testSequences = s.v.at("testSamples") > 0 ? s.v.at("testSamples") : kFashionTest;
        z.steps = 28 / std::max(1.0, s.v.at("rowsPerStep"));
        z.features = 784 / z.steps;
        z.readoutWeights = 10 * (H + 1);
    } else {
        const double heldOut = snn_kinds::heldOutCount(snn_kinds::kDigitsImages, s.v.at("testFraction"));
        z.trainSequences = s.v.at("trainSamples") > 0 ? s.v.at("trainSamples") : snn_kinds::kDigitsImages - heldOut;
        z.testSequences = s.v.at("testSamples") > 0 ? s.v.at("testSamples") : heldOut;
        z.steps = 8 / std::max(1.0, s.v.at("rowsPerStep"));
        z.features = 64 / z.steps;
        z.readoutWeights = 10 * (H + 1);
    }
    z.cellWeights = gateCount(s.run.cell) * H * (z.features + H + 1);
    return z;
}

}  // namespace

ExperimentKindInfo rnnSequenceKind() {
    ExperimentKindInfo k;
    k.id = "rnn_sequence";
    k.name = "Recurrent network on crossbars";
    k.summary = "Elman RNN, LSTM or GRU with crossbar-tile weights trained by BPTT (float, ex situ, in situ, hardware-aware) "
                "on row-wise digits or Mackey-Glass one-step prediction";
    k.settings = allSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = run;
    // The data as doubles, the devices of both matrices, the BPTT caches.
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::setupAsRead(readSetup, e, project);
        const Size z = sizeOf(s);
        const double weights = z.cellWeights + z.readoutWeights;
        return 4e6 + (z.trainSequences + z.testSequences) * z.steps * (z.features + 1) * 8.0 * 2.0 +
               weights * (2.0 * s.run.analog.devicesPerWeight * 64.0 + 8.0 * 8.0) + z.steps * z.cellWeights / z.features * 8.0;
    };
    // Multiply-accumulates of training (forward and BPTT, about three passes' worth).
    k.workEstimate = [](const nlohmann::json& e, const Project& project) {
        std::vector<ProjectIssue> issues;
        const Setup s = readSetup(e, project, "experiment", issues);
        WorkEstimate w;
        w.unit = "multiply-accumulates";
        w.limit = 5e12;
        w.field = "epochs";
        if (!issues.empty()) return w;
        const Size z = sizeOf(s);
        w.amount = 3.0 * s.v.at("epochs") * z.trainSequences * z.steps * (z.cellWeights + z.readoutWeights / z.steps);
        w.detail = std::to_string(static_cast<long>(s.v.at("epochs"))) + " epochs of " +
                   std::to_string(static_cast<long>(z.trainSequences)) + " sequences of " +
                   std::to_string(static_cast<long>(z.steps)) + " steps";
        return w;
    };
    // The other task's settings: kept in the file, unused by this run.
    k.superseded = [](const nlohmann::json& e) {
        std::vector<SupersededSetting> out;
        const std::string task = e.is_object() && e.contains("task") && e["task"].is_string() ? e["task"].get<std::string>()
                                                                                             : "digits_rowwise";
        const bool series = task == "mackey_glass" || task == "csv_series";
        for (const auto& key : series ? kDigitsKeys : kSeriesKeys)
            out.push_back({key, series ? "A setting of the image tasks (this experiment runs " + task + ")"
                                       : "A setting of the series tasks (this experiment runs " + task + ")"});
        if (task == "csv_series")
            for (const auto& key : kMackeyGlassKeys)
                out.push_back({key, "A setting of task mackey_glass (this experiment reads its series from seriesFile)"});
        if (task == "mackey_glass") out.push_back({"seriesColumn", "A setting of task csv_series"});
        if (task == "fashion_mnist_rowwise")
            out.push_back({"testFraction", "Fashion-MNIST has its own split (60000 training, 10000 test images)"});
        return out;
    };
    return k;
}

}  // namespace ms
