#include "widgets/cenn/CennView.h"

#include <algorithm>
#include <cmath>

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "core/cenn/Cenn.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/FiguresTable.h"
#include "widgets/SiFormat.h"
#include "widgets/cenn/InputImagePicker.h"
#include "widgets/cenn/TemplateEditor.h"
#include "widgets/crossbar/CrossbarHeatmap.h"
#include "widgets/plots/PlotTools.h"
#include "qcustomplot.h"

namespace ms::gui {

using nlohmann::json;

namespace {

// The series each image panel shows, in panel order.
struct Panel {
    const char* id;
    const char* title;
};
const Panel kPanels[5] = {{"input", "Input u"},
                          {"state", "State x"},
                          {"output", "Output y"},
                          {"ideal_output", "Ideal CeNN output"},
                          {"error_map", "Differs from ideal"}};
enum { kInput, kState, kOutput, kIdeal, kError };

Eigen::MatrixXd toMatrix(const SeriesBuffer& s) {
    Eigen::MatrixXd m(Eigen::Index(s.rows()), Eigen::Index(s.columns.size()));
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j) m(i, j) = s.at(std::size_t(i), int(j));
    return m;
}

// Images and outputs as the CeNN literature draws them, -1 white to +1
// black, on that fixed range whatever they hold (an all-white output would
// otherwise get a degenerate colour range); the 0/1 error map white to orange.
void fixScale(CrossbarHeatmap* map, bool errorMap = false) {
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0, Qt::white);
    g.setColorStopAt(1, errorMap ? QColor(213, 94, 0) : QColor(Qt::black));
    for (int k = 0; k < map->plot()->plottableCount(); ++k)
        if (auto* m = qobject_cast<QCPColorMap*>(map->plot()->plottable(k))) {
            m->setGradient(g);
            m->setDataRange(errorMap ? QCPRange(0, 1) : QCPRange(-1, 1));
        }
    map->plot()->replot(QCustomPlot::rpQueuedReplot);
}

// Too many snapshots to score every cell on each drain: choose the centre instead.
constexpr double kAutoSelectBudget = 2e6;

}  // namespace

