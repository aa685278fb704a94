#include "widgets/snn/AnnVsSnnView.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <QGridLayout>
#include <QHeaderView>
#include <QScrollBar>
#include <QTabBar>
#include <QTableWidget>

#include "widgets/ExperimentRunner.h"
#include "widgets/SiFormat.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

namespace {

const QColor kBlue(31, 100, 180), kRed(214, 39, 40), kGrey(120, 120, 120), kGreen(44, 160, 44), kOrange(230, 120, 20),
    kPurple(130, 80, 170);

// The review's Table 6, row by row (Xu, Wang & Yan 2021), and what the
// studio measures for it. Rows with Measured::None show the review's text only.
enum class Measured { None, Operations, Energy, Synapses, Accuracy, Latency };
struct ReviewRow {
    const char* row;
    const char* ann;
    const char* snn;
    Measured measured;
};
const ReviewRow kRows[] = {
    {"Generation", "Second-generation NN", "Third-generation NN", Measured::None},
    {"Biological brain mimicking", "General", "Better", Measured::None},
    {"Signal processing", "Continuous multi-level value",
     "Sparse and asynchronous binary time-domain coded spike signals. Event-driven discrete information processing",
     Measured::Operations},
    {"Energy efficiency", "General", "Better", Measured::Energy},
    {"Neurons and Synapses", "Activation functions; Digital or analog memristor synapses",
     "Hodgkin and Huxley, LIF, etc. Analog memristor synapses", Measured::Synapses},
    {"Classical algorithms", "Error-backpropagation", "SpikeProp, STDP", Measured::Accuracy},
    {"Chip design", "In progress with some achievement.", "Preliminary stage", Measured::None},
    {"Application goals", "Near-term application goals", "Long-term application goals", Measured::None},
    {"Latency (not in Table 6)", "—", "—", Measured::Latency},
};

struct Sweep {
    const char* axis;    // sweepPlot key
    const char* series;  // energy_ratio_vs_<axis>
    const char* column;  // the x column
    const char* title;
    const char* label;
    const char* unit;
    bool logX;
};
const Sweep kSweeps[3] = {
    {"steps", "energy_ratio_vs_steps", "steps", "SNN/ANN energy vs window", "window (steps)", "", true},
    {"rate", "energy_ratio_vs_rate", "max_rate", "… vs input rate", "max input rate",
     "Hz", true},
    {"sparsity", "energy_ratio_vs_sparsity", "sparsity", "… vs input sparsity",
     "input sparsity (fraction of zero pixels)", "", false},
};

const QColor kWindowColours[] = {kRed, kOrange, kGreen, kBlue, kPurple, kGrey};

// 1-2-5 ticks per decade over a short range, decades over a long one: the
// shared log ticker crowds a short, narrow-range axis.
void setRatioTicks(QCPAxis* axis) {
    const double lo = axis->range().lower, hi = axis->range().upper;
    const bool wide = std::log10(hi / lo) > 1.6;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int e = -4; e <= 4; ++e)
        for (double m : {1.0, 2.0, 5.0}) {
            if (wide && m != 1.0) continue;
            const double v = m * std::pow(10.0, e);
            if (v >= lo && v <= hi) ticker->addTick(v, QString::number(v, 'g', 3));
        }
    ticker->setSubTickCount(0);
    axis->setTicker(ticker);
}

QString percent(double f) { return QString::number(100.0 * f, 'f', 1) + " %"; }
QString count(double n) { return QLocale().toString(n, 'f', 0); }

}  // namespace

