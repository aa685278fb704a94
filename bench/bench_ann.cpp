// ANN-on-crossbar speed (issue 6): epoch time of in situ training with
// pulse-level device updates, and inference throughput. Prints a table; the
// goal is <= 0.2 s per epoch for 64-32-10 on digits in situ, one core.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/BenchClock.h"
#include "core/ann/AnnTraining.h"
#include "core/ann/IrDropMvm.h"
#include "core/data/Dataset.h"
#include "core/rnn/RnnTraining.h"

using namespace ms;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct Row {
    std::string what;
    double perEpoch = 0, cpuPerEpoch = 0, accuracy = 0;
    long long pulsesPerEpoch = 0;
};

Row trainRow(const std::string& what, AnnRunSpec spec, const Split& data) {
    spec.training.trainAccuracyEachEpoch = false;  // time the training pass and one test pass per epoch
    NullSink sink;
    StopToken stop;
    const auto t0 = Clock::now();
    const double c0 = ms::bench::processCpuSeconds();
    const auto r = runAnnTraining(spec, data, sink, stop);
    const double t = seconds(t0), cpu = ms::bench::processCpuSeconds() - c0;
    return {what, t / spec.training.epochs, cpu / spec.training.epochs, r.testAccuracy,
            r.pulses / std::max(1, spec.training.epochs)};
}

// The row-wise digits LSTM (issue 17, docs/rnn.md): 8 steps of 8 pixels, the
// same split, timed like trainRow (whole run / epochs: training pass + test pass).
Row lstmRow(const std::string& what, const RnnRunSpec& spec, const Split& data) {
    const SequenceSplit seq{imagesAsRowSequences(data.train), imagesAsRowSequences(data.test)};
    NullSink sink;
    StopToken stop;
    const auto t0 = Clock::now();
    const double c0 = ms::bench::processCpuSeconds();
    const auto r = runRnnTraining(spec, seq, sink, stop);
    const double t = seconds(t0), cpu = ms::bench::processCpuSeconds() - c0;
    return {what, t / spec.epochs, cpu / spec.epochs, r.accuracy, r.pulses / std::max(1, spec.epochs)};
}

// Cost of an in situ epoch against the hidden width of 64-H-10 (Ag:a-Si,
// stochastic pulses), with the fitted exponent against the number of weights:
// 1 means the cost is per weight, as the pulse updates are.
void growthTable(const Split& digits) {
    std::printf("\ngrowth: 64-H-10 in situ on Ag:a-Si, 3 epochs; CPU time per epoch against the weights\n");
    std::printf("%6s %9s %12s %10s %10s %14s\n", "H", "weights", "s per epoch", "(cpu s)", "test acc", "pulses/epoch");
    std::vector<double> weights, cpus, pulses;
    for (int h : {16, 32, 64, 128, 256}) {
        AnnRunSpec s;
        s.training.epochs = 3;
        s.training.mode = TrainingMode::InSitu;
        s.network.layerSizes = {64, h, 10};
        const Row r = trainRow("", s, digits);
        const double w = 64.0 * h + h * 10.0;
        weights.push_back(w);
        cpus.push_back(r.cpuPerEpoch);
        pulses.push_back(double(std::max(1LL, r.pulsesPerEpoch)));
        std::printf("%6d %9.0f %12.4f %10.4f %9.2f%% %14lld\n", h, w, r.perEpoch, r.cpuPerEpoch, 100 * r.accuracy,
                    r.pulsesPerEpoch);
    }
    std::printf("fitted exponents against weights: CPU time %.2f, pulses %.2f\n", ms::bench::logSlope(weights, cpus),
                ms::bench::logSlope(weights, pulses));
}

