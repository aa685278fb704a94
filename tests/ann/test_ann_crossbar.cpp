// Mapping weights onto crossbar tiles: differential pairs and the reference
// column, the tile grid, the MVM hook, DAC/ADC, pulse and energy counting, drift.
#include <QtTest>

#include <cmath>

#include "core/ann/AnalogWeights.h"
#include "core/common/Errors.h"
#include "core/synapses/Retention.h"

using namespace ms;

namespace {
// The exact product, but declared non-ideal so the engine takes the per-tile path.
class CountingMvm final : public CrossbarMvm {
public:
    mutable int calls = 0;
    Eigen::VectorXd columnCurrents(const Eigen::MatrixXd& g, const Eigen::VectorXd& v) const override {
        ++calls;
        return g.transpose() * v;
    }
};
class CountingCompensation final : public OutputCompensation {
public:
    mutable int calls = 0;
    void compensate(int, int, Eigen::Ref<Eigen::VectorXd>) const override { ++calls; }
};

Eigen::MatrixXd randomWeights(int out, int in, double scale, SynapseRng& rng) {
    Eigen::MatrixXd w(out, in);
    for (Eigen::Index k = 0; k < w.size(); ++k) w.data()[k] = scale * (2 * rng.uniform() - 1);
    return w;
}
}  // namespace

