#include "core/ann/AnnTraining.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>

#include "core/ann/AnalogSlots.h"
#include "core/ann/ConductanceSnapshots.h"
#include "core/ann/IrDropMvm.h"
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
    if (s.training.snapshotsPerEpoch < 0 || s.training.snapshotsPerEpoch > 100)
        throw InputError("training.snapshotsPerEpoch", "must be between 0 and 100");
    if (s.training.imagesPerEpoch < 0) throw InputError("training.imagesPerEpoch", "must not be negative");
    if (s.training.imagesPerEpoch > static_cast<int>(data.train.labels.size()))
        throw InputError("training.imagesPerEpoch", "is " + std::to_string(s.training.imagesPerEpoch) + " but the training set has " +
                                                        std::to_string(data.train.labels.size()) + " samples");
    for (std::size_t k = 0; k < s.training.learningRates.size(); ++k)
        if (!(s.training.learningRates[k] > 0) || !std::isfinite(s.training.learningRates[k]))
            throw InputError("training.learningRates[" + std::to_string(k) + "]", "must be a positive number");
    for (std::size_t k = 0; k < s.analog.adcBounds.size(); ++k)
        if (!(s.analog.adcBounds[k] > 0) || !std::isfinite(s.analog.adcBounds[k]))
            throw InputError("analog.adcBounds[" + std::to_string(k) + "]", "must be a positive number");
    if (s.analog.irDrop.enabled && s.analog.irDrop.refreshCalls < 1)
        throw InputError("nonidealities.irDrop.refreshCalls", "must be at least 1");
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

// A per-layer setting `values` (empty: none) must have one entry per weight layer.
void checkPerLayer(const std::vector<double>& values, std::size_t layers, const std::string& path) {
    if (!values.empty() && values.size() != layers)
        throw InputError(path, "has " + std::to_string(values.size()) + " entries for " + std::to_string(layers) +
                                   " weight layers (one per layer, inputs first)");
}

