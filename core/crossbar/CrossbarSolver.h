// Exact nodal analysis of a crossbar: one unknown per row-line and per
// column-line node at each cell (2·M·N unknowns; fewer where a line is ideal or
// an end node is held by an ideal source). A. Chen, IEEE TED 60(4) 2013 gives
// the same formulation. The nodal matrix is symmetric positive definite (every
// element is a conductance or a monotone cell law), so it is factored by sparse
// Cholesky once per topology and reused for any number of terminal-voltage
// vectors. Unknowns are numbered in a nested-dissection order built from the
// array's geometry (George 1973): cutting the grid along one row line's column
// nodes or one column line's row nodes separates it, so separators hold M or N
// unknowns and the factor fill grows as P·log P. The separators are the
// supernodes of a multifrontal Cholesky with dense kernels (SupernodalCholesky;
// measured ~6x faster than Eigen's SimplicialLDLT, itself 1.3x faster than LLT
// and 2x faster than SparseLU here). Arrays with ideal (zero-resistance) lines
// collapse each line to one node and use Eigen's SimplicialLDLT with AMD.
// Nonlinear cells (1S1R, K_r-sinh elements) are solved by damped Newton
// iterations on the same pattern (symbolic analysis once, numeric per step).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include <Eigen/Dense>

#include "core/crossbar/CrossbarSpec.h"
#include "core/sim/Frames.h"

namespace ms {

// One line end. A connected terminal is a source of `voltage` behind
// `resistance` (0 = ideal source / virtual ground); a disconnected one floats.
struct LineTerminal {
    bool connected = false;
    double resistance = 0.0;  // ohm
    double voltage = 0.0;     // V
};

// How every line end is driven, and which rows' access transistors are on.
struct CrossbarDrive {
    std::vector<LineTerminal> rows;  // M
    std::vector<LineTerminal> cols;  // N
    std::vector<char> gateOn;        // M, 1T1R only; empty means all on
};

struct CrossbarSolution {
    Eigen::MatrixXd rowV;   // M×N row-line node voltages (V)
    Eigen::MatrixXd colV;   // M×N column-line node voltages (V)
    Eigen::MatrixXd cellI;  // M×N cell currents, row -> column (A)
    // Current from each row terminal into its line, and from each column line
    // into its terminal (A); zero for floating lines. By KCL each equals the sum
    // of the cell currents on the line.
    std::vector<double> rowCurrent, colCurrent;
    double power = 0.0;     // W delivered by all terminals
    int newtonIterations = 0;
};

class CrossbarSolver {
public:
    // Validates spec and drive (InputError before any work: sizes, negative
    // resistances, an all-floating circuit, memory), builds the nodal matrix
    // and, for linear cells, factors it. Polls `stop` between stages.
    CrossbarSolver(const CrossbarSpec& spec, const CrossbarDrive& topology, const StopToken* stop = nullptr);
    ~CrossbarSolver();
    CrossbarSolver(const CrossbarSolver&) = delete;
    CrossbarSolver& operator=(const CrossbarSolver&) = delete;

    // Solves with the topology's resistances and these terminal voltages
    // (entries of floating terminals are ignored). Reuses the factorization.
    CrossbarSolution solve(const std::vector<double>& rowVoltages, const std::vector<double>& colVoltages) const;
    // Solves with the voltages held in `drive` (its topology must match).
    CrossbarSolution solve(const CrossbarDrive& drive) const;
    // Column currents only, for many row-voltage vectors at once (columns of
    // `rowVoltages`, M×K); column terminal voltages fixed at `colVoltages`.
    // Linear cells only; the batched triangular solves are the MVM fast path.
    Eigen::MatrixXd columnCurrents(const Eigen::MatrixXd& rowVoltages, const std::vector<double>& colVoltages) const;

    // The exact IR-drop-aware weight matrix T (N×M, siemens): with every column
    // terminal at 0 V, column currents = T · row voltages. M batched solves
    // once; each later input vector costs one dense N×M product (ANN inference).
    Eigen::MatrixXd transferMatrix() const;

    std::size_t unknowns() const;
    std::size_t factorNonZeros() const;  // entries of the Cholesky factor L
    bool linear() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

// Checks a drive against a spec: sizes match, resistances are >= 0 and
// finite, voltages finite, and at least one terminal is connected (otherwise
// every node floats and the nodal matrix is singular).
void validateDrive(const CrossbarSpec& spec, const CrossbarDrive& drive, const std::string& path = "drive");

}  // namespace ms