CennView::CennView(DocumentModel* document, QWidget* parent) : ResultView(parent), doc_(document) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(2, 2, 2, 2);
    outer->setSpacing(2);

    // The input image, then the settling: one slider position per snapshot of the state history.
    auto* bar = new QHBoxLayout;
    picker_ = new InputImagePicker(doc_, this);
    bar->addWidget(picker_);
    bar->addSpacing(12);
    play_ = new QToolButton(this);
    play_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    play_->setToolTip(tr("Play the settling from the first snapshot"));
    play_->setCheckable(true);
    bar->addWidget(play_);
    bar->addWidget(new QLabel(tr("Settling:"), this));
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setRange(0, 0);
    slider_->setToolTip(tr("Snapshot of the state x shown in the state and output images "
                           "(log-spaced in time: every early step, then about twenty per decade)"));
    bar->addWidget(slider_, 1);
    timeLabel_ = new QLabel(tr("no run yet"), this);
    timeLabel_->setMinimumWidth(230);
    bar->addWidget(timeLabel_);
    outer->addLayout(bar);
    playTimer_ = new QTimer(this);
    playTimer_->setInterval(60);
    connect(playTimer_, &QTimer::timeout, this, [this] {
        if (slider_->value() >= slider_->maximum()) {
            play_->setChecked(false);
            return;
        }
        slider_->setValue(slider_->value() + 1);
    });
    connect(play_, &QToolButton::toggled, this, [this](bool on) {
        play_->setIcon(style()->standardIcon(on ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
        if (on && slider_->value() >= slider_->maximum()) slider_->setValue(0);
        if (on) playTimer_->start();
        else playTimer_->stop();
    });
    connect(slider_, &QSlider::valueChanged, this, [this](int k) { showSnapshot(k); });

    auto* body = new QHBoxLayout;
    body->setSpacing(2);
    outer->addLayout(body, 1);
    grid_ = new QGridLayout;
    grid_->setSpacing(2);
    body->addLayout(grid_, 1);
    for (int k = 0; k < 5; ++k) {
        maps_[k] = new CrossbarHeatmap(tr(kPanels[k].title), this);
        // Small images read well small; the default minimum would clip at 1280 x 720.
        maps_[k]->plot()->setMinimumSize(170, 150);
        connect(maps_[k], &CrossbarHeatmap::cellClicked, this, [this](int r, int c) {
            userCell_ = true;
            selectCell(r, c);
        });
    }
    maps_[kIdeal]->setVisible(false);  // only runs on bridges have them
    maps_[kError]->setVisible(false);

    cellPlot_ = new QCustomPlot(this);
    stylePlot(cellPlot_, tr("Click a pixel"));
    cellPlot_->setToolTip(tr("The state x and output y of the cell clicked in an image (row, column); the dashed line is the snapshot shown"));
    cellPlot_->setMinimumSize(200, 150);
    styleAxis(cellPlot_->xAxis, "t", "s", false, tr("time"));
    styleAxis(cellPlot_->yAxis, tr("x, y"), "", false, tr("state, output"));
    installHoverCursor(cellPlot_);
    auto* gx = cellPlot_->addGraph();
    gx->setName(tr("state x"));
    gx->setPen(QPen(QColor(0, 114, 178), 2.0));
    gx->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 3));
    auto* gy = cellPlot_->addGraph();
    gy->setName(tr("output y"));
    gy->setPen(QPen(QColor(213, 94, 0), 2.0));
    cellPlot_->legend->setVisible(true);
    cellMarker_ = new QCPItemStraightLine(cellPlot_);
    cellMarker_->setPen(QPen(QColor(255, 40, 200), 1.5, Qt::DashLine));
    cellMarker_->setSelectable(false);
    cellMarker_->setVisible(false);
    cellPlot_->xAxis->setRange(0, 1);
    cellPlot_->yAxis->setRange(-1.2, 1.2);

    // Side column: template, the selected weight's bridge, the figures.
    auto* side = new QVBoxLayout;
    side->setSpacing(2);
    body->addLayout(side, 0);
    editor_ = new TemplateEditor(doc_, this);
    editor_->setMaximumWidth(360);
    side->addWidget(editor_);
    connect(editor_, &TemplateEditor::entrySelected, this, [this] {
        userWeight_ = true;
        showBridge();
    });
    bridgeBox_ = new QGroupBox(tr("4M bridge"), this);
    bridgeBox_->setMaximumWidth(360);
    auto* bl = new QVBoxLayout(bridgeBox_);
    bl->setContentsMargins(4, 2, 4, 2);
    bl->setSpacing(1);
    bridgeText_ = new QLabel(bridgeBox_);
    // No word wrap: a wrapping label gives the layout a height-for-width, and the
    // studio's scroll area then sizes the page to its preferred height, not its minimum.
    bl->addWidget(bridgeText_);
    bridgePlot_ = new QCustomPlot(bridgeBox_);
    stylePlot(bridgePlot_, QString());
    bridgePlot_->setMinimumSize(200, 90);
    bridgePlot_->setInteractions({});
    styleAxis(bridgePlot_->yAxis, "G", "S");
    bridgePlot_->yAxis->ticker()->setTickCount(3);
    bridgePlot_->xAxis->grid()->setVisible(false);
    auto* bars = new QCPBars(bridgePlot_->xAxis, bridgePlot_->yAxis);
    bars->setName(tr("conductance 1/M"));
    bars->setWidth(0.6);
    bars->setPen(QPen(QColor(59, 76, 192)));
    bars->setBrush(QColor(59, 76, 192, 160));
    bridgePlot_->xAxis->setRange(0.4, 4.6);
    bl->addWidget(bridgePlot_, 1);
    bridgeBox_->setVisible(false);
    side->addWidget(bridgeBox_, 2);
    figures_ = new FiguresTable(this);
    figures_->setMaximumWidth(360);
    figures_->setMinimumHeight(70);
    side->addWidget(figures_, 1);
    layoutPanels();
}

QList<QCustomPlot*> CennView::plots() const {
    QList<QCustomPlot*> out;
    for (int k : {kOutput, kState, kInput, kIdeal, kError}) out << maps_[k]->plot();
    out << cellPlot_ << bridgePlot_;
    return out;
}

