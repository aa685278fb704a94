// Nested-dissection elimination order for the crossbar's two-layer grid
// (George, SIAM J. Numer. Anal. 10, 1973). Row-line node (i,j) connects to its
// row neighbours and to column-line node (i,j); column-line nodes connect only
// vertically. So removing the row-line nodes of one column position j
// separates left from right, and removing the column-line nodes of one row
// position i separates top from bottom: separators of M or N nodes.
#pragma once

#include <cstddef>
#include <vector>

namespace ms {

// One block of the dissection: positions [begin, end) of `order`, and the
// block it hangs under (its separator), -1 for the root. Blocks are listed
// children first (postorder), so they form the supernodal assembly tree.
struct DissectionBlock {
    int begin = 0, end = 0;
    int parent = -1;
};

struct Dissection {
    // Raw node ids (row node (i,j) = i*N + j, column node (i,j) = M*N + i*N + j)
    // in elimination order, each exactly once.
    std::vector<int> order;
    std::vector<DissectionBlock> blocks;
};

Dissection nestedDissection(std::size_t M, std::size_t N, std::size_t leafSize = 16);

}  // namespace ms
