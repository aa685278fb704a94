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

const Box kEmpty{0, 0, 0, 0};

struct Dissector {
    long M, N, leaf;
    Dissection& d;
    int rowId(long i, long j) const { return int(i * N + j); }
    int colId(long i, long j) const { return int(M * N + i * N + j); }

    int block(int begin, const std::vector<int>& children) {
        const int id = int(d.blocks.size());
        d.blocks.push_back({begin, int(d.order.size()), -1});
        for (int c : children) d.blocks[std::size_t(c)].parent = id;
        return id;
    }
    void emit(const Box& rb, const Box& cb) {
        for (long i = rb.i0; i < rb.i1; ++i)
            for (long j = rb.j0; j < rb.j1; ++j) d.order.push_back(rowId(i, j));
        for (long i = cb.i0; i < cb.i1; ++i)
            for (long j = cb.j0; j < cb.j1; ++j) d.order.push_back(colId(i, j));
    }

    // rb: the row-line nodes of the region, cb: its column-line nodes.
    // Returns the id of the region's top block.
    int run(const Box& rb, const Box& cb) {
        const int begin = int(d.order.size());
        if (rb.size() + cb.size() <= leaf) {
            emit(rb, cb);
            return block(begin, {});
        }
        const long width = std::max(rb.cols(), cb.cols()), height = std::max(rb.rows(), cb.rows());
        const bool cutColumns = rb.cols() >= 3 && (width >= height || cb.rows() < 3);
        if (cutColumns) {
            const long mid = rb.j0 + rb.cols() / 2;  // separator: row nodes at column mid
            const int a = run({rb.i0, rb.i1, rb.j0, mid}, {cb.i0, cb.i1, cb.j0, std::min(cb.j1, mid + 1)});
            const int b = run({rb.i0, rb.i1, mid + 1, rb.j1}, {cb.i0, cb.i1, std::max(cb.j0, mid + 1), cb.j1});
            const int sep = int(d.order.size());
            emit({rb.i0, rb.i1, mid, mid + 1}, kEmpty);
            return block(sep, {a, b});
        }
        if (cb.rows() >= 3) {
            const long mid = cb.i0 + cb.rows() / 2;  // separator: column nodes at row mid
            const int a = run({rb.i0, std::min(rb.i1, mid + 1), rb.j0, rb.j1}, {cb.i0, mid, cb.j0, cb.j1});
            const int b = run({std::max(rb.i0, mid + 1), rb.i1, rb.j0, rb.j1}, {mid + 1, cb.i1, cb.j0, cb.j1});
            const int sep = int(d.order.size());
            emit(kEmpty, {mid, mid + 1, cb.j0, cb.j1});
            return block(sep, {a, b});
        }
        if (cb.size() == 0 && rb.rows() >= 2) {  // row-line nodes alone: rows are unconnected
            const long mid = rb.i0 + rb.rows() / 2;
            const int a = run({rb.i0, mid, rb.j0, rb.j1}, kEmpty);
            const int b = run({mid, rb.i1, rb.j0, rb.j1}, kEmpty);
            return block(int(d.order.size()), {a, b});  // empty separator
        }
        if (rb.size() == 0 && cb.cols() >= 2) {  // column-line nodes alone
            const long mid = cb.j0 + cb.cols() / 2;
            const int a = run(kEmpty, {cb.i0, cb.i1, cb.j0, mid});
            const int b = run(kEmpty, {cb.i0, cb.i1, mid, cb.j1});
            return block(int(d.order.size()), {a, b});
        }
        emit(rb, cb);  // a strip that cannot be cut: one dense block
        return block(begin, {});
    }
};

}  // namespace

Dissection nestedDissection(std::size_t M, std::size_t N, std::size_t leafSize) {
    Dissection d;
    d.order.reserve(2 * M * N);
    Dissector s{long(M), long(N), long(leafSize), d};
    s.run({0, long(M), 0, long(N)}, {0, long(M), 0, long(N)});
    return d;
}

}  // namespace ms
