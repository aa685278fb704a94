// The "Spiking networks" view, offscreen: real runs of short SNN experiments
// stream through an ExperimentRunner into the view; raster points appear,
// weight images have the input image's shape, the explorer's phase plane and
// F-I curve fill.
#include <cmath>

#include <QtTest>

#include <QScrollArea>

#include <nlohmann/json.hpp>
#include <qcustomplot.h>

#include "core/project/Project.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/snn/SnnView.h"
#include "widgets/snn/WeightImageGrid.h"

using namespace ms;
using namespace ms::gui;

class TestSnnView : public QObject {
    Q_OBJECT
private slots:
    void digitsRunFillsRasterWeightsAccuracy();
    void explorerShowsPhasePlaneAndFiCurve();
    void lifTraceShowsItsPhaseLine();
    void conversionNotesPanelsItDoesNotProduce();
    void deviceSynapseRunShowsConductances();
    void stochasticSynapsesLeaveTheWindowOut();
    void noteAbovePanelsDoesNotMakeThePageScroll();
    void songOnDevicesShowsConductances();

private:
    static bool runToEnd(ExperimentRunner& runner, const Project& p, const QString& id) {
        qRegisterMetaType<ExperimentRunner::Outcome>();
        QSignalSpy done(&runner, &ExperimentRunner::runFinished);
        runner.start(p, id);
        if (!done.wait(120000)) return false;
        return done.front().at(0).value<ExperimentRunner::Outcome>() == ExperimentRunner::Outcome::Finished;
    }
};

// A shown view following its own runner (the view goes first on destruction).
struct ShownView {
    ExperimentRunner runner;
    SnnView view{nullptr};
    ShownView() {
        view.resize(1200, 800);
        view.follow(&runner);
        view.show();
    }
};

// The digits example shortened to 9 neurons and a dozen digits.
static Project shortDigits() {
    Project p = loadProjectFile(MS_SOURCE_DIR "/projects/stdp-digits-unsupervised.json");
    for (auto& e : p.tree()["experiments"])
        if (e["id"] == "diehl_cook") {
            e["excitatory"] = 9;
            e["trainExamples"] = 12;
            e["labelExamples"] = 10;
            e["testExamples"] = 10;
            e["weightsEvery"] = 4;
            e["accuracyEvery"] = 4;
        }
    return p;
}

void TestSnnView::digitsRunFillsRasterWeightsAccuracy() {
    const Project p = shortDigits();
    ShownView shown;
    auto& [runner, view] = shown;
    QVERIFY(runToEnd(runner, p, "diehl_cook"));
    QCOMPARE(view.currentPage(), 0);
    // At least 5 spikes per digit (the retry rule), within the 5 s window: 10 digits.
    QVERIFY2(view.rasterPointCount() >= 5 * 10, qPrintable(QString::number(view.rasterPointCount())));
    const WeightImageGrid* w = view.weightImages();
    QCOMPARE(w->imageCount(), 9);
    QCOMPARE(w->image(0).size(), QSize(8, 8));
    // A learned image is not blank: its darkest pixel is the neuron's largest weight.
    const QImage& im = w->image(3);
    int darkest = 255, lightest = 0;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x) {
            darkest = std::min(darkest, qGray(im.pixel(x, y)));
            lightest = std::max(lightest, qGray(im.pixel(x, y)));
        }
    QVERIFY(darkest < 60);
    // Each image spans its own range: its smallest weight is drawn white, so
    // weights that never learned (still at their random start) do not grey
    // out a young prototype.
    QCOMPARE(lightest, 255);
    QVERIFY(w->range(3).first < w->range(3).second);
    // Running accuracy after 8 and 12 digits, then the held-out point.
    QCOMPARE(view.accuracyPlot()->graph(0)->dataCount(), 2);
    QCOMPARE(view.accuracyPlot()->graph(1)->dataCount(), 1);
    QVERIFY(view.windowPlot()->graph(0)->dataCount() > 50);
    // Raster axes: the neuron axis spans the 9 neurons.
    QCOMPARE(view.rasterPlot()->yAxis->range().upper, 8.5);
}