// Samples per second through a programmed 64-32-10 on devices.
double inferenceRate(const AnalogSpec& analog, const Dataset& test, bool physicalHook, int repeats,
                     double* firstPass = nullptr) {
    SynapseRng rng(7);
    NetworkSpec ns;
    Network net(ns, 64, 8, 8, 1.0, rng);
    auto model = instantiateSynapse(analog.synapseModel, analog.synapseParams, analog.synapsePreset);
    for (auto* s : net.weightSlots()) {
        s->analog = std::make_unique<AnalogWeights>(int(s->w.rows()), int(s->w.cols()), analog, *model,
                                                    s->w.cwiseAbs().maxCoeff(), rng);
        s->analog->program(s->w, rng);
        // A non-ideal-declared exact product stands in for the crossbar solver's hook.
        if (analog.irDrop.enabled) {
            s->analog->setMvm(std::make_shared<IrDropMvm>(analog.irDrop));
        } else if (physicalHook) {
            struct Exact final : CrossbarMvm {
                Eigen::VectorXd columnCurrents(const Eigen::MatrixXd& g, const Eigen::VectorXd& v) const override {
                    return g.transpose() * v;
                }
            };
            s->analog->setMvm(std::make_shared<Exact>());
        }
    }
    // The first pass builds (factors) each tile's transfer matrix when the hook keeps one.
    const auto t0 = Clock::now();
    evaluateAccuracy(net, test, rng);
    const double first = seconds(t0);
    if (firstPass) *firstPass = first;
    const auto t1 = Clock::now();
    for (int k = 0; k < repeats; ++k) evaluateAccuracy(net, test, rng);
    return repeats * double(test.labels.size()) / seconds(t1);
}

}  // namespace

