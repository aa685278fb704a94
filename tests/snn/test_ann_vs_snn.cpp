// ANN vs SNN on one device (issue 16, the review's Table 6): the read energy
// of a 2 x 2 crossbar against the hand calculation V_read^2 G t_read, the
// converted SNN close to the ANN on the example, the energy ratio moving the
// right way along each sweep, and bad input refused at its JSON path.
#include <QtTest>

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "core/snn/experiments/AnnVsSnn.h"
#include "tests/snn/SnnTestSupport.h"

using namespace ms;
using snntest::CaptureSink;

namespace {

const char* kExample = "ann-vs-snn-table6.json";

// The 2 x 2 case: w = [[1, -0.5], [0, 0.25]] on G in [1 uS, 100 uS], read at 0.1 V for 10 ns.
snn::ReluMlp twoByTwo() {
    snn::ReluMlp m;
    Eigen::MatrixXd w(2, 2);
    w << 1, -0.5, 0, 0.25;
    m.weights.push_back(w);
    return m;
}
snn::CrossbarReadModel twoByTwoDevice() { return {1e-6, 1e-4, 0.1, 1e-8}; }

// Where validation puts the first problem of the example's experiment edited by `edit`.
template <class Edit>
std::string firstIssuePath(Edit edit) {
    Project p = snntest::load(kExample);
    edit(p.tree()["experiments"][0]);
    const auto issues = p.validate();
    return issues.empty() ? std::string() : issues.front().path;
}

}  // namespace

class TestAnnVsSnn : public QObject {
    Q_OBJECT

    CaptureSink example_;

private slots:
    void initTestCase() {
        example_ = snntest::run(snntest::load(kExample), "table6");
    }

    void readEnergyOfTwoByTwoMatchesHandCalculation() {
        const auto d = twoByTwoDevice();
        const auto cells = snn::mapToConductancePairs(twoByTwo(), d);
        // G+ = [[100, 1], [1, 25.75]] uS, G- = [[1, 50.5], [1, 1]] uS (span 99 uS, largest |w| = 1).
        QVERIFY(std::abs(cells[0].gPlus(1, 1) - 25.75e-6) < 1e-15);
        QVERIFY(std::abs(cells[0].gMinus(0, 1) - 50.5e-6) < 1e-15);
        const double perSiemens = 0.1 * 0.1 * 1e-8;  // V^2 t
        // ANN: every cell once, sum G = 181.25 uS; plus 2 neurons at 2 pJ.
        snn::NeuronCosts costs{2e-12, 0.1e-12};
        Dataset one;
        one.features = Eigen::MatrixXd(1, 2);
        one.features << 1, 0;
        one.labels = {0};
        one.classCount = 2;
        const auto ann = snn::measureAnn(twoByTwo(), cells, d, costs, one);
        QVERIFY(std::abs(ann.readEnergy - 181.25e-6 * perSiemens) < 1e-24);
        QCOMPARE(ann.neuronEnergy, 4e-12);
        QCOMPARE(ann.macs, 4.0);
        // One event of input 0 reads column 0 of both matrices: 103 uS; of input 1: 78.25 uS.
        QVERIFY(std::abs(cells[0].rowEnergy(0) - 103e-6 * perSiemens) < 1e-24);
        QVERIFY(std::abs(cells[0].rowEnergy(1) - 78.25e-6 * perSiemens) < 1e-24);
        // The crossbar realises the weights exactly.
        QVERIFY((snn::weightsFromConductances(cells, d).weights[0] - twoByTwo().weights[0]).cwiseAbs().maxCoeff() < 1e-12);
        // SNN: input 0 at one spike per step for 4 steps: 4 events of 2 synapses,
        // 4 row reads of input 0; output 0 fires every step and leads by 3 after step 3.
        snn::SnnWindow w;
        w.steps = 4;
        w.maxRate = 1000;
        w.dt = 1e-3;
        w.decisionMargin = 3;
        StopToken stop;
        const auto s = snn::measureConvertedSnn(twoByTwo(), cells, costs, one, w, stop);
        QCOMPARE(s.synapticEvents, 8.0);
        QVERIFY(std::abs(s.readEnergy - 4 * 103e-6 * perSiemens) < 1e-24);
        QVERIFY(std::abs(s.neuronEnergy - 2 * 4 * 0.1e-12) < 1e-24);
        QCOMPARE(s.accuracy, 1.0);
        QCOMPARE(s.decisionSteps, 3.0);
    }

