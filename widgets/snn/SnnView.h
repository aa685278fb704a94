// The "Spiking networks" tab: live views of the SNN experiment kinds.
//
// Network learning page: spike raster (the last seconds, scrolling), each
// neuron's incoming weights as images, accuracy, network activity (output
// rate or synaptic events vs MACs), the weight histogram and the STDP window.
// Neuron explorer page: membrane trace, state variables (HH gates m, h, n or
// Izhikevich's u), the phase plane with nullclines and trajectory (for a
// one-variable neuron such as LIF: its phase line, dv/dt against v), and the
// F-I curve with its closed form.
//
// Rows are appended to the plots as the runner hands them over; plots are
// rescaled and redrawn once per drain, never per spike. A new run clears
// only the panels it writes to, so a project's runs can fill one page.
#pragma once

#include <map>
#include <vector>

#include <QList>

#include "widgets/ResultView.h"

class QCustomPlot;
class QCPCurve;
class QCPBars;
class QCPItemText;
class QGridLayout;
class QLabel;
class QTabWidget;

namespace ms::gui {

class WeightImageGrid;
struct SeriesBuffer;

class SnnView : public ResultView {
    Q_OBJECT
public:
    explicit SnnView(DocumentModel* document, QWidget* parent = nullptr);

    void follow(ExperimentRunner* runner) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // For tests and screenshots.
    int rasterPointCount() const;
    const WeightImageGrid* weightImages() const { return weights_; }
    QCustomPlot* rasterPlot() const { return raster_; }
    QCustomPlot* tracePlot() const { return trace_; }
    QCustomPlot* phasePlot() const { return phase_; }
    QCustomPlot* statesPlot() const { return states_; }
    QCustomPlot* fiPlot() const { return fi_; }
    QCustomPlot* accuracyPlot() const { return accuracy_; }
    QCustomPlot* windowPlot() const { return window_; }
    QCustomPlot* activityPlot() const { return activity_; }
    QCustomPlot* histogramPlot() const { return histogram_; }
    // The grey note a network panel (a plot above or the weight images)
    // shows instead of empty axes when the run's kind does not produce it;
    // empty while the panel shows data or is waiting for it.
    QString panelNote(const QWidget* panel) const;
    // The line naming the network panels this run's kind leaves out (they
    // are hidden and the others share the page); empty when all are shown.
    QString omittedPanels() const;
    int currentPage() const;

private:
    enum Panel { Raster, Weights, Accuracy, Activity, Histogram, Window, Trace, States, Phase, Fi, PanelCount };
    void onRunStarted(const QString& kind);
    void onRows(int index, qsizetype first, qsizetype count);
    void onDrained();
    // Clears `panel` if the current run has not written to it yet; marks it dirty.
    void claim(Panel panel);
    void clearPanel(Panel panel);
    QCustomPlot* plotOf(Panel panel) const;
    bool hasData(Panel panel) const;
    // Shows `note` (grey, centred; axes, grid and legend hidden) or, if empty,
    // restores the panel.
    void setNote(Panel panel, const QString& note);
    void onRunFinished(bool finished);
    // Shows the network panels this kind produces (or an earlier run filled),
    // sharing the page, and names the others in a line above them.
    void layoutNetworkPanels();

    void addRaster(const SeriesBuffer& s, std::size_t first, std::size_t count);
    void addWeightRows(const SeriesBuffer& s, std::size_t first, std::size_t count);
    void addAccuracy(const SeriesBuffer& s, std::size_t first, std::size_t count);
    void addActivity(const SeriesBuffer& s, std::size_t first, std::size_t count);
    void addHistogram(const SeriesBuffer& s, std::size_t first, std::size_t count);
    void addWindow(const SeriesBuffer& s, std::size_t first, std::size_t count);
    void addTrace(const SeriesBuffer& s, std::size_t first, std::size_t count);
    void addPhaseLinePoint(double t, double v);
    void addNullclines(const SeriesBuffer& s, std::size_t first, std::size_t count);
    void addFi(const SeriesBuffer& s, std::size_t first, std::size_t count);

    ExperimentRunner* runner_ = nullptr;
    bool following_ = false;
    QString kind_;
    int run_ = 0;
    int panelRun_[PanelCount] = {};
    bool emptyAtEnd_[PanelCount] = {};  // the finished run wrote nothing here
    bool dirty_[PanelCount] = {};

    QTabWidget* pages_;
    QCustomPlot *raster_, *accuracy_, *activity_, *histogram_, *window_;
    QCustomPlot *trace_, *states_, *phase_, *fi_;
    WeightImageGrid* weights_;
    QGridLayout* grid_ = nullptr;
    QLabel* omitted_ = nullptr;
    QCPCurve* trajectory_ = nullptr;
    QCPBars* bars_ = nullptr;
    QCPItemText* notes_[PanelCount] = {};
    bool legendShown_[PanelCount] = {};

    double rasterWindow_ = 5.0;  // s of raster shown (scrolls)
    double rasterTime_ = 0;
    int rasterNeurons_ = 1;
    // Iris-style weights (input, class, w): accumulated, drawn per drain.
    std::map<int, std::vector<double>> classWeights_;
    // Histogram snapshots: the latest time's bins.
    double histogramTime_ = -1;
    std::vector<std::pair<double, double>> histogramBins_;
    // A device run's histogram (DeviceSynapsePlots.h) draws itself.
    bool conductanceHistogram_ = false;
    bool histogramInSiemens_ = false;  // the streamed histogram's bins are conductances
    QString weightUnit_;  // of Iris's weights: "S" on device synapses
};

}  // namespace ms::gui