AnnVsSnnView::AnnVsSnnView(DocumentModel* document, QWidget* parent) : ResultView(parent) {
    Q_UNUSED(document);
    auto* g = new QGridLayout(this);
    g->setContentsMargins(2, 2, 2, 2);
    g->setSpacing(2);
    // On a short screen the whole table and the plots do not fit one above the
    // other: then a tab bar shows one of them at a time (fitTableHeight).
    pager_ = new QTabBar(this);
    pager_->addTab(tr("Table 6"));
    pager_->addTab(tr("Energy sweeps"));
    pager_->setDocumentMode(true);
    pager_->hide();
    connect(pager_, &QTabBar::currentChanged, this, [this] { fitTableHeight(); });
    g->addWidget(pager_, 2, 0, 1, 3);
    table_ = new QTableWidget(int(std::size(kRows)), 6, this);
    // Two-line headers: one line is clipped in the narrow columns of a 1280-pixel screen.
    table_->setHorizontalHeaderLabels({tr("Table 6 row"), tr("Review:\nANNs"), tr("Review:\nSNNs"), tr("Measured:\nANN"),
                                       tr("Measured:\nconverted SNN"), tr("Measured:\nSTDP SNN")});
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    g->addWidget(table_, 0, 0, 1, 3);
    for (int k = 0; k < 3; ++k) {
        auto* p = new QCustomPlot(this);
        stylePlot(p, tr(kSweeps[k].title));
        installHoverCursor(p);
        p->setMinimumSize(220, 170);
        styleAxis(p->xAxis, tr(kSweeps[k].label), kSweeps[k].unit, kSweeps[k].logX);
        styleAxis(p->yAxis, "E_SNN/E_ANN", "", true, tr("ratio"));
        // Below this line the SNN costs less than the ANN.
        auto* one = new QCPItemStraightLine(p);
        one->point1->setCoords(0, 1);
        one->point2->setCoords(1, 1);
        one->setPen(QPen(Qt::black, 1.2, Qt::DashLine));
        // Curves are labelled where they end and by their axes, not by legends that would cover them.
        p->legend->setVisible(false);
        p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
        sweeps_[k] = p;
        g->addWidget(p, 1, k);
    }
    // The SNN's accuracy beside the ratio on the window plot: cheap windows are inaccurate.
    sweeps_[0]->yAxis2->setVisible(true);
    styleAxis(sweeps_[0]->yAxis2, tr("SNN accuracy"), "");
    sweeps_[0]->yAxis2->setRange(0, 1.05);
    // The grey axis belongs to the grey accuracy curve.
    for (QCPAxis* a = sweeps_[0]->yAxis2; QColor c : {kGrey}) {
        a->setLabelColor(c);
        a->setTickLabelColor(c);
        a->setBasePen(QPen(c));
        a->setTickPen(QPen(c));
    }
    for (int c = 0; c < 3; ++c) g->setColumnStretch(c, 1);
    g->setRowStretch(0, 5);
    g->setRowStretch(1, 4);
    clear();
}

QList<QCustomPlot*> AnnVsSnnView::plots() const { return {sweeps_[0], sweeps_[1], sweeps_[2]}; }

QCustomPlot* AnnVsSnnView::sweepPlot(const QString& axis) const {
    for (int k = 0; k < 3; ++k)
        if (axis == QLatin1String(kSweeps[k].axis)) return sweeps_[k];
    return nullptr;
}

void AnnVsSnnView::clear() {
    for (int r = 0; r < table_->rowCount(); ++r) {
        const ReviewRow& row = kRows[r];
        const QString none = row.measured == Measured::None ? tr("not measured") : QString();
        const QString texts[6] = {tr(row.row), tr(row.ann), tr(row.snn), none, none, none};
        for (int c = 0; c < 6; ++c) {
            auto* item = new QTableWidgetItem(texts[c]);
            if (c >= 3 && row.measured == Measured::None) item->setForeground(kGrey);
            if (c == 0) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            table_->setItem(r, c, item);
        }
    }
    fitTableHeight();
    for (auto* p : sweeps_) {
        p->clearGraphs();
        p->replot(QCustomPlot::rpQueuedReplot);
    }
}

void AnnVsSnnView::follow(ExperimentRunner* runner) { followRuns(runner, kindIds(), nullptr, [this] { redraw(); }); }

