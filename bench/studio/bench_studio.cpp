// bench_studio: the studio's responsiveness, measured on the real main window
// (offscreen unless a display is given): event-loop stalls while a run
// streams, redraw rate, cancel latency, and each view's latency from an edit
// to its first redrawn frame and to the finished run (issue 21's goals:
// device, circuit and crossbar first frame <= 50 ms; ANN and SNN first live
// point <= 1 s; no stall >= 20 ms). Kept out of the shipped memstudio.
//   QT_QPA_PLATFORM=offscreen build/bin/bench_studio
#include <QApplication>

#include "app/studio/MainWindow.h"
#include "bench/studio/Measure.h"
#include "bench/studio/ViewLatency.h"
#include "core/data/DataPaths.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("memstudio-bench");
    QApplication::setOrganizationName("MemristorStudio");
    ms::data_paths::setExecutableDir(QCoreApplication::applicationDirPath().toStdString());
    ms::studio::StartOptions opt;
    opt.projectPath = QStringLiteral(MS_SOURCE_DIR "/projects/hp-pinched-hysteresis.json");
    opt.interactive = false;  // no dialogs, no autosave, no settings
    opt.useSettings = false;
    ms::studio::MainWindow window(opt);
    window.resize(1600, 1000);
    window.show();
    const int status = ms::studio::runMeasurements(window);
    if (status != 0) return status;
    // Each tab's default example: the device, circuit, crossbar, ANN and SNN views.
    return ms::studio::measureViewLatency(window, {"hp-pinched-hysteresis.json", "stdp-window.json",
                                                   "sneak-path-floating-vs-v2-vs-v3.json", "slp-digits-crossbar.json",
                                                   "stdp-digits-unsupervised.json"});
}