    void convertedSnnIsCloseToTheAnnOnTheExample() {
        const double ann = example_.scalars.at("ann_accuracy"), snn = example_.scalars.at("snn_accuracy");
        QVERIFY2(ann > 0.9, qPrintable(QString::number(ann)));
        QVERIFY2(std::abs(ann - snn) < 0.04, qPrintable(QString("ANN %1, SNN %2").arg(ann).arg(snn)));
        // Table 6's rows carry the same numbers.
        const auto& t = example_.series.at("table6");
        QCOMPARE(t.rows(), std::size_t(6));
        QCOMPARE(t.at(0, "ann"), ann);
        QCOMPARE(t.at(0, "snn"), snn);
        QCOMPARE(t.at(5, "snn"), example_.scalars.at("energy_ratio_snn_over_ann"));
    }

    void stdpNetworkLearnsAndCostsMore() {
        // (c) Diehl & Cook on 300 digits: far above chance (10 %), below the
        // converted network, and dearer: 700 presentation steps of input spikes.
        const double acc = example_.scalars.at("stdp_accuracy");
        QVERIFY2(acc > 0.4 && acc < example_.scalars.at("snn_accuracy"), qPrintable(QString::number(acc)));
        QVERIFY(example_.scalars.at("stdp_energy_ratio_over_ann") > example_.scalars.at("energy_ratio_snn_over_ann"));
        QCOMPARE(example_.series.at("table6").at(0, "stdp"), acc);
    }

    void ratioMovesTheRightWayAlongEachSweep() {
        // More steps: more SNN energy, the ANN's unchanged, and the ratio crosses 1 between 1 and 50 steps.
        const auto& steps = example_.series.at("energy_ratio_vs_steps");
        QVERIFY(steps.rows() >= 5);
        for (std::size_t r = 1; r < steps.rows(); ++r) {
            QVERIFY(steps.at(r, "snn_energy") > steps.at(r - 1, "snn_energy"));
            QCOMPARE(steps.at(r, "ann_energy"), steps.at(0, "ann_energy"));
        }
        const double cross = example_.scalars.at("ratio_crosses_1_at_steps");
        QVERIFY2(cross > 1 && cross < 50, qPrintable(QString::number(cross)));
        // Within each window: a higher rate costs the SNN more; a sparser input less.
        for (const char* id : {"energy_ratio_vs_rate", "energy_ratio_vs_sparsity"}) {
            const auto& s = example_.series.at(id);
            const bool rising = std::string(id) == "energy_ratio_vs_rate";
            int pairs = 0;
            for (std::size_t r = 1; r < s.rows(); ++r) {
                if (s.at(r, "steps") != s.at(r - 1, "steps")) continue;
                ++pairs;
                QVERIFY2(rising ? s.at(r, "ratio") > s.at(r - 1, "ratio") : s.at(r, "ratio") < s.at(r - 1, "ratio"),
                         qPrintable(QString("%1 row %2").arg(id).arg(r)));
                if (!rising) QVERIFY(s.at(r, "sparsity") > s.at(r - 1, "sparsity"));
            }
            QVERIFY(pairs >= 8);
        }
    }

    void badInputIsRefusedAtItsPath() {
        QCOMPARE(firstIssuePath([](nlohmann::json&) {}), std::string());
        QCOMPARE(firstIssuePath([](nlohmann::json& e) { e["device"] = "no_such_device"; }),
                 std::string("experiments[0].device"));
        QCOMPARE(firstIssuePath([](nlohmann::json& e) { e["device"] = nlohmann::json{{"model", "no_such_model"}}; }),
                 std::string("experiments[0].device.model"));
        QCOMPARE(firstIssuePath([](nlohmann::json& e) { e["readVoltage"] = -0.1; }),
                 std::string("experiments[0].readVoltage"));
        QCOMPARE(firstIssuePath([](nlohmann::json& e) { e["steps"] = 0; }), std::string("experiments[0].steps"));
        QCOMPARE(firstIssuePath([](nlohmann::json& e) { e["maxRate"] = 5000; }), std::string("experiments[0].maxRate"));
        QCOMPARE(firstIssuePath([](nlohmann::json& e) { e["sweepExamples"] = 5000; }),
                 std::string("experiments[0].sweepExamples"));
    }
};

QTEST_MAIN(TestAnnVsSnn)
#include "test_ann_vs_snn.moc"
