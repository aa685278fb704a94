// Per-layer circuit estimates (issue 22) against hand calculations for a 2x2
// and a 64x64 array: Elmore delay, read energy, area, write energy and
// latency from given pulse counts; the circuitEstimate settings refused at
// their JSON paths; the reporter's scalars and series.
#include <QtTest>

#include <map>
#include <string>

#include "core/ann/LayerCircuitEstimate.h"
#include "core/project/kinds/AnnCircuitEstimates.h"
#include "core/synapses/PulseSynapse.h"

using namespace ms;

namespace {

bool near(double a, double b, double rel = 1e-12) { return std::fabs(a - b) <= rel * std::fabs(b); }

#define MS_NEAR(a, b) QVERIFY2(near((a), (b)), qPrintable(QString("%1 = %2, expected %3").arg(#a).arg(a, 0, 'g', 15).arg(b, 0, 'g', 15)))

class RecordingSink final : public CheckedSink {
public:
    std::map<std::string, std::pair<double, std::string>> scalars;
    std::map<std::string, std::vector<double>> rows;
    void scalar(const std::string& k, double v, const std::string& u) override { scalars[k] = {v, u}; }

protected:
    void onRows(const std::string& id, const double* d, std::size_t n) override {
        rows[id].insert(rows[id].end(), d, d + n * columnsOf(id));
    }
};

bool hasIssueAt(const std::vector<ProjectIssue>& issues, const std::string& path) {
    for (const auto& i : issues)
        if (i.path == path) return true;
    return false;
}

}  // namespace

class TestLayerCircuitEstimate : public QObject {
    Q_OBJECT
private slots:
    // One input plus the bias, one output on a differential pair: a 2x2 array on one 2x2 tile.
    void twoByTwo() {
        const TileLayout layout{2, 2, true, 1};
        WireModel w;
        w.rWireRow = w.rWireCol = 10;       // ohm per segment
        w.cWireRow = w.cWireCol = 1e-15;    // F per segment
        w.rDriver = 100;
        w.rSense = 50;
        w.readVoltage = 0.2;
        CircuitCosts c;
        c.featureSize = 100e-9;  // F^2 = 1e-14 m^2
        c.cellAreaF2 = 4;        // 1R
        c.readPulseWidth = 10e-9;
        c.inputActivity = 1;
        c.meanConductance = 1e-5;
        c.driverEnergy = 0.1e-12;
        c.driverLatency = 1e-9;
        c.driverArea = 1e-12;
        c.adcEnergy = 2e-12;
        c.adcLatency = 10e-9;
        c.adcArea = 1e-9;
        c.outputsPerAdc = 8;
        c.writePulseWidth = 1e-6;
        c.parallelWrites = 1;
        const auto e = estimateLayers({{"layer1", 2, 1, 1}}, layout, w, c, {{100, 3e-9}});
        QCOMPARE(e.size(), std::size_t(1));
        QCOMPARE(e[0].arrayRows, 2);
        QCOMPARE(e[0].arrayCols, 2);
        QCOMPARE(e[0].tiles, 1);
        // Elmore, row line of 2 nodes: (100 + 0*10)*1e-15 + (100 + 1*10)*1e-15 = 2.1e-13 s;
        // column line: (50 + 0)*1e-15 + (50 + 10)*1e-15 = 1.1e-13 s; the worst is the row.
        MS_NEAR(e[0].elmoreDelay, 2.1e-13);
        // Area: 1 tile * 2*2 cells * 4 F^2 * 1e-14 = 1.6e-13 m^2; periphery 2 rows * 1e-12
        // + ceil(1 output / 8) = 1 ADC * 1e-9 = 1.002e-9 m^2.
        MS_NEAR(e[0].arrayArea, 1.6e-13);
        MS_NEAR(e[0].peripheryArea, 1.002e-9);
        MS_NEAR(e[0].area(), 1.00216e-9);
        // Latency: 1e-9 + 2.1e-13 + 1e-8 + 1 conversion * 1e-8 = 2.100021e-8 s.
        MS_NEAR(e[0].readLatency, 2.100021e-8);
        // Energy: 4 cells * 0.2^2 V^2 * 1e-5 S * 1e-8 s = 1.6e-14 J; periphery 2 drives * 1e-13
        // + 1 conversion * 2e-12 = 2.2e-12 J; total 2.216e-12 J.
        MS_NEAR(e[0].arrayReadEnergy, 1.6e-14);
        MS_NEAR(e[0].peripheryReadEnergy, 2.2e-12);
        MS_NEAR(e[0].readEnergy(), 2.216e-12);
        // Writes: the counted energy as given; 100 pulses * 1 us / (1 tile * 1) = 1e-4 s.
        MS_NEAR(e[0].writeEnergy, 3e-9);
        MS_NEAR(e[0].writeLatency, 1e-4);
    }

