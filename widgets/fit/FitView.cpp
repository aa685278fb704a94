#include "widgets/fit/FitView.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/devices/ModelRegistry.h"
#include "core/fit/FitReport.h"
#include "core/project/Project.h"
#include "core/synapses/PulseSynapse.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/SiFormat.h"
#include "widgets/fit/MeasurementImportDialog.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

namespace {
bool isFitKind(const QString& k) { return k == "fit_iv" || k == "fit_pulse_curve"; }
enum FreeColumn { ColKey, ColStart, ColMin, ColMax, ColLog, ColCount };

QCustomPlot* makePlot(const QString& title, QWidget* parent) {
    auto* p = new QCustomPlot(parent);
    stylePlot(p, title);
    p->setMinimumHeight(180);
    installHoverCursor(p);
    return p;
}
}  // namespace

FitView::FitView(DocumentModel* document, QWidget* parent) : ResultView(parent), doc_(document) {
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    title_ = new QLabel(tr("Select a fit experiment (fit_iv, fit_pulse_curve)"));
    QFont f = title_->font();
    f.setBold(true);
    title_->setFont(f);
    import_ = new QPushButton(tr("Import measurement..."));
    run_ = new QPushButton(tr("Run fit"));
    cancel_ = new QPushButton(tr("Cancel"));
    save_ = new QPushButton(tr("Save as preset..."));
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(200);
    cancel_->setEnabled(false);
    save_->setEnabled(false);
    top->addWidget(title_, 1);
    for (QWidget* w : std::initializer_list<QWidget*>{import_, run_, progress_, cancel_, save_}) top->addWidget(w);
    layout->addLayout(top);

    auto* split = new QSplitter(Qt::Horizontal);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Free parameters (tick to fit; bounds in SI units)")));
    free_ = new QTableWidget(0, ColCount);
    free_->setHorizontalHeaderLabels({tr("Parameter"), tr("Start"), tr("Min"), tr("Max"), tr("Log")});
    free_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    free_->verticalHeader()->hide();
    leftLayout->addWidget(free_, 3);
    leftLayout->addWidget(new QLabel(tr("Fitted values")));
    results_ = new QTableWidget(0, 3);
    results_->setHorizontalHeaderLabels({tr("Parameter"), tr("Value"), tr("Std. error")});
    results_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    results_->verticalHeader()->hide();
    results_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    leftLayout->addWidget(results_, 2);
    goodness_ = new QLabel;
    goodness_->setWordWrap(true);
    leftLayout->addWidget(goodness_);
    split->addWidget(left);

    auto* plots = new QSplitter(Qt::Vertical);
    overlay_ = makePlot(tr("Measured and fitted"), plots);
    residuals_ = makePlot(tr("Residuals (fitted - measured)"), plots);
    plots->addWidget(overlay_);
    plots->addWidget(residuals_);
    plots->setStretchFactor(0, 3);
    plots->setStretchFactor(1, 2);
    split->addWidget(plots);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    layout->addWidget(split, 1);

    connect(import_, &QPushButton::clicked, this, &FitView::importMeasurement);
    connect(run_, &QPushButton::clicked, this, &FitView::runFit);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (runner_) runner_->cancel();
    });
    connect(save_, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save as preset"), tr("Name of the fitted device"),
                                                   QLineEdit::Normal, tr("Fitted device"), &ok);
        if (ok && !name.trimmed().isEmpty()) saveAsPreset(name.trimmed());
    });
    connect(free_, &QTableWidget::itemChanged, this, [this] {
        if (!filling_) writeFreeTable();
    });
    connect(doc_, &DocumentModel::changed, this, [this](const QString& p) {
        if (!pointer_.isEmpty() && (p.startsWith(pointer_ + "/device") || p == pointer_ || p.startsWith("/devices") ||
                                    p.startsWith(pointer_ + "/model")))
            fillFreeTable();
    });
    connect(doc_, &DocumentModel::documentReset, this, [this] {
        pointer_.clear();
        clear();
    });
}

QList<QCustomPlot*> FitView::plots() const { return {overlay_, residuals_}; }

void FitView::clear() {
    scalars_.clear();
    overlay_->clearPlottables();
    residuals_->clearPlottables();
    overlay_->replot();
    residuals_->replot();
    results_->setRowCount(0);
    goodness_->clear();
    save_->setEnabled(false);
    progress_->setValue(0);
}

