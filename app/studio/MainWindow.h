// The studio's main window: docks (project explorer, parameters, log, undo
// history) around plot tabs (device explorer, LTP/LTD explorer, model
// comparison); one DocumentModel, one ExperimentRunner. Edits restart the
// current experiment (debounced); documents open, save atomically, autosave
// and recover.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QScrollArea;
class QTabWidget;
class QTimer;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
class QMenu;
class QAction;
class QDialog;
class QSettings;

namespace ms::gui {
class DocumentModel;
class ExperimentRunner;
class DevicePlots;
class LtpPlot;
class FiguresTable;
class ModelComparison;
class StudiesView;
class ResultView;
class ExamplesDialog;
class WelcomeDialog;
class GettingStartedDialog;
}  // namespace ms::gui

namespace ms::studio {

struct StartOptions {
    QString projectPath;      // empty: the embedded default project
    bool run = true;          // run the project at start
    QString screenshotPath;   // non-empty: run everything, grab the window, quit
    QString tab;              // "device", "ltp", "models" or a result view's id: tab to show
    QString experiment;       // id of the experiment to select at start (empty: the first)
    bool interactive = true;  // false: never show modal dialogs (tests, screenshots)
    // Remember the window's geometry and dock layout, the last folder used and
    // whether the welcome page was shown (main() sets it unless --screenshot,
    // --measure or --no-settings). Off: nothing is read from or written to the
    // settings for these, so a leftover settings file cannot change a test.
    bool useSettings = false;
    QString settingsFile;  // "": the user's settings; else this INI file (tests)
    int autosaveIntervalMs = 30000;  // how often a modified document is copied aside
    // Recover an autosaved document without asking (unattended starts cannot
    // answer a dialog; the crash-recovery test's harness sets it).
    bool recoverWithoutAsking = false;
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const StartOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    gui::DocumentModel* document() const { return doc_; }
    gui::ExperimentRunner* runner() const { return runner_; }
    gui::DevicePlots* devicePlots() const { return devicePlots_; }
    gui::LtpPlot* ltpPlot() const { return ltpPlot_; }
    QPlainTextEdit* logView() const { return log_; }
    QString currentExperiment() const { return currentExperiment_; }
    QString lastStatus() const;
    // The autosaved copy this start recovered its document from; empty if none.
    QString recoveredFrom() const { return recoveredFrom_; }
    // Opens a file; on failure reports it and leaves the document as it was.
    bool openFile(const QString& path);
    bool saveTo(const QString& path);
    void selectExperiment(const QString& id);
    void showTab(const QString& name);

    // A way in (MainWindowHelp.cpp). Each shows its non-modal dialog (one
    // instance, raised if already open) and returns it.
    gui::ExamplesDialog* showExamples();
    gui::WelcomeDialog* showWelcome();
    gui::GettingStartedDialog* showTour();
    QDialog* showUserGuide();
    QDialog* showShortcuts();
    QDialog* showAbout();
    // Where File > Open starts: the last folder used, else the examples folder, else home.
    QString openDialogFolder() const;
    // The size the window takes on a screen whose usable area is `available`:
    // its preferred size, shrunk to fit (never bigger than the screen).
    static QSize fittedSize(const QSize& preferred, const QSize& available);

public slots:
    void runCurrent();
    void runAll();
    void cancelRun();

signals:
    // Emitted when a runAll() queue has finished (screenshot mode waits on it).
    void allRunsFinished();
    // A modified document was copied to `path` (crash recovery reads it back).
    void autosaved(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void buildActions();
    void buildDocks();
    void rebuildTree();
    void rebuildEditor();
    void onDocumentReset();
    void onDocumentChanged(const QString& pointer);
    void onRunFinished(int outcome, const QString& message);
    void appendLog(int level, const QString& text);
    bool maybeSave();
    void newDocument();
    void openDialog();
    bool save();
    bool saveAsDialog();
    void exportPlotDialog();
    void exportCsvDialog();
    // The selected experiment's circuit as SPICE (what `memstudio-cli export-spice` writes).
    void exportSpiceDialog();
    void addRecent(const QString& path);
    void updateRecentMenu();
    void updateTitle();
    void autosave();
    void offerRecovery();
    QString autosavePath() const;
    QString experimentPointer(const QString& id) const;
    // MainWindowHelp.cpp
    void buildHelpMenu();
    // MainWindowPlacement.cpp
    // Tab pages sit in scroll areas: a view wider than the room the docks leave
    // on a small screen (1280 x 720) scrolls sideways, and only that view; the
    // window itself never grows past the screen.
    void addPage(QWidget* content, const QString& title);
    void showPage(QWidget* content);
    void updateTabVisibility();
    QWidget* currentPage() const;  // the current tab's content
    std::unique_ptr<QSettings> settings() const;
    void placeOnScreen();       // fitted size, then the remembered geometry and dock layout
    void keepFrameOnScreen();   // after the first show, when the frame's size is known
    void saveLayout();
    void rememberFolder(const QString& fileOrFolder);

    StartOptions options_;
    gui::DocumentModel* doc_;
    gui::ExperimentRunner* runner_;
    gui::DevicePlots* devicePlots_;
    gui::FiguresTable* deviceFigures_;
    gui::LtpPlot* ltpPlot_;
    gui::ModelComparison* models_ = nullptr;
    gui::StudiesView* studies_ = nullptr;
    std::vector<gui::ResultView*> views_;  // one per resultViewRegistry() entry, same order
    QTabWidget* tabs_;
    QTreeWidget* tree_ = nullptr;
    QScrollArea* editorArea_ = nullptr;
    QPlainTextEdit* log_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancelButton_ = nullptr;
    QTimer* restartTimer_;
    QTimer* autosaveTimer_;
    QElapsedTimer lastEditRestart_;  // when an edit last restarted the run
    QString recoveredFrom_;
    QMenu* recentMenu_ = nullptr;
    QAction* autoRunAction_ = nullptr;
    QAction* examplesAction_ = nullptr;
    QString lastFolder_;
    bool framePlaced_ = false;
    QPointer<gui::ExamplesDialog> examples_;
    QPointer<gui::WelcomeDialog> welcome_;
    QPointer<gui::GettingStartedDialog> tour_;
    QPointer<QDialog> guide_, shortcuts_, about_;
    QString currentExperiment_;
    QString selectedDevicePointer_;
    QStringList runQueue_;
    bool queueActive_ = false;
};

}  // namespace ms::studio
