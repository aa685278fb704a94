// The studio's way in for newcomers: the Help menu (getting started, user
// guide, keyboard shortcuts, About), File > Examples and the welcome page.
// Memristor Studio, GPL-3.0-or-later.
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QTabWidget>

#include "app/studio/MainWindow.h"
#include "core/data/DataPaths.h"
#include "widgets/help/AboutDialog.h"
#include "widgets/help/ExamplesDialog.h"
#include "widgets/help/GettingStartedDialog.h"
#include "widgets/help/ShortcutsDialog.h"
#include "widgets/help/UserGuideDialog.h"
#include "widgets/help/WelcomeDialog.h"

namespace ms::studio {

namespace {

// Shows a dialog without blocking: creates it on first use, raises it after.
template <typename Dialog, typename Make>
Dialog* showOnce(QPointer<Dialog>& slot, Make make) {
    if (!slot) {
        slot = make();
        slot->setAttribute(Qt::WA_DeleteOnClose);
    }
    slot->show();
    slot->raise();
    slot->activateWindow();
    return slot;
}

}  // namespace

void MainWindow::buildHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Getting started"), this, &MainWindow::showTour);
    help->addAction(tr("&User guide"), QKeySequence::HelpContents, this, &MainWindow::showUserGuide);
    help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    help->addAction(tr("&Welcome page"), this, &MainWindow::showWelcome);
    help->addSeparator();
    help->addAction(tr("&About Memristor Studio"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

gui::ExamplesDialog* MainWindow::showExamples() {
    return showOnce(examples_, [this] {
        auto* d = new gui::ExamplesDialog(gui::examplesFolder(), this);
        connect(d, &gui::ExamplesDialog::openRequested, this, [this](const QString& path) {
            if (maybeSave()) openFile(path);
        });
        return d;
    });
}

gui::WelcomeDialog* MainWindow::showWelcome() {
    return showOnce(welcome_, [this] {
        auto* d = new gui::WelcomeDialog(this);
        connect(d, &gui::WelcomeDialog::examplesRequested, this, &MainWindow::showExamples);
        connect(d, &gui::WelcomeDialog::tourRequested, this, &MainWindow::showTour);
        return d;
    });
}

gui::GettingStartedDialog* MainWindow::showTour() {
    return showOnce(tour_, [this] {
        auto* d = new gui::GettingStartedDialog(this);
        connect(d, &gui::GettingStartedDialog::actionRequested, this, [this](gui::GettingStartedDialog::Action a) {
            using A = gui::GettingStartedDialog::Action;
            switch (a) {
                case A::OpenSynapseExample: {
                    gui::ExamplesDialog* ex = showExamples();
                    ex->selectExample(QStringLiteral("2m-differential-synapse.json"));
                    break;
                }
                case A::RunAll: runAll(); break;
                case A::ShowResults:
                    if (!currentExperiment_.isEmpty()) selectExperiment(currentExperiment_);
                    break;
                case A::ShowParameters:
                    for (auto* dock : findChildren<QDockWidget*>())
                        if (dock->objectName() == QLatin1String("parameterDock") ||
                            dock->objectName() == QLatin1String("projectDock")) {
                            dock->show();
                            dock->raise();
                        }
                    break;
            }
        });
        return d;
    });
}

QDialog* MainWindow::showUserGuide() {
    return showOnce(guide_, [this] {
        return new gui::UserGuideDialog(QString::fromStdString(data_paths::findFolder(data_paths::Shipped::Docs)),
                                        this);
    });
}

QDialog* MainWindow::showShortcuts() {
    return showOnce(shortcuts_, [this] { return new gui::ShortcutsDialog(menuBar(), this); });
}

QDialog* MainWindow::showAbout() {
    return showOnce(about_, [this] { return new gui::AboutDialog(QStringLiteral(MS_VERSION), this); });
}

}  // namespace ms::studio
