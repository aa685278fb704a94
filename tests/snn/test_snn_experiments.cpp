// Experiments of issue 7: Song-Miller-Abbott STDP, supervised Hebbian Iris,
// ANN-to-SNN conversion on the digits with synaptic-event counts.
#include <QtTest>

#include <cmath>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"
#include "core/snn/experiments/AnnToSnn.h"
#include "core/snn/experiments/IrisHebbian.h"
#include "core/snn/experiments/SongStdp.h"

using namespace ms;
using namespace ms::snn;

class TestSnnExperiments : public QObject {
    Q_OBJECT
private slots:
    void songStdpBecomesBimodal();
    void irisSupervisedHebbian();
    void annToSnnApproachesAnnAndCountsEvents();
    void badInputAndCancellation();
};

void TestSnnExperiments::songStdpBecomesBimodal() {
    SongStdpOptions o;
    o.duration = qEnvironmentVariableIntValue("MS_SONG_SECONDS") ? qEnvironmentVariableIntValue("MS_SONG_SECONDS") : 40.0;
    o.seed = 5;
    NullSink sink;
    StopToken stop;
    const auto r = runSongStdp(o, sink, stop);
    qInfo("Song STDP %.0f s: low %.3f middle %.3f high %.3f, output %.1f Hz", r.simulatedSeconds, r.fractionLow,
          r.fractionMiddle, r.fractionHigh, r.outputRate);
    // Weights start uniform on [0, gmax]: 20 % / 60 % / 20 % in the low / middle /
    // high bands, 5 % per bin. Brian2's example shows the bimodal histogram after
    // 100 s; that run takes ~18 s CPU here (measured: low 0.351, middle 0.368,
    // high 0.281), so the test uses 40 s, where the weights have already moved
    // out of the middle towards both bounds (measured at 30 s: 0.281 / 0.480 / 0.239).
    // Without STDP the split stays 20/60/20; a sign error sends all weights to
    // one bound; both fail here.
    QVERIFY2(r.fractionMiddle < 0.52, qPrintable(QString("middle %1").arg(r.fractionMiddle)));
    QVERIFY2(r.fractionLow > 0.24, qPrintable(QString("low %1").arg(r.fractionLow)));
    QVERIFY2(r.fractionHigh > 0.22, qPrintable(QString("high %1").arg(r.fractionHigh)));
    // Bimodal: the two edge bins (weights piled at the hard bounds) each hold
    // more than 1.8x the mean interior bin (measured at 40 s: 0.099, 0.098 vs 0.045).
    double interior = 0;
    for (std::size_t b = 1; b + 1 < r.histogram.size(); ++b) interior += r.histogram[b];
    interior /= static_cast<double>(r.histogram.size() - 2);
    qInfo("edge bins %.3f %.3f, mean interior bin %.3f", r.histogram.front(), r.histogram.back(), interior);
    QVERIFY(r.histogram.front() > 1.8 * interior);
    QVERIFY(r.histogram.back() > 1.8 * interior);
    // The output neuron fires at a moderate rate, as in Song et al.'s balanced regime.
    QVERIFY2(r.outputRate > 5 && r.outputRate < 80, qPrintable(QString("rate %1").arg(r.outputRate)));
}

void TestSnnExperiments::irisSupervisedHebbian() {
    const Dataset all = loadIrisCsv(MS_SOURCE_DIR "/resources/data/iris.csv");
    const Split split = splitDataset(all, 0.3, 11);
    IrisHebbianOptions o;
    o.seed = 2;
    if (qEnvironmentVariableIsSet("MS_IRIS_PRES")) o.presentation = qEnvironmentVariable("MS_IRIS_PRES").toDouble();
    if (qEnvironmentVariableIsSet("MS_IRIS_EPOCHS")) o.epochs = qEnvironmentVariableIntValue("MS_IRIS_EPOCHS");
    if (qEnvironmentVariableIsSet("MS_IRIS_FIELDS")) o.fieldsPerFeature = qEnvironmentVariableIntValue("MS_IRIS_FIELDS");
    if (qEnvironmentVariableIsSet("MS_IRIS_SUM")) o.weightSum = qEnvironmentVariable("MS_IRIS_SUM").toDouble();
    NullSink sink;
    StopToken stop;
    const auto r = runIrisHebbian(split.train, split.test, o, sink, stop);
    qInfo("Iris Hebbian: train %.3f, held-out test %.3f on %lld flowers", r.trainAccuracy, r.testAccuracy,
          static_cast<long long>(split.test.features.rows()));
    // Band: chance is 33 %; a nearest-centroid classifier reaches ~90 % on Iris.
    // Seeds 1..6 of this configuration (4 fields per feature, 8 epochs, 105
    // train / 45 held out, one flower = 2.2 points) measured 80.0-91.1 % held
    // out (82.2, 88.9, 82.2, 80.0, 91.1, 80.0) and 84.8-89.5 % on the training
    // flowers; seed 2 gives 88.9 %. We require >= 80 % held out and >= 80 % on
    // the training set, which a rule that did not learn from the teacher (or
    // learned the wrong class) cannot reach.
    QVERIFY2(r.testAccuracy >= 0.80, qPrintable(QString("test accuracy %1").arg(r.testAccuracy)));
    QVERIFY2(r.trainAccuracy >= 0.80, qPrintable(QString("train accuracy %1").arg(r.trainAccuracy)));
    // Each class's strongest weight sits on an input whose receptive field the
    // class's flowers actually drive (the learned weights are class prototypes):
    // setosa (class 0) has the smallest petals, so its strongest petal-length
    // field (feature 2) must be the lowest-centred one.
    Eigen::Index best = 0;
    r.weights.col(0).segment(2 * o.fieldsPerFeature, o.fieldsPerFeature).maxCoeff(&best);
    QCOMPARE(best, Eigen::Index(0));
}

