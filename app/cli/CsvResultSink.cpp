#include "app/cli/CsvResultSink.h"

#include <charconv>
#include <iostream>

#include "core/common/Errors.h"

namespace ms::cli {

CsvResultSink::CsvResultSink(std::filesystem::path directory, std::string experimentId, bool echoLog)
    : directory_(std::move(directory)), experimentId_(std::move(experimentId)), echoLog_(echoLog) {}

CsvResultSink::~CsvResultSink() = default;

std::string CsvResultSink::columnHeader(const Column& c) {
    return c.unit.empty() ? c.name : c.name + " (" + c.unit + ")";
}

std::string CsvResultSink::fileNameFor(const std::string& experimentId, const std::string& seriesId) {
    return SeriesLedger::fileSafe(experimentId + "." + seriesId) + ".csv";
}

void CsvResultSink::beginSeries(const std::string& seriesId, const std::vector<Column>& columns) {
    ledger_.declare(seriesId, columns.size());
    SeriesFile s{seriesId, fileNameFor(experimentId_, seriesId), columns, 0};
    auto out = std::make_unique<std::ofstream>(directory_ / s.file, std::ios::binary);
    if (!*out) throw InputError((directory_ / s.file).string(), "cannot create file");
    for (std::size_t c = 0; c < columns.size(); ++c) *out << (c ? "," : "") << columnHeader(columns[c]);
    *out << '\n';
    series_.push_back(s);
    open_[seriesId] = Open{series_.size() - 1, std::move(out)};
}

void CsvResultSink::appendRows(const std::string& seriesId, const double* data, std::size_t rows) {
    ledger_.columns(seriesId);  // refuses an undeclared series
    auto it = open_.find(seriesId);
    if (it == open_.end()) throw SimulationError("rows for series '" + seriesId + "' after the run finished");
    SeriesFile& s = series_[it->second.index];
    std::ofstream& out = *it->second.out;
    const std::size_t cols = s.columns.size();
    // Shortest representation that reads back to the same double.
    char buf[64];
    std::string line;
    for (std::size_t r = 0; r < rows; ++r) {
        line.clear();
        for (std::size_t c = 0; c < cols; ++c) {
            if (c) line += ',';
            auto res = std::to_chars(buf, buf + sizeof buf, data[r * cols + c]);
            line.append(buf, res.ptr);
        }
        line += '\n';
        out.write(line.data(), static_cast<std::streamsize>(line.size()));
    }
    s.rows += rows;
}

void CsvResultSink::scalar(const std::string& key, double value, const std::string& unit) {
    for (auto& f : figures_)
        if (f.key == key) {
            f.value = value;
            f.unit = unit;
            return;
        }
    figures_.push_back({key, value, unit});
}

void CsvResultSink::log(LogLevel level, const std::string& text) {
    const char* tag = level == LogLevel::Error ? "error: " : level == LogLevel::Warning ? "warning: " : "";
    log_.push_back(std::string(tag) + text);
    if (echoLog_ || level != LogLevel::Info) std::cerr << "  " << experimentId_ << ": " << tag << text << '\n';
}

void CsvResultSink::finish() {
    for (auto& [id, o] : open_) {
        o.out->flush();
        const bool ok = o.out->good();
        o.out->close();
        if (!ok) throw InputError((directory_ / series_[o.index].file).string(), "write failed (disk full?)");
    }
    open_.clear();
}

}  // namespace ms::cli
