// Cursors on a plot, as on a scope: hovering shows the nearest data point;
// a click pins cursor A there, a second click pins B, and the readout gives
// both points with Δx, Δy and the slope Δy/Δx (e.g. a loop's chord
// resistance). A third click starts again; a right click or Escape clears.
// With both cursors on one trace, the readout also measures the trace between
// them as a waveform viewer does (core/common/WaveformMeasures.h): mean, RMS,
// min, max, peak-to-peak, integral (q from i, phi from v), rise and fall
// times and period.
#pragma once

#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>

class QCustomPlot;
class QCPAbstractPlottable;
class QCPAxis;
class QCPItemText;
class QCPItemTracer;
class QMouseEvent;

namespace ms::gui {

class PlotCursors : public QObject {
    Q_OBJECT
public:
    explicit PlotCursors(QCustomPlot* plot);

    int pinnedCount() const { return pinned_; }
    // The pinned readout text ("" with no pin).
    QString readout() const;
    // Pins at the data point nearest to this widget position; false if none is
    // near (within 40 px). What a left click does.
    bool pinNearest(const QPointF& widgetPos);
    void clearPins();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Nearest {
        bool found = false;
        double x = 0, y = 0;
        QCPAxis *xAxis = nullptr, *yAxis = nullptr;
        QCPAbstractPlottable* plottable = nullptr;
    };
    QStringList measureLines() const;
    void placeReadout();
    Nearest nearest(const QPointF& pos) const;
    void onMove(QMouseEvent* event);
    void updateReadout();

    QCustomPlot* plot_;
    QCPItemTracer* hover_;
    QCPItemText* hoverText_;
    QCPItemTracer* pins_[2];
    QCPItemText* pinLabels_[2];
    QCPItemText* readout_;
    Nearest pinnedAt_[2];
    int pinned_ = 0;
    QPointF pressPos_;
    bool ignoreRelease_ = false;
};

}  // namespace ms::gui
