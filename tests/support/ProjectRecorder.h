// Runs an experiment of a project through the kind registry, as memstudio-cli
// and the studio do, into a sink that keeps everything: series (columns and
// rows) and scalars. It derives from CheckedSink, so it refuses what the
// CLI's CSV sink refuses (a lenient test sink once hid two failing examples).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "core/sim/Frames.h"

namespace mstest {

class ProjectRecorder final : public ms::CheckedSink {
public:
    std::map<std::string, std::vector<ms::Column>> columns;
    std::map<std::string, std::vector<double>> data;
    std::map<std::string, double> scalars;
    void onBeginSeries(const std::string& id, const std::vector<ms::Column>& c) override { columns[id] = c; }
    void onRows(const std::string& id, const double* d, std::size_t rows) override {
        data[id].insert(data[id].end(), d, d + rows * columns[id].size());
    }
    void scalar(const std::string& key, double value, const std::string&) override { scalars[key] = value; }
    std::size_t rows(const std::string& id) { return columns[id].empty() ? 0 : data[id].size() / columns[id].size(); }
    double at(const std::string& id, std::size_t row, std::size_t col) { return data[id][row * columns[id].size() + col]; }
};

// The path of a shipped example project.
inline std::string exampleProject(const char* name) { return std::string(MS_SOURCE_DIR) + "/projects/" + name; }

inline ProjectRecorder runRecorded(const ms::Project& p, const std::string& id) {
    ProjectRecorder r;
    ms::StopToken stop;
    ms::runExperiment(p, id, r, stop);
    return r;
}

}  // namespace mstest
