#include "core/crossbar/SupernodalCholesky.h"

#include <algorithm>
#include <thread>

namespace ms {

bool SupernodalCholesky::analyze(const SpMat& a, const std::vector<Supernode>& nodes) {
    n_ = int(a.rows());
    nodes_ = nodes;
    const int ns = int(nodes.size());
    below_.assign(std::size_t(ns), {});
    std::vector<int> owner(std::size_t(n_), -1);
    for (int s = 0; s < ns; ++s)
        for (int k = nodes[std::size_t(s)].begin; k < nodes[std::size_t(s)].end; ++k) owner[std::size_t(k)] = s;
    for (int k = 0; k < n_; ++k)
        if (owner[std::size_t(k)] < 0) return false;
    children_.assign(std::size_t(ns), {});
    auto& children = children_;
    for (int s = 0; s < ns; ++s)
        if (nodes[std::size_t(s)].parent >= 0) {
            if (nodes[std::size_t(s)].parent <= s) return false;  // not a postorder
            children[std::size_t(nodes[std::size_t(s)].parent)].push_back(s);
        }
    std::vector<int> mark(std::size_t(n_), -1);
    for (int s = 0; s < ns; ++s) {
        const auto& nd = nodes[std::size_t(s)];
        auto& b = below_[std::size_t(s)];
        auto add = [&](int r) {
            if (r >= nd.end && mark[std::size_t(r)] != s) {
                mark[std::size_t(r)] = s;
                b.push_back(r);
            }
        };
        for (int c = nd.begin; c < nd.end; ++c)
            for (SpMat::InnerIterator it(a, c); it; ++it) add(int(it.row()));
        for (int c : children[std::size_t(s)])
            for (int r : below_[std::size_t(c)]) add(r);
        std::sort(b.begin(), b.end());
        // Every coupled unknown must lie in an ancestor, or extend-add would miss it.
        for (int r : b) {
            int t = nd.parent;
            while (t >= 0 && t != owner[std::size_t(r)]) t = nodes[std::size_t(t)].parent;
            if (t < 0) return false;
        }
    }
    owner_ = std::move(owner);
    l_.assign(std::size_t(ns), {});
    return true;
}

// The front is assembled in a per-thread workspace that is reused from node
// to node: fresh fronts cost page faults and clearing of new pages (~20 % of
// the factorization in a profile); only L's columns and the Schur update are
// copied out.
bool SupernodalCholesky::factorNode(std::size_t s, const SpMat& a, std::vector<int>& pos, std::vector<double>& work) {
    const auto& nd = nodes_[s];
    const auto& b = below_[s];
    const int ns = nd.end - nd.begin, nb = int(b.size()), f = ns + nb;
    for (int k = 0; k < ns; ++k) pos[std::size_t(nd.begin + k)] = k;
    for (int k = 0; k < nb; ++k) pos[std::size_t(b[std::size_t(k)])] = ns + k;
    if (work.size() < std::size_t(f) * std::size_t(f)) work.resize(std::size_t(f) * std::size_t(f));
    Eigen::Map<Eigen::MatrixXd> F(work.data(), f, f);
    F.setZero();
    for (int c = nd.begin; c < nd.end; ++c)
        for (SpMat::InnerIterator it(a, c); it; ++it) F(pos[std::size_t(it.row())], c - nd.begin) += it.value();
    // Extend-add each child's Schur update, then free it.
    for (int c : children_[s]) {
        const auto& bc = below_[std::size_t(c)];
        Eigen::MatrixXd& uc = update_[std::size_t(c)];
        for (int j = 0; j < int(bc.size()); ++j) {
            const int pj = pos[std::size_t(bc[std::size_t(j)])];
            const double* col = uc.data() + std::ptrdiff_t(j) * uc.rows();
            for (int i = j; i < int(bc.size()); ++i) F(pos[std::size_t(bc[std::size_t(i)])], pj) += col[i];
        }
        uc = Eigen::MatrixXd();
    }
    if (ns > 0) {
        Eigen::Ref<Eigen::MatrixXd> diag = F.topLeftCorner(ns, ns);
        Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(diag);  // in place
        if (llt.info() != Eigen::Success) return false;
        if (nb > 0) {
            F.topLeftCorner(ns, ns).triangularView<Eigen::Lower>().transpose().solveInPlace<Eigen::OnTheRight>(
                F.bottomLeftCorner(nb, ns));
            F.bottomRightCorner(nb, nb).selfadjointView<Eigen::Lower>().rankUpdate(F.bottomLeftCorner(nb, ns), -1.0);
        }
    }
    l_[s] = F.leftCols(ns);
    if (nb > 0 && nd.parent >= 0) update_[s] = F.bottomRightCorner(nb, nb);
    return true;
}

bool SupernodalCholesky::factorize(const SpMat& a) {
    // The root's child subtrees are independent: factor them on two threads
    // (postorder makes each subtree a contiguous range ending at its root).
    const std::size_t count = nodes_.size();
    std::vector<std::size_t> subtree(count, 1);
    for (std::size_t s = 0; s < count; ++s)
        if (nodes_[s].parent >= 0) subtree[std::size_t(nodes_[s].parent)] += subtree[s];
    update_.assign(count, {});
    auto range = [&](std::size_t lo, std::size_t hi, bool& ok) {
        std::vector<int> pos(std::size_t(n_), -1);
        std::vector<double> work;
        for (std::size_t s = lo; s < hi && ok; ++s) ok = factorNode(s, a, pos, work);
    };
    bool ok = true;
    std::size_t done = 0;
    const int root = count > 0 ? int(count - 1) : -1;
    if (root >= 0 && children_[std::size_t(root)].size() == 2 && subtree[std::size_t(root)] > 64) {
        const std::size_t c0 = std::size_t(children_[std::size_t(root)][0]);
        const std::size_t c1 = std::size_t(children_[std::size_t(root)][1]);
        const std::size_t b0 = c0 + 1 - subtree[c0], b1 = c1 + 1 - subtree[c1];
        bool ok0 = true, ok1 = true;
        std::thread t([&] { range(b0, c0 + 1, ok0); });
        range(b1, c1 + 1, ok1);
        t.join();
        ok = ok0 && ok1;
        done = std::max(c0, c1) + 1;
        // Anything not in either subtree before `done` (none for a binary dissection).
        for (std::size_t s = 0; s < done && ok; ++s) {
            const bool in0 = s >= b0 && s <= c0, in1 = s >= b1 && s <= c1;
            if (!in0 && !in1) {
                std::vector<int> pos(std::size_t(n_), -1);
                std::vector<double> work;
                ok = factorNode(s, a, pos, work);
            }
        }
    }
    if (ok) range(done, count, ok);
    update_.clear();
    return ok;
}

void SupernodalCholesky::solveInPlace(Eigen::Ref<Eigen::MatrixXd> x) const {
    const Eigen::Index K = x.cols();
    if (K == 1) {  // vector kernels (TRSV/GEMV): the matrix kernels' blocking costs more than it saves here
        auto v = x.col(0);
        std::size_t maxB = 0;
        for (const auto& b : below_) maxB = std::max(maxB, b.size());
        Eigen::VectorXd t = Eigen::VectorXd::Zero(Eigen::Index(maxB));
        for (std::size_t s = 0; s < nodes_.size(); ++s) {
            const auto& nd = nodes_[s];
            const int ns = nd.end - nd.begin, nb = int(below_[s].size());
            if (ns == 0) continue;
            auto xs = v.segment(nd.begin, ns);
            l_[s].topRows(ns).triangularView<Eigen::Lower>().solveInPlace(xs);
            if (nb > 0) {
                auto tb = t.head(nb);
                tb.noalias() = l_[s].bottomRows(nb) * xs;
                for (int k = 0; k < nb; ++k) v[below_[s][std::size_t(k)]] -= tb[k];
            }
        }
        for (std::size_t s = nodes_.size(); s-- > 0;) {
            const auto& nd = nodes_[s];
            const int ns = nd.end - nd.begin, nb = int(below_[s].size());
            if (ns == 0) continue;
            auto xs = v.segment(nd.begin, ns);
            if (nb > 0) {
                auto tb = t.head(nb);
                for (int k = 0; k < nb; ++k) tb[k] = v[below_[s][std::size_t(k)]];
                xs.noalias() -= l_[s].bottomRows(nb).transpose() * tb;
            }
            l_[s].topRows(ns).triangularView<Eigen::Lower>().transpose().solveInPlace(xs);
        }
        return;
    }
    std::size_t maxB = 0;
    for (const auto& b : below_) maxB = std::max(maxB, b.size());
    std::vector<double> scratch(maxB * std::size_t(K));
    for (std::size_t s = 0; s < nodes_.size(); ++s) {  // L y = b
        const auto& nd = nodes_[s];
        const int ns = nd.end - nd.begin, nb = int(below_[s].size());
        if (ns == 0) continue;
        auto xs = x.middleRows(nd.begin, ns);
        l_[s].topRows(ns).triangularView<Eigen::Lower>().solveInPlace(xs);
        if (nb > 0) {
            Eigen::Map<Eigen::MatrixXd> t(scratch.data(), nb, K);
            t.noalias() = l_[s].bottomRows(nb) * xs;
            for (int k = 0; k < nb; ++k) x.row(below_[s][std::size_t(k)]) -= t.row(k);
        }
    }
    for (std::size_t s = nodes_.size(); s-- > 0;) {  // Lᵀ x = y
        const auto& nd = nodes_[s];
        const int ns = nd.end - nd.begin, nb = int(below_[s].size());
        if (ns == 0) continue;
        auto xs = x.middleRows(nd.begin, ns);
        if (nb > 0) {
            Eigen::Map<Eigen::MatrixXd> t(scratch.data(), nb, K);
            for (int k = 0; k < nb; ++k) t.row(k) = x.row(below_[s][std::size_t(k)]);
            xs.noalias() -= l_[s].bottomRows(nb).transpose() * t;
        }
        l_[s].topRows(ns).triangularView<Eigen::Lower>().transpose().solveInPlace(xs);
    }
}

void SupernodalCholesky::solveTransposedInPlace(Eigen::Ref<Eigen::MatrixXd> xt, const std::vector<char>* inputs,
                                                const std::vector<char>* outputs) const {
    const Eigen::Index K = xt.rows();
    std::size_t maxB = 0;
    for (const auto& b : below_) maxB = std::max(maxB, b.size());
    Eigen::MatrixXd t(K, Eigen::Index(maxB));
    for (std::size_t s = 0; s < nodes_.size(); ++s) {  // L Y = B, as Yᵀ Lᵀ = Bᵀ
        if (inputs && !(*inputs)[s]) continue;
        const auto& nd = nodes_[s];
        const int ns = nd.end - nd.begin, nb = int(below_[s].size());
        if (ns == 0) continue;
        auto xs = xt.middleCols(nd.begin, ns);
        l_[s].topRows(ns).triangularView<Eigen::Lower>().transpose().solveInPlace<Eigen::OnTheRight>(xs);
        if (nb > 0) {
            auto tb = t.leftCols(nb);
            tb.noalias() = xs * l_[s].bottomRows(nb).transpose();
            const auto& b = below_[s];
            for (int k = 0; k < nb; ++k) xt.col(b[std::size_t(k)]) -= tb.col(k);
        }
    }
    for (std::size_t s = nodes_.size(); s-- > 0;) {  // Lᵀ X = Y, as Xᵀ L = Yᵀ
        if (outputs && !(*outputs)[s]) continue;
        const auto& nd = nodes_[s];
        const int ns = nd.end - nd.begin, nb = int(below_[s].size());
        if (ns == 0) continue;
        auto xs = xt.middleCols(nd.begin, ns);
        if (nb > 0) {
            auto tb = t.leftCols(nb);
            const auto& b = below_[s];
            for (int k = 0; k < nb; ++k) tb.col(k) = xt.col(b[std::size_t(k)]);
            xs.noalias() -= tb * l_[s].bottomRows(nb);
        }
        l_[s].topRows(ns).triangularView<Eigen::Lower>().solveInPlace<Eigen::OnTheRight>(xs);
    }
}

std::vector<char> SupernodalCholesky::reach(const std::vector<int>& unknowns) const {
    std::vector<char> mark(nodes_.size(), 0);
    for (int u : unknowns) {
        if (u < 0 || u >= n_) continue;
        for (int s = owner_[std::size_t(u)]; s >= 0 && !mark[std::size_t(s)]; s = nodes_[std::size_t(s)].parent)
            mark[std::size_t(s)] = 1;
    }
    return mark;
}

double SupernodalCholesky::factorFlops() const {
    double f = 0.0;
    for (std::size_t s = 0; s < nodes_.size(); ++s) {
        const double ns = nodes_[s].end - nodes_[s].begin, nb = double(below_[s].size());
        f += ns * ns * ns / 3.0 + ns * ns * nb + ns * nb * nb;
    }
    return f;
}

std::size_t SupernodalCholesky::factorEntries() const {
    std::size_t e = 0;
    for (const auto& m : l_) e += std::size_t(m.size());
    return e;
}

}  // namespace ms
