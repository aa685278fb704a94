#include "widgets/study/StudyPlot.h"

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "core/study/StudyAggregate.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

void drawStudyFigure(QCustomPlot* plot, const ms::study::Aggregate& a, const QString& figureName) {
    plot->clearPlottables();
    static const QColor colours[] = {{31, 100, 180}, {214, 96, 24}, {44, 150, 60}, {170, 40, 150},
                                     {120, 120, 120}, {190, 160, 0}, {20, 160, 170}, {150, 60, 40}};
    double lo = 0, hi = 0;
    bool any = false;
    for (const auto& c : a.curves)
        for (const auto& p : c.points) {
            lo = any ? std::min(lo, p.x) : p.x;
            hi = any ? std::max(hi, p.x) : p.x;
            any = true;
        }
    const bool logX = a.xNumeric && any && lo > 0 && hi / lo >= 100.0;
    styleAxis(plot->xAxis, a.xLabel.empty() ? QStringLiteral("point") : QString::fromStdString(a.xLabel), QString(), logX);
    styleAxis(plot->yAxis, figureName, QString::fromStdString(a.unit));
    if (!a.xNumeric) {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (std::size_t k = 0; k < a.xTicks.size(); ++k)
            ticker->addTick(static_cast<double>(k), QString::fromStdString(a.xTicks[k]));
        plot->xAxis->setTicker(ticker);
    }
    std::size_t k = 0;
    for (const auto& c : a.curves) {
        const QColor colour = colours[k++ % (sizeof colours / sizeof colours[0])];
        QVector<double> x, y, e;
        for (const auto& p : c.points) {
            x << p.x;
            y << p.mean;
            e << p.stddev;
        }
        auto* g = plot->addGraph();
        g->setPen(QPen(colour, 1.6));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, 6));
        g->setData(x, y);
        g->setName(c.label.empty() ? figureName : QString::fromStdString(c.label));
        auto* bars = new QCPErrorBars(plot->xAxis, plot->yAxis);
        bars->setDataPlottable(g);
        bars->setData(e);
        bars->setPen(QPen(colour, 1.2));
        bars->removeFromLegend();
    }
    plot->legend->setVisible(a.curves.size() > 1);
    plot->rescaleAxes();
    if (!a.xNumeric) plot->xAxis->setRange(-0.5, static_cast<double>(a.xTicks.size()) - 0.5);
    else if (any && lo == hi) plot->xAxis->setRange(lo - 1, hi + 1);
    // A figure that hardly moves gets a range of +-1 % of its value (or +-1),
    // not a magnified rounding error.
    const double centre = plot->yAxis->range().center();
    const double least = centre != 0 ? 0.02 * std::abs(centre) : 2.0;
    if (plot->yAxis->range().size() < least) plot->yAxis->setRange(centre - least / 2, centre + least / 2);
    else plot->yAxis->scaleRange(1.12, centre);
    if (a.xNumeric && !logX && any && lo != hi) plot->xAxis->scaleRange(1.06, plot->xAxis->range().center());
    plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace ms::gui
