#include "widgets/ModelComparison.h"

#include <QComboBox>
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
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "core/sim/Frames.h"
#include "core/sim/Stimulus.h"
#include "widgets/SiFormat.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

struct ComparisonLoop {
    std::vector<double> v, i;
    std::string error;
};

namespace {
// Keeps the v and i columns of the transient, found by name.
class LoopSink final : public ms::CheckedSink {
public:
    explicit LoopSink(ComparisonLoop& loop) : loop_(loop) {}
    void onBeginSeries(const std::string&, const std::vector<ms::Column>& columns) override {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (columns[c].name == "v") vColumn_ = c;
            if (columns[c].name == "i") iColumn_ = c;
        }
    }
    void onRows(const std::string& id, const double* d, std::size_t rows) override {
        const std::size_t width = columnsOf(id);
        if (vColumn_ >= width || iColumn_ >= width) return;
        for (std::size_t r = 0; r < rows; ++r) {
            loop_.v.push_back(d[r * width + vColumn_]);
            loop_.i.push_back(d[r * width + iColumn_]);
        }
    }

private:
    ComparisonLoop& loop_;
    std::size_t vColumn_ = SIZE_MAX, iColumn_ = SIZE_MAX;
};

// Each device as a device_transient experiment of (a copy of) the project, so
// the loop is exactly what that experiment would show, checks included.
std::vector<ComparisonLoop> runAll(const nlohmann::json& projectTree, const std::vector<nlohmann::json>& devices,
                                   const std::string& driveText, const std::string& mode) {
    std::vector<ComparisonLoop> out;
    nlohmann::json drive = nlohmann::json::parse(driveText, nullptr, false);
    if (drive.is_discarded() || !drive.is_object()) drive = {{"kind", "sine"}, {"params", nlohmann::json::object()}};
    nlohmann::json tree = projectTree.is_object() ? projectTree : ms::Project().tree();
    for (const auto& device : devices) {
        ComparisonLoop loop;
        try {
            tree["experiments"] = nlohmann::json::array({{{"id", "compare"},
                                                          {"kind", "device_transient"},
                                                          {"device", device},
                                                          {"drive", drive},
                                                          {"mode", mode},
                                                          {"samples", 1500}}});
            const ms::Project project(tree);
            LoopSink sink(loop);
            ms::StopToken stop;
            ms::runExperiment(project, "compare", sink, stop);
        } catch (const std::exception& e) {
            loop.error = e.what();
        }
        out.push_back(std::move(loop));
    }
    return out;
}

