#include "widgets/rnn/RnnView.h"

#include <cmath>

#include <QGridLayout>
#include <Eigen/Dense>

#include "widgets/ExperimentRunner.h"
#include "widgets/FiguresTable.h"
#include "widgets/crossbar/CrossbarHeatmap.h"
#include "widgets/plots/PlotTools.h"
#include "qcustomplot.h"

namespace ms::gui {

namespace {

const SeriesBuffer* findSeries(const ExperimentRunner* runner, const char* id) {
    return findSeriesWithRows(runner->series(), id);
}

// The studio's plot style: navigation, hover cursors, legends off the data.
QCustomPlot* makePlot(const QString& title, const QString& x, const QString& y, QWidget* parent) {
    auto* p = new QCustomPlot(parent);
    stylePlot(p, title);
    styleAxis(p->xAxis, x, QString());
    styleAxis(p->yAxis, y, QString());
    installHoverCursor(p);
    p->legend->setVisible(true);
    return p;
}

QCPGraph* addGraph(QCustomPlot* p, const QString& name, const QColor& colour, double width = 1.5) {
    auto* g = p->addGraph();
    g->setName(name);
    g->setPen(QPen(colour, width));
    return g;
}

// Column `col` against column `xCol`, skipping NaN (the devices' row has no train loss).
void setColumn(QCPGraph* g, const SeriesBuffer& s, int xCol, int col, double scale = 1.0) {
    QVector<double> x, y;
    if (col >= 0 && xCol >= 0)
        for (std::size_t r = 0; r < s.rows(); ++r) {
            const double v = s.at(r, col);
            if (std::isnan(v)) continue;
            x << s.at(r, xCol);
            y << scale * v;
        }
    g->setData(x, y, true);
}

}  // namespace

RnnView::RnnView(DocumentModel* document, QWidget* parent) : ResultView(parent) {
    Q_UNUSED(document);
    grid_ = new QGridLayout(this);
    grid_->setContentsMargins(2, 2, 2, 2);
    grid_->setSpacing(2);
    loss_ = makePlot(tr("Loss"), tr("epoch"), tr("loss"), this);
    addGraph(loss_, tr("train"), QColor(0, 114, 178));
    addGraph(loss_, tr("test"), QColor(230, 159, 0));
    score_ = makePlot(tr("Test score"), tr("epoch"), tr("test accuracy (%)"), this);
    addGraph(score_, tr("test"), QColor(0, 158, 115), 2.0);
    score_->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
    prediction_ = makePlot(tr("Prediction"), tr("test step"), tr("x (scaled)"), this);
    addGraph(prediction_, tr("target"), Qt::black, 2.0);
    addGraph(prediction_, tr("prediction"), QColor(213, 94, 0), 1.2);
    hidden_ = new CrossbarHeatmap(tr("Hidden state h"), this);
    hidden_->setAxisLabels(tr("hidden unit"), tr("time step"));
    gates_ = new CrossbarHeatmap(tr("Gate activations"), this);
    gates_->setAxisLabels(tr("gate unit"), tr("time step"));
    conductance_ = new CrossbarHeatmap(tr("Recurrent tile G+ - G-"), this);
    conductance_->setAxisLabels(tr("output (gate unit)"), tr("input (x, h, bias)"));
    conductance_->setVisible(false);
    prediction_->setVisible(false);
    gates_->setVisible(false);
    figures_ = new FiguresTable(this);
    layoutPanels();
}

// The panels this run draws share the page (a classification run has no
// prediction, an Elman cell no gates, a float run no conductances): no
// empty cell is left where a hidden panel was. The figures take a free cell, or a column of their own.
void RnnView::layoutPanels() {
    QWidget* const panels[] = {loss_, score_, prediction_, hidden_, gates_, conductance_};
    std::vector<QWidget*> shown;
    for (QWidget* w : panels) {
        grid_->removeWidget(w);
        if (!w->isHidden()) shown.push_back(w);
    }
    grid_->removeWidget(figures_);
    for (int c = 0; c < 4; ++c) grid_->setColumnStretch(c, 0);
    const int n = static_cast<int>(shown.size()), columns = n <= 4 ? 2 : 3;
    for (int k = 0; k < n; ++k) grid_->addWidget(shown[static_cast<std::size_t>(k)], k / columns, k % columns);
    for (int c = 0; c < columns; ++c) grid_->setColumnStretch(c, 3);
    grid_->setRowStretch(0, 1);
    grid_->setRowStretch(1, 1);
    if (n < 2 * columns) {  // a cell is free: the figures take it
        grid_->addWidget(figures_, n / columns, n % columns);
        return;
    }
    grid_->addWidget(figures_, 0, columns, 2, 1);
    grid_->setColumnStretch(columns, 2);
}

QList<QCustomPlot*> RnnView::plots() const {
    return {loss_, score_, prediction_, hidden_->plot(), gates_->plot(), conductance_->plot()};
}

void RnnView::clear() {
    for (QCustomPlot* p : {loss_, score_, prediction_}) {
        for (int k = 0; k < p->graphCount(); ++k) p->graph(k)->data()->clear();
        p->replot(QCustomPlot::rpQueuedReplot);
    }
    hidden_->clearMap();
    gates_->clearMap();
    conductance_->clearMap();
    figures_->clearFigures();
}

void RnnView::follow(ExperimentRunner* runner) { followRuns(runner, kindIds(), figures_, [this] { redraw(); }); }

void RnnView::redraw() {
    if (!runner()) return;
    const bool before[] = {prediction_->isHidden(), gates_->isHidden(), conductance_->isHidden()};
    if (const auto* s = findSeries(runner(), "epochs")) {
        const int epoch = s->column("epoch");
        setColumn(loss_->graph(0), *s, epoch, s->column("train_loss"));
        setColumn(loss_->graph(1), *s, epoch, s->column("test_loss"));
        // Classes have an accuracy, series an NRMSE (the other column is NaN).
        const bool series = !std::isnan(s->at(0, s->column("test_nrmse")));
        score_->yAxis->setLabel(series ? tr("test NRMSE") : tr("test accuracy (%)"));
        setColumn(score_->graph(0), *s, epoch, s->column(series ? "test_nrmse" : "test_acc"), series ? 1.0 : 100.0);
        for (QCustomPlot* p : {loss_, score_}) {
            p->rescaleAxes();
            p->replot(QCustomPlot::rpQueuedReplot);
        }
    }
    const auto* pred = findSeries(runner(), "prediction");
    prediction_->setVisible(pred != nullptr);
    if (pred) {
        setColumn(prediction_->graph(0), *pred, 0, 1);
        setColumn(prediction_->graph(1), *pred, 0, 2);
        prediction_->rescaleAxes();
        prediction_->replot(QCustomPlot::rpQueuedReplot);
    }
    // (step, unit, h) rows, step-major: a unit x step map.
    if (const auto* s = findSeries(runner(), "hidden_state")) {
        int steps = 0, units = 0;
        for (std::size_t r = 0; r < s->rows(); ++r) {
            steps = std::max(steps, int(s->at(r, 0)) + 1);
            units = std::max(units, int(s->at(r, 1)) + 1);
        }
        Eigen::MatrixXd m = Eigen::MatrixXd::Zero(units, steps);
        for (std::size_t r = 0; r < s->rows(); ++r) m(int(s->at(r, 1)), int(s->at(r, 0))) = s->at(r, 2);
        hidden_->setMap(m, tr("Hidden state h"), QString(), true);
    }
    const auto* gates = findSeries(runner(), "gates");
    gates_->setVisible(gates != nullptr);
    // The cell is told by its gate blocks: none (Elman), 4 (LSTM i, f, g, o), 3 (GRU z, r, n).
    int gateBlocks = 0;
    if (gates) {
        int steps = 0, units = 0;
        for (std::size_t r = 0; r < gates->rows(); ++r) {
            steps = std::max(steps, int(gates->at(r, 0)) + 1);
            gateBlocks = std::max(gateBlocks, int(gates->at(r, 1)) + 1);
            units = std::max(units, int(gates->at(r, 2)) + 1);
        }
        Eigen::MatrixXd m = Eigen::MatrixXd::Zero(gateBlocks * units, steps);
        for (std::size_t r = 0; r < gates->rows(); ++r)
            m(int(gates->at(r, 1)) * units + int(gates->at(r, 2)), int(gates->at(r, 0))) = gates->at(r, 3);
        const QString names = gateBlocks == 3 ? tr("z, r, n") : tr("i, f, g, o");
        gates_->setAxisLabels(tr("gate unit (%1)").arg(names), tr("time step"));
        gates_->setMap(m, tr("Gates %1 (%2 rows each)").arg(names).arg(units), QString(), true);
    }
    // The latest snapshot of the cell matrix (t, row = input, col = output, G_pos, G_neg).
    const auto* g = findSeries(runner(), "g_layer0");
    conductance_->setVisible(g != nullptr);
    if (g) {
        const double last = g->at(g->rows() - 1, 0);
        int inputs = 0, outputs = 0;
        for (std::size_t r = 0; r < g->rows(); ++r) {
            inputs = std::max(inputs, int(g->at(r, 1)) + 1);
            outputs = std::max(outputs, int(g->at(r, 2)) + 1);
        }
        Eigen::MatrixXd m = Eigen::MatrixXd::Zero(outputs, inputs);
        for (std::size_t r = 0; r < g->rows(); ++r)
            if (g->at(r, 0) == last) m(int(g->at(r, 2)), int(g->at(r, 1))) = 1e6 * (g->at(r, 3) - g->at(r, 4));
        const QString cell = gateBlocks == 4 ? tr("LSTM") : gateBlocks == 3 ? tr("GRU") : tr("Elman");
        conductance_->setMap(m, tr("%1 tile G+ − G−, epoch %2").arg(cell).arg(last),
                             QStringLiteral("µS"), true);
    }
    if (before[0] != prediction_->isHidden() || before[1] != gates_->isHidden() || before[2] != conductance_->isHidden())
        layoutPanels();
}

}  // namespace ms::gui
