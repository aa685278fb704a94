// One figure of a study's finished points, gathered for a plot: against the
// first axis, one curve per combination of the other axes, each point the
// mean over seeds with its sample standard deviation (error bars). A figure a
// point did not report, or reported as inf/nan, is left out of that mean.
#pragma once

#include <string>
#include <vector>

#include "core/study/Study.h"
#include "core/study/StudyResults.h"

namespace ms::study {

struct AggregatePoint {
    double x = 0;        // the first axis value; its index for non-numeric values
    double mean = 0;
    double stddev = 0;   // sample (n - 1); 0 for one seed
    std::size_t n = 0;   // seeds that reported the figure
};

struct AggregateCurve {
    std::string label;   // "bias = v2, r_wire (ohm) = 10" (empty with one axis)
    std::vector<AggregatePoint> points;  // in the first axis's order
};

struct Aggregate {
    std::string xLabel;                  // the first axis's label ("" without axes)
    std::vector<std::string> xTicks;     // text of each first-axis value
    bool xNumeric = true;                // every first-axis value is a number
    std::string unit;                    // the figure's unit
    std::vector<AggregateCurve> curves;
};

// Every figure key the records report, in order of first appearance.
std::vector<std::string> figureKeys(const std::vector<PointRecord>& records);

Aggregate aggregateFigure(const Study& study, const std::vector<PointRecord>& records, const std::string& key);

}  // namespace ms::study
