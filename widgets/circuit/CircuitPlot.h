// The circuit designer's result plot, configured by experiment kind:
//  - circuit_transient: the probed node voltage (left axis, V) and element
//    current (right axis, A) against time, from the "transient" series;
//  - circuit_dc: the same probes against the swept source level ("dc" series);
//  - cell_pulse_curve: the cell weight after each pulse, LTP and LTD branches;
//  - stdp_window: Delta w against Delta t;
//  - write_verify: conductance per pulse and the relative error to target.
// On the transient and DC plots the user adds traces by expression, as in a
// waveform viewer (core/common/TraceExpression.h): v(in)-v(out), v(in)*i(M1),
// integ(i(M1)). Volts share the left axis, amperes the right one, and each
// other unit gets an axis of its own on the right. Stepped runs
// (ParameterStep.h) overlay the probed traces once per stepped value.
// It is redrawn from the runner's series buffers (circuits are small).
#pragma once

#include <vector>

#include <QString>
#include <QStringList>
#include <QWidget>

class QCPAxis;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QLineEdit;

namespace ms::gui {

struct SeriesBuffer;
struct SteppedRun;

class CircuitPlot : public QWidget {
    Q_OBJECT
public:
    explicit CircuitPlot(QWidget* parent = nullptr);
    QCustomPlot* plot() const { return plot_; }

    // Clears the plot and sets it up for this experiment kind.
    void setKind(const QString& kind);
    QString kind() const { return kind_; }
    // A "v(node)" or "i(element)" column to plot (circuit_transient).
    void setProbe(const QString& column);
    // What is plotted while nothing is probed (the cell's output, the first
    // memristor's current and its top node) and why, for the legend
    // ("cell output"). Empty: nothing.
    void setDefaultProbes(const QString& voltage, const QString& voltageWhy, const QString& current,
                          const QString& currentWhy);
    // The columns plotted: the clicked probe, else the default.
    QString voltageProbe() const { return vProbe_.isEmpty() ? vDefault_ : vProbe_; }
    QString currentProbe() const { return iProbe_.isEmpty() ? iDefault_ : iProbe_; }
    // Redraws from the series received so far.
    void refresh(const std::vector<SeriesBuffer>& series);
    // Points drawn by the graph of a probe column (tests).
    int pointsOf(const QString& column) const;

    // Adds a trace expression (drawn from the next refresh on, and kept
    // across runs and probe changes); clearTraces() removes them all. Both
    // emit tracesChanged() so the owner refreshes from its series.
    void addTrace(const QString& expression);
    void clearTraces();
    QStringList traces() const { return traces_; }
    // The last trace's problem ("" when every trace evaluated).
    QString traceError() const;
    // Shows a problem (a step that failed) under the trace field.
    void showProblem(const QString& text);
    // The graph of trace k (nullptr before a refresh).
    QCPGraph* traceGraph(int k) const;
    // Overlays of a parameter step (the stepper owns the runs; nullptr: none),
    // drawn from the next refresh on. The overlay graphs, for tests.
    void setSteppedRuns(const std::vector<SteppedRun>* runs) { steps_ = runs; }
    const std::vector<QCPGraph*>& stepGraphs() const { return stepGraphs_; }

signals:
    void tracesChanged();
    void stepRequested();  // the "Step parameter..." button
    void stepsCleared();   // "Clear traces" also clears the steps

private:
    void drawTransient(const SeriesBuffer& s);
    void drawTraces(const SeriesBuffer& s, int xColumn);
    void drawSteps();
    QCPAxis* axisForUnit(const QString& unit);
    void removeTraceAxes();
    QString legendOf(int graph) const;
    QCustomPlot* plot_;
    QString kind_, vProbe_, iProbe_;
    QString vDefault_, vDefaultWhy_, iDefault_, iDefaultWhy_;
    QWidget* traceRow_;
    QLineEdit* traceEdit_;
    QLabel* traceStatus_;
    QStringList traces_;
    std::vector<QCPGraph*> traceGraphs_;
    std::vector<QCPAxis*> traceAxes_;  // right axes for units other than V and A
    const std::vector<SteppedRun>* steps_ = nullptr;
    std::vector<QCPGraph*> stepGraphs_;
};

}  // namespace ms::gui
