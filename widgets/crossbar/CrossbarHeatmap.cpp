#include "widgets/crossbar/CrossbarHeatmap.h"

#include <cmath>

#include <QVBoxLayout>

#include "widgets/plots/PlotNavigation.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

namespace {

// Perceptually uniform for magnitudes (matplotlib's viridis stops), and a
// blue-white-red diverging map for signed quantities centred on zero.
QCPColorGradient viridis() {
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(68, 1, 84));
    g.setColorStopAt(0.25, QColor(59, 82, 139));
    g.setColorStopAt(0.5, QColor(33, 145, 140));
    g.setColorStopAt(0.75, QColor(94, 201, 98));
    g.setColorStopAt(1.0, QColor(253, 231, 37));
    return g;
}

QCPColorGradient diverging() {
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(59, 76, 192));
    g.setColorStopAt(0.5, QColor(245, 245, 245));
    g.setColorStopAt(1.0, QColor(180, 4, 38));
    return g;
}

}  // namespace

CrossbarHeatmap::CrossbarHeatmap(const QString& title, QWidget* parent) : QWidget(parent) {
    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    plot_ = new QCustomPlot(this);
    plot_->setMinimumSize(240, 200);
    installPlotNavigation(plot_);  // reset, zoom and the cell's value on hover
    l->addWidget(plot_);
    plot_->plotLayout()->insertRow(0);
    title_ = new QCPTextElement(plot_, title, QFont(plot_->font().family(), 9, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, title_);
    for (QCPAxis* a : {plot_->xAxis, plot_->yAxis}) {
        QSharedPointer<QCPAxisTickerFixed> t(new QCPAxisTickerFixed);
        t->setTickStep(1.0);
        t->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        a->setTicker(t);
        a->grid()->setVisible(false);
        QFont f = a->tickLabelFont();
        f.setPointSize(8);
        a->setTickLabelFont(f);
        f.setPointSize(9);
        a->setLabelFont(f);
    }
    plot_->xAxis->setLabel(tr("column j"));
    plot_->yAxis->setLabel(tr("row i"));
    plot_->yAxis->setRangeReversed(true);  // row 0 at the top, as the array is drawn
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setInterpolate(false);
    map_->setTightBoundary(false);
    scale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(1, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->setBarWidth(12);
    map_->setColorScale(scale_);
    auto* group = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    mark_ = new QCPItemRect(plot_);
    mark_->setPen(QPen(QColor(255, 40, 200), 2.5));
    mark_->setBrush(Qt::NoBrush);
    mark_->setVisible(false);
    mark_->setLayer("overlay");
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        if (!hasMap() || e->button() != Qt::LeftButton) return;
        const double x = plot_->xAxis->pixelToCoord(e->position().x()), y = plot_->yAxis->pixelToCoord(e->position().y());
        const int col = int(std::lround(x)), row = int(std::lround(y));
        if (row >= 0 && row < rows_ && col >= 0 && col < cols_ && plot_->axisRect()->rect().contains(e->pos()))
            emit cellClicked(row, col);
    });
    clearMap();
}

void CrossbarHeatmap::setAxisLabels(const QString& rows, const QString& columns) {
    plot_->yAxis->setLabel(rows);
    plot_->xAxis->setLabel(columns);
}