CrossbarHeatmap* CennView::panel(const QString& id) const {
    for (int k = 0; k < 5; ++k)
        if (id == QLatin1String(kPanels[k].id)) return maps_[k];
    return nullptr;
}

void CennView::showExperiment(const QString& pointer) {
    pointer_ = pointer;
    editor_->setExperiment(pointer);
    picker_->setExperiment(pointer);
}

// The images and the cell plot share the page: three or five images and the
// plot, two columns for four panels, three for six, so no cell is left empty
// where a hidden panel was.
void CennView::layoutPanels() {
    std::vector<QWidget*> shown;
    for (int k = 0; k < 5; ++k) {
        grid_->removeWidget(maps_[k]);
        if (!maps_[k]->isHidden()) shown.push_back(maps_[k]);
    }
    grid_->removeWidget(cellPlot_);
    shown.push_back(cellPlot_);
    const int n = int(shown.size()), columns = n <= 4 ? 2 : 3;
    for (int c = 0; c < 3; ++c) grid_->setColumnStretch(c, c < columns ? 1 : 0);
    for (int k = 0; k < n; ++k) grid_->addWidget(shown[std::size_t(k)], k / columns, k % columns);
    grid_->setRowStretch(0, 1);
    grid_->setRowStretch(1, 1);
}

void CennView::clear() {
    play_->setChecked(false);
    for (auto* m : maps_) m->clearMap();
    const bool relayout = !maps_[kIdeal]->isHidden() || !maps_[kError]->isHidden();
    maps_[kIdeal]->setVisible(false);
    maps_[kError]->setVisible(false);
    if (relayout) layoutPanels();
    rows_ = cols_ = 0;
    historyRowsRead_ = 0;
    history_.clear();
    times_.clear();
    std::fill(std::begin(imagesDrawn_), std::end(imagesDrawn_), false);
    cellRow_ = cellCol_ = -1;
    userCell_ = false;
    bridges_.clear();
    bridgeBox_->setVisible(false);
    {
        const QSignalBlocker block(slider_);
        slider_->setRange(0, 0);
    }
    timeLabel_->setText(tr("no run yet"));
    for (int k = 0; k < cellPlot_->graphCount(); ++k) cellPlot_->graph(k)->data()->clear();
    cellMarker_->setVisible(false);
    cellPlot_->replot(QCustomPlot::rpQueuedReplot);
    figures_->clearFigures();
}

void CennView::follow(ExperimentRunner* runner) { followRuns(runner, kindIds(), figures_, [this] { redraw(); }); }

void CennView::redraw() {
    if (runner()) showSeries(runner()->series());
}

double CennView::x(int snapshot, int row, int col) const {
    return history_[(std::size_t(snapshot) * std::size_t(rows_) + std::size_t(row)) * std::size_t(cols_) + std::size_t(col)];
}

// Appends the snapshots completed since the last drain (a drain may end inside one).
void CennView::ingestHistory(const SeriesBuffer& s) {
    if (s.rows() < historyRowsRead_) {  // a new run fed without clear()
        historyRowsRead_ = 0;
        history_.clear();
        times_.clear();
    }
    const int n = int(s.columns.size()) - 2;
    if (n <= 0 || rows_ <= 0 || n != cols_) return;
    const std::size_t m = std::size_t(rows_);
    while (s.rows() >= historyRowsRead_ + m) {
        times_.push_back(s.at(historyRowsRead_, 0));
        for (std::size_t r = 0; r < m; ++r)
            for (int c = 0; c < n; ++c) history_.push_back(s.at(historyRowsRead_ + r, 2 + c));
        historyRowsRead_ += m;
    }
}

