// Experiment kind "ann_training": an SLP, MLP or small CNN trained on a data
// set with its weights on memristive crossbar tiles (issue 6; core/ann).
//
//   { "id", "kind": "ann_training", "name",
//     "data": {"set": "digits" | "iris" | "fashion-mnist", "testFraction", "splitSeed",
//              "trainSamples", "testSamples", "folder", "cropWidth", "cropHeight", "downsample", "binarize"},
//     "network": {"layers": [64, 32, 10], "activation": "relu" | "sigmoid" | "tanh" | "threshold",
//                 "loss": "softmax_cross_entropy" | "squared_error", "conv": {"filters", "kernel"},
//                 "bias": true, "init": "he_xavier" | "neurosim"},
//     "learningRates": [r1, r2, ...]   (optional, one per weight layer; default learningRate for all),
//     "adcBounds": [b1, b2, ...]       (optional, one per weight layer; default adcBound for all),
//     "levelsPerDirection": false      (true: LTP updates count in levelsLTP steps, LTD in levelsLTD),
//     "mode": "float" | "ex_situ" | "in_situ" | "hardware_aware",
//     "rule": "stochastic" | "proportional" | "manhattan", "mapping": "differential" | "reference_column",
//     "synapse": {"model", "preset", "params": {...}}
//              | {"device": "<id in devices>" | {"model", "preset", "params", "window"},
//                 "pulse": {"potentiationAmplitude", "depressionAmplitude", "width", "gap", "readVoltage",
//                           "scheme": "fixed_amplitude" | "designed_amplitude" | "designed_width",
//                           "maxAmplitude", "minWidth", "maxWidth"}},
//     "nonidealities": {"stuckOff", "stuckOn", "inferenceTime", "drift": {...}, "readNoise": {...},
//                       "irDrop": {"enabled", "rWireRow", "rWireCol", "rDriver", "rSense", "readVoltage", "refreshCalls"}},
//     "mitigations": {"bipolarPulses", "fuSegments", "devicesPerWeight", "writeVerify", "verifyTolerance",
//                     "verifyMaxIterations", "driftCompensation", "irDropCompensation"},
//     "trainAccuracyEachEpoch": true,
//     "circuitEstimate": {"cell": "1m" | "1m1t", <cost settings (AnnCircuitEstimates.h); docs/circuit-estimates.md>},
//     <scalar settings: epochs, learningRate, batchSize, seed, tileRows, dacBits, ... (annTrainingSettings)> }
//
// A synapse given as a device (issue 6: "a physical device model driven by
// pulses") is measured once before training: the device engine (core/sim
// runPulseExperiment) applies 16 potentiation then 16 depression pulses of the
// given drive, read between pulses, and that conductance-vs-pulse curve
// becomes the "lookup_table" synapse (core/fit lookupTableFromCurve). 16 is the
// table's number of intervals, so every knot is one simulated pulse and the
// synapse replays the device's curve exactly at every pulse when depression
// returns the device to where potentiation started. A device whose loop does
// not close from its initial state (a window, unlike ON/OFF rates) is first
// cycled with the drive to the loop it settles to, as training keeps it
// there; what remains (read disturb of a thresholdless model) is streamed as
// device_synapse_max_error and logged as a warning above 1e-6. The drive
// also sets the write energy (writeVoltage = |potentiationAmplitude|,
// pulseWidth = width). Series "device_pulse_curve" (pulse, G device, G
// synapse, phase) shows the curve and its replay. With pulse.scheme
// designed_amplitude (or designed_width) the pulse designer (core/sim
// PulseDesigner.h) first solves for 16 + 16 pulses that step G equally over
// the range the identical drive spans, and the device is measured under them:
// the synapse then has the linear, symmetric curve the designed train gives
// (series "device_designed_pulses" lists it).
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/ann/AnnExperiment.h"
#include "core/ann/AnnTraining.h"
#include "core/common/Errors.h"
#include "core/fit/PulseFit.h"
#include "core/project/ExperimentKind.h"
#include "core/project/JsonFields.h"
#include "core/project/kinds/AnnCircuitEstimates.h"
#include "core/project/kinds/AnnKindSupport.h"
#include "core/sim/PulseExperiment.h"
#include "core/synapses/PulseSynapse.h"

