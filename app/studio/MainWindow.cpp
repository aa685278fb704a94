#include "app/studio/MainWindow.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUndoView>
#include <nlohmann/json.hpp>
#include <qcustomplot.h>

#include "core/project/JsonFields.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "widgets/CsvExport.h"
#include "widgets/circuit/SchematicExport.h"
#include "widgets/DeviceEditor.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentEditor.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/FiguresTable.h"
#include "widgets/ModelComparison.h"
#include "widgets/ResultView.h"
#include "widgets/plots/DevicePlots.h"
#include "widgets/plots/LtpPlot.h"
#include "widgets/study/StudiesView.h"
#include "widgets/plots/PlotTools.h"

// The embedded default project lives in this static library's resources; a
// static library needs an explicit init or the linker drops them.
static void initStudioResources() { Q_INIT_RESOURCE(studio); }

namespace ms::studio {

using json = nlohmann::json;
using gui::ExperimentRunner;

MainWindow::MainWindow(const StartOptions& options, QWidget* parent)
    : QMainWindow(parent), options_(options), doc_(new gui::DocumentModel(this)), runner_(new ExperimentRunner(this)),
      restartTimer_(new QTimer(this)), autosaveTimer_(new QTimer(this)) {
    initStudioResources();
    setObjectName("MemristorStudio");

    tabs_ = new QTabWidget(this);
    auto* deviceTab = new QSplitter(Qt::Horizontal, tabs_);
    devicePlots_ = new gui::DevicePlots(deviceTab);
    deviceFigures_ = new gui::FiguresTable(deviceTab);
    deviceFigures_->setMinimumWidth(200);
    deviceTab->addWidget(devicePlots_);
    deviceTab->addWidget(deviceFigures_);
    deviceTab->setStretchFactor(0, 5);
    deviceTab->setStretchFactor(1, 1);
    addPage(deviceTab, tr("Device explorer"));
    ltpPlot_ = new gui::LtpPlot(tabs_);
    addPage(ltpPlot_, tr("LTP/LTD explorer"));
    models_ = new gui::ModelComparison(tabs_);
    addPage(models_, tr("Model comparison"));
    for (const auto& entry : gui::resultViewRegistry()) {
        gui::ResultView* view = entry.make(doc_, tabs_);
        view->setObjectName(entry.id);
        view->follow(runner_);
        addPage(view, entry.title);
        views_.push_back(view);
    }
    studies_ = new gui::StudiesView(doc_, tabs_);
    studies_->setObjectName("studies");
    addPage(studies_, tr("Studies"));
    setCentralWidget(tabs_);

    devicePlots_->follow(runner_);
    ltpPlot_->follow(runner_);
    connect(runner_, &ExperimentRunner::runStarted, this, [this](const QString& id, const QString& kind) {
        if (kind == QLatin1String("device_transient")) deviceFigures_->clearFigures();
        status_->setText(tr("Running %1 …").arg(id));
        progress_->setVisible(true);
        cancelButton_->setEnabled(true);
    });
    connect(runner_, &ExperimentRunner::scalarReported, this, [this](const QString& k, double v, const QString& u) {
        if (runner_->kind() == QLatin1String("device_transient")) deviceFigures_->addFigure(k, v, u);
    });
    connect(runner_, &ExperimentRunner::progressChanged, this,
            [this](double f) { progress_->setValue(static_cast<int>(f * 1000)); });
    connect(runner_, &ExperimentRunner::logMessage, this, &MainWindow::appendLog);
    connect(runner_, &ExperimentRunner::runFinished, this,
            [this](ExperimentRunner::Outcome o, const QString& m) { onRunFinished(static_cast<int>(o), m); });

    buildDocks();
    buildActions();
    placeOnScreen();

    // Edits restart the running experiment; after the first edit of a burst,
    // 40 ms gathers slider steps into one restart (the stop of the old job is
    // immediate anyway).
    restartTimer_->setSingleShot(true);
    restartTimer_->setInterval(40);
    connect(restartTimer_, &QTimer::timeout, this, [this] {
        lastEditRestart_.start();
        runCurrent();
    });
    connect(doc_, &gui::DocumentModel::documentReset, this, &MainWindow::onDocumentReset);
    connect(doc_, &gui::DocumentModel::changed, this, &MainWindow::onDocumentChanged);
    connect(doc_, &gui::DocumentModel::modifiedChanged, this, &MainWindow::updateTitle);
    connect(doc_, &gui::DocumentModel::filePathChanged, this, &MainWindow::updateTitle);

    autosaveTimer_->setInterval(std::max(options_.autosaveIntervalMs, 1));
    connect(autosaveTimer_, &QTimer::timeout, this, &MainWindow::autosave);
    autosaveTimer_->start();

    // Open the requested project, else the embedded default.
    const bool autoRun = options_.run;
    options_.run = false;  // onDocumentReset must not run before the queue is set up
    bool opened = false;
    if (!options_.projectPath.isEmpty()) opened = openFile(options_.projectPath);
    if (!opened) {
        QString error;
        if (!doc_->openDefault(&error)) appendLog(2, tr("Could not open the default project: %1").arg(error));
    }
    if (options_.interactive && options_.projectPath.isEmpty()) offerRecovery();
    options_.run = autoRun;
    // A first launch without a file shows the welcome page once the window is up.
    if (options_.useSettings && options_.projectPath.isEmpty() && !settings()->value("welcomeShown").toBool()) {
        settings()->setValue("welcomeShown", true);
        QTimer::singleShot(0, this, &MainWindow::showWelcome);
    }
    if (!options_.experiment.isEmpty()) {
        const auto ids = doc_->project().experimentIds();
        if (std::find(ids.begin(), ids.end(), options_.experiment.toStdString()) != ids.end())
            selectExperiment(options_.experiment);
        else
            appendLog(2, tr("--experiment: no experiment '%1' in this project (known: %2)")
                             .arg(options_.experiment, QString::fromStdString(json_fields::joinIds(ids))));
    }
    if (!options_.tab.isEmpty()) showTab(options_.tab);
    if (options_.run) {
        if (!options_.screenshotPath.isEmpty()) runAll();
        else runCurrent();
    }
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks() {
    setDockNestingEnabled(true);
    auto* projectDock = new QDockWidget(tr("Project"), this);
    projectDock->setObjectName("projectDock");
    tree_ = new QTreeWidget(projectDock);
    tree_->setHeaderHidden(true);
    projectDock->setWidget(tree_);
    addDockWidget(Qt::LeftDockWidgetArea, projectDock);
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (!item) return;
        const QString exp = item->data(0, Qt::UserRole).toString();
        const QString dev = item->data(0, Qt::UserRole + 1).toString();
        if (!exp.isEmpty() && exp != currentExperiment_) {
            selectExperiment(exp);
        } else if (!dev.isEmpty() && dev != selectedDevicePointer_) {
            selectedDevicePointer_ = dev;
            rebuildEditor();
        }
    });

