// Help > Getting started: a four-step tour for a newcomer (open an example,
// run it, look at the results, edit a parameter). Each step says where to
// click and has a button that does it, so the tour can be followed with the
// studio beside it. Not modal. Memristor Studio, GPL-3.0-or-later.
#pragma once

#include <QDialog>
#include <QVector>

class QLabel;
class QListWidget;
class QPushButton;
class QTextBrowser;

namespace ms::gui {

class GettingStartedDialog : public QDialog {
    Q_OBJECT
public:
    // What a step's button asks the main window to do.
    enum class Action { OpenSynapseExample, RunAll, ShowResults, ShowParameters };

    explicit GettingStartedDialog(QWidget* parent = nullptr);

    int stepCount() const { return steps_.size(); }
    int currentStep() const;
    void showStep(int index);

signals:
    void actionRequested(ms::gui::GettingStartedDialog::Action action);

private:
    struct Step {
        QString title, html, buttonText;
        Action action;
    };
    QVector<Step> steps_;
    QListWidget* list_;
    QTextBrowser* text_;
    QPushButton* doIt_;
    QPushButton* back_;
    QPushButton* next_;
};

}  // namespace ms::gui