namespace ms {

using namespace json_fields;

ExperimentKindInfo annTrainingKind();

const std::vector<ParamSpec>& analogSettings() {
    static const AnalogSpec d;
    static const std::vector<ParamSpec> specs = {
        {"manhattanThreshold", "theta", "", d.manhattanThreshold, 0, 1e6, Scale::Linear,
         "Manhattan rule: |dW| below this many nominal pulse steps gives no pulse", "Prezioso 2015"},
        {"maxPulsesPerUpdate", "n_max", "", double(d.maxPulsesPerUpdate), 1, 10000, Scale::Log,
         "Largest pulse count of one update", "NeuroSim", true},
        {"tileRows", "tile_rows", "", double(d.tileRows), 2, 4096, Scale::Log,
         "Rows (inputs incl. bias) of one crossbar tile", "MemTorch 128", true},
        {"tileCols", "tile_cols", "", double(d.tileCols), 1, 4096, Scale::Log,
         "Columns of one crossbar tile (a differential pair takes two)", "", true},
        {"wMax", "w_max", "", d.wMax, 1e-6, 1e6, Scale::Log, "Weight at the full conductance swing (in situ)", ""},
        {"dacBits", "b_DAC", "", double(d.dacBits), 0, 24, Scale::Linear, "Input DAC resolution (0: ideal); inputs >= 0 get 2^b levels from 0, so 1 bit binarises at half scale", "", true},
        {"adcBits", "b_ADC", "", double(d.adcBits), 0, 24, Scale::Linear, "Output ADC resolution (0: ideal); 2^b - 1 levels symmetric about 0, 1 bit is the sign", "", true},
        {"adcBound", "ADC_FS", "", d.adcBound, 1e-3, 1e6, Scale::Log,
         "ADC full scale in units of wMax at unit input", "aihwkit out_bound"},
        {"readGain", "g_read", "", d.readGain, 1e-3, 1e3, Scale::Log,
         "Gain of the array's read path after the ADC (forward passes; updates use the weights); 0.5 mirrors MLP_NeuroSim's "
         "reference-column read, which yields half the weighted sum",
         "MLP_NeuroSim V3.0 Train.cpp"},
        {"writeVoltage", "V_w", "V", d.writeVoltage, 1e-3, 100, Scale::Log, "Write pulse amplitude (energy V^2 G t)", "NeuroSim"},
        {"pulseWidth", "t_w", "s", d.pulseWidth, 1e-12, 1, Scale::Log, "Nominal write pulse width", "NeuroSim"},
    };
    return specs;
}

namespace {

// The training loop's settings (epochs, rate, batch, seed, ...).
const std::vector<ParamSpec>& loopSettings() {
    static const AnnRunSpec d;
    static const std::vector<ParamSpec> specs = {
        {"epochs", "epochs", "", double(d.training.epochs), 0, 100000, Scale::Linear, "Passes over the training set", "", true},
        {"learningRate", "r", "", d.training.learningRate, 1e-9, 100, Scale::Log, "Learning rate of the weight updates", ""},
        {"batchSize", "B", "", double(d.training.batchSize), 1, 65536, Scale::Log,
         "Samples per update (float, ex situ, HWA; in situ updates after every sample)", "", true},
        {"hwaNoise", "sigma_HWA", "", d.training.hwaNoise, 0, 10, Scale::Linear,
         "Hardware-aware training: Gaussian weight noise per forward pass, relative to max|W|", "aihwkit"},
        {"seed", "seed", "", double(d.training.seed), 0, 9e15, Scale::Linear,
         "Seed of every random draw of the run (init, order, devices, noise)", "", true},
        {"initScale", "k_init", "", d.training.initScale, 1e-3, 100, Scale::Log, "Multiplier of the He/Xavier initial weights", ""},
        {"imagesPerEpoch", "N_epoch", "", double(d.training.imagesPerEpoch), 0, 1e7, Scale::Linear,
         "Samples per epoch drawn at random (distinct, seeded) from the whole training set (0: all, in a seeded order)",
         "MLP_NeuroSim numTrainImagesPerEpoch", true},
        {"snapshotsPerEpoch", "snapshots", "", 2, 0, 100, Scale::Linear,
         "Conductance maps streamed per epoch (0: none)", "", true},
    };
    return specs;
}

// ann_training's scalar settings: the loop's, then the devices' (analogSettings).
const std::vector<ParamSpec>& trainingSettings() {
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> all = loopSettings();
        const auto& analog = analogSettings();
        all.insert(all.end(), analog.begin(), analog.end());
        return all;
    }();
    return specs;
}

const std::vector<ParamSpec>& dataSettings() {
    static const std::vector<ParamSpec> specs = {
        {"testFraction", "f_test", "", 0.3, 0.01, 0.99, Scale::Linear, "Share of the set held out for testing (digits, iris)", ""},
        {"splitSeed", "seed_split", "", 0, 0, 9e15, Scale::Linear, "Seed of the train/test split and subsets", "", true},
        {"trainSamples", "N_train", "", 0, 0, 1e7, Scale::Linear, "Training samples used (0: all)", "", true},
        {"testSamples", "N_test", "", 0, 0, 1e7, Scale::Linear, "Test samples used (0: all)", "", true},
        {"cropWidth", "w_crop", "px", 0, 0, 4096, Scale::Linear, "Centre crop of each image to this width (0: none; images only)", "", true},
        {"cropHeight", "h_crop", "px", 0, 0, 4096, Scale::Linear, "Centre crop of each image to this height (0: none; images only)", "", true},
        {"downsample", "k_down", "", 1, 1, 64, Scale::Linear,
         "Shrinks each image (after the crop) by this factor, each pixel the mean of its block (1: none)", "", true},
        {"binarize", "theta_bw", "", 0, 0, 1, Scale::Linear,
         "Pixels (scaled to 0..1) at or above this become 1, others 0 (0: off)", "MLP_NeuroSim BWthreshold 0.5"},
    };
    return specs;
}

const std::vector<ParamSpec>& faultSettings() {
    static const std::vector<ParamSpec> specs = {
        {"stuckOff", "p_off", "", 0, 0, 1, Scale::Linear, "Probability of a device stuck at Gmin", "MemTorch, MNSIM"},
        {"stuckOn", "p_on", "", 0, 0, 1, Scale::Linear, "Probability of a device stuck at Gmax", "MemTorch, MNSIM"},
        {"inferenceTime", "t_inf", "s", 0, 0, 1e10, Scale::Linear, "Time after programming at which accuracy is read (drift)", ""},
    };
    return specs;
}

const std::vector<ParamSpec>& irDropSettings() {
    static const IrDropSpec d;
    static const std::vector<ParamSpec> specs = {
        {"rWireRow", "r_row", "ohm", d.rWireRow, 0, 1e6, Scale::Linear, "Word-line resistance per cell segment", ""},
        {"rWireCol", "r_col", "ohm", d.rWireCol, 0, 1e6, Scale::Linear, "Bit-line resistance per cell segment", ""},
        {"rDriver", "R_drv", "ohm", d.rDriver, 0, 1e9, Scale::Linear, "Row driver output resistance", ""},
        {"rSense", "R_sense", "ohm", d.rSense, 0, 1e9, Scale::Linear, "Column sense resistance (0: virtual ground)", ""},
        {"readVoltage", "V_read", "V", d.readVoltage, 1e-4, 10, Scale::Log, "Row voltage at full-scale input", ""},
        {"refreshCalls", "n_refresh", "", double(d.refreshCalls), 1, 1e9, Scale::Log,
         "In situ: exact re-solve of a tile at least every this many reads (first order in dG between)", "", true},
    };
    return specs;
}

const std::vector<ParamSpec>& mitigationSettings() {
    static const AnalogSpec d;
    static const std::vector<ParamSpec> specs = {
        {"fuSegments", "n_seg", "", double(d.fuSegments), 0, 1000, Scale::Linear,
         "Non-identical pulses: piecewise-linear segments (0: off)", "Fu 2019", true},
        {"devicesPerWeight", "N_dev", "", double(d.devicesPerWeight), 1, 64, Scale::Linear,
         "Device pairs averaged per weight (redundancy)", "", true},
        {"verifyTolerance", "tol", "", d.verifyTolerance, 1e-3, 100, Scale::Log, "Write-verify tolerance in nominal steps", "Alibart 2012"},
        {"verifyMaxIterations", "n_verify", "", double(d.verifyMaxIterations), 1, 10000, Scale::Log,
         "Write-verify iterations per device at most", "", true},
    };
    return specs;
}

bool readBool(const nlohmann::json& o, const std::string& key, bool def, const std::string& path,
              std::vector<ProjectIssue>& issues) {
    if (!o.is_object() || !o.contains(key)) return def;
    if (!o[key].is_boolean()) {
        issues.push_back({join(path, key), "must be true or false (got " + typeName(o[key]) + ")"});
        return def;
    }
    return o[key].get<bool>();
}

// A string field with a fixed set of choices; returns the index of the choice.
int readChoice(const nlohmann::json& o, const std::string& key, const std::vector<std::string>& choices, int def,
               const std::string& path, std::vector<ProjectIssue>& issues) {
    if (!o.is_object() || !o.contains(key)) return def;
    const std::string v = readString(o, key, path, issues);
    for (std::size_t k = 0; k < choices.size(); ++k)
        if (v == choices[k]) return static_cast<int>(k);
    if (o[key].is_string()) {
        std::string list;
        for (const auto& c : choices) list += (list.empty() ? "\"" : ", \"") + c + "\"";
        issues.push_back({join(path, key), "must be one of " + list + " (got \"" + v + "\")"});
    }
    return def;
}

// A per-layer list of numbers in [lo, hi] (one per weight layer, inputs first);
// empty when the key is absent. `layers` < 0: the layer count is unknown here.
std::vector<double> readPerLayer(const nlohmann::json& e, const std::string& key, int layers, double lo, double hi,
                                 const std::string& path, std::vector<ProjectIssue>& issues) {
    std::vector<double> out;
    if (!e.is_object() || !e.contains(key)) return out;
    const std::string p = join(path, key);
    const auto& v = e[key];
    if (!v.is_array() || v.empty()) {
        issues.push_back({p, "must be an array of numbers, one per weight layer"});
        return out;
    }
    for (std::size_t k = 0; k < v.size(); ++k) {
        if (!v[k].is_number() || !(v[k].get<double>() >= lo && v[k].get<double>() <= hi)) {
            issues.push_back({index(p, k), "must be a number from " + formatWithUnit(lo, "") + " to " + formatWithUnit(hi, "")});
            return {};
        }
        out.push_back(v[k].get<double>());
    }
    if (layers >= 0 && static_cast<int>(out.size()) != layers) {
        issues.push_back({p, "has " + std::to_string(out.size()) + " entries for " + std::to_string(layers) +
                                 " weight layers (one per layer, inputs first)"});
        return {};
    }
    return out;
}

const nlohmann::json& section(const nlohmann::json& e, const std::string& key, const std::string& path,
                              std::vector<ProjectIssue>& issues) {
    static const nlohmann::json empty = nlohmann::json::object();
    if (!e.contains(key)) return empty;
    if (!e[key].is_object()) {
        issues.push_back({join(path, key), "must be an object (got " + typeName(e[key]) + ")"});
        return empty;
    }
    return e[key];
}

std::vector<std::string> keysOf(const std::vector<ParamSpec>& specs, std::vector<std::string> more) {
    for (const auto& s : specs) more.push_back(s.key);
    return more;
}

}  // namespace

