// The settings a NeuroSim user reaches for (issue 22): per-layer learning rates,
// no bias, NeuroSim's initial weights, N random images per epoch, a per-layer
// ADC full scale, the 1-bit threshold neuron, separate LTP/LTD level counts,
// per-epoch wall time and no extra final test pass. Each changes what it
// should and nothing else; bad values are refused at their JSON path.
#include <QtTest>

#include <set>

#include <nlohmann/json.hpp>

#include "core/ann/AnalogWeights.h"
#include "core/ann/AnnExperiment.h"
#include "core/project/ExperimentKind.h"
#include "core/ann/Network.h"
#include "core/project/Project.h"

#include "AnnTestSupport.h"

using namespace ms;
using anntest::inSituBase;
using anntest::run;

namespace {

bool sameRun(const AnnRunResult& a, const AnnRunResult& b) {
    if (a.epochs.size() != b.epochs.size() || a.testAccuracy != b.testAccuracy || a.pulses != b.pulses) return false;
    for (std::size_t k = 0; k < a.epochs.size(); ++k)
        if (a.epochs[k].loss != b.epochs[k].loss || a.epochs[k].testAccuracy != b.epochs[k].testAccuracy) return false;
    return true;
}

std::string firstIssue(const nlohmann::json& experiment) {
    nlohmann::json tree = {{"format", kProjectFormat}, {"version", kProjectVersion}, {"name", "t"},
                           {"experiments", nlohmann::json::array({experiment})}};
    const auto issues = Project(tree).validate();
    return issues.empty() ? "" : issues.front().path + ": " + issues.front().message;
}

}  // namespace

