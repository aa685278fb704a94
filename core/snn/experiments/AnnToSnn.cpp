#include "core/snn/experiments/AnnToSnn.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/common/Errors.h"
#include "core/snn/Network.h"
#include "core/snn/SpikeSources.h"

namespace ms::snn {

Eigen::VectorXd ReluMlp::forward(const Eigen::VectorXd& x) const {
    Eigen::VectorXd a = x;
    for (std::size_t l = 0; l < weights.size(); ++l) {
        a = weights[l] * a;
        if (l + 1 < weights.size()) a = a.cwiseMax(0.0);
    }
    return a;
}

std::size_t ReluMlp::macs() const {
    std::size_t n = 0;
    for (const auto& w : weights) n += static_cast<std::size_t>(w.size());
    return n;
}

namespace {

int argmax(const Eigen::VectorXd& v) {
    Eigen::Index k = 0;
    v.maxCoeff(&k);
    return static_cast<int>(k);
}

void checkData(const Dataset& d, const char* what) {
    if (d.features.rows() == 0) throw InputError(what, "data set is empty");
    if (d.features.minCoeff() < 0 || d.features.maxCoeff() > 1.0 + 1e-12)
        throw InputError(what, "features must be scaled to [0, 1] (scaleFeatures)");
}

// Non-leaky integrate-and-fire with instantaneous (delta) synapses: the
// summed weights of the arriving spikes are added to v; v >= threshold fires
// and resets to zero (Diehl et al. 2015).
class IntegrateFireGroup final : public NeuronGroup {
public:
    IntegrateFireGroup(std::size_t n, double threshold) : NeuronGroup(n), v_(n, 0.0), th_(threshold) {}
    void step(double, double, SpikeList& spiked) override {
        for (std::size_t i = 0; i < size(); ++i) {
            v_[i] += ge[i];
            ge[i] = 0;
            if (v_[i] >= th_) {
                spiked.push_back(static_cast<std::uint32_t>(i));
                v_[i] = 0;
            }
        }
    }
    double membrane(std::size_t i) const override { return v_[i]; }
    void resetState() override {
        std::fill(v_.begin(), v_.end(), 0.0);
        std::fill(ge.begin(), ge.end(), 0.0);
    }

private:
    std::vector<double> v_;
    double th_;
};

}  // namespace

ReluMlp trainReluMlp(const Dataset& train, const std::vector<int>& hidden, int epochs, double lr, std::uint64_t seed) {
    checkData(train, "train");
    if (epochs < 1 || !(lr > 0)) throw InputError("training", "needs epochs >= 1 and a positive learning rate");
    std::mt19937_64 rng(seed);
    std::vector<int> sizes{static_cast<int>(train.features.cols())};
    for (int h : hidden) {
        if (h < 1) throw InputError("hidden", "layer sizes must be positive");
        sizes.push_back(h);
    }
    sizes.push_back(train.classCount);
    ReluMlp m;
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        std::normal_distribution<double> g(0.0, std::sqrt(2.0 / sizes[l]));
        Eigen::MatrixXd w(sizes[l + 1], sizes[l]);
        for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = g(rng);
        m.weights.push_back(w);
    }
    std::vector<int> order(static_cast<std::size_t>(train.features.rows()));
    for (int e = 0; e < epochs; ++e) {
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
        std::shuffle(order.begin(), order.end(), rng);
        for (int k : order) {
            std::vector<Eigen::VectorXd> a{train.features.row(k).transpose()};
            for (std::size_t l = 0; l < m.weights.size(); ++l) {
                Eigen::VectorXd z = m.weights[l] * a.back();
                a.push_back(l + 1 < m.weights.size() ? Eigen::VectorXd(z.cwiseMax(0.0)) : z);
            }
            Eigen::VectorXd p = (a.back().array() - a.back().maxCoeff()).exp();
            p /= p.sum();
            Eigen::VectorXd delta = p;
            delta(train.labels[static_cast<std::size_t>(k)]) -= 1.0;
            for (std::size_t l = m.weights.size(); l-- > 0;) {
                Eigen::VectorXd back = m.weights[l].transpose() * delta;
                m.weights[l] -= lr * delta * a[l].transpose();
                if (l > 0) delta = back.array() * (a[l].array() > 0).cast<double>();
            }
        }
    }
    return m;
}