void AnnVsSnnView::fillTable() {
    std::map<QString, double> s;
    for (const auto& r : runner()->scalars()) s[r.key] = r.value;
    auto has = [&](const char* k) { return s.count(k) > 0; };
    auto v = [&](const char* k) { return has(k) ? s.at(k) : std::nan(""); };
    auto set = [&](Measured m, const QString& ann, const QString& snn) {
        for (int r = 0; r < table_->rowCount(); ++r)
            if (kRows[r].measured == m) {
                table_->item(r, 3)->setText(ann);
                table_->item(r, 4)->setText(snn);
            }
    };
    // (c) the STDP network's column, shown only when the run had one.
    const bool stdp = has("stdp_accuracy");
    table_->setColumnHidden(5, !stdp);
    auto setStdp = [&](Measured m, const QString& text) {
        for (int r = 0; r < table_->rowCount(); ++r)
            if (kRows[r].measured == m) table_->item(r, 5)->setText(text);
    };
    if (stdp) {
        setStdp(Measured::Operations, tr("%1 synaptic events per digit").arg(count(v("stdp_events_per_example"))));
        setStdp(Measured::Energy, tr("%1 = %2 × ANN")
                                      .arg(formatSi(v("stdp_energy_per_example"), "J", 3))
                                      .arg(QString::number(v("stdp_energy_ratio_over_ann"), 'f', 0)));
        setStdp(Measured::Synapses, tr("LIF, adaptive threshold (Diehl & Cook 2015); one cell per weight"));
        setStdp(Measured::Accuracy, tr("STDP, unsupervised: accuracy %1").arg(percent(v("stdp_accuracy"))));
        for (const auto& sb : runner()->series())
            if (sb.id == QLatin1String("table6") && sb.rows() > 2 && sb.column("stdp") >= 0)
                setStdp(Measured::Latency, tr("fixed window: %1 steps (%2)")
                                               .arg(sb.at(1, sb.column("stdp")))
                                               .arg(formatSi(sb.at(2, sb.column("stdp")), "s", 3)));
    }
    if (has("macs_per_example") && has("events_per_example"))
        set(Measured::Operations, tr("%1 MACs per inference").arg(count(v("macs_per_example"))),
            tr("%1 synaptic events per digit (%2 zero pixels)")
                .arg(count(v("events_per_example")), percent(v("input_sparsity"))));
    if (has("energy_ratio_snn_over_ann"))
        set(Measured::Energy,
            tr("%1: reads %2 + ADC %3")
                .arg(formatSi(v("ann_energy_per_example"), "J", 3), formatSi(v("ann_read_energy"), "J", 3),
                     formatSi(v("ann_neuron_energy"), "J", 3)),
            tr("%1: reads %2 + neurons %3 = %4 × ANN")
                .arg(formatSi(v("snn_energy_per_example"), "J", 3), formatSi(v("snn_read_energy"), "J", 3),
                     formatSi(v("snn_neuron_energy"), "J", 3), QString::number(v("energy_ratio_snn_over_ann"), 'f', 2)));
    if (has("G_min"))
        set(Measured::Synapses,
            tr("ReLU; G pair per weight, %1 – %2").arg(formatSi(v("G_min"), "S", 3), formatSi(v("G_max"), "S", 3)),
            tr("IF neurons (Diehl 2015), same cells"));
    if (has("snn_accuracy"))
        set(Measured::Accuracy, tr("Backprop: accuracy %1").arg(percent(v("ann_accuracy"))),
            tr("Converted, not STDP: accuracy %1").arg(percent(v("snn_accuracy"))));
    if (has("snn_decision_steps"))
        set(Measured::Latency, tr("%1 layer passes").arg(v("ann_latency_layers")),
            tr("%1 steps (%2) to decide; %3 decide in %4")
                .arg(QString::number(v("snn_decision_steps"), 'f', 1), formatSi(v("snn_decision_time"), "s", 3),
                     percent(v("snn_decided_fraction")))
                .arg(v("snn_window_steps")));
}

void AnnVsSnnView::fitTableHeight() {
    // As tall as its rows, no taller: the room left goes to the plots.
    table_->resizeRowsToContents();
    int h = table_->horizontalHeader()->height() + 2 * table_->frameWidth() + 2;
    for (int r = 0; r < table_->rowCount(); ++r) h += table_->rowHeight(r);
    table_->setMaximumHeight(h);
    // Too short for the whole table above the plots (a 1280x720 screen): the
    // table would scroll its measured rows out of sight, so one page at a time.
    const int plotsMin = sweeps_[0]->minimumHeight();
    const bool compact = height() < h + plotsMin + pager_->sizeHint().height() + 8;
    pager_->setVisible(compact);
    const bool table = !compact || pager_->currentIndex() == 0, plots = !compact || pager_->currentIndex() == 1;
    table_->setVisible(table);
    for (auto* p : sweeps_) p->setVisible(plots);
    // A hidden row keeps its stretch, and so its share of the height: not here.
    auto* g = static_cast<QGridLayout*>(layout());
    g->setRowStretch(0, table ? 5 : 0);
    g->setRowStretch(1, plots ? 4 : 0);
}

