// Shared plot helpers (QCustomPlot 2.1): SI-prefixed tick labels, the house
// style, export to PNG/SVG/PDF, and hover cursors with readouts. Only plot
// implementation files include this (it pulls in qcustomplot.h).
#pragma once

#include <QString>
#include <qcustomplot.h>

namespace ms::gui {

// Tick labels "50 µA", "16 kΩ" instead of "5e-05".
class SiTicker : public QCPAxisTicker {
public:
    explicit SiTicker(QString unit) : unit_(std::move(unit)) {}

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;

private:
    QString unit_;
};

class SiLogTicker : public QCPAxisTickerLog {
public:
    explicit SiLogTicker(QString unit) : unit_(std::move(unit)) {}

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;

private:
    QString unit_;
};

// `label` is the symbol readouts use ("v"); `quantity`, if given, is written
// before it on the axis ("voltage v").
void styleAxis(QCPAxis* axis, const QString& label, const QString& unit, bool log = false,
               const QString& quantity = QString());
// Also installs the shared navigation (double-click reset, right-drag zoom,
// heatmap hover) and legend placement: PlotNavigation.h, LegendPlacement.h.
void stylePlot(QCustomPlot* plot, const QString& title);

// By extension: .png, .svg, .pdf. False with a message on failure.
bool exportPlot(QCustomPlot* plot, const QString& path, QString* error);

class PlotCursors;
// Hover readout of the nearest data point, and pinned cursors A and B with
// Δ readouts (PlotCursors.h), on a buffered layer so moving the mouse
// repaints only that layer. The plot owns the returned object.
PlotCursors* installHoverCursor(QCustomPlot* plot);

}  // namespace ms::gui