void TestSnnView::explorerShowsPhasePlaneAndFiCurve() {
    const Project izh = loadProjectFile(MS_SOURCE_DIR "/projects/izhikevich-presets.json");
    const Project lif = loadProjectFile(MS_SOURCE_DIR "/projects/lif-fi-curve.json");
    ShownView shown;
    auto& [runner, view] = shown;
    QVERIFY(runToEnd(runner, izh, "izh_ch"));
    QCOMPARE(view.currentPage(), 1);
    // 2.2 s of trace rows decimated to at most 'samples' points.
    const int tracePoints = view.tracePlot()->graph(0)->dataCount();
    QVERIFY2(tracePoints > 1000 && tracePoints <= 2201, qPrintable(QString::number(tracePoints)));
    auto* trajectory = qobject_cast<QCPCurve*>(view.phasePlot()->plottable(2));
    QVERIFY(trajectory);
    // One point per trace row, plus one NaN break per reset (22 CH spikes).
    QVERIFY2(trajectory->dataCount() >= tracePoints + 15 && trajectory->dataCount() <= tracePoints + 22,
             qPrintable(QString("%1 vs %2").arg(trajectory->dataCount()).arg(tracePoints)));
    QVERIFY(view.phasePlot()->graph(0)->dataCount() > 100);  // v-nullcline
    // Voltage axis in volts (ticks show mV): the trace spans rest to the 30 mV apex.
    QVERIFY(view.tracePlot()->yAxis->range().upper > 0.025);
    QVERIFY(view.tracePlot()->yAxis->range().lower < -0.06);
    // An F-I run afterwards keeps the trace and adds the curve with its closed form.
    QVERIFY(runToEnd(runner, lif, "lif_fi"));
    QCOMPARE(view.fiPlot()->graph(0)->dataCount(), 51);
    QCOMPARE(view.fiPlot()->graph(1)->dataCount(), 51);
    QCOMPARE(view.tracePlot()->graph(0)->dataCount(), tracePoints);
}

// A LIF neuron has one state variable: the states panel says so, and the
// phase panel shows its phase line. Every point lies on the closed form
// dv/dt = (E_L - v + R I)/tau_m for the step's current or zero, or sits at
// (V_reset, 0) while clamped refractory; the curve breaks once per spike.
// A Hodgkin-Huxley trace afterwards brings the gates and their axes back.
void TestSnnView::lifTraceShowsItsPhaseLine() {
    const Project p = loadProjectFile(MS_SOURCE_DIR "/projects/lif-fi-curve.json");
    ShownView shown;
    auto& [runner, view] = shown;
    QVERIFY(runToEnd(runner, p, "lif_trace"));
    QCOMPARE(view.currentPage(), 1);
    QVERIFY2(view.panelNote(view.statesPlot()).contains("one state variable"), qPrintable(view.panelNote(view.statesPlot())));
    QVERIFY(!view.statesPlot()->xAxis->visible());
    QVERIFY(view.panelNote(view.phasePlot()).isEmpty());
    QVERIFY2(view.phasePlot()->yAxis->label().contains("dv/dt"), qPrintable(view.phasePlot()->yAxis->label()));

    double spikes = -1;
    for (const auto& sc : runner.scalars())
        if (sc.key == "spikes") spikes = sc.value;
    // t_ref + tau_m ln((V_inf - V_reset)/(V_inf - V_th)) = 2 ms + 10 ms ln 3 = 13 ms: 7 spikes in 100 ms.
    QCOMPARE(spikes, 7.0);

    const double EL = -70e-3, Vreset = -70e-3, R = 1e8, tau = 10e-3, I = 3e-10;
    auto* trajectory = qobject_cast<QCPCurve*>(view.phasePlot()->plottable(2));
    QVERIFY(trajectory);
    int points = 0, breaks = 0, onLine = 0, clamped = 0;
    for (auto it = trajectory->data()->constBegin(); it != trajectory->data()->constEnd(); ++it) {
        const double v = it->key, slope = it->value;
        if (std::isnan(v)) {
            ++breaks;
            continue;
        }
        ++points;
        const double tol = 5e-3 * R * I / tau;  // 0.5 % of the step's drive, 3 V/s
        // (V_reset = E_L here: the clamp and the rest before the step are one point, on the I = 0 line too.)
        if (std::abs(v - Vreset) < 1e-9 && std::abs(slope) < 1e-6) ++clamped;
        else if (std::abs(slope - (EL - v + R * I) / tau) < tol || std::abs(slope - (EL - v) / tau) < tol) ++onLine;
    }
    QCOMPARE(breaks, 7);
    // 0.17 s sampled every 40 us: 4250 samples, one slope between each pair
    // except across the 7 resets.
    QCOMPARE(points, 4250 - 7);
    // The rest straddle a corner: the step's two edges and each refractory end.
    QVERIFY2(points - onLine - clamped <= 2 + 7, qPrintable(QString("%1 of %2 off the closed form (%3 clamped)")
                                                               .arg(points - onLine - clamped).arg(points).arg(clamped)));

    QVERIFY(runToEnd(runner, p, "hh_trace"));
    QVERIFY(view.panelNote(view.statesPlot()).isEmpty());
    QVERIFY(view.statesPlot()->xAxis->visible());
    QVERIFY(view.statesPlot()->graph(0)->dataCount() > 1000);  // m
    QVERIFY2(view.phasePlot()->yAxis->label().contains("activation"), qPrintable(view.phasePlot()->yAxis->label()));
}

