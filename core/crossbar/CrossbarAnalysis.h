// The crossbar figures of issue 5: one-cell read (selected and sneak current,
// sense output, power), read margin and its sweep over N, MVM against the
// ideal G·x (column errors and the per-cell error map), Elmore delay of the
// worst line, and tiling. Every map comes from the exact nodal solve.
#pragma once

#include <vector>

#include "core/crossbar/BiasScheme.h"

namespace ms {

struct ReadResult {
    CrossbarSolution solution;  // line voltages (IR-drop map), cell currents, power
    double selectedCurrent = 0.0;  // A through the selected cell
    double senseCurrent = 0.0;     // A into the selected column's terminal
    double sneakCurrent = 0.0;     // senseCurrent - selectedCurrent
    double vOut = 0.0;             // V across the sense resistor (0 for virtual ground)
};

ReadResult readCell(const CrossbarSpec& spec, BiasScheme scheme, std::size_t row, std::size_t col, double vRead,
                    const StopToken* stop = nullptr);

// Read margin of a cell at (row, col) of `base` (size, wires, cell type,
// nonlinearity, rSense) with the selected cell at gOn or gOff and every other
// cell at gOn or gOff. The sensed signal is vOut/vRead with a sense resistor,
// otherwise senseCurrent/(vRead·gOn).
struct ReadMargin {
    double onAllOn = 0, offAllOn = 0, onAllOff = 0, offAllOff = 0;  // signals for the four patterns
    // Flocke & Noll's convention: all unselected cells on (maximum sneak).
    double margin() const { return onAllOn - offAllOn; }
    // Worst over both backgrounds (the V/2-read derivation of §4).
    double worstMargin() const;
};
ReadMargin readMargin(const CrossbarSpec& base, BiasScheme scheme, double gOn, double gOff, double vRead,
                      std::size_t row = 0, std::size_t col = 0, const StopToken* stop = nullptr);

// Margin vs N for N×N arrays built from `base`'s per-cell settings; the
// far corner (N-1, N-1) is read when base has wire resistance, else (0,0).
struct MarginPoint {
    std::size_t n;
    ReadMargin margin;
};
std::vector<MarginPoint> readMarginVsN(const CrossbarSpec& base, BiasScheme scheme, double gOn, double gOff,
                                       double vRead, const std::vector<std::size_t>& sizes,
                                       const StopToken* stop = nullptr);
// Largest N of `sizes` (ascending) whose Flocke & Noll margin reaches `required`; 0 if none.
std::size_t maxArraySize(const std::vector<MarginPoint>& sweep, double required, bool worstCase = false);

struct MvmResult {
    CrossbarSolution solution;
    std::vector<double> ideal;         // A, Σ_i I_cell(x_i) with no wire or terminal resistance
    std::vector<double> columnError;   // (I_j - ideal_j)/|ideal_j| (0 where ideal_j = 0)
    double maxColumnError = 0.0;       // max |columnError|
    // M×N, (I_ij - I_ideal,ij) / max|I_ideal|: normalised by the largest ideal
    // cell current so that cells with near-zero inputs do not dominate the map.
    Eigen::MatrixXd cellError;
};
MvmResult multiply(const CrossbarSpec& spec, const std::vector<double>& inputs, const StopToken* stop = nullptr);

// Elmore delay (Elmore 1948) of a line driven from its terminal: each node k
// (k = 1..n from the terminal) carries one segment capacitance and sees the
// resistance R_terminal + (k-1)·r_segment upstream: τ = Σ_k (R_t + (k-1) r) C.
struct ElmoreDelay {
    double row = 0.0, column = 0.0;  // s
    double worst() const { return row > column ? row : column; }
};
ElmoreDelay elmoreDelay(const CrossbarSpec& spec);

// Tiling: the same weights as one array and as tiles of at most tile×tile,
// each tile a separate array with the same wire/terminal settings whose
// column currents are summed digitally.
struct TilingResult {
    std::size_t tileRows = 0, tileCols = 0, tiles = 0;
    double maxErrorWhole = 0.0;  // max relative column error of the one big array
    double maxErrorTiled = 0.0;  // of the tiled sum
    std::vector<double> ideal, whole, tiled;
};
TilingResult tile(const CrossbarSpec& spec, std::size_t tile, const std::vector<double>& inputs,
                  const StopToken* stop = nullptr);

// Signed weights on differential column pairs: column 2k holds G+ and 2k+1
// G-, with G± = gMin + (gMax - gMin)·max(±w/wMax, 0). Returns an M×2K spec
// (other settings copied from `base`).
CrossbarSpec differentialCrossbar(const CrossbarSpec& base, const Eigen::MatrixXd& weights, double gMin, double gMax);
// y_k = I_{2k} - I_{2k+1}.
std::vector<double> differentialOutputs(const std::vector<double>& columnCurrents);

}  // namespace ms
