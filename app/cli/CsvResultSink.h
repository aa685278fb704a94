// The CLI's frame sink: every series streams into its own CSV file (a header
// row "t (s),v (V),i (A),x,R (ohm)" then one row per sample), key figures and
// log lines are collected for summary.json.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/sim/Frames.h"
#include "core/sim/SeriesLedger.h"

namespace ms::cli {

struct Figure {
    std::string key;
    double value;
    std::string unit;
};

struct SeriesFile {
    std::string id;
    std::string file;  // name inside the output directory
    std::vector<Column> columns;
    std::size_t rows = 0;
};

class CsvResultSink final : public FrameSink {
public:
    // Files are named "<experimentId>.<seriesId>.csv" inside `directory`.
    CsvResultSink(std::filesystem::path directory, std::string experimentId, bool echoLog);
    ~CsvResultSink() override;

    void beginSeries(const std::string& seriesId, const std::vector<Column>& columns) override;
    void appendRows(const std::string& seriesId, const double* data, std::size_t rows) override;
    void scalar(const std::string& key, double value, const std::string& unit) override;
    void log(LogLevel level, const std::string& text) override;
    void progress(double) override {}

    // Flushes and closes every file; throws InputError if a write failed.
    void finish();

    const std::vector<Figure>& figures() const { return figures_; }
    const std::vector<SeriesFile>& series() const { return series_; }
    const std::vector<std::string>& logLines() const { return log_; }

    static std::string columnHeader(const Column& c);  // "t (s)", "x"
    static std::string fileNameFor(const std::string& experimentId, const std::string& seriesId);

private:
    struct Open {
        std::size_t index;  // into series_
        std::unique_ptr<std::ofstream> out;
    };
    std::filesystem::path directory_;
    std::string experimentId_;
    bool echoLog_;
    std::vector<Figure> figures_;
    std::vector<SeriesFile> series_;
    SeriesLedger ledger_;
    std::map<std::string, Open> open_;
    std::vector<std::string> log_;
};

}  // namespace ms::cli
