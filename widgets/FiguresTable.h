// Key figures of a run (sink.scalar(): peak current, R range, Gmax/Gmin, NL
// ...), shown with SI prefixes and their human name (FigureNames.h); a value
// beyond double range shows as ∞ with a note on hover.
#pragma once

#include <QTableWidget>

namespace ms::gui {

class FiguresTable : public QTableWidget {
    Q_OBJECT
public:
    explicit FiguresTable(QWidget* parent = nullptr);
    static QString describe(const QString& key);

public slots:
    void clearFigures();
    void addFigure(const QString& key, double value, const QString& unit);
};

}  // namespace ms::gui
