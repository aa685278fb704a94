#include "widgets/ExperimentEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/sim/Stimulus.h"
#include "widgets/DeviceEditor.h"
#include "widgets/DocumentModel.h"
#include "widgets/ParamEditor.h"
#include "widgets/PwlPointsEditor.h"

namespace ms::gui {

using json = nlohmann::json;

namespace {
QComboBox* enumPicker(DocumentModel* doc, const std::string& pointer, const QStringList& ids, const QStringList& names,
                      const QString& fallback, const QString& label, QWidget* parent) {
    auto* box = new QComboBox(parent);
    for (int k = 0; k < ids.size(); ++k) box->addItem(names[k], ids[k]);
    const json v = doc->value(pointer);
    const QString current = v.is_string() ? QString::fromStdString(v.get<std::string>()) : fallback;
    box->setCurrentIndex(std::max(0, box->findData(current)));
    QObject::connect(box, &QComboBox::activated, parent, [doc, pointer, box, label](int i) {
        doc->setValue(pointer, box->itemData(i).toString().toStdString(), label.arg(box->itemText(i)));
    });
    QObject::connect(doc, &DocumentModel::changed, box, [doc, pointer, box, fallback](const QString& p) {
        if (!QString::fromStdString(pointer).startsWith(p)) return;
        const json v = doc->value(pointer);
        const QSignalBlocker block(box);
        box->setCurrentIndex(std::max(0, box->findData(v.is_string() ? QString::fromStdString(v.get<std::string>()) : fallback)));
    });
    return box;
}
}  // namespace

ExperimentEditor::ExperimentEditor(DocumentModel* doc, std::string experimentPointer, QWidget* parent)
    : QWidget(parent), doc_(doc), pointer_(std::move(experimentPointer)) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(4, 4, 4, 4);
    const json e = doc_->value(pointer_);
    const std::string kindId = e.value("kind", std::string());
    const ms::ExperimentKindInfo* kind = ms::experimentKindRegistry().find(kindId);
    auto* title = new QLabel(QStringLiteral("<b>%1</b><br><small>%2</small>")
                                 .arg(QString::fromStdString(e.value("name", e.value("id", std::string()))).toHtmlEscaped(),
                                      kind ? QString::fromStdString(kind->name).toHtmlEscaped() : QString::fromStdString(kindId)),
                             this);
    title->setWordWrap(true);
    v->addWidget(title);

    if (e.contains("device")) {
        auto* g = new QGroupBox(tr("Device"), this);
        auto* gl = new QVBoxLayout(g);
        device_ = new DeviceEditor(doc_, pointer_ + "/device", g);
        gl->addWidget(device_);
        v->addWidget(g);
    }
    if (kindId == "device_transient") {
        auto* g = new QGroupBox(tr("Drive"), this);
        driveBox_ = g;
        driveLayout_ = new QVBoxLayout(g);
        auto* form = new QFormLayout;
        QStringList ids, names;
        for (const auto& s : ms::stimulusRegistry().all()) {
            ids << QString::fromStdString(s.id);
            names << QString::fromStdString(s.name);
        }
        driveKind_ = new QComboBox(g);
        driveKind_->setObjectName("driveKindPicker");
        for (int k = 0; k < ids.size(); ++k) driveKind_->addItem(names[k], ids[k]);
        connect(driveKind_, &QComboBox::activated, this, [this](int i) {
            const std::string id = driveKind_->itemData(i).toString().toStdString();
            if (doc_->value(pointer_ + "/drive/kind") == json(id)) return;
            json drive = {{"kind", id}, {"params", json::object()}};
            // A PWL drive needs points; start with one bipolar triangle.
            if (id == "pwl") drive["points"] = json::array({{0.0, 0.0}, {0.25, 1.0}, {0.75, -1.0}, {1.0, 0.0}});
            doc_->setValue(pointer_ + "/drive", drive, tr("Drive %1").arg(driveKind_->itemText(i)));
        });
        form->addRow(tr("Waveform"), driveKind_);
        form->addRow(tr("Mode"), enumPicker(doc_, pointer_ + "/mode", {"voltage", "current"},
                                            {tr("Voltage drive"), tr("Current drive")}, "voltage", tr("Mode %1"), g));
        driveLayout_->addLayout(form);
        v->addWidget(g);
        rebuildDrive();
    }
    if (kindId == "pulse_ltp_ltd") {
        auto* form = new QFormLayout;
        form->addRow(tr("Scheme"),
                     enumPicker(doc_, pointer_ + "/scheme", {"fixed_amplitude", "incrementing_amplitude", "incrementing_width"},
                                {tr("Fixed amplitude and width"), tr("Incrementing amplitude"), tr("Incrementing width")},
                                "fixed_amplitude", tr("Scheme %1"), this));
        v->addLayout(form);
    }
    if (kind && !kind->settings.empty()) {
        auto* g = new QGroupBox(tr("Settings"), this);
        auto* gl = new QVBoxLayout(g);
        settings_ = new ParamEditor(doc_, pointer_, kind->settings, ms::withDefaults(kind->settings), g);
        if (kind->superseded)
            settings_->setSuperseded([this, kind] {
                std::vector<std::pair<std::string, QString>> out;
                for (const auto& s : kind->superseded(doc_->value(pointer_)))
                    out.emplace_back(s.key, QString::fromStdString(s.reason));
                return out;
            });
        gl->addWidget(settings_);
        v->addWidget(g);
    }
    v->addStretch(1);
    connect(doc_, &DocumentModel::changed, this, &ExperimentEditor::onDocumentChanged);
}

