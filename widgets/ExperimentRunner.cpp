#include "widgets/ExperimentRunner.h"

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <variant>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "core/sim/SeriesLedger.h"

namespace ms::gui {

int SeriesBuffer::column(const char* name) const {
    for (std::size_t k = 0; k < columns.size(); ++k)
        if (columns[k].name == name) return static_cast<int>(k);
    return -1;
}

namespace {
struct BeginEvent {
    std::string id;
    std::vector<ms::Column> columns;
};
struct RowsEvent {
    std::string id;
    std::vector<double> data;
};
struct ScalarEvent {
    std::string key;
    double value;
    std::string unit;
};
struct LogEvent {
    ms::LogLevel level;
    std::string text;
};
using Event = std::variant<BeginEvent, RowsEvent, ScalarEvent, LogEvent>;

std::atomic<int> gActiveWorkers{0};
}  // namespace

// Shared by the GUI thread and one worker; everything behind `mutex` except
// the stop token and progress, which are atomics.
struct ExperimentRunner::Job final : ms::FrameSink {
    ms::StopToken stop;
    std::mutex mutex;
    std::vector<Event> pending;
    std::atomic<double> progressValue{-1.0};
    bool done = false;
    Outcome outcome = Outcome::Finished;
    QString message;

    void beginSeries(const std::string& id, const std::vector<ms::Column>& columns) override {
        std::lock_guard lock(mutex);
        ledger.declare(id, columns.size());  // the CLI's rules: the run fails here as it would there
        pending.emplace_back(BeginEvent{id, columns});
    }
    void appendRows(const std::string& id, const double* data, std::size_t rows) override {
        std::lock_guard lock(mutex);
        // Consecutive rows of one series go into one event: a drain hands each
        // view one batch, however many appendRows calls the engine made.
        if (!pending.empty()) {
            if (auto* r = std::get_if<RowsEvent>(&pending.back()); r && r->id == id) {
                r->data.insert(r->data.end(), data, data + rows * columnsOf(id));
                return;
            }
        }
        pending.emplace_back(RowsEvent{id, std::vector<double>(data, data + rows * columnsOf(id))});
    }
    void scalar(const std::string& key, double value, const std::string& unit) override {
        std::lock_guard lock(mutex);
        pending.emplace_back(ScalarEvent{key, value, unit});
    }
    void log(ms::LogLevel level, const std::string& text) override {
        std::lock_guard lock(mutex);
        pending.emplace_back(LogEvent{level, text});
    }
    void progress(double fraction) override { progressValue.store(fraction, std::memory_order_relaxed); }

