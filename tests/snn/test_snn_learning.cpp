// Learning: Diehl & Cook on the 8x8 digits, and the bimodal weights of
// Brian2's STDP example (Song, Miller & Abbott 2000).
#include <QtTest>

#include <chrono>
#include <algorithm>
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
    // Learning rates 3x the paper's (same ratio), as the example project: in
    // 300 digits each neuron wins ~3, and at the paper's rates its weights
    // stay near their random start (images of noise; 53 % held out).
    o.stdp = {{"nu_post", 0.03}, {"nu_pre", 3e-4}};
    NullSink sink;
    StopToken stop;
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = runDiehlCook(train, label, test, o, sink, stop);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    qInfo("Diehl & Cook, 100 neurons, %d training digits: test accuracy %.3f on %lld digits (%.0f s simulated, %.1f s wall)",
          nTrain, r.accuracy, static_cast<long long>(test.features.rows()), r.simulatedSeconds, wall);
    // Band: chance is 10 %; Diehl & Cook report 82.9 % for 100 neurons after
    // 60,000 MNIST digits. Here: 300 training digits (8x8, denser ink, so
    // more overlap between classes), 200 for labelling, 200 held out; seeds
    // 3 and 4 measured 69 % and 64 % held out (53 % and 57 % at the paper's
    // learning rates). Require >= 55 %: learned, far above chance, and short
    // enough for the time limit (13 s CPU).
    QVERIFY2(r.accuracy >= 0.55, qPrintable(QString("accuracy %1").arg(r.accuracy)));
    QVERIFY2(r.accuracy <= 1.0, "accuracy is a fraction");
    // The weights became digit prototypes: each neuron's incoming weights
    // correlate with the mean image of some class. Measured mean best
    // correlation 0.66 / 0.60 (seeds 3 / 4); random start 0.0, weights left
    // near it at the paper's rates 0.31 / 0.35.
    Eigen::MatrixXd classMean = Eigen::MatrixXd::Zero(10, 64);
    Eigen::VectorXd classCount = Eigen::VectorXd::Zero(10);
    for (Eigen::Index k = 0; k < all.features.rows(); ++k) {
        classMean.row(all.labels[static_cast<std::size_t>(k)]) += all.features.row(k);
        classCount[all.labels[static_cast<std::size_t>(k)]] += 1;
    }
    auto corr = [](Eigen::VectorXd a, Eigen::VectorXd b) {
        a.array() -= a.mean();
        b.array() -= b.mean();
        return a.dot(b) / (a.norm() * b.norm());
    };
    double meanBest = 0;
    for (Eigen::Index j = 0; j < r.weights.cols(); ++j) {
        double best = -1;
        for (int c = 0; c < 10; ++c) best = std::max(best, corr(r.weights.col(j), classMean.row(c).transpose() / classCount[c]));
        meanBest += best / static_cast<double>(r.weights.cols());
    }
    qInfo("mean best correlation of a neuron's weights with a class-mean image: %.2f", meanBest);
    QVERIFY2(meanBest >= 0.5, qPrintable(QString("mean best correlation %1").arg(meanBest)));
}

QTEST_GUILESS_MAIN(TestSnnLearning)
#include "test_snn_learning.moc"
