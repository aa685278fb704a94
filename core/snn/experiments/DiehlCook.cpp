#include "core/snn/experiments/DiehlCook.h"

#include <algorithm>
#include <random>

#include "core/common/Errors.h"
#include "core/snn/Plasticity.h"

namespace ms::snn {

DiehlCookNetwork::DiehlCookNetwork(std::size_t inputs, const DiehlCookOptions& o)
    : o_(o), inputs_(inputs), rate_(o.maxRate > 0 ? o.maxRate : 63.75 * 784.0 / static_cast<double>(inputs)),
      net_(o.dt) {
    if (inputs == 0 || o.excitatory == 0) throw InputError("network", "needs inputs and excitatory neurons");
    if (!(o.presentation > 0)) throw InputError("presentation", "must be positive");
    std::mt19937_64 rng(o.seed);
    in_ = &net_.addGroup("input", std::make_unique<PoissonGroup>(inputs, rng()));
    exc_ = &net_.add("excitatory", makeNeuronGroup("lif_cond", o.excitatory, o.excitatoryParams, "dc_excitatory", "excitatory"));
    inh_ = &net_.add("inhibitory", makeNeuronGroup("lif_cond", o.excitatory, {}, "dc_inhibitory"));
    std::uniform_real_distribution<double> u(0.0, 1.0);
    auto syn = allToAll(inputs, o.excitatory, 0.0);
    const auto maxDelaySteps = static_cast<std::uint32_t>(std::llround(o.maxDelay / o.dt));
    for (auto& s : syn) {
        s.weight = (u(rng) + 0.01) * 0.3;  // Diehl & Cook's initial weights
        s.delaySteps = maxDelaySteps ? static_cast<std::uint32_t>(u(rng) * maxDelaySteps) : 0;
    }
    input_ = &net_.connect(*in_, *exc_, SynapseTarget::Excitatory, syn);
    input_->setPlasticity(makePlasticity(o.plasticityRule, o.stdp, nullptr, rng(), "stdp"));
    net_.connect(*exc_, *inh_, SynapseTarget::Excitatory, oneToOne(o.excitatory, o.wExcToInh));
    net_.connect(*inh_, *exc_, SynapseTarget::Inhibitory, allButPartner(o.excitatory, o.wInhToExc));
    excSpikes_ = &net_.monitorSpikes(*exc_, o.streamRaster);
}

std::vector<std::uint64_t> DiehlCookNetwork::present(const Eigen::VectorXd& x, bool learn, const StopToken* stop) {
    if (static_cast<std::size_t>(x.size()) != inputs_)
        throw InputError("example", "has " + std::to_string(x.size()) + " features, the network " +
                                        std::to_string(inputs_) + " inputs");
    input_->setLearning(learn);
    exc_->setAdaptationFrozen(!learn);
    double rate = rate_;
    std::vector<std::uint64_t> counts;
    for (int attempt = 0; attempt <= o_.maxRetries; ++attempt) {
        if (learn) input_->normaliseIncoming(o_.weightSum * static_cast<double>(inputs_) / 784.0);
        in_->rates = rateCode(x, rate);
        excSpikes_->resetCounts();
        net_.run(o_.presentation, stop);
        counts = excSpikes_->counts;
        std::fill(in_->rates.begin(), in_->rates.end(), 0.0);
        if (o_.rest > 0) net_.run(o_.rest, stop);
        std::uint64_t total = 0;
        for (auto c : counts) total += c;
        if (static_cast<int>(total) >= o_.minSpikes) break;
        rate += o_.retryRateStep * rate_;
    }
    return counts;
}

namespace {

void checkScaled(const Dataset& d, const char* what) {
    if (d.features.rows() == 0) throw InputError(what, "data set is empty");
    if (d.features.minCoeff() < 0 || d.features.maxCoeff() > 1.0 + 1e-12)
        throw InputError(what, "features must be scaled to [0, 1] (scaleFeatures)");
}

}  // namespace

DiehlCookResult runDiehlCook(const Dataset& train, const Dataset& label, const Dataset& test,
                             const DiehlCookOptions& o, FrameSink& sink, const StopToken& stop) {
    checkScaled(train, "train");
    checkScaled(label, "label");
    checkScaled(test, "test");
    const auto inputs = static_cast<std::size_t>(train.features.cols());
    if (label.features.cols() != train.features.cols() || test.features.cols() != train.features.cols())
        throw InputError("data", "training, labelling and test sets differ in feature count");
    const int classes = std::max({train.classCount, label.classCount, test.classCount});
    DiehlCookNetwork dc(inputs, o);
    const std::size_t n = o.excitatory;
    auto emitWeights = [&](double example) {
        const auto& p = dc.inputWeights();
        std::vector<double> rows;
        rows.reserve(p.size() * 4);
        for (std::size_t s = 0; s < p.size(); ++s) {
            rows.insert(rows.end(), {example, static_cast<double>(p.postOf(static_cast<std::uint32_t>(s))),
                                     static_cast<double>(p.preOf(static_cast<std::uint32_t>(s))), p.w[s]});
        }
        sink.appendRows("weights", rows.data(), p.size());
    };
    sink.beginSeries("weights", {{"example", ""}, {"neuron", ""}, {"input", ""}, {"w", ""}});
    sink.beginSeries("accuracy", {{"examples", ""}, {"accuracy", ""}});
    if (o.streamRaster) sink.beginSeries("raster", {{"t", "s"}, {"neuron", ""}});
    sink.log(LogLevel::Info, "Diehl & Cook: " + std::to_string(inputs) + " inputs, " + std::to_string(n) +
                                 " excitatory neurons, max input rate " + std::to_string(dc.maxRate()) + " Hz, seed " +
                                 std::to_string(o.seed));
    const double totalWork = static_cast<double>(train.features.rows()) * o.epochs + label.features.rows() +
                             test.features.rows();
    double done = 0;
    std::size_t seen = 0;
    for (int e = 0; e < o.epochs; ++e)
        for (Eigen::Index k = 0; k < train.features.rows(); ++k) {
            dc.present(train.features.row(k).transpose(), true, &stop);
            ++seen;
            sink.progress(++done / totalWork);
            if (o.weightSnapshotEvery && seen % o.weightSnapshotEvery == 0) emitWeights(static_cast<double>(seen));
            if (o.streamRaster) {
                auto& rec = dc.excitatorySpikes().spikes;
                std::vector<double> rows;
                for (const auto& sp : rec) rows.insert(rows.end(), {sp.t, static_cast<double>(sp.neuron)});
                if (!rec.empty()) sink.appendRows("raster", rows.data(), rec.size());
                rec.clear();
            }
        }
    emitWeights(static_cast<double>(seen));
    // Labelling: mean response of each neuron to each class, learning frozen.
    Eigen::MatrixXd response = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), classes);
    std::vector<double> perClass(static_cast<std::size_t>(classes), 0.0);
    for (Eigen::Index k = 0; k < label.features.rows(); ++k) {
        const auto counts = dc.present(label.features.row(k).transpose(), false, &stop);
        const int c = label.labels[static_cast<std::size_t>(k)];
        perClass[static_cast<std::size_t>(c)] += 1;
        for (std::size_t j = 0; j < n; ++j) response(static_cast<Eigen::Index>(j), c) += static_cast<double>(counts[j]);
        sink.progress(++done / totalWork);
    }
    DiehlCookResult r;
    r.assignments.assign(n, -1);
    for (std::size_t j = 0; j < n; ++j) {
        double best = 0;
        for (int c = 0; c < classes; ++c) {
            const double mean = perClass[static_cast<std::size_t>(c)] > 0
                                    ? response(static_cast<Eigen::Index>(j), c) / perClass[static_cast<std::size_t>(c)]
                                    : 0;
            if (mean > best) {
                best = mean;
                r.assignments[j] = c;
            }
        }
    }
    std::size_t correct = 0;
    for (Eigen::Index k = 0; k < test.features.rows(); ++k) {
        const auto counts = dc.present(test.features.row(k).transpose(), false, &stop);
        std::vector<double> sum(static_cast<std::size_t>(classes), 0.0), num(static_cast<std::size_t>(classes), 0.0);
        for (std::size_t j = 0; j < n; ++j)
            if (r.assignments[j] >= 0) {
                sum[static_cast<std::size_t>(r.assignments[j])] += static_cast<double>(counts[j]);
                num[static_cast<std::size_t>(r.assignments[j])] += 1;
            }
        int best = -1;
        double bestMean = -1;
        for (int c = 0; c < classes; ++c) {
            const double mean = num[static_cast<std::size_t>(c)] > 0 ? sum[static_cast<std::size_t>(c)] / num[static_cast<std::size_t>(c)] : 0;
            if (mean > bestMean) {
                bestMean = mean;
                best = c;
            }
        }
        if (best == test.labels[static_cast<std::size_t>(k)]) ++correct;
        sink.progress(++done / totalWork);
    }
    r.accuracy = static_cast<double>(correct) / static_cast<double>(test.features.rows());
    const double row[2] = {static_cast<double>(seen), r.accuracy};
    sink.appendRows("accuracy", row, 1);
    sink.scalar("accuracy", r.accuracy, "");
    r.weights.resize(static_cast<Eigen::Index>(inputs), static_cast<Eigen::Index>(n));
    const auto& p = dc.inputWeights();
    for (std::size_t s = 0; s < p.size(); ++s)
        r.weights(p.preOf(static_cast<std::uint32_t>(s)), p.postOf(static_cast<std::uint32_t>(s))) = p.w[s];
    r.trainingPresentations = seen;
    r.simulatedSeconds = dc.network().time();
    return r;
}

}  // namespace ms::snn