void readAnalogSettings(const nlohmann::json& e, const std::string& path, std::vector<ProjectIssue>& issues,
                        TrainingMode& mode, AnalogSpec& a) {
    mode = static_cast<TrainingMode>(readChoice(e, "mode", {"float", "ex_situ", "in_situ", "hardware_aware"}, 0, path, issues));
    a.rule = static_cast<UpdateRule>(readChoice(e, "rule", {"manhattan", "proportional", "stochastic"}, 2, path, issues));
    a.mapping = static_cast<WeightMapping>(readChoice(e, "mapping", {"differential", "reference_column"}, 0, path, issues));
    a.levelsPerDirection = readBool(e, "levelsPerDirection", false, path, issues);
    const ParamValues tv = readSettings(e, analogSettings(), path, issues);
    a.manhattanThreshold = tv.at("manhattanThreshold");
    a.maxPulsesPerUpdate = static_cast<int>(tv.at("maxPulsesPerUpdate"));
    a.tileRows = static_cast<int>(tv.at("tileRows"));
    a.tileCols = static_cast<int>(tv.at("tileCols"));
    a.wMax = tv.at("wMax");
    a.dacBits = static_cast<int>(tv.at("dacBits"));
    a.adcBits = static_cast<int>(tv.at("adcBits"));
    a.adcBound = tv.at("adcBound");
    a.readGain = tv.at("readGain");
    a.writeVoltage = tv.at("writeVoltage");
    a.pulseWidth = tv.at("pulseWidth");

    // Device model (checked by its registry; errors located under synapse).
    const std::string sp = join(path, "synapse");
    const auto& syn = section(e, "synapse", path, issues);
    rejectUnknownKeys(syn, {"model", "preset", "params", "device", "pulse"}, sp, issues);
    const bool deviceSynapse = syn.contains("device");
    if (deviceSynapse) {
        for (const char* k : {"model", "preset", "params"})
            if (syn.contains(k))
                issues.push_back({join(sp, k), "give either a device (synapse.device) or a synapse model, not both"});
        // Placeholder until the run measures the device (useDeviceSynapse).
        a.synapseModel = "lookup_table";
    } else if (syn.contains("pulse")) {
        issues.push_back({join(sp, "pulse"), "only with synapse.device (the drive of a physical device model)"});
    }
    if (!deviceSynapse && syn.contains("model")) a.synapseModel = readString(syn, "model", sp, issues);
    a.synapsePreset = readString(syn, "preset", sp, issues);
    if (syn.contains("params")) {
        if (!syn["params"].is_object())
            issues.push_back({join(sp, "params"), "must be an object of numbers"});
        else
            a.synapseParams = readNumbers(syn["params"], join(sp, "params"), issues);
    }
    if (!deviceSynapse && (mode != TrainingMode::Float || syn.contains("model"))) {
        try {
            instantiateSynapse(a.synapseModel, a.synapseParams, a.synapsePreset, sp);
        } catch (const InputError& err) {
            issues.push_back({err.path(), err.why()});
        }
    }

    // Non-idealities.
    const std::string ip = join(path, "nonidealities");
    const auto& non = section(e, "nonidealities", path, issues);
    rejectUnknownKeys(non, keysOf(faultSettings(), {"drift", "readNoise", "irDrop"}), ip, issues);
    const ParamValues fv = readSettings(non, faultSettings(), ip, issues);
    a.stuckOffProbability = fv.at("stuckOff");
    a.stuckOnProbability = fv.at("stuckOn");
    if (a.stuckOffProbability + a.stuckOnProbability > 1)
        issues.push_back({join(ip, "stuckOn"), "stuckOff + stuckOn must not exceed 1"});
    a.inferenceTime = fv.at("inferenceTime");
    const auto& drift = section(non, "drift", ip, issues);
    rejectUnknownKeys(drift, keysOf(driftParamSpecs(), {}), join(ip, "drift"), issues);
    a.drift = driftFromValues(readSettings(drift, driftParamSpecs(), join(ip, "drift"), issues));
    const auto& noise = section(non, "readNoise", ip, issues);
    rejectUnknownKeys(noise, keysOf(readNoiseParamSpecs(), {}), join(ip, "readNoise"), issues);
    const ParamValues rn = readSettings(noise, readNoiseParamSpecs(), join(ip, "readNoise"), issues);
    a.readNoise.sigmaRead = rn.at("sigmaRead");
    a.readNoise.sigmaOut = rn.at("sigmaOut");
    const std::string irp = join(ip, "irDrop");
    const auto& ir = section(non, "irDrop", ip, issues);
    rejectUnknownKeys(ir, keysOf(irDropSettings(), {"enabled"}), irp, issues);
    a.irDrop.enabled = readBool(ir, "enabled", !ir.empty(), irp, issues);
    const ParamValues iv = readSettings(ir, irDropSettings(), irp, issues);
    a.irDrop.rWireRow = iv.at("rWireRow");
    a.irDrop.rWireCol = iv.at("rWireCol");
    a.irDrop.rDriver = iv.at("rDriver");
    a.irDrop.rSense = iv.at("rSense");
    a.irDrop.readVoltage = iv.at("readVoltage");
    a.irDrop.refreshCalls = static_cast<int>(iv.at("refreshCalls"));

    // Mitigations.
    const std::string mp = join(path, "mitigations");
    const auto& mit = section(e, "mitigations", path, issues);
    rejectUnknownKeys(mit, keysOf(mitigationSettings(), {"bipolarPulses", "writeVerify", "driftCompensation", "irDropCompensation"}),
                      mp, issues);
    a.bipolarPulses = readBool(mit, "bipolarPulses", false, mp, issues);
    a.writeVerify = readBool(mit, "writeVerify", false, mp, issues);
    a.driftCompensation = readBool(mit, "driftCompensation", false, mp, issues);
    a.irDrop.compensation = readBool(mit, "irDropCompensation", false, mp, issues);
    if (a.irDrop.compensation && !a.irDrop.enabled)
        issues.push_back({join(mp, "irDropCompensation"), "needs nonidealities.irDrop enabled"});
    const ParamValues mv = readSettings(mit, mitigationSettings(), mp, issues);
    a.fuSegments = static_cast<int>(mv.at("fuSegments"));
    a.devicesPerWeight = static_cast<int>(mv.at("devicesPerWeight"));
    a.verifyTolerance = mv.at("verifyTolerance");
    a.verifyMaxIterations = static_cast<int>(mv.at("verifyMaxIterations"));
    if (a.devicesPerWeight > a.tileRows)
        issues.push_back({join(mp, "devicesPerWeight"), "is " + std::to_string(a.devicesPerWeight) +
                                                            " but a tile has only " + std::to_string(a.tileRows) +
                                                            " rows (each redundant device takes its own row)"});

}

