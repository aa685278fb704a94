// The studio's main window with the switches the crash-recovery test needs and
// the shipped memstudio does not have (it reads no test hooks):
//   studio_harness [--autosave-ms N] [--edit POINTER=JSON] [--recover] [FILE]
// --edit makes one undoable edit 300 ms after start (the command the parameter
// editor pushes); stdout says "edited P", "autosaved PATH" and, with --recover
// (take an autosave without asking), "recovered PATH origin FILE".
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/studio/MainWindow.h"
#include "core/data/DataPaths.h"
#include "widgets/DocumentModel.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    // The shipped program's names, so settings and the autosave live where memstudio's do.
    QApplication::setApplicationName("memstudio");
    QApplication::setOrganizationName("MemristorStudio");
    ms::data_paths::setExecutableDir(QCoreApplication::applicationDirPath().toStdString());

    QCommandLineParser parser;
    QCommandLineOption autosaveMs("autosave-ms", "Autosave interval.", "N", "30000");
    QCommandLineOption edit("edit", "One edit 300 ms after start.", "POINTER=JSON");
    QCommandLineOption recover("recover", "Recover an autosave without asking.");
    parser.addOptions({autosaveMs, edit, recover});
    parser.addPositionalArgument("file", "Project file.");
    parser.process(app);

    ms::studio::StartOptions opt;
    if (!parser.positionalArguments().isEmpty()) opt.projectPath = parser.positionalArguments().first();
    opt.autosaveIntervalMs = parser.value(autosaveMs).toInt();
    opt.recoverWithoutAsking = parser.isSet(recover);
    opt.useSettings = true;
    ms::studio::MainWindow window(opt);
    window.show();
    QObject::connect(&window, &ms::studio::MainWindow::autosaved, [](const QString& path) {
        std::printf("autosaved %s\n", qPrintable(path));
        std::fflush(stdout);
    });
    if (!window.recoveredFrom().isEmpty()) {
        std::printf("recovered %s origin %s\n", qPrintable(window.recoveredFrom()),
                    qPrintable(window.document()->filePath()));
        std::fflush(stdout);
    }
    const QString change = parser.value(edit);
    if (const auto eq = change.indexOf('='); eq > 0) {
        QTimer::singleShot(300, &window, [&window, change, eq] {
            const auto value = nlohmann::json::parse(change.mid(eq + 1).toStdString(), nullptr, false);
            if (value.is_discarded()) qFatal("--edit: the value is not JSON");
            window.document()->setValue(change.left(eq).toStdString(), value, "test edit");
            std::printf("edited %s\n", qPrintable(change.left(eq)));
            std::fflush(stdout);
        });
    }
    return app.exec();
}
