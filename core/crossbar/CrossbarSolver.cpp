#include "core/crossbar/CrossbarSolver.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>

#include <Eigen/OrderingMethods>
#include <Eigen/SparseCholesky>

#include "core/common/Errors.h"
#include "core/common/ParamSpec.h"
#include "core/crossbar/CellLaw.h"
#include "core/crossbar/NestedDissection.h"
#include "core/crossbar/SupernodalCholesky.h"

namespace ms {

using SpMat = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;
using LltAmd = Eigen::SimplicialLDLT<SpMat, Eigen::Lower, Eigen::AMDOrdering<int>>;

void validateDrive(const CrossbarSpec& spec, const CrossbarDrive& d, const std::string& path) {
    if (d.rows.size() != spec.rows)
        throw InputError(path + ".rows", "has " + std::to_string(d.rows.size()) + " row terminals but the array has " +
                                             std::to_string(spec.rows) + " rows");
    if (d.cols.size() != spec.cols)
        throw InputError(path + ".cols", "has " + std::to_string(d.cols.size()) +
                                             " column terminals but the array has " + std::to_string(spec.cols) +
                                             " columns");
    if (!d.gateOn.empty() && d.gateOn.size() != spec.rows)
        throw InputError(path + ".gateOn", "has " + std::to_string(d.gateOn.size()) + " gates but the array has " +
                                               std::to_string(spec.rows) + " rows");
    bool any = false;
    auto check = [&](const std::vector<LineTerminal>& ts, const char* what) {
        for (std::size_t k = 0; k < ts.size(); ++k) {
            const auto& t = ts[k];
            const std::string p = path + "." + what + "[" + std::to_string(k) + "]";
            if (!t.connected) continue;
            any = true;
            if (!std::isfinite(t.resistance) || t.resistance < 0)
                throw InputError(p + ".resistance", formatWithUnit(t.resistance, "ohm") +
                                                        ": terminal resistance must be zero or positive and finite");
            if (!std::isfinite(t.voltage)) throw InputError(p + ".voltage", "terminal voltage must be finite");
        }
    };
    check(d.rows, "rows");
    check(d.cols, "cols");
    if (!any)
        throw InputError(path, "all lines are floating: no row or column terminal is connected, so no node voltage "
                               "is defined (the nodal matrix is singular); connect at least one line to a source");
}

namespace {

// A two-node element; a negative node code -(t+1) means "held by terminal t".
struct Branch {
    int p, q;
    double g;
};

struct NonlinearCell {
    int p, q;
    std::size_t cell;   // i*N + j
    std::ptrdiff_t sp = -1, sq = -1, spq = -1;  // value slots in the matrix
};

}  // namespace

struct CrossbarSolver::Impl {
    CrossbarSpec spec;
    std::size_t M = 0, N = 0;
    std::vector<LineTerminal> terms;  // rows then columns
    std::vector<int> code;            // raw node -> unknown index or -(terminal+1)
    int n = 0;                        // unknowns
    std::vector<Branch> linearBranches;
    std::vector<std::pair<int, double>> termBranch;  // (node code, g) per terminal with R > 0; g = 0 if none
    std::vector<CellLaw> laws;                       // per cell
    std::vector<NonlinearCell> nonlinear;
    SpMat A0;  // linear part (lower triangle)
    bool useAmd = false;
    SupernodalCholesky supernodal;  // nested-dissection grids
    LltAmd lltAmd;                  // collapsed (ideal) lines, or a tree that does not fit
    const StopToken* stop = nullptr;

    int rawRow(std::size_t i, std::size_t j) const { return int(i * N + j); }
    int rawCol(std::size_t i, std::size_t j) const { return int(M * N + i * N + j); }
    int rowNode(std::size_t i, std::size_t j) const { return code[rawRow(i, spec.rWireRow == 0 ? 0 : j)]; }
    int colNode(std::size_t i, std::size_t j) const { return code[rawCol(spec.rWireCol == 0 ? M - 1 : i, j)]; }

    void poll() const {
        if (stop && stop->stopRequested()) throw Cancelled();
    }

    template <typename Vec>
    double nodeV(int c, const Vec& x, const std::vector<double>& tv) const {
        return c >= 0 ? x[c] : tv[std::size_t(-c - 1)];
    }