const std::vector<std::string>& analogFieldKeys() {
    static const std::vector<std::string> keys = {"mode", "rule", "mapping", "levelsPerDirection", "synapse",
                                                  "nonidealities", "mitigations"};
    return keys;
}

AnnExperimentSetup readAnnSetup(const nlohmann::json& e, const std::string& path, std::vector<ProjectIssue>& issues,
                                const std::vector<std::string>& extraKeys) {
    AnnExperimentSetup s;
    AnnRunSpec& r = s.run;
    std::vector<std::string> known = keysOf(trainingSettings(), {"id", "kind", "name", "description", "data", "network",
                                                                 "mode", "rule", "mapping", "synapse", "nonidealities",
                                                                 "mitigations", "trainAccuracyEachEpoch", "learningRates",
                                                                 "adcBounds", "levelsPerDirection"});
    known.insert(known.end(), extraKeys.begin(), extraKeys.end());
    rejectUnknownKeys(e, known, path, issues);

    // Data set.
    const std::string dp = join(path, "data");
    const auto& data = section(e, "data", path, issues);
    rejectUnknownKeys(data, keysOf(dataSettings(), {"set", "folder"}), dp, issues);
    static const std::vector<std::string> sets = {"digits", "iris", "fashion-mnist"};
    s.dataSet = sets[static_cast<std::size_t>(readChoice(data, "set", sets, 0, dp, issues))];
    s.dataFolder = readString(data, "folder", dp, issues);
    const ParamValues dv = readSettings(data, dataSettings(), dp, issues);
    s.testFraction = dv.at("testFraction");
    s.splitSeed = static_cast<std::uint64_t>(dv.at("splitSeed"));
    s.trainSamples = static_cast<int>(dv.at("trainSamples"));
    s.testSamples = static_cast<int>(dv.at("testSamples"));
    s.cropWidth = static_cast<int>(dv.at("cropWidth"));
    s.cropHeight = static_cast<int>(dv.at("cropHeight"));
    s.downsample = static_cast<int>(dv.at("downsample"));
    s.binarize = dv.at("binarize");

    // Network.
    const std::string np = join(path, "network");
    const auto& net = section(e, "network", path, issues);
    rejectUnknownKeys(net, {"layers", "activation", "loss", "conv", "bias", "init"}, np, issues);
    if (!net.contains("layers")) {
        issues.push_back({join(np, "layers"), "missing (layer sizes, inputs first: e.g. [64, 32, 10])"});
    } else if (!net["layers"].is_array() || net["layers"].size() < 2) {
        issues.push_back({join(np, "layers"), "must be an array of at least two layer sizes (inputs ... outputs)"});
    } else {
        r.network.layerSizes.clear();
        for (std::size_t k = 0; k < net["layers"].size(); ++k) {
            const auto& v = net["layers"][k];
            if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 100000)
                issues.push_back({index(join(np, "layers"), k), "must be a whole number from 1 to 100000"});
            else
                r.network.layerSizes.push_back(v.get<int>());
        }
    }
    r.network.hidden =
        static_cast<Activation>(readChoice(net, "activation", {"sigmoid", "tanh", "relu", "threshold"}, 2, np, issues));
    r.network.bias = readBool(net, "bias", true, np, issues);
    r.network.init = static_cast<WeightInit>(readChoice(net, "init", {"he_xavier", "neurosim"}, 0, np, issues));
    r.network.loss = static_cast<OutputLoss>(readChoice(net, "loss", {"softmax_cross_entropy", "squared_error"}, 0, np, issues));
    if (net.contains("conv")) {
        const std::string cp = join(np, "conv");
        const auto& conv = section(net, "conv", np, issues);
        rejectUnknownKeys(conv, {"filters", "kernel"}, cp, issues);
        static const std::vector<ParamSpec> convSpecs = {
            {"filters", "F", "", 8, 1, 256, Scale::Linear, "Convolution filters", "", true},
            {"kernel", "k", "", 3, 1, 15, Scale::Linear, "Square kernel size (stride 1, no padding)", "", true}};
        const ParamValues cv = readSettings(conv, convSpecs, cp, issues);
        r.network.conv.enabled = true;
        r.network.conv.filters = static_cast<int>(cv.at("filters"));
        r.network.conv.kernel = static_cast<int>(cv.at("kernel"));
    }

    // Training and periphery scalars (top level, so the generic settings editor shows them).
    readAnalogSettings(e, path, issues, r.training.mode, r.analog);
    r.training.trainAccuracyEachEpoch = readBool(e, "trainAccuracyEachEpoch", true, path, issues);
    const ParamValues tv = readSettings(e, loopSettings(), path, issues);
    r.training.epochs = static_cast<int>(tv.at("epochs"));
    r.training.learningRate = tv.at("learningRate");
    r.training.batchSize = static_cast<int>(tv.at("batchSize"));
    r.training.hwaNoise = tv.at("hwaNoise");
    r.training.seed = static_cast<std::uint64_t>(tv.at("seed"));
    r.training.initScale = tv.at("initScale");
    r.training.imagesPerEpoch = static_cast<int>(tv.at("imagesPerEpoch"));
    {
        const int weightLayers = r.network.layerSizes.size() < 2
                                     ? -1
                                     : static_cast<int>(r.network.layerSizes.size()) - 1 + (r.network.conv.enabled ? 1 : 0);
        r.training.learningRates = readPerLayer(e, "learningRates", weightLayers, 1e-9, 100, path, issues);
        r.analog.adcBounds = readPerLayer(e, "adcBounds", weightLayers, 1e-3, 1e6, path, issues);
    }
    r.training.snapshotsPerEpoch = static_cast<int>(tv.at("snapshotsPerEpoch"));

    // Cross-field checks against the data set's shape.
    const bool transformed = s.cropWidth > 0 || s.cropHeight > 0 || s.downsample > 1 || s.binarize > 0;
    bool shapeOk = true;
    if (s.dataSet == "iris") {
        for (const char* k : {"cropWidth", "cropHeight", "downsample", "binarize"})
            if (data.contains(k) && transformed) issues.push_back({join(dp, k), "needs an image data set (digits or fashion-mnist)"});
        shapeOk = !transformed;
    } else {
        const int side = s.dataSet == "digits" ? 8 : 28;
        for (const auto& [key, value] : {std::pair<const char*, int>{"cropWidth", s.cropWidth}, {"cropHeight", s.cropHeight}})
            if (value > side) {
                issues.push_back({join(dp, key), "is " + std::to_string(value) + " but " + s.dataSet + " images are " +
                                                     std::to_string(side) + "x" + std::to_string(side) + " pixels"});
                shapeOk = false;
            }
        const int w = s.cropWidth > 0 ? s.cropWidth : side, h = s.cropHeight > 0 ? s.cropHeight : side;
        if (shapeOk && (w % s.downsample != 0 || h % s.downsample != 0)) {
            issues.push_back({join(dp, "downsample"), "must divide the (cropped) image size " + std::to_string(w) + "x" +
                                                          std::to_string(h) + " (got " + std::to_string(s.downsample) + ")"});
            shapeOk = false;
        }
    }
    if (shapeOk && !r.network.layerSizes.empty() && !r.network.conv.enabled) {
        const int features = annFeatureCount(s);
        if (r.network.layerSizes.front() != features)
            issues.push_back({index(join(np, "layers"), 0), "is " + std::to_string(r.network.layerSizes.front()) +
                                                                " but data set " + s.dataSet + " has " +
                                                                std::to_string(features) + " features" +
                                                                (transformed ? " after the data section's transforms" : "")});
    }
    if (!r.network.layerSizes.empty()) {
        const int classes = s.dataSet == "iris" ? 3 : 10;
        if (r.network.layerSizes.back() < classes)
            issues.push_back({index(join(np, "layers"), r.network.layerSizes.size() - 1),
                              "the output layer needs at least " + std::to_string(classes) + " units for " + s.dataSet});
    }
    if (r.training.imagesPerEpoch > 0) {
        // The training set's size as loadAnnData makes it (official 60k split; else the split's share).
        const int all = s.dataSet == "fashion-mnist" ? 60000 : s.dataSet == "iris" ? 150 : 1797;
        int train = s.dataSet == "fashion-mnist" ? all : all - static_cast<int>(std::lround(all * s.testFraction));
        if (s.trainSamples > 0) train = std::min(train, s.trainSamples);
        if (r.training.imagesPerEpoch > train)
            issues.push_back({join(path, "imagesPerEpoch"), "is " + std::to_string(r.training.imagesPerEpoch) +
                                                                " but the training set has " + std::to_string(train) + " samples"});
    }
    if (r.network.conv.enabled && s.dataSet == "iris")
        issues.push_back({join(np, "conv"), "needs an image data set (digits or fashion-mnist)"});
    return s;
}


