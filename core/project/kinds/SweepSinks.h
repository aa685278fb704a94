// A sink adapter for kinds that run an engine several times (a sweep) or that
// publish their own figures: forwards series and logs, maps each run's
// progress into its share of the whole, and drops the engine's own scalars
// so that the kind alone decides the names of its key figures.
#pragma once

#include "core/sim/Frames.h"

namespace ms {

class RunShareSink final : public FrameSink {
public:
    RunShareSink(FrameSink& target, std::size_t run, std::size_t runs) : target_(target), run_(run), runs_(runs) {}
    void beginSeries(const std::string& id, const std::vector<Column>& columns) override { target_.beginSeries(id, columns); }
    void appendRows(const std::string& id, const double* data, std::size_t rows) override {
        target_.appendRows(id, data, rows);
    }
    void scalar(const std::string&, double, const std::string&) override {}
    void log(LogLevel level, const std::string& text) override { target_.log(level, text); }
    void progress(double fraction) override {
        target_.progress((static_cast<double>(run_) + fraction) / static_cast<double>(runs_));
    }

private:
    FrameSink& target_;
    std::size_t run_, runs_;
};

}  // namespace ms
