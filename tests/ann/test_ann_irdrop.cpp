// IR drop through the exact crossbar solver in the ANN engine (IrDropMvm):
// ideal wires give the ideal product, wire resistance costs accuracy, and the
// peripheral gain trim buys part of it back.
#include <QtTest>

#include "core/ann/IrDropMvm.h"
#include "core/common/Errors.h"
#include "AnnTestSupport.h"

using namespace ms;

namespace {

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
    void badWiresRejected() {
        IrDropSpec spec;
        spec.rWireRow = -1;
        QVERIFY_THROWS_EXCEPTION(InputError, IrDropMvm{spec});
    }
};

QTEST_GUILESS_MAIN(TestAnnIrDrop)
#include "test_ann_irdrop.moc"