    auto* paramDock = new QDockWidget(tr("Parameters"), this);
    paramDock->setObjectName("parameterDock");
    editorArea_ = new QScrollArea(paramDock);
    editorArea_->setWidgetResizable(true);
    editorArea_->setMinimumWidth(360);
    paramDock->setWidget(editorArea_);
    addDockWidget(Qt::LeftDockWidgetArea, paramDock);
    splitDockWidget(projectDock, paramDock, Qt::Vertical);
    resizeDocks({projectDock, paramDock}, {150, 700}, Qt::Vertical);

    auto* logDock = new QDockWidget(tr("Log"), this);
    logDock->setObjectName("logDock");
    log_ = new QPlainTextEdit(logDock);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);
    logDock->setWidget(log_);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);

    auto* undoDock = new QDockWidget(tr("Undo history"), this);
    undoDock->setObjectName("undoDock");
    auto* undoView = new QUndoView(doc_->undoStack(), undoDock);
    undoView->setEmptyLabel(tr("<opened>"));
    undoDock->setWidget(undoView);
    addDockWidget(Qt::BottomDockWidgetArea, undoDock);
    splitDockWidget(logDock, undoDock, Qt::Horizontal);
    resizeDocks({logDock, undoDock}, {130, 130}, Qt::Vertical);

    status_ = new QLabel(tr("Ready"), this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(220);
    progress_->setVisible(false);
    cancelButton_ = new QToolButton(this);
    cancelButton_->setText(tr("Cancel"));
    cancelButton_->setEnabled(false);
    connect(cancelButton_, &QToolButton::clicked, this, &MainWindow::cancelRun);
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancelButton_);
}

