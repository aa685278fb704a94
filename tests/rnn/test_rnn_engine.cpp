// core/rnn: BPTT gradients of the Elman, LSTM and GRU cells against central
// finite differences; the float LSTM and GRU on the 8x8 digits read row by row;
// the same LSTM programmed onto ideal devices; one-step Mackey-Glass prediction
// (issue 17).
#include <QtTest>

#include <cmath>

#include "core/data/DataPaths.h"
#include "core/data/MackeyGlass.h"
#include "core/rnn/RnnTraining.h"

using namespace ms;

namespace {

// Largest |analytic - numeric| / max(|analytic| + |numeric|, 1e-8) over every weight of both matrices.
double gradientCheck(CellType cell, ReadoutKind readout) {
    SynapseRng rng(11);
    RnnShape shape;
    shape.cell = cell;
    shape.inputs = 3;
    shape.hidden = 4;
    shape.outputs = readout == ReadoutKind::SoftmaxClasses ? 3 : 2;
    shape.readout = readout;
    RecurrentNetwork net(shape, 1.5, rng);  // large weights: the gates leave their linear range
    Eigen::MatrixXd seq(5, 3);
    for (Eigen::Index k = 0; k < seq.size(); ++k) seq.data()[k] = 2.0 * rng.uniform() - 1.0;
    const int label = 1;
    const Eigen::VectorXd target = Eigen::Vector2d(0.3, -0.7);
    ForwardContext ctx{rng, 0.0};
    net.accumulateGradient(seq, label, target, ctx);
    double worst = 0.0;
    const double h = 1e-5;
    for (WeightSlot* s : net.weightSlots())
        for (Eigen::Index k = 0; k < s->w.size(); ++k) {
            const double w0 = s->w.data()[k];
            s->w.data()[k] = w0 + h;
            const double up = net.loss(net.forward(seq, ctx), label, target);
            s->w.data()[k] = w0 - h;
            const double down = net.loss(net.forward(seq, ctx), label, target);
            s->w.data()[k] = w0;
            const double numeric = (up - down) / (2 * h), analytic = s->grad.data()[k];
            worst = std::max(worst, std::fabs(analytic - numeric) / std::max(std::fabs(analytic) + std::fabs(numeric), 1e-8));
        }
    return worst;
}

SequenceSplit rowWiseDigits() {
    const std::string file = data_paths::findDataFile("digits.csv.gz");
    Dataset all = loadDigitsCsv(file);
    scaleFeatures(all, 16.0);
    const Split split = splitDataset(all, 0.3, 0);
    return {imagesAsRowSequences(split.train), imagesAsRowSequences(split.test)};
}

// Keeps what the "gates" series says: its rows and the largest gate index
// (a CheckedSink, so it refuses what the CLI's CSV sink refuses).
struct GateRecorder final : CheckedSink {
    std::size_t rows = 0;
    int maxGate = -1;
    void onRows(const std::string& id, const double* d, std::size_t n) override {
        if (id != "gates") return;
        rows += n;
        for (std::size_t k = 0; k < n; ++k) maxGate = std::max(maxGate, static_cast<int>(d[4 * k + 1]));
    }
};

RnnRunSpec digitsLstm() {
    RnnRunSpec s;
    s.cell = CellType::Lstm;
    s.hidden = 32;
    s.epochs = 12;
    s.learningRate = 0.01;
    s.batchSize = 16;
    s.seed = 3;
    return s;
}

}  // namespace

class TestRnnEngine : public QObject {
    Q_OBJECT
private slots:
    void bpttGradientsMatchFiniteDifferences_data() {
        QTest::addColumn<int>("cell");
        QTest::addColumn<int>("readout");
        QTest::newRow("elman softmax") << int(CellType::Elman) << int(ReadoutKind::SoftmaxClasses);
        QTest::newRow("elman linear") << int(CellType::Elman) << int(ReadoutKind::Linear);
        QTest::newRow("lstm softmax") << int(CellType::Lstm) << int(ReadoutKind::SoftmaxClasses);
        QTest::newRow("lstm linear") << int(CellType::Lstm) << int(ReadoutKind::Linear);
        QTest::newRow("gru softmax") << int(CellType::Gru) << int(ReadoutKind::SoftmaxClasses);
        QTest::newRow("gru linear") << int(CellType::Gru) << int(ReadoutKind::Linear);
    }
    void bpttGradientsMatchFiniteDifferences() {
        QFETCH(int, cell);
        QFETCH(int, readout);
        const double err = gradientCheck(static_cast<CellType>(cell), static_cast<ReadoutKind>(readout));
        qInfo("largest relative error %.3g", err);
        QVERIFY2(err <= 1e-5, qPrintable(QString("relative error %1").arg(err)));
    }