void CrossbarHeatmap::clearMap() {
    rows_ = cols_ = 0;
    map_->data()->clear();
    map_->setVisible(false);
    clearFlow();
    mark_->setVisible(false);
    plot_->xAxis->setRange(-0.5, 7.5);
    plot_->yAxis->setRange(-0.5, 7.5);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CrossbarHeatmap::setMap(const Eigen::MatrixXd& m, const QString& title, const QString& unit, bool signedScale) {
    rows_ = int(m.rows());
    cols_ = int(m.cols());
    if (!rows_ || !cols_) {
        clearMap();
        return;
    }
    title_->setText(title);
    auto* d = map_->data();
    d->setSize(cols_, rows_);
    // Cell centres at integer coordinates; a one-wide map gets a unit range so QCP can place it.
    d->setRange(QCPRange(0, std::max(cols_ - 1, 1)), QCPRange(0, std::max(rows_ - 1, 1)));
    double lo = m.minCoeff(), hi = m.maxCoeff();
    for (int i = 0; i < rows_; ++i)
        for (int j = 0; j < cols_; ++j) d->setCell(j, i, m(i, j));
    const bool logScale = !signedScale && lo > 0 && hi / lo > 20;
    QCPAxis* a = scale_->axis();
    styleAxis(a, title.section(' ', 0, 0), unit, logScale);
    a->setLabel(QString());
    if (signedScale) {
        const double r = std::max({std::fabs(lo), std::fabs(hi), 1e-300});
        lo = -r;
        hi = r;
        map_->setGradient(diverging());
    } else {
        map_->setGradient(viridis());
        if (hi <= lo) {  // a uniform map: give the scale some width
            const double pad = lo != 0 ? std::fabs(lo) * 0.05 : 1e-12;
            lo -= pad;
            hi += pad;
        }
    }
    map_->setDataScaleType(logScale ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    map_->setDataRange(QCPRange(lo, hi));
    map_->setVisible(true);
    plot_->xAxis->setRange(-0.5, cols_ - 0.5);
    plot_->yAxis->setRange(-0.5, rows_ - 0.5);
    // Too many ticks on big arrays: step so that about 8 labels show.
    for (auto [axis, n] : {std::pair{plot_->xAxis, cols_}, std::pair{plot_->yAxis, rows_}}) {
        auto t = axis->ticker().dynamicCast<QCPAxisTickerFixed>();
        if (t) t->setTickStep(std::max(1.0, std::ceil(n / 8.0)));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

double CrossbarHeatmap::cellValue(int row, int col) const { return map_->data()->cell(col, row); }

QPointF CrossbarHeatmap::cellCentre(int row, int col) const {
    return {plot_->xAxis->coordToPixel(col), plot_->yAxis->coordToPixel(row)};
}

void CrossbarHeatmap::setSelectedCell(int row, int col) {
    mark_->setVisible(row >= 0 && col >= 0);
    mark_->topLeft->setCoords(col - 0.5, row - 0.5);
    mark_->bottomRight->setCoords(col + 0.5, row + 0.5);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CrossbarHeatmap::clearFlow() {
    for (int k = plot_->itemCount() - 1; k >= 0; --k)
        if (plot_->item(k)->property("msFlow").toBool()) plot_->removeItem(k);
    flowSegments_ = 0;
}

void CrossbarHeatmap::setLineCurrents(const Eigen::MatrixXd& cell) {
    clearFlow();
    const Eigen::Index M = cell.rows(), N = cell.cols();
    if (M * N == 0 || M * N > 64 * 64) {
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    // Row segment (i, j): between nodes j-1 and j (j = 0: from the driver), carrying Σ_{k>=j} I(i,k).
    // Column segment (i, j): between nodes i and i+1 (i = M-1: into the terminal), carrying Σ_{k<=i} I(k,j).
    Eigen::MatrixXd rowI(M, N), colI(M, N);
    for (Eigen::Index i = 0; i < M; ++i) {
        double s = 0;
        for (Eigen::Index j = N - 1; j >= 0; --j) rowI(i, j) = (s += cell(i, j));
    }
    for (Eigen::Index j = 0; j < N; ++j) {
        double s = 0;
        for (Eigen::Index i = 0; i < M; ++i) colI(i, j) = (s += cell(i, j));
    }
    const double top = std::max(rowI.cwiseAbs().maxCoeff(), colI.cwiseAbs().maxCoeff());
    if (!(top > 0)) return;
    auto segment = [&](double x0, double y0, double x1, double y1, double current, const QColor& colour) {
        const double f = std::fabs(current) / top;
        if (f < 0.02) return;
        auto* line = new QCPItemLine(plot_);
        line->setProperty("msFlow", true);
        line->setLayer("overlay");
        line->setSelectable(false);
        QColor c = colour;
        c.setAlphaF(0.45 + 0.5 * f);
        line->setPen(QPen(c, 0.8 + 5.0 * f, Qt::SolidLine, Qt::RoundCap));
        line->start->setCoords(x0, y0);
        line->end->setCoords(x1, y1);
        ++flowSegments_;
    };
    const QColor rowColour(255, 140, 0), colColour(20, 20, 20);
    for (Eigen::Index i = 0; i < M; ++i)
        for (Eigen::Index j = 0; j < N; ++j) {
            segment(j == 0 ? -0.5 : double(j - 1), double(i), double(j), double(i), rowI(i, j), rowColour);
            segment(double(j), double(i), double(j), i == M - 1 ? double(M) - 0.5 : double(i + 1), colI(i, j), colColour);
        }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace ms::gui
