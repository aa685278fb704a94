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

// Raw node ids (row node (i,j) = i*N + j, column node (i,j) = M*N + i*N + j)
// in elimination order, each exactly once.
std::vector<int> nestedDissectionOrder(std::size_t M, std::size_t N);

}  // namespace ms