nlohmann::json FitView::experimentJson() const {
    return pointer_.isEmpty() ? nlohmann::json() : doc_->value(pointer_.toStdString());
}

void FitView::showExperiment(const QString& pointer) {
    pointer_ = pointer;
    const auto e = experimentJson();
    title_->setText(QString::fromStdString(e.value("name", e.value("id", std::string()))));
    fillFreeTable();
}

void FitView::fillFreeTable() {
    const auto e = experimentJson();
    filling_ = true;
    free_->setRowCount(0);
    const std::string kind = e.value("kind", std::string());
    std::vector<ParamSpec> specs;
    ParamValues values;
    if (kind == "fit_iv" && e.contains("device")) {
        std::vector<ProjectIssue> issues;
        const DeviceSpec spec = parseDeviceSpec(e["device"], doc_->project(), "device", issues);
        ResolvedDevice r;
        if (issues.empty() && resolveDevice(spec, r).empty() && r.model) {
            specs = r.model->params;
            values = r.params;
        }
    } else if (kind == "fit_pulse_curve") {
        const SynapseModelInfo* m = synapseRegistry().find(e.value("model", std::string("neurosim_form")));
        if (m && m->id != "lookup_table") {
            specs = m->params;
            values = withDefaults(m->params);
            if (e.contains("fixed") && e["fixed"].is_object())
                for (const auto& [k, v] : e["fixed"].items())
                    if (v.is_number()) values[k] = v.get<double>();
        }
    }
    const nlohmann::json free = e.contains("free") && e["free"].is_object() ? e["free"] : nlohmann::json::object();
    for (const auto& spec : specs) {
        if (spec.integer) continue;
        fit::FreeParameter p = fit::defaultFreeParameter(spec, values.count(spec.key) ? values[spec.key] : spec.defaultValue);
        const bool on = free.contains(spec.key);
        if (on) {
            const auto& o = free[spec.key];
            if (o.contains("min") && o["min"].is_number()) p.min = o["min"].get<double>();
            if (o.contains("max") && o["max"].is_number()) p.max = o["max"].get<double>();
            if (o.contains("start") && o["start"].is_number()) p.start = o["start"].get<double>();
            if (o.contains("log") && o["log"].is_boolean()) p.logScale = o["log"].get<bool>();
        }
        const int row = free_->rowCount();
        free_->insertRow(row);
        auto* key = new QTableWidgetItem(QString::fromStdString(spec.symbol.empty() ? spec.key : spec.symbol) +
                                         (spec.unit.empty() ? QString() : " [" + QString::fromStdString(spec.unit) + "]"));
        key->setData(Qt::UserRole, QString::fromStdString(spec.key));
        key->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        key->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        key->setToolTip(QString::fromStdString(spec.meaning));
        free_->setItem(row, ColKey, key);
        free_->setItem(row, ColStart, new QTableWidgetItem(QString::number(p.start, 'g', 6)));
        free_->setItem(row, ColMin, new QTableWidgetItem(QString::number(p.min, 'g', 6)));
        free_->setItem(row, ColMax, new QTableWidgetItem(QString::number(p.max, 'g', 6)));
        auto* log = new QTableWidgetItem;
        log->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        log->setCheckState(p.logScale ? Qt::Checked : Qt::Unchecked);
        free_->setItem(row, ColLog, log);
    }
    free_->setEnabled(free_->rowCount() > 0);
    import_->setEnabled(isFitKind(QString::fromStdString(kind)));
    run_->setEnabled(isFitKind(QString::fromStdString(kind)));
    filling_ = false;
}

void FitView::writeFreeTable() {
    if (pointer_.isEmpty()) return;
    nlohmann::json free = nlohmann::json::object();
    for (int r = 0; r < free_->rowCount(); ++r) {
        if (free_->item(r, ColKey)->checkState() != Qt::Checked) continue;
        nlohmann::json o;
        bool ok = true;
        for (auto [col, name] : {std::pair{ColStart, "start"}, {ColMin, "min"}, {ColMax, "max"}}) {
            bool good = false;
            const double v = free_->item(r, col)->text().toDouble(&good);
            ok = ok && good;
            if (good) o[name] = v;
        }
        o["log"] = free_->item(r, ColLog)->checkState() == Qt::Checked;
        if (ok) free[free_->item(r, ColKey)->data(Qt::UserRole).toString().toStdString()] = o;
    }
    doc_->setValue(pointer_.toStdString() + "/free", free, tr("Edit free parameters"));
}

