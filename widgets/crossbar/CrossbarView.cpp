#include "widgets/crossbar/CrossbarView.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/FiguresTable.h"
#include "widgets/SiFormat.h"
#include "widgets/crossbar/CrossbarHeatmap.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

using nlohmann::json;

namespace {

const QStringList kMapKinds = {"crossbar_read", "crossbar_mvm", "crossbar_write"};

Eigen::MatrixXd toMatrix(const SeriesBuffer& s) {
    const auto rows = Eigen::Index(s.rows()), cols = Eigen::Index(s.columns.size());
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = s.at(std::size_t(i), int(j));
    return m;
}

const QColor kPalette[] = {QColor(31, 119, 180), QColor(214, 39, 40), QColor(44, 160, 44), QColor(148, 103, 189),
                           QColor(255, 127, 14), QColor(23, 190, 207)};

}  // namespace

namespace {

// A grey note in the middle of an empty plot, so that it does not look broken.
void setPlaceholder(QCustomPlot* plot, const QString& text) {
    QCPItemText* note = nullptr;
    for (int k = 0; k < plot->itemCount(); ++k)
        if (plot->item(k)->property("msPlaceholder").toBool()) note = qobject_cast<QCPItemText*>(plot->item(k));
    if (!note) {
        note = new QCPItemText(plot);
        note->setProperty("msPlaceholder", true);
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.5);
        note->setColor(QColor(120, 120, 120));
        // These plots sit in a narrow column: short centred lines, a size
        // smaller than the axis labels, so the note never runs off the plot.
        note->setTextAlignment(Qt::AlignCenter);
        QFont font = note->font();
        font.setPointSizeF(font.pointSizeF() * 0.9);
        note->setFont(font);
    }
    note->setText(text);
    note->setVisible(plot->graphCount() == 0);
    plot->legend->setVisible(plot->graphCount() > 0);
}

}  // namespace

QStringList CrossbarView::kindIds() {
    return {"crossbar_read", "crossbar_read_margin_sweep", "crossbar_mvm", "crossbar_write"};
}

