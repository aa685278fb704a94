#include "core/rnn/RnnTraining.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
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

void validate(const RnnRunSpec& s, const SequenceSplit& data) {
    if (s.hidden < 1 || s.hidden > 4096) throw InputError("hidden", "must be between 1 and 4096");
    if (s.epochs < 0) throw InputError("epochs", "must not be negative");
    if (!(s.learningRate > 0) || !std::isfinite(s.learningRate)) throw InputError("learningRate", "must be a positive number");
    if (s.batchSize < 1) throw InputError("batchSize", "must be at least 1");
    if (data.train.size() == 0 || data.test.size() == 0) throw InputError("data", "empty train or test set");
    const Eigen::Index steps = data.train.sequences.front().rows(), features = data.train.sequences.front().cols();
    for (const SequenceSet* set : {&data.train, &data.test})
        for (std::size_t k = 0; k < set->size(); ++k)
            if (set->sequences[k].rows() != steps || set->sequences[k].cols() != features)
                throw InputError("data", "sequence " + std::to_string(k) + " is " + std::to_string(set->sequences[k].rows()) +
                                             " steps x " + std::to_string(set->sequences[k].cols()) + " features, the first " +
                                             std::to_string(steps) + " x " + std::to_string(features));
}

RnnShape shapeFor(const RnnRunSpec& s, const SequenceSplit& data) {
    RnnShape shape;
    shape.cell = s.cell;
    shape.inputs = static_cast<int>(data.train.sequences.front().cols());
    shape.hidden = s.hidden;
    const bool classes = data.train.classes > 0;
    shape.readout = classes ? ReadoutKind::SoftmaxClasses : ReadoutKind::Linear;
    shape.outputs = classes ? data.train.classes : static_cast<int>(data.train.targets.front().size());
    return shape;
}

// Adam (Kingma & Ba 2015) or plain SGD; the step dW is what the devices receive in situ.
class Optimizer {
public:
    Optimizer(const RnnRunSpec& s, std::vector<WeightSlot*> slots) : spec_(s), slots_(std::move(slots)) {
        for (auto* w : slots_) {
            m_.push_back(Eigen::MatrixXd::Zero(w->w.rows(), w->w.cols()));
            v_.push_back(Eigen::MatrixXd::Zero(w->w.rows(), w->w.cols()));
        }
    }
    void step(int batch, SynapseRng& rng) {
        double norm2 = 0.0;
        for (auto* w : slots_) {
            w->grad /= batch;
            norm2 += w->grad.squaredNorm();
        }
        // Clipping by global norm keeps BPTT's occasional large gradients from
        // throwing the weights (Pascanu et al. 2013).
        const double norm = std::sqrt(norm2);
        const double clip = spec_.gradientClip > 0 && norm > spec_.gradientClip ? spec_.gradientClip / norm : 1.0;
        ++t_;
        const double lr = spec_.learningRate, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        for (std::size_t k = 0; k < slots_.size(); ++k) {
            WeightSlot* w = slots_[k];
            const Eigen::MatrixXd g = clip * w->grad;
            Eigen::MatrixXd dW;
            if (spec_.optimizer == RnnOptimizer::Adam) {
                m_[k] = b1 * m_[k] + (1 - b1) * g;
                v_[k] = b2 * v_[k] + (1 - b2) * g.cwiseAbs2();
                const double c1 = 1 - std::pow(b1, t_), c2 = 1 - std::pow(b2, t_);
                dW = -lr * (m_[k] / c1).array() / ((v_[k] / c2).array().sqrt() + eps);
            } else {
                dW = -lr * g;
            }
            if (w->analog)
                w->analog->applyUpdate(dW, rng);
            else
                w->w += dW;
            w->grad.setZero();
        }
    }

private:
    const RnnRunSpec& spec_;
    std::vector<WeightSlot*> slots_;
    std::vector<Eigen::MatrixXd> m_, v_;
    int t_ = 0;
};

// The first test sequence's hidden state (and LSTM or GRU gates) over time.
void streamStates(const RecurrentNetwork& net, const SequenceSet& test, SynapseRng& rng, FrameSink& sink) {
    ForwardContext ctx{rng, 0.0};
    const RnnPass pass = net.forward(test.sequences.front(), ctx);
    const int H = net.shape().hidden;
    std::vector<double> rows;
    for (std::size_t t = 0; t < pass.steps.size(); ++t)
        for (int u = 0; u < H; ++u) rows.insert(rows.end(), {double(t), double(u), pass.steps[t].h[u]});
    sink.beginSeries("hidden_state", {{"step", ""}, {"unit", ""}, {"h", ""}});
    sink.appendRows("hidden_state", rows.data(), rows.size() / 3);
    const int gates = gateCount(net.shape().cell);
    if (gates == 1) return;  // an Elman cell's only activation is h itself
    rows.clear();
    for (std::size_t t = 0; t < pass.steps.size(); ++t)
        for (int g = 0; g < gates; ++g)
            for (int u = 0; u < H; ++u) rows.insert(rows.end(), {double(t), double(g), double(u), pass.steps[t].gates[g * H + u]});
    sink.beginSeries("gates", {{"step", ""}, {"gate", ""}, {"unit", ""}, {"value", ""}});
    sink.appendRows("gates", rows.data(), rows.size() / 4);
}

}  // namespace

