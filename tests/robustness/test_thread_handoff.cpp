// The Qt-free half of the studio's threading (issue 9, ThreadSanitizer pass):
// what widgets/ExperimentRunner relies on when a worker thread runs an engine
// and the GUI thread drains its frames. Qt's own mutexes are invisible to
// TSan, so the handoff is reproduced here with the same std:: primitives the
// runner uses (a mutex-guarded pending list, an atomic progress value and the
// engine's StopToken), and the engines run on worker threads exactly as there:
// - two device transients at once (a cancelled job winding down next to the
//   new one; the runner's pool has two threads) stream, through the handoff,
//   the same rows bit for bit as a run on the calling thread;
// - a stop requested from the draining thread ends the worker with Cancelled;
// - the crossbar solver's batched solve (which splits itself over two more
//   threads) run on a worker gives the per-vector solves' column currents, and
//   a stop raised before its construction cancels it.
#include <QtTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <random>
#include <thread>

#include "core/common/Errors.h"
#include "core/crossbar/CrossbarSolver.h"
#include "core/devices/ModelRegistry.h"
#include "core/sim/DeviceTransient.h"
#include "core/sim/Stimulus.h"

namespace {

// The runner's Job, minus Qt: the worker appends under the mutex, the
// consumer takes everything pending at once.
class HandoffSink final : public ms::CheckedSink {
public:
    void onRows(const std::string& id, const double* data, std::size_t rows) override {
        const std::size_t width = columnsOf(id);  // the ledger is the worker's alone
        std::lock_guard lock(mutex_);
        pending_.insert(pending_.end(), data, data + rows * width);
    }
    void progress(double fraction) override { progress_.store(fraction, std::memory_order_relaxed); }

    // Consumer side (the GUI thread's drain).
    std::size_t drainInto(std::vector<double>& out) {
        std::lock_guard lock(mutex_);
        out.insert(out.end(), pending_.begin(), pending_.end());
        const std::size_t n = pending_.size();
        pending_.clear();
        return n;
    }
    double progress() const { return progress_.load(std::memory_order_relaxed); }

private:
    std::mutex mutex_;
    std::vector<double> pending_;
    std::atomic<double> progress_{-1.0};
};

class VectorSink final : public ms::CheckedSink {
public:
    std::vector<double> rows;
    void onRows(const std::string& id, const double* data, std::size_t n) override {
        rows.insert(rows.end(), data, data + n * columnsOf(id));
    }
};

struct TransientCase {
    std::string model, drive;
    double frequency;
};

// Runs one transient; models and drives come from the registries, whose
// first use may happen on two threads at once.
void runCase(const TransientCase& c, double duration, std::size_t samples, ms::FrameSink& sink, const ms::StopToken& stop) {
    ms::DeviceSpec spec;
    spec.modelId = c.model;
    const auto model = ms::instantiateDevice(spec);
    const ms::StimulusInfo* info = ms::stimulusRegistry().find(c.drive);
    ms::ParamValues p;
    for (const auto& s : info->params) p[s.key] = s.defaultValue;
    p["frequency"] = c.frequency;
    const auto drive = info->create(p, {});
    ms::TransientOptions o;
    o.duration = duration;
    o.samples = samples;
    o.modelName = c.model;
    ms::runDeviceTransient(*model, *drive, ms::DriveMode::Voltage, o, sink, stop);
}

// A worker that records how it ended.
struct Worker {
    std::thread thread;
    std::exception_ptr error;
    std::atomic<bool> done{false};
    template <typename Fn>
    void start(Fn fn) {
        thread = std::thread([this, fn] {
            try {
                fn();
            } catch (...) {
                error = std::current_exception();
            }
            done.store(true, std::memory_order_release);
        });
    }
};

}  // namespace

