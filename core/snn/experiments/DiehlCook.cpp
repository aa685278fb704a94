#include "core/snn/experiments/DiehlCook.h"

#include <algorithm>
#include <random>

#include "core/common/Errors.h"
#include "core/common/ParamSpec.h"
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
    if (!o.synapse.isDevice())
        input_->setPlasticity(makePlasticity(o.plasticityRule, o.stdp, nullptr, rng(), "stdp"));
    else
        startDevices(rng);
    net_.connect(*exc_, *inh_, SynapseTarget::Excitatory, oneToOne(o.excitatory, o.wExcToInh));
    net_.connect(*inh_, *exc_, SynapseTarget::Inhibitory, allButPartner(o.excitatory, o.wInhToExc));
    excSpikes_ = &net_.monitorSpikes(*exc_, o.streamRaster);
}

// The device rule takes over the input projection. Its devices start at
// random conductances in the lower part of their range, as Diehl & Cook's
// weights start at (u + 0.01) 0.3 w_max: device_stdp devices are written to
// that conductance, a binary device is ON with that fraction as probability.
void DiehlCookNetwork::startDevices(std::mt19937_64& rng) {
    input_->setPlasticity(makeSynapseRule(o_.synapse, o_.plasticityRule, rng()));
    std::uniform_real_distribution<double> u(0.0, 1.0);
    snn::startDevices(o_.synapse, *input_, rng, [&] { return (u(rng) + 0.01) * 0.3; });
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
        // Binary devices keep their two conductances: no rescaling.
        if (learn && o_.synapse.type != SynapseChoice::Type::StochasticBinary)
            input_->normaliseIncoming(o_.weightSum * static_cast<double>(inputs_) / 784.0);
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
    const double siemens = dc.siemensPerWeight();
    const std::string wUnit = o.synapse.isDevice() ? "S" : "";
    // One row per neuron: its incoming weights in input (pixel) order, so a
    // row reshaped to the image is the neuron's receptive field.
    auto emitWeights = [&](double example) {
        const auto& p = dc.inputWeights();
        const std::size_t cols = inputs + 2;
        std::vector<double> rows(n * cols, 0.0);
        for (std::size_t j = 0; j < n; ++j) {
            rows[j * cols] = example;
            rows[j * cols + 1] = static_cast<double>(j);
        }
        for (std::size_t s = 0; s < p.size(); ++s) {
            const auto j = p.postOf(static_cast<std::uint32_t>(s)), i = p.preOf(static_cast<std::uint32_t>(s));
            rows[j * cols + 2 + i] = p.w[s] * siemens;
        }
        sink.appendRows("weights", rows.data(), n);
        // Their distribution (w / w_max, 20 bins): learning spreads the
        // narrow random start towards the bounds.
        constexpr std::size_t bins = 20;
        const double top = p.wMax < 1e299 ? p.wMax : 1.0;
        std::vector<double> fraction(bins, 0.0);
        for (double x : p.w)
            fraction[std::min(bins - 1, static_cast<std::size_t>(std::max(0.0, x / top) * bins))] +=
                1.0 / static_cast<double>(p.size());
        std::vector<double> hist;
        const double t = dc.network().time();
        for (std::size_t b = 0; b < bins; ++b)
            hist.insert(hist.end(), {t, (static_cast<double>(b) + 0.5) / bins, fraction[b]});
        sink.appendRows("histogram", hist.data(), bins);
    };
    {
        std::vector<Column> cols = {{"example", ""}, {"neuron", ""}};
        for (std::size_t i = 0; i < inputs; ++i) cols.push_back({"w" + std::to_string(i), wUnit});
        sink.beginSeries("weights", cols);
    }
    sink.beginSeries("histogram", {{"t", "s"}, {"w", "w_max"}, {"fraction", ""}});
    sink.beginSeries("rate", {{"t", "s"}, {"rate", "Hz"}});
    sink.beginSeries("accuracy", {{"examples", ""}, {"accuracy", ""}, {"set", ""}});
    if (o.streamRaster) sink.beginSeries("raster", {{"t", "s"}, {"neuron", ""}});
    sink.beginSeries("assignment", {{"neuron", ""}, {"class", ""}});
    sink.log(LogLevel::Info, "Diehl & Cook: " + std::to_string(inputs) + " inputs, " + std::to_string(n) +
                                 " excitatory neurons, " + o.synapse.id() + " synapses, max input rate " +
                                 formatWithUnit(dc.maxRate(), "Hz") + ", seed " + std::to_string(o.seed));
    const double totalWork = static_cast<double>(train.features.rows()) * o.epochs + label.features.rows() +
                             test.features.rows();
    double done = 0;
    std::size_t seen = 0;
    auto flushRaster = [&] {
        auto& rec = dc.excitatorySpikes().spikes;
        if (!o.streamRaster || rec.empty()) return rec.clear();
        std::vector<double> rows;
        rows.reserve(rec.size() * 2);
        for (const auto& sp : rec) rows.insert(rows.end(), {sp.t, static_cast<double>(sp.neuron)});
        sink.appendRows("raster", rows.data(), rec.size());
        rec.clear();
    };
    // Running accuracy (Diehl & Cook's update_interval): responses of the
    // previous block assign labels that predict the current block.
    const std::size_t block = o.accuracyEvery;
    std::vector<std::vector<std::uint64_t>> prevCounts, curCounts;
    std::vector<int> prevLabels, curLabels;
    for (int e = 0; e < o.epochs; ++e)
        for (Eigen::Index k = 0; k < train.features.rows(); ++k) {
            auto counts = dc.present(train.features.row(k).transpose(), true, &stop);
            ++seen;
            {
                // Excitatory population rate during the (last) presentation.
                std::uint64_t total = 0;
                for (auto c : counts) total += c;
                const double row[2] = {dc.network().time(), static_cast<double>(total) / o.presentation};
                sink.appendRows("rate", row, 1);
            }
            sink.progress(++done / totalWork);
            if (o.weightSnapshotEvery && seen % o.weightSnapshotEvery == 0) emitWeights(static_cast<double>(seen));
            flushRaster();
            if (!block) continue;
            curCounts.push_back(std::move(counts));
            curLabels.push_back(train.labels[static_cast<std::size_t>(k)]);
            if (curCounts.size() < block) continue;
            if (!prevCounts.empty()) {
                const auto assignment = assignLabels(prevCounts, prevLabels, classes);
                std::size_t correct = 0;
                for (std::size_t q = 0; q < curCounts.size(); ++q)
                    if (predictClass(curCounts[q], assignment, classes) == curLabels[q]) ++correct;
                const double row[3] = {static_cast<double>(seen),
                                       static_cast<double>(correct) / static_cast<double>(curCounts.size()), 0.0};
                sink.appendRows("accuracy", row, 1);
            }
            prevCounts = std::move(curCounts);
            prevLabels = std::move(curLabels);
            curCounts.clear();
            curLabels.clear();
        }
    // The final weights, unless the last snapshot already was of them.
    if (!o.weightSnapshotEvery || seen % o.weightSnapshotEvery != 0) emitWeights(static_cast<double>(seen));
    // Labelling: mean response of each neuron to each class, learning frozen.
    std::vector<std::vector<std::uint64_t>> labelCounts;
    std::vector<int> labelClasses;
    for (Eigen::Index k = 0; k < label.features.rows(); ++k) {
        labelCounts.push_back(dc.present(label.features.row(k).transpose(), false, &stop));
        labelClasses.push_back(label.labels[static_cast<std::size_t>(k)]);
        flushRaster();
        sink.progress(++done / totalWork);
    }
    DiehlCookResult r;
    r.assignments = assignLabels(labelCounts, labelClasses, classes);
    {
        std::vector<double> rows;
        for (std::size_t j = 0; j < n; ++j) rows.insert(rows.end(), {static_cast<double>(j), static_cast<double>(r.assignments[j])});
        sink.appendRows("assignment", rows.data(), n);
    }
    std::size_t correct = 0;
    const std::uint64_t events0 = dc.inputWeights().deliveredEvents();
    std::uint64_t excSpikes = 0;
    for (Eigen::Index k = 0; k < test.features.rows(); ++k) {
        const auto counts = dc.present(test.features.row(k).transpose(), false, &stop);
        for (auto c : counts) excSpikes += c;
        if (predictClass(counts, r.assignments, classes) == test.labels[static_cast<std::size_t>(k)]) ++correct;
        flushRaster();
        sink.progress(++done / totalWork);
    }
    const double nTest = static_cast<double>(test.features.rows());
    r.accuracy = static_cast<double>(correct) / nTest;
    r.eventsPerTestExample = static_cast<double>(dc.inputWeights().deliveredEvents() - events0) / nTest;
    r.spikesPerTestExample = static_cast<double>(excSpikes) / nTest;
    r.annMacsPerExample = inputs * n;
    const double row[3] = {static_cast<double>(seen), r.accuracy, 1.0};
    sink.appendRows("accuracy", row, 1);
    sink.scalar("accuracy", r.accuracy, "");
    r.weights.resize(static_cast<Eigen::Index>(inputs), static_cast<Eigen::Index>(n));
    const auto& p = dc.inputWeights();
    for (std::size_t s = 0; s < p.size(); ++s)
        r.weights(p.preOf(static_cast<std::uint32_t>(s)), p.postOf(static_cast<std::uint32_t>(s))) = p.w[s] * siemens;
    if (o.synapse.isDevice()) emitConductanceHistogram(o.synapse, p, sink);
    r.trainingPresentations = seen;
    r.simulatedSeconds = dc.network().time();
    return r;
}

