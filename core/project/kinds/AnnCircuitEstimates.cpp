#include "core/project/kinds/AnnCircuitEstimates.h"

#include <algorithm>
#include <sstream>

#include "core/circuit/SynapseCell.h"
#include "core/common/Errors.h"
#include "core/project/JsonFields.h"
#include "core/synapses/PulseSynapse.h"

namespace ms {

using namespace json_fields;

const std::vector<ParamSpec>& circuitEstimateSettings() {
    // Defaults are round, order-of-magnitude figures for a 40 nm node; the
    // results state them, and a user replaces them with their technology's.
    static const std::vector<ParamSpec> specs = {
        {"featureSize", "F", "m", 40e-9, 1e-9, 1e-5, Scale::Log, "Technology feature size; a cell of a F^2 takes a*F^2", ""},
        {"cWireRow", "C_row", "F", 2e-17, 0, 1e-9, Scale::Linear, "Row-line capacitance per cell segment (Elmore delay)", ""},
        {"cWireCol", "C_col", "F", 2e-17, 0, 1e-9, Scale::Linear, "Column-line capacitance per cell segment (Elmore delay)", ""},
        {"readPulseWidth", "t_read", "s", 10e-9, 1e-12, 1e-3, Scale::Log, "Width of the read pulse on the rows of one MVM", ""},
        {"inputActivity", "a_in", "", 1.0, 0, 1, Scale::Linear,
         "Mean (V_row/V_read)^2 over the driven rows (1: every row at full scale, an upper bound)", ""},
        {"driverEnergy", "E_drv", "J", 0.1e-12, 0, 1e-6, Scale::Linear, "DAC and row-driver energy per row per MVM", ""},
        {"driverLatency", "t_drv", "s", 1e-9, 0, 1e-3, Scale::Linear, "DAC and row-driver latency per MVM", ""},
        {"driverArea", "A_drv", "m^2", 1e-12, 0, 1e-6, Scale::Linear, "DAC and driver area per tile row", ""},
        {"adcEnergy", "E_ADC", "J", 2e-12, 0, 1e-6, Scale::Linear, "ADC energy per conversion", ""},
        {"adcLatency", "t_ADC", "s", 10e-9, 0, 1e-3, Scale::Linear, "ADC latency per conversion", ""},
        {"adcArea", "A_ADC", "m^2", 2e-9, 0, 1e-3, Scale::Linear, "Area of one ADC", ""},
        {"outputsPerAdc", "n_mux", "", 8, 1, 4096, Scale::Log,
         "Outputs (column pairs when differential) sharing one ADC, converted one after another", "NeuroSim", true},
        {"parallelWrites", "n_wr", "", 1, 1, 1e6, Scale::Log, "Write pulses applied at once in one tile (1: one cell at a time)", "", true},
    };
    return specs;
}

const std::vector<std::string>& circuitEstimateCells() {
    static const std::vector<std::string> cells = {"1m", "1m1t"};
    return cells;
}

CircuitEstimateSetup readCircuitEstimate(const nlohmann::json& e, const std::string& path,
                                         std::vector<ProjectIssue>& issues) {
    CircuitEstimateSetup c;
    const std::string cp = join(path, "circuitEstimate");
    nlohmann::json o = nlohmann::json::object();
    if (e.is_object() && e.contains("circuitEstimate")) {
        c.enabled = true;
        if (e["circuitEstimate"].is_object())
            o = e["circuitEstimate"];
        else
            issues.push_back({cp, "must be an object (got " + typeName(e["circuitEstimate"]) + ")"});
    }
    std::vector<std::string> known = {"cell"};
    for (const auto& s : circuitEstimateSettings()) known.push_back(s.key);
    rejectUnknownKeys(o, known, cp, issues);
    if (o.contains("cell")) {
        c.cell = readString(o, "cell", cp, issues);
        const auto& cells = circuitEstimateCells();
        if (o["cell"].is_string() && std::find(cells.begin(), cells.end(), c.cell) == cells.end())
            issues.push_back({join(cp, "cell"), "must be one of " + joinIds(cells) +
                                                    " (a cell of one device; got \"" + c.cell + "\")"});
    }
    c.values = readSettings(o, circuitEstimateSettings(), cp, issues);
    return c;
}

std::vector<LayerShape> annLayerShapes(const AnnExperimentSetup& s) {
    const NetworkSpec& n = s.run.network;
    std::vector<LayerShape> out;
    int in = n.layerSizes.empty() ? 0 : n.layerSizes.front();
    if (n.conv.enabled) {
        // Network.cpp: a kernel x kernel convolution (stride 1, no padding, with a
        // bias) applied at every output position, then 2x2 max pooling.
        // The image as AnnExperiment.cpp's transforms leave it: centre crop, then block-mean shrink.
        const int side = s.dataSet == "fashion-mnist" ? 28 : 8, f = std::max(1, s.downsample);
        const int ow = (s.cropWidth > 0 ? s.cropWidth : side) / f - n.conv.kernel + 1;
        const int oh = (s.cropHeight > 0 ? s.cropHeight : side) / f - n.conv.kernel + 1;
        out.push_back({"layer1", n.conv.kernel * n.conv.kernel + 1, n.conv.filters, std::max(1, ow * oh)});
        in = n.conv.filters * (ow / 2) * (oh / 2);
    }
    for (std::size_t k = 1; k < n.layerSizes.size(); ++k) {
        out.push_back({"layer" + std::to_string(out.size() + 1), in + (n.bias ? 1 : 0), n.layerSizes[k], 1});
        in = n.layerSizes[k];
    }
    return out;
}

CircuitCosts circuitCosts(const CircuitEstimateSetup& c, const AnnExperimentSetup& s) {
    const ParamValues v = withDefaults(circuitEstimateSettings(), c.values);
    CircuitCosts k;
    k.featureSize = v.at("featureSize");
    const circuit::CellInfo* cell = circuit::cellRegistry().find(c.cell);
    k.cellAreaF2 = cell ? cell->areaF2 : 4.0;
    k.readPulseWidth = v.at("readPulseWidth");
    k.inputActivity = v.at("inputActivity");
    k.driverEnergy = v.at("driverEnergy");
    k.driverLatency = v.at("driverLatency");
    k.driverArea = v.at("driverArea");
    k.adcEnergy = v.at("adcEnergy");
    k.adcLatency = v.at("adcLatency");
    k.adcArea = v.at("adcArea");
    k.outputsPerAdc = static_cast<int>(v.at("outputsPerAdc"));
    k.parallelWrites = static_cast<int>(v.at("parallelWrites"));
    k.writePulseWidth = s.run.analog.pulseWidth;
    const AnalogSpec& a = s.run.analog;
    const auto model = instantiateSynapse(a.synapseModel, a.synapseParams, a.synapsePreset, "synapse");
    k.meanConductance = 0.5 * (model->gMin() + model->gMax());
    return k;
}

WireModel circuitWires(const CircuitEstimateSetup& c, const AnnExperimentSetup& s) {
    const ParamValues v = withDefaults(circuitEstimateSettings(), c.values);
    const IrDropSpec& ir = s.run.analog.irDrop;
    WireModel w;
    w.rWireRow = ir.rWireRow;
    w.rWireCol = ir.rWireCol;
    w.rDriver = ir.rDriver;
    w.rSense = ir.rSense;
    w.readVoltage = ir.readVoltage;
    w.cWireRow = v.at("cWireRow");
    w.cWireCol = v.at("cWireCol");
    return w;
}

TileLayout circuitLayout(const AnnExperimentSetup& s) {
    const AnalogSpec& a = s.run.analog;
    return {a.tileRows, a.tileCols, a.mapping == WeightMapping::Differential, a.devicesPerWeight};
}

std::vector<LayerWrites> writesPerEpoch(const AnnExperimentSetup& s, const AnnRunResult& r,
                                        const std::vector<LayerShape>& layers) {
    std::vector<LayerWrites> out(layers.size());
    if (s.run.training.mode != TrainingMode::InSitu || r.epochs.empty()) return out;
    // The epoch records hold running totals; the last one over the epoch count is the mean per epoch.
    const double epochs = static_cast<double>(r.epochs.size());
    const double pulses = static_cast<double>(r.epochs.back().pulses) / epochs, energy = r.epochs.back().energy / epochs;
    std::vector<double> devices;
    double total = 0;
    for (const auto& l : layers) {
        devices.push_back(double(l.inputs) * l.outputs);  // pulsed devices are in proportion to weights
        total += devices.back();
    }
    for (std::size_t k = 0; k < layers.size() && total > 0; ++k)
        out[k] = {pulses * devices[k] / total, energy * devices[k] / total};
    return out;
}

std::string circuitAssumptionsText(const CircuitEstimateSetup& c, const AnnExperimentSetup& s) {
    const CircuitCosts k = circuitCosts(c, s);
    const WireModel w = circuitWires(c, s);
    std::ostringstream t;
    t << "cell " << c.cell << " (" << formatWithUnit(k.cellAreaF2, "") << " F^2), F = " << formatWithUnit(k.featureSize, "m")
      << ", V_read = " << formatWithUnit(w.readVoltage, "V") << ", t_read = " << formatWithUnit(k.readPulseWidth, "s")
      << ", input activity " << formatWithUnit(k.inputActivity, "") << ", G = " << formatWithUnit(k.meanConductance, "S")
      << " (mean of Gmin, Gmax); wires " << formatWithUnit(w.rWireRow, "ohm") << " / " << formatWithUnit(w.rWireCol, "ohm")
      << " and " << formatWithUnit(w.cWireRow, "F") << " / " << formatWithUnit(w.cWireCol, "F")
      << " per segment (row / column); driver " << formatWithUnit(k.driverEnergy, "J") << ", "
      << formatWithUnit(k.driverLatency, "s") << ", " << formatWithUnit(k.driverArea, "m^2") << " per row; ADC "
      << formatWithUnit(k.adcEnergy, "J") << ", " << formatWithUnit(k.adcLatency, "s") << " per conversion, "
      << formatWithUnit(k.adcArea, "m^2") << ", " << k.outputsPerAdc << " outputs per ADC; write "
      << formatWithUnit(k.writePulseWidth, "s") << " pulses, " << k.parallelWrites
      << " at once per tile, per-layer pulses in proportion to devices; leakage not modelled";
    return t.str();
}

std::vector<Column> circuitEstimateColumns() {
    return {{"layer", ""},          {"rows", ""},         {"cols", ""},
            {"tiles", ""},          {"area", "m^2"},      {"array_area", "m^2"},
            {"elmore_delay", "s"},  {"read_latency", "s"}, {"read_energy", "J"},
            {"array_read_energy", "J"}, {"write_energy_per_epoch", "J"}, {"write_latency_per_epoch", "s"}};
}

void reportCircuitEstimates(const CircuitEstimateSetup& c, const AnnExperimentSetup& s, const AnnRunResult& r,
                            FrameSink& sink) {
    if (!c.enabled) return;
    if (s.run.training.mode == TrainingMode::Float) {
        sink.log(LogLevel::Info, "circuit estimates: none for float mode (the weights are not on devices)");
        return;
    }
    const auto layers = annLayerShapes(s);
    const auto estimates = estimateLayers(layers, circuitLayout(s), circuitWires(c, s), circuitCosts(c, s),
                                          writesPerEpoch(s, r, layers));
    sink.beginSeries("circuit_estimates", circuitEstimateColumns());
    double area = 0, latency = 0, energy = 0;
    for (std::size_t k = 0; k < estimates.size(); ++k) {
        const LayerEstimate& e = estimates[k];
        const double row[] = {double(k + 1),     double(e.arrayRows), double(e.arrayCols), double(e.tiles),
                              e.area(),          e.arrayArea,         e.elmoreDelay,       e.readLatency,
                              e.readEnergy(),    e.arrayReadEnergy,   e.writeEnergy,       e.writeLatency};
        sink.appendRows("circuit_estimates", row, 1);
        sink.scalar(e.name + "_area", e.area(), "m^2");
        sink.scalar(e.name + "_read_latency", e.readLatency, "s");
        sink.scalar(e.name + "_read_energy_per_image", e.readEnergy(), "J");
        sink.scalar(e.name + "_write_energy_per_epoch", e.writeEnergy, "J");
        sink.scalar(e.name + "_write_latency_per_epoch", e.writeLatency, "s");
        area += e.area();
        latency += e.readLatency;  // the layers read one after another
        energy += e.readEnergy();
    }
    sink.scalar("circuit_area", area, "m^2");
    sink.scalar("circuit_read_latency", latency, "s");
    sink.scalar("circuit_read_energy_per_image", energy, "J");
    sink.log(LogLevel::Info, "circuit estimates assume: " + circuitAssumptionsText(c, s));
}

}  // namespace ms
