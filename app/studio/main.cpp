// memstudio: the Memristor Studio GUI.
//   memstudio [--no-settings] [FILE]
//   memstudio --project FILE --run --screenshot OUT.png [--tab device|ltp|models] [--experiment ID]
// (Responsiveness is measured by bench/studio/bench_studio, not by the shipped program.)
#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QTimer>

#include "app/studio/MainWindow.h"
#include "core/data/DataPaths.h"
#include "widgets/ModelComparison.h"
#include "widgets/study/StudiesView.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("memstudio");
    QApplication::setOrganizationName("MemristorStudio");
    QApplication::setApplicationVersion(MS_VERSION);
    // Data sets, examples and docs are found from the program's folder, not the working directory.
    ms::data_paths::setExecutableDir(QCoreApplication::applicationDirPath().toStdString());

    QCommandLineParser parser;
    parser.setApplicationDescription("Memristor Studio: memristor devices, crossbars and neural networks");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption project("project", "Open this project file.", "FILE");
    QCommandLineOption run("run", "Run the project's experiments at start.");
    QCommandLineOption shot("screenshot", "Run everything, save a screenshot of the main window and exit.", "OUT.png");
    QCommandLineOption tab("tab", "Tab to show: device, ltp, models, studies or a result view (circuit, crossbar, ann, snn, ...).", "NAME");
    QCommandLineOption experiment("experiment", "Select this experiment (by id) at start; a screenshot shows its result.", "ID");
    QCommandLineOption noSettings("no-settings",
                                  "Neither restore nor save the window layout, last folder and first-launch welcome.");
    parser.addOptions({project, run, shot, tab, experiment, noSettings});
    parser.addPositionalArgument("file", "Project file to open.", "[FILE]");
    parser.process(app);

    ms::studio::StartOptions opt;
    opt.projectPath = parser.value(project);
    if (opt.projectPath.isEmpty() && !parser.positionalArguments().isEmpty())
        opt.projectPath = parser.positionalArguments().first();
    opt.screenshotPath = parser.value(shot);
    opt.tab = parser.value(tab);
    opt.experiment = parser.value(experiment);
    opt.interactive = opt.screenshotPath.isEmpty();
    // A screenshot is the same on every machine: no remembered layout, no welcome page over it.
    opt.useSettings = opt.interactive && !parser.isSet(noSettings);
    // Without a screenshot request the studio always runs at start: a new user
    // sees a live loop within seconds. --run matters for screenshot mode.
    opt.run = opt.screenshotPath.isEmpty() ? true : parser.isSet(run);

    ms::studio::MainWindow window(opt);
    window.show();
    if (!opt.screenshotPath.isEmpty()) {
        int exitCode = 0;
        auto grab = [&] {
            // Let queued replots and layouts settle, then grab.
            QTimer::singleShot(400, &window, [&] {
                const bool ok = window.grab().save(opt.screenshotPath);
                if (!ok) qWarning("could not write %s", qPrintable(opt.screenshotPath));
                QApplication::exit(ok ? exitCode : 1);
            });
        };
        QObject::connect(&window, &ms::studio::MainWindow::allRunsFinished, &window, [&] {
            auto* models = window.findChild<ms::gui::ModelComparison*>();
            auto* studies = window.findChild<ms::gui::StudiesView*>();
            if (opt.tab == "models" && models && models->isComputing()) {
                QObject::connect(models, &ms::gui::ModelComparison::computed, &window, grab);
            } else if (opt.tab == "studies" && studies && studies->studyChoice()->count() > 0) {
                // The Studies tab shows a study run, not the bare plot before it.
                QObject::connect(studies, &ms::gui::StudiesView::runFinished, &window, grab);
                studies->run();
            } else {
                grab();
            }
        });
        if (!opt.run) grab();
        QTimer::singleShot(180000, &window, [&] {  // never hang a docs build
            qWarning("screenshot mode: runs did not finish within 180 s; grabbing anyway");
            exitCode = 2;
            grab();
        });
    }
    return app.exec();
}
