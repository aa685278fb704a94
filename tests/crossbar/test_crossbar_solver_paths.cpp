// The fast solver paths against independent references: the batched column
// currents (sparse right-hand side, KCL at the column terminals, transposed
// multi-vector solve on two threads) against the full per-vector solve, and
// both against a dense LDLT of the nodal matrix built here from the circuit
// (Kirchhoff's current law at every node, A. Chen, IEEE TED 60(4) 2013).
// Random arrays with wire resistance, square and non-square, ideal and
// resistive terminals, floating columns and zero-volt rows.
#include <QtTest>

#include <cmath>
#include <random>

#include "core/crossbar/CrossbarSolver.h"

using namespace ms;

namespace {

struct Case {
    CrossbarSpec spec;
    CrossbarDrive drive;
};

Case randomCase(std::size_t M, std::size_t N, std::uint64_t seed, bool resistiveTerminals, bool floatingColumns) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> g(1e-6, 1e-4), r(0.5, 5.0), rt(10.0, 200.0), v(-0.3, 0.3);
    Case c;
    c.spec = uniformCrossbar(M, N, 1e-5);
    for (auto& x : c.spec.conductance) x = g(rng);
    c.spec.rWireRow = r(rng);
    c.spec.rWireCol = r(rng);
    c.drive.rows.resize(M);
    c.drive.cols.resize(N);
    for (std::size_t i = 0; i < M; ++i)
        c.drive.rows[i] = {true, resistiveTerminals && i % 2 == 1 ? rt(rng) : 0.0, i % 5 == 3 ? 0.0 : v(rng)};
    for (std::size_t j = 0; j < N; ++j) {
        const bool connected = !(floatingColumns && j % 4 == 2);
        c.drive.cols[j] = {connected, resistiveTerminals && j % 3 == 0 ? rt(rng) : 0.0, j % 2 ? v(rng) : 0.0};
    }
    return c;
}

// Dense nodal analysis of the same circuit, ideal-source nodes eliminated.
// Returns the column-terminal currents (line -> terminal; 0 if floating).
std::vector<double> denseColumnCurrents(const Case& c, const std::vector<double>& rowV) {
    const auto& s = c.spec;
    const std::size_t M = s.rows, N = s.cols, P = 2 * M * N;
    auto row = [&](std::size_t i, std::size_t j) { return i * N + j; };
    auto col = [&](std::size_t i, std::size_t j) { return M * N + i * N + j; };
    Eigen::MatrixXd A = Eigen::MatrixXd::Zero(Eigen::Index(P), Eigen::Index(P));
    Eigen::VectorXd b = Eigen::VectorXd::Zero(Eigen::Index(P));
    std::vector<double> fixedV(P, std::nan(""));
    auto stamp = [&](std::size_t p, std::size_t q, double g) {
        A(Eigen::Index(p), Eigen::Index(p)) += g;
        A(Eigen::Index(q), Eigen::Index(q)) += g;
        A(Eigen::Index(p), Eigen::Index(q)) -= g;
        A(Eigen::Index(q), Eigen::Index(p)) -= g;
    };
    for (std::size_t i = 0; i < M; ++i)
        for (std::size_t j = 0; j < N; ++j) {
            stamp(row(i, j), col(i, j), s.g(i, j));
            if (j + 1 < N) stamp(row(i, j), row(i, j + 1), 1.0 / s.rWireRow);
            if (i + 1 < M) stamp(col(i, j), col(i + 1, j), 1.0 / s.rWireCol);
        }
    auto terminal = [&](std::size_t node, const LineTerminal& t, double volts) {
        if (!t.connected) return;
        if (t.resistance == 0) {
            fixedV[node] = volts;
        } else {
            A(Eigen::Index(node), Eigen::Index(node)) += 1.0 / t.resistance;
            b[Eigen::Index(node)] += volts / t.resistance;
        }
    };
    for (std::size_t i = 0; i < M; ++i) terminal(row(i, 0), c.drive.rows[i], rowV[i]);
    for (std::size_t j = 0; j < N; ++j) terminal(col(M - 1, j), c.drive.cols[j], c.drive.cols[j].voltage);
    std::vector<Eigen::Index> freeIdx;
    for (std::size_t k = 0; k < P; ++k)
        if (std::isnan(fixedV[k])) freeIdx.push_back(Eigen::Index(k));
    const auto F = Eigen::Index(freeIdx.size());
    Eigen::MatrixXd Aff(F, F);
    Eigen::VectorXd bf(F);
    for (Eigen::Index a = 0; a < F; ++a) {
        bf[a] = b[freeIdx[std::size_t(a)]];
        for (std::size_t k = 0; k < P; ++k)
            if (!std::isnan(fixedV[k])) bf[a] -= A(freeIdx[std::size_t(a)], Eigen::Index(k)) * fixedV[k];
        for (Eigen::Index q = 0; q < F; ++q) Aff(a, q) = A(freeIdx[std::size_t(a)], freeIdx[std::size_t(q)]);
    }
    const Eigen::VectorXd xf = Aff.ldlt().solve(bf);
    std::vector<double> x = fixedV;
    for (Eigen::Index a = 0; a < F; ++a) x[std::size_t(freeIdx[std::size_t(a)])] = xf[a];
    std::vector<double> out(N, 0.0);
    for (std::size_t j = 0; j < N; ++j) {
        if (!c.drive.cols[j].connected) continue;
        for (std::size_t i = 0; i < M; ++i) out[j] += s.g(i, j) * (x[row(i, j)] - x[col(i, j)]);
    }
    return out;
}

