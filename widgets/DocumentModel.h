// The open document: an ms::Project (a JSON tree), its one undo stack, its file
// path and modified state. Every edit is a command that swaps the value at a
// JSON pointer (LabPlot's swap setter), so undo is redo; consecutive edits of
// the same value within one "merge session" (a slider drag) are one step.
// Views never write the tree directly: they call setValue() and follow the
// changed() signal.
#pragma once

#include <memory>
#include <string>

#include <QObject>
#include <QString>
#include <nlohmann/json_fwd.hpp>

class QUndoStack;

namespace ms {
class Project;
}

namespace ms::gui {

class DocumentModel : public QObject {
    Q_OBJECT
public:
    explicit DocumentModel(QObject* parent = nullptr);
    ~DocumentModel() override;

    const ms::Project& project() const;
    QUndoStack* undoStack() const;
    QString filePath() const { return filePath_; }
    bool isModified() const;
    // "hp-pinched-hysteresis.json", or "Untitled" for a new document.
    QString displayName() const;

    // Value at a JSON pointer ("/experiments/0/device/params/Ron"); null if absent.
    nlohmann::json value(const std::string& pointer) const;
    bool contains(const std::string& pointer) const;

    // Pushes one undoable command setting the value at `pointer` (creating it
    // if absent). Edits that carry the same non-zero mergeSession and pointer
    // merge into one undo step. No command is pushed if the value is unchanged.
    void setValue(const std::string& pointer, const nlohmann::json& value, const QString& label,
                  int mergeSession = 0);
    // Pushes one undoable command removing the value (e.g. a parameter override,
    // so the preset or model default applies again).
    void removeValue(const std::string& pointer, const QString& label);
    // A fresh id for a slider drag; pass it to every setValue() of that drag.
    int beginMergeSession() { return ++mergeCounter_; }

    // Replaces the document (new/open/recover); clears undo history.
    void resetTo(const ms::Project& project, const QString& filePath, bool modified = false);
    // Parses and validates `path`; on any problem returns false with a message
    // naming it and leaves the current document exactly as it was.
    bool open(const QString& path, QString* error);
    // The embedded default project (:/projects/default.json).
    bool openDefault(QString* error);
    // Atomic save (QSaveFile); marks the document clean on success.
    bool saveAs(const QString& path, QString* error);
    // Writes a copy without touching path or modified state (autosave).
    bool writeCopy(const QString& path, QString* error) const;

    // Used by the undo commands only.
    void applyValue(const std::string& pointer, const nlohmann::json* value);

signals:
    // The value at `pointer` (or something below it) changed.
    void changed(const QString& pointer);
    // The whole document was replaced.
    void documentReset();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);

private:
    std::unique_ptr<ms::Project> project_;
    QUndoStack* undo_;
    QString filePath_;
    int mergeCounter_ = 0;
    bool forcedModified_ = false;
};

}  // namespace ms::gui
