// The nodal solver against ngspice on the exported netlists: floating, V/2,
// V/3 and grounded reads and MVMs with wire resistance, 4×4 to 32×32,
// rectangular arrays, 1T1R, 1S1R selectors and K_r-sinh cells. Every terminal
// current agrees to 1e-6 relative and every node voltage to 1e-8 of the drive voltage.
#include <QtTest>

#include <QTemporaryDir>

#include <cmath>
#include <random>

#include "tests/support/Ngspice.h"
#include "core/crossbar/BiasScheme.h"
#include "core/crossbar/SpiceExport.h"

using namespace ms;

namespace {

CrossbarSpec randomSpec(std::size_t M, std::size_t N, std::uint64_t seed, double rWire) {
    CrossbarSpec s = uniformCrossbar(M, N, 1e-5);
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> g(1e-6, 1e-4);
    for (auto& v : s.conductance) v = g(rng);
    s.rWireRow = rWire;
    s.rWireCol = 1.5 * rWire;
    return s;
}

std::vector<double> randomInputs(std::size_t M, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> x(0.0, 0.2);
    std::vector<double> v(M);
    for (auto& e : v) e = x(rng);
    return v;
}

}  // namespace

class TestCrossbarNgspice : public QObject {
    Q_OBJECT
private slots:
    void agreesWithNgspice_data() {
        QTest::addColumn<int>("which");
        const char* names[] = {"floating 4x4 1R",        "floating 16x16 1R",     "v2 8x8 1R",
                               "v3 32x32 1R",            "grounded 12x20 1R",     "mvm 32x32 1R",
                               "mvm 16x24 1R drv+sense", "v2 8x8 1S1R",           "mvm 16x16 1S1R",
                               "floating 8x8 Kr=20",     "v3 8x8 1T1R",           "floating 6x6 1S1R+Kr",
                               "floating 32x32 ideal lines", "v3 12x12 1S1R"};
        for (int k = 0; k < int(std::size(names)); ++k) QTest::newRow(names[k]) << k;
    }
    void agreesWithNgspice() {
        QFETCH(int, which);
        CrossbarSpec s;
        CrossbarDrive d;
        switch (which) {
            case 0: s = randomSpec(4, 4, 1, 2.0); s.rSense = 1e3; d = readDrive(s, BiasScheme::Floating, 1, 2, 0.5); break;
            case 1: s = randomSpec(16, 16, 2, 2.0); s.rSense = 1e4; s.rDriver = 10; d = readDrive(s, BiasScheme::Floating, 15, 15, 1.0); break;
            case 2: s = randomSpec(8, 8, 3, 5.0); s.rDriver = 20; d = readDrive(s, BiasScheme::HalfV, 7, 0, 1.0); break;
            case 3: s = randomSpec(32, 32, 4, 1.0); s.rDriver = 5; s.rSense = 100; d = readDrive(s, BiasScheme::ThirdV, 31, 31, 1.2); break;
            case 4: s = randomSpec(12, 20, 5, 3.0); s.rDriver = 5; d = readDrive(s, BiasScheme::Grounded, 6, 13, 0.3); break;
            case 5: s = randomSpec(32, 32, 6, 1.0); d = mvmDrive(s, randomInputs(32, 60)); break;
            case 6: s = randomSpec(16, 24, 7, 2.0); s.rDriver = 50; s.rSense = 20; d = mvmDrive(s, randomInputs(16, 70)); break;
            case 7: s = randomSpec(8, 8, 8, 5.0); s.cellType = CellType::OneS1R; s.selector = {1e-7, 0.08};
                    d = readDrive(s, BiasScheme::HalfV, 3, 4, 1.5); break;
            case 8: s = randomSpec(16, 16, 9, 2.0); s.cellType = CellType::OneS1R; s.selector = {1e-6, 0.1};
                    d = mvmDrive(s, randomInputs(16, 90)); break;
            case 9: s = randomSpec(8, 8, 10, 2.0); s.nonlinearity = {20.0, 1.0}; s.rSense = 1e4;
                    d = readDrive(s, BiasScheme::Floating, 7, 7, 1.0); break;
            case 10: s = randomSpec(8, 8, 11, 2.0); s.cellType = CellType::OneT1R; s.transistor = {5e3, 1e10};
                     s.rDriver = 10; d = readDrive(s, BiasScheme::ThirdV, 2, 5, 1.0); break;
            case 11: s = randomSpec(6, 6, 12, 4.0); s.cellType = CellType::OneS1R; s.nonlinearity = {5.0, 1.0};
                     s.rSense = 1e3; d = readDrive(s, BiasScheme::Floating, 0, 5, 1.0); break;
            case 12: s = randomSpec(32, 32, 13, 0.0); s.rSense = 1e4; d = readDrive(s, BiasScheme::Floating, 10, 20, 1.0); break;
            case 13: s = randomSpec(12, 12, 14, 3.0); s.cellType = CellType::OneS1R; s.selector = {1e-8, 0.05};
                     s.rDriver = 10; d = readDrive(s, BiasScheme::ThirdV, 11, 0, 1.8); break;
        }
        CrossbarSolver solver(s, d);
        const auto sol = solver.solve(d);
        SpiceExportOptions o;
        o.printAll = true;
        QTemporaryDir dir;
        mstest::NgspiceOutput out;
        std::string err;
        if (!mstest::runNgspice(crossbarNetlist(s, d, o), dir.path(), out, err)) QFAIL(err.c_str());
        std::map<std::string, double>& ng = out.op;

        double iMax = 0.0;
        for (double c : sol.rowCurrent) iMax = std::max(iMax, std::fabs(c));
        for (double c : sol.colCurrent) iMax = std::max(iMax, std::fabs(c));
        double worstRel = 0.0;
        int compared = 0;
        auto checkCurrent = [&](const std::string& key, double ours, double sign) {
            const auto it = ng.find(key);
            QVERIFY2(it != ng.end(), qPrintable(QString::fromStdString("ngspice did not report " + key)));
            const double ref = sign * it->second;
            const double tol = 1e-6 * std::max(std::fabs(ref), 1e-6 * iMax);
            if (std::fabs(ref) > 1e-6 * iMax) worstRel = std::max(worstRel, std::fabs(ours - ref) / std::fabs(ref));
            QVERIFY2(std::fabs(ours - ref) <= tol,
                     qPrintable(QString("%1: ours %2, ngspice %3").arg(QString::fromStdString(key)).arg(ours, 0, 'g', 12).arg(ref, 0, 'g', 12)));
            ++compared;
        };
        for (std::size_t i = 0; i < s.rows; ++i)
            if (d.rows[i].connected) checkCurrent("vr" + std::to_string(i) + "#branch", sol.rowCurrent[i], -1.0);
        for (std::size_t j = 0; j < s.cols; ++j)
            if (d.cols[j].connected) checkCurrent("vc" + std::to_string(j) + "#branch", sol.colCurrent[j], 1.0);
        double vMax = 0.0;
        for (const auto& t : d.rows) vMax = std::max(vMax, std::fabs(t.voltage));
        double worstV = 0.0;
        for (std::size_t i = 0; i < s.rows; ++i)
            for (std::size_t j = 0; j < s.cols; ++j) {
                const std::string rk = "r" + std::to_string(i) + "_" + std::to_string(s.rWireRow == 0 ? 0 : j);
                const std::string ck = "c" + std::to_string(s.rWireCol == 0 ? s.rows - 1 : i) + "_" + std::to_string(j);
                if (ng.count(rk)) worstV = std::max(worstV, std::fabs(ng[rk] - sol.rowV(long(i), long(j))));
                if (ng.count(ck)) worstV = std::max(worstV, std::fabs(ng[ck] - sol.colV(long(i), long(j))));
            }
        qInfo("%zux%zu %s: %d terminal currents, worst relative difference %.2e; worst node voltage %.2e V; Newton %d",
              s.rows, s.cols, toString(s.cellType), compared, worstRel, worstV, sol.newtonIterations);
        QVERIFY(compared > 0);
        QVERIFY(worstV <= 1e-8 * vMax);
    }
};

QTEST_APPLESS_MAIN(TestCrossbarNgspice)
#include "test_crossbar_ngspice.moc"
