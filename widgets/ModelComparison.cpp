#include "widgets/ModelComparison.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/devices/ModelRegistry.h"
#include "core/sim/DeviceTransient.h"
#include "core/sim/Stimulus.h"
#include "widgets/SiFormat.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

struct ComparisonLoop {
    std::string modelId;
    std::vector<double> v, i;
    std::string error;
};

namespace {
class LoopSink final : public ms::CheckedSink {
public:
    explicit LoopSink(ComparisonLoop& loop) : loop_(loop) {}
    void onRows(const std::string& id, const double* d, std::size_t rows) override {
        const std::size_t width = columnsOf(id);
        for (std::size_t r = 0; r < rows; ++r) {
            loop_.v.push_back(d[r * width + 1]);
            loop_.i.push_back(d[r * width + 2]);
        }
    }

private:
    ComparisonLoop& loop_;
};

std::vector<ComparisonLoop> runAll(const std::string& driveText, const std::string& mode) {
    std::vector<ComparisonLoop> out;
    nlohmann::json drive = nlohmann::json::parse(driveText, nullptr, false);
    if (drive.is_discarded() || !drive.is_object()) drive = {{"kind", "sine"}, {"params", nlohmann::json::object()}};
    const ms::StimulusInfo* info = ms::stimulusRegistry().find(drive.value("kind", std::string("sine")));
    ms::ParamValues given;
    if (drive.contains("params") && drive["params"].is_object())
        for (auto& [k, v] : drive["params"].items())
            if (v.is_number()) given[k] = v.get<double>();
    std::vector<std::pair<double, double>> points;
    if (drive.contains("points") && drive["points"].is_array())
        for (const auto& p : drive["points"])
            if (p.is_array() && p.size() == 2) points.emplace_back(p[0].get<double>(), p[1].get<double>());
    for (const auto& m : ms::modelRegistry().all()) {
        ComparisonLoop loop;
        loop.modelId = m.id;
        try {
            if (!info) throw ms::InputError("drive", "unknown drive");
            ms::DeviceSpec spec;
            spec.modelId = m.id;
            if (!m.presets.empty()) spec.presetId = m.presets.front().id;
            auto model = ms::instantiateDevice(spec);
            auto stim = info->create(ms::withDefaults(info->params, given), points);
            ms::TransientOptions opt;
            opt.samples = 1500;
            opt.modelName = m.id;
            LoopSink sink(loop);
            ms::StopToken stop;
            ms::runDeviceTransient(*model, *stim, mode == "current" ? ms::DriveMode::Current : ms::DriveMode::Voltage,
                                   opt, sink, stop);
        } catch (const std::exception& e) {
            loop.error = e.what();
        }
        out.push_back(std::move(loop));
    }
    return out;
}
// "Sine: V_0 = 1 V, f = 1 Hz" from a drive object, units from the drive's
// ParamSpecs (amperes in current mode); the raw JSON if it does not parse.
QString describeDrive(const QString& driveJson, const QString& mode) {
    try {
        const auto d = nlohmann::json::parse(driveJson.toStdString());
        const auto* info = ms::stimulusRegistry().find(d.value("kind", std::string()));
        if (!info) return driveJson.toHtmlEscaped();
        QStringList parts;
        const auto params = d.value("params", nlohmann::json::object());
        for (const auto& spec : info->params) {
            if (!params.contains(spec.key) || !params[spec.key].is_number()) continue;
            QString unit = QString::fromStdString(spec.unit);
            if (unit == "V" && mode == QLatin1String("current")) unit = "A";
            parts << QStringLiteral("%1 = %2").arg(QString::fromStdString(spec.symbol), formatSi(params[spec.key].get<double>(), unit));
        }
        return QStringLiteral("<b>%1</b> %2").arg(QString::fromStdString(info->name).toHtmlEscaped(), parts.join(", ").toHtmlEscaped());
    } catch (const std::exception&) {
        return driveJson.toHtmlEscaped();
    }
}

}  // namespace

