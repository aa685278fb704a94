// Legends that never cover data. Before each replot a visible inset legend
// moves to the corner of its axis rect that the data cross least (counted from
// the plotted points and the lines between them); when every corner holds data
// it moves out of the axis rect, into a strip under it. Names longer than the
// room a legend has are elided, and hovering over an entry shows the full name.
// A view that placed the legend itself keeps its corner while that corner is
// free of data. Installed on every plot by installPlotNavigation().
#pragma once

#include <QObject>
#include <QRectF>

class QCustomPlot;

namespace ms::gui {

class LegendPlacement : public QObject {
    Q_OBJECT
public:
    explicit LegendPlacement(QCustomPlot* plot);

    // Elides the names and places the legend now (also done before each replot).
    void place();
    // How many plotted points, and line segments between them, fall inside
    // this rectangle (widget pixels) of the plot.
    static int dataInside(QCustomPlot* plot, const QRectF& pixels);
    // The legend entry's full name under this position ("" if none).
    QString fullNameAt(const QPointF& pos) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void elideNames();
    // As many columns as the widest entry allows, for a legend moved under the axis rect.
    void fitColumns();

    QCustomPlot* plot_;
    bool placing_ = false;
};

}  // namespace ms::gui
