// A crossbar array as designed: M rows × N columns of cells, the wires between
// them and the terminals at the line ends (docs/crossbar.md §1-§2, issue 5).
//
// Geometry and node convention (used by the solver, the SPICE export and the maps):
//   row line i runs left to right through cell nodes r(i,0) .. r(i,N-1); its
//   terminal (driver) sits at the left end, before r(i,0);
//   column line j runs top to bottom through c(0,j) .. c(M-1,j); its terminal
//   (sense amplifier or driver) sits at the bottom end, after c(M-1,j);
//   cell (i,j) joins r(i,j) to c(i,j); current is positive from row to column.
// A wire segment of rWireRow (rWireCol) lies between neighbouring cell nodes;
// 0 means an ideal line (all its nodes are one node).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ms {

// 1R: the memristive element alone. 1T1R: an access transistor in series,
// modelled as a switch (on-resistance when its row's gate is on, off-leakage
// resistance when off). 1S1R: a two-terminal selector in series.
enum class CellType { OneR, OneT1R, OneS1R };

const char* toString(CellType t);
CellType cellTypeFromString(const std::string& id, const std::string& path);  // "1R", "1T1R", "1S1R"

// I–V nonlinearity of the memristive element itself (a selector-less
// nonlinear cell, as in the read-margin literature): I(V) = G·sinh(aV)/a, so G
// is the small-signal conductance and K_r = I(V_ref)/I(V_ref/2) = 2·cosh(a·V_ref/2)
// (Flocke & Noll 2007; Liang & Wong 2010 use K_r this way). K_r = 2 is linear.
struct ElementNonlinearity {
    double kr = 2.0;    // I(vRef)/I(vRef/2), >= 2
    double vRef = 1.0;  // V, the voltage at which kr is quoted (usually the read voltage)
    bool linear() const { return kr == 2.0; }
    double sinhRate() const;  // a in 1/V
};

// Selector of a 1S1R cell: I = Is·sinh(V/Vs), the usual threshold-less
// tunnelling / MIEC selector form (Burr et al., JVST B 32, 2014).
struct SelectorParams {
    double is = 1e-6;  // A
    double vs = 0.1;   // V
};

struct TransistorParams {
    double rOn = 1e3;    // ohm, channel resistance with the gate on
    double rOff = 1e12;  // ohm, leakage path with the gate off
};

struct CrossbarSpec {
    std::size_t rows = 0;  // M
    std::size_t cols = 0;  // N
    CellType cellType = CellType::OneR;
    // Small-signal conductance of each memristive element, row-major M×N (S).
    std::vector<double> conductance;
    ElementNonlinearity nonlinearity;
    SelectorParams selector;      // 1S1R only
    TransistorParams transistor;  // 1T1R only
    double rWireRow = 0.0;  // ohm per segment, >= 0 (0 = ideal line)
    double rWireCol = 0.0;
    double rDriver = 0.0;   // ohm, row (and driven column) source resistance, >= 0
    double rSense = 0.0;    // ohm, column sense resistance, >= 0 (0 = virtual ground)
    double cWireRow = 0.0;  // F per segment, >= 0 (Elmore delay only)
    double cWireCol = 0.0;

    double g(std::size_t i, std::size_t j) const { return conductance[i * cols + j]; }
    double& g(std::size_t i, std::size_t j) { return conductance[i * cols + j]; }
    // True when every cell is a linear resistor (one factorization, no Newton).
    bool linearCells() const { return cellType != CellType::OneS1R && nonlinearity.linear(); }
};

// A uniform array (every cell at conductance g).
CrossbarSpec uniformCrossbar(std::size_t rows, std::size_t cols, double g);

// Throws InputError(path + ".<field>", why) for the first problem: zero size,
// a conductance map whose size is not rows×cols, non-positive or non-finite
// conductances or resistances, negative wire resistance or capacitance,
// K_r < 2. `path` locates the crossbar in the project ("crossbars[0]").
void validateCrossbar(const CrossbarSpec& spec, const std::string& path = "crossbar");

// Upper estimate of the bytes one solve needs (matrix, ordering, Cholesky
// factor with nested-dissection fill, solution maps).
double crossbarMemoryEstimate(const CrossbarSpec& spec);
// MemAvailable from /proc/meminfo in bytes (0 when unknown).
double availableMemoryBytes();
// Throws InputError when the estimate exceeds what the machine has.
void checkCrossbarMemory(const CrossbarSpec& spec, const std::string& path = "crossbar");

}  // namespace ms