    void factorize(const SpMat& A) {
        bool ok = true;
        if (useAmd) {
            lltAmd.factorize(A);
            ok = lltAmd.info() == Eigen::Success;
        } else {
            ok = supernodal.factorize(A);
        }
        if (!ok)
            throw SimulationError("crossbar nodal matrix is not positive definite (a floating island or a "
                                  "non-physical conductance); factorization failed");
    }
    template <typename Dense>
    Dense solveLinear(const Dense& b) const {
        if (useAmd) return lltAmd.solve(b);
        Dense x = b;
        supernodal.solveInPlace(x);
        return x;
    }

    std::vector<double> terminalVoltages(const std::vector<double>& rv, const std::vector<double>& cv) const {
        if (rv.size() != M || cv.size() != N)
            throw InputError("drive", "expected " + std::to_string(M) + " row and " + std::to_string(N) +
                                          " column voltages, got " + std::to_string(rv.size()) + " and " +
                                          std::to_string(cv.size()));
        std::vector<double> tv(M + N, 0.0);
        for (std::size_t k = 0; k < M; ++k) tv[k] = rv[k];
        for (std::size_t k = 0; k < N; ++k) tv[M + k] = cv[k];
        return tv;
    }

    // b of the linear part: sources behind terminal resistors and conductances
    // of linear elements towards ideal-source nodes.
    Eigen::VectorXd rhs(const std::vector<double>& tv) const {
        Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
        for (const auto& br : linearBranches) {
            if (br.p >= 0 && br.q < 0) b[br.p] += br.g * tv[std::size_t(-br.q - 1)];
            if (br.q >= 0 && br.p < 0) b[br.q] += br.g * tv[std::size_t(-br.p - 1)];
        }
        for (std::size_t t = 0; t < termBranch.size(); ++t)
            if (termBranch[t].second > 0 && termBranch[t].first >= 0)
                b[termBranch[t].first] += termBranch[t].second * tv[t];
        return b;
    }