void MainWindow::buildActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newDocument);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    examplesAction_ = file->addAction(tr("&Examples…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::showExamples);
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAsDialog);
    file->addSeparator();
    file->addAction(tr("Export &Plot (PNG, SVG, PDF)…"), this, &MainWindow::exportPlotDialog);
    file->addAction(tr("Export &Data (CSV)…"), this, &MainWindow::exportCsvDialog);
    file->addAction(tr("Export SPICE &Netlist…"), this, &MainWindow::exportSpiceDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    QAction* runAct = run->addAction(tr("&Run experiment"), QKeySequence(Qt::Key_F5), this, &MainWindow::runCurrent);
    run->addAction(tr("Run &all experiments"), this, &MainWindow::runAll);
    QAction* cancelAct = run->addAction(tr("&Cancel"), QKeySequence(Qt::Key_Escape), this, &MainWindow::cancelRun);
    autoRunAction_ = run->addAction(tr("Re-run on every &edit"));
    autoRunAction_->setCheckable(true);
    autoRunAction_->setChecked(true);
    run->addSeparator();
    QAction* pin = run->addAction(tr("&Pin run as overlay"), QKeySequence(Qt::CTRL | Qt::Key_P), this, [this] {
        const json e = doc_->value(experimentPointer(currentExperiment_).toStdString());
        QString label = currentExperiment_;
        if (e.contains("device") && e["device"].is_object())
            label = QString::fromStdString(e["device"].value("model", std::string()) + " " +
                                           e["device"].value("preset", std::string()));
        if (e.contains("drive") && e["drive"].is_object() && e["drive"].contains("params") &&
            e["drive"]["params"].contains("frequency"))
            label += QStringLiteral(" %1 Hz").arg(e["drive"]["params"]["frequency"].get<double>());
        devicePlots_->pinRun(tr("#%1 %2").arg(devicePlots_->overlayCount() + 1).arg(label.trimmed()));
    });
    QAction* clearPins = run->addAction(tr("C&lear overlays"), devicePlots_, &gui::DevicePlots::clearOverlays);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (auto* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());

    auto* tb = addToolBar(tr("Main"));
    tb->setObjectName("mainToolBar");
    tb->addAction(undo);
    tb->addAction(redo);
    tb->addSeparator();
    tb->addAction(runAct);
    tb->addAction(cancelAct);
    tb->addAction(autoRunAction_);
    tb->addSeparator();
    tb->addAction(pin);
    tb->addAction(clearPins);

    buildHelpMenu();
}

QString MainWindow::experimentPointer(const QString& id) const {
    const json list = doc_->value("/experiments");
    if (list.is_array())
        for (std::size_t k = 0; k < list.size(); ++k)
            if (list[k].value("id", std::string()) == id.toStdString())
                return QStringLiteral("/experiments/%1").arg(k);
    return QString();
}

void MainWindow::rebuildTree() {
    const QSignalBlocker block(tree_);
    tree_->clear();
    auto* devices = new QTreeWidgetItem(tree_, {tr("Devices")});
    auto* experiments = new QTreeWidgetItem(tree_, {tr("Experiments")});
    const json t = doc_->project().tree();
    if (t.contains("devices") && t["devices"].is_array())
        for (std::size_t k = 0; k < t["devices"].size(); ++k) {
            const json& d = t["devices"][k];
            auto* item = new QTreeWidgetItem(devices, {QStringLiteral("%1  (%2)").arg(
                                                           QString::fromStdString(d.value("name", d.value("id", std::string()))),
                                                           QString::fromStdString(d.value("model", std::string())))});
            item->setData(0, Qt::UserRole + 1, QStringLiteral("/devices/%1").arg(k));
        }
    if (t.contains("experiments") && t["experiments"].is_array())
        for (const json& e : t["experiments"]) {
            const QString id = QString::fromStdString(e.value("id", std::string()));
            const auto* kind = ms::experimentKindRegistry().find(e.value("kind", std::string()));
            auto* item = new QTreeWidgetItem(experiments, {QString::fromStdString(e.value("name", e.value("id", std::string())))});
            item->setToolTip(0, kind ? QString::fromStdString(kind->name + ": " + kind->summary) : QString());
            item->setData(0, Qt::UserRole, id);
            if (id == currentExperiment_) tree_->setCurrentItem(item);
        }
    tree_->expandAll();
    devices->setHidden(devices->childCount() == 0);
}

void MainWindow::rebuildEditor() {
    QWidget* editor = nullptr;
    if (!selectedDevicePointer_.isEmpty()) {
        editor = new gui::DeviceEditor(doc_, selectedDevicePointer_.toStdString());
    } else {
        const QString ptr = experimentPointer(currentExperiment_);
        if (!ptr.isEmpty()) editor = new gui::ExperimentEditor(doc_, ptr.toStdString());
    }
    if (!editor) editor = new QLabel(tr("Select an experiment in the project tree."));
    QWidget* old = editorArea_->takeWidget();
    if (old) old->deleteLater();
    editorArea_->setWidget(editor);
}

void MainWindow::selectExperiment(const QString& id) {
    currentExperiment_ = id;
    selectedDevicePointer_.clear();
    rebuildEditor();
    const json e = doc_->value(experimentPointer(id).toStdString());
    const std::string kind = e.value("kind", std::string());
    if (kind == "pulse_ltp_ltd") showPage(ltpPlot_);
    else if (kind == "device_transient") tabs_->setCurrentIndex(0);
    const auto& entries = gui::resultViewRegistry();
    for (std::size_t k = 0; k < entries.size(); ++k)
        if (entries[k].kinds.contains(QString::fromStdString(kind))) {
            showPage(views_[k]);
            views_[k]->showExperiment(experimentPointer(id));
            break;
        }
    models_->setDrive(e.contains("drive") ? QString::fromStdString(e["drive"].dump()) : QString(),
                      QString::fromStdString(e.value("mode", std::string("voltage"))));
    rebuildTree();
    if (autoRunAction_ && autoRunAction_->isChecked() && !queueActive_ && options_.run) runCurrent();
}

void MainWindow::showTab(const QString& name) {
    if (name == "ltp") showPage(ltpPlot_);
    else if (name == "models") showPage(models_);
    else if (name == "studies") showPage(studies_);
    else tabs_->setCurrentIndex(0);
    const auto& entries = gui::resultViewRegistry();
    for (std::size_t k = 0; k < entries.size(); ++k)
        if (entries[k].id == name) showPage(views_[k]);
}

void MainWindow::onDocumentReset() {
    runner_->cancel();
    runQueue_.clear();
    queueActive_ = false;
    const auto ids = doc_->project().experimentIds();
    currentExperiment_.clear();
    selectedDevicePointer_.clear();
    devicePlots_->clearLive();
    ltpPlot_->clear();
    deviceFigures_->clearFigures();
    for (auto* view : views_) view->clear();
    models_->setProject(doc_->project());
    updateTabVisibility();
    if (!ids.empty()) selectExperiment(QString::fromStdString(ids.front()));
    else {
        rebuildTree();
        rebuildEditor();
    }
    updateTitle();
}

void MainWindow::onDocumentChanged(const QString& pointer) {
    // Names and membership show in the tree; everything else only re-runs.
    if (pointer.count('/') <= 3 || pointer.endsWith("/name") || pointer.endsWith("/model")) rebuildTree();
    if (pointer.count('/') <= 2 || pointer.endsWith("/kind")) updateTabVisibility();
    // The model comparison runs the project's own devices: follow their edits.
    if (pointer.startsWith("/devices") || pointer.endsWith("/device") || pointer.contains("/device/"))
        models_->setProject(doc_->project());
    if (pointer.endsWith("/drive") || pointer.contains("/drive/") || pointer.endsWith("/mode")) {
        const json e = doc_->value(experimentPointer(currentExperiment_).toStdString());
        models_->setDrive(e.contains("drive") ? QString::fromStdString(e["drive"].dump()) : QString(),
                          QString::fromStdString(e.value("mode", std::string("voltage"))));
    }
    if (!autoRunAction_->isChecked() || currentExperiment_.isEmpty()) return;
    // The first edit after a pause restarts at once (the view answers within a
    // frame); the rest of a burst, such as a slider drag, gathers into one
    // restart when it pauses for the timer's interval.
    if (!restartTimer_->isActive() &&
        (!lastEditRestart_.isValid() || lastEditRestart_.elapsed() >= restartTimer_->interval())) {
        lastEditRestart_.start();
        runCurrent();
    } else {
        restartTimer_->start();
    }
}

void MainWindow::runCurrent() {
    if (currentExperiment_.isEmpty()) return;
    runQueue_.clear();
    queueActive_ = false;
    runner_->start(doc_->project(), currentExperiment_);
}

void MainWindow::runAll() {
    runQueue_.clear();
    for (const auto& id : doc_->project().experimentIds()) runQueue_ << QString::fromStdString(id);
    // The selected experiment runs last, so the plots end up showing it.
    if (runQueue_.removeAll(currentExperiment_)) runQueue_ << currentExperiment_;
    if (runQueue_.isEmpty()) {
        emit allRunsFinished();
        return;
    }
    queueActive_ = true;
    runner_->start(doc_->project(), runQueue_.takeFirst());
}

void MainWindow::cancelRun() {
    restartTimer_->stop();  // an edit's pending restart must not undo the cancel
    runQueue_.clear();
    runner_->cancel();
}

void MainWindow::onRunFinished(int outcome, const QString& message) {
    cancelButton_->setEnabled(false);
    progress_->setVisible(false);
    const auto o = static_cast<ExperimentRunner::Outcome>(outcome);
    const QString id = runner_->experimentId();
    if (o == ExperimentRunner::Outcome::Finished) {
        status_->setText(tr("%1 finished").arg(id));
    } else if (o == ExperimentRunner::Outcome::Cancelled) {
        status_->setText(tr("%1 cancelled").arg(id));
        appendLog(1, tr("%1 cancelled").arg(id));
    } else {
        status_->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(message.toHtmlEscaped()));
        appendLog(2, tr("%1: %2").arg(id, message));
    }
    if (queueActive_) {
        if (!runQueue_.isEmpty() && o == ExperimentRunner::Outcome::Finished) {
            runner_->start(doc_->project(), runQueue_.takeFirst());
            return;
        }
        queueActive_ = false;
        runQueue_.clear();
        emit allRunsFinished();
    }
}

