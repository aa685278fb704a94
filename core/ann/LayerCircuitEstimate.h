// Per-layer circuit estimates of an ANN mapped onto crossbar tiles (issue 22):
// area, read latency and energy per image, write energy and latency per
// epoch. First-order figures from the studio's own crossbar model (wire
// parasitics and Elmore delay, core/crossbar/CrossbarAnalysis.h) plus
// periphery costs given per unit; every cost is an assumption the caller
// states next to the results (docs/circuit-estimates.md).
//
// Equations (SI units throughout):
//   array area   A_arr = tiles · R_t · C_t · a_cell · F²      (a_cell in F² per device, CellRegistry.cpp)
//   periphery    A_per = tiles · (R_t · a_drv + n_ADC · a_ADC), n_ADC = ⌈outputs per tile / outputs per ADC⌉
//   Elmore       τ = worst line of one R_t × C_t tile, τ = Σ_k (R_t + (k-1) r) C (Elmore 1948, elmoreDelay)
//   read latency t = MVMs · (t_drv + τ + t_read + n_seq · t_ADC), tiles in parallel,
//                n_seq = conversions one ADC makes one after another
//   read energy  E = MVMs · (Σ_cells V² G t_read + n_drv E_drv + n_conv E_ADC)
//                with V² = activity · V_read² on every driven row, G the mean device conductance
//   write        E_w as counted by the training (Σ V_w² G t_w per pulse, AnalogWeights.cpp);
//                t_w,epoch = pulses · t_w / (tiles · pulses in parallel per tile)
// Leakage is not modelled: the array is passive between reads (no bias on
// any line) and the periphery has no static-power figure here.
#pragma once

#include <string>
#include <vector>

namespace ms {

// One layer's weight matrix as the tiles hold it (AnalogWeights' layout).
struct LayerShape {
    std::string name;     // "layer1", "conv"
    int inputs = 0;       // rows of the weight matrix incl. the bias input
    int outputs = 0;      // weights per input
    int mvmsPerImage = 1; // matrix-vector products per image (a conv layer: one per output position)
};

// How the layers are laid out on tiles (from the ann_training settings).
struct TileLayout {
    int tileRows = 128, tileCols = 128;
    bool differential = true;  // a weight takes a column pair; else one column plus a reference column per tile
    int devicesPerWeight = 1;  // redundant devices, each in its own row
};

// The wires of a tile and the read drive (nonidealities.irDrop of the run).
struct WireModel {
    double rWireRow = 0.0, rWireCol = 0.0;  // ohm per segment
    double cWireRow = 0.0, cWireCol = 0.0;  // F per segment
    double rDriver = 0.0, rSense = 0.0;     // ohm
    double readVoltage = 0.2;               // V on a row at full-scale input
};

// Costs per unit: the stated assumptions.
struct CircuitCosts {
    double featureSize = 40e-9;     // m, F
    double cellAreaF2 = 4.0;        // F² per device (the cell registry's areaF2)
    double readPulseWidth = 10e-9;  // s, t_read
    double inputActivity = 1.0;     // mean (V_row / V_read)² over driven rows (1: every row at full scale)
    double meanConductance = 0.0;   // S, mean device conductance during reads
    double driverEnergy = 0.0;      // J per row drive per MVM (DAC + driver)
    double driverLatency = 0.0;     // s per MVM
    double driverArea = 0.0;        // m² per row driver
    double adcEnergy = 0.0;         // J per conversion
    double adcLatency = 0.0;        // s per conversion
    double adcArea = 0.0;           // m² per ADC
    int outputsPerAdc = 1;          // outputs multiplexed onto one ADC (converted one after another)
    double writePulseWidth = 0.0;   // s, t_w
    int parallelWrites = 1;         // pulses applied at once in one tile
};

// What training wrote into one layer during one epoch (counted by the training).
struct LayerWrites {
    double pulses = 0.0;
    double energy = 0.0;  // J
};

struct LayerEstimate {
    std::string name;
    int arrayRows = 0, arrayCols = 0;  // devices the layer occupies (rows incl. bias and redundancy)
    int tiles = 0, tileGridRows = 0, tileGridCols = 0;
    double arrayArea = 0.0, peripheryArea = 0.0;  // m²
    double elmoreDelay = 0.0;                     // s, worst line of one tile
    double readLatency = 0.0;                     // s per image
    double arrayReadEnergy = 0.0, peripheryReadEnergy = 0.0;  // J per image
    double writeEnergy = 0.0, writeLatency = 0.0;             // J, s per epoch
    double area() const { return arrayArea + peripheryArea; }
    double readEnergy() const { return arrayReadEnergy + peripheryReadEnergy; }
};

// One estimate per layer; writes[k] belongs to layers[k] (missing entries: no writes).
std::vector<LayerEstimate> estimateLayers(const std::vector<LayerShape>& layers, const TileLayout& layout,
                                          const WireModel& wires, const CircuitCosts& costs,
                                          const std::vector<LayerWrites>& writes = {});

}  // namespace ms