CrossbarView::CrossbarView(DocumentModel* document, QWidget* parent) : ResultView(parent), doc_(document) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(2, 2, 2, 2);

    // Design controls: each edit is one undoable document command.
    auto* bar = new QHBoxLayout;
    caption_ = new QLabel(tr("Select a crossbar experiment"), this);
    caption_->setMinimumWidth(120);
    bar->addWidget(caption_);
    bar->addWidget(new QLabel(tr("Bias:"), this));
    bias_ = new QComboBox(this);
    for (auto [id, text] : {std::pair{"floating", tr("floating")}, std::pair{"grounded", tr("grounded")},
                            std::pair{"v2", tr("V/2")}, std::pair{"v3", tr("V/3")}})
        bias_->addItem(text, QString(id));
    bias_->setToolTip(tr("How the unselected rows and columns are biased during the read or write"));
    bar->addWidget(bias_);
    bar->addWidget(new QLabel(tr("Cell:"), this));
    cellType_ = new QComboBox(this);
    for (const char* id : {"1R", "1T1R", "1S1R"}) cellType_->addItem(id, QString(id));
    cellType_->setToolTip(tr("1R passive, 1T1R with an access transistor per cell, 1S1R with a series selector"));
    bar->addWidget(cellType_);
    auto makeSlider = [&](const QString& name, int lo, int hi, QLabel*& value, const QString& tip) {
        bar->addWidget(new QLabel(name, this));
        auto* s = new QSlider(Qt::Horizontal, this);
        s->setRange(lo, hi);
        s->setMinimumWidth(60);  // the bar fits a 1280-px screen beside the docks
        s->setToolTip(tip);
        s->setProperty("msTip", tip);
        bar->addWidget(s, 1);
        value = new QLabel(this);
        value->setMinimumWidth(44);
        bar->addWidget(value);
        return s;
    };
    rows_ = makeSlider(tr("Rows:"), 1, 256, rowsLabel_, tr("M, rows of the array (re-solves live)"));
    cols_ = makeSlider(tr("Cols:"), 1, 256, colsLabel_, tr("N, columns of the array (re-solves live)"));
    wire_ = makeSlider(tr("R wire:"), 0, 100, wireLabel_, tr("Wire resistance per segment on rows and columns, 0 and 10 mΩ to 100 Ω (log)"));
    outer->addLayout(bar);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* grid = new QWidget(split);
    mapGrid_ = grid;
    auto* g = new QGridLayout(grid);
    g->setContentsMargins(0, 0, 0, 0);
    g->setSpacing(2);
    const QString titles[4] = {tr("Conductance G"), tr("Cell current I"), tr("Row-line voltage"), tr("Column-line voltage")};
    for (int k = 0; k < 4; ++k) {
        maps_[k] = new CrossbarHeatmap(titles[k], grid);
        g->addWidget(maps_[k], k / 2, k % 2);
        connect(maps_[k], &CrossbarHeatmap::cellClicked, this, &CrossbarView::selectCell);
    }
    auto* side = new QSplitter(Qt::Vertical, split);
    side_ = side;
    marginPlot_ = new QCustomPlot(side);
    stylePlot(marginPlot_, tr("Read margin vs array size N×N"));
    styleAxis(marginPlot_->xAxis, "N", "", true);
    styleAxis(marginPlot_->yAxis, tr("read margin"), "");
    marginPlot_->legend->setVisible(true);
    mvmPlot_ = new QCustomPlot(side);
    stylePlot(mvmPlot_, tr("MVM error vs array size (IR drop)"));
    styleAxis(mvmPlot_->xAxis, "N", "", true);
    styleAxis(mvmPlot_->yAxis, tr("max error (%)"), "");
    mvmPlot_->legend->setVisible(true);
    mvmPlot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    showSweepPlaceholders();
    figures_ = new FiguresTable(side);
    side->addWidget(marginPlot_);
    side->addWidget(mvmPlot_);
    side->addWidget(figures_);
    split->addWidget(grid);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    outer->addWidget(split, 1);

    connect(bias_, &QComboBox::activated, this, [this] {
        if (updating_ || pointer_.isEmpty()) return;
        doc_->setValue(pointer_.toStdString() + "/bias", bias_->currentData().toString().toStdString(), tr("Bias scheme"));
    });
    connect(cellType_, &QComboBox::activated, this, [this] {
        if (!updating_) setCrossbarField("cellType", cellType_->currentData().toString().toStdString(), tr("Cell type"), 0);
    });
    for (QSlider* s : {rows_, cols_, wire_}) {
        connect(s, &QSlider::sliderPressed, this, [this] { session_ = doc_->beginMergeSession(); });
        connect(s, &QSlider::sliderReleased, this, [this] { session_ = 0; });
    }
    auto sizeEdit = [this] {
        rowsLabel_->setText(QString::number(rows_->value()));
        colsLabel_->setText(QString::number(cols_->value()));
        if (!updating_) setCrossbarField("size", json::array({rows_->value(), cols_->value()}), tr("Array size"), session_);
    };
    connect(rows_, &QSlider::valueChanged, this, sizeEdit);
    connect(cols_, &QSlider::valueChanged, this, sizeEdit);
    connect(wire_, &QSlider::valueChanged, this, [this](int p) {
        const double r = wireFromSlider(p);
        wireLabel_->setText(formatSi(r, "ohm", 3));
        if (updating_) return;
        // Both lines in one value (the crossbar object) so that a drag merges into one undo step.
        const std::string cb = crossbarPointer();
        if (cb.empty()) return;
        json c = doc_->value(cb);
        c["rWireRow"] = r;
        c["rWireCol"] = r;
        doc_->setValue(cb, c, tr("Wire resistance"), session_);
    });
    connect(doc_, &DocumentModel::changed, this, [this] { refreshControls(); });
    connect(doc_, &DocumentModel::documentReset, this, [this] {
        pointer_.clear();
        refreshControls();
    });
    refreshControls();
}

QList<QCustomPlot*> CrossbarView::plots() const {
    return {maps_[1]->plot(), maps_[0]->plot(), maps_[2]->plot(), maps_[3]->plot(), marginPlot_, mvmPlot_};
}

double CrossbarView::wireFromSlider(int p) { return p <= 0 ? 0.0 : std::pow(10.0, -2.0 + 4.0 * (p - 1) / 99.0); }

int CrossbarView::sliderFromWire(double r) {
    if (r <= 0) return 0;
    return std::clamp(int(std::lround(1 + 99.0 * (std::log10(r) + 2.0) / 4.0)), 1, 100);
}

std::string CrossbarView::crossbarPointer() const {
    if (pointer_.isEmpty()) return {};
    const std::string e = pointer_.toStdString();
    const json c = doc_->value(e + "/crossbar");
    if (c.is_object()) return e + "/crossbar";
    if (!c.is_string()) return {};
    const json list = doc_->value("/crossbars");
    if (list.is_array())
        for (std::size_t k = 0; k < list.size(); ++k)
            if (list[k].is_object() && list[k].value("id", std::string()) == c.get<std::string>())
                return "/crossbars/" + std::to_string(k);
    return {};
}

