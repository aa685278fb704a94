// The reservoir-computing view (issue 17, docs/reservoir.md): the volatile
// devices' states over one input as a heatmap (device x time), the reservoir
// states of the test inputs (input x feature), the first test digit or the
// Mackey-Glass prediction against its target, and a table of the readouts'
// scores (reservoir, raw inputs, no short-term memory) beside the figures.
#pragma once

#include "widgets/ResultView.h"

class QTableWidget;

namespace ms::gui {

class CrossbarHeatmap;
class FiguresTable;

class ReservoirView : public ResultView {
    Q_OBJECT
public:
    static QStringList kindIds() { return {"reservoir"}; }
    explicit ReservoirView(DocumentModel* document, QWidget* parent = nullptr);

    void follow(ExperimentRunner* runner) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // For tests.
    CrossbarHeatmap* deviceTraceMap() const { return trace_; }
    CrossbarHeatmap* statesMap() const { return states_; }
    CrossbarHeatmap* inputMap() const { return input_; }
    QCustomPlot* predictionPlot() const { return prediction_; }
    QTableWidget* readoutTable() const { return readouts_; }

private:
    void redraw();

    CrossbarHeatmap *trace_, *states_, *input_;
    QCustomPlot* prediction_;
    QTableWidget* readouts_;
    FiguresTable* figures_;
};

}  // namespace ms::gui
