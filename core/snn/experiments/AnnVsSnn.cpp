#include "core/snn/experiments/AnnVsSnn.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "core/common/Errors.h"

namespace ms::snn {

std::vector<ConductancePairLayer> mapToConductancePairs(const ReluMlp& mlp, const CrossbarReadModel& d) {
    if (!(d.gMax > d.gMin) || !(d.gMin >= 0)) throw InputError("device", "needs 0 <= G_min < G_max");
    const double span = d.gMax - d.gMin;
    std::vector<ConductancePairLayer> out;
    for (const auto& w : mlp.weights) {
        ConductancePairLayer l;
        l.weightScale = w.cwiseAbs().maxCoeff();
        if (!(l.weightScale > 0)) l.weightScale = 1;  // an all-zero layer: every cell at G_min
        l.gPlus = (d.gMin + span * (w.cwiseMax(0.0) / l.weightScale).array()).matrix();
        l.gMinus = (d.gMin + span * ((-w).cwiseMax(0.0) / l.weightScale).array()).matrix();
        // A spike of input i reads column i of both matrices (the row of cells on its line).
        l.rowEnergy = (l.gPlus + l.gMinus).colwise().sum().transpose() * d.cellReadEnergy(1.0);
        out.push_back(std::move(l));
    }
    return out;
}

ReluMlp weightsFromConductances(const std::vector<ConductancePairLayer>& layers, const CrossbarReadModel& d) {
    ReluMlp m;
    for (const auto& l : layers) m.weights.push_back((l.gPlus - l.gMinus) * (l.weightScale / (d.gMax - d.gMin)));
    return m;
}

AnnMeasurement measureAnn(const ReluMlp& mlp, const std::vector<ConductancePairLayer>& layers,
                          const CrossbarReadModel& d, const NeuronCosts& costs, const Dataset& test) {
    AnnMeasurement a;
    a.accuracy = mlpAccuracy(weightsFromConductances(layers, d), test);
    a.layers = static_cast<int>(mlp.weights.size());
    a.macs = static_cast<double>(mlp.macs());
    double neurons = 0;
    for (const auto& l : layers) {
        a.readEnergy += d.cellReadEnergy((l.gPlus + l.gMinus).sum());
        neurons += static_cast<double>(l.gPlus.rows());
    }
    a.neuronEnergy = neurons * costs.annPerNeuron;
    return a;
}

SnnMeasurement measureConvertedSnn(const ReluMlp& norm, const std::vector<ConductancePairLayer>& layers,
                                   const NeuronCosts& costs, const Dataset& test, const SnnWindow& w,
                                   const StopToken& stop) {
    if (w.steps < 1) throw InputError("steps", "must be at least 1");
    if (!(w.dt > 0) || !(w.maxRate >= 0) || w.maxRate * w.dt > 1.0)
        throw InputError("maxRate", "maxRate x dt must lie in [0, 1] (at most one input spike per step)");
    if (norm.weights.size() != layers.size() || norm.weights.empty())
        throw InputError("layers", "the network and its crossbars differ");
    if (norm.weights.front().cols() != test.features.cols()) throw InputError("mlp", "input size differs from the data");
    const std::size_t L = norm.weights.size();
    const auto classes = norm.weights.back().rows();
    double neurons = 0;
    for (const auto& wl : norm.weights) neurons += static_cast<double>(wl.rows());
    std::mt19937_64 rng(w.seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    SnnMeasurement m;
    double correct = 0, decided = 0, decisionSteps = 0;
    std::vector<Eigen::VectorXd> v(L);
    std::vector<int> spikes, next;
    const auto n = test.features.rows();
    for (Eigen::Index k = 0; k < n; ++k) {
        if (stop.stopRequested()) throw Cancelled();
        for (std::size_t l = 0; l < L; ++l) v[l] = Eigen::VectorXd::Zero(norm.weights[l].rows());
        Eigen::VectorXi counts = Eigen::VectorXi::Zero(classes);
        const Eigen::VectorXd p = test.features.row(k).transpose() * (w.maxRate * w.dt);
        int lastUndecided = -1;
        for (int t = 0; t < w.steps; ++t) {
            spikes.clear();
            for (Eigen::Index i = 0; i < p.size(); ++i)
                if (p(i) > 0 && u(rng) < p(i)) spikes.push_back(static_cast<int>(i));
            m.inputSpikes += static_cast<double>(spikes.size());
            // Spikes cross every layer within the step (no synaptic delay).
            for (std::size_t l = 0; l < L; ++l) {
                const auto& wl = norm.weights[l];
                for (int i : spikes) {
                    v[l].noalias() += wl.col(i);
                    m.readEnergy += layers[l].rowEnergy(i);
                }
                m.synapticEvents += static_cast<double>(spikes.size()) * static_cast<double>(wl.rows());
                // Non-leaky IF, reset to zero (Diehl et al. 2015).
                next.clear();
                for (Eigen::Index j = 0; j < v[l].size(); ++j)
                    if (v[l](j) >= w.threshold) {
                        next.push_back(static_cast<int>(j));
                        v[l](j) = 0;
                    }
                spikes.swap(next);
            }
            for (int j : spikes) ++counts(j);
            // The lead of the top output over the runner-up.
            int top = -1, second = -1;
            for (Eigen::Index j = 0; j < classes; ++j) {
                if (counts(j) > top) {
                    second = top;
                    top = counts(j);
                } else if (counts(j) > second) {
                    second = counts(j);
                }
            }
            if (top - second < w.decisionMargin) lastUndecided = t;
        }
        Eigen::Index winner = 0;
        const int top = counts.maxCoeff(&winner);
        if (top > 0 && (counts.array() == top).count() == 1 && winner == test.labels[static_cast<std::size_t>(k)])
            correct += 1;
        if (lastUndecided < w.steps - 1) {
            decided += 1;
            decisionSteps += lastUndecided + 2;  // steps elapsed when the lead reached the margin for good
        }
    }
    const double nd = static_cast<double>(n);
    m.accuracy = correct / nd;
    m.decidedFraction = decided / nd;
    m.decisionSteps = decided > 0 ? decisionSteps / decided : std::numeric_limits<double>::quiet_NaN();
    m.synapticEvents /= nd;
    m.inputSpikes /= nd;
    m.readEnergy /= nd;
    m.neuronEnergy = neurons * static_cast<double>(w.steps) * costs.snnPerNeuronStep;
    return m;
}

namespace {
// Drops the STDP run's own series (its accuracy curve, weights): this
// experiment reports only the comparison.
class DiscardSink final : public FrameSink {
public:
    void beginSeries(const std::string&, const std::vector<Column>&) override {}
    void appendRows(const std::string&, const double*, std::size_t) override {}
    void scalar(const std::string&, double, const std::string&) override {}
    void log(LogLevel, const std::string&) override {}
    void progress(double) override {}
};
}  // namespace

StdpMeasurement measureStdpSnn(const Dataset& train, const Dataset& label, const Dataset& test,
                               const DiehlCookOptions& o, const CrossbarReadModel& d, const NeuronCosts& costs,
                               const StopToken& stop) {
    DiscardSink discard;
    const DiehlCookResult r = runDiehlCook(train, label, test, o, discard, stop);
    StdpMeasurement m;
    m.accuracy = r.accuracy;
    m.synapticEvents = r.eventsPerTestExample;
    m.steps = std::round((o.presentation + o.rest) / o.dt);
    m.presentation = o.presentation;
    const double wMax = r.weights.size() > 0 ? r.weights.maxCoeff() : 0.0;
    const double meanG = wMax > 0 ? d.gMin + (d.gMax - d.gMin) * r.weights.mean() / wMax : d.gMin;
    m.readEnergy = m.synapticEvents * d.cellReadEnergy(meanG);
    m.neuronEnergy = 2.0 * static_cast<double>(o.excitatory) * m.steps * costs.snnPerNeuronStep;
    return m;
}

Dataset thresholdInputs(const Dataset& d, double threshold) {
    Dataset out = d;
    out.features = (d.features.array() >= threshold).select(d.features, 0.0);
    return out;
}

double zeroFraction(const Dataset& d) {
    if (d.features.size() == 0) return 0;
    return static_cast<double>((d.features.array() == 0.0).count()) / static_cast<double>(d.features.size());
}

double ratioCrossesOneAt(const std::vector<double>& axis, const std::vector<double>& ratio) {
    for (std::size_t k = 1; k < axis.size() && k < ratio.size(); ++k) {
        const double a = ratio[k - 1] - 1, b = ratio[k] - 1;
        if (a == 0) return axis[k - 1];
        if ((a < 0) != (b < 0)) return axis[k - 1] + (axis[k] - axis[k - 1]) * a / (a - b);
    }
    return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace ms::snn