    // 63 inputs plus the bias, 32 outputs on differential pairs: a 64x64 array of
    // 1T1R cells on one 64x64 tile; then the same layer on 32x32 tiles.
    void sixtyFourBySixtyFour() {
        WireModel w;
        w.rWireRow = w.rWireCol = 2.5;
        w.cWireRow = w.cWireCol = 2e-17;
        w.rDriver = 1000;
        w.rSense = 0;  // virtual ground
        w.readVoltage = 0.2;
        CircuitCosts c;
        c.featureSize = 40e-9;  // F^2 = 1.6e-15 m^2
        c.cellAreaF2 = 24;      // 1T1R
        c.readPulseWidth = 10e-9;
        c.inputActivity = 0.5;
        c.meanConductance = 5e-6;
        c.driverEnergy = 0.1e-12;
        c.driverLatency = 1e-9;
        c.driverArea = 1e-12;
        c.adcEnergy = 2e-12;
        c.adcLatency = 10e-9;
        c.adcArea = 2e-9;
        c.outputsPerAdc = 8;
        c.writePulseWidth = 300e-6;
        c.parallelWrites = 4;
        const LayerShape layer{"layer1", 64, 32, 1};
        const auto e = estimateLayers({layer}, {64, 64, true, 1}, w, c, {{5000, 2e-6}});
        QCOMPARE(e[0].arrayRows, 64);
        QCOMPARE(e[0].arrayCols, 64);
        QCOMPARE(e[0].tiles, 1);
        // Row line, 64 nodes: sum_k (1000 + (k-1)*2.5) * 2e-17 = 2e-17 * (64000 + 2.5*2016)
        // = 2e-17 * 69040 = 1.3808e-12 s; column: 2e-17 * 2.5 * 2016 = 1.008e-13 s.
        MS_NEAR(e[0].elmoreDelay, 1.3808e-12);
        // Area: 4096 cells * 24 * 1.6e-15 = 1.572864e-10 m^2; periphery 64 * 1e-12 + ceil(32/8) = 4
        // ADCs * 2e-9 = 8.064e-9 m^2.
        MS_NEAR(e[0].arrayArea, 1.572864e-10);
        MS_NEAR(e[0].peripheryArea, 8.064e-9);
        // Latency: 1e-9 + 1.3808e-12 + 1e-8 + 8 conversions in turn * 1e-8 = 9.10013808e-8 s.
        MS_NEAR(e[0].readLatency, 9.10013808e-8);
        // Energy: 4096 * (0.5 * 0.04) V^2 * 5e-6 S * 1e-8 s = 4.096e-12 J; periphery 64 drives *
        // 1e-13 + 32 conversions * 2e-12 = 7.04e-11 J; total 7.4496e-11 J.
        MS_NEAR(e[0].arrayReadEnergy, 4.096e-12);
        MS_NEAR(e[0].peripheryReadEnergy, 7.04e-11);
        MS_NEAR(e[0].readEnergy(), 7.4496e-11);
        // Writes: 5000 pulses * 300 us / (1 tile * 4 at once) = 0.375 s.
        MS_NEAR(e[0].writeEnergy, 2e-6);
        MS_NEAR(e[0].writeLatency, 0.375);

        // On 32x32 tiles: 2 tile rows x ceil(32 outputs / 16 pairs) = 2 tile columns = 4 tiles.
        const auto t = estimateLayers({layer}, {32, 32, true, 1}, w, c, {{5000, 2e-6}});
        QCOMPARE(t[0].tiles, 4);
        // Array: 4 * 1024 cells, the same 1.572864e-10 m^2; periphery 4 * (32 * 1e-12 + 2 ADCs * 2e-9).
        MS_NEAR(t[0].arrayArea, 1.572864e-10);
        MS_NEAR(t[0].peripheryArea, 4 * (32e-12 + 4e-9));
        // Row line of 32 nodes: 2e-17 * (32000 + 2.5*496) = 6.648e-13 s.
        MS_NEAR(t[0].elmoreDelay, 6.648e-13);
        // Drives: 64 rows in each of 2 tile columns; conversions: 32 outputs in each of 2 tile rows.
        MS_NEAR(t[0].peripheryReadEnergy, 128 * 1e-13 + 64 * 2e-12);
        MS_NEAR(t[0].writeLatency, 5000 * 300e-6 / (4 * 4));
    }