QString MainWindow::lastStatus() const { return status_->text(); }

void MainWindow::appendLog(int level, const QString& text) {
    const QString time = QTime::currentTime().toString("HH:mm:ss");
    const QString colour = level >= 2 ? "#b00020" : level == 1 ? "#a06000" : "#303030";
    log_->appendHtml(QStringLiteral("<span style='color:%1'>%2  %3</span>").arg(colour, time, text.toHtmlEscaped()));
}

bool MainWindow::openFile(const QString& path) {
    QString error;
    if (!doc_->open(path, &error)) {
        appendLog(2, tr("Could not open %1: %2").arg(path, error));
        status_->setText(tr("Could not open %1").arg(QFileInfo(path).fileName()));
        if (options_.interactive)
            QMessageBox::warning(this, tr("Cannot open project"),
                                 tr("<b>%1</b> was not opened:<br><br>%2<br><br>The current document is unchanged.")
                                     .arg(QFileInfo(path).fileName().toHtmlEscaped(), error.toHtmlEscaped()));
        return false;
    }
    addRecent(doc_->filePath());
    rememberFolder(doc_->filePath());
    appendLog(0, tr("Opened %1").arg(path));
    return true;
}

bool MainWindow::saveTo(const QString& path) {
    QString error;
    if (!doc_->saveAs(path, &error)) {
        appendLog(2, error);
        if (options_.interactive) QMessageBox::warning(this, tr("Save failed"), error);
        return false;
    }
    QFile::remove(autosavePath());
    addRecent(doc_->filePath());
    rememberFolder(doc_->filePath());
    status_->setText(tr("Saved %1").arg(path));
    return true;
}

