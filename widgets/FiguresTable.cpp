#include "widgets/FiguresTable.h"

#include <cmath>

#include <QHeaderView>

#include "widgets/FigureNames.h"
#include "widgets/SiFormat.h"

namespace ms::gui {

FiguresTable::FiguresTable(QWidget* parent) : QTableWidget(0, 2, parent) {
    setHorizontalHeaderLabels({tr("Figure"), tr("Value")});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    // A long name in a narrow column wraps onto a second line instead of
    // losing its middle ("Current of t…elected cell" read as nothing).
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setTextElideMode(Qt::ElideRight);
    setWordWrap(true);
    setSelectionMode(QAbstractItemView::ContiguousSelection);
}

QString FiguresTable::describe(const QString& key) { return figureName(key); }

void FiguresTable::clearFigures() { setRowCount(0); }

void FiguresTable::addFigure(const QString& key, double value, const QString& unit) {
    const int r = rowCount();
    insertRow(r);
    auto* name = new QTableWidgetItem(describe(key));
    name->setToolTip(describe(key) + QStringLiteral("\n(") + key + ')');
    setItem(r, 0, name);
    const bool count = key.startsWith("levels") || key.contains("steps");
    const bool finite = std::isfinite(value);
    auto* v = new QTableWidgetItem(count && finite ? QString::number(value, 'f', 0) : formatSi(value, unit));
    v->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    const QString note = figureNote(key, value);
    if (!note.isEmpty()) {  // ∞ or n/a: say why beside the value, in full on hover
        v->setText(v->text() + QStringLiteral(" *"));
        v->setToolTip(note);
        name->setToolTip(name->toolTip() + QStringLiteral("\n* ") + note);
    }
    setItem(r, 1, v);
}

}  // namespace ms::gui