    // Called with the mutex held; refuses rows of an undeclared series.
    std::size_t columnsOf(const std::string& id) const { return ledger.columns(id); }
    ms::SeriesLedger ledger;
};

// Events taken from the job but not yet handed to views, in order; `rowsDone`
// rows of the front event (if it is a RowsEvent) have been handed already.
struct ExperimentRunner::Backlog {
    std::deque<Event> events;
    std::size_t rowsDone = 0;
    void clear() {
        events.clear();
        rowsDone = 0;
    }
};

ExperimentRunner::ExperimentRunner(QObject* parent)
    : QObject(parent), pool_(new QThreadPool(this)), timer_(new QTimer(this)), backlog_(std::make_unique<Backlog>()) {
    // One job runs, one cancelled job may still be winding down.
    pool_->setMaxThreadCount(2);
    timer_->setInterval(25);
    connect(timer_, &QTimer::timeout, this, &ExperimentRunner::drain);
}

ExperimentRunner::~ExperimentRunner() {
    if (job_) job_->stop.requestStop();
    for (auto& f : futures_) f.waitForFinished();
}

void ExperimentRunner::setDrainInterval(int ms) {
    interval_ = ms;
    timer_->setInterval(ms);
}

int ExperimentRunner::activeWorkers() const { return gActiveWorkers.load(); }

bool ExperimentRunner::waitForWorkers(int timeoutMs) { return pool_->waitForDone(timeoutMs); }

void ExperimentRunner::start(const ms::Project& project, const QString& experimentId) {
    if (job_) job_->stop.requestStop();  // the old job is forgotten; its frames are dropped
    // Forget finished futures.
    std::erase_if(futures_, [](const QFuture<void>& f) { return f.isFinished(); });
    ++generation_;
    job_ = std::make_shared<Job>();
    series_.clear();
    scalars_.clear();
    backlog_->clear();
    viewsDue_ = false;
    experimentId_ = experimentId;
    const nlohmann::json* e = project.experiment(experimentId.toStdString());
    kind_ = e && e->contains("kind") && (*e)["kind"].is_string()
                ? QString::fromStdString((*e)["kind"].get<std::string>())
                : QString();
    auto job = job_;
    auto copy = std::make_shared<ms::Project>(project);
    const std::string id = experimentId.toStdString();
    futures_.push_back(QtConcurrent::run(pool_, [job, copy, id] {
        ++gActiveWorkers;
        Outcome outcome = Outcome::Finished;
        QString message;
        try {
            if (job->stop.stopRequested()) throw ms::Cancelled();
            ms::checkRunLimits(*copy, id);  // the CLI's memory and work guards, same message
            ms::runExperiment(*copy, id, *job, job->stop);
        } catch (const ms::Cancelled&) {
            outcome = Outcome::Cancelled;
        } catch (const ms::SimulationError& e) {
            outcome = Outcome::Failed;
            message = QObject::tr("Simulation failed: %1").arg(QString::fromStdString(e.what()));
        } catch (const ms::InputError& e) {
            outcome = Outcome::Failed;
            message = QObject::tr("Invalid input: %1").arg(QString::fromStdString(e.what()));
        } catch (const std::exception& e) {
            outcome = Outcome::Failed;
            message = QObject::tr("Run failed: %1").arg(QString::fromStdString(e.what()));
        }
        {
            std::lock_guard lock(job->mutex);
            job->done = true;
            job->outcome = outcome;
            job->message = message;
        }
        --gActiveWorkers;
    }));
    emit runStarted(experimentId_, kind_);
    emit progressChanged(0.0);
    timer_->start(interval_);
}

void ExperimentRunner::cancel() {
    if (!job_) return;
    job_->stop.requestStop();
    job_.reset();
    backlog_->clear();
    viewsDue_ = false;
    timer_->stop();
    emit runFinished(Outcome::Cancelled, tr("Cancelled"));
}

void ExperimentRunner::drain() {
    if (!job_) {
        timer_->stop();
        return;
    }
    if (viewsDue_) {  // the views' turn: they replot, nothing is drained
        viewsDue_ = false;
        const int gen = generation_;
        emit drained();
        if (gen == generation_ && job_ && timer_->interval() != 1) timer_->start(1);
        return;
    }
    QElapsedTimer budget;
    budget.start();
    auto job = job_;  // a slot below may start a new job
    bool done;
    Outcome outcome;
    QString message;
    {
        std::lock_guard lock(job->mutex);
        for (auto& ev : job->pending) {
            backlog_->events.push_back(std::move(ev));
        }
        job->pending.clear();
        done = job->done;
        outcome = job->outcome;
        message = job->message;
    }
    const int gen = generation_;
    bool any = false;
    auto& queue = backlog_->events;
    while (!queue.empty()) {
        if (gen != generation_) return;  // a slot restarted the run
        if (any && budget.nsecsElapsed() >= kDrainBudgetMs * 1000000LL) break;  // the rest waits for the next tick
        auto& ev = queue.front();
        if (auto* b = std::get_if<BeginEvent>(&ev)) {
            SeriesBuffer s;
            s.id = QString::fromStdString(b->id);
            s.columns = b->columns;
            series_.push_back(std::move(s));
            queue.pop_front();
            emit seriesStarted(static_cast<int>(series_.size()) - 1);
        } else if (auto* r = std::get_if<RowsEvent>(&ev)) {
            const QString id = QString::fromStdString(r->id);
            std::size_t k = 0;
            while (k < series_.size() && series_[k].id != id) ++k;
            if (k == series_.size() || series_[k].columns.empty()) {
                queue.pop_front();  // rows of a series never begun: nothing can show them
                backlog_->rowsDone = 0;
                continue;
            }
            auto& s = series_[k];
            const std::size_t width = s.columns.size(), total = r->data.size() / width;
            const std::size_t n = std::min<std::size_t>(total - backlog_->rowsDone, kRowsPerChunk);
            const std::size_t first = s.rows();
            s.appendRows(r->data.data() + backlog_->rowsDone * width, n);
            backlog_->rowsDone += n;
            if (backlog_->rowsDone >= total) {
                queue.pop_front();
                backlog_->rowsDone = 0;
            }
            any = true;
            emit rowsAdded(static_cast<int>(k), static_cast<qsizetype>(first), static_cast<qsizetype>(n));
        } else if (auto* sc = std::get_if<ScalarEvent>(&ev)) {
            scalars_.push_back({QString::fromStdString(sc->key), sc->value, QString::fromStdString(sc->unit)});
            queue.pop_front();
            emit scalarReported(scalars_.back().key, scalars_.back().value, scalars_.back().unit);
        } else if (auto* l = std::get_if<LogEvent>(&ev)) {
            const int level = static_cast<int>(l->level);
            const QString text = QString::fromStdString(l->text);
            queue.pop_front();
            emit logMessage(level, text);
        }
    }
    if (gen != generation_) return;
    viewsDue_ = viewsDue_ || any;
    const bool backlog = !queue.empty();
    const double p = job->progressValue.load();
    if (p >= 0.0) emit progressChanged(done && !backlog && outcome == Outcome::Finished ? 1.0 : p);
    if (gen != generation_) return;
    if (done && !backlog && !viewsDue_) {
        job_.reset();
        timer_->stop();
        if (outcome == Outcome::Finished) emit progressChanged(1.0);
        emit runFinished(outcome, message);
    } else if (gen == generation_ && job_) {
        // A backlog is handed on in 1 ms, between other events; otherwise poll at the drain rate.
        const int next = backlog || viewsDue_ ? 1 : interval_;
        if (timer_->interval() != next) timer_->start(next);
    }
}

}  // namespace ms::gui