class TestAnnCrossbar : public QObject {
    Q_OBJECT
private slots:
    void tileGrid() {
        auto syn = instantiateSynapse("neurosim_nl", {}, "ideal");
        SynapseRng rng(1);
        AnalogSpec s;
        s.tileRows = s.tileCols = 64;
        // 65 inputs (64 + bias) x 32 outputs: 2 tile rows; 32 differential pairs fill 64 columns.
        AnalogWeights diff(32, 65, s, *syn, 1.0, rng);
        QCOMPARE(diff.tileGridRows(), 2);
        QCOMPARE(diff.tileGridCols(), 1);
        AnalogWeights diff33(33, 65, s, *syn, 1.0, rng);
        QCOMPARE(diff33.tileGridCols(), 2);
        s.mapping = WeightMapping::ReferenceColumn;  // 63 outputs + 1 reference column per tile
        AnalogWeights ref(63, 65, s, *syn, 1.0, rng);
        QCOMPARE(ref.tileGridCols(), 1);
        AnalogWeights ref64(64, 65, s, *syn, 1.0, rng);
        QCOMPARE(ref64.tileGridCols(), 2);
    }
    void programmingBothMappings() {
        auto syn = instantiateSynapse("neurosim_nl", {}, "ideal");  // linear, 1000 levels
        for (auto mapping : {WeightMapping::Differential, WeightMapping::ReferenceColumn}) {
            SynapseRng rng(2);
            AnalogSpec s;
            s.mapping = mapping;
            AnalogWeights a(10, 20, s, *syn, 0.8, rng);
            const Eigen::MatrixXd target = randomWeights(10, 20, 0.8, rng);
            const auto rep = a.program(target, rng);
            // Open loop on a linear curve: error at most half a step of the range used.
            const double halfStep = (mapping == WeightMapping::Differential ? 0.5 : 1.0) / 1000;
            QVERIFY2(rep.maxError <= halfStep + 1e-12, qPrintable(QString::number(rep.maxError)));
            QVERIFY((a.weights() - target).cwiseAbs().maxCoeff() <= 0.8 * halfStep + 1e-12);
            const Eigen::MatrixXd g = a.conductances(0);
            QVERIFY(g.minCoeff() >= syn->gMin() - 1e-20 && g.maxCoeff() <= syn->gMax() + 1e-20);
            if (mapping == WeightMapping::ReferenceColumn) {
                // w = 2 wMax (G - Gref)/(Gmax - Gmin), Gref = (Gmax + Gmin)/2.
                const double gref = 0.5 * (syn->gMax() + syn->gMin());
                QVERIFY(std::fabs(a.weights()(3, 4) - 2 * 0.8 * (g(3, 4) - gref) / (syn->gMax() - syn->gMin())) < 1e-12);
            }
        }
    }
    void hookPathMatchesFastPath() {
        auto syn = instantiateSynapse("neurosim_nl");
        SynapseRng rng(3);
        AnalogSpec s;
        s.tileRows = s.tileCols = 16;
        AnalogWeights a(20, 30, s, *syn, 1.0, rng);
        a.initialise(randomWeights(20, 30, 1.0, rng));
        Eigen::VectorXd x(30);
        for (int i = 0; i < 30; ++i) x[i] = rng.uniform();
        const Eigen::VectorXd fast = a.multiply(x, rng);
        QVERIFY((fast - a.weights() * x).norm() < 1e-12);
        auto mvm = std::make_shared<CountingMvm>();
        auto comp = std::make_shared<CountingCompensation>();
        a.setMvm(mvm);
        a.setCompensation(comp);
        const Eigen::VectorXd slow = a.multiply(x, rng);
        QVERIFY2((slow - fast).norm() < 1e-9 * fast.norm(), qPrintable(QString::number((slow - fast).norm())));
        // 30 rows in tiles of 16 -> 2; 20 outputs at 8 pairs per tile -> 3: 6 tiles, one read each
        // (G+ and G- in adjacent columns of the same tile).
        QCOMPARE(a.tileCount(), 6);
        QCOMPARE(mvm->calls, 6);
        QCOMPARE(comp->calls, 6);
    }
    void hookSeesThePhysicalTileLayout() {
        // Redundancy: each of a weight's k devices has its own row of the tile, driven by
        // the same input, so the tile holds tileRows / k inputs and the column currents
        // sum the k devices; the reference mapping adds one Gref column per tile.
        auto syn = instantiateSynapse("neurosim_nl");  // NL and C2C: replicas differ
        for (auto mapping : {WeightMapping::Differential, WeightMapping::ReferenceColumn}) {
            SynapseRng rng(8);
            AnalogSpec s;
            s.mapping = mapping;
            s.tileRows = s.tileCols = 16;
            s.devicesPerWeight = 3;
            AnalogWeights a(9, 12, s, *syn, 1.0, rng);
            a.program(randomWeights(9, 12, 1.0, rng), rng);
            Eigen::VectorXd x(12);
            for (int i = 0; i < 12; ++i) x[i] = rng.uniform();
            const Eigen::VectorXd fast = a.multiply(x, rng);
            struct ShapeMvm final : public CrossbarMvm {
                mutable std::vector<std::pair<Eigen::Index, Eigen::Index>> shapes;
                Eigen::VectorXd columnCurrents(const Eigen::MatrixXd& g, const Eigen::VectorXd& v) const override {
                    shapes.emplace_back(g.rows(), g.cols());
                    return g.transpose() * v;
                }
            };
            auto mvm = std::make_shared<ShapeMvm>();
            a.setMvm(mvm);
            const Eigen::VectorXd slow = a.multiply(x, rng);
            QVERIFY2((slow - fast).norm() < 1e-9 * fast.norm(), qPrintable(QString::number((slow - fast).norm())));
            // 16 rows / 3 devices = 5 inputs per tile: 12 inputs -> 3 tile rows (5, 5, 2 inputs).
            QCOMPARE(a.inputsPerTile(), 5);
            QCOMPARE(a.tileGridRows(), 3);
            const bool diff = mapping == WeightMapping::Differential;
            // Differential: 8 pairs per 16 columns -> 2 tile columns (5 and 4 outputs, 10 and 8 columns);
            // reference: 15 outputs + Gref per tile -> 1 tile column of 10 columns.
            QCOMPARE(a.tileGridCols(), diff ? 2 : 1);
            QCOMPARE(static_cast<int>(mvm->shapes.size()), a.tileCount());
            QCOMPARE(mvm->shapes.front().first, Eigen::Index(15));
            QCOMPARE(mvm->shapes.front().second, Eigen::Index(diff ? 10 : 10));
            QCOMPARE(mvm->shapes.back().first, Eigen::Index(6));
            QCOMPARE(mvm->shapes.back().second, Eigen::Index(diff ? 8 : 10));
            for (const auto& [rows, cols] : mvm->shapes) QVERIFY(rows <= 16 && cols <= 16);
        }
        // A tile with fewer rows than devices per weight cannot hold a weight.
        SynapseRng rng(9);
        AnalogSpec s;
        s.tileRows = 4;
        s.devicesPerWeight = 5;
        QVERIFY_THROWS_EXCEPTION(InputError, AnalogWeights(2, 2, s, *syn, 1.0, rng));
    }
    void quantiser() {
        QCOMPARE(quantize(0.3, 0, 1.0), 0.3);  // off
        QCOMPARE(quantize(0.0, 3, 1.0), 0.0);  // zero stays exact
        QVERIFY(std::fabs(quantize(0.3, 3, 1.0) - 1.0 / 3) < 1e-15);  // 7 levels: step 1/3
        QCOMPARE(quantize(5.0, 3, 1.0), 1.0);  // clipped at full scale
        QCOMPARE(quantize(-5.0, 8, 2.0), -2.0);
    }
    // Every width from 1 bit up against a hand-computed table (full scale 1): the
    // symmetric converter has 2^b - 1 levels (1 bit: the sign), the unipolar one 2^b.
    void quantiserTablePerWidth_data() {
        QTest::addColumn<bool>("unipolar");
        QTest::addColumn<int>("bits");
        QTest::addColumn<QVector<double>>("in");
        QTest::addColumn<QVector<double>>("out");
        const QVector<double> in = {-1.5, -0.7, -0.2, 0.0, 0.2, 0.3, 0.49, 0.5, 0.7, 1.5};
        QTest::newRow("symmetric 1 bit") << false << 1 << in << QVector<double>{-1, -1, -1, 1, 1, 1, 1, 1, 1, 1};
        QTest::newRow("symmetric 2 bit") << false << 2 << in << QVector<double>{-1, -1, 0, 0, 0, 0, 0, 1, 1, 1};
        QTest::newRow("symmetric 3 bit") << false << 3 << in
                                         << QVector<double>{-1, -2. / 3, -1. / 3, 0, 1. / 3, 1. / 3, 1. / 3, 2. / 3, 2. / 3, 1};
        QTest::newRow("symmetric 4 bit") << false << 4 << in
                                         << QVector<double>{-1, -5. / 7, -1. / 7, 0, 1. / 7, 2. / 7, 3. / 7, 4. / 7, 5. / 7, 1};
        QTest::newRow("unipolar 1 bit") << true << 1 << in << QVector<double>{0, 0, 0, 0, 0, 0, 0, 1, 1, 1};
        QTest::newRow("unipolar 2 bit") << true << 2 << in
                                        << QVector<double>{0, 0, 0, 0, 1. / 3, 1. / 3, 1. / 3, 2. / 3, 2. / 3, 1};
        QTest::newRow("unipolar 3 bit") << true << 3 << in
                                        << QVector<double>{0, 0, 0, 0, 1. / 7, 2. / 7, 3. / 7, 4. / 7, 5. / 7, 1};
    }
    void quantiserTablePerWidth() {
        QFETCH(bool, unipolar);
        QFETCH(int, bits);
        QFETCH(QVector<double>, in);
        QFETCH(QVector<double>, out);
        for (int k = 0; k < in.size(); ++k) {
            const double q = unipolar ? quantizeUnipolar(in[k], bits, 1.0) : quantize(in[k], bits, 1.0);
            QVERIFY2(std::fabs(q - out[k]) < 1e-15, qPrintable(QString("%1 -> %2, expected %3").arg(in[k]).arg(q).arg(out[k])));
        }
    }
    void pulsesAndEnergyCounted() {
        // Linear device, 100 levels: dW = 3 steps is exactly 3 pulses on G+ (single-device updates).
        auto syn = instantiateSynapse("neurosim_nl", {{"NL_LTP", 0}, {"NL_LTD", 0}, {"levelsLTP", 100}, {"levelsLTD", 100}, {"c2c", 0}});
        SynapseRng rng(4);
        AnalogSpec s;
        s.rule = UpdateRule::Proportional;
        AnalogWeights a(1, 1, s, *syn, 1.0, rng);
        a.initialise(Eigen::MatrixXd::Zero(1, 1));
        QVERIFY(std::fabs(a.pulseStep() - 0.01) < 1e-15);  // wMax (G range) / 100 levels
        a.applyUpdate(Eigen::MatrixXd::Constant(1, 1, 3 * a.pulseStep()), rng);
        QCOMPARE(a.pulseCount(), 3LL);
        QVERIFY(std::fabs(a.weights()(0, 0) - 0.03) < 1e-12);
        // E = V^2 t sum G before each pulse, G at x = 0.50, 0.51, 0.52.
        double e = 0;
        for (double x : {0.50, 0.51, 0.52}) e += 3.2 * 3.2 * 300e-6 * syn->conductance(x);
        QVERIFY(std::fabs(a.writeEnergy() / e - 1) < 1e-12);
        // Bipolar: the pair moves twice as far per pulse count.
        s.bipolarPulses = true;
        AnalogWeights b(1, 1, s, *syn, 1.0, rng);
        b.initialise(Eigen::MatrixXd::Zero(1, 1));
        b.applyUpdate(Eigen::MatrixXd::Constant(1, 1, -2 * b.pulseStep()), rng);
        QCOMPARE(b.pulseCount(), 4LL);
        QVERIFY(std::fabs(b.weights()(0, 0) + 0.04) < 1e-12);
    }
    void readNoiseSpread() {
        // Each read sees G (1 + sigma xi) per device: for one weight at unit input the
        // output spread is sigma * k * sqrt(G+^2 + G-^2), k = wMax / (Gmax - Gmin).
        auto syn = instantiateSynapse("neurosim_nl", {}, "ideal");
        SynapseRng rng(6);
        AnalogSpec s;
        s.readNoise.sigmaRead = 0.05;
        AnalogWeights a(1, 1, s, *syn, 1.0, rng);
        a.initialise(Eigen::MatrixXd::Constant(1, 1, 0.4));  // x+ = 0.7, x- = 0.3
        const Eigen::VectorXd one = Eigen::VectorXd::Ones(1);
        double m = 0, m2 = 0;
        const int n = 40000;  // relative standard error of the std: 0.35 %
        for (int k = 0; k < n; ++k) {
            const double y = a.multiply(one, rng)[0];
            m += y;
            m2 += y * y;
        }
        m /= n;
        const double sd = std::sqrt(m2 / n - m * m);
        const double gp = syn->conductance(0.7), gn = syn->conductance(0.3);
        const double expect = 0.05 * std::hypot(gp, gn) / (syn->gMax() - syn->gMin());
        QVERIFY2(std::fabs(sd / expect - 1) < 0.02, qPrintable(QString("%1 vs %2").arg(sd).arg(expect)));
        QVERIFY(std::fabs(m - 0.4) < 4 * expect / std::sqrt(double(n)));
    }
    void driftScalesConductance() {
        auto syn = instantiateSynapse("neurosim_nl", {}, "ideal");
        SynapseRng rng(5);
        AnalogSpec s;
        s.drift = {0.05, 0.0, 1.0};
        AnalogWeights a(4, 4, s, *syn, 1.0, rng);
        a.initialise(randomWeights(4, 4, 1.0, rng));
        const Eigen::MatrixXd g0 = a.conductances(0), w0 = a.weights();
        a.setTime(3600);
        const double f = driftFactor(3600, 0.05, 1.0);
        QVERIFY((a.conductances(0) - f * g0).cwiseAbs().maxCoeff() < 1e-18);
        QVERIFY((a.weights() - f * w0).cwiseAbs().maxCoeff() < 1e-12);  // uniform nu: pure gain
    }
};

QTEST_GUILESS_MAIN(TestAnnCrossbar)
#include "test_ann_crossbar.moc"
