// The "Circuit designer" tab (issue 4): a schematic editor of the project's
// circuits and the results of the experiments run on them.
//
// The view follows the document: it redraws the schematic from
// /circuits/<k> on every change and never owns the circuit. Every edit (add,
// move, rotate, delete, connect, paste, insert a cell, a parameter) is one
// undoable DocumentModel command that replaces the circuit object (or one
// parameter). Selecting a part edits it in a panel generated from the element
// and device registries; selecting a node or part also probes its v/i column
// of the "transient" series. After or during a run, wires take the colour of
// their node voltage (scale in the corner; a slider picks the time).
#pragma once

#include <string>
#include <vector>

#include <QPointF>
#include <nlohmann/json.hpp>

#include "widgets/ResultView.h"

class QComboBox;
class QLabel;
class QListWidget;
class QScrollArea;
class QSlider;
class QToolButton;

namespace ms::gui {

struct SeriesBuffer;
struct StepParameter;
class CircuitPlot;
class ParameterStepper;

namespace schematic {
class SchematicScene;
class SchematicView;
}  // namespace schematic

class CircuitView : public ResultView {
    Q_OBJECT
public:
    static QStringList kinds() {
        return {"circuit_transient", "circuit_dc", "cell_pulse_curve", "stdp_window", "write_verify"};
    }
    explicit CircuitView(DocumentModel* doc, QWidget* parent = nullptr);
    ~CircuitView() override;

    void follow(ExperimentRunner* runner) override;
    void showExperiment(const QString& pointer) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    schematic::SchematicScene* scene() const { return scene_; }
    schematic::SchematicView* schematicView() const { return view_; }
    CircuitPlot* resultPlot() const { return plot_; }
    // "/circuits/<k>" of the circuit shown (it may not exist yet).
    std::string circuitPointer() const;
    int circuitIndex() const { return circuitIndex_; }
    void selectCircuit(int index);
    // The column the last probe asked for ("v(in)", "i(R1)").
    QString probeColumn() const { return probe_; }
    QString weightText() const;
    QWidget* partEditor() const { return partEditor_; }

    // The edits the gestures and actions make (public for shortcuts and tests).
    void addPart(const std::string& kind, QPointF scenePos);
    void insertCell(const std::string& cellId);
    void rotateSelection();
    void deleteSelection();
    void copySelection();
    void paste();
    void connectPin(const std::string& element, int pin, const std::string& targetNode);
    // Renames a part as one undo step: the netlist, its placement, the cell
    // block, experiments naming it (circuit_dc "source") and the probe follow.
    // False with the reason (not SPICE-safe, taken, empty) and nothing changed.
    bool renamePart(const std::string& old, const std::string& name, QString* why = nullptr);

    // Exports (the toolbar's Export menu without its file dialog): the
    // schematic as SVG/PDF/PNG by suffix, and an experiment's SPICE netlist
    // as `memstudio-cli export-spice` writes it. "" or why not.
    QString exportPicture(const QString& file);
    QString exportSpice(const QString& experimentId, const QString& file) const;

    // Shows results without a runner (tests, a finished run's buffers).
    void showSeries(const QString& kind, const std::vector<SeriesBuffer>& series);
    // Redraws the schematic now (it is otherwise redrawn on the next event loop pass).
    void redrawNow();

    // Parameter stepping (ParameterStep.h; CircuitViewSteps.cpp). The
    // experiment a step runs: the last one run on this circuit, else its first
    // transient or DC experiment ("" if it has none).
    QString stepExperiment() const;
    // Runs the steps and overlays them (the dialog's OK does this).
    void startParameterStep(const StepParameter& parameter, const std::vector<double>& values);
    ParameterStepper* stepper() const { return stepper_; }

private:
    void commit(const nlohmann::json& circuit, const QString& label);
    nlohmann::json currentCircuit() const;
    void scheduleRedraw(bool panelToo);
    void redraw();
    void rebuildPartPanel();
    void updateCellInfo();
    QString cellInfoText(const nlohmann::json& circuit) const;
    QString connectivityWarning(const nlohmann::json& circuit) const;
    void updateResults();
    void updateVoltageColours();
    void updateWeight();
    void updateDefaultProbes();
    int circuitOfExperiment(const QString& experimentId) const;
    QWidget* buildPalette();
    QToolButton* buildExportButton(QWidget* parent);
    void openStepDialog();

    DocumentModel* doc_;
    ExperimentRunner* runner_ = nullptr;
    const std::vector<SeriesBuffer>* series_ = nullptr;
    std::vector<SeriesBuffer> ownSeries_;
    schematic::SchematicScene* scene_;
    schematic::SchematicView* view_;
    CircuitPlot* plot_;
    QComboBox* circuitPicker_;
    QLabel* cellInfo_;
    QLabel* weight_;
    QLabel* timeLabel_;
    QSlider* timeSlider_;
    QScrollArea* panelArea_;
    QWidget* partEditor_ = nullptr;
    std::string panelElement_;  // the element the panel edits
    std::vector<std::string> pendingSelect_;  // parts to select once redrawn (a new or pasted part)
    nlohmann::json clipboard_;
    int circuitIndex_ = 0;
    QString probe_;
    QString kind_;
    bool following_ = false;
    bool redrawPending_ = false;
    bool panelPending_ = false;
    bool firstFit_ = true;
    ParameterStepper* stepper_;
    QString lastRun_;  // the experiment the studio's runner last ran here
};

}  // namespace ms::gui