    CrossbarSolution finish(const Eigen::VectorXd& x, const std::vector<double>& tv, int iterations) const;
    Eigen::MatrixXd gridColumnCurrents(const Eigen::MatrixXd& rowVoltages, const std::vector<double>& colVoltages) const;
    Eigen::VectorXd newton(const std::vector<double>& tv, int& iterations) const;
};

CrossbarSolver::CrossbarSolver(const CrossbarSpec& spec, const CrossbarDrive& topo, const StopToken* stop)
    : d_(std::make_unique<Impl>()) {
    checkCrossbarMemory(spec);  // first: it needs only the size, and refuses before any allocation
    validateCrossbar(spec);
    validateDrive(spec, topo);
    auto& d = *d_;
    d.spec = spec;
    d.stop = stop;
    d.M = spec.rows;
    d.N = spec.cols;
    const std::size_t M = d.M, N = d.N;
    d.terms = topo.rows;
    d.terms.insert(d.terms.end(), topo.cols.begin(), topo.cols.end());

    // Canonical raw nodes (ideal lines collapse to one node), then the ones
    // held by ideal sources, then nested-dissection numbering of the rest.
    const std::size_t raw = 2 * M * N;
    d.code.assign(raw, -0x7fffffff);
    std::vector<char> fixedTerm(raw, 0);
    std::vector<int> fixedBy(raw, -1);
    for (std::size_t i = 0; i < M; ++i)
        if (topo.rows[i].connected && topo.rows[i].resistance == 0)
            fixedBy[d.rawRow(i, 0)] = int(i);
    for (std::size_t j = 0; j < N; ++j)
        if (topo.cols[j].connected && topo.cols[j].resistance == 0)
            fixedBy[d.rawCol(M - 1, j)] = int(M + j);
    Dissection nd;
    if (spec.rWireRow == 0 || spec.rWireCol == 0) {
        d.useAmd = true;  // collapsed lines are not a grid; let AMD order them
        for (std::size_t k = 0; k < raw; ++k) nd.order.push_back(int(k));
    } else {
        nd = nestedDissection(M, N);
    }
    const auto& order = nd.order;
    std::vector<int> before;  // unknowns numbered before each position of `order`
    before.reserve(order.size() + 1);
    for (int r : order) {
        before.push_back(d.n);
        const std::size_t k = std::size_t(r);
        const bool isRow = k < M * N;
        const std::size_t i = (isRow ? k : k - M * N) / N, j = (isRow ? k : k - M * N) % N;
        // Only canonical nodes get codes.
        if (isRow && spec.rWireRow == 0 && j != 0) continue;
        if (!isRow && spec.rWireCol == 0 && i != M - 1) continue;
        if (fixedBy[k] >= 0) d.code[k] = -(fixedBy[k] + 1);
        else d.code[k] = d.n++;
    }
    before.push_back(d.n);
    (void)fixedTerm;
    d.poll();

    // Elements.
    auto wire = [&](int p, int q, double g) {
        if (p == q || (p < 0 && q < 0)) return;
        d.linearBranches.push_back({p, q, g});
    };
    if (spec.rWireRow > 0)
        for (std::size_t i = 0; i < M; ++i)
            for (std::size_t j = 0; j + 1 < N; ++j) wire(d.rowNode(i, j), d.rowNode(i, j + 1), 1.0 / spec.rWireRow);
    if (spec.rWireCol > 0)
        for (std::size_t i = 0; i + 1 < M; ++i)
            for (std::size_t j = 0; j < N; ++j) wire(d.colNode(i, j), d.colNode(i + 1, j), 1.0 / spec.rWireCol);
    d.termBranch.assign(M + N, {0, 0.0});
    for (std::size_t i = 0; i < M; ++i)
        if (topo.rows[i].connected && topo.rows[i].resistance > 0)
            d.termBranch[i] = {d.rowNode(i, 0), 1.0 / topo.rows[i].resistance};
    for (std::size_t j = 0; j < N; ++j)
        if (topo.cols[j].connected && topo.cols[j].resistance > 0)
            d.termBranch[M + j] = {d.colNode(M - 1, j), 1.0 / topo.cols[j].resistance};
    d.laws.reserve(M * N);
    for (std::size_t i = 0; i < M; ++i) {
        double rs = 0.0;
        if (spec.cellType == CellType::OneT1R) {
            const bool on = topo.gateOn.empty() || topo.gateOn[i];
            rs = on ? spec.transistor.rOn : spec.transistor.rOff;
        }
        for (std::size_t j = 0; j < N; ++j) {
            d.laws.emplace_back(spec, spec.g(i, j), rs);
            const int p = d.rowNode(i, j), q = d.colNode(i, j);
            if (d.laws.back().linear()) wire(p, q, d.laws.back().linearConductance());
            else if (!(p < 0 && q < 0)) d.nonlinear.push_back({p, q, i * N + j});
        }
    }
    d.poll();

    // Pattern and values of the linear part, lower triangle; nonlinear cells
    // add explicit zeros so that their slots exist.
    std::vector<Eigen::Triplet<double, int>> trip;
    trip.reserve(d.linearBranches.size() * 3 + d.nonlinear.size() * 3 + std::size_t(d.n));
    auto stamp = [&](int p, int q, double g) {
        if (p >= 0) trip.emplace_back(p, p, g);
        if (q >= 0) trip.emplace_back(q, q, g);
        if (p >= 0 && q >= 0) trip.emplace_back(std::max(p, q), std::min(p, q), -g);
    };
    for (const auto& b : d.linearBranches) stamp(b.p, b.q, b.g);
    for (const auto& t : d.termBranch)
        if (t.second > 0 && t.first >= 0) trip.emplace_back(t.first, t.first, t.second);
    for (const auto& c : d.nonlinear) stamp(c.p, c.q, 0.0);
    for (int k = 0; k < d.n; ++k) trip.emplace_back(k, k, 0.0);
    d.A0.resize(d.n, d.n);
    d.A0.setFromTriplets(trip.begin(), trip.end());
    d.A0.makeCompressed();
    trip.clear();
    trip.shrink_to_fit();
    auto slot = [&](int r, int c) -> std::ptrdiff_t {
        const int* inner = d.A0.innerIndexPtr();
        const int* begin = inner + d.A0.outerIndexPtr()[c];
        const int* end = inner + d.A0.outerIndexPtr()[c + 1];
        const int* it = std::lower_bound(begin, end, r);
        return it - inner;
    };
    for (auto& c : d.nonlinear) {
        if (c.p >= 0) c.sp = slot(c.p, c.p);
        if (c.q >= 0) c.sq = slot(c.q, c.q);
        if (c.p >= 0 && c.q >= 0) c.spq = slot(std::max(c.p, c.q), std::min(c.p, c.q));
    }
    d.poll();
    if (!d.useAmd) {
        std::vector<Supernode> nodes;
        for (const auto& b : nd.blocks)
            nodes.push_back({before[std::size_t(b.begin)], before[std::size_t(b.end)], b.parent});
        if (!d.supernodal.analyze(d.A0, nodes)) d.useAmd = true;  // defensive: never expected
    }
    if (d.useAmd) d.lltAmd.analyzePattern(d.A0);
    d.poll();
    if (d.nonlinear.empty()) d.factorize(d.A0);
}

CrossbarSolver::~CrossbarSolver() = default;

std::size_t CrossbarSolver::unknowns() const { return std::size_t(d_->n); }
bool CrossbarSolver::linear() const { return d_->nonlinear.empty(); }
std::size_t CrossbarSolver::factorNonZeros() const {
    if (!d_->useAmd) return d_->supernodal.factorEntries();
    return std::size_t(SpMat(d_->lltAmd.matrixL()).nonZeros());
}

Eigen::VectorXd CrossbarSolver::Impl::newton(const std::vector<double>& tv, int& iterations) const {
    const Eigen::VectorXd b = rhs(tv);
    double vScale = 0.0;
    for (std::size_t t = 0; t < terms.size(); ++t)
        if (terms[t].connected) vScale = std::max(vScale, std::fabs(tv[t]));
    if (vScale == 0.0) vScale = 1.0;
    // Residual F(x) = A0 x - b + (cell currents stamped at their nodes), and the
    // Jacobian values (A0 plus each cell's dI/dV).
    std::vector<CellPoint> pts(nonlinear.size());
    auto evaluate = [&](const Eigen::VectorXd& x, Eigen::VectorXd& F, double& iScale) {
        F = A0.selfadjointView<Eigen::Lower>() * x - b;
        iScale = b.cwiseAbs().maxCoeff();
        for (std::size_t k = 0; k < nonlinear.size(); ++k) {
            const auto& c = nonlinear[k];
            pts[k] = laws[c.cell].at(nodeV(c.p, x, tv) - nodeV(c.q, x, tv));
            if (c.p >= 0) F[c.p] += pts[k].current;
            if (c.q >= 0) F[c.q] -= pts[k].current;
            iScale = std::max(iScale, std::fabs(pts[k].current));
        }
        return F.cwiseAbs().maxCoeff();
    };
    SpMat J = A0;
    auto jacobian = [&]() {
        std::copy(A0.valuePtr(), A0.valuePtr() + A0.nonZeros(), J.valuePtr());
        double* v = J.valuePtr();
        for (std::size_t k = 0; k < nonlinear.size(); ++k) {
            const auto& c = nonlinear[k];
            const double g = pts[k].conductance;
            if (c.sp >= 0) v[c.sp] += g;
            if (c.sq >= 0) v[c.sq] += g;
            if (c.spq >= 0) v[c.spq] -= g;
        }
    };
    // Start from the small-signal (zero-bias) linearisation.
    Eigen::VectorXd x = Eigen::VectorXd::Zero(n), F;
    double iScale = 0.0;
    evaluate(x, F, iScale);
    auto* self = const_cast<Impl*>(this);  // the factor is scratch space for Newton
    jacobian();
    self->factorize(J);
    x = solveLinear<Eigen::VectorXd>(b);
    double res = evaluate(x, F, iScale);
    for (iterations = 1; iterations <= 200; ++iterations) {
        poll();
        jacobian();
        self->factorize(J);
        const Eigen::VectorXd dx = -solveLinear<Eigen::VectorXd>(F);
        // Damped step: halve until the residual does not grow (sinh laws make
        // full steps overshoot when far from the solution).
        double alpha = 1.0, newRes = 0.0;
        Eigen::VectorXd xn, Fn;
        double iScaleN = 0.0;
        for (int h = 0; h < 30; ++h) {
            xn = x + alpha * dx;
            newRes = evaluate(xn, Fn, iScaleN);
            if (newRes <= res || h == 29) break;
            alpha *= 0.5;
        }
        const double step = alpha * dx.cwiseAbs().maxCoeff();
        x = xn;
        F = Fn;
        res = newRes;
        iScale = iScaleN;
        if (step <= 1e-13 * vScale && res <= 1e-11 * std::max(iScale, 1e-300)) return x;
        if (alpha == 1.0 && step <= 1e-15 * vScale) return x;
    }
    throw SimulationError("crossbar Newton iteration did not converge in 200 steps (residual " +
                          formatWithUnit(res, "A") + ")");
}

CrossbarSolution CrossbarSolver::Impl::finish(const Eigen::VectorXd& x, const std::vector<double>& tv,
                                              int iterations) const {
    CrossbarSolution s;
    s.rowV.resize(Eigen::Index(M), Eigen::Index(N));
    s.colV.resize(Eigen::Index(M), Eigen::Index(N));
    s.cellI.resize(Eigen::Index(M), Eigen::Index(N));
    s.rowCurrent.assign(M, 0.0);
    s.colCurrent.assign(N, 0.0);
    for (std::size_t i = 0; i < M; ++i)
        for (std::size_t j = 0; j < N; ++j) {
            const double vr = nodeV(rowNode(i, j), x, tv), vc = nodeV(colNode(i, j), x, tv);
            s.rowV(Eigen::Index(i), Eigen::Index(j)) = vr;
            s.colV(Eigen::Index(i), Eigen::Index(j)) = vc;
            const double c = laws[i * N + j].at(vr - vc).current;
            s.cellI(Eigen::Index(i), Eigen::Index(j)) = c;
            s.rowCurrent[i] += c;
            s.colCurrent[j] += c;
        }
    for (std::size_t i = 0; i < M; ++i) {
        if (!terms[i].connected) s.rowCurrent[i] = 0.0;
        s.power += tv[i] * s.rowCurrent[i];
    }
    for (std::size_t j = 0; j < N; ++j) {
        if (!terms[M + j].connected) s.colCurrent[j] = 0.0;
        s.power -= tv[M + j] * s.colCurrent[j];
    }
    s.newtonIterations = iterations;
    return s;
}

CrossbarSolution CrossbarSolver::solve(const std::vector<double>& rv, const std::vector<double>& cv) const {
    const auto tv = d_->terminalVoltages(rv, cv);
    for (double v : tv)
        if (!std::isfinite(v)) throw InputError("drive", "terminal voltages must be finite");
    int it = 0;
    Eigen::VectorXd x;
    if (d_->nonlinear.empty()) x = d_->solveLinear<Eigen::VectorXd>(d_->rhs(tv));
    else x = d_->newton(tv, it);
    d_->poll();
    return d_->finish(x, tv, it);
}

CrossbarSolution CrossbarSolver::solve(const CrossbarDrive& drive) const {
    std::vector<double> rv(drive.rows.size()), cv(drive.cols.size());
    for (std::size_t k = 0; k < rv.size(); ++k) rv[k] = drive.rows[k].voltage;
    for (std::size_t k = 0; k < cv.size(); ++k) cv[k] = drive.cols[k].voltage;
    return solve(rv, cv);
}

Eigen::MatrixXd CrossbarSolver::columnCurrents(const Eigen::MatrixXd& rowVoltages,
                                               const std::vector<double>& colVoltages) const {
    const auto& d = *d_;
    if (!d.nonlinear.empty())
        throw InputError("drive", "the batched column-current path needs linear cells; use solve() per vector");
    if (std::size_t(rowVoltages.rows()) != d.M || colVoltages.size() != d.N)
        throw InputError("drive", "input matrix must have one row per array row (" + std::to_string(d.M) + ")");
    if (!rowVoltages.allFinite()) throw InputError("drive", "row voltages must be finite");
    if (!d.useAmd) return d.gridColumnCurrents(rowVoltages, colVoltages);
    const Eigen::Index K = rowVoltages.cols();
    Eigen::MatrixXd B(d.n, K);
    std::vector<double> tv(d.M + d.N);
    for (Eigen::Index k = 0; k < K; ++k) {
        for (std::size_t i = 0; i < d.M; ++i) tv[i] = rowVoltages(Eigen::Index(i), k);
        for (std::size_t j = 0; j < d.N; ++j) tv[d.M + j] = colVoltages[j];
        B.col(k) = d.rhs(tv);
    }
    const Eigen::MatrixXd X = d.solveLinear<Eigen::MatrixXd>(B);
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(Eigen::Index(d.N), K);
    for (Eigen::Index k = 0; k < K; ++k) {
        for (std::size_t i = 0; i < d.M; ++i) tv[i] = rowVoltages(Eigen::Index(i), k);
        for (std::size_t i = 0; i < d.M; ++i)
            for (std::size_t j = 0; j < d.N; ++j) {
                const double vr = d.nodeV(d.rowNode(i, j), X.col(k), tv);
                const double vc = d.nodeV(d.colNode(i, j), X.col(k), tv);
                out(Eigen::Index(j), k) += d.laws[i * d.N + j].linearConductance() * (vr - vc);
            }
    }
    return out;
}

// Grid (nested-dissection) path of columnCurrents. The right-hand side is
// non-zero only next to driven terminals and each column current is fixed by
// the few unknowns next to its terminal (KCL at the terminal node), so the
// triangular solves visit only the supernodes on the tree paths from those
// unknowns to the root (exact: the skipped parts of y are zero, the skipped
// parts of x are not needed). The batch is solved transposed (K×n) as dense
// blocks, split in two halves on two threads.
Eigen::MatrixXd CrossbarSolver::Impl::gridColumnCurrents(const Eigen::MatrixXd& rowVoltages,
                                                         const std::vector<double>& colVoltages) const {
    const Eigen::Index K = rowVoltages.cols();
    auto tvOf = [&](Eigen::Index k, std::vector<double>& tv) {
        for (std::size_t i = 0; i < M; ++i) tv[i] = rowVoltages(Eigen::Index(i), k);
        for (std::size_t j = 0; j < N; ++j) tv[M + j] = colVoltages[j];
    };
    // Sources: (unknown, terminal, conductance) from rhs().
    struct Source {
        int node;
        std::size_t term;
        double g;
    };
    std::vector<Source> sources;
    for (const auto& br : linearBranches) {
        if (br.p >= 0 && br.q < 0) sources.push_back({br.p, std::size_t(-br.q - 1), br.g});
        if (br.q >= 0 && br.p < 0) sources.push_back({br.q, std::size_t(-br.p - 1), br.g});
    }
    for (std::size_t t = 0; t < termBranch.size(); ++t)
        if (termBranch[t].second > 0 && termBranch[t].first >= 0)
            sources.push_back({termBranch[t].first, t, termBranch[t].second});
    std::vector<char> driven(M + N, 0);
    for (std::size_t i = 0; i < M; ++i) driven[i] = (rowVoltages.row(Eigen::Index(i)).array() != 0.0).any();
    for (std::size_t j = 0; j < N; ++j) driven[M + j] = colVoltages[j] != 0.0;
    Eigen::MatrixXd xt = Eigen::MatrixXd::Zero(K, n);
    std::vector<int> inputs, outputs;
    std::vector<double> tv(M + N);
    for (const auto& src : sources)
        if (driven[src.term]) inputs.push_back(src.node);
    for (Eigen::Index k = 0; k < K; ++k) {
        tvOf(k, tv);
        for (const auto& src : sources) xt(k, src.node) += src.g * tv[src.term];
    }
    const std::size_t last = M - 1;
    for (std::size_t j = 0; j < N; ++j) {
        if (!terms[M + j].connected) continue;
        for (int c : {colNode(last, j), rowNode(last, j), M > 1 ? colNode(last - 1, j) : -1})
            if (c >= 0) outputs.push_back(c);
    }
    const auto in = supernodal.reach(inputs), outMask = supernodal.reach(outputs);
    if (K >= 8 && n >= 4096) {
        const Eigen::Index h = K / 2;
        std::thread worker([&] { supernodal.solveTransposedInPlace(xt.topRows(h), &in, &outMask); });
        supernodal.solveTransposedInPlace(xt.bottomRows(K - h), &in, &outMask);
        worker.join();
    } else {
        supernodal.solveTransposedInPlace(xt, &in, &outMask);
    }
    poll();
    // Each column current from KCL at its terminal: through the sense resistor,
    // or (ideal terminal) through the last cell and the last wire segment.
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(Eigen::Index(N), K);
    const double gWire = 1.0 / spec.rWireCol;
    for (Eigen::Index k = 0; k < K; ++k) {
        tvOf(k, tv);
        const auto x = xt.row(k);
        for (std::size_t j = 0; j < N; ++j) {
            const auto& t = terms[M + j];
            if (!t.connected) continue;
            const int c = colNode(last, j);
            double i = 0.0;
            if (c >= 0) {
                i = (x[c] - tv[M + j]) * termBranch[M + j].second;
            } else {
                i = laws[last * N + j].linearConductance() * (nodeV(rowNode(last, j), x, tv) - tv[M + j]);
                if (M > 1) i += gWire * (nodeV(colNode(last - 1, j), x, tv) - tv[M + j]);
            }
            out(Eigen::Index(j), k) = i;
        }
    }
    return out;
}

Eigen::MatrixXd CrossbarSolver::transferMatrix() const {
    const auto M = Eigen::Index(d_->M);
    return columnCurrents(Eigen::MatrixXd::Identity(M, M), std::vector<double>(d_->N, 0.0));
}

}  // namespace ms
