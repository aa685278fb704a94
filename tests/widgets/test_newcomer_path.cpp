// A newcomer's first minutes (issue 15, "a way in"): the studio started with
// no arguments from an unrelated working directory shows the welcome page
// once; File > Examples lists every shipped project grouped by topic; the 2M
// synapse example opens, runs and shows results. Also the Help menu's pages
// (getting started, user guide from the docs, shortcuts, About), where File >
// Open starts, and a window that fits a 1280x720 screen.
// Memristor Studio, GPL-3.0-or-later.
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>
#include <qcustomplot.h>

#include "app/studio/MainWindow.h"
#include "core/data/DataPaths.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/ResultView.h"
#include "widgets/help/AboutDialog.h"
#include "widgets/help/ExampleCatalog.h"
#include "widgets/help/ExamplesDialog.h"
#include "widgets/help/GettingStartedDialog.h"
#include "widgets/help/ShortcutsDialog.h"
#include "widgets/help/UserGuideDialog.h"
#include "widgets/help/WelcomeDialog.h"

using namespace ms;

namespace {

const QString kProjects = QStringLiteral(MS_SOURCE_DIR "/projects");

QString canonical(const QString& p) { return QFileInfo(p).canonicalFilePath(); }

// The options main() gives a studio started with no arguments, with settings in `file`.
studio::StartOptions asStartedWithoutArguments(const QString& settingsFile) {
    studio::StartOptions o;
    o.interactive = true;
    o.run = true;
    o.useSettings = true;
    o.settingsFile = settingsFile;
    return o;
}

studio::StartOptions quiet() {
    studio::StartOptions o;
    o.interactive = false;
    o.run = false;
    return o;
}

// MS_SHOT_DIR=folder: saves what the newcomer sees, to look at (not checked).
void shoot(QWidget* w, const char* name) {
    const QString dir = qEnvironmentVariable("MS_SHOT_DIR");
    if (dir.isEmpty()) return;
    QTest::qWait(100);
    w->grab().save(dir + "/" + name + ".png");
}

// Points drawn in any plot of `view`.
int plottedPoints(const gui::ResultView* view) {
    int n = 0;
    for (QCustomPlot* plot : view->plots())
        for (int k = 0; k < plot->plottableCount(); ++k)
            if (auto* data = plot->plottable(k)->interface1D()) n += data->dataCount();
    return n;
}

}  // namespace

class TestNewcomerPath : public QObject {
    Q_OBJECT
    QTemporaryDir elsewhere_;  // the unrelated working directory

private slots:
    void initTestCase() {
        // Autosave and settings land in a test location, never the user's.
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/autosave.json");
        QVERIFY(elsewhere_.isValid());
        QVERIFY(QDir::setCurrent(elsewhere_.path()));
        // As main() does.
        data_paths::setExecutableDir(QCoreApplication::applicationDirPath().toStdString());
    }

