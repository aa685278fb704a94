// Plasticity rules: the pair STDP window against its formula (hard and soft
// bounds), the Diehl & Cook rule's updates, the sign/shape of device-driven
// STDP, and the switching probabilities of stochastic binary devices.
#include <QtTest>

#include <cmath>

#include "core/common/Errors.h"
#include "core/snn/Network.h"
#include "core/snn/Plasticity.h"
#include "core/snn/SpikeSources.h"

using namespace ms;
using namespace ms::snn;

namespace {

// One synapse; the pre spike at tPre, the post "neuron" (a generator) at tPost.
double weightChange(const std::string& rule, const ParamValues& params, double tPre, double tPost, double w0,
                    const DeviceSpec* device = nullptr) {
    const double dt = 1e-4;
    Network net(dt);
    auto& pre = net.addGroup("pre", std::make_unique<SpikeGeneratorGroup>(1, std::vector<std::pair<std::uint32_t, double>>{{0, tPre}}));
    auto& post = net.addGroup("post", std::make_unique<SpikeGeneratorGroup>(1, std::vector<std::pair<std::uint32_t, double>>{{0, tPost}}));
    auto& p = net.connect(pre, post, SynapseTarget::Excitatory, {{0, 0, w0, 0}});
    p.setPlasticity(makePlasticity(rule, params, device));
    const double start = p.w[0];
    net.run(std::max(tPre, tPost) + 0.01);
    return p.w[0] - start;
}

}  // namespace

class TestSnnPlasticity : public QObject {
    Q_OBJECT
private slots:
    void pairWindowMatchesFormula();
    void diehlCookUpdates();
    void deviceStdpWindowShape();
    void badRuleIsInputError();
    void softBoundsScaleByDistanceToBound();
    void stochasticBinarySwitchesWithItsProbabilities();
};

// Soft bounds (van Rossum, Bi & Turrigiano 2000): potentiation is scaled by
// (w_max - w) / (w_max - w_min), depression by (w - w_min) / (w_max - w_min).
void TestSnnPlasticity::softBoundsScaleByDistanceToBound() {
    const ParamValues p = {{"A_plus", 0.01}, {"A_minus", -0.0105}, {"tau_plus", 20e-3}, {"tau_minus", 20e-3},
                           {"w_min", 0}, {"w_max", 1}, {"soft_bounds", 1}};
    for (double w0 : {0.1, 0.5, 0.9}) {
        const double up = weightChange("pair_stdp", p, 0.1, 0.11, w0);
        QVERIFY(std::abs(up - pairStdpWindow(0.01, 0.01, -0.0105, 20e-3, 20e-3) * (1 - w0)) < 1e-12);
        const double down = weightChange("pair_stdp", p, 0.11, 0.1, w0);
        QVERIFY(std::abs(down - pairStdpWindow(-0.01, 0.01, -0.0105, 20e-3, 20e-3) * w0) < 1e-12);
    }
}

// Querlioz et al. 2013: at a post spike, OFF devices whose input arrived in
// the LTP window turn ON with p_plus, ON devices without a recent input turn
// OFF with p_minus. 20,000 devices: the switched fractions are binomial
// estimates of the probabilities (4 sigma < 0.013).
void TestSnnPlasticity::stochasticBinarySwitchesWithItsProbabilities() {
    const std::size_t n = 20000;
    const ParamValues params = {{"p_plus", 0.3}, {"p_minus", 0.1}, {"t_ltp", 45e-3}, {"w_min", 0}, {"w_max", 1}};
    Network net(1e-4);
    // Inputs 0..n-1 fire at 10 ms (active, start OFF); n..2n-1 never (start ON).
    std::vector<std::pair<std::uint32_t, double>> pre;
    for (std::uint32_t i = 0; i < n; ++i) pre.emplace_back(i, 0.01);
    auto& in = net.addGroup("pre", std::make_unique<SpikeGeneratorGroup>(2 * n, pre));
    auto& post = net.addGroup("post", std::make_unique<SpikeGeneratorGroup>(1, std::vector<std::pair<std::uint32_t, double>>{{0, 0.03}}));
    std::vector<Synapse> syn;
    for (std::uint32_t i = 0; i < 2 * n; ++i) syn.push_back({i, 0, i < n ? 0.0 : 1.0, 0});
    auto& p = net.connect(in, post, SynapseTarget::Excitatory, syn);
    p.setPlasticity(makePlasticity("stochastic_binary", params, nullptr, 42));
    net.run(0.05);
    double on = 0, off = 0;
    for (std::size_t s = 0; s < 2 * n; ++s) {
        QVERIFY(p.w[s] == 0.0 || p.w[s] == 1.0);  // binary devices
        if (s < n) on += p.w[s]; else off += 1.0 - p.w[s];
    }
    QVERIFY2(std::abs(on / n - 0.3) < 0.013, qPrintable(QString::number(on / n)));
    QVERIFY2(std::abs(off / n - 0.1) < 0.013, qPrintable(QString::number(off / n)));
}

