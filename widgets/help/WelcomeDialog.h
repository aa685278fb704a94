// The welcome page shown on a first launch (and from Help > Welcome): what the
// studio is, and three ways in: the examples browser, the getting-started
// tour, or the default project already open behind it. Not modal, so it never
// blocks a run, a test or the screenshot mode. Memristor Studio, GPL-3.0-or-later.
#pragma once

#include <QDialog>

class QPushButton;

namespace ms::gui {

class WelcomeDialog : public QDialog {
    Q_OBJECT
public:
    explicit WelcomeDialog(QWidget* parent = nullptr);

    QPushButton* examplesButton() const { return examples_; }
    QPushButton* tourButton() const { return tour_; }

signals:
    void examplesRequested();
    void tourRequested();

private:
    QPushButton* examples_;
    QPushButton* tour_;
};

}  // namespace ms::gui