double mlpAccuracy(const ReluMlp& mlp, const Dataset& data) {
    std::size_t correct = 0;
    for (Eigen::Index k = 0; k < data.features.rows(); ++k)
        if (argmax(mlp.forward(data.features.row(k).transpose())) == data.labels[static_cast<std::size_t>(k)]) ++correct;
    return static_cast<double>(correct) / static_cast<double>(data.features.rows());
}

ReluMlp normaliseForSnn(const ReluMlp& mlp, const Dataset& train) {
    checkData(train, "train");
    ReluMlp out = mlp;
    double previous = 1.0;  // inputs are in [0, 1]
    for (std::size_t l = 0; l < mlp.weights.size(); ++l) {
        double lambda = 0;
        for (Eigen::Index k = 0; k < train.features.rows(); ++k) {
            Eigen::VectorXd a = train.features.row(k).transpose();
            for (std::size_t q = 0; q <= l; ++q) a = (mlp.weights[q] * a).cwiseMax(0.0);
            lambda = std::max(lambda, a.maxCoeff());
        }
        if (!(lambda > 0)) throw SimulationError("layer " + std::to_string(l + 1) + " is never active on the training data");
        out.weights[l] = mlp.weights[l] * (previous / lambda);
        previous = lambda;
    }
    return out;
}