RnnEvaluation evaluateRnn(const RecurrentNetwork& net, const SequenceSet& data, SynapseRng& rng) {
    ForwardContext ctx{rng, 0.0};
    RnnEvaluation ev;
    const bool classes = net.shape().readout == ReadoutKind::SoftmaxClasses;
    int correct = 0;
    double se = 0.0, mean = 0.0, var = 0.0;
    const Eigen::VectorXd none;
    for (std::size_t k = 0; k < data.size(); ++k) {
        const RnnPass pass = net.forward(data.sequences[k], ctx);
        if (classes) {
            Eigen::Index best = 0;
            pass.output.maxCoeff(&best);
            correct += best == data.labels[k];
            ev.loss += net.loss(pass, data.labels[k], none);
        } else {
            ev.loss += net.loss(pass, -1, data.targets[k]);
            se += (pass.output - data.targets[k]).squaredNorm();
            mean += data.targets[k].sum();
            ev.predictions.push_back(pass.output[0]);
        }
    }
    const double n = static_cast<double>(data.size());
    ev.loss /= n;
    if (classes) {
        ev.accuracy = correct / n;
    } else {
        const double outputs = static_cast<double>(data.targets.front().size());
        mean /= n * outputs;
        for (const auto& t : data.targets) var += (t.array() - mean).square().sum();
        var /= n * outputs;
        ev.nrmse = std::sqrt(se / (n * outputs)) / std::sqrt(std::max(var, 1e-300));
    }
    return ev;
}

