// IR drop through the exact crossbar solver in the ANN engine (IrDropMvm):
// ideal wires give the ideal product, wire resistance costs accuracy, and the
// peripheral gain trim buys part of it back.
#include <QtTest>

#include "core/ann/AnalogWeights.h"
#include "core/ann/IrDropMvm.h"
#include "core/common/Errors.h"
#include "AnnTestSupport.h"

using namespace ms;

namespace {

Eigen::MatrixXd randomWeights(int out, int in, SynapseRng& rng) {
    Eigen::MatrixXd w(out, in);
    for (Eigen::Index k = 0; k < w.size(); ++k) w.data()[k] = 2 * rng.uniform() - 1;
    return w;
}

Eigen::MatrixXd randomConductances(int rows, int cols, double gMin, double gMax, unsigned seed) {
    SynapseRng rng(seed);
    Eigen::MatrixXd g(rows, cols);
    for (Eigen::Index k = 0; k < g.size(); ++k) g.data()[k] = gMin + (gMax - gMin) * rng.uniform();
    return g;
}

// Ex situ 64-32-10 on ideal linear devices of 1 kOhm .. 100 kOhm (PytorX uses
// Gmax = 1/3 kOhm; large currents make IR drop matter), evaluated with the given wires.
AnnRunSpec irDropBase(double rWire, bool compensate) {
    AnnRunSpec s;
    s.training.mode = TrainingMode::ExSitu;
    s.training.epochs = 10;
    s.analog.synapsePreset = "ideal";
    s.analog.synapseParams = {{"Gmax", 1e-3}, {"onOff", 100}};
    s.analog.tileRows = s.analog.tileCols = 128;
    s.analog.irDrop.enabled = rWire >= 0;
    s.analog.irDrop.rWireRow = s.analog.irDrop.rWireCol = std::max(0.0, rWire);
    s.analog.irDrop.compensation = compensate;
    return s;
}

// Output errors y - W x of programmed weights over random inputs in [-1, 1] (bipolar
// reads; zero-mean inputs make the error spread a mean over all weights' errors).
struct ErrorStats {
    double mean = 0, std = 0;
};
ErrorStats outputErrors(const AnalogWeights& a, const Eigen::MatrixXd& target, int samples, std::uint64_t seed) {
    SynapseRng rng(seed);
    double m = 0, m2 = 0;
    long n = 0;
    Eigen::VectorXd x(a.inputs());
    for (int k = 0; k < samples; ++k) {
        for (int i = 0; i < x.size(); ++i) x[i] = 2 * rng.uniform() - 1;
        const Eigen::VectorXd e = a.multiply(x, rng) - target * x;
        m += e.sum();
        m2 += e.squaredNorm();
        n += e.size();
    }
    m /= n;
    return {m, std::sqrt(m2 / n - m * m)};
}

// Ex situ open-loop programming of random weights on a linear 100-level device with
// cycle-to-cycle variation (each device's error independent of the others').
std::unique_ptr<PulseSynapse> variableDevice() {
    return instantiateSynapse("neurosim_nl", {{"NL_LTP", 0}, {"NL_LTD", 0}, {"levelsLTP", 100}, {"levelsLTD", 100}, {"c2c", 0.01}});
}

// Device-to-device variation alone: every device's step is dw (1 + 0.1 xi) for its whole
// life (aihwkit dw_min_dtod), no cycle-to-cycle noise, exact bounds. Open-loop programming
// to x = n dw then misses by x * 0.1 xi: unbiased and independent between devices.
std::unique_ptr<PulseSynapse> deviceToDeviceVariation() {
    return instantiateSynapse("constant_step", {{"dwMin", 0.01}, {"dwMinStd", 0}, {"dwMinDtod", 0.1}, {"upDown", 0},
                                                 {"upDownDtod", 0}, {"boundsDtod", 0}});
}

}  // namespace

