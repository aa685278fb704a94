// Navigation every studio plot shares, as in a waveform viewer: a double
// click resets the view to the data that is there, a drag with the right
// mouse button zooms to the rubber band drawn (the left button still pans,
// the wheel still zooms), and hovering over a heatmap (QCPColorMap) shows the
// cell's value with its unit. stylePlot() installs it; a plot styled by hand
// calls installPlotNavigation().
#pragma once

#include <QObject>
#include <QPoint>
#include <QString>

class QCustomPlot;
class QCPItemText;
class QRubberBand;

namespace ms::gui {

class PlotNavigation : public QObject {
    Q_OBJECT
public:
    explicit PlotNavigation(QCustomPlot* plot);

    // Every axis of every axis rect rescaled to the visible plottables' finite data.
    static void resetView(QCustomPlot* plot);
    // Zooms the axis rect under the rectangle's centre to it (widget pixels).
    void zoomTo(const QRect& pixels);
    // "row 3, column 5: G = 12.5 µS" for the heatmap cell under this widget
    // position; empty when no heatmap is there.
    QString heatmapReadout(const QPointF& pos) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showHeatmapHover(const QPointF& pos);

    QCustomPlot* plot_;
    QRubberBand* band_ = nullptr;
    QPoint bandOrigin_;
    bool banding_ = false;
    QCPItemText* heatText_ = nullptr;
};

// Installs PlotNavigation and LegendPlacement once per plot (a second call does nothing).
PlotNavigation* installPlotNavigation(QCustomPlot* plot);

}  // namespace ms::gui