// ann_to_snn streams only accuracy and operations: the raster, weight-image,
// histogram and STDP-window panels say why they are empty instead of showing
// bare axes; a digits run afterwards fills them and the notes go.
void TestSnnView::conversionNotesPanelsItDoesNotProduce() {
    Project a2s = loadProjectFile(MS_SOURCE_DIR "/projects/ann-to-snn.json");
    for (auto& e : a2s.tree()["experiments"])
        if (e["id"] == "conversion") {
            e["epochs"] = 3;
            e["testExamples"] = 20;
            e["duration"] = 0.02;
        }
    ShownView shown;
    auto& [runner, view] = shown;
    QVERIFY(runToEnd(runner, a2s, "conversion"));
    QCOMPARE(view.currentPage(), 0);
    QVERIFY(view.panelNote(view.windowPlot()).contains("No STDP"));
    for (const QWidget* w : {static_cast<const QWidget*>(view.rasterPlot()), static_cast<const QWidget*>(view.histogramPlot()),
                             static_cast<const QWidget*>(view.weightImages())})
        QVERIFY2(view.panelNote(w).contains("converted network"), qPrintable(view.panelNote(w)));
    // A noted plot shows no axes; the panels the kind fills keep theirs and no note.
    QVERIFY(!view.windowPlot()->xAxis->visible());
    QVERIFY(!view.windowPlot()->legend->visible());
    QVERIFY(view.panelNote(view.accuracyPlot()).isEmpty());
    QVERIFY(view.panelNote(view.activityPlot()).isEmpty());
    QVERIFY(view.accuracyPlot()->xAxis->visible());
    QVERIFY(view.accuracyPlot()->graph(0)->dataCount() > 0);
    // The four panels it leaves out are hidden and named in one line; the
    // two it fills share the page.
    for (const QWidget* w : {static_cast<const QWidget*>(view.rasterPlot()), static_cast<const QWidget*>(view.histogramPlot()),
                             static_cast<const QWidget*>(view.weightImages()), static_cast<const QWidget*>(view.windowPlot())})
        QVERIFY(w->isHidden());
    QVERIFY(!view.accuracyPlot()->isHidden() && !view.activityPlot()->isHidden());
    QVERIFY(view.accuracyPlot()->width() > 0.4 * view.width());
    QVERIFY2(view.omittedPanels().contains("No STDP in a converted network"), qPrintable(view.omittedPanels()));

    QVERIFY(runToEnd(runner, shortDigits(), "diehl_cook"));
    for (const QWidget* w : {static_cast<const QWidget*>(view.rasterPlot()), static_cast<const QWidget*>(view.histogramPlot()),
                             static_cast<const QWidget*>(view.weightImages()), static_cast<const QWidget*>(view.windowPlot())})
        QVERIFY2(view.panelNote(w).isEmpty(), qPrintable(view.panelNote(w)));
    QVERIFY(view.windowPlot()->xAxis->visible());
    QVERIFY(view.windowPlot()->legend->visible());
    QVERIFY(view.rasterPointCount() > 0);
    QVERIFY(view.omittedPanels().isEmpty());
    for (const QWidget* w : {static_cast<const QWidget*>(view.rasterPlot()), static_cast<const QWidget*>(view.windowPlot())})
        QVERIFY(!w->isHidden());
}

// Iris on HfO2 synapses (2 epochs): the device's STDP window (both lobes,
// in siemens), the conductance histogram of all 48 devices, no notes.
void TestSnnView::deviceSynapseRunShowsConductances() {
    Project p = loadProjectFile(MS_SOURCE_DIR "/projects/shukla-ganguly-iris-hfo2.json");
    for (auto& e : p.tree()["experiments"]) e["epochs"] = 2;
    ShownView shown;
    auto& [runner, view] = shown;
    QVERIFY(runToEnd(runner, p, "iris_hfo2"));
    QCustomPlot* window = view.windowPlot();
    QVERIFY(window->graph(0)->dataCount() > 10 && window->graph(1)->dataCount() > 10);
    QVERIFY2(window->yAxis->label().contains(QStringLiteral("ΔG")), qPrintable(window->yAxis->label()));
    auto* bars = qobject_cast<QCPBars*>(view.histogramPlot()->plottable(0));
    QVERIFY(bars);
    QCOMPARE(bars->data()->size(), 24);
    double devices = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) devices += it->value;
    QCOMPARE(devices, 48.0);
    QVERIFY2(view.histogramPlot()->xAxis->label().contains(QStringLiteral("G")), qPrintable(view.histogramPlot()->xAxis->label()));
    for (const QWidget* w : {static_cast<const QWidget*>(view.histogramPlot()), static_cast<const QWidget*>(window),
                             static_cast<const QWidget*>(view.weightImages())})
        QVERIFY2(view.panelNote(w).isEmpty(), qPrintable(view.panelNote(w)));
    QCOMPARE(view.weightImages()->imageCount(), 3);
}