    void welcomeExamplesOpenRunResults() {
        QTemporaryDir settingsDir;
        const QString settingsFile = settingsDir.filePath("memstudio.ini");
        studio::MainWindow w(asStartedWithoutArguments(settingsFile));
        w.show();
        // 1. The welcome page, on the first launch only, without blocking anything.
        gui::WelcomeDialog* welcome = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((welcome = w.findChild<gui::WelcomeDialog*>()) && welcome->isVisible(), 5000);
        QVERIFY(!welcome->isModal());
        shoot(welcome, "welcome");
        QVERIFY(QSettings(settingsFile, QSettings::IniFormat).value("welcomeShown").toBool());

        // 2. Its button opens File > Examples, which lists every shipped project by topic.
        welcome->examplesButton()->click();
        auto* examples = w.findChild<gui::ExamplesDialog*>();
        QVERIFY(examples);
        QVERIFY(examples->isVisible());
        const QStringList shipped = QDir(kProjects).entryList({"*.json"}, QDir::Files, QDir::Name);
        QVERIFY(shipped.size() >= 20);
        QStringList listed;
        QHash<QString, QString> topicOf;
        for (int t = 0; t < examples->tree()->topLevelItemCount(); ++t) {
            const QTreeWidgetItem* topic = examples->tree()->topLevelItem(t);
            for (int k = 0; k < topic->childCount(); ++k) {
                const QString file = QFileInfo(topic->child(k)->data(0, Qt::UserRole).toString()).fileName();
                listed << file;
                topicOf.insert(file, topic->text(0));
                QVERIFY2(!topic->child(k)->text(1).isEmpty(), qPrintable(file + " has no one-line description"));
            }
        }
        listed.sort();
        QCOMPARE(listed, shipped);
        QCOMPARE(topicOf.value("hp-pinched-hysteresis.json"), QString("Devices"));
        QCOMPARE(topicOf.value("2m-differential-synapse.json"), QString("Synapse circuits"));
        QCOMPARE(topicOf.value("sneak-path-floating-vs-v2-vs-v3.json"), QString("Crossbars"));
        QCOMPARE(topicOf.value("slp-digits-crossbar.json"), QString("ANNs"));
        QCOMPARE(topicOf.value("stdp-digits-unsupervised.json"), QString("SNNs"));
        QCOMPARE(topicOf.value("fit-iv-sweep.json"), QString("Fitting"));
        for (auto it = topicOf.cbegin(); it != topicOf.cend(); ++it)
            QVERIFY2(it.value() != "Other",
                     qPrintable(it.key() + " has no topic: give its experiment kinds one in exampleTopic() "
                                           "(widgets/help/ExampleCatalog.cpp)"));

        // 3. Open the 2M synapse.
        QVERIFY(examples->selectExample("2m-differential-synapse.json"));
        shoot(examples, "examples");
        examples->openSelected();
        QCOMPARE(canonical(w.document()->filePath()), canonical(kProjects + "/2m-differential-synapse.json"));

        // 4. Run it; 5. results appear in the circuit designer.
        QSignalSpy done(&w, &studio::MainWindow::allRunsFinished);
        w.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 90000);
        QVERIFY2(w.lastStatus().endsWith("finished"), qPrintable(w.lastStatus()));
        QVERIFY(!w.runner()->series().empty());
        auto* circuit = w.findChild<gui::ResultView*>("circuit");
        QVERIFY(circuit);
        QVERIFY(circuit->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(plottedPoints(circuit) > 10, 5000);
        shoot(&w, "2m-synapse-run");
        // The user opens a project of their own and hides the log; closing saves the layout.
        QVERIFY(QFile::copy(kProjects + "/hp-pinched-hysteresis.json", settingsDir.filePath("mine.json")));
        QVERIFY(w.openFile(settingsDir.filePath("mine.json")));
        auto* log = w.findChild<QDockWidget*>("logDock");
        QVERIFY(log);
        log->hide();
        QVERIFY(w.close());
        QVERIFY(!QSettings(settingsFile, QSettings::IniFormat).value("window/state").toByteArray().isEmpty());

        // A second start remembers that the welcome page was shown, the dock layout and the last folder.
        studio::MainWindow again(asStartedWithoutArguments(settingsFile));
        again.show();
        QTest::qWait(100);
        QVERIFY(!again.findChild<gui::WelcomeDialog*>());
        QVERIFY(again.findChild<QDockWidget*>("logDock")->isHidden());
        QCOMPARE(canonical(again.openDialogFolder()), canonical(settingsDir.path()));
    }

    void testsAndScreenshotsIgnoreSettings() {
        // Settings saying "welcome shown never" and an odd layout must not reach a studio without useSettings.
        QTemporaryDir dir;
        const QString file = dir.filePath("left-over.ini");
        {
            QSettings s(file, QSettings::IniFormat);
            s.setValue("welcomeShown", false);
            s.setValue("window/geometry", QByteArray("garbage"));
            s.setValue("lastFolder", dir.path());
        }
        studio::StartOptions o = quiet();
        o.settingsFile = file;
        studio::MainWindow w(o);
        w.show();
        QTest::qWait(50);
        QVERIFY(!w.findChild<gui::WelcomeDialog*>());
        QVERIFY(canonical(w.openDialogFolder()) != canonical(dir.path()));
    }