ConversionResult runAnnToSnn(const ReluMlp& norm, const ReluMlp& original, const Dataset& test,
                             const ConversionOptions& o, FrameSink& sink, const StopToken& stop) {
    checkData(test, "test");
    if (norm.weights.empty()) throw InputError("mlp", "has no layers");
    if (norm.weights.front().cols() != test.features.cols()) throw InputError("mlp", "input size differs from the data");
    if (!(o.dt > 0) || !(o.duration > 0) || !(o.checkpoint >= o.dt)) throw InputError("timing", "dt, duration, checkpoint");
    if (o.maxRate * o.dt > 1.0) throw InputError("maxRate", "must not exceed one spike per step (1/dt)");
    const auto nTest = static_cast<std::size_t>(test.features.rows());
    const auto inputs = static_cast<std::size_t>(test.features.cols());
    const auto checkpoints = static_cast<std::size_t>(std::llround(o.duration / o.checkpoint));
    const std::size_t L = norm.weights.size() + 1;
    ConversionResult r;
    r.annAccuracy = mlpAccuracy(original, test);
    r.macsPerExample = original.macs();
    // The examples run side by side as independent copies of the network in
    // one clock-driven simulation (block-diagonal projections), so the
    // accuracy at checkpoint c is final once every copy has reached it and
    // the curve streams point by point. Copies are batched to bound memory;
    // with several batches the points stream during the last one.
    constexpr std::size_t kMaxSynapsesPerBatch = 4'000'000;
    const std::size_t batch = std::clamp<std::size_t>(kMaxSynapsesPerBatch / std::max<std::size_t>(1, r.macsPerExample), 1, nTest);
    sink.beginSeries("accuracy", {{"t", "s"}, {"snn", ""}, {"ann", ""}});
    sink.beginSeries("operations", {{"t", "s"}, {"events", ""}, {"macs", ""}});
    std::vector<double> correct(checkpoints, 0), events(checkpoints, 0);
    std::vector<std::vector<double>> spikes(checkpoints, std::vector<double>(L, 0));
    const auto n = static_cast<double>(nTest);
    std::mt19937_64 rng(o.seed);
    for (std::size_t first = 0; first < nTest; first += batch) {
        const std::size_t B = std::min(batch, nTest - first);
        const bool lastBatch = first + B == nTest;
        Network net(o.dt);
        auto& in = net.addGroup("input", std::make_unique<PoissonGroup>(B * inputs, rng()));
        for (std::size_t b = 0; b < B; ++b) {
            const auto rates = rateCode(test.features.row(static_cast<Eigen::Index>(first + b)).transpose(), o.maxRate);
            std::copy(rates.begin(), rates.end(), in.rates.begin() + static_cast<std::ptrdiff_t>(b * inputs));
        }
        std::vector<NeuronGroup*> layers{&in};
        for (std::size_t l = 0; l < norm.weights.size(); ++l) {
            const auto& w = norm.weights[l];
            const auto rows = static_cast<std::size_t>(w.rows()), cols = static_cast<std::size_t>(w.cols());
            auto& g = net.add("layer" + std::to_string(l + 1), std::make_unique<IntegrateFireGroup>(B * rows, o.threshold));
            std::vector<Synapse> syn;
            syn.reserve(B * rows * cols);
            for (std::size_t b = 0; b < B; ++b)
                for (std::size_t j = 0; j < rows; ++j)
                    for (std::size_t i = 0; i < cols; ++i)
                        syn.push_back({static_cast<std::uint32_t>(b * cols + i), static_cast<std::uint32_t>(b * rows + j),
                                       w(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)), 0});
            net.connect(*layers.back(), g, SynapseTarget::Excitatory, syn);
            layers.push_back(&g);
        }
        std::vector<SpikeMonitor*> mons;
        for (auto* g : layers) mons.push_back(&net.monitorSpikes(*g, false));
        const std::size_t classes = layers.back()->size() / B;
        for (std::size_t c = 0; c < checkpoints; ++c) {
            net.run(o.checkpoint, &stop);
            const auto& counts = mons.back()->counts;
            for (std::size_t b = 0; b < B; ++b) {
                const auto begin = counts.begin() + static_cast<std::ptrdiff_t>(b * classes);
                const auto end = begin + static_cast<std::ptrdiff_t>(classes);
                const auto top = std::max_element(begin, end);
                // No output spike yet, or a tie for the top: no decision.
                if (*top > 0 && std::count(begin, end, *top) == 1 &&
                    top - begin == test.labels[first + b])
                    correct[c] += 1;
            }
            // Events and spikes since the copies started (each example's own count, summed).
            events[c] += static_cast<double>(net.totalSynapticEvents());
            for (std::size_t l = 0; l < L; ++l)
                for (auto k : mons[l]->counts) spikes[c][l] += static_cast<double>(k);
            if (lastBatch) {
                ConversionPoint p;
                p.time = static_cast<double>(c + 1) * o.checkpoint;
                p.accuracy = correct[c] / n;
                p.eventsPerExample = events[c] / n;
                for (double s : spikes[c]) p.spikesPerLayer.push_back(s / n);
                p.snnEnergy = p.eventsPerExample * o.energyPerAc;
                p.annEnergy = static_cast<double>(r.macsPerExample) * o.energyPerMac;
                const double a[3] = {p.time, p.accuracy, r.annAccuracy};
                const double e[3] = {p.time, p.eventsPerExample, static_cast<double>(r.macsPerExample)};
                sink.appendRows("accuracy", a, 1);
                sink.appendRows("operations", e, 1);
                r.points.push_back(std::move(p));
            }
            sink.progress((static_cast<double>(first) + static_cast<double>(B) * static_cast<double>(c + 1) /
                                                            static_cast<double>(checkpoints)) / n);
        }
    }
    sink.scalar("ann_accuracy", r.annAccuracy, "");
    sink.scalar("snn_accuracy", r.points.back().accuracy, "");
    sink.scalar("events_per_example", r.points.back().eventsPerExample, "");
    sink.scalar("macs_per_example", static_cast<double>(r.macsPerExample), "");
    sink.scalar("energy_ratio_snn_over_ann", r.points.back().snnEnergy / r.points.back().annEnergy, "");
    return r;
}

}  // namespace ms::snn