namespace {

const std::vector<ParamSpec>& deviceDriveSettings() {
    static const PulseProtocol d;
    static const PulseDesignOptions o;
    static const std::vector<ParamSpec> specs = {
        {"potentiationAmplitude", "V_LTP", "V", d.potentiationAmplitude, -100, 100, Scale::Linear,
         "Amplitude of each potentiation pulse (the sign that raises the device's conductance)", ""},
        {"depressionAmplitude", "V_LTD", "V", d.depressionAmplitude, -100, 100, Scale::Linear,
         "Amplitude of each depression pulse (opposite sign)", ""},
        {"width", "t_w", "s", d.width, 1e-12, 1e3, Scale::Log, "Width of each pulse", ""},
        {"gap", "t_gap", "s", d.gap, 1e-12, 1e3, Scale::Log, "Time between pulses; the read sits in it", ""},
        {"readVoltage", "V_read", "V", d.readVoltage, 1e-3, 10, Scale::Log,
         "Read voltage between pulses, small enough not to disturb the state", ""},
        {"maxAmplitude", "V_max", "V", o.maxAmplitude, 1e-3, 100, Scale::Linear,
         "Largest pulse magnitude the designer may use (scheme designed_amplitude)", ""},
        {"minWidth", "t_w,min", "s", o.minWidth, 1e-12, 1e3, Scale::Log, "Shortest designed pulse (scheme designed_width)", ""},
        {"maxWidth", "t_w,max", "s", o.maxWidth, 1e-12, 1e3, Scale::Log, "Longest designed pulse (scheme designed_width)", ""},
    };
    return specs;
}

// The state after the pulse experiment's sequence (initial read, the
// potentiation train, the depression train) from state x.
double afterCycle(const MemristorModel& m, const PulseProtocol& p, double x, const StopToken& stop) {
    x = stateAfterPulse(m, p.readVoltage, p.gap, p, x, stop);  // the initial read
    for (int branch = 0; branch < 2; ++branch)
        for (int k = 0, count = branch ? p.depressionPulses : p.potentiationPulses; k < count; ++k) {
            const PulseShape pulse = pulseShape(p, branch == 0, k);
            x = stateAfterPulse(m, pulse.amplitude, pulse.width, p, x, stop);
        }
    return x;
}

// The state a device settles to when cycled with the drive, as training
// cycles it: the fixed point of afterCycle, iterated while the loop's
// mismatch keeps shrinking (at most 100 cycles). A device whose depression
// does not undo its potentiation (a window, unlike ON/OFF rates) reaches a
// closed loop this way; one whose mismatch does not shrink (read disturb of a
// thresholdless model) keeps its start. Returns the start with the smallest mismatch.
double settledStart(const MemristorModel& m, const PulseProtocol& p, const StopToken& stop) {
    const StateInfo info = m.stateInfo();
    const double tol = 1e-12 * (info.max - info.min);
    double x = m.initialState(), next = afterCycle(m, p, x, stop);
    double best = x, bestMismatch = std::fabs(next - x);
    for (int cycle = 0; cycle < 100 && bestMismatch > tol; ++cycle) {
        x = next;
        next = afterCycle(m, p, x, stop);
        const double mismatch = std::fabs(next - x);
        if (!(mismatch < 0.9 * bestMismatch)) break;
        best = x;
        bestMismatch = mismatch;
    }
    return best;
}

}  // namespace

