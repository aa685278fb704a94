// Accuracy of 64-32-10 (and 64-10) networks on digits, float and on devices:
// the baselines, the trends with each non-ideality and what each mitigation
// buys back (issue 6). Seeds are fixed; each band is justified where it is set.
#include <QtTest>

#include <map>
#include <string>

#include "AnnTestSupport.h"
#include "core/common/Errors.h"

using namespace ms;
using anntest::inSituBase;
using anntest::run;

namespace {
QString pct(double a) { return QString::number(100 * a, 'f', 2) + " %"; }
// Strictly falling sequence, with a margin of `margin` between neighbours
// (larger than the seed-to-seed spread seen at these settings, ~1-2 points).
void expectFalling(const std::vector<double>& acc, double margin, const char* what) {
    QString all;
    for (double a : acc) all += pct(a) + " ";
    qInfo("%s: %s", what, qPrintable(all));
    for (std::size_t k = 1; k < acc.size(); ++k) QVERIFY2(acc[k] < acc[k - 1] - margin, qPrintable(QString(what) + ": " + all));
}
}  // namespace

class TestAnnTraining : public QObject {
    Q_OBJECT
    double float_ = 0.0;
    // In situ runs several tests share (same spec, same seed, so the same result):
    // run once, reused by the later tests (each still runs it when run alone).
    std::map<std::string, double> inSituAccuracy_;
    double inSituAccuracy(const std::string& key, const AnnRunSpec& s) {
        const auto it = inSituAccuracy_.find(key);
        if (it != inSituAccuracy_.end()) return it->second;
        return inSituAccuracy_[key] = run(s).testAccuracy;
    }

private slots:
    void floatBaseline() {
        // README baseline for 64-32-10 (scikit-learn, same split idea): 96.5 %. Our SGD,
        // 20 epochs, seed 1: expect 95-99 % (different split order and optimiser).
        AnnRunSpec s;
        s.training.epochs = 20;
        const auto r = run(s);
        float_ = r.testAccuracy;
        qInfo("float 64-32-10: %s", qPrintable(pct(float_)));
        QVERIFY2(float_ > 0.95 && float_ < 0.99, qPrintable(pct(float_)));
        QCOMPARE(static_cast<int>(r.epochs.size()), 20);
        QVERIFY(r.epochs.back().loss < r.epochs.front().loss);
        QCOMPARE(r.confusion.sum(), 539);
    }
    void idealDevicesReachFloat() {
        // Ex situ onto ideal devices (linear, 1000 levels, no variation): within 1 point.
        AnnRunSpec s;
        s.training.epochs = 20;
        s.training.mode = TrainingMode::ExSitu;
        s.analog.synapsePreset = "ideal";
        const auto ex = run(s);
        qInfo("ideal ex situ: %s (float %s), programming RMS error %.4f", qPrintable(pct(ex.testAccuracy)),
              qPrintable(pct(ex.floatAccuracy)), ex.programming.rmsError);
        QVERIFY(std::fabs(ex.testAccuracy - ex.floatAccuracy) <= 0.01);
        QVERIFY(ex.programming.rmsError < 0.5 / 1000);  // half a level of 1000, open loop on a linear curve
        // In situ on the same ideal devices, pulse by pulse (stochastic pulse counts).
        s.training.mode = TrainingMode::InSitu;
        s.training.epochs = 10;
        s.analog.maxPulsesPerUpdate = 200;
        const auto in = run(s);
        qInfo("ideal in situ: %s, %lld pulses", qPrintable(pct(in.testAccuracy)), in.pulses);
        QVERIFY2(in.testAccuracy >= ex.floatAccuracy - 0.01, qPrintable(pct(in.testAccuracy)));
        QVERIFY(in.pulses > 0 && in.writeEnergy > 0);
    }
    void accuracyFallsWithNonlinearity() {
        std::vector<double> acc;
        for (double nl : {0.0, 2.0, 4.0, 6.0}) {
            auto s = inSituBase();
            s.analog.synapseParams["NL_LTP"] = nl;
            s.analog.synapseParams["NL_LTD"] = -nl;
            acc.push_back(inSituAccuracy(nl == 0 ? "base" : "NL " + std::to_string(int(nl)), s));
        }
        expectFalling(acc, 0.02, "NL 0/2/4/6");  // measured 96.9 / 86.3 / 72.9 / 43.6 %
    }
    void accuracyFallsWithFewerLevels() {
        std::vector<double> acc;
        for (double lv : {400.0, 25.0, 8.0}) {
            auto s = inSituBase();
            s.analog.synapseParams["levelsLTP"] = lv;
            s.analog.synapseParams["levelsLTD"] = lv;
            acc.push_back(run(s).testAccuracy);
        }
        expectFalling(acc, 0.02, "levels 400/25/8");  // measured 97.0 / 91.1 / 81.1 %
    }
    void accuracyFallsWithVariation() {
        std::vector<double> acc;
        for (double c2c : {0.0, 0.01, 0.03, 0.08}) {
            auto s = inSituBase();
            s.analog.synapseParams["c2c"] = c2c;
            acc.push_back(inSituAccuracy(c2c == 0 ? "base" : "C2C " + std::to_string(c2c), s));
        }
        expectFalling(acc, 0.02, "C2C 0/1/3/8 %");  // measured 96.9 / 92.2 / 76.3 / 10.2 %
    }
    void fuPulsesRecoverNonlinearity() {
        auto s = inSituBase();
        s.analog.synapseParams["NL_LTP"] = 4;
        s.analog.synapseParams["NL_LTD"] = -4;
        const double plain = inSituAccuracy("NL 4", s);
        s.analog.fuSegments = 8;
        const double fu = run(s).testAccuracy;
        qInfo("NL 4: identical pulses %s, Fu 2019 8 segments %s", qPrintable(pct(plain)), qPrintable(pct(fu)));
        QVERIFY(fu > plain + 0.05);  // measured 72.9 -> 96.3 %
    }
    void bipolarPulsesRecoverAsymmetry() {
        // aihwkit constant steps with up_down = 0.3 (up 1.3x, down 0.7x): pulsing both
        // devices of the pair in opposite directions makes up and down updates equal.
        AnnRunSpec s = inSituBase();
        s.analog.synapseModel = "constant_step";
        s.analog.synapseParams = {{"dwMin", 0.01}, {"dwMinStd", 0}, {"dwMinDtod", 0}, {"upDownDtod", 0}, {"boundsDtod", 0}, {"upDown", 0.3}};
        const double single = run(s).testAccuracy;
        s.analog.bipolarPulses = true;
        const double bipolar = run(s).testAccuracy;
        qInfo("asymmetry 0.3: single-device updates %s, bipolar pair %s", qPrintable(pct(single)), qPrintable(pct(bipolar)));
        QVERIFY(bipolar > single + 0.1);  // measured 66.2 -> 89.6 %
    }
    void redundancyRecoversVariation() {
        auto s = inSituBase();
        s.analog.synapseParams["c2c"] = 0.03;
        const double one = inSituAccuracy("C2C " + std::to_string(0.03), s);
        s.analog.devicesPerWeight = 4;
        const double four = run(s).testAccuracy;
        qInfo("C2C 3 %%: 1 device pair %s, 4 pairs per weight %s", qPrintable(pct(one)), qPrintable(pct(four)));
        QVERIFY(four > one + 0.02);  // averaging 4 pairs halves the noise; measured 76.3 -> 86.8 %
    }
    void writeVerifyRecoversProgrammingError() {
        // Ex situ onto Ag:a-Si (NL 2.4 / -4.88, 97 levels, C2C 3.5 %).
        AnnRunSpec s;
        s.training.epochs = 20;
        s.training.mode = TrainingMode::ExSitu;
        const auto open = run(s);
        s.analog.writeVerify = true;
        const auto wv = run(s);
        qInfo("Ag:a-Si ex situ: open loop %s (RMS %.3f), write-verify %s (RMS %.3f, %lld pulses)", qPrintable(pct(open.testAccuracy)),
              open.programming.rmsError, qPrintable(pct(wv.testAccuracy)), wv.programming.rmsError, wv.programming.pulses);
        QVERIFY(wv.programming.rmsError < 0.5 * open.programming.rmsError);
        QVERIFY(wv.testAccuracy > open.testAccuracy + 0.02);  // measured 93.3 -> 97.4 %
        QVERIFY(wv.programming.pulses > open.programming.pulses);
    }
    void singleLayerCrossbarInSitu() {
        // 64x10 SLP (65 rows with the bias) in situ on EpiRAM-like devices (NL 0.5, 64
        // levels, C2C 2 %), bipolar pairs, stochastic pulses: Hu 2018 reached 89.9 % on MNIST.
        AnnRunSpec s;
        s.network.layerSizes = {64, 10};
        s.training.mode = TrainingMode::InSitu;
        s.training.epochs = 10;
        s.analog.synapsePreset = "epiram";
        s.analog.bipolarPulses = true;
        s.analog.tileRows = s.analog.tileCols = 128;
        const auto r = run(s);
        qInfo("SLP 64x10 in situ, EpiRAM: %s, %lld pulses, %.3g J", qPrintable(pct(r.testAccuracy)), r.pulses, r.writeEnergy);
        QVERIFY2(r.testAccuracy >= 0.90, qPrintable(pct(r.testAccuracy)));
        QCOMPARE(r.tiles, 1);
    }
    void stuckFaultsCostAccuracy() {
        std::vector<double> acc;
        for (double p : {0.0, 0.05, 0.2}) {
            AnnRunSpec s;
            s.training.epochs = 10;
            s.training.mode = TrainingMode::ExSitu;
            s.analog.synapsePreset = "ideal";
            s.analog.stuckOnProbability = p;
            acc.push_back(run(s).testAccuracy);
        }
        expectFalling(acc, 0.005, "stuck-on 0/5/20 %");  // measured 98.0 / 46.6 / 21.2 %
    }
    void accuracyFallsWithDriftTime() {
        // PCM-like drift G(t) = G (t/t0)^-nu, nu = 0.05 with a 100 % device-to-device spread
        // (a common nu would be a pure gain, harmless to a ReLU/softmax argmax).
        std::vector<double> acc;
        for (double t : {0.0, 1e4, 1e8}) {
            AnnRunSpec s;
            s.training.epochs = 10;
            s.training.mode = TrainingMode::ExSitu;
            s.analog.synapsePreset = "ideal";
            s.analog.drift = {0.05, 1.0, 1.0};
            s.analog.inferenceTime = t;
            acc.push_back(run(s).testAccuracy);
        }
        expectFalling(acc, 0.02, "drift read at 0 / 1e4 / 1e8 s");  // measured 98.0 / 88.7 / 61.6 %
    }
    void classicSquaredErrorRuleTrains() {
        // Sigmoid outputs with dw = -r d(y - y*)^2/dw, sigmoid or tanh hidden units: float
        // 64-32-10 on digits, 20 epochs; the README's MLP baselines are 96-97 %.
        for (auto act : {Activation::Sigmoid, Activation::Tanh}) {
            AnnRunSpec s;
            s.training.epochs = 20;
            s.training.learningRate = 0.1;
            s.network.hidden = act;
            s.network.loss = OutputLoss::SigmoidSquaredError;
            const double a = run(s).testAccuracy;
            qInfo("squared error, %s hidden: %s", act == Activation::Sigmoid ? "sigmoid" : "tanh", qPrintable(pct(a)));
            QVERIFY2(a > 0.94, qPrintable(pct(a)));  // measured 97.4 / 97.8 %
        }
    }
    void adcResolutionCostsAccuracy() {
        std::vector<double> acc;
        for (int bits : {0, 6, 3}) {
            AnnRunSpec s;
            s.training.epochs = 10;
            s.training.mode = TrainingMode::ExSitu;
            s.analog.synapsePreset = "ideal";
            s.analog.adcBits = bits;
            s.analog.dacBits = bits;
            s.analog.adcBound = 4;
            acc.push_back(run(s).testAccuracy);
        }
        expectFalling(acc, 0.0, "ADC/DAC ideal/6/3 bit");  // measured 98.0 / 97.8 / 78.7 %
    }
    // 1-bit converters, the first thing a NeuroSim user sets: the quantiser once divided
    // by 2^b - 2 = 0 there (loss NaN, pulse count -3e15, chance accuracy).
    void oneBitConvertersTrain() {
        AnnRunSpec s = anntest::inSituBase(3);
        s.analog.dacBits = 1;  // binarised pixels, as NeuroSim's 1-bit inputs
        const auto binary = run(s);
        qInfo("in situ, 1-bit DAC: %s, %lld pulses", qPrintable(pct(binary.testAccuracy)), binary.pulses);
        QVERIFY2(binary.testAccuracy > 0.8, qPrintable(pct(binary.testAccuracy)));
        for (const auto& e : binary.epochs) QVERIFY(std::isfinite(e.loss));
        s.analog.adcBits = 1;  // and a comparator per column: coarse, but finite and counted
        const auto sign = run(s);
        for (const auto& e : sign.epochs) QVERIFY(std::isfinite(e.loss));
        QVERIFY(sign.pulses >= 0);
        QVERIFY(sign.testAccuracy >= 0 && sign.testAccuracy <= 1);
    }
    void cnnOnCrossbarTiles() {
        AnnRunSpec s;
        s.network.conv.enabled = true;
        s.network.layerSizes = {64, 10};
        s.training.epochs = 8;
        const auto f = run(s);
        qInfo("CNN float: %s (%s)", qPrintable(pct(f.testAccuracy)), f.networkDescription.c_str());
        QVERIFY2(f.testAccuracy > 0.95, qPrintable(pct(f.testAccuracy)));
        s.training.mode = TrainingMode::ExSitu;
        s.analog.synapsePreset = "ideal";
        const auto ex = run(s);
        QVERIFY(std::fabs(ex.testAccuracy - ex.floatAccuracy) <= 0.01);
        QCOMPARE(ex.tiles, 2);  // conv 10x8 and dense 73x10, each within one 128x128 tile
    }
    void streamsAndCancels() {
        struct Recorder final : CheckedSink {
            std::vector<std::vector<double>> rows;
            void onRows(const std::string& id, const double* d, std::size_t n) override {
                if (id == "epochs")
                    for (std::size_t k = 0; k < n; ++k) rows.emplace_back(d + 6 * k, d + 6 * k + 6);
            }
        } sink;
        StopToken stop;
        AnnRunSpec s;
        s.training.epochs = 3;
        const auto r = runAnnTraining(s, anntest::digits(), sink, stop);
        QCOMPARE(static_cast<int>(sink.rows.size()), 3);
        QCOMPARE(sink.rows[2][3], r.epochs[2].testAccuracy);
        QCOMPARE(sink.rows[2][1], r.epochs[2].loss);
        stop.requestStop();
        bool cancelled = false;
        NullSink second;  // a sink records one run, as the CLI's does
        try { runAnnTraining(s, anntest::digits(), second, stop); } catch (const Cancelled&) { cancelled = true; }
        QVERIFY(cancelled);
        s.network.layerSizes = {63, 10};
        bool bad = false;
        try { run(s); } catch (const InputError& e) { bad = std::string(e.what()).find("layerSizes[0]") != std::string::npos; }
        QVERIFY(bad);
    }
};

QTEST_GUILESS_MAIN(TestAnnTraining)
#include "test_ann_training.moc"