void TestSnnExperiments::annToSnnApproachesAnnAndCountsEvents() {
    Dataset all = loadDigitsCsv(MS_SOURCE_DIR "/resources/data/digits.csv.gz");
    scaleFeatures(all, 16.0);
    const Split split = splitDataset(all, 0.3, 7);
    const ReluMlp mlp = trainReluMlp(split.train, {32}, 20, 0.02, 4);
    const ReluMlp norm = normaliseForSnn(mlp, split.train);
    // Normalisation rescales each layer by a positive factor: the ANN's decisions are unchanged.
    QCOMPARE(mlpAccuracy(norm, split.test), mlpAccuracy(mlp, split.test));
    ConversionOptions o;
    o.duration = 0.1;
    o.seed = 9;
    NullSink sink;
    StopToken stop;
    const auto r = runAnnToSnn(norm, mlp, split.test, o, sink, stop);
    for (const auto& p : r.points)
        if (std::fmod(std::round(p.time * 1000), 20.0) == 0 || p.time < 0.011)
            qInfo("t = %3.0f ms: SNN %.3f (ANN %.3f), %.0f events vs %zu MACs, energy %.2f nJ vs %.2f nJ", p.time * 1e3,
                  p.accuracy, r.annAccuracy, p.eventsPerExample, r.macsPerExample, p.snnEnergy * 1e9, p.annEnergy * 1e9);
    // The ANN itself: a 64-32-10 ReLU MLP reaches > 90 % on the 8x8 digits.
    QVERIFY2(r.annAccuracy > 0.9, qPrintable(QString("ann %1").arg(r.annAccuracy)));
    // Diehl et al. 2015: the converted network's accuracy rises with the
    // presentation time and approaches the ANN's; within 5 points at 100 ms.
    const auto& last = r.points.back();
    QVERIFY2(last.accuracy >= r.annAccuracy - 0.05, qPrintable(QString("snn %1 ann %2").arg(last.accuracy).arg(r.annAccuracy)));
    QVERIFY2(r.points.front().accuracy < last.accuracy - 0.2,
             qPrintable(QString("5 ms %1 vs 100 ms %2").arg(r.points.front().accuracy).arg(last.accuracy)));
    // Event counting: every spike of a layer is delivered to each of its
    // targets once (all-to-all), so events = sum over layers of spikes x fan-out.
    for (const auto& p : r.points) {
        double expected = 0;
        for (std::size_t l = 0; l + 1 < p.spikesPerLayer.size(); ++l)
            expected += p.spikesPerLayer[l] * static_cast<double>(mlp.weights[l].rows());
        QVERIFY2(std::abs(p.eventsPerExample - expected) < 1e-9 * (1 + expected),
                 qPrintable(QString("events %1 expected %2").arg(p.eventsPerExample).arg(expected)));
    }
    // Input events alone: each pixel fires with probability x per 1 ms step at
    // 1000 Hz, so over T the mean input spikes are T/dt * sum(x) (Poisson mean).
    double meanInk = split.test.features.sum() / static_cast<double>(split.test.features.rows());
    const double expectedInput = meanInk * last.time / o.dt;
    QVERIFY2(std::abs(last.spikesPerLayer[0] - expectedInput) < 0.02 * expectedInput,
             qPrintable(QString("input spikes %1 expected %2").arg(last.spikesPerLayer[0]).arg(expectedInput)));
    QCOMPARE(r.macsPerExample, std::size_t(64 * 32 + 32 * 10));
}

void TestSnnExperiments::badInputAndCancellation() {
    NullSink sink;
    StopToken stop;
    SongStdpOptions so;
    so.inputs = 0;
    QVERIFY_THROWS_EXCEPTION(InputError, runSongStdp(so, sink, stop));
    so = SongStdpOptions{};
    so.dt = 0;
    QVERIFY_THROWS_EXCEPTION(InputError, runSongStdp(so, sink, stop));
    // A stop request ends the long run with Cancelled, not a result.
    so = SongStdpOptions{};
    StopToken stopped;
    stopped.requestStop();
    QVERIFY_THROWS_EXCEPTION(Cancelled, runSongStdp(so, sink, stopped));

    const Dataset iris = loadIrisCsv(MS_SOURCE_DIR "/resources/data/iris.csv");
    Dataset fewer = iris;
    fewer.features = iris.features.leftCols(3);
    QVERIFY_THROWS_EXCEPTION(InputError, runIrisHebbian(iris, fewer, IrisHebbianOptions{}, sink, stop));
    IrisHebbianOptions io;
    io.fieldsPerFeature = 1;
    QVERIFY_THROWS_EXCEPTION(InputError, runIrisHebbian(iris, iris, io, sink, stop));

    Dataset digits = loadDigitsCsv(MS_SOURCE_DIR "/resources/data/digits.csv.gz");  // not scaled: 0..16
    QVERIFY_THROWS_EXCEPTION(InputError, trainReluMlp(digits, {8}, 1, 0.01, 1));
    scaleFeatures(digits, 16.0);
    const ReluMlp mlp = trainReluMlp(digits, {8}, 1, 0.01, 1);
    ConversionOptions co;
    co.maxRate = 5000;  // 5 spikes per 1 ms step is not a Poisson probability
    QVERIFY_THROWS_EXCEPTION(InputError, runAnnToSnn(mlp, mlp, digits, co, sink, stop));
    QVERIFY_THROWS_EXCEPTION(InputError, runAnnToSnn(mlp, mlp, iris, ConversionOptions{}, sink, stop));
}

QTEST_GUILESS_MAIN(TestSnnExperiments)
#include "test_snn_experiments.moc"
