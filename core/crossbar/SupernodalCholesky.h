// Multifrontal supernodal Cholesky (Duff & Reid 1983; Liu, SIAM Rev. 34, 1992)
// over a given assembly tree: each supernode is a contiguous range of
// unknowns (a nested-dissection separator or a leaf block), factored as a
// dense frontal matrix with Eigen's blocked LLT/TRSM/SYRK, its Schur update
// passed to the parent by extend-add. Dense kernels make it several times
// faster than Eigen's scalar SimplicialLDLT on crossbar grids (bench_crossbar).
#pragma once

#include <vector>

#include <Eigen/Dense>
#include <Eigen/SparseCore>

namespace ms {

struct Supernode {
    int begin = 0, end = 0;  // unknowns [begin, end)
    int parent = -1;         // index in the supernode list; -1 for a root
};

class SupernodalCholesky {
public:
    using SpMat = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;
    // `nodes` in postorder (children before parents) partitioning 0..n-1 in
    // order. Returns false if the matrix couples a supernode to a non-ancestor
    // (the tree does not fit the matrix); the caller then uses another solver.
    bool analyze(const SpMat& lower, const std::vector<Supernode>& nodes);
    // Numeric factorization of a matrix with the analysed pattern (lower
    // triangle). Returns false if it is not positive definite.
    bool factorize(const SpMat& lower);
    // Solves A X = B in place (B is n×K).
    void solveInPlace(Eigen::Ref<Eigen::MatrixXd> b) const;
    // Solves A X = B for a batch stored transposed: xt is K×n, one column per
    // unknown, so that gathering and scattering an unknown's K values is one
    // contiguous copy and every supernode update is a dense GEMM/TRSM.
    // Sparse right-hand sides and sparse outputs (Gilbert 1994): if B is zero
    // outside the supernodes marked in `inputs` (closed under ancestors, see
    // reach()), the forward pass skips the rest, whose y is exactly zero; only
    // the unknowns of supernodes marked in `outputs` are then computed (the
    // others are left unspecified). Null masks mean all supernodes.
    void solveTransposedInPlace(Eigen::Ref<Eigen::MatrixXd> xt, const std::vector<char>* inputs = nullptr,
                                const std::vector<char>* outputs = nullptr) const;
    // Supernodes holding any of `unknowns`, and all their ancestors.
    std::vector<char> reach(const std::vector<int>& unknowns) const;
    std::size_t factorEntries() const;  // stored entries of L
    double factorFlops() const;         // floating-point operations of one factorization
    std::size_t supernodes() const { return nodes_.size(); }

private:
    bool factorNode(std::size_t s, const SpMat& a, std::vector<int>& pos, std::vector<double>& work);
    int n_ = 0;
    std::vector<std::vector<int>> children_;
    std::vector<Supernode> nodes_;
    std::vector<int> owner_;               // per unknown: its supernode
    std::vector<std::vector<int>> below_;  // per supernode: sorted row indices of L below its diagonal block
    std::vector<Eigen::MatrixXd> l_;       // per supernode: (ns + nb) × ns, [L_SS; L_BS]
    // Per supernode: its Schur update (nb × nb, lower triangle used), kept
    // only until the parent has assembled it.
    std::vector<Eigen::MatrixXd> update_;
};

}  // namespace ms
