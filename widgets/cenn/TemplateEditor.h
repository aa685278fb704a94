// The CeNN template editor (issue 17): A and B as 3 x 3 grids of numbers and
// the bias z, showing the selected cenn experiment's template (a library
// template's values under its name). Editing a number writes the experiment's
// "template" as a user template {"A", "B", "z"} in one undoable command; when
// it was a library id, the library's initial state, boundary and boundary
// values go into the experiment too (where it does not set them), so the run
// does not change behind the user's back. Picking a library template writes its
// id and drops the experiment's initialState, boundary, boundaryU and boundaryY
// so that the library's own apply. Focusing a number selects that weight
// (entrySelected), which the view uses to show the weight's 4M bridge.
#pragma once

#include <QGroupBox>
#include <QString>

#include "core/cenn/Cenn.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace ms::gui {

class DocumentModel;

class TemplateEditor : public QGroupBox {
    Q_OBJECT
public:
    // Matrices as the kind's "bridges" series numbers them.
    enum Matrix { A = 0, B = 1, Z = 2 };

    explicit TemplateEditor(DocumentModel* document, QWidget* parent = nullptr);

    // The experiment edited ("/experiments/k"); empty or not a cenn: disabled.
    void setExperiment(const QString& pointer);
    QString experiment() const { return pointer_; }

    // Shown value of entry `entry` (0..8 row-major; 0 for z) of `matrix`.
    double value(int matrix, int entry) const;
    QDoubleSpinBox* entryBox(int matrix, int entry) const;
    QComboBox* libraryBox() const { return library_; }
    // The library id shown, or empty for a user template.
    QString libraryId() const;

    // Marks a weight as selected and emits entrySelected (what focusing does).
    void selectEntry(int matrix, int entry);
    int selectedMatrix() const { return selMatrix_; }
    int selectedEntry() const { return selEntry_; }

    // "B[1][1]" (row, column from 0), "z".
    static QString entryName(int matrix, int entry);

signals:
    void entrySelected(int matrix, int entry);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();
    void commitEdit(int matrix, int entry);
    void pickLibrary(int index);
    void markSelection();

    DocumentModel* doc_;
    QString pointer_;
    QComboBox* library_;
    QLabel* meaning_;
    QString libraryTip_;
    QDoubleSpinBox* boxes_[19];  // A 0..8, B 9..17, z 18
    cenn::Template shown_;  // the experiment's template as read
    int selMatrix_ = -1, selEntry_ = -1;
    bool updating_ = false;
};

}  // namespace ms::gui
