// bench_studio: the studio's responsiveness, measured on the real main window
// (offscreen unless a display is given): event-loop stalls while a run
// streams, redraw rate, cancel latency. Kept out of the shipped memstudio.
//   QT_QPA_PLATFORM=offscreen build/bin/bench_studio [PROJECT.json]
#include <QApplication>

#include "app/studio/MainWindow.h"
#include "bench/studio/Measure.h"
#include "core/data/DataPaths.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("memstudio-bench");
    QApplication::setOrganizationName("MemristorStudio");
    ms::data_paths::setExecutableDir(QCoreApplication::applicationDirPath().toStdString());
    ms::studio::StartOptions opt;
    opt.projectPath = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString(MS_SOURCE_DIR "/projects/hp-pinched-hysteresis.json");
    opt.interactive = false;  // no dialogs, no autosave, no settings
    opt.useSettings = false;
    ms::studio::MainWindow window(opt);
    window.resize(1600, 1000);
    window.show();
    return ms::studio::runMeasurements(window);
}