double relDiff(double a, double b, double scale) { return std::fabs(a - b) / std::max(std::fabs(b), scale); }

}  // namespace

class TestCrossbarSolverPaths : public QObject {
    Q_OBJECT
private slots:
    // Batched column currents and single solves equal a dense LDLT to 1e-10.
    void matchesDenseLdlt() {
        struct Size { std::size_t m, n; bool resistive, floating; };
        const Size sizes[] = {{1, 6, false, false}, {6, 1, true, false}, {5, 7, true, true},
                              {16, 16, false, false}, {9, 23, true, true}, {21, 11, false, true}};
        std::uint64_t seed = 10;
        double worst = 0.0;
        for (const auto& sz : sizes) {
            const auto c = randomCase(sz.m, sz.n, ++seed, sz.resistive, sz.floating);
            CrossbarSolver solver(c.spec, c.drive);
            std::mt19937_64 rng(seed + 100);
            std::uniform_real_distribution<double> v(-0.2, 0.2);
            const Eigen::Index K = 9;
            Eigen::MatrixXd X(Eigen::Index(sz.m), K);
            for (Eigen::Index k = 0; k < K; ++k)
                for (Eigen::Index i = 0; i < X.rows(); ++i) X(i, k) = k == 0 ? 0.0 : v(rng);
            std::vector<double> colV(sz.n);
            for (std::size_t j = 0; j < sz.n; ++j) colV[j] = c.drive.cols[j].voltage;
            const Eigen::MatrixXd I = solver.columnCurrents(X, colV);
            for (Eigen::Index k = 0; k < K; ++k) {
                std::vector<double> xk(X.col(k).data(), X.col(k).data() + X.rows());
                const auto ref = denseColumnCurrents(c, xk);
                const auto sol = solver.solve(xk, colV);
                double scale = 0.0;
                for (double r : ref) scale = std::max(scale, std::fabs(r));
                scale = std::max(scale * 1e-6, 1e-30);  // columns that carry (almost) nothing
                for (std::size_t j = 0; j < sz.n; ++j) {
                    const double a = relDiff(I(Eigen::Index(j), k), ref[j], scale);
                    const double b = relDiff(sol.colCurrent[j], ref[j], scale);
                    worst = std::max({worst, a, b});
                    QVERIFY2(a <= 1e-10 && b <= 1e-10,
                             qPrintable(QString("%1x%2 vector %3 column %4: batched %5, solve %6, dense %7")
                                            .arg(sz.m).arg(sz.n).arg(k).arg(j)
                                            .arg(I(Eigen::Index(j), k), 0, 'g', 17)
                                            .arg(sol.colCurrent[j], 0, 'g', 17).arg(ref[j], 0, 'g', 17)));
                }
            }
        }
        qInfo("worst relative difference to the dense LDLT: %.2e", worst);
    }
    // Larger arrays (two-thread batch, several dissection levels): the batched
    // path equals the per-vector full solve, and the transfer matrix both.
    void batchedEqualsFullSolve() {
        struct Size { std::size_t m, n; bool resistive, floating; };
        const Size sizes[] = {{64, 64, false, false}, {40, 100, true, true}, {97, 33, false, true}};
        std::uint64_t seed = 50;
        double worst = 0.0;
        for (const auto& sz : sizes) {
            auto c = randomCase(sz.m, sz.n, ++seed, sz.resistive, sz.floating);
            for (auto& t : c.drive.cols) t.voltage = 0.0;  // transferMatrix() holds columns at 0 V
            CrossbarSolver solver(c.spec, c.drive);
            std::mt19937_64 rng(seed + 100);
            std::uniform_real_distribution<double> v(0.0, 0.2);
            const Eigen::Index K = 12;
            Eigen::MatrixXd X(Eigen::Index(sz.m), K);
            for (Eigen::Index k = 0; k < K; ++k)
                for (Eigen::Index i = 0; i < X.rows(); ++i) X(i, k) = v(rng);
            const std::vector<double> zero(sz.n, 0.0);
            const Eigen::MatrixXd I = solver.columnCurrents(X, zero);
            const Eigen::MatrixXd viaT = solver.transferMatrix() * X;
            for (Eigen::Index k = 0; k < K; ++k) {
                std::vector<double> xk(X.col(k).data(), X.col(k).data() + X.rows());
                const auto sol = solver.solve(xk, zero);
                double scale = 0.0;
                for (double r : sol.colCurrent) scale = std::max(scale, std::fabs(r));
                scale *= 1e-6;
                for (std::size_t j = 0; j < sz.n; ++j) {
                    const double a = relDiff(I(Eigen::Index(j), k), sol.colCurrent[j], scale);
                    const double b = relDiff(viaT(Eigen::Index(j), k), sol.colCurrent[j], scale);
                    worst = std::max({worst, a, b});
                    QVERIFY(a <= 1e-10 && b <= 1e-10);
                }
            }
        }
        qInfo("worst relative difference batched/transfer vs full solve: %.2e", worst);
    }
};

QTEST_APPLESS_MAIN(TestCrossbarSolverPaths)
#include "test_crossbar_solver_paths.moc"
