// The crossbar designer (issue 5): heatmaps of the programmed conductance,
// cell currents (with the line currents, i.e. the sneak paths, drawn over the
// array), row- and column-line voltages and the write-disturb ΔG; a click on
// a cell selects it for the read or write (one undoable edit; the main window
// re-runs); pickers for the bias scheme and cell type, sliders for the array
// size and wire resistance (each drag one undo step, live re-solve); a read
// margin vs N plot (one curve per margin-sweep experiment) and an MVM error vs
// size plot (one curve per wire resistance). All edits go through DocumentModel.
#pragma once

#include <map>

#include <string>

#include <QPointer>
#include <nlohmann/json_fwd.hpp>

#include "widgets/ResultView.h"

class QComboBox;
class QLabel;
class QSlider;
class QSplitter;
class QCustomPlot;

namespace ms::gui {

class CrossbarHeatmap;
class FiguresTable;

class CrossbarView : public ResultView {
    Q_OBJECT
public:
    static QStringList kindIds();
    CrossbarView(DocumentModel* document, QWidget* parent = nullptr);

    void follow(ExperimentRunner* runner) override;
    void showExperiment(const QString& pointer) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // For tests and the screenshot: the four heatmaps (conductance, cell
    // current, row voltage or ΔG, column voltage), the two plots.
    CrossbarHeatmap* heatmap(int k) const { return maps_[k]; }
    QCustomPlot* marginPlot() const { return marginPlot_; }
    QCustomPlot* mvmPlot() const { return mvmPlot_; }
    QSlider* wireSlider() const { return wire_; }
    QSlider* rowsSlider() const { return rows_; }
    // Selects a cell of the shown experiment (what a click does).
    void selectCell(int row, int col);
    // Redraws from the runner's series (also called on every drain).
    void refreshFromRunner();

private:
    std::string crossbarPointer() const;
    void refreshControls();
    // Shows every map while a run goes; when it has finished, only the maps it wrote.
    void layoutMaps(bool runFinished);
    // The side plots' notes while no sweep experiment has filled them.
    void showSweepPlaceholders();
    // Shows only the panels the shown experiment produces (or that hold an
    // earlier run's curves): a read-margin sweep has no maps, a single read
    // no margin or MVM-error curve.
    void updatePanels();
    void setCrossbarField(const char* key, const nlohmann::json& value, const QString& label, int session);
    static double wireFromSlider(int position);
    static int sliderFromWire(double ohm);

    DocumentModel* doc_;
    QPointer<ExperimentRunner> runner_;
    QString pointer_;  // "/experiments/k" shown
    bool following_ = false, updating_ = false;
    QString runKind_, runId_;
    QLabel* caption_;
    QComboBox* bias_;
    QComboBox* cellType_;
    QSlider* rows_;
    QSlider* cols_;
    QSlider* wire_;
    QLabel* rowsLabel_;
    QLabel* colsLabel_;
    QLabel* wireLabel_;
    QWidget* mapGrid_ = nullptr;
    QSplitter* side_ = nullptr;  // margin plot, MVM-error plot, figures
    int session_ = 0;
    CrossbarHeatmap* maps_[4];
    QCustomPlot* marginPlot_;
    QCustomPlot* mvmPlot_;
    FiguresTable* figures_;
    std::map<QString, int> marginGraphs_;  // experiment id -> graph index
};

}  // namespace ms::gui