void CennView::showSeries(const std::vector<SeriesBuffer>& series) {
    const bool idealShown = !maps_[kIdeal]->isHidden(), errorShown = !maps_[kError]->isHidden();
    const bool bridgeShown = !bridgeBox_->isHidden();
    const SeriesBuffer* history = findSeriesWithRows(series, "state_history");
    for (int k = 0; k < 5; ++k) {
        const SeriesBuffer* s = findSeriesWithRows(series, kPanels[k].id);
        // The history draws state and output; the final series are the fallback without one.
        if (!s || imagesDrawn_[k] || ((k == kState || k == kOutput) && history)) continue;
        const Eigen::MatrixXd m = toMatrix(*s);
        // A blank error map reads as missing data unless its title says none differ.
        const QString title = k != kError ? tr(kPanels[k].title)
                              : m.sum() == 0 ? tr("Differs from ideal: none")
                              : m.sum() == 1 ? tr("Differs from ideal: 1 pixel")
                                             : tr("Differs from ideal: %1 pixels").arg(int(m.sum()));
        maps_[k]->setMap(m, title, "", true);
        if (k != kState) fixScale(maps_[k], k == kError);
        maps_[k]->setVisible(true);
        maps_[k]->setSelectedCell(cellRow_, cellCol_);
        imagesDrawn_[k] = true;
        if (k == kInput) {
            rows_ = int(s->rows());
            cols_ = int(s->columns.size());
        }
    }
    if (history && rows_ > 0) {
        const std::size_t before = times_.size();
        ingestHistory(*history);
        if (times_.size() != before) {
            const bool atEnd = slider_->value() >= slider_->maximum();
            {
                const QSignalBlocker block(slider_);
                slider_->setRange(0, int(times_.size()) - 1);
                if (atEnd && !play_->isChecked()) slider_->setValue(slider_->maximum());
            }
            if (!userCell_) autoSelectCell();
            if (cellRow_ < 0) selectCell(rows_ / 2, cols_ / 2);
            updateCellPlot();
            showSnapshot(slider_->value());
        }
    }
    if (cellRow_ < 0 && rows_ > 0 && !history) selectCell(rows_ / 2, cols_ / 2);

    bridges_.clear();
    if (const SeriesBuffer* b = findSeriesWithRows(series, "bridges")) {
        const int matrix = b->column("matrix"), entry = b->column("entry"), target = b->column("target"),
                  realised = b->column("realised"), pulses = b->column("pulses"), energy = b->column("energy");
        const int M[4] = {b->column("M1"), b->column("M2"), b->column("M3"), b->column("M4")};
        for (std::size_t r = 0; r < b->rows(); ++r) {
            BridgeRow row;
            row.matrix = matrix >= 0 ? int(b->at(r, matrix)) : 0;
            row.entry = entry >= 0 ? int(b->at(r, entry)) : 0;
            row.target = target >= 0 ? b->at(r, target) : NAN;
            row.realised = realised >= 0 ? b->at(r, realised) : NAN;
            row.pulses = pulses >= 0 ? b->at(r, pulses) : NAN;
            row.energy = energy >= 0 ? b->at(r, energy) : NAN;
            for (int k = 0; k < 4; ++k) row.M[std::size_t(k)] = M[k] >= 0 ? b->at(r, M[k]) : NAN;
            bridges_.push_back(row);
        }
    }
    bridgeBox_->setVisible(!bridges_.empty());
    if (!bridges_.empty()) showBridge();
    if (idealShown != !maps_[kIdeal]->isHidden() || errorShown != !maps_[kError]->isHidden() ||
        bridgeShown != !bridgeBox_->isHidden())
        layoutPanels();
}

// τ = RC of the run's experiment (1 s unless it sets R or C); 0 when unknown.
double CennView::tau() const {
    if (!doc_) return 0.0;
    json e;
    const QString id = runner() ? runner()->experimentId() : QString();
    const json all = doc_->value("/experiments");
    if (all.is_array() && !id.isEmpty())
        for (const auto& x : all)
            if (x.is_object() && x.value("id", std::string()) == id.toStdString()) e = x;
    if (e.is_null() && !pointer_.isEmpty()) e = doc_->value(pointer_.toStdString());
    if (!e.is_object()) return 0.0;
    const json r = e.value("R", json(1.0)), c = e.value("C", json(1.0));
    return r.is_number() && c.is_number() ? r.get<double>() * c.get<double>() : 0.0;
}

QString CennView::timeText(double t) const {
    const double T = tau();
    return T > 0 ? tr("t = %1 τ (%2)").arg(QString::number(t / T, 'g', 3), formatSi(t, "s", 3))
                 : tr("t = %1").arg(formatSi(t, "s", 3));
}