void FitView::importMeasurement() {
    const auto e = experimentJson();
    const QString kind = QString::fromStdString(e.value("kind", std::string()));
    if (!isFitKind(kind)) return;
    const QString base = doc_->filePath().isEmpty() ? QString() : QFileInfo(doc_->filePath()).absolutePath();
    MeasurementImportDialog dialog(kind == "fit_iv" ? "iv" : "pulse", base, this);
    if (e.contains("measurement") && e["measurement"].contains("file") && e["measurement"]["file"].is_string()) {
        QString file = QString::fromStdString(e["measurement"]["file"].get<std::string>());
        if (QFileInfo(file).isRelative() && !base.isEmpty()) file = base + "/" + file;
        dialog.setFile(file);
    }
    if (dialog.exec() == QDialog::Accepted)
        doc_->setValue(pointer_.toStdString() + "/measurement", dialog.measurement(), tr("Import measurement"));
}

void FitView::runFit() {
    const auto e = experimentJson();
    if (!runner_ || !e.contains("id")) return;
    runner_->start(doc_->project(), QString::fromStdString(e["id"].get<std::string>()));
}

void FitView::follow(ExperimentRunner* runner) {
    runner_ = runner;
    connect(runner, &ExperimentRunner::runStarted, this, [this](const QString& id, const QString& kind) {
        following_ = isFitKind(kind);
        if (!following_) return;
        runningId_ = id;
        kind_ = kind;
        clear();
        run_->setEnabled(false);
        cancel_->setEnabled(true);
    });
    connect(runner, &ExperimentRunner::progressChanged, this, [this](double f) {
        if (following_) progress_->setValue(static_cast<int>(f * 1000));
    });
    connect(runner, &ExperimentRunner::scalarReported, this, [this](const QString& key, double v, const QString&) {
        if (following_) scalars_[key] = v;
    });
    connect(runner, &ExperimentRunner::drained, this, [this] {
        if (following_) redraw();
    });
    connect(runner, &ExperimentRunner::runFinished, this, [this](ExperimentRunner::Outcome outcome, const QString& message) {
        if (!following_) return;
        following_ = false;
        run_->setEnabled(true);
        cancel_->setEnabled(false);
        if (outcome == ExperimentRunner::Outcome::Finished) {
            progress_->setValue(1000);
            fillResults();
            save_->setEnabled(kind_ == "fit_iv");
        } else {
            goodness_->setText(outcome == ExperimentRunner::Outcome::Cancelled ? tr("Cancelled.") : message);
        }
    });
}

void FitView::redraw() {
    const SeriesBuffer* overlay = nullptr;
    const SeriesBuffer* residual = nullptr;
    for (const auto& s : runner_->series()) {
        if (s.id == "overlay") overlay = &s;
        if (s.id == "residuals") residual = &s;
    }
    const bool iv = kind_ == "fit_iv";
    overlay_->clearPlottables();
    residuals_->clearPlottables();
    styleAxis(overlay_->xAxis, iv ? "v" : tr("pulse"), iv ? "V" : "", false, iv ? tr("voltage") : QString());
    styleAxis(overlay_->yAxis, iv ? "i" : "G", iv ? "A" : "S", false, iv ? tr("current") : tr("conductance"));
    styleAxis(residuals_->xAxis, iv ? "v" : tr("pulse"), iv ? "V" : "", false, iv ? tr("voltage") : QString());
    styleAxis(residuals_->yAxis, iv ? "Δi" : "ΔG", iv ? "A" : "S", false, tr("residual"));
    if (overlay && overlay->rows() > 0) {
        QVector<double> x, ym, yf, t;
        for (std::size_t r = 0; r < overlay->rows(); ++r) {
            x << overlay->at(r, 0);
            ym << overlay->at(r, 1);
            yf << overlay->at(r, 2);
            t << static_cast<double>(r);
        }
        // I-V loops are curves in time order (a graph would sort by v).
        auto* measured = new QCPCurve(overlay_->xAxis, overlay_->yAxis);
        measured->setData(t, x, ym);
        measured->setLineStyle(QCPCurve::lsNone);
        measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(90, 90, 90), 4));
        measured->setName(tr("measured"));
        auto* fitted = new QCPCurve(overlay_->xAxis, overlay_->yAxis);
        fitted->setData(t, x, yf);
        fitted->setPen(QPen(QColor(200, 40, 40), 2));
        fitted->setName(tr("fitted"));
        overlay_->legend->setVisible(true);
        // Top left: I-V loops and rising LTP curves leave that corner empty.
        overlay_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
        overlay_->rescaleAxes();
        for (QCPAxis* a : {overlay_->xAxis, overlay_->yAxis}) a->scaleRange(1.05, a->range().center());
    }
    if (residual && residual->rows() > 0) {
        QVector<double> x, y, t;
        for (std::size_t r = 0; r < residual->rows(); ++r) {
            x << residual->at(r, 0);
            y << residual->at(r, 1);
            t << static_cast<double>(r);
        }
        auto* c = new QCPCurve(residuals_->xAxis, residuals_->yAxis);
        c->setData(t, x, y);
        c->setLineStyle(QCPCurve::lsNone);
        c->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(30, 90, 180), 4));
        residuals_->rescaleAxes();
        residuals_->xAxis->setRange(overlay_->xAxis->range());
        // Symmetric about zero so the eye sees bias.
        const double m = std::max(std::fabs(residuals_->yAxis->range().lower), std::fabs(residuals_->yAxis->range().upper));
        residuals_->yAxis->setRange(-1.1 * m, 1.1 * m);
    }
    overlay_->replot(QCustomPlot::rpQueuedReplot);
    residuals_->replot(QCustomPlot::rpQueuedReplot);
}