bool MainWindow::save() { return doc_->filePath().isEmpty() ? saveAsDialog() : saveTo(doc_->filePath()); }

bool MainWindow::saveAsDialog() {
    // Untitled: the last folder used or home, never the working directory (nor the shipped examples).
    const QString start = !doc_->filePath().isEmpty() ? doc_->filePath()
                          : QDir(!lastFolder_.isEmpty() ? lastFolder_ : QDir::homePath()).filePath("untitled.json");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save project"), start,
                                                      tr("Memristor Studio projects (*.json)"));
    return !path.isEmpty() && saveTo(path);
}

bool MainWindow::maybeSave() {
    if (!doc_->isModified() || !options_.interactive) return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
                                              tr("%1 has unsaved changes. Save them?").arg(doc_->displayName()),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newDocument() {
    if (!maybeSave()) return;
    QString error;
    doc_->openDefault(&error);
    doc_->resetTo(doc_->project(), QString());  // the default project as a new, untitled document
}

void MainWindow::openDialog() {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), openDialogFolder(),
                                                      tr("Memristor Studio projects (*.json);;All files (*)"));
    if (!path.isEmpty()) openFile(path);
}

void MainWindow::exportPlotDialog() {
    QCustomPlot* plot = nullptr;
    QString name;
    auto* view = qobject_cast<gui::ResultView*>(currentPage());
    if (currentPage() == ltpPlot_) {
        plot = ltpPlot_->plot();
        name = "ltp-ltd";
    } else if (view) {
        const auto plots = view->plots();
        if (plots.isEmpty()) {
            appendLog(1, tr("This view has no plot to export."));
            return;
        }
        plot = plots.first();
        for (auto* p : plots)
            if (p->underMouse()) plot = p;
        name = view->objectName();
    } else {
        // Device explorer: the plot under the mouse last, else the I-V loop.
        plot = devicePlots_->ivPlot();
        name = "iv-loop";
        for (auto* p : devicePlots_->plots())
            if (p->underMouse()) plot = p;
    }
    const QString folder = !lastFolder_.isEmpty() ? lastFolder_ : QDir::homePath();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export plot"), QDir(folder).filePath(name + ".png"),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    QString error;
    if (!gui::exportPlot(plot, path, &error)) appendLog(2, error);
    else status_->setText(tr("Exported %1").arg(path));
}