void CrossbarView::setCrossbarField(const char* key, const json& value, const QString& label, int session) {
    const std::string cb = crossbarPointer();
    if (!cb.empty()) doc_->setValue(cb + "/" + key, value, label, session);
}

void CrossbarView::selectCell(int row, int col) {
    if (pointer_.isEmpty()) return;
    const std::string e = pointer_.toStdString();
    const json kind = doc_->value(e + "/kind");
    if (!kind.is_string() || (kind != "crossbar_read" && kind != "crossbar_write")) return;
    // Row and column together are one undo step.
    doc_->undoStack()->beginMacro(tr("Select cell (%1, %2)").arg(row).arg(col));
    doc_->setValue(e + "/row", row, tr("Selected row"));
    doc_->setValue(e + "/col", col, tr("Selected column"));
    doc_->undoStack()->endMacro();
}

void CrossbarView::refreshControls() {
    updating_ = true;
    const std::string e = pointer_.toStdString();
    const json exp = pointer_.isEmpty() ? json() : doc_->value(e);
    const std::string cb = crossbarPointer();
    const json c = cb.empty() ? json() : doc_->value(cb);
    const bool have = exp.is_object() && c.is_object();
    for (QWidget* w : std::initializer_list<QWidget*>{bias_, cellType_, rows_, cols_, wire_}) w->setEnabled(have);
    // A margin sweep sets the size itself (N_min..N_max).
    const bool sweepsSize = have && exp.value("kind", std::string()) == "crossbar_read_margin_sweep";
    for (QWidget* w : std::initializer_list<QWidget*>{rows_, cols_}) {
        w->setEnabled(have && !sweepsSize);
        w->setToolTip(sweepsSize ? tr("This experiment sweeps the size from N_min to N_max")
                                 : w->property("msTip").toString());
    }
    if (have) {
        caption_->setText(QString::fromStdString(exp.value("name", exp.value("id", std::string()))));
        const int b = bias_->findData(QString::fromStdString(exp.value("bias", std::string(
                                                                           exp.value("kind", std::string()) == "crossbar_write" ? "v2"
                                                                           : exp.value("kind", std::string()) == "crossbar_read_margin_sweep"
                                                                               ? "floating"
                                                                               : "v3"))));
        bias_->setCurrentIndex(std::max(b, 0));
        bias_->setEnabled(exp.value("kind", std::string()) != "crossbar_mvm");
        const int t = cellType_->findData(QString::fromStdString(c.value("cellType", std::string("1R"))));
        cellType_->setCurrentIndex(std::max(t, 0));
        if (c.contains("size") && c["size"].is_array() && c["size"].size() == 2 && c["size"][0].is_number() &&
            c["size"][1].is_number()) {
            rows_->setValue(c["size"][0].get<int>());
            cols_->setValue(c["size"][1].get<int>());
        }
        const double w = c.value("rWireRow", 0.0), wc = c.value("rWireCol", w);
        wire_->setValue(sliderFromWire(w));
        // One slider sets both lines; when the file gives them apart, say so
        // instead of showing only the rows' value.
        wireLabel_->setText(w == wc ? formatSi(w, "ohm", 3)
                                    : tr("row %1, col %2").arg(formatSi(w, "ohm", 3), formatSi(wc, "ohm", 3)));
        wireLabel_->setToolTip(w == wc ? QString() : tr("Rows and columns differ; moving the slider sets both"));
        rowsLabel_->setText(QString::number(rows_->value()));
        colsLabel_->setText(QString::number(cols_->value()));
        const bool cellKind = exp.value("kind", std::string()) == "crossbar_read" || exp.value("kind", std::string()) == "crossbar_write";
        for (auto* m : maps_)
            m->setSelectedCell(cellKind ? exp.value("row", 0) : -1, cellKind ? exp.value("col", 0) : -1);
    }
    updating_ = false;
}

void CrossbarView::showExperiment(const QString& pointer) {
    pointer_ = pointer;
    refreshControls();
    updatePanels();
}