    void openStartsInTheExamplesThenTheLastFolder() {
        QCOMPARE(canonical(gui::examplesFolder()), canonical(kProjects));
        studio::MainWindow w(quiet());
        QCOMPARE(canonical(w.openDialogFolder()), canonical(kProjects));
        // File > Examples (Ctrl+E) opens the same browser.
        QAction* examples = nullptr;
        for (QAction* top : w.menuBar()->actions())
            if (top->text().remove('&') == "File")
                for (QAction* a : top->menu()->actions())
                    if (a->text().remove('&') == QStringLiteral("Examples…")) examples = a;
        QVERIFY(examples);
        QCOMPARE(examples->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
        examples->trigger();
        QVERIFY(w.findChild<gui::ExamplesDialog*>());
        QCOMPARE(w.findChild<gui::ExamplesDialog*>()->examples().size(),
                 QDir(kProjects).entryList({"*.json"}, QDir::Files).size());
        QTemporaryDir mine;
        QVERIFY(QFile::copy(kProjects + "/hp-pinched-hysteresis.json", mine.filePath("hp.json")));
        QVERIFY(w.openFile(mine.filePath("hp.json")));
        QCOMPARE(canonical(w.openDialogFolder()), canonical(mine.path()));
    }

    void windowFitsTheScreen() {
        QCOMPARE(studio::MainWindow::fittedSize({1500, 920}, {1920, 1080}), QSize(1500, 920));
        QCOMPARE(studio::MainWindow::fittedSize({1500, 920}, {1280, 720}), QSize(1280, 720));
        QCOMPARE(studio::MainWindow::fittedSize({1500, 920}, {1366, 1024}), QSize(1366, 920));
        studio::MainWindow w(quiet());
        const QSize least = w.minimumSizeHint().expandedTo(w.minimumSize());
        const QSize avail = w.screen()->availableGeometry().size();
        QVERIFY(w.width() <= std::max(avail.width(), least.width()));
        QVERIFY(w.height() <= std::max(avail.height(), least.height()));
    }

    void helpMenuPages() {
        studio::MainWindow w(quiet());
        QStringList help;
        for (QAction* top : w.menuBar()->actions())
            if (top->text().remove('&') == "Help")
                for (QAction* a : top->menu()->actions()) help << a->text().remove('&');
        for (const char* item : {"Getting started", "User guide", "Keyboard shortcuts", "About Memristor Studio"})
            QVERIFY2(help.contains(item), item);

        gui::GettingStartedDialog* tour = w.showTour();
        QCOMPARE(tour->stepCount(), 4);
        shoot(tour, "tour");
        emit tour->actionRequested(gui::GettingStartedDialog::Action::OpenSynapseExample);
        QVERIFY(w.findChild<gui::ExamplesDialog*>());
        QCOMPARE(QFileInfo(w.findChild<gui::ExamplesDialog*>()->selectedPath()).fileName(),
                 QString("2m-differential-synapse.json"));

        auto* guide = qobject_cast<gui::UserGuideDialog*>(w.showUserGuide());
        QVERIFY(guide);
        QStringList names;
        for (const QString& p : guide->pages()) names << QFileInfo(p).fileName();
        QVERIFY2(names.size() >= 3 && names.first() == "README.md" && names.contains("project-format.md"),
                 qPrintable(names.join(", ")));
        QVERIFY(guide->browser()->toPlainText().contains("Memristor Studio"));
        shoot(guide, "guide");
        guide->showPage(int(names.indexOf("project-format.md")));
        QVERIFY(guide->browser()->toPlainText().contains("experiments"));

        auto* keys = qobject_cast<gui::ShortcutsDialog*>(w.showShortcuts());
        QVERIFY(keys);
        QStringList rows;
        for (int r = 0; r < keys->table()->rowCount(); ++r) rows << keys->table()->item(r, 1)->text() + "=" + keys->table()->item(r, 2)->text();
        QVERIFY2(rows.contains("Examples…=" + QKeySequence(Qt::CTRL | Qt::Key_E).toString(QKeySequence::NativeText)),
                 qPrintable(rows.join("; ")));
        QVERIFY2(rows.contains("Run experiment=F5"), qPrintable(rows.join("; ")));
        shoot(keys, "shortcuts");

        auto* about = qobject_cast<gui::AboutDialog*>(w.showAbout());
        QVERIFY(about);
        const QString text = about->browser()->toPlainText();
        shoot(about, "about");
        for (const char* must : {MS_VERSION, "GPL-3.0-or-later", "How to cite", "Advances in Memristor-Based Neural Networks",
                                 "10.3389/fnano.2021.645995", "Strukov"})
            QVERIFY2(text.contains(must), must);
    }
};

QTEST_MAIN(TestNewcomerPath)
#include "test_newcomer_path.moc"
