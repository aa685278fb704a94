// Shared set-up for the ANN suites: digits, 70/30 split (seed 0), pixels / 16,
// as in the baselines of /work/shared/data/README.md.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/ann/AnnTraining.h"
#include "core/data/Dataset.h"
#include "core/sim/Frames.h"
#include "tests/support/ProjectRecorder.h"

namespace anntest {

// Keeps every series, row-major, and the last value of every scalar.
using Recorder = mstest::ProjectRecorder;

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