int deviceSynapsePulses() {
    int knots = 0;
    for (const auto& spec : synapseRegistry().find("lookup_table")->params) knots += spec.key.rfind("ltp_", 0) == 0;
    return knots + 1;
}

std::optional<DeviceSynapseDrive> readDeviceSynapse(const nlohmann::json& e, const Project& project,
                                                    const std::string& path, std::vector<ProjectIssue>& issues) {
    if (!e.is_object() || !e.contains("synapse") || !e["synapse"].is_object() || !e["synapse"].contains("device"))
        return std::nullopt;
    const std::string sp = join(path, "synapse");
    const auto& syn = e["synapse"];
    DeviceSynapseDrive d;
    d.device = parseDeviceSpec(syn["device"], project, join(sp, "device"), issues);
    const std::string pp = join(sp, "pulse");
    const auto& pulse = section(syn, "pulse", sp, issues);
    rejectUnknownKeys(pulse, keysOf(deviceDriveSettings(), {"scheme"}), pp, issues);
    const ParamValues v = readSettings(pulse, deviceDriveSettings(), pp, issues);
    const std::string scheme = pulse.contains("scheme") ? readString(pulse, "scheme", pp, issues) : "fixed_amplitude";
    d.designed = scheme == "designed_amplitude" || scheme == "designed_width";
    d.design.variable = scheme == "designed_width" ? DesignVariable::Width : DesignVariable::Amplitude;
    if (!d.designed && scheme != "fixed_amplitude" && pulse.contains("scheme") && pulse["scheme"].is_string())
        issues.push_back({join(pp, "scheme"), "must be \"fixed_amplitude\", \"designed_amplitude\" or \"designed_width\" (got \"" +
                                                  scheme + "\")"});
    d.design.maxAmplitude = v.at("maxAmplitude");
    d.design.minWidth = v.at("minWidth");
    d.design.maxWidth = v.at("maxWidth");
    const bool byWidth = d.designed && d.design.variable == DesignVariable::Width;
    for (const auto& [key, used] : {std::pair<std::string, bool>{"maxAmplitude", d.designed && !byWidth},
                                    {"minWidth", byWidth}, {"maxWidth", byWidth}})
        if (!used && pulse.contains(key))
            issues.push_back({join(pp, key), "is a setting of scheme " +
                                                 std::string(key == "maxAmplitude" ? "designed_amplitude" : "designed_width") +
                                                 " (scheme is \"" + scheme + "\")"});
    if (byWidth && !(d.design.maxWidth > d.design.minWidth))
        issues.push_back({join(pp, "maxWidth"), "must exceed minWidth (" + formatWithUnit(d.design.minWidth, "s") + ")"});
    PulseProtocol& p = d.protocol;
    p.potentiationPulses = p.depressionPulses = deviceSynapsePulses();
    p.potentiationAmplitude = v.at("potentiationAmplitude");
    p.depressionAmplitude = v.at("depressionAmplitude");
    p.width = v.at("width");
    p.gap = v.at("gap");
    p.readVoltage = v.at("readVoltage");
    // The engine steps at most 1/50 of the shorter of width and gap through
    // both (PulseExperiment.cpp), and a device may be cycled up to 100 times.
    if (std::max(p.width, p.gap) > 1000 * std::min(p.width, p.gap))
        issues.push_back({join(pp, p.gap > p.width ? "gap" : "width"),
                          "width (" + formatWithUnit(p.width, "s") + ") and gap (" + formatWithUnit(p.gap, "s") +
                              ") differ by more than 1000x: the device engine would take millions of steps per pulse"});
    // The run's write energy comes from this drive.
    for (const char* k : {"writeVoltage", "pulseWidth"})
        if (e.contains(k))
            issues.push_back({join(path, k), "is set by synapse.pulse when the synapse is a device (amplitude and width)"});
    if (p.potentiationAmplitude * p.depressionAmplitude >= 0)
        issues.push_back({join(pp, "depressionAmplitude"), "must have the opposite sign of potentiationAmplitude (" +
                                                               formatWithUnit(p.potentiationAmplitude, "V") + ")"});
    return d;
}