void CennView::showSnapshot(int k) {
    if (k < 0 || k >= int(times_.size())) return;
    Eigen::MatrixXd xs(rows_, cols_), ys(rows_, cols_);
    for (int i = 0; i < rows_; ++i)
        for (int j = 0; j < cols_; ++j) {
            xs(i, j) = x(k, i, j);
            ys(i, j) = cenn::output(xs(i, j));
        }
    const double t = times_[std::size_t(k)];
    // Short titles (the panels are narrow at 1280 x 720); the bar above has the full time.
    const double T = tau();
    const QString at = T > 0 ? tr("%1 τ").arg(QString::number(t / T, 'g', 3)) : formatSi(t, "s", 3);
    maps_[kState]->setMap(xs, tr("State x, %1").arg(at), "", true);
    maps_[kOutput]->setMap(ys, tr("Output y, %1").arg(at), "", true);
    fixScale(maps_[kOutput]);
    const QString when = timeText(t);
    maps_[kState]->setVisible(true);
    maps_[kOutput]->setVisible(true);
    for (auto* m : {maps_[kState], maps_[kOutput]}) m->setSelectedCell(cellRow_, cellCol_);
    timeLabel_->setText(tr("%1 · snapshot %2 of %3").arg(when).arg(k + 1).arg(times_.size()));
    cellMarker_->point1->setCoords(t, 0);
    cellMarker_->point2->setCoords(t, 1);
    cellMarker_->setVisible(true);
    cellPlot_->replot(QCustomPlot::rpQueuedReplot);
}

void CennView::selectCell(int row, int col) {
    if (rows_ > 0 && (row < 0 || row >= rows_ || col < 0 || col >= cols_)) return;
    cellRow_ = row;
    cellCol_ = col;
    for (auto* m : maps_)
        if (m->hasMap()) m->setSelectedCell(row, col);
    updateCellPlot();
}

// The cell that tells the most about the settling: one whose output changes
// sign on the way (a removed speck, a hole filling's pixel), else one that
// ends black (an edge), else any that moves; among those the latest to
// arrive at its final output.
void CennView::autoSelectCell() {
    const int n = int(times_.size());
    if (n < 2) return;
    if (double(n) * rows_ * cols_ > kAutoSelectBudget) {
        selectCell(rows_ / 2, cols_ / 2);
        return;
    }
    int bestR = rows_ / 2, bestC = cols_ / 2;
    std::array<int, 4> best{-1, -1, -1, -1};  // (changes sign, moves, ends black, arrival)
    for (int i = 0; i < rows_; ++i)
        for (int j = 0; j < cols_; ++j) {
            const double yEnd = cenn::output(x(n - 1, i, j));
            bool flips = false;
            for (int k = 0; k < n - 1 && !flips; ++k) flips = cenn::output(x(k, i, j)) * yEnd < 0;
            int arrival = n - 1;  // first snapshot from which y stays near its final value
            while (arrival > 0 && std::fabs(cenn::output(x(arrival - 1, i, j)) - yEnd) < 0.01) --arrival;
            const std::array<int, 4> score{int(flips), int(std::fabs(yEnd - cenn::output(x(0, i, j))) > 0.5),
                                           int(yEnd > 0.5), arrival};
            if (score > best) {
                best = score;
                bestR = i;
                bestC = j;
            }
        }
    if (bestR != cellRow_ || bestC != cellCol_) selectCell(bestR, bestC);
}

void CennView::updateCellPlot() {
    const int n = int(times_.size());
    QVector<double> t, xs, ys;
    if (cellRow_ >= 0 && cellRow_ < rows_ && cellCol_ >= 0 && cellCol_ < cols_)
        for (int k = 0; k < n; ++k) {
            t << times_[std::size_t(k)];
            xs << x(k, cellRow_, cellCol_);
            ys << cenn::output(xs.back());
        }
    cellPlot_->graph(0)->setData(t, xs, true);
    cellPlot_->graph(1)->setData(t, ys, true);
    if (auto* title = qobject_cast<QCPTextElement*>(cellPlot_->plotLayout()->element(0, 0)))
        title->setText(cellRow_ >= 0 ? tr("Cell (%1, %2) over time").arg(cellRow_).arg(cellCol_)
                                     : tr("Click a pixel"));
    if (n > 0) {
        cellPlot_->rescaleAxes();
        const QCPRange r = cellPlot_->yAxis->range();
        const double lo = std::min(r.lower, -1.0), hi = std::max(r.upper, 1.0), pad = 0.06 * (hi - lo);
        cellPlot_->yAxis->setRange(lo - pad, hi + pad);
        const double tEnd = std::max(times_.back(), 1e-12);
        cellPlot_->xAxis->setRange(-0.02 * tEnd, 1.02 * tEnd);
    }
    cellPlot_->replot(QCustomPlot::rpQueuedReplot);
}