ModelComparison::ModelComparison(QWidget* parent) : QWidget(parent) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(2, 2, 2, 2);
    auto* top = new QHBoxLayout;
    driveLabel_ = new QLabel(this);
    driveLabel_->setWordWrap(true);
    auto* button = new QPushButton(tr("Compare under this drive"), this);
    connect(button, &QPushButton::clicked, this, &ModelComparison::compute);
    top->addWidget(driveLabel_, 1);
    top->addWidget(button);
    v->addLayout(top);
    auto* split = new QSplitter(Qt::Vertical, this);
    table_ = new QTableWidget(split);
    const QStringList headers = {tr("Model"), tr("Control"), tr("Threshold"), tr("I-V relation"), tr("State bounds"),
                                 tr("Accuracy"), tr("Window"), tr("Source")};
    table_->setColumnCount(headers.size());
    table_->setHorizontalHeaderLabels(headers);
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (const auto& m : ms::modelRegistry().all()) {
        const int r = table_->rowCount();
        table_->insertRow(r);
        const QString bounds = QStringLiteral("%1 ∈ [%2, %3]")
                                   .arg(QString::fromStdString(m.state.symbol), formatSi(m.state.min, QString::fromStdString(m.state.unit)),
                                        formatSi(m.state.max, QString::fromStdString(m.state.unit)));
        const QStringList cells = {QString::fromStdString(m.name), QString::fromLatin1(ms::toString(m.control)),
                                   m.hasThreshold ? tr("yes") : tr("no"), QString::fromStdString(m.ivRelation), bounds,
                                   QString::fromStdString(m.accuracy), m.acceptsWindow ? tr("yes") : tr("no"),
                                   QString::fromStdString(m.source)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(c == 0 ? QString::fromStdString(m.summary) : cells[c]);
            table_->setItem(r, c, item);
        }
    }
    table_->resizeColumnsToContents();
    table_->resizeRowsToContents();
    table_->horizontalHeader()->setStretchLastSection(true);
    // Every model's row in view without scrolling: the table is the point of the tab.
    int rowsHeight = table_->horizontalHeader()->height() + 2 * table_->frameWidth();
    for (int r = 0; r < table_->rowCount(); ++r) rowsHeight += table_->rowHeight(r);
    table_->setMinimumHeight(rowsHeight + table_->horizontalScrollBar()->sizeHint().height());
    auto* plotsHost = new QWidget(split);
    grid_ = new QGridLayout(plotsHost);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(2);
    const int n = static_cast<int>(ms::modelRegistry().all().size());
    const int cols = 4;
    for (int k = 0; k < n; ++k) {
        auto* p = new QCustomPlot(plotsHost);
        stylePlot(p, QString::fromStdString(ms::modelRegistry().all()[static_cast<std::size_t>(k)].name));
        p->setMinimumSize(160, 130);
        styleAxis(p->xAxis, "v", "V");
        styleAxis(p->yAxis, "i", "A");
        plots_.push_back(p);
        grid_->addWidget(p, k / cols, k % cols);
    }
    split->addWidget(table_);
    split->addWidget(plotsHost);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    v->addWidget(split);
    connect(&watcher_, &QFutureWatcherBase::finished, this, &ModelComparison::showLoops);
    setDrive(QString(), "voltage");
}

ModelComparison::~ModelComparison() { watcher_.waitForFinished(); }

void ModelComparison::setDrive(const QString& driveJson, const QString& mode) {
    drive_ = driveJson.isEmpty() ? QStringLiteral(R"({"kind":"sine","params":{"amplitude":1,"frequency":1}})") : driveJson;
    mode_ = mode.isEmpty() ? QStringLiteral("voltage") : mode;
    driveLabel_->setText(tr("Every model at its first published preset under the current experiment's %1 drive: "
                            "%2. Models with very different time scales or thresholds may barely "
                            "switch under one drive; that is the comparison.")
                             .arg(mode_, describeDrive(drive_, mode_)));
    if (isVisible()) compute();
}

void ModelComparison::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (computedFor_ != drive_ + mode_) compute();
}

void ModelComparison::compute() {
    if (watcher_.isRunning()) return;  // finished() re-checks the drive
    computedFor_ = drive_ + mode_;
    const std::string d = drive_.toStdString(), m = mode_.toStdString();
    watcher_.setFuture(QtConcurrent::run([d, m] { return runAll(d, m); }));
}

void ModelComparison::showLoops() {
    const auto loops = watcher_.result();
    for (std::size_t k = 0; k < loops.size() && k < plots_.size(); ++k) {
        QCustomPlot* p = plots_[k];
        p->clearPlottables();
        const auto& l = loops[k];
        if (!l.error.empty()) {
            p->xAxis->setLabel(QString::fromStdString("failed: " + l.error).left(60));
            table_->item(static_cast<int>(k), 0)->setToolTip(QString::fromStdString(l.error));
        } else {
            auto* c = new QCPCurve(p->xAxis, p->yAxis);
            c->setPen(QPen(QColor(31, 100, 180), 1.2));
            QVector<double> v(l.v.begin(), l.v.end()), i(l.i.begin(), l.i.end());
            c->setData(v, i);
            p->rescaleAxes();
            styleAxis(p->xAxis, "v", "V");
        }
        p->replot(QCustomPlot::rpQueuedReplot);
    }
    if (computedFor_ != drive_ + mode_ && isVisible()) compute();
    else emit computed();
}

}  // namespace ms::gui