ParamValues deviceSynapseTable(const PulseResult& curve, const std::string& path) {
    const auto& g = curve.conductance;
    const auto [lo, hi] = std::minmax_element(g.begin(), g.end());
    // The lookup table needs an on/off ratio of at least 1.0001 (its onOff range).
    if (!(*lo > 0.0) || *hi < *lo * 1.0001)
        throw InputError(path, "the device's conductance does not change under these pulses (" +
                                   formatWithUnit(*lo, "S") + " to " + formatWithUnit(*hi, "S") +
                                   " over " + std::to_string(g.size() - 1) +
                                   " pulses): raise the amplitude beyond the device's threshold or widen the pulses");
    const std::size_t n = static_cast<std::size_t>(deviceSynapsePulses());
    if (g.size() != 2 * n + 1) throw InputError(path, "expected " + std::to_string(2 * n) + " pulses in the device curve");
    // Each branch must move the right way by more than the table's 0.01 % resolution.
    if (!(g[n] > g[0] * 1.0001))
        throw InputError(path + ".potentiationAmplitude",
                         "the potentiation pulses do not raise the device's conductance (" + formatWithUnit(g[0], "S") +
                             " to " + formatWithUnit(g[n], "S") + ")" +
                             (g[2 * n] > g[n] ? ": swap the signs of potentiationAmplitude and depressionAmplitude" : ""));
    if (!(g[2 * n] < g[n] / 1.0001))
        throw InputError(path + ".depressionAmplitude", "the depression pulses do not lower the device's conductance (" +
                                                            formatWithUnit(g[n], "S") + " to " +
                                                            formatWithUnit(g[2 * n], "S") + ")");
    fit::PulseCurve c;
    for (std::size_t k = 0; k < g.size(); ++k) {
        c.pulse.push_back(static_cast<double>(k));
        c.g.push_back(g[k]);
        c.phase.push_back(curve.phase[k]);
    }
    try {
        return fit::lookupTableFromCurve(c);
    } catch (const InputError& err) {
        throw InputError(path, "the device's pulse curve makes no lookup table: " + err.why());
    }
}

namespace {

// The device's curve from state x0, its lookup-table synapse, and the
// synapse's replay of the device's pulse sequence: one pulse at a time from
// the first read, as training applies them.
struct DeviceMeasurement {
    PulseResult curve;
    ParamValues table;
    std::unique_ptr<PulseSynapse> synapse;
    std::vector<double> replay;  // S, per read
    double maxError = 0.0;       // relative
};

DeviceMeasurement measureDevice(const MemristorModel& device, double x0, const DeviceSynapseDrive& d,
                                const std::string& path, const StopToken& stop) {
    DeviceMeasurement m;
    NullSink quiet;
    PulseProtocol from = d.protocol;
    from.startState = x0;
    m.curve = runPulseExperiment(device, from, quiet, stop, d.device.modelId);
    m.table = deviceSynapseTable(m.curve, path + ".pulse");
    m.synapse = instantiateSynapse("lookup_table", m.table, "", path);
    SynapseRng rng(0);
    const auto& g = m.curve.conductance;
    double x = (g.front() - m.synapse->gMin()) / (m.synapse->gMax() - m.synapse->gMin());
    for (std::size_t k = 0; k < g.size(); ++k) {
        if (m.curve.phase[k] != 0) x = m.synapse->applyPulses(x, nullptr, m.curve.phase[k], 1.0, rng);
        m.replay.push_back(m.synapse->conductance(x));
        m.maxError = std::max(m.maxError, std::fabs(m.replay.back() - g[k]) / g[k]);
    }
    return m;
}

}  // namespace

