#include "widgets/circuit/SchematicExport.h"

#include <exception>

#include <QFileInfo>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <nlohmann/json.hpp>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"

namespace ms::gui::schematic {

QString exportSchematicPicture(QGraphicsScene* scene, const QString& file) {
    const QRectF source = scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (source.isEmpty()) return QObject::tr("the schematic is empty");
    const QString suffix = QFileInfo(file).suffix().toLower();
    const QList<QGraphicsItem*> selected = scene->selectedItems();
    scene->clearSelection();  // a picture shows the circuit, not the selection
    QString error;
    if (suffix == "svg") {
        QSvgGenerator svg;
        svg.setFileName(file);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(QObject::tr("Schematic"));
        QPainter p;
        if (!p.begin(&svg)) error = QObject::tr("cannot write %1").arg(file);
        else {
            scene->render(&p, QRectF(QPointF(0, 0), source.size()), source);
            p.end();
        }
    } else if (suffix == "pdf") {
        QPdfWriter pdf(file);
        pdf.setResolution(300);
        pdf.setPageSize(QPageSize(source.size() * 72.0 / 96.0 + QSizeF(20, 20), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p;
        if (!p.begin(&pdf)) error = QObject::tr("cannot write %1").arg(file);
        else {
            scene->render(&p, QRectF(), source);
            p.end();
        }
    } else if (suffix == "png") {
        QImage image((source.size() * 2.0).toSize(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        scene->render(&p, QRectF(QPointF(0, 0), image.size()), source);
        p.end();
        if (!image.save(file, "PNG")) error = QObject::tr("cannot write %1").arg(file);
    } else {
        error = QObject::tr("unknown picture type '%1' (svg, pdf or png)").arg(suffix);
    }
    for (auto* it : selected) it->setSelected(true);
    return error;
}

std::vector<std::string> spiceExperiments(const ms::Project& project, const std::string& circuitId) {
    std::vector<std::string> out;
    for (const auto& id : project.experimentIds()) {
        const nlohmann::json* e = project.experiment(id);
        if (!e || e->value("circuit", std::string()) != circuitId) continue;
        const auto* kind = experimentKindRegistry().find(e->value("kind", std::string()));
        if (kind && kind->exportSpice) out.push_back(id);
    }
    return out;
}

std::string spiceNetlist(const ms::Project& project, const std::string& experimentId) {
    const nlohmann::json* e = project.experiment(experimentId);
    if (!e) throw InputError("experiment", "no experiment with id '" + experimentId + "'");
    const auto* kind = experimentKindRegistry().find(e->value("kind", std::string()));
    if (!kind || !kind->exportSpice) throw InputError("experiment", "experiment '" + experimentId + "' has no circuit to export");
    return kind->exportSpice(*e, project);
}

QString exportSpiceNetlist(const ms::Project& project, const std::string& experimentId, const QString& file) {
    std::string text;
    try {
        text = spiceNetlist(project, experimentId);
    } catch (const std::exception& ex) {
        return QString::fromStdString(ex.what());
    }
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly)) return QObject::tr("cannot write %1").arg(file);
    out.write(text.data(), static_cast<qint64>(text.size()));
    if (!out.commit()) return QObject::tr("write failed: %1").arg(file);
    return {};
}

}  // namespace ms::gui::schematic