    void badSettingsRefusedAtTheirPath() {
        std::vector<ProjectIssue> issues;
        const auto e = nlohmann::json::parse(
            R"({"circuitEstimate": {"featureSize": -1, "outputsPerAdc": 2.5, "cell": "2m", "adcEnergy": "x", "bogus": 1}})");
        const auto c = readCircuitEstimate(e, "experiments[3]", issues);
        QVERIFY(c.enabled);
        for (const char* key : {"featureSize", "outputsPerAdc", "cell", "adcEnergy", "bogus"})
            QVERIFY2(hasIssueAt(issues, std::string("experiments[3].circuitEstimate.") + key), key);
        issues.clear();
        readCircuitEstimate(nlohmann::json::parse(R"({"circuitEstimate": 3})"), "experiments[3]", issues);
        QVERIFY(hasIssueAt(issues, "experiments[3].circuitEstimate"));
        issues.clear();
        const auto off = readCircuitEstimate(nlohmann::json::parse(R"({"epochs": 2})"), "experiments[3]", issues);
        QVERIFY(issues.empty());
        QVERIFY(!off.enabled);
        const auto on = readCircuitEstimate(nlohmann::json::parse(R"({"circuitEstimate": {"cell": "1m1t"}})"), "e", issues);
        QVERIFY(issues.empty());
        QCOMPARE(on.cell, std::string("1m1t"));
        QCOMPARE(on.values.at("featureSize"), 40e-9);
    }

