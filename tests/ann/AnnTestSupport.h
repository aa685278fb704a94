// Shared set-up for the ANN suites: digits, 70/30 split (seed 0), pixels / 16,
// as in the baselines of /work/shared/data/README.md.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/ann/AnnTraining.h"
#include "core/data/Dataset.h"
#include "core/sim/Frames.h"

namespace anntest {

// Keeps every series, row-major, and the last value of every scalar.
struct Recorder final : ms::CheckedSink {
    std::map<std::string, std::vector<ms::Column>> columns;
    std::map<std::string, std::vector<double>> data;
    std::map<std::string, double> scalars;
    void onBeginSeries(const std::string& id, const std::vector<ms::Column>& c) override { columns[id] = c; }
    void onRows(const std::string& id, const double* d, std::size_t rows) override {
        data[id].insert(data[id].end(), d, d + rows * columns[id].size());
    }
    void scalar(const std::string& k, double v, const std::string&) override { scalars[k] = v; }
    std::size_t rows(const std::string& id) { return columns[id].empty() ? 0 : data[id].size() / columns[id].size(); }
    double at(const std::string& id, std::size_t row, std::size_t col) { return data[id][row * columns[id].size() + col]; }
};

inline const ms::Split& digits() {
    static const ms::Split s = [] {
        ms::Dataset d = ms::loadDigitsCsv(std::string(MS_SOURCE_DIR) + "/resources/data/digits.csv.gz");
        ms::scaleFeatures(d, 16.0);
        return ms::splitDataset(d, 0.3, 0);
    }();
    return s;
}

inline ms::AnnRunResult run(const ms::AnnRunSpec& spec) {
    ms::NullSink sink;
    ms::StopToken stop;
    return ms::runAnnTraining(spec, digits(), sink, stop);
}

// In situ 64-32-10 on a NeuroSim device with c2c off: the sweeps' base.
inline ms::AnnRunSpec inSituBase(int epochs = 8) {
    ms::AnnRunSpec s;
    s.training.mode = ms::TrainingMode::InSitu;
    s.training.epochs = epochs;
    s.training.seed = 1;
    s.analog.synapseModel = "neurosim_nl";
    s.analog.synapseParams = {{"NL_LTP", 0}, {"NL_LTD", 0}, {"levelsLTP", 100}, {"levelsLTD", 100}, {"c2c", 0}};
    return s;
}

}  // namespace anntest
