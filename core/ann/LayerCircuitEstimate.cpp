#include "core/ann/LayerCircuitEstimate.h"

#include <algorithm>

#include "core/common/Errors.h"
#include "core/crossbar/CrossbarAnalysis.h"

namespace ms {

namespace {

int ceilDiv(int a, int b) { return (a + b - 1) / b; }

}  // namespace

std::vector<LayerEstimate> estimateLayers(const std::vector<LayerShape>& layers, const TileLayout& layout,
                                          const WireModel& wires, const CircuitCosts& costs,
                                          const std::vector<LayerWrites>& writes) {
    if (layout.tileRows < 1 || layout.tileCols < 1 || layout.devicesPerWeight < 1 ||
        layout.devicesPerWeight > layout.tileRows)
        throw InputError("tileRows", "a tile needs at least one row per redundant device and one column");
    if (costs.outputsPerAdc < 1 || costs.parallelWrites < 1)
        throw InputError("circuitEstimate", "outputsPerAdc and parallelWrites must be at least 1");

    // The tile as laid out, with the wires of the run: Elmore delay of its worst
    // line (CrossbarAnalysis.h), the same for every tile of every layer.
    CrossbarSpec tile;
    tile.rows = static_cast<std::size_t>(layout.tileRows);
    tile.cols = static_cast<std::size_t>(layout.tileCols);
    tile.rWireRow = wires.rWireRow;
    tile.rWireCol = wires.rWireCol;
    tile.cWireRow = wires.cWireRow;
    tile.cWireCol = wires.cWireCol;
    tile.rDriver = wires.rDriver;
    tile.rSense = wires.rSense;
    const double tau = elmoreDelay(tile).worst();

    // AnalogWeights' layout: k redundant rows per input; a differential pair
    // takes two columns, the reference mapping one column per output plus a
    // reference column per tile.
    const int inputsPerTile = layout.tileRows / layout.devicesPerWeight;
    const int outputsPerTile = layout.differential ? std::max(1, layout.tileCols / 2) : std::max(1, layout.tileCols - 1);
    const double f2 = costs.featureSize * costs.featureSize;
    const double vSquared = costs.inputActivity * wires.readVoltage * wires.readVoltage;
    const int adcsPerTile = ceilDiv(outputsPerTile, costs.outputsPerAdc);

    std::vector<LayerEstimate> out;
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const LayerShape& l = layers[k];
        if (l.inputs < 1 || l.outputs < 1 || l.mvmsPerImage < 1)
            throw InputError(l.name, "a layer needs at least one input, one output and one product per image");
        LayerEstimate e;
        e.name = l.name;
        e.tileGridRows = ceilDiv(l.inputs, inputsPerTile);
        e.tileGridCols = ceilDiv(l.outputs, outputsPerTile);
        e.tiles = e.tileGridRows * e.tileGridCols;
        e.arrayRows = l.inputs * layout.devicesPerWeight;
        e.arrayCols = layout.differential ? 2 * l.outputs : l.outputs + e.tileGridCols;

        // Area of the tiles as allocated (a partly used tile still takes its full size).
        const double tiles = e.tiles;
        e.arrayArea = tiles * layout.tileRows * layout.tileCols * costs.cellAreaF2 * f2;
        e.peripheryArea = tiles * (layout.tileRows * costs.driverArea + adcsPerTile * costs.adcArea);

        // One read: drive the rows, let the lines settle (Elmore), hold the read
        // pulse, convert; tiles work in parallel, an ADC converts its outputs in turn.
        e.elmoreDelay = tau;
        const int sequential = std::min(costs.outputsPerAdc, std::min(outputsPerTile, l.outputs));
        const double mvms = l.mvmsPerImage;
        e.readLatency = mvms * (costs.driverLatency + tau + costs.readPulseWidth + sequential * costs.adcLatency);

        // Energy = Σ V² G t over the cells the layer uses (unused cells of a tile are
        // taken as not conducting), plus one drive per row and tile column, one
        // conversion per output and tile row (partial sums are added digitally).
        const double cells = double(e.arrayRows) * e.arrayCols;
        e.arrayReadEnergy = mvms * cells * vSquared * costs.meanConductance * costs.readPulseWidth;
        const double drives = double(e.arrayRows) * e.tileGridCols;
        const double conversions = double(l.outputs) * e.tileGridRows;
        e.peripheryReadEnergy = mvms * (drives * costs.driverEnergy + conversions * costs.adcEnergy);

        if (k < writes.size()) {
            e.writeEnergy = writes[k].energy;
            e.writeLatency = writes[k].pulses * costs.writePulseWidth / (tiles * costs.parallelWrites);
        }
        out.push_back(e);
    }
    return out;
}

}  // namespace ms