void FitView::fillResults() {
    results_->setRowCount(0);
    std::map<QString, QString> units;
    for (const auto& s : runner_->scalars()) units[s.key] = s.unit;
    static const QStringList figures = {"r2", "rmse", "cost", "evaluations"};
    for (const auto& [key, value] : scalars_) {
        if (key.endsWith("_stderr") || figures.contains(key)) continue;
        const int row = results_->rowCount();
        results_->insertRow(row);
        const QString unit = units[key];
        const auto se = scalars_.find(key + "_stderr");
        results_->setItem(row, 0, new QTableWidgetItem(key));
        results_->setItem(row, 1, new QTableWidgetItem(formatSi(value, unit, 5)));
        results_->setItem(row, 2, new QTableWidgetItem(se == scalars_.end()  ? QString()
                                                        : std::isfinite(se->second) ? "± " + formatSi(se->second, unit, 3)
                                                                                    : tr("not identifiable")));
    }
    const QString yUnit = kind_ == "fit_iv" ? "A" : "S";
    goodness_->setText(tr("R² = %1   RMSE = %2   %3 model runs")
                           .arg(scalars_["r2"], 0, 'f', 5)
                           .arg(formatSi(scalars_["rmse"], yUnit, 3))
                           .arg(scalars_["evaluations"]));
}

nlohmann::json FitView::fittedDeviceEntry(const QString& name) const {
    const auto e = experimentJson();
    if (e.value("kind", std::string()) != "fit_iv" || !e.contains("device")) return {};
    std::vector<ProjectIssue> issues;
    const DeviceSpec spec = parseDeviceSpec(e["device"], doc_->project(), "device", issues);
    ResolvedDevice r;
    if (!issues.empty() || !resolveDevice(spec, r).empty() || !r.model) return {};
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [k, v] : r.params) params[k] = v;
    for (const auto& [k, v] : scalars_)
        if (r.params.count(k.toStdString())) params[k.toStdString()] = v;
    // A unique id from the name.
    std::string id;
    for (QChar c : name.toLower()) id += c.isLetterOrNumber() ? static_cast<char>(c.toLatin1()) : '_';
    if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0]))) id = "fitted_" + id;
    const auto devices = doc_->value("/devices");
    auto taken = [&](const std::string& s) {
        if (devices.is_array())
            for (const auto& d : devices)
                if (d.value("id", std::string()) == s) return true;
        return false;
    };
    std::string unique = id;
    for (int n = 2; taken(unique); ++n) unique = id + "_" + std::to_string(n);
    nlohmann::json entry = {{"id", unique}, {"name", name.toStdString()}, {"model", r.model->id}, {"params", params}};
    if (r.model->acceptsWindow) entry["window"] = {{"id", r.window.id}, {"params", r.window.params}};
    return entry;
}

void FitView::saveAsPreset(const QString& name) {
    const auto entry = fittedDeviceEntry(name);
    if (entry.is_null()) return;
    const auto devices = doc_->value("/devices");
    const std::size_t n = devices.is_array() ? devices.size() : 0;
    doc_->setValue("/devices/" + std::to_string(n), entry, tr("Save fitted device '%1'").arg(name));
}

}  // namespace ms::gui