RnnRunResult runRnnTraining(const RnnRunSpec& spec, const SequenceSplit& data, FrameSink& sink, const StopToken& stop) {
    validate(spec, data);
    RnnRunResult res;
    SynapseRng rng(spec.seed);
    RecurrentNetwork net(shapeFor(spec, data), spec.initScale, rng);
    const bool classes = net.shape().readout == ReadoutKind::SoftmaxClasses;
    const TrainingMode mode = spec.mode;
    const bool analog = mode != TrainingMode::Float;
    std::unique_ptr<PulseSynapse> model;
    if (analog)
        model = instantiateSynapse(spec.analog.synapseModel, spec.analog.synapseParams, spec.analog.synapsePreset,
                                   "synapse");
    std::vector<std::shared_ptr<IrDropMvm>> irDrop;
    auto evaluate = [&](const SequenceSet& d) {
        for (auto& m : irDrop) m->refreshAll();
        return evaluateRnn(net, d, rng);
    };
    // One AnalogWeights per weight matrix (the LSTM's four gates stacked in one).
    auto attachDevices = [&](double wMaxOverride) {
        for (WeightSlot* s : net.weightSlots()) {
            const double wMax = wMaxOverride > 0 ? wMaxOverride : std::max(1e-12, s->w.cwiseAbs().maxCoeff());
            s->analog = std::make_unique<AnalogWeights>(static_cast<int>(s->w.rows()), static_cast<int>(s->w.cols()),
                                                        spec.analog, *model, wMax, rng);
            if (spec.analog.irDrop.enabled) {
                auto mvm = std::make_shared<IrDropMvm>(spec.analog.irDrop);
                s->analog->setMvm(mvm);
                irDrop.push_back(mvm);
            }
            res.tiles += s->analog->tileCount();
        }
    };
    // Conductance maps of both matrices (g_layer0: the cell, its gates in row blocks; g_layer1: the readout).
    ConductanceSnapshots snapshots(sink);
    if (mode == TrainingMode::InSitu) {
        attachDevices(spec.analog.wMax);
        for (WeightSlot* s : net.weightSlots()) s->analog->initialise(s->w);
        snapshots(net.weightSlots(), 0.0);
    }
    sink.log(LogLevel::Info, "network: " + net.describe());
    sink.beginSeries("epochs", {{"epoch", ""}, {"train_loss", ""}, {"test_loss", ""}, {"test_acc", ""}, {"test_nrmse", ""},
                                {"pulses", ""}, {"energy", "J"}, {"wall_time", "s"}});
    auto appendEpoch = [&](const RnnEpochRecord& r) {
        const double row[] = {double(r.epoch), r.trainLoss, r.testLoss, r.testAccuracy, r.testNrmse,
                              double(r.pulses), r.energy, r.wallTime};
        sink.appendRows("epochs", row, 1);
    };
    Optimizer optimizer(spec, net.weightSlots());
    ForwardContext ctx{rng, mode == TrainingMode::HardwareAware ? spec.hwaNoise : 0.0};
    const int n = static_cast<int>(data.train.size());
    const Eigen::VectorXd none;
    double trainSeconds = 0.0;
    for (int e = 0; e < spec.epochs; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto order = seededPermutation(n, spec.seed * 1000003ULL + static_cast<std::uint64_t>(e));
        double lossSum = 0.0;
        int inBatch = 0;
        for (int k = 0; k < n; ++k) {
            if ((k & 63) == 0) {
                checkStop(stop);
                sink.progress((e + static_cast<double>(k) / n) / (spec.epochs + 1));
            }
            const auto s = static_cast<std::size_t>(order[static_cast<std::size_t>(k)]);
            lossSum += classes ? net.accumulateGradient(data.train.sequences[s], data.train.labels[s], none, ctx)
                               : net.accumulateGradient(data.train.sequences[s], -1, data.train.targets[s], ctx);
            if (++inBatch == spec.batchSize) {
                optimizer.step(inBatch, rng);
                inBatch = 0;
            }
        }
        if (inBatch > 0) optimizer.step(inBatch, rng);
        trainSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        checkStop(stop);
        const RnnEvaluation ev = evaluate(data.test);
        RnnEpochRecord r;
        r.epoch = e + 1;
        r.trainLoss = lossSum / n;
        r.testLoss = ev.loss;
        r.testAccuracy = ev.accuracy;
        r.testNrmse = ev.nrmse;
        r.pulses = totalPulses(net.weightSlots());
        r.energy = totalEnergy(net.weightSlots());
        r.wallTime = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        res.epochs.push_back(r);
        appendEpoch(r);
        char line[160];
        if (classes)
            std::snprintf(line, sizeof line, "epoch %d/%d: loss %.4g, test accuracy %.2f %%, %.3g s", r.epoch, spec.epochs,
                          r.trainLoss, 100.0 * r.testAccuracy, r.wallTime);
        else
            std::snprintf(line, sizeof line, "epoch %d/%d: loss %.4g, test NRMSE %.4g, %.3g s", r.epoch, spec.epochs,
                          r.trainLoss, r.testNrmse, r.wallTime);
        sink.log(LogLevel::Info, line);
        if (mode == TrainingMode::InSitu) snapshots(net.weightSlots(), e + 1.0);
    }
    res.secondsPerEpoch = spec.epochs > 0 ? trainSeconds / spec.epochs : 0.0;
    if (mode == TrainingMode::ExSitu || mode == TrainingMode::HardwareAware) {
        const RnnEvaluation before = evaluate(data.test);
        res.floatAccuracy = before.accuracy;
        res.floatNrmse = before.nrmse;
        attachDevices(0.0);
        res.programming = programSlots(net.weightSlots(), rng);
        sink.scalar(classes ? "float_accuracy" : "float_nrmse", classes ? res.floatAccuracy : res.floatNrmse, "");
        sink.scalar("programming_rms_error", res.programming.rmsError, "");
        sink.scalar("programming_max_error", res.programming.maxError, "");
    }
    if (analog) driftToReadTime(net.weightSlots(), spec.analog);  // as the ANN kinds read
    if (analog && mode != TrainingMode::InSitu) snapshots(net.weightSlots(), spec.epochs);  // as programmed (and drifted)
    const auto tFinal = std::chrono::steady_clock::now();
    const RnnEvaluation last = evaluate(data.test);
    res.accuracy = last.accuracy;
    res.nrmse = last.nrmse;
    res.pulses = totalPulses(net.weightSlots());
    res.writeEnergy = totalEnergy(net.weightSlots());
    if (mode == TrainingMode::ExSitu || mode == TrainingMode::HardwareAware) {
        RnnEpochRecord r;
        r.epoch = spec.epochs + 1;
        r.trainLoss = std::nan("");
        r.testLoss = last.loss;
        r.testAccuracy = last.accuracy;
        r.testNrmse = last.nrmse;
        r.pulses = res.pulses;
        r.energy = res.writeEnergy;
        r.wallTime = std::chrono::duration<double>(std::chrono::steady_clock::now() - tFinal).count();
        appendEpoch(r);
    }
    if (!classes) {
        sink.beginSeries("prediction", {{"step", ""}, {"target", ""}, {"prediction", ""}});
        std::vector<double> rows;
        for (std::size_t k = 0; k < last.predictions.size(); ++k)
            rows.insert(rows.end(), {double(k), data.test.targets[k][0], last.predictions[k]});
        sink.appendRows("prediction", rows.data(), last.predictions.size());
    }
    streamStates(net, data.test, rng, sink);
    if (classes)
        sink.scalar("final_accuracy", res.accuracy, "");
    else
        sink.scalar("final_nrmse", res.nrmse, "");
    sink.scalar("seconds_per_epoch", res.secondsPerEpoch, "s");
    if (analog) {  // a float run has no devices: no pulses, energy or tiles to report as zeros
        sink.scalar("pulses", static_cast<double>(res.pulses), "");
        sink.scalar("energy", res.writeEnergy, "J");
        sink.scalar("tiles", res.tiles, "");
    }
    sink.progress(1.0);
    return res;
}

}  // namespace ms