class TestAnnNeuroSimSettings : public QObject {
    Q_OBJECT
private slots:
    void perLayerRatesEqualToTheScalarReproduceIt() {
        AnnRunSpec s = inSituBase(2);
        s.training.learningRate = 0.05;
        const auto scalar = run(s);
        s.training.learningRates = {0.05, 0.05};
        QVERIFY(sameRun(scalar, run(s)));
        s.training.learningRates = {0.05, 0.01};  // a slower output layer: a different run
        QVERIFY(!sameRun(scalar, run(s)));
        AnnRunSpec f;  // float too
        f.training.epochs = 2;
        const auto fs = run(f);
        f.training.learningRates = {f.training.learningRate, f.training.learningRate};
        QVERIFY(sameRun(fs, run(f)));
        f.training.learningRates = {0.05};
        QVERIFY_THROWS_EXCEPTION(InputError, run(f));
    }
    void withoutBiasThereIsNoBiasColumn() {
        NetworkSpec n;
        n.layerSizes = {64, 32, 10};
        n.bias = false;
        SynapseRng rng(1);
        Network net(n, 64, 8, 8, WeightInitSpec{}, rng);
        QCOMPARE(net.weightSlots()[0]->w.cols(), Eigen::Index(64));
        QCOMPARE(net.weightSlots()[1]->w.cols(), Eigen::Index(32));
        AnnRunSpec s;
        s.network.bias = false;
        s.training.epochs = 5;
        const double acc = run(s).testAccuracy;
        QVERIFY2(acc > 0.85, qPrintable(QString::number(acc)));  // digits train without bias too
        s.network.bias = true;
        QVERIFY(run(s).testAccuracy != acc);
    }
    void neuroSimInitIsSevenLevelsOfTheRange() {
        NetworkSpec n;
        n.layerSizes = {64, 32, 10};
        SynapseRng rng(3);
        Network net(n, 64, 8, 8, WeightInitSpec{WeightInit::NeuroSimThirds, 1.0, 1.5}, rng);
        std::map<int, int> count;
        for (auto* s : net.weightSlots()) {
            const auto& w = s->w;
            for (Eigen::Index o = 0; o < w.rows(); ++o) {
                QCOMPARE(w(o, w.cols() - 1), 0.0);  // bias starts at 0
                for (Eigen::Index i = 0; i + 1 < w.cols(); ++i) {
                    const double k = w(o, i) / 1.5 * 3.0;
                    QVERIFY(std::fabs(k - std::round(k)) < 1e-12 && std::fabs(k) <= 3.0);
                    ++count[static_cast<int>(std::lround(k))];
                }
            }
        }
        QCOMPARE(count.size(), std::size_t(7));
        const int total = 64 * 32 + 32 * 10;
        for (const auto& c : count) QVERIFY2(std::abs(c.second - total / 7) < 80, qPrintable(QString::number(c.second)));
    }
    void randomImagesPerEpochAreDistinctAndSeeded() {
        const auto a = epochSamples(1000, 200, 7, 0);
        QCOMPARE(a.size(), std::size_t(200));
        QCOMPARE(std::set<int>(a.begin(), a.end()).size(), std::size_t(200));
        for (int i : a) QVERIFY(i >= 0 && i < 1000);
        QCOMPARE(epochSamples(1000, 200, 7, 0), a);  // deterministic for a seed
        QVERIFY(epochSamples(1000, 200, 7, 1) != a);  // a fresh draw each epoch
        QVERIFY(epochSamples(1000, 200, 8, 0) != a);
        // Spread over the whole set, not its first part.
        QVERIFY(*std::max_element(a.begin(), a.end()) > 900);
        QCOMPARE(epochSamples(1000, 0, 7, 0).size(), std::size_t(1000));
        // A run with N per epoch trains N samples per epoch (pulses scale), and refuses N > set.
        AnnRunSpec s = inSituBase(1);
        s.training.imagesPerEpoch = 100;
        const auto small = run(s);
        s.training.imagesPerEpoch = 0;
        QVERIFY(run(s).pulses > 4 * small.pulses);
        s.training.imagesPerEpoch = 5000;
        QVERIFY_THROWS_EXCEPTION(InputError, run(s));
    }
    void adcBoundPerLayer() {
        AnnRunSpec s = inSituBase(1);
        s.analog.adcBits = 5;
        const auto scalar = run(s);
        s.analog.adcBounds = {s.analog.adcBound, s.analog.adcBound};
        QVERIFY(sameRun(scalar, run(s)));
        s.analog.adcBounds = {s.analog.adcBound, 1.0};
        QVERIFY(!sameRun(scalar, run(s)));
    }
    void thresholdNeuronOutputsZeroOrOne() {
        NetworkSpec n;
        n.layerSizes = {64, 32, 10};
        n.hidden = Activation::Threshold;
        n.loss = OutputLoss::SigmoidSquaredError;
        SynapseRng rng(1);
        Network net(n, 64, 8, 8, WeightInitSpec{}, rng);
        ForwardContext ctx{rng, 0.0};
        const Eigen::VectorXd x = anntest::digits().train.features.row(0).transpose();
        const Eigen::VectorXd h = net.layers()[0]->forward(x, ctx);
        int ones = 0;
        for (Eigen::Index k = 0; k < h.size(); ++k) {
            QVERIFY(h[k] == 0.0 || h[k] == 1.0);
            ones += h[k] == 1.0;
        }
        QVERIFY(ones > 0 && ones < h.size());
        // z >= 0 exactly where the layer's pre-activation is: sigmoid(z) >= 0.5.
        const Eigen::VectorXd z = net.weightSlots()[0]->w * (Eigen::VectorXd(65) << x, 1.0).finished();
        for (Eigen::Index k = 0; k < h.size(); ++k) QCOMPARE(h[k], z[k] >= 0 ? 1.0 : 0.0);
        // The next layer's update uses the sigmoid behind the bits (MLP_NeuroSim's
        // deltaWeight2 = -alpha2 s2 a1): its gradient column of a silent (0) unit is not zero.
        net.accumulateGradient(x, 0, ctx);
        const Eigen::MatrixXd& g2 = net.weightSlots()[1]->grad;
        const Eigen::VectorXd hs = net.layers()[0]->forward(x, ctx);
        bool silentUnitLearns = false;
        for (Eigen::Index k = 0; k < hs.size(); ++k)
            if (hs[k] == 0.0 && g2.col(k).cwiseAbs().maxCoeff() > 0) silentUnitLearns = true;
        QVERIFY(silentUnitLearns);
        // It trains (straight-through sigmoid gradient).
        AnnRunSpec s;
        s.network = n;
        s.training.epochs = 5;
        s.training.learningRate = 0.1;
        const double acc = run(s).testAccuracy;
        QVERIFY2(acc > 0.7, qPrintable(QString::number(acc)));
    }
    void separateLevelsGiveTheirStepCounts() {
        const auto model = instantiateSynapse("neurosim_nl", {{"c2c", 0}}, "ag_asi");
        AnalogSpec a;
        a.rule = UpdateRule::Proportional;
        a.maxPulsesPerUpdate = 1000;
        SynapseRng rng(1);
        for (bool perDirection : {false, true}) {
            a.levelsPerDirection = perDirection;
            AnalogWeights w(1, 1, a, *model, 1.0, rng);
            const double range = 1.0;  // differential: one device across its range moves w by wMax
            QCOMPARE(w.pulseStep(+1), range / 97);
            QCOMPARE(w.pulseStep(-1), range / (perDirection ? 100 : 97));
            Eigen::MatrixXd dW(1, 1);
            dW(0, 0) = 20 * range / 97;  // 20 LTP steps either way
            w.applyUpdate(dW, rng);
            QCOMPARE(w.pulseCount(), 20LL);
            dW(0, 0) = -20 * range / 100;  // 20 LTD levels: 20 pulses, or round(19.4) = 19 in LTP steps
            w.applyUpdate(dW, rng);
            QCOMPARE(w.pulseCount(), 20LL + (perDirection ? 20 : 19));
        }
    }
    void wallTimeAndNoExtraTestPass() {
        anntest::Recorder r;
        StopToken stop;
        AnnRunSpec s = inSituBase(2);
        const auto res = runAnnTraining(s, anntest::digits(), r, stop);
        QCOMPARE(r.columns["epochs"].back().name, std::string("wall_time"));
        QCOMPARE(r.columns["epochs"].back().unit, std::string("s"));
        QCOMPARE(r.rows("epochs"), std::size_t(2));
        for (std::size_t k = 0; k < 2; ++k) QVERIFY(r.at("epochs", k, 6) >= 0.0);
        QCOMPARE(res.testAccuracy, res.epochs.back().testAccuracy);
        QCOMPARE(res.confusion.sum(), static_cast<int>(anntest::digits().test.labels.size()));
        QCOMPARE(res.confusion.trace(), static_cast<int>(std::lround(res.testAccuracy * res.confusion.sum())));
    }
    void readGainScalesTheForwardPassOnly() {
        const auto model = instantiateSynapse("neurosim_nl", {{"c2c", 0}}, "ag_asi");
        AnalogSpec a;
        a.adcBits = 8;
        a.adcBound = 4;
        Eigen::MatrixXd w(2, 3);
        w << 0.5, -0.25, 0.75, -1.0, 0.1, 0.3;
        const Eigen::Vector3d x(1.0, 0.0, 1.0);
        SynapseRng r1(5), r2(5);
        AnalogWeights one(2, 3, a, *model, 1.0, r1);
        a.readGain = 0.5;
        AnalogWeights half(2, 3, a, *model, 1.0, r2);
        one.initialise(w);
        half.initialise(w);
        QCOMPARE(half.weights(), one.weights());  // the devices hold the same weights
        const Eigen::VectorXd y1 = one.multiply(x, r1), yh = half.multiply(x, r2);
        for (int k = 0; k < 2; ++k) QCOMPARE(yh[k], 0.5 * y1[k]);
        // The default (1) is today's run.
        AnnRunSpec s = inSituBase(1);
        const auto base = run(s);
        s.analog.readGain = 1.0;
        QVERIFY(sameRun(base, run(s)));
    }
    // Issue 21: with MLP_NeuroSim's settings on Ag:a-Si the studio stopped pulsing
    // (sigmoids saturated by the full-scale forward pass once the steep depression steps
    // overshoot). NeuroSim's read yields half the weighted sum (readGain 0.5); with it
    // the run keeps learning. A 300-image slice of the example guards that.
    void neuroSimReadGainKeepsTheNonlinearRunLearning() {
        if (findFashionMnist(kFashionMnistFolder).empty()) QSKIP("Fashion-MNIST (dataset-fashion-mnist) not installed");
        Project p = loadProjectFile(std::string(MS_SOURCE_DIR) + "/projects/neurosim-default-fashion.json");
        auto& e = p.tree()["experiments"][0];
        e["epochs"] = 1;
        e["imagesPerEpoch"] = 300;
        e["data"]["testSamples"] = 1000;
        auto runWith = [&](double gain) {
            e["readGain"] = gain;
            anntest::Recorder r;
            StopToken stop;
            runExperiment(p, "neurosim_default", r, stop);
            return std::make_pair(r.scalars["final_accuracy"], r.scalars["pulses"]);
        };
        const auto full = runWith(1.0), half = runWith(0.5);
        qInfo("readGain 1: %.1f %%, %.0f pulses; 0.5: %.1f %%, %.0f pulses", 100 * full.first, full.second,
              100 * half.first, half.second);
        QVERIFY(half.second > 3 * full.second);   // 1.6e5 against 3.4e4
        QVERIFY(half.first > full.first + 0.08);  // 23.5 % against 11.6 %
    }
    void badValuesNameTheirPath() {
        const nlohmann::json ok = {{"id", "a"}, {"kind", "ann_training"}, {"network", {{"layers", {64, 32, 10}}}}};
        QCOMPARE(firstIssue(ok), std::string());
        auto with = [&](const std::function<void(nlohmann::json&)>& f) {
            nlohmann::json e = ok;
            f(e);
            return firstIssue(e);
        };
        auto starts = [](const std::string& s, const std::string& prefix) {
            if (s.rfind(prefix, 0) == 0) return true;
            qWarning("%s", s.c_str());
            return false;
        };
        QCOMPARE(with([](auto& e) {
                     e["learningRates"] = {0.4, 0.2};
                     e["adcBounds"] = {4, 8};
                     e["network"]["bias"] = false;
                     e["network"]["init"] = "neurosim";
                     e["network"]["activation"] = "threshold";
                     e["levelsPerDirection"] = true;
                     e["imagesPerEpoch"] = 100;
                     e["data"] = {{"cropWidth", 6}, {"cropHeight", 6}, {"downsample", 2}, {"binarize", 0.5}};
                     e["network"]["layers"] = {9, 10};
                     e["learningRates"] = {0.4};
                     e["adcBounds"] = {4};
                 }),
                 std::string());
        QVERIFY(starts(with([](auto& e) { e["learningRates"] = {0.4}; }), "experiments[0].learningRates: has 1 entries for 2"));
        QVERIFY(starts(with([](auto& e) { e["learningRates"] = {0.4, -1}; }), "experiments[0].learningRates[1]: must be"));
        QVERIFY(starts(with([](auto& e) { e["learningRates"] = 0.4; }), "experiments[0].learningRates: must be an array"));
        QVERIFY(starts(with([](auto& e) { e["adcBounds"] = {4, "x"}; }), "experiments[0].adcBounds[1]: must be"));
        QVERIFY(starts(with([](auto& e) { e["network"]["bias"] = 0; }), "experiments[0].network.bias: must be true or false"));
        QVERIFY(starts(with([](auto& e) { e["network"]["init"] = "thirds"; }), "experiments[0].network.init: must be one of"));
        QVERIFY(starts(with([](auto& e) { e["levelsPerDirection"] = "yes"; }), "experiments[0].levelsPerDirection:"));
        QVERIFY(starts(with([](auto& e) { e["imagesPerEpoch"] = -5; }), "experiments[0].imagesPerEpoch:"));
        QVERIFY(starts(with([](auto& e) { e["readGain"] = 0; }), "experiments[0].readGain:"));
        QVERIFY(starts(with([](auto& e) { e["imagesPerEpoch"] = 1300; }),
                       "experiments[0].imagesPerEpoch: is 1300 but the training set has 1258 samples"));
        QCOMPARE(with([](auto& e) { e["imagesPerEpoch"] = 1258; }), std::string());
        QVERIFY(starts(with([](auto& e) { e["data"]["cropWidth"] = 9; }), "experiments[0].data.cropWidth: is 9 but digits images are 8x8"));
        QVERIFY(starts(with([](auto& e) { e["data"]["downsample"] = 3; }), "experiments[0].data.downsample: must divide"));
        QVERIFY(starts(with([](auto& e) { e["data"]["binarize"] = 2; }), "experiments[0].data.binarize:"));
        QVERIFY(starts(with([](auto& e) { e["data"]["cropWidth"] = 4; }),
                       "experiments[0].network.layers[0]: is 64 but data set digits has 32 features after the data section's transforms"));
        QVERIFY(starts(with([](auto& e) {
                           e["data"] = {{"set", "iris"}, {"binarize", 0.5}};
                           e["network"]["layers"] = {4, 3};
                       }),
                       "experiments[0].data.binarize: needs an image data set"));
    }
};

QTEST_GUILESS_MAIN(TestAnnNeuroSimSettings)
#include "test_ann_neurosim_settings.moc"
