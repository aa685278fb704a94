#include "bench/studio/ViewLatency.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTabWidget>
#include <QTimer>
#include <nlohmann/json.hpp>
#include <qcustomplot.h>

#include "app/studio/MainWindow.h"
#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"

namespace ms::studio {

namespace {

qint64 threadCpuNs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

// Runs the event loop until `runner` reports a finished run (or `ms` pass).
void waitForRun(gui::ExperimentRunner* runner, int ms) {
    QEventLoop loop;
    auto c = QObject::connect(runner, &gui::ExperimentRunner::runFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(c);
}

void settle(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Latency {
    double firstFrameMs = -1, finishedMs = -1, worstStallMs = 0, worstTurnCpuMs = 0;
};

// One edit of the current experiment (its description: every edit restarts
// the run, and this one leaves the physics alone), timed to the first replot
// of a visible plot after the new run's first rows, and to its end.
Latency timeOneEdit(MainWindow& window, const std::string& pointer) {
    gui::ExperimentRunner* runner = window.runner();
    Latency out;
    QObject scope;  // the context of every connection that captures these locals
    QElapsedTimer clock;
    bool rowsSeen = false;
    QObject::connect(runner, &gui::ExperimentRunner::runStarted, &scope, [&] { rowsSeen = false; });
    QObject::connect(runner, &gui::ExperimentRunner::rowsAdded, &scope, [&] { rowsSeen = true; });
    for (QCustomPlot* plot : window.findChildren<QCustomPlot*>())
        QObject::connect(plot, &QCustomPlot::afterReplot, &scope, [&, plot] {
            if (rowsSeen && out.firstFrameMs < 0 && plot->isVisible()) out.firstFrameMs = clock.nsecsElapsed() / 1e6;
        });
    qint64 last = 0, lastCpu = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed(), cpu = threadCpuNs();
        if (last) out.worstStallMs = std::max(out.worstStallMs, (now - last) / 1e6);
        if (lastCpu) out.worstTurnCpuMs = std::max(out.worstTurnCpuMs, (cpu - lastCpu) / 1e6);
        last = now;
        lastCpu = cpu;
    });
    QEventLoop loop;
    QObject::connect(runner, &gui::ExperimentRunner::runFinished, &scope, [&] {
        out.finishedMs = clock.nsecsElapsed() / 1e6;
        // Let the last replot land before stopping the clock on frames.
        QTimer::singleShot(100, &loop, &QEventLoop::quit);
    });
    QTimer::singleShot(300000, &loop, &QEventLoop::quit);
    clock.start();
    tick.start();
    static int edits = 0;
    window.document()->setValue(pointer, "latency probe " + std::to_string(++edits), "probe");
    loop.exec();
    tick.stop();
    return out;
}

QString tabTitle(MainWindow& window) {
    auto* tabs = qobject_cast<QTabWidget*>(window.centralWidget());
    return tabs ? tabs->tabText(tabs->currentIndex()).remove('&') : QString();
}

}  // namespace

int measureViewLatency(MainWindow& window, const QStringList& projects) {
    std::printf("\n| example (experiment) | view | edit to first frame | edit to finished run | longest stall (wall / "
                "GUI CPU) |\n|---|---|---|---|---|\n");
    for (const QString& name : projects) {
        const QString path = QStringLiteral(MS_SOURCE_DIR "/projects/") + name;
        if (!window.openFile(path)) {
            std::printf("| %s | could not open | | | |\n", qPrintable(name));
            continue;
        }
        waitForRun(window.runner(), 300000);  // the run an open starts
        settle(300);
        const QString id = window.currentExperiment();
        const auto ids = window.document()->project().experimentIds();
        const auto at = std::find(ids.begin(), ids.end(), id.toStdString());
        if (at == ids.end()) continue;
        const std::string pointer = "/experiments/" + std::to_string(at - ids.begin()) + "/description";
        const Latency l = timeOneEdit(window, pointer);
        std::printf("| %s (%s) | %s | %.0f ms | %.0f ms | %.1f / %.1f ms |\n", qPrintable(name), qPrintable(id),
                    qPrintable(tabTitle(window)),
                    l.firstFrameMs, l.finishedMs, l.worstStallMs, l.worstTurnCpuMs);
        std::fflush(stdout);
    }
    return 0;
}

}  // namespace ms::studio
