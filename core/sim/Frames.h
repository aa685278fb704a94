// What engines stream: result frames into a sink, and a stop token they poll.
// Engines know nothing of Qt, threads or plots (README.md, Layout); app/ adapts
// a sink to queued signals, memstudio-cli to CSV files, tests to vectors.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "core/sim/SeriesLedger.h"

namespace ms {

struct Column {
    std::string name;  // "t", "v", "i", "x", "R"
    std::string unit;  // "s", "V", "A", "", "ohm"
};

enum class LogLevel { Info, Warning, Error };

class FrameSink {
public:
    virtual ~FrameSink() = default;
    // Declares a series before its first rows. `seriesId` is unique within one
    // experiment run, e.g. "iv" or "iv@10Hz".
    virtual void beginSeries(const std::string& seriesId, const std::vector<Column>& columns) = 0;
    // Appends `rows` rows, row-major, each with as many values as declared columns.
    virtual void appendRows(const std::string& seriesId, const double* data, std::size_t rows) = 0;
    // A key figure of the run (peak current, R range, loop area, Gmax/Gmin ...).
    virtual void scalar(const std::string& key, double value, const std::string& unit) = 0;
    virtual void log(LogLevel level, const std::string& text) = 0;
    // Fraction of the run done, 0..1.
    virtual void progress(double fraction) = 0;
};

// A sink that keeps the series contract (SeriesLedger) before it sees a
// frame: every sink that records, in the tests as in the studio, derives from
// it, so none accepts what memstudio-cli's CSV sink refuses. Subclasses
// override what they keep; the rest is dropped.
class CheckedSink : public FrameSink {
public:
    void beginSeries(const std::string& id, const std::vector<Column>& columns) final {
        ledger_.declare(id, columns.size());
        onBeginSeries(id, columns);
    }
    void appendRows(const std::string& id, const double* data, std::size_t rows) final {
        ledger_.columns(id);
        onRows(id, data, rows);
    }
    void scalar(const std::string&, double, const std::string&) override {}
    void log(LogLevel, const std::string&) override {}
    void progress(double) override {}

protected:
    virtual void onBeginSeries(const std::string&, const std::vector<Column>&) {}
    virtual void onRows(const std::string&, const double*, std::size_t) {}
    std::size_t columnsOf(const std::string& id) const { return ledger_.columns(id); }

private:
    SeriesLedger ledger_;
};

// A sink that drops everything (and still refuses what every sink refuses).
class NullSink final : public CheckedSink {};

class StopToken {
public:
    void requestStop() { stop_.store(true, std::memory_order_relaxed); }
    bool stopRequested() const { return stop_.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> stop_{false};
};

}  // namespace ms
