// A result view: one tab of the studio's central area that shows the runs of
// some experiment kinds (a crossbar's heatmaps, an ANN's accuracy curves, a
// spike raster, a schematic). The main window builds one of each registered
// view, hands it the runner to follow and the document to read, and brings
// its tab forward when an experiment of one of its kinds is selected.
//
// A new view is one widget file plus one line in resultViewRegistry()
// (widgets/ResultViews.cpp). Views only read the document through
// DocumentModel and change it through its undoable commands.
#pragma once

#include <functional>
#include <vector>

#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>

class QCustomPlot;

namespace ms::gui {

class DocumentModel;
class ExperimentRunner;
class FiguresTable;

class ResultView : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;
    // Connect to the runner's signals; show only runs whose kind() is yours.
    virtual void follow(ExperimentRunner* runner) = 0;
    // The user selected this experiment (JSON pointer into the document,
    // e.g. "/experiments/2"); its kind is one of the entry's kinds.
    virtual void showExperiment(const QString& pointer) { Q_UNUSED(pointer); }
    // Forget live results (a new document was opened).
    virtual void clear() {}
    // Plots "Export plot" offers, the main one first (may be empty).
    virtual QList<QCustomPlot*> plots() const { return {}; }

protected:
    // The usual way to follow: a run of one of `kinds` clears the view, its
    // figures go to `figures` (if given), and each drain and the finish call
    // `redraw`, which reads runner()'s series. Runs of other kinds are left
    // alone (following() is false while they run).
    void followRuns(ExperimentRunner* runner, const QStringList& kinds, FiguresTable* figures,
                    std::function<void()> redraw);
    ExperimentRunner* runner() const;
    bool following() const { return following_; }

private:
    QPointer<ExperimentRunner> runner_;
    bool following_ = false;
};

struct ResultViewEntry {
    QString id;          // stable: --tab NAME in screenshot mode
    QString title;       // tab title
    QStringList kinds;   // experiment kinds this view shows
    std::function<ResultView*(DocumentModel* document, QWidget* parent)> make;
};

// Every view the studio shows, in tab order after the built-in device,
// LTP/LTD and model-comparison tabs.
const std::vector<ResultViewEntry>& resultViewRegistry();

}  // namespace ms::gui
