#include "widgets/study/StudiesView.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "core/study/StudyAggregate.h"
#include "core/study/StudyRunner.h"
#include "widgets/DocumentModel.h"
#include "widgets/FigureNames.h"
#include "widgets/plots/PlotTools.h"
#include "widgets/study/SlurmSubmitDialog.h"
#include "widgets/study/StudyPlot.h"

namespace ms::gui {

namespace {

using nlohmann::json;

// A point's figures, as memstudio-cli's run records them; series are not kept.
class FigureSink final : public ms::CheckedSink {
public:
    explicit FigureSink(ms::study::PointRecord& r) : r_(r) {}
    void scalar(const std::string& key, double value, const std::string& unit) override {
        r_.figures.push_back({key, ms::study::numberText(value), unit});
    }

private:
    ms::study::PointRecord& r_;
};

QString valuesText(const json& values) {
    QStringList parts;
    if (values.is_array())
        for (const auto& v : values) parts << QString::fromStdString(ms::study::valueText(v));
    return parts.join(QStringLiteral(", "));
}

// "0.5, 1, 2" or "floating, v2": numbers where they parse, else strings.
json parseValues(const QString& text) {
    json out = json::array();
    for (QString part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        part = part.trimmed();
        if (part.isEmpty()) continue;
        bool ok = false;
        const double v = part.toDouble(&ok);
        // Whole numbers stay integers, as a hand-written file has them: a
        // point's fingerprint (and so its reuse) follows the JSON text.
        if (ok && std::abs(v) < 9e15 && v == std::floor(v)) out.push_back(static_cast<long long>(v));
        else if (ok) out.push_back(v);
        else out.push_back(part.toStdString());
    }
    return out;
}

}  // namespace

StudiesView::StudiesView(DocumentModel* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    study_ = new QComboBox(this);
    study_->setMinimumWidth(220);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    run_ = new QPushButton(tr("Run study"), this);
    run_->setToolTip(tr("Runs every point on all cores; points already run with the same inputs are reused"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    save_ = new QPushButton(tr("Save table…"), this);
    submit_ = new QPushButton(tr("Submit to cluster…"), this);
    top->addWidget(new QLabel(tr("Study"), this));
    top->addWidget(study_, 1);
    for (auto* b : {run_, cancel_, save_, submit_}) top->addWidget(b);
    v->addLayout(top);
    v->addWidget(summary_);
    issues_ = new QLabel(this);
    issues_->setWordWrap(true);
    issues_->setStyleSheet(QStringLiteral("color: #b00020"));
    v->addWidget(issues_);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* left = new QGroupBox(tr("Axes and seeds"), split);
    auto* lv = new QVBoxLayout(left);
    axes_ = new QTableWidget(0, 3, left);
    axes_->setHorizontalHeaderLabels({tr("Label"), tr("Values"), tr("Field(s)")});
    axes_->verticalHeader()->setVisible(false);
    axes_->horizontalHeader()->setStretchLastSection(true);
    axes_->setSelectionBehavior(QAbstractItemView::SelectRows);
    axes_->setToolTip(tr("Edit a Values cell (comma-separated) to change the axis; a range becomes its list"));
    lv->addWidget(axes_, 1);
    auto* seedsRow = new QHBoxLayout;
    seeds_ = new QSpinBox(left);
    seeds_->setRange(1, 1000);
    seeds_->setToolTip(tr("Runs per combination with seeds seedBase, seedBase + 1, …: Monte-Carlo over every random "
                          "choice of the experiment"));
    auto* remove = new QPushButton(tr("Remove axis"), left);
    seedsRow->addWidget(new QLabel(tr("Seeds"), left));
    seedsRow->addWidget(seeds_);
    seedsRow->addStretch(1);
    seedsRow->addWidget(remove);
    lv->addLayout(seedsRow);
    auto* addRow = new QHBoxLayout;
    newAxisPath_ = new QComboBox(left);
    newAxisPath_->setEditable(true);
    newAxisPath_->setToolTip(tr("A setting of the experiment, or any field by its dotted path "
                                "(device.params.Roff, network.layers[1])"));
    newAxisValues_ = new QLineEdit(left);
    newAxisValues_->setPlaceholderText(tr("values, e.g. 0.5, 1, 2"));
    auto* add = new QPushButton(tr("Add axis"), left);
    addRow->addWidget(newAxisPath_, 1);
    addRow->addWidget(newAxisValues_, 1);
    addRow->addWidget(add);
    lv->addLayout(addRow);

    auto* right = new QWidget(split);
    auto* rv = new QVBoxLayout(right);
    rv->setContentsMargins(0, 0, 0, 0);
    auto* figureRow = new QHBoxLayout;
    figure_ = new QComboBox(right);
    figure_->setMinimumWidth(260);
    progress_ = new QLabel(right);
    figureRow->addWidget(new QLabel(tr("Figure"), right));
    figureRow->addWidget(figure_);
    figureRow->addWidget(progress_, 1);
    rv->addLayout(figureRow);
    plot_ = new QCustomPlot(right);
    stylePlot(plot_, tr("Mean over seeds, ±1 standard deviation"));
    // Until the first point finishes, say what will appear rather than show bare axes.
    hint_ = new QCPItemText(plot_);
    hint_->position->setType(QCPItemPosition::ptAxisRectRatio);
    hint_->position->setCoords(0.5, 0.5);
    hint_->setText(tr("Run the study: each figure of the experiment appears here against the first axis\n"
                      "as the points finish, one curve per value of the other axes, with error bars over seeds"));
    hint_->setColor(QColor(110, 110, 110));
    plot_->setMinimumSize(360, 260);
    rv->addWidget(plot_, 1);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    v->addWidget(split, 1);

    connect(study_, &QComboBox::currentIndexChanged, this, [this] {
        if (!filling_) fillAxes();
    });
    connect(figure_, &QComboBox::currentIndexChanged, this, [this] {
        if (filling_) return;
        userChoseFigure_ = true;  // kept from now on; until then the most telling figure shows
        redraw();
    });
    connect(seeds_, &QSpinBox::editingFinished, this, [this] {
        if (studyIndex() >= 0 && doc_->value(studyPointer() + "/seeds") != json(seeds_->value()))
            doc_->setValue(studyPointer() + "/seeds", seeds_->value(), tr("Study seeds %1").arg(seeds_->value()));
    });
    connect(axes_, &QTableWidget::cellChanged, this, [this](int row, int column) {
        if (filling_ || column != 1 || studyIndex() < 0) return;
        const std::string axis = studyPointer() + "/axes/" + std::to_string(row);
        const json values = parseValues(axes_->item(row, 1)->text());
        json a = doc_->value(axis);
        if (!a.is_object()) return;
        a.erase("range");
        a["values"] = values;
        doc_->setValue(axis, a, tr("Study axis values"));
    });
    connect(add, &QPushButton::clicked, this, &StudiesView::addAxis);
    connect(remove, &QPushButton::clicked, this, &StudiesView::removeAxis);
    connect(run_, &QPushButton::clicked, this, &StudiesView::run);
    connect(cancel_, &QPushButton::clicked, this, &StudiesView::cancel);
    connect(save_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save study table"), study_->currentData().toString() +
                                                          QStringLiteral(".csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !saveTable(path, &error)) QMessageBox::warning(this, tr("Save table"), error);
    });
    connect(submit_, &QPushButton::clicked, this, &StudiesView::submitToCluster);
    connect(&watcher_, &QFutureWatcherBase::finished, this, [this] {
        const QString message = watcher_.result();
        run_->setEnabled(true);
        cancel_->setEnabled(false);
        progress_->setText(message.isEmpty() ? tr("%1 point(s) run, %2 failed").arg(done_).arg(failed_) : message);
        save_->setEnabled(message.isEmpty());
        emit runFinished(message);
    });
    connect(doc_, &DocumentModel::documentReset, this, [this] {
        cancel();
        watcher_.waitForFinished();
        outDir_.reset();
        userChoseFigure_ = false;
        records_.clear();
        refresh();
    });
    connect(doc_, &DocumentModel::changed, this, [this](const QString& pointer) {
        if (pointer.isEmpty() || pointer.startsWith(QLatin1String("/studies")) || pointer.count(QLatin1Char('/')) <= 2)
            refresh();
    });
    cancel_->setEnabled(false);
    save_->setEnabled(false);
    refresh();
}

StudiesView::~StudiesView() {
    cancel();
    watcher_.waitForFinished();
}

int StudiesView::studyIndex() const { return study_->currentIndex() >= 0 ? study_->currentData(Qt::UserRole + 1).toInt() : -1; }

std::string StudiesView::studyPointer() const { return "/studies/" + std::to_string(studyIndex()); }

void StudiesView::refresh() {
    const QString current = study_->currentData().toString();
    filling_ = true;
    study_->clear();
    const json studies = doc_->value("/studies");
    if (studies.is_array())
        for (std::size_t k = 0; k < studies.size(); ++k) {
            const json& s = studies[k];
            if (!s.is_object()) continue;  // validation names it; the tab shows the rest
            const auto text = [&s](const char* key, std::string fallback) {
                return QString::fromStdString(s.contains(key) && s[key].is_string() ? s[key].get<std::string>() : fallback);
            };
            const QString id = text("id", "study" + std::to_string(k));
            const QString name = text("name", "");
            study_->addItem(name.isEmpty() ? id : id + QStringLiteral(" — ") + name, id);
            study_->setItemData(study_->count() - 1, static_cast<int>(k), Qt::UserRole + 1);
        }
    const int again = study_->findData(current);
    study_->setCurrentIndex(again >= 0 ? again : (study_->count() ? 0 : -1));
    filling_ = false;
    const bool any = study_->count() > 0;
    for (QWidget* w : std::initializer_list<QWidget*>{run_, submit_, axes_, seeds_, newAxisPath_, newAxisValues_})
        w->setEnabled(any && !isRunning());
    if (!any)
        summary_->setText(tr("This project has no studies. A study sweeps an experiment's settings over axes and seeds "
                             "(docs/studies.md); open an example such as study-nl-x-c2c-accuracy."));
    fillAxes();
}

void StudiesView::fillAxes() {
    filling_ = true;
    axes_->setRowCount(0);
    newAxisPath_->clear();
    issues_->clear();
    if (studyIndex() < 0) {
        filling_ = false;
        return;
    }
    // The tab reads what is there and leaves judging it to validation (its
    // message shows below the study): a hand-edited file may hold anything.
    try {
        fillAxesFrom(doc_->value(studyPointer()));
    } catch (const json::exception& e) {
        issues_->setText(tr("This study cannot be shown: %1").arg(QString::fromUtf8(e.what())));
    }
    filling_ = false;
    redraw();
}

void StudiesView::fillAxesFrom(const json& s) {
    const json axes = s.value("axes", json::array());
    for (std::size_t a = 0; a < axes.size(); ++a) {
        const json& axis = axes[a];
        const json path = axis.value("path", json());
        QString fields;
        if (path.is_string()) fields = QString::fromStdString(path.get<std::string>());
        else if (path.is_array())
            for (const auto& p : path)
                if (p.is_string()) fields += (fields.isEmpty() ? QString() : QStringLiteral(", ")) + QString::fromStdString(p.get<std::string>());
        QString values = valuesText(axis.value("values", json()));
        if (axis.contains("range")) values = QString::fromStdString(axis["range"].dump());
        const QString label = QString::fromStdString(axis.value("label", fields.toStdString()));
        const int r = axes_->rowCount();
        axes_->insertRow(r);
        const QStringList cells = {label, values, fields};
        for (int c = 0; c < 3; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(cells[c]);
            if (c != 1) item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            axes_->setItem(r, c, item);
        }
    }
    axes_->resizeColumnsToContents();
    seeds_->setValue(s.value("seeds", 1));
    // The experiment's own settings are the axes most people want.
    const std::string experimentId = s.value("experiment", std::string());
    const json* e = doc_->project().experiment(experimentId);
    if (e && e->contains("kind") && (*e)["kind"].is_string())
        if (const auto* kind = ms::experimentKindRegistry().find((*e)["kind"].get<std::string>()))
            for (const auto& spec : kind->settings) newAxisPath_->addItem(QString::fromStdString(spec.key));
    QString summary = tr("experiment <b>%1</b>").arg(QString::fromStdString(experimentId).toHtmlEscaped());
    try {
        const auto study = ms::study::findStudy(doc_->project(), s.value("id", std::string()));
        summary += tr(", %1 axes, %2, %3 seed(s): <b>%4 points</b>")
                       .arg(study.axes.size())
                       .arg(study.combine == ms::study::Combine::Grid ? tr("grid") : tr("zipped"))
                       .arg(study.seeds)
                       .arg(ms::study::pointCount(study));
    } catch (const ms::InputError& err) {
        issues_->setText(QString::fromStdString(err.path() + ": " + err.why()));
    }
    summary_->setText(summary);
}

void StudiesView::addAxis() {
    const QString path = newAxisPath_->currentText().trimmed();
    const json values = parseValues(newAxisValues_->text());
    if (studyIndex() < 0 || path.isEmpty() || values.empty()) {
        issues_->setText(tr("A new axis needs a field and at least one value"));
        return;
    }
    json axes = doc_->value(studyPointer() + "/axes");
    if (!axes.is_array()) axes = json::array();
    axes.push_back({{"path", path.toStdString()}, {"values", values}});
    doc_->setValue(studyPointer() + "/axes", axes, tr("Add study axis %1").arg(path));
    newAxisValues_->clear();
}

void StudiesView::removeAxis() {
    const int row = axes_->currentRow();
    if (studyIndex() < 0 || row < 0) return;
    json axes = doc_->value(studyPointer() + "/axes");
    if (!axes.is_array() || row >= static_cast<int>(axes.size())) return;
    axes.erase(axes.begin() + row);
    doc_->setValue(studyPointer() + "/axes", axes, tr("Remove study axis"));
}

void StudiesView::run() {
    if (isRunning() || studyIndex() < 0) return;
    const ms::Project project = doc_->project();
    ms::study::Study study;
    try {
        study = ms::study::findStudy(project, study_->currentData().toString().toStdString());
        for (std::size_t k = 0; k < ms::study::pointCount(study); ++k)
            ms::checkRunLimits(ms::study::pointProject(project, study, ms::study::point(study, k)), study.experimentId);
    } catch (const ms::InputError& err) {
        issues_->setText(QString::fromStdString(err.path() + ": " + err.why()));
        return;
    }
    if (!outDir_ || !outDir_->isValid()) outDir_ = std::make_unique<QTemporaryDir>();
    const auto provenance = ms::study::makeProvenance(project, study, doc_->filePath().toStdString(),
                                                      ms::serializeProject(project),
                                                      QCoreApplication::applicationVersion().toStdString());
    ms::study::RunnerOptions options;
    options.outDir = outDir_->path().toStdString();
    options.jobs = static_cast<std::size_t>(std::max(1, QThread::idealThreadCount()));
    try {
        ms::study::writeProvenance(options.outDir, provenance);
    } catch (const std::exception& e) {
        issues_->setText(QString::fromUtf8(e.what()));
        return;
    }
    const auto todo = ms::study::pointsToRun(study, provenance, options);
    // Points run before with the same inputs are shown at once.
    records_.clear();
    for (std::size_t k = 0; k < ms::study::pointCount(study); ++k)
        if (std::find(todo.begin(), todo.end(), k) == todo.end())
            if (auto r = ms::study::readPointRecord(options.outDir, k)) records_.push_back(*r);
    toRun_ = todo.size();
    done_ = failed_ = 0;
    progress_->setText(tr("running %1 point(s) on %2 thread(s), %3 reused").arg(toRun_).arg(options.jobs).arg(records_.size()));
    redraw();
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    save_->setEnabled(false);
    issues_->clear();
    stop_ = std::make_shared<ms::StopToken>();
    QPointer<StudiesView> self(this);
    auto stop = stop_;
    watcher_.setFuture(QtConcurrent::run([project, study, provenance, options, stop, self]() -> QString {
        const auto runPoint = [](const ms::Project& p, const std::string& experimentId, const std::filesystem::path&,
                                 ms::study::PointRecord& record, const ms::StopToken& s) {
            FigureSink sink(record);
            ms::runExperiment(p, experimentId, sink, s);
        };
        const auto onDone = [self](const ms::study::PointRecord& r, const ms::study::RunnerCounts&) {
            // The view waits for this thread before it goes, so `self` is alive here.
            QMetaObject::invokeMethod(self.data(), [self, r] {
                if (self) self->onPointDone(r);
            }, Qt::QueuedConnection);
        };
        try {
            ms::study::runStudy(project, study, provenance, options, runPoint, onDone, *stop);
            ms::study::writeStudyTable(options.outDir);
        } catch (const ms::Cancelled&) {
            return QObject::tr("cancelled; the points that finished are kept for the next run");
        } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
        }
        return QString();
    }));
}

void StudiesView::cancel() {
    if (stop_) stop_->requestStop();
}

void StudiesView::onPointDone(const ms::study::PointRecord& record) {
    records_.push_back(record);
    ++done_;
    if (!record.ok) ++failed_;
    progress_->setText(tr("%1 of %2 point(s) done, %3 failed").arg(done_).arg(toRun_).arg(failed_));
    redraw();
}

void StudiesView::redraw() {
    ms::study::Study study;
    try {
        study = ms::study::findStudy(doc_->project(), study_->currentData().toString().toStdString());
    } catch (const ms::InputError&) {
        plot_->clearPlottables();
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    // The figure list follows what the points report; the choice survives.
    const QString chosen = figure_->currentData().toString();
    filling_ = true;
    figure_->clear();
    for (const auto& key : ms::study::figureKeys(records_))
        figure_->addItem(figureName(QString::fromStdString(key)), QString::fromStdString(key));
    int again = userChoseFigure_ ? figure_->findData(chosen) : -1;
    if (again < 0 && !study.figure.empty()) again = figure_->findData(QString::fromStdString(study.figure));
    if (again < 0 && figure_->count()) again = firstVaryingFigure();
    figure_->setCurrentIndex(again);
    filling_ = false;
    hint_->setVisible(figure_->currentIndex() < 0);
    if (figure_->currentIndex() < 0) {
        plot_->clearPlottables();
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const std::string key = figure_->currentData().toString().toStdString();
    drawStudyFigure(plot_, ms::study::aggregateFigure(study, records_, key), figure_->currentText());
}

// The figure to show first: the one that varies most across the points
// relative to its size (a weight scale equal to the last digit says little
// about the axes; the pixels a spread flips say a lot).
int StudiesView::firstVaryingFigure() const {
    int best = figure_->count() ? 0 : -1;
    double bestSpread = 0;
    for (int k = 0; k < figure_->count(); ++k) {
        const std::string key = figure_->itemData(k).toString().toStdString();
        double lo = 1e300, hi = -1e300;
        for (const auto& r : records_)
            for (const auto& f : r.figures)
                if (f.key == key) {
                    const double v = std::strtod(f.value.c_str(), nullptr);
                    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
                }
        if (hi < lo) continue;
        const double spread = (hi - lo) / std::max({std::abs(hi), std::abs(lo), 1e-300});
        if (spread > bestSpread * (1 + 1e-9) && spread > 1e-9) best = k, bestSpread = spread;
    }
    return best;
}

bool StudiesView::saveTable(const QString& path, QString* error) const {
    if (!outDir_ || isRunning()) {
        if (error) *error = tr("Run the study to the end first");
        return false;
    }
    const QString table = QDir(outDir_->path()).filePath(QStringLiteral("study.csv"));
    QFile::remove(path);
    if (!QFile::copy(table, path)) {
        if (error) *error = tr("Cannot write %1").arg(path);
        return false;
    }
    return true;
}

void StudiesView::submitToCluster() {
    if (studyIndex() < 0) return;
    if (doc_->filePath().isEmpty() || doc_->isModified()) {
        QMessageBox::information(this, tr("Submit to cluster"),
                                 tr("Save the project first: every cluster task runs the project file as saved."));
        return;
    }
    int points = 0;
    try {
        points = static_cast<int>(ms::study::pointCount(
            ms::study::findStudy(doc_->project(), study_->currentData().toString().toStdString())));
    } catch (const ms::InputError& err) {
        issues_->setText(QString::fromStdString(err.path() + ": " + err.why()));
        return;
    }
    SlurmSubmitDialog dialog(QFileInfo(doc_->filePath()).absoluteFilePath(), study_->currentData().toString(), points, this);
    dialog.exec();
}

}  // namespace ms::gui
