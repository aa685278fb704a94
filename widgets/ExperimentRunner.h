// Runs one experiment of the document on a worker thread (Qt's Mandelbrot
// idiom with a stop token instead of a wait condition). The engine streams
// frames into a thread-safe buffer; the GUI thread drains it on a timer
// (40 Hz), never per sample, and views append what it hands them. One drain
// hands views at most ~kDrainBudgetMs of rows (in chunks of kRowsPerChunk);
// the rest waits in a backlog for the next tick (1 ms later), so a big batch
// never blocks the event loop. drained() (views replot) comes in the tick
// after a drain, a turn of its own: Qt runs every timer that is due in one
// pass, so a drain and a replot on two 1 ms timers would stall the loop for
// their sum. runFinished comes once the backlog is empty.
// start() while a run is going stops the old job and forgets it: its frames
// are never drained, so no stale point reaches a plot and nothing queues up.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <QFuture>
#include <QObject>
#include <QString>

#include "core/sim/Frames.h"
#include "widgets/RowBlocks.h"

class QTimer;
class QThreadPool;

namespace ms {
class Project;
}

namespace ms::gui {

// One series of the current run, as received so far. Rows live in blocks
// (RowBlocks), so appending to a long run never copies the rows before it.
struct SeriesBuffer {
    QString id;
    std::vector<ms::Column> columns;
    RowBlocks data;  // width columns.size(); data[r * width + c] is row r, column c
    std::size_t rows() const { return data.size(); }
    // Appends `count` rows of columns.size() values (row-major).
    void appendRows(const double* values, std::size_t count) {
        if (data.width() != columns.size()) data.reset(columns.size());
        data.append(values, count);
    }
    // Index of the column with this name, or -1.
    int column(const char* name) const;
    double at(std::size_t row, int col) const { return data.at(row, static_cast<std::size_t>(col)); }
};

// The first series named `id` that has rows (nullptr if none): what a view
// draws once data has arrived.
inline const SeriesBuffer* findSeriesWithRows(const std::vector<SeriesBuffer>& series, const char* id) {
    for (const auto& s : series)
        if (s.id == QLatin1String(id) && s.rows() > 0) return &s;
    return nullptr;
}

struct ScalarResult {
    QString key;
    double value;
    QString unit;
};

class ExperimentRunner : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Finished, Cancelled, Failed };
    Q_ENUM(Outcome)

    explicit ExperimentRunner(QObject* parent = nullptr);
    ~ExperimentRunner() override;  // stops every job and waits for the workers

    // Copies the project (the document may change while the job runs).
    void start(const ms::Project& project, const QString& experimentId);
    void cancel();
    bool isRunning() const { return static_cast<bool>(job_); }
    // Worker threads still inside an engine (also cancelled ones winding down).
    int activeWorkers() const;
    // Waits until no worker runs (tests, shutdown); false on timeout.
    bool waitForWorkers(int timeoutMs);
    // A run's number; increases with every start().
    int generation() const { return generation_; }

    const std::vector<SeriesBuffer>& series() const { return series_; }
    const std::vector<ScalarResult>& scalars() const { return scalars_; }
    QString experimentId() const { return experimentId_; }
    QString kind() const { return kind_; }
    void setDrainInterval(int ms);
    static constexpr qsizetype kRowsPerChunk = 256;
    static constexpr int kDrainBudgetMs = 4;

signals:
    void runStarted(const QString& experimentId, const QString& kind);
    void seriesStarted(int index);
    void rowsAdded(int index, qsizetype firstRow, qsizetype count);
    void drained();  // after a drain with new data, in the next turn: views replot here
    void scalarReported(const QString& key, double value, const QString& unit);
    void logMessage(int level, const QString& text);  // ms::LogLevel
    void progressChanged(double fraction);
    void runFinished(ms::gui::ExperimentRunner::Outcome outcome, const QString& message);

private:
    struct Job;
    struct Backlog;
    void drain();

    std::shared_ptr<Job> job_;
    QThreadPool* pool_;
    QTimer* timer_;
    std::vector<QFuture<void>> futures_;
    std::vector<SeriesBuffer> series_;
    std::vector<ScalarResult> scalars_;
    std::unique_ptr<Backlog> backlog_;  // drained from the job, not yet handed to views
    int interval_ = 25;
    QString experimentId_, kind_;
    int generation_ = 0;
    bool viewsDue_ = false;  // a drain handed rows; drained() is emitted next tick
};

}  // namespace ms::gui