// Song et al.: dw = A+ e^{-dt/tau+} (dt >= 0), A- e^{dt/tau-} (dt < 0); the
// traces decay exactly, so the only error is rounding.
void TestSnnPlasticity::pairWindowMatchesFormula() {
    const ParamValues p = {{"A_plus", 0.01}, {"A_minus", -0.0105}, {"tau_plus", 16.8e-3}, {"tau_minus", 33.7e-3},
                           {"w_min", 0}, {"w_max", 1}};
    for (int k = -60; k <= 60; k += 3) {
        const double d = k * 1e-3;
        const double tPre = 0.1, tPost = 0.1 + d;
        const double got = weightChange("pair_stdp", p, tPre, tPost, 0.5);
        const double want = pairStdpWindow(d, 0.01, -0.0105, 16.8e-3, 33.7e-3);
        QVERIFY2(std::abs(got - want) < 1e-12, qPrintable(QString("dt=%1 ms: %2 vs %3").arg(k).arg(got).arg(want)));
    }
    // Hard bound: cannot exceed w_max.
    QCOMPARE(weightChange("pair_stdp", p, 0.1, 0.101, 0.999) + 0.999, 1.0);
}

// Post 10 ms after pre: w += nu_post * e^{-10/20} * post2 (= 0, no earlier
// post spike); pre 10 ms after post: w -= nu_pre * e^{-10/20}.
void TestSnnPlasticity::diehlCookUpdates() {
    QVERIFY(std::abs(weightChange("diehl_cook", {}, 0.1, 0.11, 0.5)) < 1e-15);
    QVERIFY(std::abs(weightChange("diehl_cook", {}, 0.11, 0.1, 0.5) + 1e-4 * std::exp(-0.5)) < 1e-12);
}

// With linear ion drift, post-after-pre overlap drives positive voltage
// (x up, R down, weight up), pre-after-post the opposite, and the change
// shrinks as the spikes move apart.
void TestSnnPlasticity::deviceStdpWindowShape() {
    DeviceSpec dev;
    dev.modelId = "linear_ion_drift";
    dev.presetId = "hp_tio2";
    std::vector<double> ltp, ltd;
    for (double d : {5e-3, 15e-3, 30e-3}) {
        ltp.push_back(weightChange("device_stdp", {}, 0.1, 0.1 + d, 0, &dev));
        ltd.push_back(weightChange("device_stdp", {}, 0.1 + d, 0.1, 0, &dev));
    }
    for (std::size_t k = 0; k < ltp.size(); ++k) {
        QVERIFY2(ltp[k] > 0 && ltd[k] < 0, qPrintable(QString("%1: %2 %3").arg(k).arg(ltp[k]).arg(ltd[k])));
        if (k) QVERIFY(ltp[k] < ltp[k - 1] && ltd[k] > ltd[k - 1]);
    }
    // No overlap (> t_spike apart): no change.
    QCOMPARE(weightChange("device_stdp", {}, 0.1, 0.2, 0, &dev), 0.0);
}

void TestSnnPlasticity::badRuleIsInputError() {
    QVERIFY_THROWS_EXCEPTION(InputError, makePlasticity("nonesuch"));
    QVERIFY_THROWS_EXCEPTION(InputError, makePlasticity("pair_stdp", {{"tau_plus", -1.0}}));
    QVERIFY_THROWS_EXCEPTION(InputError, makePlasticity("device_stdp"));
}

QTEST_GUILESS_MAIN(TestSnnPlasticity)
#include "test_snn_plasticity.moc"
