// Test helpers: a sink that keeps every series in memory.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/sim/Frames.h"

struct RecordedSeries {
    std::vector<ms::Column> columns;
    std::vector<std::vector<double>> rows;
    int column(const std::string& name) const {
        for (std::size_t k = 0; k < columns.size(); ++k)
            if (columns[k].name == name) return static_cast<int>(k);
        return -1;
    }
};

class RecordingSink final : public ms::CheckedSink {
public:
    std::map<std::string, RecordedSeries> series;
    std::map<std::string, double> scalars;
    std::vector<std::string> logs;
    void onBeginSeries(const std::string& id, const std::vector<ms::Column>& columns) override {
        series[id] = RecordedSeries{columns, {}};
    }
    void onRows(const std::string& id, const double* data, std::size_t rows) override {
        auto& s = series[id];
        const std::size_t w = s.columns.size();
        for (std::size_t r = 0; r < rows; ++r) s.rows.emplace_back(data + r * w, data + (r + 1) * w);
    }
    void scalar(const std::string& key, double value, const std::string&) override { scalars[key] = value; }
    void log(ms::LogLevel, const std::string& text) override { logs.push_back(text); }
};
