#include "widgets/reservoir/ReservoirView.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QTableWidget>
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

// Columns [first, end) of a series as a matrix, times `scale`.
Eigen::MatrixXd matrixOf(const SeriesBuffer& s, int first, double scale = 1.0) {
    const int cols = static_cast<int>(s.columns.size()) - first;
    Eigen::MatrixXd m(Eigen::Index(s.rows()), cols);
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (int c = 0; c < cols; ++c) m(r, c) = s.at(std::size_t(r), first + c) * scale;
    return m;
}

const char* const kReadouts[3] = {"Reservoir", "Raw inputs", "No short-term memory (tau = 1e9 s)"};

}  // namespace

ReservoirView::ReservoirView(DocumentModel* document, QWidget* parent) : ResultView(parent) {
    Q_UNUSED(document);
    auto* g = new QGridLayout(this);
    g->setContentsMargins(2, 2, 2, 2);
    g->setSpacing(2);
    trace_ = new CrossbarHeatmap(tr("Device states over one input"), this);
    trace_->setAxisLabels(tr("device"), tr("time sample"));
    states_ = new CrossbarHeatmap(tr("Reservoir states"), this);
    states_->setAxisLabels(tr("test input"), tr("feature (device read)"));
    input_ = new CrossbarHeatmap(tr("First test input"), this);
    input_->setAxisLabels(tr("image row (one device each)"), tr("pixel = pulse slot"));
    prediction_ = new QCustomPlot(this);
    stylePlot(prediction_, tr("One-step prediction on the test series"));
    styleAxis(prediction_->xAxis, tr("step"), QString());
    styleAxis(prediction_->yAxis, tr("x (scaled)"), QString());
    prediction_->legend->setVisible(true);
    const QColor colours[4] = {Qt::black, QColor(0, 114, 178), QColor(230, 159, 0), QColor(204, 121, 167)};
    const char* names[4] = {"target", "reservoir", "raw inputs", "no memory"};
    for (int k = 0; k < 4; ++k) {
        auto* graph = prediction_->addGraph();
        graph->setName(tr(names[k]));
        graph->setPen(QPen(colours[k], k == 0 ? 2.0 : 1.2));
    }
    prediction_->setVisible(false);
    readouts_ = new QTableWidget(3, 3, this);
    readouts_->setHorizontalHeaderLabels({tr("readout on"), tr("train"), tr("test")});
    readouts_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    readouts_->verticalHeader()->setVisible(false);
    readouts_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) readouts_->setItem(r, c, new QTableWidgetItem(c == 0 ? tr(kReadouts[r]) : QString()));
    figures_ = new FiguresTable(this);
    g->addWidget(trace_, 0, 0);
    g->addWidget(states_, 0, 1);
    g->addWidget(input_, 0, 2);
    g->addWidget(prediction_, 0, 2);
    g->addWidget(readouts_, 1, 0);
    g->addWidget(figures_, 1, 1, 1, 2);
    for (int c = 0; c < 3; ++c) g->setColumnStretch(c, 1);
    g->setRowStretch(0, 3);
    g->setRowStretch(1, 1);
}

QList<QCustomPlot*> ReservoirView::plots() const {
    return {trace_->plot(), states_->plot(), prediction_->isVisible() ? prediction_ : input_->plot()};
}

void ReservoirView::clear() {
    trace_->clearMap();
    states_->clearMap();
    input_->clearMap();
    for (int k = 0; k < prediction_->graphCount(); ++k) prediction_->graph(k)->data()->clear();
    prediction_->replot(QCustomPlot::rpQueuedReplot);
    for (int r = 0; r < 3; ++r)
        for (int c = 1; c < 3; ++c) readouts_->item(r, c)->setText(QString());
    figures_->clearFigures();
}

void ReservoirView::follow(ExperimentRunner* runner) { followRuns(runner, kindIds(), figures_, [this] { redraw(); }); }

void ReservoirView::redraw() {
    if (!runner()) return;
    if (const auto* s = findSeries(runner(), "device_trace")) {
        // Columns t, then one per device: show devices as rows, time to the right.
        const bool conductance = s->columns.size() > 1 && s->columns[1].unit == "S";
        const Eigen::MatrixXd m = matrixOf(*s, 1, conductance ? 1e6 : 1.0).transpose();
        trace_->setMap(m, conductance ? tr("Device conductance over the first test steps") : tr("Device state w over one input"),
                       conductance ? QStringLiteral("µS") : QString(), false);
    }
    if (const auto* s = findSeries(runner(), "reservoir_states"))
        states_->setMap(matrixOf(*s, 0, 1e6), tr("Reservoir states (input × feature)"), QStringLiteral("µS"), false);
    const auto* image = findSeries(runner(), "input");
    const auto* pred = findSeries(runner(), "prediction");
    if (image) input_->setMap(matrixOf(*image, 0), tr("First test input (pulse where 1)"), QString(), false);
    input_->setVisible(!pred);
    prediction_->setVisible(pred != nullptr);
    if (pred) {
        for (int k = 0; k < 4; ++k) {
            QVector<double> x, y;
            for (std::size_t r = 0; r < pred->rows(); ++r) {
                if (std::isnan(pred->at(r, 1 + k))) continue;
                x << pred->at(r, 0);
                y << pred->at(r, 1 + k);
            }
            prediction_->graph(k)->setData(x, y, true);
        }
        prediction_->rescaleAxes();
        prediction_->replot(QCustomPlot::rpQueuedReplot);
    }
    if (const auto* s = findSeries(runner(), "readouts")) {
        const bool nrmse = s->columns.size() > 1 && s->columns[1].name.find("nrmse") != std::string::npos;
        readouts_->setHorizontalHeaderLabels(
            {tr("readout on"), nrmse ? tr("train NRMSE") : tr("train accuracy"), nrmse ? tr("test NRMSE") : tr("test accuracy")});
        for (std::size_t r = 0; r < s->rows() && r < 3; ++r)
            for (int c = 1; c < 3; ++c) {
                const double v = s->at(r, c);
                readouts_->item(int(r), c)->setText(nrmse ? QString::number(v, 'f', 4) : QString::number(100 * v, 'f', 1) + " %");
            }
    }
}

}  // namespace ms::gui