    void rowWiseSequencesAreTheImageRows() {
        Dataset d;
        d.imageWidth = 2;
        d.imageHeight = 3;
        d.classCount = 2;
        d.features = Eigen::MatrixXd(1, 6);
        d.features << 1, 2, 3, 4, 5, 6;
        d.labels = {1};
        const SequenceSet s = imagesAsRowSequences(d);
        QCOMPARE(s.sequences[0].rows(), Eigen::Index(3));
        QCOMPARE(s.sequences[0](1, 0), 3.0);
        QCOMPARE(s.sequences[0](2, 1), 6.0);
        d.imageWidth = 0;
        QVERIFY_THROWS_EXCEPTION(InputError, imagesAsRowSequences(d));
    }

    // Float LSTM >= 95 % held out; the same network programmed onto ideal
    // linear devices (1000 levels, open loop) within 1 point of it.
    void lstmDigitsFloatAndIdealDevices() {
        const SequenceSplit data = rowWiseDigits();
        NullSink quiet;
        StopToken stop;
        RnnRunSpec s = digitsLstm();
        const RnnRunResult f = runRnnTraining(s, data, quiet, stop);
        qInfo("float LSTM: %.2f %% held out, %.3f s per epoch", 100 * f.accuracy, f.secondsPerEpoch);
        QVERIFY2(f.accuracy >= 0.95, qPrintable(QString::number(f.accuracy)));
        s.mode = TrainingMode::ExSitu;
        s.analog.synapseModel = "neurosim_nl";
        s.analog.synapsePreset = "ideal";
        NullSink quiet2;
        const RnnRunResult x = runRnnTraining(s, data, quiet2, stop);
        qInfo("ideal devices: %.2f %% (float %.2f %%), programming RMS error %.3g", 100 * x.accuracy,
              100 * x.floatAccuracy, x.programming.rmsError);
        QCOMPARE(x.floatAccuracy, f.accuracy);  // same seed: the float phase is the float run
        QVERIFY(std::fabs(x.accuracy - f.accuracy) <= 0.01);
        QCOMPARE(x.tiles, 3);  // 128 LSTM rows as differential pairs span two 128-column tiles; the readout one
    }

    // The GRU learns the row-wise digits as the LSTM does (>= 95 % held out),
    // with three weight blocks to the LSTM's four, and streams its three gates.
    void gruDigitsFloat() {
        const SequenceSplit data = rowWiseDigits();
        GateRecorder gates;
        StopToken stop;
        RnnRunSpec s = digitsLstm();
        s.cell = CellType::Gru;
        const RnnRunResult r = runRnnTraining(s, data, gates, stop);
        qInfo("float GRU: %.2f %% held out, %.3f s per epoch", 100 * r.accuracy, r.secondsPerEpoch);
        QVERIFY2(r.accuracy >= 0.95, qPrintable(QString::number(r.accuracy)));
        QCOMPARE(gates.maxGate, 2);  // z, r, n
        QCOMPARE(gates.rows, std::size_t(8 * 3 * 32));  // 8 steps x 3 gates x 32 units
    }

    void mackeyGlassOneStepPrediction() {
        const auto series = mackeyGlassSeries(700, 1.0);
        const SequenceSplit data = oneStepWindows(series, 8, 0.7);
        RnnRunSpec s;
        s.cell = CellType::Lstm;
        s.hidden = 16;
        s.epochs = 20;
        s.learningRate = 0.01;
        s.batchSize = 8;
        NullSink quiet;
        StopToken stop;
        const RnnRunResult r = runRnnTraining(s, data, quiet, stop);
        qInfo("Mackey-Glass one-step NRMSE %.4f", r.nrmse);
        QVERIFY2(r.nrmse <= 0.1, qPrintable(QString::number(r.nrmse)));
        // Not trained, the same network is far off: the bound measures learning.
        s.epochs = 0;
        NullSink quiet2;
        QVERIFY(runRnnTraining(s, data, quiet2, stop).nrmse > 0.3);
    }
};

QTEST_GUILESS_MAIN(TestRnnEngine)
#include "test_rnn_engine.moc"