class TestAnnIrDrop : public QObject {
    Q_OBJECT
private slots:
    void zeroWireResistanceIsTheIdealProduct() {
        const Eigen::MatrixXd g = randomConductances(20, 12, 1e-6, 1e-4, 3);
        SynapseRng rng(4);
        Eigen::VectorXd v(20);
        for (int i = 0; i < 20; ++i) v[i] = 0.2 * rng.uniform();
        const Eigen::VectorXd ideal = g.transpose() * v;
        IrDropSpec spec;
        spec.rWireRow = spec.rWireCol = 0.0;
        IrDropMvm zero(spec);
        QVERIFY((zero.columnCurrents(g, v) - ideal).norm() <= 1e-15 * ideal.norm());
        // Through the nodal solver: 1 micro-ohm wires differ from the ideal product
        // by about N^2 r G / 2 ~ 2e-8 (relative).
        spec.rWireRow = spec.rWireCol = 1e-6;
        IrDropMvm tiny(spec);
        const Eigen::VectorXd i = tiny.columnCurrents(g, v);
        QCOMPARE(tiny.exactSolves(), 1LL);
        QVERIFY2((i - ideal).norm() <= 1e-6 * ideal.norm(), qPrintable(QString::number((i - ideal).norm() / ideal.norm())));
        // Real wires: every column current is smaller (each cell sees less than V).
        spec.rWireRow = spec.rWireCol = 2.0;
        IrDropMvm wires(spec);
        const Eigen::VectorXd w = wires.columnCurrents(g, v);
        for (int j = 0; j < 12; ++j) QVERIFY(w[j] < ideal[j]);
    }
    void factorizationReusedWhileConductancesStay() {
        IrDropSpec spec;
        spec.rWireRow = spec.rWireCol = 1.0;
        spec.refreshCalls = 3;
        IrDropMvm m(spec);
        Eigen::MatrixXd g = randomConductances(16, 8, 1e-6, 1e-4, 5);
        const Eigen::VectorXd v = Eigen::VectorXd::Constant(16, 0.1);
        const Eigen::VectorXd exact = m.tileColumnCurrents(0, g, v);
        for (int k = 0; k < 5; ++k) QVERIFY(m.tileColumnCurrents(0, g, v) == exact);
        QCOMPARE(m.exactSolves(), 1LL);
        // Small changes: first order in dG until refreshCalls, then an exact solve.
        g(3, 2) *= 1.01;
        const Eigen::VectorXd firstOrder = m.tileColumnCurrents(0, g, v);
        QCOMPARE(m.exactSolves(), 1LL);
        const Eigen::VectorXd truth = m.columnCurrents(g, v);
        QVERIFY((firstOrder - truth).norm() < 1e-3 * truth.norm());
        m.refreshAll();
        const long long before = m.exactSolves();
        QVERIFY((m.tileColumnCurrents(0, g, v) - truth).norm() <= 1e-12 * truth.norm());
        QCOMPARE(m.exactSolves(), before + 1);
    }
    void wireResistanceCostsAccuracyCompensationRecovers() {
        const auto ideal = anntest::run(irDropBase(-1, false));
        const auto zero = anntest::run(irDropBase(0.0, false));
        QVERIFY(std::fabs(zero.testAccuracy - ideal.testAccuracy) <= 1.0 / 539);  // same devices; rounding may flip one sample
        std::vector<double> acc;
        for (double r : {0.2, 2.0, 10.0}) acc.push_back(anntest::run(irDropBase(r, false)).testAccuracy);
        const double comp = anntest::run(irDropBase(10.0, true)).testAccuracy;
        qInfo("IR drop, 64-32-10 ex situ, 1-100 kOhm cells: ideal %.1f %%, r = 0.2/2/10 ohm: %.1f / %.1f / %.1f %%, "
              "10 ohm with column gain trim %.1f %%", 100 * ideal.testAccuracy, 100 * acc[0], 100 * acc[1], 100 * acc[2],
              100 * comp);
        QVERIFY(acc[0] <= ideal.testAccuracy + 0.005);
        QVERIFY(acc[1] <= acc[0] + 0.005);
        QVERIFY(acc[2] <= acc[1] + 0.005);
        QVERIFY(acc[2] < ideal.testAccuracy - 0.05);  // r G = 0.01 on 65 rows: a real loss
        QVERIFY(comp > acc[2] + 0.05);               // the trim recovers part of it
        QVERIFY(comp <= ideal.testAccuracy + 0.005);
    }
    void inSituTrainingThroughTheSolver() {
        AnnRunSpec s;
        s.network.layerSizes = {64, 10};
        s.training.mode = TrainingMode::InSitu;
        s.training.epochs = 2;
        s.analog.synapsePreset = "ideal";
        s.analog.synapseParams = {{"Gmax", 1e-5}, {"onOff", 100}};
        s.analog.irDrop.enabled = true;
        s.analog.irDrop.rWireRow = s.analog.irDrop.rWireCol = 1.0;
        const auto r = anntest::run(s);
        QVERIFY2(r.testAccuracy > 0.85, qPrintable(QString::number(r.testAccuracy)));
    }
    void redundantNoisyTilesThroughTheSolverAgreeWithIdealWires() {
        // Three devices per weight (each its own tile row) with read noise: through the
        // exact solver with 1 micro-ohm wires the output errors have the statistics of
        // the ideal-wire path, and so does the per-read noise of repeated reads.
        auto syn = variableDevice();
        AnalogSpec s;
        s.devicesPerWeight = 3;
        s.readNoise.sigmaRead = 0.05;
        s.tileRows = s.tileCols = 64;  // 21 inputs per tile: 40 inputs on 2 tile rows
        s.irDrop.rWireRow = s.irDrop.rWireCol = 1e-6;
        SynapseRng init(21);
        const Eigen::MatrixXd target = randomWeights(16, 40, init);
        auto build = [&](bool ir) {
            SynapseRng rng(22);
            auto a = std::make_unique<AnalogWeights>(16, 40, s, *syn, 1.0, rng);
            a->program(target, rng);
            if (ir) a->setMvm(std::make_shared<IrDropMvm>(s.irDrop));
            return a;
        };
        const auto ideal = build(false), exact = build(true);
        QCOMPARE(exact->tileGridRows(), 2);
        const ErrorStats ei = outputErrors(*ideal, target, 400, 23), ee = outputErrors(*exact, target, 400, 24);
        qInfo("3 devices/weight, read noise 5 %%: output error mean/std ideal wires %.4f / %.4f, exact solver %.4f / %.4f",
              ei.mean, ei.std, ee.mean, ee.std);
        QVERIFY(std::fabs(ee.mean - ei.mean) < 0.05 * ei.std);
        QVERIFY(std::fabs(ee.std / ei.std - 1) < 0.05);
        // Read noise alone: the same input read 3000 times.
        auto spread = [](const AnalogWeights& a, std::uint64_t seed) {
            SynapseRng rng(seed);
            const Eigen::VectorXd x = Eigen::VectorXd::Constant(40, 0.7);
            double m = 0, m2 = 0;
            for (int k = 0; k < 3000; ++k) {
                const double y = a.multiply(x, rng)[5];
                m += y;
                m2 += y * y;
            }
            m /= 3000;
            return std::sqrt(m2 / 3000 - m * m);
        };
        const double si = spread(*ideal, 25), se = spread(*exact, 26);
        qInfo("read-noise spread of one output: ideal wires %.5f, exact solver %.5f", si, se);
        QVERIFY(si > 0.005);
        QVERIFY(std::fabs(se / si - 1) < 0.06);  // 3000 reads: std known to 1.3 %
    }
    void redundancyCutsVariationErrorAsOneOverRootK() {
        // k independent devices per weight average their programming errors: the output
        // error std falls as 1/sqrt(k) (through the exact solver, 1 micro-ohm wires).
        // Weights within +-0.8 of the swing keep the devices off their bounds.
        auto syn = deviceToDeviceVariation();
        SynapseRng init(31);
        const Eigen::MatrixXd target = 0.8 * randomWeights(20, 40, init);
        std::vector<double> sd;
        for (int k : {1, 4, 16}) {
            AnalogSpec s;
            s.devicesPerWeight = k;
            s.tileRows = s.tileCols = 128;
            s.irDrop.rWireRow = s.irDrop.rWireCol = 1e-6;
            SynapseRng rng(32);
            AnalogWeights a(20, 40, s, *syn, 1.0, rng);
            a.program(target, rng);
            auto mvm = std::make_shared<IrDropMvm>(s.irDrop);
            a.setMvm(mvm);
            sd.push_back(outputErrors(a, target, 200, 33).std);
            QVERIFY(mvm->exactSolves() >= a.tileCount());
        }
        qInfo("output error std with 1 / 4 / 16 devices per weight: %.4f / %.4f / %.4f (ratios %.3f, %.3f; 1/sqrt(k): 0.5, 0.25)",
              sd[0], sd[1], sd[2], sd[1] / sd[0], sd[2] / sd[0]);
        QVERIFY(std::fabs(sd[1] / sd[0] - 0.5) < 0.08);
        QVERIFY(std::fabs(sd[2] / sd[0] - 0.25) < 0.05);
    }
    void badWiresRejected() {
        IrDropSpec spec;
        spec.rWireRow = -1;
        QVERIFY_THROWS_EXCEPTION(InputError, IrDropMvm{spec});
    }
};

QTEST_GUILESS_MAIN(TestAnnIrDrop)
#include "test_ann_irdrop.moc"
