#include "widgets/FiguresTable.h"

#include <QHeaderView>

#include "widgets/SiFormat.h"

namespace ms::gui {

FiguresTable::FiguresTable(QWidget* parent) : QTableWidget(0, 2, parent) {
    setHorizontalHeaderLabels({tr("Figure"), tr("Value")});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::ContiguousSelection);
}

QString FiguresTable::describe(const QString& key) {
    const QString base = key.section('@', 0, 0);
    const QString suffix = key.contains('@') ? QStringLiteral(" @ ") + key.section('@', 1) : QString();
    static const QHash<QString, QString> names = {
        {"peak_current", tr("Peak current")},   {"min_current", tr("Minimum current")},
        {"R_min", tr("R min")},                 {"R_max", tr("R max")},
        {"R_ratio", tr("R max / R min")},       {"G_max", tr("G max")},
        {"G_min", tr("G min")},                 {"loop_area", tr("Loop area ∮i dv")},
        {"final_state", tr("Final state")},     {"accepted_steps", tr("Accepted steps")},
        {"rejected_steps", tr("Rejected steps")}, {"on_off_ratio", tr("G max / G min")},
        {"levels", tr("Distinguishable levels")}, {"NL_LTP", tr("Nonlinearity NL (LTP)")},
        {"NL_LTD", tr("Nonlinearity NL (LTD)")}, {"asymmetry", tr("Asymmetry")},
        {"G_initial", tr("G initial")}};
    return names.value(base, base) + suffix;
}

void FiguresTable::clearFigures() { setRowCount(0); }

void FiguresTable::addFigure(const QString& key, double value, const QString& unit) {
    const int r = rowCount();
    insertRow(r);
    auto* name = new QTableWidgetItem(describe(key));
    name->setToolTip(key);
    setItem(r, 0, name);
    const bool count = key.startsWith("levels") || key.contains("steps");
    auto* v = new QTableWidgetItem(count ? QString::number(value, 'f', 0) : formatSi(value, unit));
    v->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setItem(r, 1, v);
}

}  // namespace ms::gui