class TestThreadHandoff : public QObject {
    Q_OBJECT
private slots:
    void twoConcurrentRunsStreamWhatASerialRunDoes() {
        const TransientCase cases[2] = {{"linear_ion_drift", "sine", 1.0}, {"vteam", "triangle", 50.0}};
        HandoffSink sinks[2];
        ms::StopToken stops[2];
        Worker workers[2];
        for (int w = 0; w < 2; ++w)
            workers[w].start([&, w] { runCase(cases[w], 10.0 / cases[w].frequency, 20000, sinks[w], stops[w]); });
        // Drain while both run, as the GUI timer does.
        std::vector<double> drained[2];
        int drains = 0;
        while (!workers[0].done.load(std::memory_order_acquire) || !workers[1].done.load(std::memory_order_acquire)) {
            for (int w = 0; w < 2; ++w) sinks[w].drainInto(drained[w]);
            ++drains;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        for (int w = 0; w < 2; ++w) {
            workers[w].thread.join();
            QVERIFY(!workers[w].error);
            sinks[w].drainInto(drained[w]);
            QCOMPARE(sinks[w].progress(), 1.0);
            VectorSink serial;
            ms::StopToken never;
            runCase(cases[w], 10.0 / cases[w].frequency, 20000, serial, never);
            QCOMPARE(drained[w].size(), std::size_t(20001 * 7));  // t, v, i, state, R, phi, q per row
            QVERIFY2(drained[w] == serial.rows, cases[w].model.c_str());  // bit for bit
        }
        qInfo("%d drains while the workers ran", drains);
    }

    void stopFromTheDrainingThreadCancelsTheWorker() {
        HandoffSink sink;
        ms::StopToken stop;
        Worker worker;
        // 1e5 cycles of a 1 Hz sine: minutes of work, unless stopped.
        worker.start([&] { runCase({"linear_ion_drift", "sine", 1.0}, 1e5, 100000, sink, stop); });
        std::vector<double> rows;
        while (rows.empty() && !worker.done.load(std::memory_order_acquire)) {
            sink.drainInto(rows);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        stop.requestStop();
        worker.thread.join();
        QVERIFY(worker.error);
        bool cancelled = false;
        try {
            std::rethrow_exception(worker.error);
        } catch (const ms::Cancelled&) {
            cancelled = true;
        } catch (...) {
        }
        QVERIFY(cancelled);
        sink.drainInto(rows);
        QVERIFY(!rows.empty());
        QVERIFY(rows.size() < std::size_t(100001 * 5));  // stopped early
        QVERIFY(sink.progress() < 1.0);
    }

    void crossbarBatchOnAWorkerMatchesPerVectorSolves() {
        // 64 x 64 cells: 8192 unknowns and a batch of 16 take the two-thread
        // split of the batched solve and the two-thread factorisation.
        const std::size_t M = 64, N = 64, K = 16;
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> g(1e-6, 1e-4), v(-0.3, 0.3);
        ms::CrossbarSpec spec = ms::uniformCrossbar(M, N, 1e-5);
        for (auto& x : spec.conductance) x = g(rng);
        spec.rWireRow = spec.rWireCol = 2.0;
        ms::CrossbarDrive drive;
        drive.rows.assign(M, {true, 0.0, 0.0});
        drive.cols.assign(N, {true, 0.0, 0.0});
        Eigen::MatrixXd X(static_cast<Eigen::Index>(M), static_cast<Eigen::Index>(K));
        for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = v(rng);
        const std::vector<double> colV(N, 0.0);

        ms::StopToken stop;
        Eigen::MatrixXd batched;
        std::unique_ptr<ms::CrossbarSolver> solver;
        Worker worker;
        worker.start([&] {
            solver = std::make_unique<ms::CrossbarSolver>(spec, drive, &stop);
            batched = solver->columnCurrents(X, colV);
        });
        worker.thread.join();
        QVERIFY(!worker.error);
        QCOMPARE(batched.rows(), Eigen::Index(N));
        QCOMPARE(batched.cols(), Eigen::Index(K));
        double worst = 0.0;
        for (std::size_t k = 0; k < K; k += 5) {
            std::vector<double> rowV(M);
            for (std::size_t i = 0; i < M; ++i) rowV[i] = X(Eigen::Index(i), Eigen::Index(k));
            const auto s = solver->solve(rowV, colV);
            double scale = 1e-30;
            for (double c : s.colCurrent) scale = std::max(scale, std::fabs(c));
            for (std::size_t j = 0; j < N; ++j)
                worst = std::max(worst, std::fabs(batched(Eigen::Index(j), Eigen::Index(k)) - s.colCurrent[j]) / scale);
        }
        QVERIFY2(worst < 1e-9, qPrintable(QString::number(worst)));

        // A stop raised by another thread before the work starts cancels it.
        ms::StopToken raised;
        Worker late;
        raised.requestStop();
        late.start([&] { ms::CrossbarSolver(spec, drive, &raised).columnCurrents(X, colV); });
        late.thread.join();
        bool cancelled = false;
        try {
            if (late.error) std::rethrow_exception(late.error);
        } catch (const ms::Cancelled&) {
            cancelled = true;
        } catch (...) {
        }
        QVERIFY(cancelled);
    }
};

QTEST_GUILESS_MAIN(TestThreadHandoff)
#include "test_thread_handoff.moc"
