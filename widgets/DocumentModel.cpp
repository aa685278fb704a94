#include "widgets/DocumentModel.h"

#include <optional>

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUndoCommand>
#include <QUndoStack>
#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/Project.h"

namespace ms::gui {
namespace {

using json = nlohmann::json;

// Swap setter: holds the "other" value; redo and undo both swap it with the
// document's (LabPlot commandtemplates.h idiom). std::nullopt means "absent".
class SetValueCommand final : public QUndoCommand {
public:
    static constexpr int kId = 0x4d53;  // 'MS'

    SetValueCommand(DocumentModel* doc, std::string pointer, std::optional<json> value, const QString& label,
                    int session)
        : doc_(doc), pointer_(std::move(pointer)), other_(std::move(value)), session_(session) {
        setText(label);
    }

    int id() const override { return kId; }
    void redo() override { swap(); }
    void undo() override { swap(); }

    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const SetValueCommand*>(other);
        if (session_ == 0 || o->session_ != session_ || o->pointer_ != pointer_) return false;
        // This command already holds the value from before the drag (after its
        // redo); the merged one was just applied, so the document holds the
        // newest value. Nothing to copy: undo swaps back to the oldest. The
        // label is the newest one, so Edit > Undo names the drag's final value.
        setText(o->text());
        return true;
    }

private:
    void swap() {
        const json::json_pointer ptr(pointer_);
        const json& tree = doc_->project().tree();
        std::optional<json> current;
        if (tree.contains(ptr)) current = tree.at(ptr);
        doc_->applyValue(pointer_, other_ ? &*other_ : nullptr);
        other_ = std::move(current);
    }

    DocumentModel* doc_;
    std::string pointer_;
    std::optional<json> other_;
    int session_;
};

}  // namespace

DocumentModel::DocumentModel(QObject* parent)
    : QObject(parent), project_(std::make_unique<ms::Project>()), undo_(new QUndoStack(this)) {
    connect(undo_, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (!forcedModified_) emit modifiedChanged(!clean);
    });
}

DocumentModel::~DocumentModel() = default;

const ms::Project& DocumentModel::project() const { return *project_; }
QUndoStack* DocumentModel::undoStack() const { return undo_; }
bool DocumentModel::isModified() const { return forcedModified_ || !undo_->isClean(); }

QString DocumentModel::displayName() const {
    return filePath_.isEmpty() ? tr("Untitled") : QFileInfo(filePath_).fileName();
}

json DocumentModel::value(const std::string& pointer) const {
    const json::json_pointer ptr(pointer);
    const json& tree = project_->tree();
    return tree.contains(ptr) ? tree.at(ptr) : json();
}

bool DocumentModel::contains(const std::string& pointer) const {
    return project_->tree().contains(json::json_pointer(pointer));
}

void DocumentModel::setValue(const std::string& pointer, const json& value, const QString& label,
                             int mergeSession) {
    if (contains(pointer) && this->value(pointer) == value) return;
    undo_->push(new SetValueCommand(this, pointer, value, label, mergeSession));
}

void DocumentModel::removeValue(const std::string& pointer, const QString& label) {
    if (!contains(pointer)) return;
    undo_->push(new SetValueCommand(this, pointer, std::nullopt, label, 0));
}

void DocumentModel::applyValue(const std::string& pointer, const json* value) {
    const json::json_pointer ptr(pointer);
    json& tree = project_->tree();
    if (value) {
        tree[ptr] = *value;
    } else if (tree.contains(ptr)) {
        json& parent = tree.at(ptr.parent_pointer());
        if (parent.is_object()) parent.erase(ptr.back());
        else if (parent.is_array()) parent.erase(std::stoul(ptr.back()));
    }
    emit changed(QString::fromStdString(pointer));
}

void DocumentModel::resetTo(const ms::Project& project, const QString& filePath, bool modified) {
    *project_ = project;
    undo_->clear();
    undo_->setClean();
    forcedModified_ = modified;
    const bool pathChanged = filePath != filePath_;
    filePath_ = filePath;
    project_->setBaseDirectory(filePath.isEmpty() ? std::string() : QFileInfo(filePath).absolutePath().toStdString());
    emit documentReset();
    emit modifiedChanged(modified);
    if (pathChanged) emit filePathChanged(filePath_);
}

static bool readFile(const QString& path, std::string& text, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QObject::tr("Cannot open %1: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray bytes = f.readAll();
    text.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    return true;
}

bool DocumentModel::open(const QString& path, QString* error) {
    std::string text;
    if (!readFile(path, text, error)) return false;
    try {
        ms::Project p = ms::parseProject(text, QFileInfo(path).fileName().toStdString());
        resetTo(p, path.startsWith(":/") ? QString() : QFileInfo(path).absoluteFilePath());
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

bool DocumentModel::openDefault(QString* error) { return open(QStringLiteral(":/projects/default.json"), error); }

bool DocumentModel::writeCopy(const QString& path, QString* error) const {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    const std::string text = ms::serializeProject(*project_);
    // A short write (disk full, file-size limit) must not reach commit(): the
    // old file stays as it was.
    if (f.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) || !f.flush()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        f.cancelWriting();
        return false;
    }
    if (!f.commit()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool DocumentModel::saveAs(const QString& path, QString* error) {
    if (!writeCopy(path, error)) return false;
    const QString abs = QFileInfo(path).absoluteFilePath();
    const bool pathChanged = abs != filePath_;
    filePath_ = abs;
    project_->setBaseDirectory(QFileInfo(abs).absolutePath().toStdString());
    forcedModified_ = false;
    undo_->setClean();
    emit modifiedChanged(false);
    if (pathChanged) emit filePathChanged(filePath_);
    return true;
}

}  // namespace ms::gui
