// Import of a measured I-V sweep or pulse curve: pick a file, look at a
// preview of its first rows, choose the columns and their units, and check
// that the whole file reads. The result is the experiment's "measurement"
// JSON (the file path relative to the project's folder when it is saved).
#pragma once

#include <QDialog>
#include <nlohmann/json.hpp>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace ms::gui {

class MeasurementImportDialog : public QDialog {
    Q_OBJECT
public:
    // kind: "iv" or "pulse"; baseDirectory: the project's folder ("" unsaved).
    MeasurementImportDialog(const QString& kind, const QString& baseDirectory, QWidget* parent = nullptr);
    void setFile(const QString& path);
    nlohmann::json measurement() const;  // valid after accept()

private:
    void browse();
    void reloadPreview();
    bool check();  // reads the whole file with the current choices; shows the outcome
    QComboBox* columnBox(bool optional, const QString& noneText);
    QComboBox* unitBox(const std::string& quantity);

    QString kind_, base_;
    QLineEdit* path_;
    QComboBox* delimiter_;
    QTableWidget* preview_;
    QLabel* status_;
    QComboBox *xColumn_, *xUnit_, *yColumn_, *yUnit_, *zColumn_, *zUnit_, *quantity_ = nullptr;
    std::vector<QComboBox*> columnBoxes_;
    nlohmann::json result_;
};

}  // namespace ms::gui