void MainWindow::exportCsvDialog() {
    const QString folder = !lastFolder_.isEmpty() ? lastFolder_ : QDir::homePath();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export data"), QDir(folder).filePath(currentExperiment_ + ".csv"),
                                                      tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!gui::writeSeriesCsv(runner_->series(), path, &error)) appendLog(2, error);
    else status_->setText(tr("Exported %1").arg(path));
}

void MainWindow::exportSpiceDialog() {
    const nlohmann::json* e = doc_->project().experiment(currentExperiment_.toStdString());
    const std::string circuit = e ? e->value("circuit", std::string()) : std::string();
    const auto ids = gui::schematic::spiceExperiments(doc_->project(), circuit);
    if (circuit.empty() || std::find(ids.begin(), ids.end(), currentExperiment_.toStdString()) == ids.end()) {
        appendLog(2, tr("Export SPICE netlist: select an experiment that runs a circuit (%1 has none)").arg(currentExperiment_));
        return;
    }
    const QString folder = !lastFolder_.isEmpty() ? lastFolder_ : QDir::homePath();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export SPICE netlist"), QDir(folder).filePath(currentExperiment_ + ".cir"),
                                                      tr("SPICE netlist (*.cir *.sp *.net)"));
    if (path.isEmpty()) return;
    const QString why = gui::schematic::exportSpiceNetlist(doc_->project(), currentExperiment_.toStdString(), path);
    if (!why.isEmpty()) appendLog(2, why);
    else status_->setText(tr("Exported %1").arg(path));
}

