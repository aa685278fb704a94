// Parameter stepping in the circuit designer, as LTspice's .step param: pick
// one parameter of one part (a resistance, a capacitance, a source level, a
// memristor's R_off ...) and a list of values; the experiment runs once per
// value on a copy of the project (the document is not touched) and the plot
// overlays the probed traces with a legend entry per value.
#pragma once

#include <string>
#include <vector>

#include <QDialog>
#include <QObject>
#include <QString>
#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/ExperimentRunner.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace ms::gui {

struct StepParameter {
    QString label;        // "R1 · R"
    std::string pointer;  // JSON pointer of the value in the project
    QString unit;         // "Ω", "F", "V", ""
    double current = 0.0; // the value the document has
};

// Every numeric parameter of every part of `circuit` (found at
// `circuitPointer`), with the element registry's defaults for those the file
// leaves out, and the device parameters of memristors given inline.
std::vector<StepParameter> steppableParameters(const nlohmann::json& circuit, const std::string& circuitPointer);

// "1k, 2.2k, 4.7k" (SPICE suffixes, commas or spaces): at most 12 values;
// false with the item that is wrong.
bool parseStepValues(const QString& text, std::vector<double>& values, QString* error);

struct SteppedRun {
    QString label;  // "R1 · R = 2.2 kΩ"
    std::vector<SeriesBuffer> series;
};

class ParameterStepDialog : public QDialog {
    Q_OBJECT
public:
    ParameterStepDialog(std::vector<StepParameter> parameters, QWidget* parent = nullptr);
    const StepParameter& parameter() const;
    const std::vector<double>& values() const { return values_; }
    QComboBox* parameterBox() const { return box_; }
    QLineEdit* valuesEdit() const { return edit_; }

public slots:
    void accept() override;  // refuses bad values with the reason under the field

private:
    std::vector<StepParameter> parameters_;
    std::vector<double> values_;
    QComboBox* box_;
    QLineEdit* edit_;
    QLabel* problem_;
};

// Runs the steps one after another through its own ExperimentRunner (the
// studio's runner and its views are left alone).
class ParameterStepper : public QObject {
    Q_OBJECT
public:
    explicit ParameterStepper(QObject* parent = nullptr);
    void start(const ms::Project& project, const QString& experimentId, const StepParameter& parameter,
               const std::vector<double>& values);
    void cancel();
    void clear();
    bool isRunning() const { return next_ < values_.size() && runner_.isRunning(); }
    const std::vector<SteppedRun>& runs() const { return runs_; }

signals:
    void stepFinished(int index);  // runs()[index] is complete
    void finished();               // every value ran
    void failed(const QString& why);

private:
    void startNext();

    ExperimentRunner runner_;
    ms::Project project_;
    QString experimentId_;
    StepParameter parameter_;
    std::vector<double> values_;
    std::size_t next_ = 0;
    std::vector<SteppedRun> runs_;
};

}  // namespace ms::gui
