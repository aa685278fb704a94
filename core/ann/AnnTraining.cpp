#include "core/ann/AnnTraining.h"

#include <cmath>

#include "core/common/Errors.h"

namespace ms {
namespace {

void checkStop(const StopToken& stop) {
    if (stop.stopRequested()) throw Cancelled();
}

void validate(const AnnRunSpec& s, const Split& data) {
    if (s.training.epochs < 0 || s.training.epochs > 100000) throw InputError("training.epochs", "must be between 0 and 100000");
    if (!(s.training.learningRate > 0) || !std::isfinite(s.training.learningRate))
        throw InputError("training.learningRate", "must be a positive number");
    if (s.training.batchSize < 1) throw InputError("training.batchSize", "must be at least 1");
    if (s.training.hwaNoise < 0) throw InputError("training.hwaNoise", "must not be negative");
    if (s.analog.devicesPerWeight < 1 || s.analog.devicesPerWeight > 64)
        throw InputError("analog.devicesPerWeight", "must be between 1 and 64");
    if (s.analog.dacBits < 0 || s.analog.dacBits > 24) throw InputError("analog.dacBits", "must be between 0 and 24");
    if (s.analog.adcBits < 0 || s.analog.adcBits > 24) throw InputError("analog.adcBits", "must be between 0 and 24");
    if (data.train.labels.empty() || data.test.labels.empty()) throw InputError("data", "empty train or test set");
    if (data.train.features.cols() != data.test.features.cols()) throw InputError("data", "train and test feature counts differ");
    if (s.network.layerSizes.back() < data.train.classCount)
        throw InputError("network.layerSizes", "the output layer has " + std::to_string(s.network.layerSizes.back()) +
                                                   " units for " + std::to_string(data.train.classCount) + " classes");
}

int argmax(const Eigen::VectorXd& v) {
    Eigen::Index k = 0;
    v.maxCoeff(&k);
    return static_cast<int>(k);
}

// One pass over the training set in a seeded order; returns the mean loss.
double trainEpoch(Network& net, const Dataset& train, const AnnRunSpec& spec, int epoch,
                                     SynapseRng& rng, FrameSink& sink, const StopToken& stop, double progress0,
                                     double progressSpan) {
    const int n = static_cast<int>(train.labels.size());
    const auto order = seededPermutation(n, spec.training.seed * 1000003ULL + static_cast<std::uint64_t>(epoch));
    const bool inSitu = spec.training.mode == TrainingMode::InSitu;
    const int batch = inSitu ? 1 : spec.training.batchSize;
    ForwardContext ctx{rng, spec.training.mode == TrainingMode::HardwareAware ? spec.training.hwaNoise : 0.0};
    auto slots = net.weightSlots();
    double lossSum = 0.0;
    int inBatch = 0;
    const double lr = spec.training.learningRate;
    auto step = [&] {
        for (auto* s : slots) {
            if (s->analog) {
                s->analog->applyUpdate(-lr * s->grad, rng);
            } else {
                s->w.noalias() -= (lr / inBatch) * s->grad;
            }
            s->grad.setZero();
        }
        inBatch = 0;
    };
    for (int k = 0; k < n; ++k) {
        if ((k & 63) == 0) {
            checkStop(stop);
            sink.progress(progress0 + progressSpan * k / n);
        }
        const int s = order[k];
        const Eigen::VectorXd x = train.features.row(s).transpose();
        lossSum += net.accumulateGradient(x, train.labels[s], ctx);
        ++inBatch;
        if (inBatch == batch) step();
    }
    if (inBatch > 0) step();
    return lossSum / n;
}

long long totalPulses(Network& net) {
    long long p = 0;
    for (auto* s : net.weightSlots())
        if (s->analog) p += s->analog->pulseCount();
    return p;
}
double totalEnergy(Network& net) {
    double e = 0;
    for (auto* s : net.weightSlots())
        if (s->analog) e += s->analog->writeEnergy();
    return e;
}

}  // namespace

double evaluateAccuracy(Network& net, const Dataset& d, SynapseRng& rng, Eigen::MatrixXi* confusion) {
    ForwardContext ctx{rng, 0.0};
    int correct = 0;
    const int classes = d.classCount;
    if (confusion) *confusion = Eigen::MatrixXi::Zero(classes, classes);
    for (int s = 0; s < static_cast<int>(d.labels.size()); ++s) {
        const int p = argmax(net.predict(d.features.row(s).transpose(), ctx));
        correct += p == d.labels[s];
        if (confusion && p < classes) (*confusion)(d.labels[s], p) += 1;
    }
    return static_cast<double>(correct) / d.labels.size();
}

AnnRunResult runAnnTraining(const AnnRunSpec& spec, const Split& data, FrameSink& sink, const StopToken& stop) {
    validate(spec, data);
    SynapseRng rng(spec.training.seed);
    const Dataset& train = data.train;
    Network net(spec.network, static_cast<int>(train.features.cols()), train.imageWidth, train.imageHeight,
                spec.training.initScale, rng);
    AnnRunResult res;
    res.networkDescription = net.describe();
    const TrainingMode mode = spec.training.mode;
    const bool analog = mode != TrainingMode::Float;
    std::unique_ptr<PulseSynapse> model;
    if (analog)
        model = instantiateSynapse(spec.analog.synapseModel, spec.analog.synapseParams, spec.analog.synapsePreset,
                                   "analog.synapse");
    auto attachDevices = [&](double wMaxOverride) {
        for (auto* s : net.weightSlots()) {
            const double wMax = wMaxOverride > 0 ? wMaxOverride : std::max(1e-12, s->w.cwiseAbs().maxCoeff());
            s->analog = std::make_unique<AnalogWeights>(static_cast<int>(s->w.rows()), static_cast<int>(s->w.cols()),
                                                        spec.analog, *model, wMax, rng);
            res.tiles += s->analog->tileCount();
            res.stuckDevices += s->analog->stuckDevices();
        }
    };
    if (mode == TrainingMode::InSitu) {
        attachDevices(spec.analog.wMax);
        for (auto* s : net.weightSlots()) s->analog->initialise(s->w);
    }
    sink.log(LogLevel::Info, "network: " + res.networkDescription);
    sink.beginSeries("training", {{"epoch", ""}, {"train_accuracy", ""}, {"test_accuracy", ""}, {"loss", ""},
                                  {"pulses", ""}, {"energy", "J"}});
    const int epochs = spec.training.epochs;
    for (int e = 0; e < epochs; ++e) {
        const double loss = trainEpoch(net, train, spec, e, rng, sink, stop, static_cast<double>(e) / (epochs + 1),
                                       1.0 / (epochs + 1));
        checkStop(stop);
        EpochRecord r;
        r.epoch = e + 1;
        r.loss = loss;
        // Accuracy on a fixed evaluation forward pass (no HWA noise), as deployed.
        r.trainAccuracy = spec.training.trainAccuracyEachEpoch ? evaluateAccuracy(net, train, rng) : std::nan("");
        r.testAccuracy = evaluateAccuracy(net, data.test, rng);
        r.pulses = totalPulses(net);
        r.energy = totalEnergy(net);
        res.epochs.push_back(r);
        const double row[] = {double(r.epoch), r.trainAccuracy, r.testAccuracy, r.loss, double(r.pulses), r.energy};
        sink.appendRows("training", row, 1);
    }
    if (mode == TrainingMode::ExSitu || mode == TrainingMode::HardwareAware) {
        res.floatAccuracy = res.epochs.empty() ? evaluateAccuracy(net, data.test, rng) : res.epochs.back().testAccuracy;
        attachDevices(0.0);
        for (auto* s : net.weightSlots()) {
            const ProgrammingReport p = s->analog->program(s->w, rng);
            res.programming.rmsError = std::max(res.programming.rmsError, p.rmsError);
            res.programming.maxError = std::max(res.programming.maxError, p.maxError);
            res.programming.pulses += p.pulses;
            res.programming.energy += p.energy;
            res.programming.verifyIterations = std::max(res.programming.verifyIterations, p.verifyIterations);
        }
        sink.scalar("float_accuracy", res.floatAccuracy, "");
        sink.scalar("programming_rms_error", res.programming.rmsError, "");
        sink.scalar("programming_max_error", res.programming.maxError, "");
    }
    if (analog) {
        // Drift to the read time, with the optional global drift compensation.
        for (auto* s : net.weightSlots()) {
            const double before = s->analog->weights().cwiseAbs().sum();
            s->analog->setTime(spec.analog.inferenceTime);
            const double after = s->analog->weights().cwiseAbs().sum();
            if (spec.analog.driftCompensation && after > 0) s->analog->setOutputGain(before / after);
        }
    }
    res.testAccuracy = evaluateAccuracy(net, data.test, rng, &res.confusion);
    res.pulses = totalPulses(net);
    res.writeEnergy = totalEnergy(net);
    if (analog) {
        EpochRecord last;
        last.epoch = epochs + 1;
        last.testAccuracy = res.testAccuracy;
        last.trainAccuracy = std::nan("");
        last.loss = std::nan("");
        last.pulses = res.pulses;
        last.energy = res.writeEnergy;
        if (mode != TrainingMode::InSitu) {
            const double row[] = {double(last.epoch), last.trainAccuracy, last.testAccuracy, last.loss, double(last.pulses), last.energy};
            sink.appendRows("training", row, 1);
        }
    }
    sink.beginSeries("confusion", {{"true", ""}, {"predicted", ""}, {"count", ""}});
    for (int a = 0; a < res.confusion.rows(); ++a)
        for (int b = 0; b < res.confusion.cols(); ++b) {
            const double row[] = {double(a), double(b), double(res.confusion(a, b))};
            sink.appendRows("confusion", row, 1);
        }
    sink.scalar("test_accuracy", res.testAccuracy, "");
    sink.scalar("pulses", static_cast<double>(res.pulses), "");
    sink.scalar("write_energy", res.writeEnergy, "J");
    sink.scalar("stuck_devices", static_cast<double>(res.stuckDevices), "");
    sink.scalar("tiles", res.tiles, "");
    sink.progress(1.0);
    return res;
}

}  // namespace ms
