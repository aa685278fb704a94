// The "ANN on crossbars" tab (issue 6): follows ann_training and ann_sweep
// runs. Training: test/train accuracy and loss per epoch (live), the final
// confusion matrix, the conductance map of a chosen layer as it changes during
// training, and the conductance histogram (beside it, a device synapse's
// measured pulse curve). Finished runs can be pinned as
// overlays (ideal vs NL = 2 vs NL = 5 ...; auto-pinning keeps every finished
// run) and are listed in the legends. Sweeps: accuracy vs the swept parameter
// with error bars (sample standard deviation over seeds), overlays likewise.
#pragma once

#include <QString>
#include <QVector>

#include <map>
#include <vector>

#include "widgets/ResultView.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QCPColorMap;
class QCPErrorBars;

namespace ms::gui {

class FiguresTable;
class AnnCircuitEstimatesTable;
struct SeriesBuffer;

class AnnView : public ResultView {
    Q_OBJECT
public:
    explicit AnnView(DocumentModel* document, QWidget* parent = nullptr);
    void follow(ExperimentRunner* runner) override;
    void showExperiment(const QString& pointer) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // For tests and the screenshot mode.
    QVector<QPointF> testAccuracyCurve() const;  // (epoch, %) of the current run
    int confusionTotal() const;                  // sum of the confusion matrix shown
    int heatmapUpdates() const { return heatmapUpdates_; }
    double heatmapTime() const { return heatmapTime_; }  // training time (epochs) of the map shown
    int overlayCount() const { return static_cast<int>(overlays_.size()); }
    QVector<QPointF> sweepCurve() const;         // (value, mean %) of the current sweep
    QCustomPlot* pulseCurvePlot() const { return pulseCurve_; }
    bool pulseCurveShown() const;                // its tab is enabled and current
    bool conductancePanelsShown() const;         // the conductance map and histogram row
    QString omittedPanels() const;               // the note naming panels left out ("" if none)
    // Every point (and error bar end) of the accuracy, loss and sweep plots, overlays
    // included, lies inside its axes' ranges; `why` names the first that does not.
    bool everyPointVisible(QString* why = nullptr) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

public slots:
    void pinCurrentRun();
    void clearOverlays();

private:
    struct Run {
        QString label;
        QVector<double> epoch, testAcc, trainAcc, loss;
        QVector<double> sweepValue, sweepMean, sweepStd;
        bool sweep = false;
    };
    struct LayerMaps {
        int series = -1;
        int rows = 0, cols = 0;
    };
    void onRows(int index, qsizetype first, qsizetype count);
    void addPulseCurveRows(const SeriesBuffer& s, qsizetype first, qsizetype count);
    void redraw();
    void rebuildOverlays();
    void updateHeatmap();
    void updateHistogram();
    void updateConfusion();
    // The map and histogram row, hidden (with a note) when a finished run took no snapshot.
    void showConductancePanels(bool runFinished);
    QString runLabel(const QString& experimentId) const;

    DocumentModel* doc_;
    ExperimentRunner* runner_ = nullptr;
    bool following_ = false;
    QString kind_, experimentId_;
    Run current_;
    std::vector<Run> overlays_;
    int epochsSeries_ = -1, confusionSeries_ = -1, histogramSeries_ = -1, sweepSeries_ = -1, shapesSeries_ = -1,
        pulseCurveSeries_ = -1;
    std::map<int, LayerMaps> layers_;  // layer index -> its g_layer series
    int heatmapUpdates_ = 0;
    double heatmapTime_ = -1;
    bool dirtyMaps_ = false;

    QStackedWidget* pages_;
    QCustomPlot *accuracy_, *loss_, *confusion_, *heatmap_, *histogram_, *pulseCurve_, *sweep_;
    QTabWidget* deviceTabs_;
    QWidget* heatBox_ = nullptr;
    QLabel* omitted_ = nullptr;
    QCPColorMap *confusionMap_, *heatMap_;
    QComboBox *layerBox_, *quantityBox_;
    QCheckBox* autoPin_;
    QLabel* heatmapLabel_;
    FiguresTable* figures_;
    AnnCircuitEstimatesTable* circuitTable_;
    int circuitSeries_ = -1;  // "circuit_estimates": one row per layer
};

}  // namespace ms::gui