void CrossbarView::updatePanels() {
    const json exp = pointer_.isEmpty() ? json() : doc_->value(pointer_.toStdString());
    const std::string kind = exp.is_object() ? exp.value("kind", std::string()) : std::string();
    bool anyMap = false;
    for (auto* m : maps_) anyMap = anyMap || m->hasMap();
    const bool maps = kMapKinds.contains(QString::fromStdString(kind)) || anyMap;
    const bool margin = kind == "crossbar_read_margin_sweep" || marginPlot_->graphCount() > 0;
    const bool mvmSweep = kind == "crossbar_mvm" && exp.contains("sizeSweep");
    const bool mvm = mvmSweep || mvmPlot_->graphCount() > 0;
    // Nothing selected yet: keep the whole layout, so the tab does not look empty.
    const bool none = kind.empty();
    const bool changed = mapGrid_->isVisibleTo(this) != (none || maps) ||
                         marginPlot_->isVisibleTo(this) != (none || margin) || mvmPlot_->isVisibleTo(this) != (none || mvm);
    mapGrid_->setVisible(none || maps);
    marginPlot_->setVisible(none || margin);
    mvmPlot_->setVisible(none || mvm);
    if (!changed) return;  // keep what the user dragged the splitter to
    // Plots take three parts of the column each, the figures two.
    const int h = std::max(side_->height(), 300);
    const int parts = 3 * (int(none || margin) + int(none || mvm)) + 2;
    side_->setSizes({none || margin ? 3 * h / parts : 0, none || mvm ? 3 * h / parts : 0, 2 * h / parts});
}

void CrossbarView::showSweepPlaceholders() {
    setPlaceholder(marginPlot_, tr("No sweep yet:\nrun a read-margin\nsweep experiment"));
    setPlaceholder(mvmPlot_, tr("No sweep yet:\nrun an MVM experiment\nwith a size sweep"));
    // Empty axes over sizes people sweep, not QCustomPlot's default 0..5.
    for (QCustomPlot* p : {marginPlot_, mvmPlot_}) p->xAxis->setRange(4, 256);
    marginPlot_->yAxis->setRange(0, 1);
    mvmPlot_->yAxis->setRange(0, 10);
}

void CrossbarView::clear() {
    for (auto* m : maps_) m->clearMap();
    marginPlot_->clearGraphs();
    mvmPlot_->clearGraphs();
    marginGraphs_.clear();
    showSweepPlaceholders();
    figures_->clearFigures();
    marginPlot_->replot(QCustomPlot::rpQueuedReplot);
    mvmPlot_->replot(QCustomPlot::rpQueuedReplot);
    updatePanels();
}

void CrossbarView::follow(ExperimentRunner* runner) {
    runner_ = runner;
    connect(runner, &ExperimentRunner::runStarted, this, [this](const QString& id, const QString& kind) {
        following_ = kindIds().contains(kind);
        if (!following_) return;
        runKind_ = kind;
        runId_ = id;
        figures_->clearFigures();
        if (kMapKinds.contains(kind)) {
            for (auto* m : maps_) m->clearMap();
            layoutMaps(false);
        }
        if (pointer_.isEmpty()) {  // follow the run's experiment until one is shown
            const auto ids = doc_->project().experimentIds();
            for (std::size_t k = 0; k < ids.size(); ++k)
                if (QString::fromStdString(ids[k]) == id) pointer_ = QString("/experiments/%1").arg(k);
            refreshControls();
        }
    });
    connect(runner, &ExperimentRunner::scalarReported, this, [this](const QString& k, double v, const QString& u) {
        if (following_) figures_->addFigure(k, v, u);
    });
    connect(runner, &ExperimentRunner::drained, this, [this] {
        if (following_) refreshFromRunner();
    });
    connect(runner, &ExperimentRunner::runFinished, this, [this](ExperimentRunner::Outcome o) {
        if (!following_) return;
        refreshFromRunner();
        layoutMaps(o == ExperimentRunner::Outcome::Finished);
    });
}

void CrossbarView::layoutMaps(bool runFinished) {
    // A finished run shows the maps it wrote and no empty one (a write writes
    // no column-line voltage): a map alone in its row takes the row's width.
    bool anyMap = false;
    for (auto* m : maps_) anyMap = anyMap || m->hasMap();
    auto* g = static_cast<QGridLayout*>(mapGrid_->layout());
    for (int row = 0; row < 2; ++row) {
        CrossbarHeatmap* pair[2] = {maps_[2 * row], maps_[2 * row + 1]};
        bool shown[2];
        for (int c = 0; c < 2; ++c) {
            shown[c] = !runFinished || !anyMap || pair[c]->hasMap();
            pair[c]->setVisible(shown[c]);
            g->removeWidget(pair[c]);
        }
        for (int c = 0; c < 2; ++c) g->addWidget(pair[c], row, c, 1, shown[c] && !shown[1 - c] ? 2 : 1);
    }
}