// One pass over the epoch's samples (epochSamples) in a seeded order; returns the mean loss.
double trainEpoch(Network& net, const Dataset& train, const AnnRunSpec& spec, int epoch,
                                     SynapseRng& rng, FrameSink& sink, const StopToken& stop, double progress0,
                                     double progressSpan, const std::function<void(double)>& snapshot) {
    const auto order = epochSamples(static_cast<int>(train.labels.size()), spec.training.imagesPerEpoch,
                                    spec.training.seed, epoch);
    const int n = static_cast<int>(order.size());
    const bool inSitu = spec.training.mode == TrainingMode::InSitu;
    const int batch = inSitu ? 1 : spec.training.batchSize;
    ForwardContext ctx{rng, spec.training.mode == TrainingMode::HardwareAware ? spec.training.hwaNoise : 0.0};
    auto slots = net.weightSlots();
    double lossSum = 0.0;
    int inBatch = 0;
    const auto& rates = spec.training.learningRates;
    auto step = [&] {
        for (std::size_t l = 0; l < slots.size(); ++l) {
            WeightSlot* s = slots[l];
            const double lr = rates.empty() ? spec.training.learningRate : rates[l];
            if (s->analog) {
                s->analog->applyUpdate(-lr * s->grad, rng);
            } else {
                s->w.noalias() -= (lr / inBatch) * s->grad;
            }
            s->grad.setZero();
        }
        inBatch = 0;
    };
    const int snaps = spec.training.snapshotsPerEpoch;
    int nextSnap = 1;
    for (int k = 0; k < n; ++k) {
        if (snaps > 0 && nextSnap < snaps && k == nextSnap * n / snaps) {
            snapshot(epoch + static_cast<double>(k) / n);
            ++nextSnap;
        }
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

}  // namespace

std::vector<int> epochSamples(int trainSize, int imagesPerEpoch, std::uint64_t seed, int epoch) {
    auto order = seededPermutation(trainSize, seed * 1000003ULL + static_cast<std::uint64_t>(epoch));
    // The first N of the epoch's permutation: N distinct samples from the whole set, a fresh draw each epoch.
    if (imagesPerEpoch > 0 && imagesPerEpoch < trainSize) order.resize(static_cast<std::size_t>(imagesPerEpoch));
    return order;
}

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
    const WeightInitSpec init{spec.network.init, spec.training.initScale, spec.analog.wMax};
    Network net(spec.network, static_cast<int>(train.features.cols()), train.imageWidth, train.imageHeight, init, rng);
    checkPerLayer(spec.training.learningRates, net.weightSlots().size(), "training.learningRates");
    checkPerLayer(spec.analog.adcBounds, net.weightSlots().size(), "analog.adcBounds");
    AnnRunResult res;
    res.networkDescription = net.describe();
    const TrainingMode mode = spec.training.mode;
    const bool analog = mode != TrainingMode::Float;
    std::unique_ptr<PulseSynapse> model;
    if (analog)
        model = instantiateSynapse(spec.analog.synapseModel, spec.analog.synapseParams, spec.analog.synapsePreset,
                                   "analog.synapse");
    std::vector<std::shared_ptr<IrDropMvm>> irDrop;
    // Exact solves before each evaluation pass (training may have moved the conductances).
    auto evaluate = [&](const Dataset& d, Eigen::MatrixXi* confusion) {
        for (auto& m : irDrop) m->refreshAll();
        return evaluateAccuracy(net, d, rng, confusion);
    };
    ConductanceSnapshots snapshots(sink);
    auto snapshot = [&](double t) {
        if (spec.training.snapshotsPerEpoch > 0) snapshots(net.weightSlots(), t);
    };
    auto attachDevices = [&](double wMaxOverride) {
        const auto slots = net.weightSlots();
        for (std::size_t l = 0; l < slots.size(); ++l) {
            WeightSlot* s = slots[l];
            const double wMax = wMaxOverride > 0 ? wMaxOverride : std::max(1e-12, s->w.cwiseAbs().maxCoeff());
            AnalogSpec layerSpec = spec.analog;
            if (!spec.analog.adcBounds.empty()) layerSpec.adcBound = spec.analog.adcBounds[l];
            s->analog = std::make_unique<AnalogWeights>(static_cast<int>(s->w.rows()), static_cast<int>(s->w.cols()),
                                                        layerSpec, *model, wMax, rng);
            if (spec.analog.irDrop.enabled) {
                auto mvm = std::make_shared<IrDropMvm>(spec.analog.irDrop);
                s->analog->setMvm(mvm);
                irDrop.push_back(mvm);
            }
            res.tiles += s->analog->tileCount();
            res.stuckDevices += s->analog->stuckDevices();
        }
    };
    if (mode == TrainingMode::InSitu) {
        attachDevices(spec.analog.wMax);
        for (auto* s : net.weightSlots()) s->analog->initialise(s->w);
    }
    sink.log(LogLevel::Info, "network: " + res.networkDescription);
    sink.beginSeries("epochs", {{"epoch", ""}, {"train_loss", ""}, {"train_acc", ""}, {"test_acc", ""},
                                {"pulses", ""}, {"energy", "J"}, {"wall_time", "s"}});
    if (mode == TrainingMode::InSitu) snapshot(0.0);
    const int epochs = spec.training.epochs;
    // The last epoch's test pass is the final one when nothing moves the weights after
    // it (no programming, drift or compensation) and a pass draws no noise: then a
    // second pass would repeat the same number, and it also fills the confusion matrix.
    const bool noisyRead = spec.analog.readNoise.sigmaRead > 0 || spec.analog.readNoise.sigmaOut > 0;
    const bool lastTestIsFinal = epochs > 0 && (mode == TrainingMode::Float || mode == TrainingMode::InSitu) &&
                                 (!analog || (spec.analog.inferenceTime == 0.0 && !spec.analog.driftCompensation && !noisyRead));
    for (int e = 0; e < epochs; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        const double loss = trainEpoch(net, train, spec, e, rng, sink, stop, static_cast<double>(e) / (epochs + 1),
                                       1.0 / (epochs + 1), [&](double t) { snapshot(t); });
        checkStop(stop);
        EpochRecord r;
        r.epoch = e + 1;
        r.loss = loss;
        // Accuracy on a fixed evaluation forward pass (no HWA noise), as deployed.
        r.trainAccuracy = spec.training.trainAccuracyEachEpoch ? evaluate(train, nullptr) : std::nan("");
        r.testAccuracy = evaluate(data.test, lastTestIsFinal && e + 1 == epochs ? &res.confusion : nullptr);
        r.pulses = totalPulses(net.weightSlots());
        r.energy = totalEnergy(net.weightSlots());
        r.wallTime = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        res.epochs.push_back(r);
        const double row[] = {double(r.epoch), r.loss, r.trainAccuracy, r.testAccuracy, double(r.pulses), r.energy, r.wallTime};
        sink.appendRows("epochs", row, 1);
        char line[160];
        std::snprintf(line, sizeof line, "epoch %d/%d: loss %.4g, test accuracy %.2f %%, %.3g s", r.epoch, epochs, r.loss,
                      100.0 * r.testAccuracy, r.wallTime);
        sink.log(LogLevel::Info, line);
        if (mode == TrainingMode::InSitu) snapshot(e + 1.0);
    }
    if (mode == TrainingMode::ExSitu || mode == TrainingMode::HardwareAware) {
        res.floatAccuracy = res.epochs.empty() ? evaluate(data.test, nullptr) : res.epochs.back().testAccuracy;
        attachDevices(0.0);
        res.programming = programSlots(net.weightSlots(), rng);
        sink.scalar("float_accuracy", res.floatAccuracy, "");
        sink.scalar("programming_rms_error", res.programming.rmsError, "");
        sink.scalar("programming_max_error", res.programming.maxError, "");
    }
    if (analog) driftToReadTime(net.weightSlots(), spec.analog);
    if (analog && mode != TrainingMode::InSitu) snapshot(epochs);  // the programmed (and drifted) state
    const auto tFinal = std::chrono::steady_clock::now();
    res.testAccuracy = lastTestIsFinal ? res.epochs.back().testAccuracy : evaluate(data.test, &res.confusion);
    res.pulses = totalPulses(net.weightSlots());
    res.writeEnergy = totalEnergy(net.weightSlots());
    if (analog) {
        EpochRecord last;
        last.epoch = epochs + 1;
        last.testAccuracy = res.testAccuracy;
        last.trainAccuracy = std::nan("");
        last.loss = std::nan("");
        last.pulses = res.pulses;
        last.energy = res.writeEnergy;
        last.wallTime = std::chrono::duration<double>(std::chrono::steady_clock::now() - tFinal).count();
        if (mode != TrainingMode::InSitu) {
            const double row[] = {double(last.epoch), last.loss, last.trainAccuracy, last.testAccuracy, double(last.pulses),
                                  last.energy, last.wallTime};
            sink.appendRows("epochs", row, 1);
        }
    }
    sink.beginSeries("confusion", {{"true", ""}, {"predicted", ""}, {"count", ""}});
    for (int a = 0; a < res.confusion.rows(); ++a)
        for (int b = 0; b < res.confusion.cols(); ++b) {
            const double row[] = {double(a), double(b), double(res.confusion(a, b))};
            sink.appendRows("confusion", row, 1);
        }
    sink.scalar("final_accuracy", res.testAccuracy, "");
    sink.scalar("pulses", static_cast<double>(res.pulses), "");
    sink.scalar("energy", res.writeEnergy, "J");
    sink.scalar("stuck_devices", static_cast<double>(res.stuckDevices), "");
    sink.scalar("tiles", res.tiles, "");
    sink.progress(1.0);
    return res;
}

}  // namespace ms