    // The reporter: layer shapes from the network, the run's pulse totals split over
    // the layers by weights, the cell's F^2 from the cell registry.
    void reporterStreamsPerLayerFigures() {
        AnnExperimentSetup s;
        s.dataSet = "digits";
        s.run.network.layerSizes = {64, 32, 10};
        s.run.training.mode = TrainingMode::InSitu;
        s.run.analog.tileRows = s.run.analog.tileCols = 128;
        const auto shapes = annLayerShapes(s);
        QCOMPARE(shapes.size(), std::size_t(2));
        QCOMPARE(shapes[0].inputs, 65);
        QCOMPARE(shapes[0].outputs, 32);
        QCOMPARE(shapes[1].inputs, 33);
        QCOMPARE(shapes[1].outputs, 10);
        AnnExperimentSetup noBias = s;
        noBias.run.network.bias = false;
        QCOMPARE(annLayerShapes(noBias)[0].inputs, 64);
        // A 3x3 conv with 4 filters on 8x8 digits: 6x6 = 36 products per image of a
        // 10x4 matrix (9 taps + bias), then 2x2 pooling gives 4*3*3 = 36 dense inputs.
        AnnExperimentSetup cs = s;
        cs.run.network.conv = {true, 4, 3};
        const auto conv = annLayerShapes(cs);
        QCOMPARE(conv.size(), std::size_t(3));
        QCOMPARE(conv[0].inputs, 10);
        QCOMPARE(conv[0].outputs, 4);
        QCOMPARE(conv[0].mvmsPerImage, 36);
        QCOMPARE(conv[1].inputs, 37);
        // Fashion-MNIST cropped to 20x20: 18x18 products, 4*9*9 = 324 dense inputs; downsampled
        // by 2 as well, 10x10: 8x8 products, 4*4*4 = 64 inputs.
        cs.dataSet = "fashion-mnist";
        cs.cropWidth = cs.cropHeight = 20;
        const auto cropped = annLayerShapes(cs);
        QCOMPARE(cropped[0].mvmsPerImage, 324);
        QCOMPARE(cropped[1].inputs, 325);
        cs.downsample = 2;
        QCOMPARE(annLayerShapes(cs)[0].mvmsPerImage, 64);
        QCOMPARE(annLayerShapes(cs)[1].inputs, 65);

        AnnRunResult r;
        r.epochs.resize(2);
        r.epochs[0].pulses = 1000;
        r.epochs[1].pulses = 3000;  // running totals
        r.epochs[1].energy = 4e-6;
        // Per epoch 1500 pulses, 2e-6 J; layer 1 has 65*32 = 2080 of 2410 weights.
        const auto writes = writesPerEpoch(s, r, shapes);
        MS_NEAR(writes[0].pulses, 1500.0 * 2080 / 2410);
        MS_NEAR(writes[1].energy, 2e-6 * 330 / 2410);

        std::vector<ProjectIssue> issues;
        const auto c = readCircuitEstimate(nlohmann::json::parse(R"({"circuitEstimate": {"cell": "1m1t"}})"), "e", issues);
        const CircuitCosts costs = circuitCosts(c, s);
        QCOMPARE(costs.cellAreaF2, 24.0);
        const auto model = instantiateSynapse(s.run.analog.synapseModel);
        MS_NEAR(costs.meanConductance, 0.5 * (model->gMin() + model->gMax()));

        RecordingSink sink;
        reportCircuitEstimates(c, s, r, sink);
        // One 128x128 tile per layer: 16384 * 24 * (40 nm)^2 = 6.291456e-10 m^2 of array each.
        MS_NEAR(sink.scalars.at("layer1_area").first, 6.291456e-10 + 128 * 1e-12 + 8 * 2e-9);
        QCOMPARE(sink.scalars.at("layer1_area").second, std::string("m^2"));
        for (const char* k : {"layer2_read_latency", "layer2_read_energy_per_image", "layer2_write_energy_per_epoch",
                              "layer2_write_latency_per_epoch", "circuit_area", "circuit_read_energy_per_image"})
            QVERIFY2(sink.scalars.count(k), k);
        MS_NEAR(sink.scalars.at("layer2_write_energy_per_epoch").first, 2e-6 * 330 / 2410);
        QCOMPARE(sink.rows.at("circuit_estimates").size(), 2 * circuitEstimateColumns().size());

        // Absent object or float mode: nothing.
        RecordingSink quiet;
        reportCircuitEstimates(CircuitEstimateSetup{}, s, r, quiet);
        s.run.training.mode = TrainingMode::Float;
        reportCircuitEstimates(c, s, r, quiet);
        QVERIFY(quiet.scalars.empty() && quiet.rows.empty());
    }
};

QTEST_APPLESS_MAIN(TestLayerCircuitEstimate)
#include "test_layer_circuit_estimate.moc"