std::vector<ComparedDevice> registryDevices() {
    std::vector<ComparedDevice> out;
    for (const auto& m : ms::modelRegistry().all()) {
        ComparedDevice d;
        d.label = QString::fromStdString(m.name);
        d.origin = QStringLiteral("registry");
        d.spec.modelId = m.id;
        d.device = {{"model", m.id}};
        if (!m.presets.empty()) {
            d.spec.presetId = m.presets.front().id;
            d.device["preset"] = d.spec.presetId;
        }
        out.push_back(std::move(d));
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

namespace {

// Inline device objects anywhere below `node` (experiments, circuit elements),
// each named by the object that holds it ("Mp", an experiment's name) or its path.
void collectInlineDevices(const nlohmann::json& node, const std::string& path, const ms::Project& project,
                          std::vector<ComparedDevice>& out) {
    if (node.is_array()) {
        for (std::size_t k = 0; k < node.size(); ++k)
            collectInlineDevices(node[k], path + "[" + std::to_string(k) + "]", project, out);
        return;
    }
    if (!node.is_object()) return;
    for (const auto& [key, value] : node.items()) {
        const std::string at = path.empty() ? key : path + "." + key;
        if (key != "device" || !value.is_object()) {
            collectInlineDevices(value, at, project, out);
            continue;
        }
        std::vector<ms::ProjectIssue> issues;
        ms::DeviceSpec spec = ms::parseDeviceSpec(value, project, at, issues);
        if (!issues.empty() || spec.modelId.empty()) continue;
        std::string label = at;
        for (const char* k : {"id", "name"})  // a name, when there is one, wins
            if (node.contains(k) && node[k].is_string()) label = node[k].get<std::string>();
        out.push_back({QString::fromStdString(label), QString::fromStdString(at), std::move(spec), value});
    }
}

}  // namespace

std::vector<ComparedDevice> projectDevicesOf(const ms::Project& project) {
    std::vector<ComparedDevice> out;
    const nlohmann::json& t = project.tree();
    if (!t.is_object()) return out;
    if (t.contains("devices") && t["devices"].is_array())
        for (std::size_t k = 0; k < t["devices"].size(); ++k) {
            const auto& d = t["devices"][k];
            if (!d.is_object()) continue;
            const std::string at = "devices[" + std::to_string(k) + "]";
            if (!d.contains("id") || !d["id"].is_string()) continue;  // nothing can refer to it
            const std::string id = d["id"].get<std::string>();
            std::vector<ms::ProjectIssue> issues;
            ms::DeviceSpec spec = ms::parseDeviceSpec(id, project, at, issues);
            if (!issues.empty() || spec.modelId.empty()) continue;
            out.push_back({QString::fromStdString(id), QString::fromStdString(at), std::move(spec), id});
        }
    for (const auto& [key, value] : t.items())
        if (key != "devices") collectInlineDevices(value, key, project, out);
    return out;
}

ModelComparison::ModelComparison(QWidget* parent) : QWidget(parent) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(2, 2, 2, 2);
    auto* top = new QHBoxLayout;
    source_ = new QComboBox(this);
    source_->setToolTip(tr("Compare the open project's devices, each with its own preset, parameters and window, "
                           "or every model the studio knows at its first published preset"));
    driveLabel_ = new QLabel(this);
    driveLabel_->setWordWrap(true);
    auto* button = new QPushButton(tr("Compare under this drive"), this);
    connect(button, &QPushButton::clicked, this, &ModelComparison::compute);
    top->addWidget(source_);
    top->addWidget(driveLabel_, 1);
    top->addWidget(button);
    v->addLayout(top);
    auto* split = new QSplitter(Qt::Vertical, this);
    table_ = new QTableWidget(split);
    const QStringList headers = {tr("Device"), tr("Model"), tr("Control"), tr("Threshold"), tr("I-V relation"),
                                 tr("State bounds"), tr("Accuracy"), tr("Window"), tr("Source")};
    table_->setColumnCount(headers.size());
    table_->setHorizontalHeaderLabels(headers);
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setStretchLastSection(true);
    plotsHost_ = new QWidget(split);
    grid_ = new QGridLayout(plotsHost_);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(2);
    split->addWidget(table_);
    split->addWidget(plotsHost_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    v->addWidget(split);
    connect(&watcher_, &QFutureWatcherBase::finished, this, &ModelComparison::showLoops);
    drive_ = QStringLiteral(R"({"kind":"sine","params":{"amplitude":1,"frequency":1}})");
    source_->addItem(tr("This project's devices (0)"));
    source_->addItem(tr("Every registered model (%1)").arg(ms::modelRegistry().all().size()));
    source_->setCurrentIndex(1);
    connect(source_, &QComboBox::currentIndexChanged, this, [this] { rebuild(); });
    rebuild();
}

ModelComparison::~ModelComparison() { watcher_.waitForFinished(); }

void ModelComparison::setProject(const ms::Project& project) {
    projectDevices_ = projectDevicesOf(project);
    projectTree_ = project.tree();
    source_->setItemText(0, tr("This project's devices (%1)").arg(projectDevices_.size()));
    // A project with devices is compared on them; one without shows the registry.
    const int index = projectDevices_.empty() ? 1 : 0;
    if (source_->currentIndex() != index) source_->setCurrentIndex(index);  // rebuilds
    else rebuild();
}

void ModelComparison::setComparingProjectDevices(bool project) { source_->setCurrentIndex(project ? 0 : 1); }

bool ModelComparison::comparingProjectDevices() const { return source_->currentIndex() == 0; }

void ModelComparison::rebuild() {
    compared_ = comparingProjectDevices() ? projectDevices_ : registryDevices();
    ++generation_;
    fillTable();
    rebuildPlots();
    updateDriveLabel();
    if (isVisible()) compute();
}

void ModelComparison::fillTable() {
    table_->setRowCount(0);
    for (const auto& d : compared_) {
        const ms::ModelInfo* m = ms::modelRegistry().find(d.spec.modelId);
        if (!m) continue;
        QString window = m->acceptsWindow ? tr("yes") : tr("no");
        if (d.origin != QLatin1String("registry") && m->acceptsWindow)
            window = d.spec.window ? QString::fromStdString(d.spec.window->id) : tr("preset's");
        QString model = QString::fromStdString(m->name);
        if (!d.spec.presetId.empty()) model += QStringLiteral(", ") + QString::fromStdString(d.spec.presetId);
        for (const auto& [key, value] : d.spec.params) {  // what the project changed, with its unit
            const ms::ParamSpec* spec = ms::findSpec(m->params, key);
            model += QStringLiteral(", %1 = %2").arg(QString::fromStdString(spec ? spec->symbol : key),
                                                     formatSi(value, spec ? QString::fromStdString(spec->unit) : QString()));
        }
        const QString bounds = QStringLiteral("%1 ∈ [%2, %3]")
                                   .arg(QString::fromStdString(m->state.symbol),
                                        formatSi(m->state.min, QString::fromStdString(m->state.unit)),
                                        formatSi(m->state.max, QString::fromStdString(m->state.unit)));
        const QStringList cells = {d.label, model, QString::fromLatin1(ms::toString(m->control)),
                                   m->hasThreshold ? tr("yes") : tr("no"), QString::fromStdString(m->ivRelation), bounds,
                                   QString::fromStdString(m->accuracy), window, QString::fromStdString(m->source)};
        const int r = table_->rowCount();
        table_->insertRow(r);
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(c == 0 ? d.origin + QStringLiteral(": ") + QString::fromStdString(m->summary) : cells[c]);
            table_->setItem(r, c, item);
        }
    }
    table_->resizeColumnsToContents();
    table_->resizeRowsToContents();
    // Every row in view without scrolling: the table is the point of the tab.
    int rowsHeight = table_->horizontalHeader()->height() + 2 * table_->frameWidth();
    for (int r = 0; r < table_->rowCount(); ++r) rowsHeight += table_->rowHeight(r);
    // No more than that either: the loops get the rest of the tab.
    table_->setMinimumHeight(rowsHeight + table_->horizontalScrollBar()->sizeHint().height());
    table_->setMaximumHeight(table_->minimumHeight());
}

void ModelComparison::rebuildPlots() {
    for (auto* p : plots_) delete p;
    plots_.clear();
    const int n = static_cast<int>(compared_.size());
    const int cols = n <= 4 ? std::max(n, 1) : 4;
    for (int k = 0; k < n; ++k) {
        auto* p = new QCustomPlot(plotsHost_);
        stylePlot(p, compared_[static_cast<std::size_t>(k)].label);
        p->setMinimumSize(160, 130);
        styleAxis(p->xAxis, "v", "V");
        styleAxis(p->yAxis, "i", "A");
        plots_.push_back(p);
        grid_->addWidget(p, k / cols, k % cols);
    }
}

void ModelComparison::setDrive(const QString& driveJson, const QString& mode) {
    drive_ = driveJson.isEmpty() ? QStringLiteral(R"({"kind":"sine","params":{"amplitude":1,"frequency":1}})") : driveJson;
    mode_ = mode.isEmpty() ? QStringLiteral("voltage") : mode;
    updateDriveLabel();
    if (isVisible()) compute();
}

void ModelComparison::updateDriveLabel() {
    const QString what = comparingProjectDevices()
                             ? tr("The project's devices, each as the project defines it,")
                             : tr("Every model at its first published preset");
    driveLabel_->setText(tr("%1 under the current experiment's %2 drive: %3. Devices with very different time "
                            "scales or thresholds may barely switch under one drive; that is the comparison.")
                             .arg(what, mode_, describeDrive(drive_, mode_)));
}

void ModelComparison::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (computedFor_ != drive_ + mode_ + QString::number(generation_)) compute();
}