void MainWindow::addRecent(const QString& path) {
    if (path.isEmpty() || !options_.interactive) return;
    const auto s = settings();
    QStringList recent = s->value("recentFiles").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 8) recent.removeLast();
    s->setValue("recentFiles", recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    if (!recentMenu_) return;
    recentMenu_->clear();
    const QStringList recent = settings()->value("recentFiles").toStringList();
    for (const QString& path : recent)
        recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (maybeSave()) openFile(path);
        })->setToolTip(path);
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::updateTitle() {
    setWindowTitle(tr("%1%2 — Memristor Studio").arg(doc_->displayName(), doc_->isModified() ? "*" : ""));
}

QString MainWindow::autosavePath() const {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + "/autosave.json";
}

void MainWindow::autosave() {
    if (!doc_->isModified() || !options_.interactive) return;
    QString error;
    // The origin first: a kill right after the copy must still name its file.
    settings()->setValue("autosaveOrigin", doc_->filePath());
    if (!doc_->writeCopy(autosavePath(), &error)) {
        appendLog(1, tr("Autosave failed: %1").arg(error));
        return;
    }
    emit autosaved(autosavePath());
}

void MainWindow::offerRecovery() {
    const QString path = autosavePath();
    if (!QFile::exists(path)) return;
    const QString origin = settings()->value("autosaveOrigin").toString();
    const auto answer = options_.recoverWithoutAsking ? QMessageBox::Yes : QMessageBox::question(
        this, tr("Recover unsaved work?"),
        tr("Memristor Studio did not close normally. An autosaved copy of %1 from %2 exists. Recover it?")
            .arg(origin.isEmpty() ? tr("an untitled project") : origin,
                 QFileInfo(path).lastModified().toString(Qt::TextDate)));
    if (answer == QMessageBox::Yes) {
        QString error;
        gui::DocumentModel probe;
        if (probe.open(path, &error)) {
            doc_->resetTo(probe.project(), origin, true);
            appendLog(0, tr("Recovered autosaved work"));
            recoveredFrom_ = path;
        } else {
            appendLog(2, tr("The autosaved copy is unreadable: %1").arg(error));
        }
    }
    QFile::remove(path);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    runner_->cancel();
    if (options_.interactive) QFile::remove(autosavePath());
    saveLayout();
    event->accept();
}

}  // namespace ms::studio