void useDeviceSynapse(AnnExperimentSetup& s, const DeviceSynapseDrive& drive, const std::string& path, FrameSink& sink,
                      const StopToken& stop) {
    const auto device = instantiateDevice(drive.device, path + ".device");
    DeviceSynapseDrive d = drive;
    if (d.designed) {
        // Designed from the device's own start, the state training begins in.
        PulseDesign design;
        try {
            design = designPulses(*device, d.protocol, d.design, stop);
        } catch (const InputError& err) {
            throw InputError(join(path + ".pulse", err.path()), err.why());
        }
        d.protocol = design.protocol;
        std::vector<double> rows;
        for (int branch = 0, k = 0; branch < 2; ++branch)
            for (int n = 0, count = branch ? d.protocol.depressionPulses : d.protocol.potentiationPulses; n < count; ++n, ++k) {
                const PulseShape pulse = pulseShape(d.protocol, branch == 0, n);
                rows.insert(rows.end(), {double(k + 1), pulse.amplitude, pulse.width, design.targets[std::size_t(k)],
                                         branch ? -1.0 : 1.0});
            }
        sink.beginSeries("device_designed_pulses",
                         {{"pulse", "#"}, {"amplitude", "V"}, {"width", "s"}, {"G_target", "S"}, {"phase", ""}});
        sink.appendRows("device_designed_pulses", rows.data(), design.targets.size());
    }
    // From the device's own start, and from the loop repeated cycling settles
    // to; the one whose synapse replays it better (a closed loop replays exactly).
    DeviceMeasurement m = measureDevice(*device, device->initialState(), d, path, stop);
    if (m.maxError > 1e-12) {
        try {
            DeviceMeasurement cycled = measureDevice(*device, settledStart(*device, d.protocol, stop), d, path, stop);
            if (cycled.maxError < m.maxError) m = std::move(cycled);
        } catch (const InputError&) {
            // The settled loop makes no table (pinned at a bound): keep the first curve.
        }
    }
    const PulseResult& curve = m.curve;
    const ParamValues& table = m.table;
    const PulseSynapse* synapse = m.synapse.get();
    const double gMin = synapse->gMin(), maxError = m.maxError;
    std::vector<double> rows;
    for (std::size_t k = 0; k < curve.conductance.size(); ++k)
        rows.insert(rows.end(), {static_cast<double>(k), curve.conductance[k], m.replay[k], static_cast<double>(curve.phase[k])});
    sink.beginSeries("device_pulse_curve", {{"pulse", "#"}, {"G_device", "S"}, {"G_synapse", "S"}, {"phase", ""}});
    sink.appendRows("device_pulse_curve", rows.data(), curve.conductance.size());
    sink.scalar("device_synapse_max_error", maxError, "");
    sink.scalar("device_G_max", synapse->gMax(), "S");
    sink.scalar("device_on_off", synapse->gMax() / gMin, "");
    sink.log(maxError > 1e-6 ? LogLevel::Warning : LogLevel::Info,
             "synapse from device " + d.device.modelId + ": " + std::to_string(deviceSynapsePulses()) +
                 " pulses per branch, " + formatWithUnit(gMin, "S") + " to " + formatWithUnit(synapse->gMax(), "S") +
                 ", largest replay error " + formatWithUnit(maxError, "") + " (relative)" +
                 (maxError > 1e-6 ? " (depression does not return the device to where potentiation started)" : ""));
    s.run.analog.synapseModel = "lookup_table";
    s.run.analog.synapsePreset.clear();
    s.run.analog.synapseParams = table;
    s.run.analog.writeVoltage = std::fabs(d.protocol.potentiationAmplitude);
    s.run.analog.pulseWidth = d.protocol.width;
}

void runAnnSetup(const AnnExperimentSetup& s, FrameSink& sink, const StopToken& stop, AnnRunResult* out) {
    const Split split = loadAnnData(s);
    sink.log(LogLevel::Info, s.dataSet + ": " + std::to_string(split.train.labels.size()) + " training and " +
                                 std::to_string(split.test.labels.size()) + " test samples");
    AnnRunResult r = runAnnTraining(s.run, split, sink, stop);
    if (out) *out = std::move(r);
}

namespace {

void runTraining(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    std::vector<ProjectIssue> issues;
    AnnExperimentSetup s = readAnnSetup(e, "experiment", issues, {"circuitEstimate"});
    const CircuitEstimateSetup estimate = readCircuitEstimate(e, "experiment", issues);
    const auto drive = readDeviceSynapse(e, project, "experiment", issues);
    if (!issues.empty()) throw InputError(issues.front().path, issues.front().message);
    if (drive) useDeviceSynapse(s, *drive, "experiment.synapse", sink, stop);
    AnnRunResult result;
    runAnnSetup(s, sink, stop, &result);
    reportCircuitEstimates(estimate, s, result, sink);
}

}  // namespace

ExperimentKindInfo annTrainingKind() {
    ExperimentKindInfo k;
    k.id = "ann_training";
    k.name = "ANN on crossbars";
    k.summary = "SLP/MLP/CNN trained (float, ex situ, in situ, hardware-aware) with weights on memristive crossbar tiles";
    k.settings = trainingSettings();
    k.validate = [](const nlohmann::json& e, const Project& project, const std::string& path) {
        std::vector<ProjectIssue> issues;
        readAnnSetup(e, path, issues, {"circuitEstimate"});
        readCircuitEstimate(e, path, issues);
        readDeviceSynapse(e, project, path, issues);
        return issues;
    };
    k.run = runTraining;
    k.memoryEstimate = [](const nlohmann::json& e, const Project&) {
        std::vector<ProjectIssue> issues;
        return annMemoryEstimate(readAnnSetup(e, "experiment", issues, {"circuitEstimate"}));
    };
    // useDeviceSynapse: the device's pulse drive is the write pulse.
    k.superseded = [](const nlohmann::json& e) {
        std::vector<SupersededSetting> out;
        const auto synapse = e.find("synapse");
        if (synapse != e.end() && synapse->is_object() && synapse->contains("device"))
            out = {{"writeVoltage", "Set by the device synapse's drive: |synapse.pulse.potentiationAmplitude|"},
                   {"pulseWidth", "Set by the device synapse's drive: synapse.pulse.width"}};
        return out;
    };
    return k;
}

}  // namespace ms
