// The device explorer's live plots: the pinched I-V loop (QCPCurve; the last
// cycles kept and coloured by age, like a scope's phosphor), v(t) and i(t),
// state(t) and R(t), log|I| vs V, and flux against charge (the review's
// Fig. 1A; its slope is the memristance). A frequency sweep's time panels
// use the phase t f (cycles) its series carry, so every run spans one axis. Follows an ExperimentRunner: appends what
// each drain brings and replots once per drain. Runs can be pinned as overlays
// (with a legend) to compare frequencies, models or presets.
#pragma once

#include <vector>

#include <QString>
#include <QWidget>

class QCustomPlot;

namespace ms::gui {

class ExperimentRunner;

class DevicePlots : public QWidget {
    Q_OBJECT
public:
    explicit DevicePlots(QWidget* parent = nullptr);
    ~DevicePlots() override;

    // Follows runs of kind "device_transient" on this runner.
    void follow(ExperimentRunner* runner);

    QCustomPlot* ivPlot() const { return plots_[0]; }
    std::vector<QCustomPlot*> plots() const { return plots_; }
    QStringList plotNames() const;
    // Points currently in the I-V plot from the live run (all kept cycles).
    int livePointCount() const;
    int overlayCount() const { return static_cast<int>(overlays_.size()); }
    static constexpr int kKeptCycles = 6;
    // I-V, v/i(t), x/R(t), log|i|-v, phi-q.
    static constexpr int kPlotCount = 5;

public slots:
    // Removes the live run's curves; without `redraw` the plots keep showing
    // them until their next replot (how a re-run avoids blank panels).
    void clearLive(bool redraw = true);
    // Keeps the current run's I-V loops and time series as an overlay.
    void pinRun(const QString& label);
    void clearOverlays();
    // All plots, or only plot `only`.
    void replot(int only = -1);

private:
    struct Trace;
    struct Overlay;
    void onSeriesStarted(int index);
    void onRowsAdded(int index, qsizetype first, qsizetype count);
    void startCycle(Trace& t);
    void recolour(Trace& t);
    void rescale();
    // The x axis of the time panels: phase t f (cycles) or time t (s).
    void setTimeAxes(bool phase);
    // The φ-q axes: φ, q; or φ·f, q·f (per cycle) on a frequency sweep.
    void setFluxAxes(bool perCycle);

    ExperimentRunner* runner_ = nullptr;
    std::vector<QCustomPlot*> plots_;
    std::vector<Trace*> traces_;
    std::vector<Overlay*> overlays_;
    bool following_ = false;
    unsigned nextReplot_ = 0;
};

}  // namespace ms::gui
