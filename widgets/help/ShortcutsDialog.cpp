// Memristor Studio, GPL-3.0-or-later.
#include "widgets/help/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ms::gui {

namespace {

struct Row {
    QString where, what, keys;
};

// "&Open…" -> "Open…"
QString plainText(QString s) {
    s.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    s.remove('&');
    s.replace(QChar(0x01), QLatin1Char('&'));
    return s;
}

void collect(const QMenu* menu, const QString& where, QVector<Row>& rows) {
    for (QAction* a : menu->actions()) {
        if (a->menu()) {
            collect(a->menu(), where + QStringLiteral(" › ") + plainText(a->text()), rows);
            continue;
        }
        QStringList keys;
        for (const QKeySequence& k : a->shortcuts()) keys << k.toString(QKeySequence::NativeText);
        if (!keys.isEmpty()) rows.push_back({where, plainText(a->text()), keys.join(QStringLiteral(", "))});
    }
}

}  // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menus, QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(this)) {
    setObjectName("shortcutsDialog");
    setWindowTitle(tr("Keyboard shortcuts"));
    QVector<Row> rows;
    if (menus)
        for (QAction* top : menus->actions())
            if (top->menu()) collect(top->menu(), plainText(top->text()), rows);
    rows.push_back({tr("Plots"), tr("Zoom in or out around the pointer"), tr("Mouse wheel")});
    rows.push_back({tr("Plots"), tr("Pan"), tr("Drag with the left button")});
    rows.push_back({tr("Parameters"), tr("Step a slider"), tr("Arrow keys, Page Up/Down")});
    rows.push_back({tr("Schematic"), tr("Place a part (resistor, capacitor, memristor, source, ...)"),
                    tr("R, C, M, V, I, G, Q, S, D, X, O, T over the schematic")});
    rows.push_back({tr("Schematic"), tr("Rotate the selection"), tr("Ctrl+R")});
    rows.push_back({tr("Schematic"), tr("Copy, paste"), tr("Ctrl+C, Ctrl+V")});
    rows.push_back({tr("Schematic"), tr("Delete the selection"), tr("Delete")});
    rows.push_back({tr("Schematic"), tr("Zoom; pan"), tr("Mouse wheel; drag with the middle button")});

    table_->setColumnCount(3);
    table_->setHorizontalHeaderLabels({tr("Menu"), tr("Command"), tr("Keys")});
    table_->setRowCount(rows.size());
    for (int r = 0; r < rows.size(); ++r) {
        table_->setItem(r, 0, new QTableWidgetItem(rows[r].where));
        table_->setItem(r, 1, new QTableWidgetItem(rows[r].what));
        table_->setItem(r, 2, new QTableWidgetItem(rows[r].keys));
    }
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->setWordWrap(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setAlternatingRowColors(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_, 1);
    layout->addWidget(buttons);
    resize(760, 520);
}

}  // namespace ms::gui
