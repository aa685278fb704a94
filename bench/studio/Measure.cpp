#include "bench/studio/Measure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numbers>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <nlohmann/json.hpp>
#include <qcustomplot.h>

#include "app/studio/MainWindow.h"
#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/plots/DevicePlots.h"

namespace ms::studio {

namespace {
// CPU time of the calling (GUI) thread: what a turn costs the studio itself,
// whatever other processes take from a loaded machine between its ticks.
qint64 threadCpuNs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}
}  // namespace

int runMeasurements(MainWindow& window) {
    using gui::ExperimentRunner;
    // Every connection below captures this function's locals: `scope` is their
    // context, so they end with it and a later run cannot write to a dead frame.
    QObject scope;
    ExperimentRunner* runner = window.runner();
    runner->cancel();
    // 1. Stall: a long transient (many cycles, many samples) streams while a
    // 1 ms precise timer records the largest gap between its ticks.
    ms::Project p = window.document()->project();
    auto& e = p.tree()["experiments"];
    std::string id;
    for (auto& x : e)
        if (x.value("kind", std::string()) == "device_transient") {
            x["samples"] = 400000;
            if (x.contains("drive")) x["drive"]["params"]["cycles"] = 200;
            x.erase("sweep");
            id = x["id"].get<std::string>();
            break;
        }
    if (id.empty()) {
        std::puts("no device_transient experiment in the project");
        return 1;
    }
    // Let the window's first show and paint happen first: they are start-up
    // cost, not a stall while streaming.
    {
        QEventLoop settle;
        QTimer::singleShot(800, &settle, &QEventLoop::quit);
        settle.exec();
    }
    QElapsedTimer clock;
    qint64 last = 0, worst = 0, worstAt = 0, ticks = 0, lastCpu = 0, worstCpu = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last && now - last > worst) {
            worst = now - last;
            worstAt = last;
        }
        last = now;
        const qint64 cpu = threadCpuNs();
        if (lastCpu) worstCpu = std::max(worstCpu, cpu - lastCpu);
        lastCpu = cpu;
        ++ticks;
    });
    // Where the time goes: each plot's replot, and each drain (its first
    // signal to its last; drained() comes a turn later, when the views
    // replot). A stall much longer than both is the machine (another
    // process, the X server), not the studio.
    qint64 worstReplot = 0, worstDrain = 0, replotStart = 0, drainStart = -1, lastTurn = -1;
    qint64 worstReplotCpu = 0, worstDrainCpu = 0, replotCpuStart = 0, drainCpuStart = 0;
    for (auto* plot : window.devicePlots()->plots()) {
        QObject::connect(plot, &QCustomPlot::beforeReplot, &scope, [&] {
            replotStart = clock.nsecsElapsed();
            replotCpuStart = threadCpuNs();
        });
        QObject::connect(plot, &QCustomPlot::afterReplot, &scope, [&] {
            worstReplot = std::max(worstReplot, clock.nsecsElapsed() - replotStart);
            worstReplotCpu = std::max(worstReplotCpu, threadCpuNs() - replotCpuStart);
        });
    }
    // A drain is the signals between two ticks of the 1 ms timer.
    auto drainSignal = [&] {
        const qint64 now = clock.nsecsElapsed(), cpu = threadCpuNs();
        if (drainStart < 0 || lastTurn != last) {
            drainStart = now;
            drainCpuStart = cpu;
        }
        lastTurn = last;
        worstDrain = std::max(worstDrain, now - drainStart);
        worstDrainCpu = std::max(worstDrainCpu, cpu - drainCpuStart);
    };
    QObject::connect(runner, &ExperimentRunner::seriesStarted, &scope, drainSignal);
    QObject::connect(runner, &ExperimentRunner::rowsAdded, &scope, drainSignal);
    // drained() is the views' turn after a drain: the next signal starts a new drain
    // even if the 1 ms tick did not get in between.
    QObject::connect(runner, &ExperimentRunner::drained, &scope, [&] { drainStart = -1; });
    QEventLoop loop;
    QObject::connect(runner, &ExperimentRunner::runFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    clock.start();
    tick.start();
    runner->start(p, QString::fromStdString(id));
    loop.exec();
    tick.stop();
    const double seconds = clock.nsecsElapsed() / 1e9;
    std::size_t rows = 0;
    for (const auto& s : runner->series()) rows += s.rows();
    std::printf("| measurement | value |\n|---|---|\n");
    std::printf("| streamed run | %zu rows in %.2f s |\n", rows, seconds);
    std::printf("| longest event-loop stall while streaming | %.1f ms (from %.0f ms after the start) |\n", worst / 1e6,
                worstAt / 1e6);
    std::printf("| longest drain (rows handed to the plots) | %.1f ms |\n", worstDrain / 1e6);
    std::printf("| longest single plot replot | %.1f ms |\n", worstReplot / 1e6);
    // The same in GUI-thread CPU time: on a loaded machine the wall-clock
    // numbers above include the time other processes held the cores.
    std::printf("| longest turn, GUI-thread CPU time | %.1f ms |\n", worstCpu / 1e6);
    std::printf("| longest drain / replot, GUI-thread CPU time | %.1f / %.1f ms |\n", worstDrainCpu / 1e6,
                worstReplotCpu / 1e6);
    std::printf("| load average (1 min) | %.2f |\n", [] {
        double l = -1;
        if (FILE* f = std::fopen("/proc/loadavg", "r")) {
            if (std::fscanf(f, "%lf", &l) != 1) l = -1;
            std::fclose(f);
        }
        return l;
    }());
    std::printf("| I-V points on screen at the end | %d |\n", window.devicePlots()->livePointCount());

    // 2. Redraw rate of an I-V plot holding 100,000 points (one QCPCurve).
    QCustomPlot* plot = window.devicePlots()->ivPlot();
    window.devicePlots()->clearLive();
    auto* curve = new QCPCurve(plot->xAxis, plot->yAxis);
    QVector<double> t(100000), v(100000), i(100000);
    for (int k = 0; k < 100000; ++k) {
        const double ph = 2 * std::numbers::pi * 20.0 * k / 100000.0;
        t[k] = k;
        v[k] = std::sin(ph);
        i[k] = v[k] * (1.0 + 0.5 * std::sin(ph + 0.6)) * 1e-4;
    }
    curve->setData(t, v, i, true);
    plot->rescaleAxes();
    plot->replot(QCustomPlot::rpImmediateRefresh);
    QElapsedTimer redraw;
    redraw.start();
    const int frames = 60;
    for (int k = 0; k < frames; ++k) {
        plot->xAxis->moveRange(k % 2 ? 1e-3 : -1e-3);  // a real change each frame
        plot->replot(QCustomPlot::rpImmediateRefresh);
    }
    const double fps = frames / (redraw.nsecsElapsed() / 1e9);
    std::printf("| I-V redraw rate, 100,000 points (%dx%d px) | %.1f frames/s |\n", plot->width(), plot->height(), fps);

    // 3. Cancel latency (issue 3: cancel stops the job within 100 ms): the
    // same long run streams for ~300 ms, then cancel(). The runner reports
    // Cancelled at once (it forgets the job); what matters is when the worker
    // leaves the engine, i.e. when it polls the stop token, so that is timed too.
    runner->waitForWorkers(30000);
    // 1e6 s of the drive (~20 s of work): on an idle machine the stall run
    // ends in ~0.2 s, before the cancel, and would time nothing.
    for (auto& x : p.tree()["experiments"])
        if (x.value("id", std::string()) == id) x["duration"] = 1e6;
    qint64 reported = -1, stopped = -1, cancelAt = 0, lastPoll = 0, worstPollGap = 0;
    bool endedFirst = false;
    QElapsedTimer since;
    QEventLoop cancelLoop;
    auto onFinished = QObject::connect(runner, &ExperimentRunner::runFinished,
                                       [&](ExperimentRunner::Outcome o, const QString&) {
                                           if (o == ExperimentRunner::Outcome::Cancelled && reported < 0 && cancelAt)
                                               reported = since.nsecsElapsed() - cancelAt;
                                           if (o != ExperimentRunner::Outcome::Cancelled && !cancelAt) endedFirst = true;
                                       });
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        const qint64 now = since.nsecsElapsed();
        // The stall while a long run (1e6 s of drive, sparse aliased rows) starts streaming.
        worstPollGap = std::max(worstPollGap, now - lastPoll);
        lastPoll = now;
        if (endedFirst) {
            cancelLoop.quit();
        } else if (!cancelAt && now >= 300000000LL) {
            cancelAt = since.nsecsElapsed();
            runner->cancel();
        } else if (cancelAt && runner->activeWorkers() == 0) {
            stopped = now - cancelAt;
            cancelLoop.quit();
        }
    });
    QTimer::singleShot(30000, &cancelLoop, &QEventLoop::quit);
    since.start();
    runner->start(p, QString::fromStdString(id));
    poll.start();
    cancelLoop.exec();
    poll.stop();
    QObject::disconnect(onFinished);
    std::size_t cancelRows = 0;
    for (const auto& s : runner->series()) cancelRows += s.rows();
    if (endedFirst) {
        std::puts("| cancel latency | not measured: the run ended before the cancel |");
        std::fflush(stdout);
        return 0;
    }
    std::printf("| cancel latency: Cancelled reported / worker out of the engine | %.2f / %.1f ms (cancel at %.0f ms, "
                "%zu rows shown) |\n",
                reported / 1e6, stopped < 0 ? -1.0 : stopped / 1e6, cancelAt / 1e6, cancelRows);
    std::printf("| longest event-loop stall in that run's first 300 ms (1e6 s of drive) | %.1f ms |\n", worstPollGap / 1e6);
    std::fflush(stdout);
    return 0;
}

}  // namespace ms::studio