// The bridge of the weight selected in the template editor (by default the
// largest), as its four conductances and what they realise.
void CennView::showBridge() {
    if (bridges_.empty()) return;
    const BridgeRow* row = nullptr;
    const int m = editor_->selectedMatrix(), e = editor_->selectedEntry();
    if (userWeight_ && m >= 0) {
        for (const auto& b : bridges_)
            if (b.matrix == m && (m == TemplateEditor::Z || b.entry == e)) row = &b;
    } else {
        row = &bridges_.front();
        for (const auto& b : bridges_)
            if (std::fabs(b.target) > std::fabs(row->target)) row = &b;
        const QSignalBlocker block(editor_);  // marks it in the editor without making it the user's choice
        editor_->selectEntry(row->matrix, row->entry);
    }
    auto* bars = qobject_cast<QCPBars*>(bridgePlot_->plottable(0));
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    if (!row) {
        bridgeBox_->setTitle(tr("4M bridge of %1").arg(TemplateEditor::entryName(m, e)));
        bridgeText_->setText(tr("This weight is 0: not wired, no bridge."));
        bars->data()->clear();
        for (int k = bridgePlot_->itemCount() - 1; k >= 0; --k)
            if (bridgePlot_->item(k)->property("msBarLabel").toBool()) bridgePlot_->removeItem(k);
        bridgePlot_->xAxis->setTicker(ticks);
        bridgePlot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    QVector<double> keys, g;
    for (int k = 0; k < 4; ++k) {
        const double M = row->M[std::size_t(k)];
        keys << k + 1;
        g << 1.0 / M;
        ticks->addTick(k + 1, QStringLiteral("M%1\n%2").arg(k + 1).arg(formatSi(M, "ohm", 3)));
    }
    bars->setData(keys, g, true);
    // The values over the bars: M2 and M3 (high memristance) are barely visible on a linear axis.
    for (int k = bridgePlot_->itemCount() - 1; k >= 0; --k)
        if (bridgePlot_->item(k)->property("msBarLabel").toBool()) bridgePlot_->removeItem(k);
    for (int k = 0; k < 4; ++k) {
        auto* label = new QCPItemText(bridgePlot_);
        label->setProperty("msBarLabel", true);
        label->position->setCoords(k + 1, g[k]);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setText(formatSi(g[k], "S", 3));
        QFont f = label->font();
        f.setPointSize(8);
        label->setFont(f);
        label->setClipToAxisRect(false);
    }
    bridgePlot_->xAxis->setTicker(ticks);
    const double top = *std::max_element(g.begin(), g.end());
    bridgePlot_->yAxis->setRange(0, std::isfinite(top) && top > 0 ? 1.25 * top : 1.0);
    bridgePlot_->replot(QCustomPlot::rpQueuedReplot);
    bridgeBox_->setTitle(tr("4M bridge of %1").arg(TemplateEditor::entryName(row->matrix, row->entry)));
    // Ideal programming sets the memristances exactly: no pulses, no energy.
    const QString programming = row->pulses == 0 && row->energy == 0
                                    ? tr("programming: ideal (set exactly, no pulses)")
                                    : tr("programming: %1 pulses, %2")
                                          .arg(QString::number(row->pulses, 'g', 6), formatSi(row->energy, "J", 3));
    bridgeText_->setText(tr("weight: target %1, realised %2\n%3")
                             .arg(QString::number(row->target, 'g', 6), QString::number(row->realised, 'g', 6), programming));
    bridgeText_->setToolTip(tr("M1 %1, M2 %2, M3 %3, M4 %4")
                                .arg(formatSi(row->M[0], "ohm", 4), formatSi(row->M[1], "ohm", 4),
                                     formatSi(row->M[2], "ohm", 4), formatSi(row->M[3], "ohm", 4)));
}

}  // namespace ms::gui
