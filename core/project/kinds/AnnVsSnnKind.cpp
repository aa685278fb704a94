// Experiment kind "ann_vs_snn": the review's Table 6 ("SNN energy
// efficiency: better") measured on one task and one device
// (core/snn/experiments/AnnVsSnn.h; docs/ann-vs-snn.md).
//
//   { "id", "kind": "ann_vs_snn", "name", "dataset": "digits",
//     "device": {...} | "<id in devices>", "readVoltage", "readTime",
//     "annNeuronEnergy", "snnNeuronStepEnergy", "hidden", "epochs",
//     "learningRate", "trainSeed", "steps", "dt", "maxRate", "inputThreshold",
//     "decisionMargin", "testExamples", "sweepExamples", "testFraction",
//     "splitSeed", "seed", "stdpExcitatory", "stdpTrainExamples",
//     "stdpLabelExamples", "stdpTestExamples" }
//
// Device: G_min, G_max = 1 / R(x, V_read) at the model's two state bounds.
// Energy of one cell read: E = V_read^2 G t_read. ANN inference: every cell
// read once plus annNeuronEnergy per neuron; SNN: one row of cells read per
// delivered spike plus snnNeuronStepEnergy per neuron per step.
//
// With stdpExcitatory > 0 a Diehl & Cook STDP network (c) runs on the same
// digits and device too (figures stdp_*; column "stdp" of "table6").
//
// Figures: accuracy, latency, operations and energy of both, the SNN/ANN
// energy ratio. Series "table6" (row, ann, snn, stdp; rows in Table6Row order:
// accuracy, latency in steps (ANN: its layer passes), latency in s (ANN: NaN,
// one pass), operations, energy in pJ, ratio) and the sweeps
// "energy_ratio_vs_steps", "energy_ratio_vs_rate", "energy_ratio_vs_sparsity"
// (axis, ratio, snn_energy, ann_energy, snn_accuracy, ann_accuracy, ...).
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/SnnKindSupport.h"
#include "core/snn/experiments/AnnVsSnn.h"

