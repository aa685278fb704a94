#include "core/crossbar/NestedDissection.h"

#include <algorithm>

namespace ms {
namespace {

struct Box {
    long i0, i1, j0, j1;  // half-open
    long rows() const { return i1 > i0 ? i1 - i0 : 0; }
    long cols() const { return j1 > j0 ? j1 - j0 : 0; }
    long size() const { return rows() * cols(); }
};

struct Dissector {
    long M, N;
    std::vector<int>& out;
    int rowId(long i, long j) const { return int(i * N + j); }
    int colId(long i, long j) const { return int(M * N + i * N + j); }

    // rb: the row-line nodes of the region, cb: its column-line nodes.
    void run(Box rb, Box cb) {
        if (rb.size() + cb.size() <= 64) {
            for (long i = rb.i0; i < rb.i1; ++i)
                for (long j = rb.j0; j < rb.j1; ++j) out.push_back(rowId(i, j));
            for (long i = cb.i0; i < cb.i1; ++i)
                for (long j = cb.j0; j < cb.j1; ++j) out.push_back(colId(i, j));
            return;
        }
        // Cut across the longer extent of the region.
        const long width = std::max(rb.cols(), cb.cols()), height = std::max(rb.rows(), cb.rows());
        if (width >= height && rb.cols() >= 3) {
            const long mid = rb.j0 + rb.cols() / 2;  // separator: row nodes at column mid
            run({rb.i0, rb.i1, rb.j0, mid}, {cb.i0, cb.i1, cb.j0, std::min(cb.j1, mid + 1)});
            run({rb.i0, rb.i1, mid + 1, rb.j1}, {cb.i0, cb.i1, std::max(cb.j0, mid + 1), cb.j1});
            for (long i = rb.i0; i < rb.i1; ++i) out.push_back(rowId(i, mid));
        } else if (cb.rows() >= 3) {
            const long mid = cb.i0 + cb.rows() / 2;  // separator: column nodes at row mid
            run({rb.i0, std::min(rb.i1, mid + 1), rb.j0, rb.j1}, {cb.i0, mid, cb.j0, cb.j1});
            run({std::max(rb.i0, mid + 1), rb.i1, rb.j0, rb.j1}, {mid + 1, cb.i1, cb.j0, cb.j1});
            for (long j = cb.j0; j < cb.j1; ++j) out.push_back(colId(mid, j));
        } else if (rb.cols() >= 3) {
            const long mid = rb.j0 + rb.cols() / 2;
            run({rb.i0, rb.i1, rb.j0, mid}, {cb.i0, cb.i1, cb.j0, std::min(cb.j1, mid + 1)});
            run({rb.i0, rb.i1, mid + 1, rb.j1}, {cb.i0, cb.i1, std::max(cb.j0, mid + 1), cb.j1});
            for (long i = rb.i0; i < rb.i1; ++i) out.push_back(rowId(i, mid));
        } else if (cb.size() == 0 && rb.rows() >= 2) {
            // Row-line nodes alone: different rows are not connected at all.
            const long mid = rb.i0 + rb.rows() / 2;
            run({rb.i0, mid, rb.j0, rb.j1}, {0, 0, 0, 0});
            run({mid, rb.i1, rb.j0, rb.j1}, {0, 0, 0, 0});
        } else if (rb.size() == 0 && cb.cols() >= 2) {
            const long mid = cb.j0 + cb.cols() / 2;  // column-line nodes alone
            run({0, 0, 0, 0}, {cb.i0, cb.i1, cb.j0, mid});
            run({0, 0, 0, 0}, {cb.i0, cb.i1, mid, cb.j1});
        } else if (rb.size() > 0 && cb.size() > 0) {
            run(rb, {0, 0, 0, 0});
            run({0, 0, 0, 0}, cb);
        } else {
            for (long i = rb.i0; i < rb.i1; ++i)  // a strip that cannot be cut: take it as is
                for (long j = rb.j0; j < rb.j1; ++j) out.push_back(rowId(i, j));
            for (long i = cb.i0; i < cb.i1; ++i)
                for (long j = cb.j0; j < cb.j1; ++j) out.push_back(colId(i, j));
        }
    }
};

}  // namespace

std::vector<int> nestedDissectionOrder(std::size_t M, std::size_t N) {
    std::vector<int> out;
    out.reserve(2 * M * N);
    Dissector d{long(M), long(N), out};
    d.run({0, long(M), 0, long(N)}, {0, long(M), 0, long(N)});
    return out;
}

}  // namespace ms
