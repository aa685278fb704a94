// Learning: Diehl & Cook on the 8x8 digits, and the bimodal weights of
// Brian2's STDP example (Song, Miller & Abbott 2000).
#include <QtTest>

#include <chrono>
#include <cmath>

#include "core/data/Dataset.h"
#include "core/snn/Network.h"
#include "core/snn/Plasticity.h"
#include "core/snn/SpikeSources.h"
#include "core/snn/experiments/DiehlCook.h"

using namespace ms;
using namespace ms::snn;

class TestSnnLearning : public QObject {
    Q_OBJECT
private slots:
    void diehlCookLearnsDigits();
};

void TestSnnLearning::diehlCookLearnsDigits() {
    Dataset all = loadDigitsCsv(MS_SOURCE_DIR "/resources/data/digits.csv.gz");
    scaleFeatures(all, 16.0);
    const Split split = splitDataset(all, 0.3, 7);
    const int nTrain = qEnvironmentVariableIntValue("MS_DC_TRAIN") ? qEnvironmentVariableIntValue("MS_DC_TRAIN") : 300;
    const int nLabel = 200;
    Dataset train = split.train, label = split.train, test = split.test;
    test.features = split.test.features.topRows(200);
    test.labels.resize(200);
    train.features = split.train.features.topRows(nTrain);
    train.labels.assign(split.train.labels.begin(), split.train.labels.begin() + nTrain);
    label.features = split.train.features.bottomRows(nLabel);
    label.labels.assign(split.train.labels.end() - nLabel, split.train.labels.end());
    DiehlCookOptions o;
    o.excitatory = 100;
    o.seed = 3;
    // Homeostasis 10x faster than the paper's 0.05 mV per spike: with a few
    // hundred examples instead of 60,000 the thresholds must separate the
    // neurons quickly, or one "average digit" neuron wins every input
    // (measured on the labelling digits: 12 % at 0.05 mV, 70 % at 0.5 mV, 300 digits).
    o.excitatoryParams = {{"theta_plus", 0.5e-3}};
    NullSink sink;
    StopToken stop;
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = runDiehlCook(train, label, test, o, sink, stop);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    qInfo("Diehl & Cook, 100 neurons, %d training digits: test accuracy %.3f on %lld digits (%.0f s simulated, %.1f s wall)",
          nTrain, r.accuracy, static_cast<long long>(test.features.rows()), r.simulatedSeconds, wall);
    // Band: chance is 10 %; Diehl & Cook report 82.9 % for 100 neurons after
    // 60,000 MNIST digits. Here: 300 training digits (8x8, denser ink, so
    // more overlap between classes), 200 for labelling, 200 held out; this
    // seeded run measured 53 % held out (70 % on the labelling digits), a
    // 400/300/300 run 55 %. Require >= 45 %: learned, far above chance, and
    // short enough for the time limit (13 s CPU).
    QVERIFY2(r.accuracy >= 0.45, qPrintable(QString("accuracy %1").arg(r.accuracy)));
    QVERIFY2(r.accuracy <= 1.0, "accuracy is a fraction");
}

QTEST_GUILESS_MAIN(TestSnnLearning)
#include "test_snn_learning.moc"
