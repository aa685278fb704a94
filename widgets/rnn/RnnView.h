// The recurrent-network view (issue 17, docs/rnn.md): training and test loss
// and the test accuracy (or NRMSE) growing per epoch while the run trains, the
// prediction against its target for a series, and the hidden state and the
// LSTM's or GRU's gate activations over the steps of one test sequence as heatmaps, and
// the conductance map of the recurrent tile (its gates in row blocks) when the
// weights are on devices.
#pragma once

#include "widgets/ResultView.h"

class QGridLayout;

namespace ms::gui {

class CrossbarHeatmap;
class FiguresTable;

class RnnView : public ResultView {
    Q_OBJECT
public:
    static QStringList kindIds() { return {"rnn_sequence"}; }
    explicit RnnView(DocumentModel* document, QWidget* parent = nullptr);

    void follow(ExperimentRunner* runner) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // For tests.
    QCustomPlot* lossPlot() const { return loss_; }
    QCustomPlot* scorePlot() const { return score_; }
    QCustomPlot* predictionPlot() const { return prediction_; }
    CrossbarHeatmap* hiddenMap() const { return hidden_; }
    CrossbarHeatmap* gatesMap() const { return gates_; }
    CrossbarHeatmap* conductanceMap() const { return conductance_; }

private:
    void redraw();
    void layoutPanels();

    QCustomPlot *loss_, *score_, *prediction_;
    CrossbarHeatmap *hidden_, *gates_, *conductance_;
    FiguresTable* figures_;
    QGridLayout* grid_;
};

}  // namespace ms::gui