void ModelComparison::compute() {
    if (watcher_.isRunning()) return;  // finished() re-checks what is wanted
    computedFor_ = drive_ + mode_ + QString::number(generation_);
    std::vector<nlohmann::json> devices;
    for (const auto& d : compared_) devices.push_back(d.device);
    const nlohmann::json tree = comparingProjectDevices() ? projectTree_ : nlohmann::json();
    const std::string dr = drive_.toStdString(), m = mode_.toStdString();
    watcher_.setFuture(QtConcurrent::run([tree, devices, dr, m] { return runAll(tree, devices, dr, m); }));
}

void ModelComparison::showLoops() {
    const auto loops = watcher_.result();
    const bool current = computedFor_ == drive_ + mode_ + QString::number(generation_);
    // Loops of devices no longer compared are dropped, never drawn on another's plot.
    if (current)
        for (std::size_t k = 0; k < loops.size() && k < plots_.size(); ++k) {
            QCustomPlot* p = plots_[k];
            p->clearPlottables();
            const auto& l = loops[k];
            if (!l.error.empty()) {
                p->xAxis->setLabel(QString::fromStdString("failed: " + l.error).left(60));
                if (auto* item = table_->item(static_cast<int>(k), 0)) item->setToolTip(QString::fromStdString(l.error));
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
    if (!current && isVisible()) compute();
    else if (current) emit computed();
}

}  // namespace ms::gui