bool AnnVsSnnView::tableScrolls() const {
    return !table_->isHidden() && table_->verticalScrollBar()->isVisible();
}

void AnnVsSnnView::resizeEvent(QResizeEvent* event) {
    ResultView::resizeEvent(event);
    fitTableHeight();
}

void AnnVsSnnView::redraw() {
    if (!runner()) return;
    fillTable();
    fitTableHeight();
    for (int k = 0; k < 3; ++k) {
        QCustomPlot* p = sweeps_[k];
        const SeriesBuffer* found = nullptr;
        for (const auto& s : runner()->series())
            if (s.id == QLatin1String(kSweeps[k].series)) found = &s;
        if (!found || found->rows() == 0) continue;
        const SeriesBuffer& s = *found;
        p->clearGraphs();
        for (int i = p->itemCount() - 1; i >= 0; --i)
            if (qobject_cast<QCPItemText*>(p->item(i))) p->removeItem(i);
        // A legend entry for the ratio = 1 line (the line itself is an item).
        QCPGraph* oneEntry = p->addGraph();
        oneEntry->setPen(QPen(Qt::black, 1.2, Qt::DashLine));
        oneEntry->setName(tr("ratio 1"));
        const int cx = s.column(kSweeps[k].column), cr = s.column("ratio"), cw = s.column("steps"),
                  ca = s.column("snn_accuracy");
        // A curve per window (the steps sweep is one curve).
        std::map<double, QCPGraph*> curves;
        double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
        QCPGraph* accuracy = nullptr;
        for (std::size_t r = 0; r < s.rows(); ++r) {
            const double x = s.at(r, cx), y = s.at(r, cr), w = k == 0 ? 0.0 : s.at(r, cw);
            QCPGraph*& g = curves[w];
            if (!g) {
                g = p->addGraph();
                const QColor c = k == 0 ? kBlue : kWindowColours[std::min<std::size_t>(curves.size() - 1, 5)];
                g->setPen(QPen(c, 1.6));
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, 4));
                g->setName(k == 0 ? tr("SNN/ANN") : tr("%1 steps").arg(w));
            }
            g->addData(x, y);
            if (k == 0) {
                if (!accuracy) {
                    accuracy = p->addGraph(p->xAxis, p->yAxis2);
                    accuracy->setPen(QPen(kGrey, 1.2, Qt::DashDotLine));
                    accuracy->setName(tr("SNN acc."));
                }
                accuracy->addData(x, s.at(r, ca));
            }
            xlo = std::min(xlo, x), xhi = std::max(xhi, x);
            ylo = std::min(ylo, y), yhi = std::max(yhi, y);
        }
        // Each window's curve named at its left end, where the curves are apart (at the
        // right end of the rate plot they converge and cross, and a name sat on its
        // neighbour), on the side its curve leaves: under a rising curve, over a falling one.
        if (k > 0)
            for (const auto& [w, g] : curves) {
                if (g->data()->isEmpty()) continue;
                const auto end = g->data()->constBegin();
                const bool rising = g->data()->size() > 1 && (end + 1)->value > end->value;
                auto* label = new QCPItemText(p);
                label->position->setCoords(end->key, end->value);
                label->setPositionAlignment(Qt::AlignLeft | (rising ? Qt::AlignTop : Qt::AlignBottom));
                label->setPadding(QMargins(4, 0, 4, 2));
                label->setText(tr("%1 steps").arg(w));
                label->setColor(g->pen().color());
                label->setFont(QFont(p->font().family(), 8));
            }
        // Always show the ratio = 1 line inside the range.
        ylo = std::min(ylo, 0.8), yhi = std::max(yhi, 1.25);
        if (kSweeps[k].logX)
            p->xAxis->setRange(xlo / 1.3, xhi * 1.3);
        else
            p->xAxis->setRange(xlo - 0.03 * (xhi - xlo), xhi + 0.03 * (xhi - xlo));
        p->yAxis->setRange(ylo / 1.4, yhi * 1.4);
        setRatioTicks(p->yAxis);
        p->replot(QCustomPlot::rpQueuedReplot);
    }
}

}  // namespace ms::gui
