// Helpers shared by the sim test suites: a sink that keeps everything, and
// shorthands to build registry devices and drives.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/devices/ModelRegistry.h"
#include "core/sim/DeviceTransient.h"
#include "core/sim/Frames.h"
#include "core/sim/Stimulus.h"

namespace mstest {

struct Series {
    std::vector<ms::Column> columns;
    std::vector<double> data;  // row-major
    std::size_t rows() const { return columns.empty() ? 0 : data.size() / columns.size(); }
    double at(std::size_t row, std::size_t col) const { return data[row * columns.size() + col]; }
};

class RecordingSink final : public ms::CheckedSink {
public:
    std::map<std::string, Series> series;
    std::map<std::string, double> scalars;
    std::vector<double> progressValues;
    void onBeginSeries(const std::string& id, const std::vector<ms::Column>& columns) override {
        series[id] = Series{columns, {}};
    }
    void onRows(const std::string& id, const double* data, std::size_t rows) override {
        auto& s = series[id];
        s.data.insert(s.data.end(), data, data + rows * s.columns.size());
    }
    void scalar(const std::string& key, double value, const std::string&) override { scalars[key] = value; }
    void progress(double f) override { progressValues.push_back(f); }
};

inline std::unique_ptr<ms::MemristorModel> hpDevice(const std::string& window = "none", double p = 1) {
    ms::DeviceSpec spec;
    spec.modelId = "linear_ion_drift";
    spec.presetId = "hp_tio2";
    ms::WindowChoice w;
    w.id = window;
    if (window != "none" && window != "strukov") w.params["p"] = p;
    spec.window = w;
    return ms::instantiateDevice(spec);
}

inline std::unique_ptr<ms::Stimulus> makeDrive(const std::string& id, const ms::ParamValues& overrides,
                                               const std::vector<std::pair<double, double>>& points = {}) {
    const ms::StimulusInfo* info = ms::stimulusRegistry().find(id);
    if (!info) return nullptr;
    return info->create(ms::withDefaults(info->params, overrides), points);
}

inline std::unique_ptr<ms::Stimulus> sine(double amplitude, double frequency, double cycles = 1) {
    return makeDrive("sine", {{"amplitude", amplitude}, {"frequency", frequency}, {"cycles", cycles}});
}

}  // namespace mstest
