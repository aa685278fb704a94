// Helpers shared by the SNN suites that run experiments through their kinds:
// a sink that keeps every series and figure (as strict as memstudio-cli's,
// being a CheckedSink), the example projects, and an experiment to edit.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "core/sim/Frames.h"

namespace snntest {

struct Series {
    std::vector<ms::Column> columns;
    std::vector<double> data;  // row-major
    std::size_t rows() const { return columns.empty() ? 0 : data.size() / columns.size(); }
    int col(const std::string& name) const {
        for (std::size_t k = 0; k < columns.size(); ++k)
            if (columns[k].name == name) return static_cast<int>(k);
        return -1;
    }
    double at(std::size_t r, const std::string& name) const {
        const int c = col(name);
        if (c < 0) throw std::runtime_error("no column " + name);
        return data[r * columns.size() + static_cast<std::size_t>(c)];
    }
};

class CaptureSink final : public ms::CheckedSink {
public:
    std::map<std::string, Series> series;
    std::map<std::string, double> scalars;
    double lastProgress = 0;
    std::map<std::string, double> progressAtFirstRow;  // progress when each series got its first row
    void onBeginSeries(const std::string& id, const std::vector<ms::Column>& c) override { series[id].columns = c; }
    void onRows(const std::string& id, const double* d, std::size_t rows) override {
        auto& s = series.at(id);
        progressAtFirstRow.try_emplace(id, lastProgress);
        s.data.insert(s.data.end(), d, d + rows * s.columns.size());
    }
    void scalar(const std::string& k, double v, const std::string&) override { scalars[k] = v; }
    void progress(double f) override { lastProgress = f; }
};

// An example project from projects/.
inline ms::Project load(const std::string& name) {
    return ms::loadProjectFile(std::string(MS_SOURCE_DIR "/projects/") + name);
}

inline CaptureSink run(const ms::Project& p, const std::string& id) {
    CaptureSink sink;
    ms::StopToken stop;
    ms::runExperiment(p, id, sink, stop);
    return sink;
}

// The experiment object with this id, for editing a copy.
inline nlohmann::json& experiment(ms::Project& p, const std::string& id) {
    for (auto& e : p.tree()["experiments"])
        if (e["id"] == id) return e;
    throw std::runtime_error("no experiment " + id);
}

}  // namespace snntest