std::vector<int> assignLabels(const std::vector<std::vector<std::uint64_t>>& counts, const std::vector<int>& labels,
                              int classes) {
    const std::size_t n = counts.empty() ? 0 : counts.front().size();
    std::vector<double> perClass(static_cast<std::size_t>(classes), 0.0);
    std::vector<double> response(n * static_cast<std::size_t>(classes), 0.0);
    for (std::size_t q = 0; q < counts.size(); ++q) {
        const auto c = static_cast<std::size_t>(labels[q]);
        perClass[c] += 1;
        for (std::size_t j = 0; j < n; ++j) response[j * static_cast<std::size_t>(classes) + c] += static_cast<double>(counts[q][j]);
    }
    std::vector<int> assignment(n, -1);
    for (std::size_t j = 0; j < n; ++j) {
        double best = 0;
        for (std::size_t c = 0; c < perClass.size(); ++c) {
            const double mean = perClass[c] > 0 ? response[j * perClass.size() + c] / perClass[c] : 0;
            if (mean > best) {
                best = mean;
                assignment[j] = static_cast<int>(c);
            }
        }
    }
    return assignment;
}

int predictClass(const std::vector<std::uint64_t>& counts, const std::vector<int>& assignment, int classes) {
    std::vector<double> sum(static_cast<std::size_t>(classes), 0.0), num(static_cast<std::size_t>(classes), 0.0);
    for (std::size_t j = 0; j < counts.size(); ++j)
        if (assignment[j] >= 0) {
            sum[static_cast<std::size_t>(assignment[j])] += static_cast<double>(counts[j]);
            num[static_cast<std::size_t>(assignment[j])] += 1;
        }
    int best = -1;
    double bestMean = -1;
    for (std::size_t c = 0; c < sum.size(); ++c) {
        const double mean = num[c] > 0 ? sum[c] / num[c] : 0;
        if (mean > bestMean) {
            bestMean = mean;
            best = static_cast<int>(c);
        }
    }
    return best;
}

}  // namespace ms::snn
