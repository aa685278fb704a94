// The circuit designer's parameter stepping (ParameterStep.h): which
// experiment a step runs, the dialog, and handing the runs to the plot.
#include <QMessageBox>

#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/circuit/CircuitPlot.h"
#include "widgets/circuit/CircuitView.h"
#include "widgets/circuit/ParameterStep.h"

namespace ms::gui {

QString CircuitView::stepExperiment() const {
    const nlohmann::json circuit = currentCircuit();
    const std::string circuitId = circuit.is_object() ? circuit.value("id", std::string()) : std::string();
    const nlohmann::json& experiments = doc_->project().tree().value("experiments", nlohmann::json::array());
    auto steppable = [&](const nlohmann::json& e) {
        const std::string kind = e.value("kind", std::string());
        return e.is_object() && (kind == "circuit_transient" || kind == "circuit_dc") && e.value("circuit", std::string()) == circuitId;
    };
    if (!lastRun_.isEmpty())
        if (const nlohmann::json* e = doc_->project().experiment(lastRun_.toStdString()); e && steppable(*e)) return lastRun_;
    for (const auto& e : experiments)
        if (steppable(e)) return QString::fromStdString(e.value("id", std::string()));
    return {};
}

void CircuitView::openStepDialog() {
    const QString experiment = stepExperiment();
    if (experiment.isEmpty()) {
        QMessageBox::information(this, tr("Step a parameter"),
                                 tr("This circuit has no transient or DC experiment to step. Add one in the "
                                    "experiment list, then step a part's parameter across it."));
        return;
    }
    ParameterStepDialog dialog(steppableParameters(currentCircuit(), circuitPointer()), this);
    dialog.setWindowTitle(tr("Step a parameter of %1").arg(experiment));
    if (dialog.exec() != QDialog::Accepted) return;
    startParameterStep(dialog.parameter(), dialog.values());
}

void CircuitView::startParameterStep(const StepParameter& parameter, const std::vector<double>& values) {
    const QString experiment = stepExperiment();
    if (experiment.isEmpty()) return;
    const nlohmann::json* e = doc_->project().experiment(experiment.toStdString());
    const QString kind = QString::fromStdString(e->value("kind", std::string()));
    if (kind != kind_) {
        kind_ = kind;
        plot_->setKind(kind);
    }
    plot_->showProblem(QString());
    plot_->setSteppedRuns(&stepper_->runs());
    stepper_->start(doc_->project(), experiment, parameter, values);
}

}  // namespace ms::gui
