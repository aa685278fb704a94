// File > Examples: the shipped projects grouped by topic, each with its one-line
// summary; the selected one's full description and experiments beside the
// list; Open (or a double-click) asks the main window to open it.
// Memristor Studio, GPL-3.0-or-later.
#pragma once

#include <QDialog>

#include "widgets/help/ExampleCatalog.h"

class QLabel;
class QPushButton;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace ms::gui {

class ExamplesDialog : public QDialog {
    Q_OBJECT
public:
    // Lists the projects of `folder` (an empty folder or none: says so).
    explicit ExamplesDialog(const QString& folder, QWidget* parent = nullptr);

    const QVector<ExampleProject>& examples() const { return examples_; }
    QTreeWidget* tree() const { return tree_; }
    // Selects the example with this file name ("2m-differential-synapse.json"); false if absent.
    bool selectExample(const QString& fileName);
    // The selected example's path ("" if a topic or nothing is selected).
    QString selectedPath() const;

signals:
    void openRequested(const QString& path);

public slots:
    // Emits openRequested for the selection and closes.
    void openSelected();

private:
    void showDetails(QTreeWidgetItem* item);

    QVector<ExampleProject> examples_;
    QTreeWidget* tree_;
    QTextBrowser* details_;
    QPushButton* openButton_;
};

}  // namespace ms::gui
