#include "widgets/plots/LtpPlot.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include "widgets/ExperimentRunner.h"
#include "widgets/FiguresTable.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

LtpPlot::LtpPlot(QWidget* parent) : QWidget(parent) {
    auto* l = new QHBoxLayout(this);
    l->setContentsMargins(2, 2, 2, 2);
    auto* split = new QSplitter(Qt::Horizontal, this);
    plot_ = new QCustomPlot(split);
    stylePlot(plot_, tr("Potentiation then depression: G after each pulse"));
    styleAxis(plot_->xAxis, tr("pulse"), "");
    styleAxis(plot_->yAxis, "G", "S");
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    for (auto [name, colour] : {std::pair{tr("LTP (potentiation)"), QColor(31, 100, 180)},
                                std::pair{tr("LTD (depression)"), QColor(214, 39, 40)}}) {
        QCPGraph* g = plot_->addGraph();
        g->setName(name);
        g->setPen(QPen(colour, 1.4));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, Qt::white, 4));
    }
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignHCenter);
    installHoverCursor(plot_);
    // The figures, and for a designed train (scheme designed_*) its NL and
    // asymmetry next to the identical train's: what the design bought.
    auto* side = new QWidget(split);
    auto* sl = new QVBoxLayout(side);
    sl->setContentsMargins(0, 0, 0, 0);
    comparison_ = new QLabel(side);
    comparison_->setObjectName("designComparison");
    comparison_->setWordWrap(true);
    comparison_->setTextFormat(Qt::RichText);
    comparison_->setVisible(false);
    figures_ = new FiguresTable(side);
    figures_->setMinimumWidth(220);
    sl->addWidget(comparison_);
    sl->addWidget(figures_, 1);
    split->addWidget(plot_);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    l->addWidget(split);
}

int LtpPlot::pointCount() const { return plot_->graph(0)->dataCount() + plot_->graph(1)->dataCount(); }

void LtpPlot::follow(ExperimentRunner* runner) {
    runner_ = runner;
    connect(runner, &ExperimentRunner::runStarted, this, [this](const QString&, const QString& kind) {
        following_ = kind == QLatin1String("pulse_ltp_ltd");
        if (following_) clear();
    });
    // The curve is series "ltp_ltd"; a designed run streams "designed_pulses" first.
    connect(runner, &ExperimentRunner::seriesStarted, this, [this](int index) {
        if (following_ && series_ < 0 && runner_->series()[static_cast<std::size_t>(index)].id == QLatin1String("ltp_ltd"))
            series_ = index;
    });
    connect(runner, &ExperimentRunner::rowsAdded, this, [this](int index, qsizetype first, qsizetype count) {
        if (following_ && index == series_) onRows(index, first, count);
    });
    connect(runner, &ExperimentRunner::scalarReported, this, [this](const QString& k, double v, const QString& u) {
        if (!following_) return;
        figures_->addFigure(k, v, u);
        scalars_[k] = v;
        updateComparison();
    });
    connect(runner, &ExperimentRunner::drained, this, [this] {
        if (!following_) return;
        plot_->rescaleAxes();
        const QCPRange r = plot_->yAxis->range();
        plot_->yAxis->setRange(r.lower - 0.06 * r.size(), r.upper + 0.06 * r.size());
        plot_->xAxis->setRange(plot_->xAxis->range().lower - 1, plot_->xAxis->range().upper + 1);
        plot_->replot(QCustomPlot::rpQueuedReplot);
    });
}

void LtpPlot::clear() {
    series_ = -1;
    plot_->graph(0)->data()->clear();
    plot_->graph(1)->data()->clear();
    figures_->clearFigures();
    scalars_.clear();
    updateComparison();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LtpPlot::updateComparison() {
    const QStringList keys = {"NL_LTP_identical", "NL_LTD_identical", "asymmetry_identical", "NL_LTP", "NL_LTD", "asymmetry"};
    for (const auto& k : keys)
        if (!scalars_.contains(k)) {
            comparison_->setVisible(false);
            return;
        }
    auto row = [this](const QString& name, const QString& key) {
        return QStringLiteral("<tr><td>%1</td><td align=right>%2</td><td align=right><b>%3</b></td></tr>")
            .arg(name, QString::number(scalars_.value(key + "_identical"), 'f', 2), QString::number(scalars_.value(key), 'f', 2));
    };
    comparison_->setText(tr("<b>Designed pulses</b> (equal conductance steps)<table cellspacing=4>"
                            "<tr><td></td><td>identical</td><td>designed</td></tr>") +
                         row(tr("NL LTP"), "NL_LTP") + row(tr("NL LTD"), "NL_LTD") + row(tr("asymmetry"), "asymmetry") +
                         "</table>");
    comparison_->setVisible(true);
}

void LtpPlot::onRows(int index, qsizetype first, qsizetype count) {
    const SeriesBuffer& s = runner_->series()[static_cast<std::size_t>(index)];
    const int cn = std::max(0, s.column("pulse")), cg = s.column("G") >= 0 ? s.column("G") : 1,
              cp = s.column("phase") >= 0 ? s.column("phase") : 2;
    for (qsizetype k = first; k < first + count; ++k) {
        const auto row = static_cast<std::size_t>(k);
        const double n = s.at(row, cn), g = s.at(row, cg);
        const double phase = static_cast<int>(s.columns.size()) > cp ? s.at(row, cp) : 1.0;
        // The initial read (phase 0) starts the LTP branch; the last LTP point
        // also starts the LTD branch so the curve has no gap.
        if (phase <= 0.5 && phase >= -0.5) plot_->graph(0)->addData(n, g);
        else if (phase > 0) plot_->graph(0)->addData(n, g);
        else {
            if (plot_->graph(1)->dataCount() == 0 && plot_->graph(0)->dataCount() > 0) {
                const auto last = plot_->graph(0)->data()->at(plot_->graph(0)->dataCount() - 1);
                plot_->graph(1)->addData(last->key, last->value);
            }
            plot_->graph(1)->addData(n, g);
        }
    }
}

}  // namespace ms::gui