void CrossbarView::refreshFromRunner() {
    if (!runner_) return;
    std::map<QString, const SeriesBuffer*> byId;
    for (const auto& s : runner_->series()) byId[s.id] = &s;
    auto find = [&](const char* id) -> const SeriesBuffer* {
        auto it = byId.find(QString(id));
        return it == byId.end() || it->second->rows() == 0 ? nullptr : it->second;
    };
    // The run's selected cell (reads and writes), for the mark and the flow overlay.
    int selRow = -1, selCol = -1;
    const json* e = doc_->project().experiment(runId_.toStdString());
    if (e && (runKind_ == "crossbar_read" || runKind_ == "crossbar_write")) {
        selRow = e->value("row", 0);
        selCol = e->value("col", 0);
    }
    struct Slot {
        const char* series;
        QString title;
        const char* unit;
        bool signedScale;
    };
    const std::vector<std::vector<Slot>> slotTable = {
        {{"map_conductance", tr("Conductance G"), "S", false}},
        {{"map_cell_current", tr("Cell current I (lines: current flow)"), "A", true},
         {"map_cell_voltage", tr("Cell voltage during the write"), "V", true}},
        {{"map_disturb_dG", tr("Write disturb ΔG"), "S", true}, {"map_row_voltage", tr("Row-line voltage (IR drop)"), "V", false}},
        {{"map_col_voltage", tr("Column-line voltage"), "V", false}, {"map_mvm_error", tr("MVM cell error"), "", true}},
    };
    for (int k = 0; k < 4; ++k)
        for (const Slot& slot : slotTable[std::size_t(k)])
            if (const SeriesBuffer* s = find(slot.series)) {
                const Eigen::MatrixXd m = toMatrix(*s);
                maps_[k]->setMap(m, slot.title, slot.unit, slot.signedScale);
                maps_[k]->setSelectedCell(selRow, selCol);
                if (k == 1 && runKind_ == "crossbar_read") maps_[k]->setLineCurrents(m);
                break;
            }

    if (const SeriesBuffer* s = find("margin_vs_n")) {
        auto it = marginGraphs_.find(runId_);
        if (it == marginGraphs_.end()) {
            QCPGraph* g = marginPlot_->addGraph();
            const QColor c = kPalette[marginGraphs_.size() % 6];
            g->setPen(QPen(c, 1.6));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, Qt::white, 5));
            const std::string name = e ? e->value("name", runId_.toStdString()) : runId_.toStdString();
            g->setName(QString::fromStdString(name));
            it = marginGraphs_.emplace(runId_, marginPlot_->graphCount() - 1).first;
        }
        QCPGraph* g = marginPlot_->graph(it->second);
        g->data()->clear();
        const int cn = s->column("n"), cm = s->column("margin");
        for (std::size_t r = 0; r < s->rows(); ++r) g->addData(s->at(r, cn), s->at(r, cm));
        setPlaceholder(marginPlot_, QString());
        marginPlot_->rescaleAxes();
        const QCPRange x = marginPlot_->xAxis->range();
        marginPlot_->xAxis->setRange(x.lower / 1.3, x.upper * 1.3);
        const QCPRange y = marginPlot_->yAxis->range();
        marginPlot_->yAxis->setRange(std::min(0.0, y.lower), y.upper + 0.08 * std::max(y.size(), 1e-3));
        marginPlot_->replot(QCustomPlot::rpQueuedReplot);
    }
    if (const SeriesBuffer* s = find("error_vs_size")) {
        mvmPlot_->clearGraphs();
        std::map<double, QCPGraph*> byWire;
        const int cn = s->column("n"), cw = s->column("r_wire"), ce = s->column("max_error");
        for (std::size_t r = 0; r < s->rows(); ++r) {
            const double w = s->at(r, cw);
            QCPGraph*& g = byWire[w];
            if (!g) {
                g = mvmPlot_->addGraph();
                const QColor c = kPalette[(byWire.size() - 1) % 6];
                g->setPen(QPen(c, 1.6));
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, c, Qt::white, 5));
                g->setName(tr("R wire %1").arg(formatSi(w, "ohm", 3)));
            }
            g->addData(s->at(r, cn), 100.0 * std::fabs(s->at(r, ce)));
        }
        setPlaceholder(mvmPlot_, QString());
        mvmPlot_->rescaleAxes();
        const QCPRange x = mvmPlot_->xAxis->range();
        mvmPlot_->xAxis->setRange(x.lower / 1.3, x.upper * 1.3);
        mvmPlot_->yAxis->setRange(0, mvmPlot_->yAxis->range().upper * 1.1);
        mvmPlot_->replot(QCustomPlot::rpQueuedReplot);
    }
    updatePanels();
}

}  // namespace ms::gui
