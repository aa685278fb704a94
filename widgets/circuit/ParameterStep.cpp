#include "widgets/circuit/ParameterStep.h"

#include <cmath>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "core/circuit/ElementRegistry.h"
#include "core/common/Errors.h"
#include "core/common/TraceExpression.h"
#include "core/devices/ModelRegistry.h"
#include "widgets/SiFormat.h"

namespace ms::gui {
namespace {

QString displayUnit(const std::string& unit) { return unit == "ohm" ? QStringLiteral("Ω") : QString::fromStdString(unit); }

constexpr std::size_t kMaxSteps = 12;

}  // namespace

std::vector<StepParameter> steppableParameters(const nlohmann::json& circuit, const std::string& circuitPointer) {
    std::vector<StepParameter> out;
    const nlohmann::json* elements = nullptr;
    if (circuit.contains("netlist") && circuit["netlist"].is_object() && circuit["netlist"].contains("elements"))
        elements = &circuit["netlist"]["elements"];
    if (!elements || !elements->is_array()) return out;
    for (std::size_t k = 0; k < elements->size(); ++k) {
        const nlohmann::json& e = (*elements)[k];
        if (!e.is_object()) continue;
        const QString name = QString::fromStdString(e.value("name", std::string("?")));
        const std::string ep = circuitPointer + "/netlist/elements/" + std::to_string(k);
        auto value = [](const nlohmann::json& obj, const std::string& key, double fallback) {
            return obj.is_object() && obj.contains(key) && obj[key].is_number() ? obj[key].get<double>() : fallback;
        };
        if (const auto* info = ms::circuit::elementRegistry().find(e.value("kind", std::string())))
            for (const auto& p : info->params)
                out.push_back({QStringLiteral("%1 · %2").arg(name, QString::fromStdString(p.symbol)), ep + "/params/" + p.key,
                               displayUnit(p.unit), value(e.value("params", nlohmann::json::object()), p.key, p.defaultValue)});
        // A memristor's own device, when it is written inline (a preset's
        // values stand until the file overrides them).
        if (!e.contains("device") || !e["device"].is_object()) continue;
        const nlohmann::json& d = e["device"];
        const auto* model = ms::modelRegistry().find(d.value("model", std::string()));
        if (!model) continue;
        ParamValues preset;
        for (const auto& pr : model->presets)
            if (pr.id == d.value("preset", std::string())) preset = pr.values;
        for (const auto& p : model->params) {
            const double fallback = preset.count(p.key) ? preset.at(p.key) : p.defaultValue;
            out.push_back({QStringLiteral("%1 · %2").arg(name, QString::fromStdString(p.symbol)), ep + "/device/params/" + p.key,
                           displayUnit(p.unit), value(d.value("params", nlohmann::json::object()), p.key, fallback)});
        }
    }
    return out;
}

bool parseStepValues(const QString& text, std::vector<double>& values, QString* error) {
    values.clear();
    const QStringList items = text.split(QRegularExpression("[,;\\s]+"), Qt::SkipEmptyParts);
    if (items.isEmpty()) {
        if (error) *error = QObject::tr("Give at least one value, e.g. 1k, 2.2k, 4.7k");
        return false;
    }
    if (static_cast<std::size_t>(items.size()) > kMaxSteps) {
        if (error) *error = QObject::tr("At most %1 values (%2 given)").arg(kMaxSteps).arg(items.size());
        return false;
    }
    // The trace-expression reader knows SPICE numbers: 4.7k, 100n, 1meg.
    const ms::TraceInput one{"step", "", {0.0}};
    for (const QString& item : items) {
        try {
            const ms::TraceResult r = ms::evaluateTrace(item.toStdString(), {}, one);
            if (!std::isfinite(r.values.at(0)) || !r.unit.empty()) throw ms::InputError("value", "not a plain number");
            values.push_back(r.values[0]);
        } catch (const ms::InputError&) {
            if (error) *error = QObject::tr("'%1' is not a number (write 2.2k, 100n, 1e-6 ...)").arg(item);
            return false;
        }
    }
    return true;
}

ParameterStepDialog::ParameterStepDialog(std::vector<StepParameter> parameters, QWidget* parent)
    : QDialog(parent), parameters_(std::move(parameters)) {
    setWindowTitle(tr("Step a parameter"));
    auto* l = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The experiment runs once per value, on a copy of the project; the plot overlays the "
                                "probed traces, one legend entry per value (as LTspice's .step)."),
                             this);
    intro->setWordWrap(true);
    l->addWidget(intro);
    auto* form = new QFormLayout;
    box_ = new QComboBox(this);
    for (const auto& p : parameters_)
        box_->addItem(QStringLiteral("%1 (now %2)").arg(p.label, formatSi(p.current, p.unit)));
    form->addRow(tr("Parameter"), box_);
    edit_ = new QLineEdit(this);
    edit_->setPlaceholderText(tr("e.g. 1k, 2.2k, 4.7k"));
    form->addRow(tr("Values"), edit_);
    l->addLayout(form);
    problem_ = new QLabel(this);
    problem_->setStyleSheet("color: #b00020;");
    problem_->hide();
    l->addWidget(problem_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Run steps"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ParameterStepDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    l->addWidget(buttons);
    resize(480, sizeHint().height());
}

const StepParameter& ParameterStepDialog::parameter() const {
    return parameters_.at(static_cast<std::size_t>(std::max(0, box_->currentIndex())));
}

void ParameterStepDialog::accept() {
    QString why = tr("This circuit has no part with a numeric parameter.");
    if (!parameters_.empty() && parseStepValues(edit_->text(), values_, &why)) {
        QDialog::accept();
        return;
    }
    problem_->setText(why);
    problem_->show();
}

ParameterStepper::ParameterStepper(QObject* parent) : QObject(parent) {
    connect(&runner_, &ExperimentRunner::runFinished, this, [this](ExperimentRunner::Outcome outcome, const QString& message) {
        if (next_ >= values_.size()) return;
        if (outcome != ExperimentRunner::Outcome::Finished) {
            const QString label = runs_.empty() ? QString() : runs_.back().label;
            values_.clear();
            if (outcome == ExperimentRunner::Outcome::Failed) emit failed(tr("%1: %2").arg(label, message));
            return;
        }
        runs_.back().series = runner_.series();
        emit stepFinished(static_cast<int>(runs_.size()) - 1);
        ++next_;
        if (next_ < values_.size()) startNext();
        else emit finished();
    });
}

void ParameterStepper::start(const ms::Project& project, const QString& experimentId, const StepParameter& parameter,
                             const std::vector<double>& values) {
    cancel();
    runs_.clear();
    project_ = project;
    experimentId_ = experimentId;
    parameter_ = parameter;
    values_ = values;
    next_ = 0;
    if (!values_.empty()) startNext();
}

void ParameterStepper::startNext() {
    ms::Project copy = project_;
    copy.tree()[nlohmann::json::json_pointer(parameter_.pointer)] = values_[next_];
    runs_.push_back({QStringLiteral("%1 = %2").arg(parameter_.label, formatSi(values_[next_], parameter_.unit)), {}});
    runner_.start(copy, experimentId_);
}

void ParameterStepper::cancel() {
    values_.clear();
    next_ = 0;
    if (runner_.isRunning()) runner_.cancel();
}

void ParameterStepper::clear() {
    cancel();
    runs_.clear();
}

}  // namespace ms::gui