// Chu's 30 pixels on stochastic binary synapses (shortened): the images are
// 5x6 conductance maps, and the STDP window, which binary switching does not
// have, leaves the grid when the run ends and is named under it; the other
// five fill the page.
void TestSnnView::stochasticSynapsesLeaveTheWindowOut() {
    Project p = loadProjectFile(MS_SOURCE_DIR "/projects/chu-2014-pcmo-digit-patterns.json");
    for (auto& e : p.tree()["experiments"]) {
        e["trainExamples"] = 20;
        e["synapse"] = {{"type", "stochastic_binary"}};
    }
    ShownView shown;
    auto& [runner, view] = shown;
    QVERIFY(runToEnd(runner, p, "chu_patterns"));
    QCOMPARE(view.weightImages()->imageCount(), 10);
    QCOMPARE(view.weightImages()->image(0).size(), QSize(5, 6));
    QVERIFY(view.windowPlot()->isHidden());
    QVERIFY2(view.omittedPanels().contains("STDP window (this run wrote none)"), qPrintable(view.omittedPanels()));
    QVERIFY(!view.histogramPlot()->isHidden() && !view.weightImages()->isHidden());
    // Five panels leave no empty sixth cell: the second row's last panel ends
    // where the first row's does.
    QTRY_COMPARE(view.histogramPlot()->geometry().right(), view.accuracyPlot()->geometry().right());
}

// Al-Shedivat's WTA (shortened) writes no STDP window, so a note names it
// above the panels. In the studio's tab (a scroll area, about 906x505 on a
// 1280x720 screen) the view must fit: a word-wrapped label would give the
// page a height-for-width from the panels' preferred sizes and a scroll bar.
void TestSnnView::noteAbovePanelsDoesNotMakeThePageScroll() {
    Project p = loadProjectFile(MS_SOURCE_DIR "/projects/al-shedivat-2015-stochastic-wta-digits.json");
    for (auto& e : p.tree()["experiments"]) {
        e["trainExamples"] = 20;
        e["labelExamples"] = 10;
        e["testExamples"] = 10;
    }
    ExperimentRunner runner;
    SnnView view{nullptr};
    view.follow(&runner);
    QScrollArea area;
    area.setWidgetResizable(true);
    area.resize(906, 505);
    area.setWidget(&view);
    area.show();
    QVERIFY(runToEnd(runner, p, QString::fromStdString(p.experimentIds().front())));
    QVERIFY(!view.omittedPanels().isEmpty());
    QTest::qWait(50);
    QVERIFY2(view.height() <= area.viewport()->height(),
             qPrintable(QStringLiteral("view %1 px tall in a %2 px page").arg(view.height()).arg(area.viewport()->height())));
    area.takeWidget();
}

// Song et al. on pulse synapses and on binary devices (3 s): the histogram
// is over conductances in siemens, and binary switching, which has no STDP
// window, says so in the window's place.
void TestSnnView::songOnDevicesShowsConductances() {
    Project p = loadProjectFile(MS_SOURCE_DIR "/projects/stdp-digits-unsupervised.json");
    for (auto& e : p.tree()["experiments"]) e["duration"] = 3.0;
    {
        ShownView shown;
        auto& [runner, view] = shown;
        QVERIFY(runToEnd(runner, p, "song_pulse_linear"));
        QVERIFY2(view.histogramPlot()->xAxis->label().contains(QStringLiteral("G")), qPrintable(view.histogramPlot()->xAxis->label()));
        const QCPRange x = view.histogramPlot()->xAxis->range();
        QVERIFY2(x.lower > 0 && x.lower < 2e-6 && x.upper > 9e-5 && x.upper < 2e-4, qPrintable(QString("%1 .. %2").arg(x.lower).arg(x.upper)));
        QVERIFY(!view.windowPlot()->isHidden() && view.windowPlot()->graphCount() > 0);
    }
    for (auto& e : p.tree()["experiments"])
        if (e["id"] == "song_device")
            e["synapse"] = {{"type", "stochastic_binary"}, {"G_off", 1e-6}, {"G_on", 1e-4}, {"weight_per_S", 100}};
    ShownView shown;
    auto& [runner, view] = shown;
    QVERIFY(runToEnd(runner, p, "song_device"));
    QVERIFY2(view.panelNote(view.windowPlot()).contains(QStringLiteral("binary devices")),
             qPrintable(view.panelNote(view.windowPlot()) + " | " + view.omittedPanels()));
    QVERIFY2(view.histogramPlot()->xAxis->label().contains(QStringLiteral("G")), qPrintable(view.histogramPlot()->xAxis->label()));
}

QTEST_MAIN(TestSnnView)
#include "test_snn_view.moc"