void ExperimentEditor::onDocumentChanged(const QString& pointer) {
    if (!driveBox_ || drivePending_) return;
    const QString drive = QString::fromStdString(pointer_ + "/drive");
    // Points edited (or undone) in place: the table follows without a rebuild,
    // so its current row and scroll position stay.
    if (pwl_ && (pointer.startsWith(drive + "/points") || pointer == QString::fromStdString(pointer_ + "/mode"))) {
        showPwlPoints();
        return;
    }
    if (drive.startsWith(pointer) || pointer == drive + "/kind" || pointer == drive + "/params") {
        drivePending_ = true;
        QTimer::singleShot(0, this, &ExperimentEditor::rebuildDrive);
    }
}

void ExperimentEditor::rebuildDrive() {
    drivePending_ = false;
    if (driveBody_) {
        driveLayout_->removeWidget(driveBody_);
        driveBody_->hide();
        driveBody_->deleteLater();
    }
    driveParams_ = nullptr;
    pwl_ = nullptr;
    driveBody_ = new QWidget(driveBox_);
    auto* l = new QVBoxLayout(driveBody_);
    l->setContentsMargins(0, 0, 0, 0);
    driveLayout_->addWidget(driveBody_);
    const json drive = doc_->value(pointer_ + "/drive");
    const std::string id = drive.is_object() ? drive.value("kind", std::string()) : std::string();
    const ms::StimulusInfo* info = ms::stimulusRegistry().find(id);
    {
        const QSignalBlocker block(driveKind_);
        driveKind_->setCurrentIndex(driveKind_->findData(QString::fromStdString(id)));
    }
    if (!info) return;
    driveKind_->setToolTip(QString::fromStdString(info->summary));
    driveParams_ = new ParamEditor(doc_, pointer_ + "/drive/params", info->params, ms::withDefaults(info->params),
                                   driveBody_);
    l->addWidget(driveParams_);
    if (id == "pwl" || drive.contains("points")) {
        pwl_ = new PwlPointsEditor(driveBody_);
        pwl_->setObjectName("pwlPointsEditor");
        showPwlPoints();
        // One finished edit (a cell, a row added or deleted, a paste) is one undo step.
        connect(pwl_, &PwlPointsEditor::pointsEdited, this, [this](const std::vector<std::pair<double, double>>& points) {
            json list = json::array();
            for (const auto& [t, value] : points) list.push_back({t, value});
            doc_->setValue(pointer_ + "/drive/points", list, tr("Edit PWL points"));
        });
        l->addWidget(pwl_);
    }
}

void ExperimentEditor::showPwlPoints() {
    const json mode = doc_->value(pointer_ + "/mode");
    pwl_->setValueUnit(mode == json("current") ? QStringLiteral("A") : QStringLiteral("V"));
    const json list = doc_->value(pointer_ + "/drive/points");
    std::vector<std::pair<double, double>> points;
    if (list.is_array())
        for (const auto& p : list)
            if (p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number())
                points.emplace_back(p[0].get<double>(), p[1].get<double>());
    pwl_->setPoints(points);
}

}  // namespace ms::gui
