// Bad input is refused with a message naming what is wrong and where, before
// any work (no factorization, no large allocation).
#include <QtTest>

#include "core/common/Errors.h"
#include "core/crossbar/CrossbarAnalysis.h"
#include "core/crossbar/SpiceExport.h"

using namespace ms;

namespace {

// Runs f, expects InputError whose text contains every fragment.
template <typename F>
void expectInputError(F f, std::initializer_list<const char*> fragments) {
    try {
        f();
    } catch (const InputError& e) {
        const std::string what = e.what();
        for (const char* frag : fragments)
            QVERIFY2(what.find(frag) != std::string::npos, qPrintable(QString("'%1' lacks '%2'").arg(what.c_str(), frag)));
        return;
    } catch (const std::exception& e) {
        QFAIL(qPrintable(QString("wrong exception: %1").arg(e.what())));
    }
    QFAIL("no InputError");
}

CrossbarDrive mvm(const CrossbarSpec& s) { return mvmDrive(s, std::vector<double>(s.rows, 0.1)); }

}  // namespace

class TestCrossbarInputs : public QObject {
    Q_OBJECT
private slots:
    void nonPositiveResistances() {
        auto s = uniformCrossbar(4, 4, 1e-5);
        s.g(2, 3) = 0.0;
        expectInputError([&] { CrossbarSolver(s, mvm(s)); }, {"conductance[2][3]", "positive"});
        s.g(2, 3) = -1e-5;
        expectInputError([&] { CrossbarSolver(s, mvm(s)); }, {"conductance[2][3]"});
        s = uniformCrossbar(4, 4, 1e-5);
        s.rWireCol = -1.0;
        expectInputError([&] { CrossbarSolver(s, mvm(s)); }, {"rWireCol", "-1 ohm"});
        s = uniformCrossbar(4, 4, 1e-5);
        s.rDriver = -5;
        expectInputError([&] { CrossbarSolver(s, mvm(s)); }, {"rDriver"});
        s = uniformCrossbar(4, 4, 1e-5);
        s.cellType = CellType::OneT1R;
        s.transistor.rOn = 0.0;
        expectInputError([&] { CrossbarSolver(s, mvm(s)); }, {"transistor.rOn", "positive"});
        s = uniformCrossbar(4, 4, 1e-5);
        auto d = mvm(s);
        d.rows[1].resistance = -2.0;
        expectInputError([&] { CrossbarSolver(s, d); }, {"rows[1].resistance"});
        s.nonlinearity.kr = 1.5;
        expectInputError([&] { CrossbarSolver(s, mvm(s)); }, {"nonlinearity.kr", "at least 2"});
    }
    void mismatchedDimensions() {
        auto s = uniformCrossbar(4, 6, 1e-5);
        s.conductance.pop_back();
        expectInputError([&] { CrossbarSolver(s, mvm(uniformCrossbar(4, 6, 1e-5))); }, {"conductance", "23 values", "4×6"});
        s = uniformCrossbar(4, 6, 1e-5);
        auto d = mvm(s);
        d.cols.resize(5);
        expectInputError([&] { CrossbarSolver(s, d); }, {"drive.cols", "5 column terminals", "6 columns"});
        expectInputError([&] { mvmDrive(s, {0.1, 0.2}); }, {"inputs", "2 values", "4 rows"});
        expectInputError([&] { readDrive(s, BiasScheme::HalfV, 4, 0, 1.0); }, {"cell (4, 0)", "outside"});
        expectInputError([&] { CrossbarSolver(uniformCrossbar(0, 3, 1e-5), CrossbarDrive{}); }, {"size", "0×3"});
        expectInputError([&] { biasSchemeFromString("v4", "experiments[0].scheme"); }, {"experiments[0].scheme", "v4"});
        expectInputError([&] { cellTypeFromString("2T2R", "crossbars[0].cellType"); }, {"2T2R", "1S1R"});
    }
    void allFloatingIsSingular() {
        const auto s = uniformCrossbar(4, 4, 1e-5);
        CrossbarDrive d;
        d.rows.assign(4, {});
        d.cols.assign(4, {});
        expectInputError([&] { CrossbarSolver(s, d); }, {"floating", "singular"});
        expectInputError([&] { crossbarNetlist(s, d); }, {"floating"});
    }
    // 200000×200000 would need far more than any machine has: refused from the
    // size alone, before the (absent) conductance map is even looked at.
    void memoryBeyondMachine() {
        CrossbarSpec s;
        s.rows = s.cols = 200000;
        QVERIFY(crossbarMemoryEstimate(s) > availableMemoryBytes());
        CrossbarDrive d;
        expectInputError([&] { CrossbarSolver(s, d); }, {"200000×200000", "GiB", "MemAvailable"});
        // A small array passes the check.
        QVERIFY(crossbarMemoryEstimate(uniformCrossbar(64, 64, 1e-5)) < 1e8);
    }
};

QTEST_APPLESS_MAIN(TestCrossbarInputs)
#include "test_crossbar_inputs.moc"
