// Help > Keyboard shortcuts: every menu command with a shortcut, read from the
// menu bar itself so the list cannot drift from the keys that work, plus the
// plot and editor keys that are not menu commands. Memristor Studio, GPL-3.0-or-later.
#pragma once

#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace ms::gui {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QMenuBar* menus, QWidget* parent = nullptr);
    QTableWidget* table() const { return table_; }

private:
    QTableWidget* table_;
};

}  // namespace ms::gui