int main() {
    Dataset d = loadDigitsCsv(std::string(MS_SOURCE_DIR) + "/resources/data/digits.csv.gz");
    scaleFeatures(d, 16.0);
    const Split digits = splitDataset(d, 0.3, 0);

    std::printf("Training, digits 70/30 (1258 train / 539 test), one core, epoch = training pass + test pass; load average %s\n",
                ms::bench::loadAverage().c_str());
    std::printf("%-52s %12s %10s %10s %14s\n", "network / device / update", "s per epoch", "(cpu s)", "test acc", "pulses/epoch");
    std::vector<Row> rows;
    AnnRunSpec base;
    base.training.epochs = 10;
    {
        AnnRunSpec s = base;
        rows.push_back(trainRow("64-32-10 float SGD", s, digits));
        s.training.mode = TrainingMode::InSitu;
        rows.push_back(trainRow("64-32-10 in situ, Ag:a-Si (NeuroSim), stochastic", s, digits));
        s.analog.bipolarPulses = true;
        rows.push_back(trainRow("64-32-10 in situ, Ag:a-Si, bipolar pairs", s, digits));
        s.analog.bipolarPulses = false;
        s.analog.fuSegments = 8;
        rows.push_back(trainRow("64-32-10 in situ, Ag:a-Si, Fu 2019 8 segments", s, digits));
        s.analog.fuSegments = 0;
        s.analog.devicesPerWeight = 4;
        rows.push_back(trainRow("64-32-10 in situ, Ag:a-Si, 4 pairs per weight", s, digits));
        s.analog.devicesPerWeight = 1;
        s.analog.synapseModel = "soft_bounds";
        rows.push_back(trainRow("64-32-10 in situ, aihwkit soft bounds (1200 st.)", s, digits));
        s.analog.synapseModel = "neurosim_nl";
        s.network.layerSizes = {64, 10};
        s.analog.synapsePreset = "epiram";
        s.analog.bipolarPulses = true;
        rows.push_back(trainRow("64x10 SLP in situ, EpiRAM, bipolar", s, digits));
        AnnRunSpec c = base;
        c.network.conv.enabled = true;
        c.network.layerSizes = {64, 10};
        c.training.mode = TrainingMode::InSitu;
        rows.push_back(trainRow("CNN conv8x3x3-pool-72x10 in situ, Ag:a-Si", c, digits));
        c.analog.synapsePreset = "epiram";
        c.analog.bipolarPulses = true;
        rows.push_back(trainRow("CNN conv8x3x3-pool-72x10 in situ, EpiRAM, bipolar", c, digits));
        // Recurrent: 128x41 LSTM matrix (four gates stacked) + 10x33 readout.
        RnnRunSpec r;
        r.epochs = 10;
        r.seed = 3;
        rows.push_back(lstmRow("LSTM(32) row-wise float Adam", r, digits));
        r.mode = TrainingMode::InSitu;
        r.optimizer = RnnOptimizer::Sgd;
        r.learningRate = 0.1;
        r.batchSize = 4;
        rows.push_back(lstmRow("LSTM(32) row-wise in situ, Ag:a-Si, SGD batch 4", r, digits));
    }
    for (const auto& r : rows)
        std::printf("%-52s %12.4f %10.4f %9.2f%% %14lld\n", r.what.c_str(), r.perEpoch, r.cpuPerEpoch, 100 * r.accuracy,
                    r.pulsesPerEpoch);
    growthTable(digits);

    const std::string fm = findFashionMnist();
    if (fm.empty()) {
        std::printf("%-52s %12s\n", "784-100-10 Fashion-MNIST in situ", "n/a: dataset-fashion-mnist not installed");
    } else {
        Split f = loadFashionMnist(fm);
        scaleFeatures(f.train, 255.0);
        scaleFeatures(f.test, 255.0);
        // One epoch over a 6000-sample slice, scaled to the full 60000 (pulse work is per sample).
        std::vector<int> idx(6000);
        for (int k = 0; k < 6000; ++k) idx[k] = k;
        Split part{subsetOf(f.train, idx), subsetOf(f.test, std::vector<int>(idx.begin(), idx.begin() + 2000))};
        AnnRunSpec s;
        s.network.layerSizes = {784, 100, 10};
        s.training.mode = TrainingMode::InSitu;
        s.training.epochs = 1;
        AnnRunSpec fl = s;
        fl.training.mode = TrainingMode::Float;
        const Row rf = trainRow("784-100-10 Fashion-MNIST float SGD (6k slice)", fl, part);
        std::printf("%-52s %12.2f %9.2f%% %14s  (x10 for a 60k epoch: %.1f s)\n", rf.what.c_str(), rf.perEpoch,
                    100 * rf.accuracy, "-", 10 * rf.perEpoch);
        s.analog.synapsePreset = "epiram";
        s.analog.bipolarPulses = true;
        s.training.learningRate = 0.02;
        const Row r = trainRow("784-100-10 Fashion-MNIST in situ EpiRAM (6k slice)", s, part);
        std::printf("%-52s %12.2f %9.2f%% %14lld  (x10 for a 60k epoch: %.1f s)\n", r.what.c_str(), r.perEpoch,
                    100 * r.accuracy, r.pulsesPerEpoch, 10 * r.perEpoch);
    }

    std::printf("\nInference, 64-32-10 programmed ex situ (Ag:a-Si, write-verify), 539 test samples\n");
    std::printf("%-52s %16s\n", "path", "samples per s");
    AnalogSpec a;
    a.writeVerify = true;
    std::printf("%-52s %16.0f\n", "ideal wires, fast path (W x)", inferenceRate(a, digits.test, false, 40));
    AnalogSpec an = a;
    an.readNoise.sigmaRead = 0.02;
    std::printf("%-52s %16.0f\n", "read noise 2 % per device per read", inferenceRate(an, digits.test, false, 4));
    AnalogSpec aq = a;
    aq.dacBits = 7;
    aq.adcBits = 9;
    aq.tileRows = aq.tileCols = 32;
    std::printf("%-52s %16.0f\n", "DAC 7 bit, ADC 9 bit, 32x32 tiles", inferenceRate(aq, digits.test, false, 10));
    std::printf("%-52s %16.0f\n", "per-tile crossbar hook (exact G^T V stand-in)", inferenceRate(a, digits.test, true, 4));
    for (double r : {1.0, 0.1}) {
        AnalogSpec ai = a;
        ai.irDrop.enabled = true;
        ai.irDrop.rWireRow = ai.irDrop.rWireCol = r;
        double first = 0;
        const double rate = inferenceRate(ai, digits.test, true, 4, &first);
        char what[96];
        std::snprintf(what, sizeof what, "exact IR drop, %.1f ohm wires, factorization reused", r);
        std::printf("%-52s %16.0f   (first pass with the 2 tile solves: %.3f s)\n", what, rate, first);
    }
    {
        // Redundant devices in their own rows (4 x 65 rows: 3 tiles for layer 1) and read noise.
        AnalogSpec ai = a;
        ai.irDrop.enabled = true;
        ai.irDrop.rWireRow = ai.irDrop.rWireCol = 1.0;
        ai.devicesPerWeight = 4;
        ai.readNoise.sigmaRead = 0.02;
        double first = 0;
        const double rate = inferenceRate(ai, digits.test, true, 4, &first);
        std::printf("%-52s %16.0f   (first pass with the 5 tile solves: %.3f s)\n",
                    "exact IR drop, 1 ohm, 4 devices/weight, read noise 2 %", rate, first);
    }
    return 0;
}