namespace ms {

using namespace json_fields;
using namespace snn_kinds;

namespace {

// The sweep axes: each varies one setting of the main run, the others kept.
const std::vector<double> kStepsAxis{1, 2, 3, 5, 10, 20, 50, 100, 200};
const std::vector<double> kRateFractions{0.02, 0.05, 0.1, 0.2, 0.5, 1.0};      // of maxRate
const std::vector<double> kFamilyWindows{5, 10, 20};  // plus the main window: a rate/sparsity curve each
const std::vector<double> kThresholdAxis{0.0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875};  // of full ink

const std::vector<ParamSpec>& settings() {
    static const snn::CrossbarReadModel d;
    static const snn::NeuronCosts c;
    static const snn::SnnWindow w;
    static const std::vector<ParamSpec> specs = {
        {"readVoltage", "V_read", "V", d.readVoltage, 1e-3, 10, Scale::Log, "Read voltage across a cell", ""},
        {"readTime", "t_read", "s", d.readTime, 1e-12, 1e-3, Scale::Log, "Duration of one cell read (one step's read)", ""},
        {"annNeuronEnergy", "E_ADC", "J", c.annPerNeuron, 0, 1e-9, Scale::Linear,
         "ANN: energy per neuron per inference (ADC conversion + activation), stated", ""},
        {"snnNeuronStepEnergy", "E_IF", "J", c.snnPerNeuronStep, 0, 1e-9, Scale::Linear,
         "SNN: energy per integrate-and-fire neuron per time step (integrate, compare, reset), stated", ""},
        {"hidden", "N_h", "", 32, 1, 1024, Scale::Log, "Hidden ReLU units (one hidden layer)", "", true},
        {"epochs", "epochs", "", 20, 1, 1000, Scale::Log, "SGD epochs of the ANN", "", true},
        {"learningRate", "eta", "", 0.02, 1e-6, 10, Scale::Log, "SGD learning rate", ""},
        {"trainSeed", "seed_ANN", "", 4, 0, 4294967295.0, Scale::Linear, "Seed of the ANN's initial weights and order", "", true},
        {"steps", "N_steps", "", double(w.steps), 1, 100000, Scale::Log, "SNN time window per digit (steps)", "", true},
        {"dt", "dt", "s", w.dt, 1e-6, 1e-1, Scale::Log, "SNN time step", "Diehl et al., IJCNN 2015"},
        {"maxRate", "r_max", "Hz", w.maxRate, 1, 1e6, Scale::Log, "Poisson input rate at full intensity (at most 1/dt)",
         "Diehl et al., IJCNN 2015"},
        {"inputThreshold", "theta_in", "", 0, 0, 0.99, Scale::Linear,
         "Pixels below this fraction of full ink are set to 0 (sparser input) for both networks", ""},
        {"decisionMargin", "m", "", double(w.decisionMargin), 1, 1000, Scale::Log,
         "The SNN decides when its top output leads by this many spikes until the window ends", "", true},
        {"testExamples", "N_test", "", 300, 1, 1e5, Scale::Log, "Held-out digits of the main comparison", "", true},
        {"sweepExamples", "N_sweep", "", 150, 1, 1e5, Scale::Log, "Held-out digits per sweep point", "", true},
        {"testFraction", "f_test", "", 0.3, 0.01, 0.99, Scale::Linear, "Fraction of the data set held out", ""},
        {"splitSeed", "seed_split", "", 7, 0, 4294967295.0, Scale::Linear, "Seed of the train/held-out split", "", true},
        {"seed", "seed", "", double(w.seed), 0, 4294967295.0, Scale::Linear, "Seed of the Poisson inputs", "", true},
        // (c) Diehl & Cook's STDP network on the same digits and device (0 neurons: left out).
        {"stdpExcitatory", "N_exc", "", 0, 0, 1000, Scale::Linear,
         "STDP network (Diehl & Cook 2015): excitatory neurons; 0 leaves it out", "Diehl & Cook 2015", true},
        {"stdpTrainExamples", "N_train,STDP", "", 300, 1, 1e5, Scale::Log, "Digits the STDP network learns from", "", true},
        {"stdpLabelExamples", "N_label,STDP", "", 200, 1, 1e5, Scale::Log, "Digits that assign its neurons' labels", "", true},
        {"stdpTestExamples", "N_test,STDP", "", 200, 1, 1e5, Scale::Log, "Held-out digits it classifies", "", true},
    };
    return specs;
}

struct Setup {
    std::string dataset;
    DeviceSpec device;
    ParamValues v;
    snn::CrossbarReadModel read;
    snn::NeuronCosts costs;
    snn::SnnWindow window;
};

// G at the model's two state bounds, read at V_read.
void readConductanceRange(Setup& s, const std::string& at) {
    const auto model = instantiateDevice(s.device, at);
    const StateInfo st = model->stateInfo();
    const double g1 = 1.0 / model->resistance(st.min, s.read.readVoltage);
    const double g2 = 1.0 / model->resistance(st.max, s.read.readVoltage);
    s.read.gMin = std::min(g1, g2);
    s.read.gMax = std::max(g1, g2);
    if (!std::isfinite(s.read.gMin) || !std::isfinite(s.read.gMax) || !(s.read.gMin >= 0) || !(s.read.gMax > s.read.gMin))
        throw InputError(at, "model '" + s.device.modelId + "' gives no conductance range at V_read (G = " +
                                 formatWithUnit(g1, "S") + " and " + formatWithUnit(g2, "S") + " at its state bounds)");
}

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                std::vector<ProjectIssue>& issues) {
    Setup s;
    rejectUnknown(e, settings(), {"dataset", "device"}, path, issues);
    s.dataset = readChoice(e, "dataset", {"digits"}, "digits", path, issues);
    const std::string dp = join(path, "device");
    const std::size_t before = issues.size();
    if (!e.contains("device"))
        issues.push_back({dp, "missing (a device object {\"model\", ...} or the id of an entry in devices)"});
    else
        s.device = parseDeviceSpec(e["device"], project, dp, issues);
    const bool deviceOk = issues.size() == before;
    s.v = readSettings(e, settings(), path, issues);
    s.read.readVoltage = s.v.at("readVoltage");
    s.read.readTime = s.v.at("readTime");
    s.costs.annPerNeuron = s.v.at("annNeuronEnergy");
    s.costs.snnPerNeuronStep = s.v.at("snnNeuronStepEnergy");
    auto& w = s.window;
    w.steps = static_cast<int>(s.v.at("steps"));
    w.dt = s.v.at("dt");
    w.maxRate = s.v.at("maxRate");
    w.decisionMargin = static_cast<int>(s.v.at("decisionMargin"));
    w.seed = static_cast<std::uint64_t>(s.v.at("seed"));
    if (issues.size() != before) return s;
    if (deviceOk) try {
            readConductanceRange(s, dp);
        } catch (const std::exception& err) {
            if (const auto* ie = dynamic_cast<const InputError*>(&err))
                issues.push_back({ie->path(), ie->why()});
            else
                issues.push_back({dp, err.what()});
        }
    if (w.maxRate * w.dt > 1.0)
        issues.push_back({join(path, "maxRate"), "maxRate x dt must be at most 1 (one input spike per step)"});
    const int heldOut = heldOutCount(kDigitsImages, s.v.at("testFraction"));
    if (s.v.at("stdpExcitatory") > 0 && s.v.at("stdpTrainExamples") + s.v.at("stdpLabelExamples") > kDigitsImages - heldOut)
        issues.push_back({join(path, "stdpLabelExamples"), "stdpTrainExamples + stdpLabelExamples exceed the " +
                                                               std::to_string(kDigitsImages - heldOut) + " training digits"});
    for (const char* k : {"testExamples", "sweepExamples", "stdpTestExamples"})
        if (s.v.at(k) > heldOut + 0.5)
            issues.push_back({join(path, k), "exceeds the " + std::to_string(heldOut) + " held-out digits (testFraction " +
                                                 formatWithUnit(s.v.at("testFraction"), "") + " of 1797)"});
    return s;
}

Dataset firstRows(const Dataset& d, Eigen::Index n) {
    Dataset out = d;
    out.features = d.features.topRows(n);
    out.labels.resize(static_cast<std::size_t>(n));
    return out;
}

struct Compared {
    snn::AnnMeasurement ann;
    snn::SnnMeasurement snn;
    double ratio() const { return snn.energy() / ann.energy(); }
};

struct Bench {
    const snn::ReluMlp& mlp;
    const snn::ReluMlp& norm;
    const std::vector<snn::ConductancePairLayer>& cells;
    const Setup& s;
    const StopToken& stop;
    Compared run(const Dataset& data, const snn::SnnWindow& w) const {
        return {snn::measureAnn(mlp, cells, s.read, s.costs, data),
                snn::measureConvertedSnn(norm, cells, s.costs, data, w, stop)};
    }
};

// Columns of every sweep series: the axis, the ratio, both energies and
// accuracies, and the window and input threshold of the point.
std::vector<Column> sweepColumns(const std::string& axis, const std::string& unit) {
    return {{axis, unit},        {"ratio", ""},        {"snn_energy", "J"}, {"ann_energy", "J"},
            {"snn_accuracy", ""}, {"ann_accuracy", ""}, {"steps", ""},      {"threshold", ""}};
}

void appendSweepRow(FrameSink& sink, const std::string& id, double axis, const Compared& p, double steps, double theta) {
    const double row[8] = {axis, p.ratio(), p.snn.energy(), p.ann.energy(), p.snn.accuracy, p.ann.accuracy, steps, theta};
    sink.appendRows(id, row, 1);
}

void reportCrossing(FrameSink& sink, const std::string& key, const std::string& unit, const std::vector<double>& axis,
                    const std::vector<Compared>& points) {
    std::vector<double> ratio;
    for (const auto& p : points) ratio.push_back(p.ratio());
    const double at = snn::ratioCrossesOneAt(axis, ratio);
    if (std::isfinite(at)) sink.scalar(key, at, unit);
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const Setup s = kind_setup::validSetup(readSetup, e, project);
    Dataset all = loadBuiltinDataset(s.dataset, "experiment.dataset");
    scaleFeatures(all, 16.0);
    const Split split = splitDataset(all, s.v.at("testFraction"), static_cast<std::uint64_t>(s.v.at("splitSeed")));
    const double theta = s.v.at("inputThreshold");
    const Dataset test = snn::thresholdInputs(firstRows(split.test, Eigen::Index(s.v.at("testExamples"))), theta);
    const Dataset sweepSet = firstRows(split.test, Eigen::Index(s.v.at("sweepExamples")));
    sink.log(LogLevel::Info, "training the ANN (64-" + std::to_string(int(s.v.at("hidden"))) + "-10 ReLU MLP)");
    const snn::ReluMlp mlp = snn::trainReluMlp(split.train, {static_cast<int>(s.v.at("hidden"))},
                                               static_cast<int>(s.v.at("epochs")), s.v.at("learningRate"),
                                               static_cast<std::uint64_t>(s.v.at("trainSeed")));
    if (stop.stopRequested()) throw Cancelled();
    const snn::ReluMlp norm = snn::normaliseForSnn(mlp, split.train);
    const auto cells = snn::mapToConductancePairs(mlp, s.read);
    const Bench bench{mlp, norm, cells, s, stop};
    sink.scalar("G_min", s.read.gMin, "S");
    sink.scalar("G_max", s.read.gMax, "S");
    sink.scalar("cell_read_energy_at_G_max", s.read.cellReadEnergy(s.read.gMax), "J");

    const Compared main = bench.run(test, s.window);
    sink.progress(0.25);
    const auto& a = main.ann;
    const auto& n = main.snn;
    sink.scalar("ann_accuracy", a.accuracy, "");
    sink.scalar("snn_accuracy", n.accuracy, "");
    sink.scalar("ann_latency_layers", a.layers, "");
    sink.scalar("snn_window_steps", s.window.steps, "");
    sink.scalar("snn_decision_steps", n.decisionSteps, "");
    sink.scalar("snn_decision_time", n.decisionSteps * s.window.dt, "s");
    sink.scalar("snn_decided_fraction", n.decidedFraction, "");
    sink.scalar("macs_per_example", a.macs, "");
    sink.scalar("events_per_example", n.synapticEvents, "");
    sink.scalar("input_sparsity", snn::zeroFraction(test), "");
    sink.scalar("ann_read_energy", a.readEnergy, "J");
    sink.scalar("ann_neuron_energy", a.neuronEnergy, "J");
    sink.scalar("ann_energy_per_example", a.energy(), "J");
    sink.scalar("snn_read_energy", n.readEnergy, "J");
    sink.scalar("snn_neuron_energy", n.neuronEnergy, "J");
    sink.scalar("snn_energy_per_example", n.energy(), "J");
    sink.scalar("energy_ratio_snn_over_ann", main.ratio(), "");

    using R = snn::Table6Row;
    const double nan = std::nan("");
    // (c) the STDP network, when asked for: NaN in its column otherwise.
    snn::StdpMeasurement st;
    st.accuracy = st.synapticEvents = st.steps = st.presentation = st.readEnergy = st.neuronEnergy = nan;
    if (s.v.at("stdpExcitatory") > 0) {
        sink.log(LogLevel::Info, "training the STDP network (Diehl & Cook 2015)");
        snn::DiehlCookOptions o;
        o.excitatory = static_cast<std::size_t>(s.v.at("stdpExcitatory"));
        // The settings of projects/stdp-digits-unsupervised.json for the 8x8 digits.
        o.excitatoryParams = {{"theta_plus", 0.0005}};
        o.stdp = {{"nu_post", 0.03}, {"nu_pre", 0.0003}};
        o.seed = static_cast<std::uint64_t>(s.v.at("seed"));
        const auto nTrain = Eigen::Index(s.v.at("stdpTrainExamples")), nLabel = Eigen::Index(s.v.at("stdpLabelExamples"));
        Dataset train = firstRows(split.train, nTrain), label = split.train;
        label.features = split.train.features.bottomRows(nLabel);
        label.labels.assign(split.train.labels.end() - nLabel, split.train.labels.end());
        st = snn::measureStdpSnn(train, label, firstRows(split.test, Eigen::Index(s.v.at("stdpTestExamples"))), o,
                                 s.read, s.costs, stop);
        sink.scalar("stdp_accuracy", st.accuracy, "");
        sink.scalar("stdp_events_per_example", st.synapticEvents, "");
        sink.scalar("stdp_energy_per_example", st.energy(), "J");
        sink.scalar("stdp_energy_ratio_over_ann", st.energy() / a.energy(), "");
    }
    sink.beginSeries("table6", {{"row", ""}, {"ann", ""}, {"snn", ""}, {"stdp", ""}});
    const double rows[][4] = {
        {double(R::Accuracy), a.accuracy, n.accuracy, st.accuracy},
        {double(R::LatencySteps), double(a.layers), n.decisionSteps, std::round(st.presentation / snn::DiehlCookOptions().dt)},
        {double(R::LatencySeconds), nan, n.decisionSteps * s.window.dt, st.presentation},
        {double(R::Operations), a.macs, n.synapticEvents, st.synapticEvents},
        {double(R::EnergyPj), a.energy() * 1e12, n.energy() * 1e12, st.energy() * 1e12},
        {double(R::Ratio), 1.0, main.ratio(), st.energy() / a.energy()},
    };
    for (const auto& r : rows) sink.appendRows("table6", r, 1);

    // Sweeps on the first sweepExamples digits: one setting varied, the rest as in the main run.
    std::vector<Compared> pts;
    std::vector<double> steps;
    sink.beginSeries("energy_ratio_vs_steps", sweepColumns("steps", ""));
    for (double st : kStepsAxis) {
        snn::SnnWindow w = s.window;
        w.steps = static_cast<int>(st);
        pts.push_back(bench.run(snn::thresholdInputs(sweepSet, theta), w));
        steps.push_back(st);
        appendSweepRow(sink, "energy_ratio_vs_steps", st, pts.back(), st, theta);
    }
    reportCrossing(sink, "ratio_crosses_1_at_steps", "", steps, pts);
    sink.progress(0.5);

    // Rate and sparsity at several windows (a curve each): the crossing
    // moves with the window, and short windows are where it exists at all.
    std::vector<double> windows(kFamilyWindows.begin(), kFamilyWindows.end());
    windows.push_back(s.window.steps);
    std::sort(windows.begin(), windows.end());
    windows.erase(std::unique(windows.begin(), windows.end()), windows.end());
    sink.beginSeries("energy_ratio_vs_rate", sweepColumns("max_rate", "Hz"));
    sink.beginSeries("energy_ratio_vs_sparsity", sweepColumns("sparsity", ""));
    for (double steps : windows) {
        snn::SnnWindow w = s.window;
        w.steps = static_cast<int>(steps);
        std::vector<Compared> pts;
        std::vector<double> rates;
        for (double f : kRateFractions) {
            snn::SnnWindow wr = w;
            wr.maxRate = s.window.maxRate * f;
            pts.push_back(bench.run(snn::thresholdInputs(sweepSet, theta), wr));
            rates.push_back(wr.maxRate);
            appendSweepRow(sink, "energy_ratio_vs_rate", wr.maxRate, pts.back(), steps, theta);
        }
        if (w.steps == s.window.steps) reportCrossing(sink, "ratio_crosses_1_at_rate", "Hz", rates, pts);
        pts.clear();
        std::vector<double> sparsity;
        for (double th : kThresholdAxis) {
            const Dataset d = snn::thresholdInputs(sweepSet, th);
            pts.push_back(bench.run(d, w));
            sparsity.push_back(snn::zeroFraction(d));
            appendSweepRow(sink, "energy_ratio_vs_sparsity", sparsity.back(), pts.back(), steps, th);
        }
        if (w.steps == s.window.steps) reportCrossing(sink, "ratio_crosses_1_at_sparsity", "", sparsity, pts);
        sink.progress(0.5 + 0.5 * (&steps - windows.data() + 1) / double(windows.size()));
    }
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo annVsSnnKind() {
    ExperimentKindInfo k;
    k.id = "ann_vs_snn";
    k.name = "ANN vs SNN on one device (Table 6)";
    k.summary = "A ReLU MLP on memristor crossbars and its converted spiking network: accuracy, latency, operations "
                "and read energy from one device, with sweeps showing where the SNN/ANN energy ratio crosses 1";
    k.settings = settings();
    k.validate = kind_setup::validator(readSetup);
    k.run = run;
    k.memoryEstimate = [](const nlohmann::json&, const Project&) { return 3e7; };
    return k;
}

}  // namespace ms
