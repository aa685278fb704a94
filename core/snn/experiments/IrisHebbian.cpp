#include "core/snn/experiments/IrisHebbian.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/common/Errors.h"
#include "core/snn/Network.h"
#include "core/snn/Plasticity.h"
#include "core/snn/SpikeSources.h"

namespace ms::snn {

std::vector<double> receptiveFieldRates(const Eigen::VectorXd& x, int m, double sigma, double maxRate) {
    std::vector<double> r;
    r.reserve(static_cast<std::size_t>(x.size() * m));
    for (Eigen::Index f = 0; f < x.size(); ++f)
        for (int k = 0; k < m; ++k) {
            const double c = m > 1 ? static_cast<double>(k) / (m - 1) : 0.5;
            const double d = (x(f) - c) / sigma;
            r.push_back(maxRate * std::exp(-0.5 * d * d));
        }
    return r;
}

IrisHebbianResult runIrisHebbian(const Dataset& train, const Dataset& test, const IrisHebbianOptions& o,
                                 FrameSink& sink, const StopToken& stop) {
    if (train.features.rows() == 0 || test.features.rows() == 0) throw InputError("data", "training or test set is empty");
    if (train.features.cols() != test.features.cols()) throw InputError("data", "training and test sets differ in feature count");
    if (o.fieldsPerFeature < 2) throw InputError("fieldsPerFeature", "needs at least 2 fields");
    if (!(o.presentation > 0) || !(o.dt > 0)) throw InputError("presentation", "presentation and dt must be positive");
    const int classes = std::max(train.classCount, test.classCount);
    if (classes < 2) throw InputError("data", "needs at least 2 classes");
    const Eigen::Index nf = train.features.cols();
    // Min-max scaling from the training set only (test values may fall slightly outside).
    const Eigen::RowVectorXd lo = train.features.colwise().minCoeff();
    Eigen::RowVectorXd span = train.features.colwise().maxCoeff() - lo;
    for (Eigen::Index f = 0; f < nf; ++f) if (span(f) <= 0) span(f) = 1;
    auto scaled = [&](const Dataset& d, Eigen::Index k) -> Eigen::VectorXd {
        return ((d.features.row(k) - lo).array() / span.array()).transpose();
    };
    const double sigma = o.fieldWidth > 0 ? o.fieldWidth : 1.0 / (o.fieldsPerFeature - 1) / 1.5;
    const auto inputs = static_cast<std::size_t>(nf * o.fieldsPerFeature);

    std::mt19937_64 rng(o.seed);
    Network net(o.dt);
    auto& in = net.addGroup("input", std::make_unique<PoissonGroup>(inputs, rng()));
    // Diehl & Cook's excitatory cell with a 20 ms membrane (faster readout), no homeostasis, and a
    // 1 ms refractory period: with 5 ms two outputs saturate at the same count and tie.
    auto& out = net.add("output", makeNeuronGroup("lif_cond", static_cast<std::size_t>(classes),
                                                  {{"tau_m", 20e-3}, {"tau_e", 5e-3}, {"theta_plus", 0.0}, {"t_ref", 1e-3},
                                                   {"V_init", -65e-3}},
                                                  "dc_excitatory", "output"));
    std::uniform_real_distribution<double> u(0.0, 1.0);
    auto syn = allToAll(inputs, static_cast<std::size_t>(classes), 0.0);
    for (auto& s : syn) s.weight = 0.5 + u(rng);
    auto& proj = net.connect(in, out, SynapseTarget::Excitatory, syn);
    proj.setPlasticity(makeSynapseRule(o.synapse, "diehl_cook", rng()));
    // Binary devices keep their two conductances: no rescaling.
    const bool normalise = o.synapse.type != SynapseChoice::Type::StochasticBinary;
    const double siemens = o.synapse.siemensPerWeight();
    const std::string wUnit = o.synapse.isDevice() ? "S" : "";
    auto& mon = net.monitorSpikes(out, false);

    auto present = [&](const Eigen::VectorXd& x, int teach) {
        const bool learn = teach >= 0;
        proj.setLearning(learn);
        if (learn && normalise) proj.normaliseIncoming(o.weightSum);
        for (int c = 0; c < classes; ++c)
            out.Iext[static_cast<std::size_t>(c)] = !learn ? 0.0 : (c == teach ? o.teacher : o.silence);
        in.rates = receptiveFieldRates(x, o.fieldsPerFeature, sigma, o.maxRate);
        mon.resetCounts();
        net.run(o.presentation, &stop);
        const auto counts = mon.counts;
        std::fill(in.rates.begin(), in.rates.end(), 0.0);
        std::fill(out.Iext.begin(), out.Iext.end(), 0.0);
        if (o.rest > 0) net.run(o.rest, &stop);
        net.clearInFlight();
        out.resetState();
        // Argmax of the spike counts; no spikes or a tie for the top is no decision (-1).
        int best = -1;
        std::uint64_t top = 0;
        bool tie = false;
        for (int c = 0; c < classes; ++c) {
            const auto n = counts[static_cast<std::size_t>(c)];
            if (n > top) { top = n; best = c; tie = false; }
            else if (n == top && n > 0) tie = true;
        }
        return tie ? -1 : best;
    };
    auto evaluate = [&](const Dataset& d, Eigen::MatrixXi* confusion) {
        std::size_t correct = 0;
        for (Eigen::Index k = 0; k < d.features.rows(); ++k) {
            const int p = present(scaled(d, k), -1);
            const int y = d.labels[static_cast<std::size_t>(k)];
            if (p == y) ++correct;
            if (confusion && p >= 0) (*confusion)(y, p) += 1;
        }
        return static_cast<double>(correct) / static_cast<double>(d.features.rows());
    };

    sink.beginSeries("accuracy", {{"epoch", ""}, {"accuracy", ""}});
    sink.beginSeries("weights", {{"input", ""}, {"class", ""}, {"w", wUnit}});
    emitDeviceStdpWindow(o.synapse, sink);
    sink.log(LogLevel::Info, "Iris supervised Hebbian: " + std::to_string(inputs) + " receptive-field inputs, " +
                                 std::to_string(classes) + " outputs, " + o.synapse.id() + " synapses, seed " +
                                 std::to_string(o.seed));
    const double work = static_cast<double>(o.epochs) * 2.0 + 1.0;
    double done = 0;
    std::vector<int> order(static_cast<std::size_t>(train.features.rows()));
    IrisHebbianResult r;
    for (int e = 0; e < o.epochs; ++e) {
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
        std::shuffle(order.begin(), order.end(), rng);
        for (int k : order) present(scaled(train, k), train.labels[static_cast<std::size_t>(k)]);
        sink.progress(++done / work);
        // Normalise as before every training example, so the last examples' growth does not bias the readout.
        if (normalise) proj.normaliseIncoming(o.weightSum);
        r.trainAccuracy = evaluate(train, nullptr);
        const double row[2] = {static_cast<double>(e + 1), r.trainAccuracy};
        sink.appendRows("accuracy", row, 1);
        sink.progress(++done / work);
    }
    if (normalise) proj.normaliseIncoming(o.weightSum);
    r.confusion = Eigen::MatrixXi::Zero(classes, classes);
    r.testAccuracy = evaluate(test, &r.confusion);
    sink.progress(1.0);
    r.weights = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(inputs), classes);
    std::vector<double> rows;
    for (std::size_t s = 0; s < proj.size(); ++s) {
        const auto pre = proj.preOf(static_cast<std::uint32_t>(s));
        const auto post = proj.postOf(static_cast<std::uint32_t>(s));
        r.weights(pre, post) = proj.w[s] * siemens;
        rows.insert(rows.end(), {static_cast<double>(pre), static_cast<double>(post), proj.w[s] * siemens});
    }
    sink.appendRows("weights", rows.data(), proj.size());
    if (o.synapse.isDevice()) emitConductanceHistogram(o.synapse, proj, sink);
    sink.scalar("train_accuracy", r.trainAccuracy, "");
    sink.scalar("test_accuracy", r.testAccuracy, "");
    return r;
}

}  // namespace ms::snn
