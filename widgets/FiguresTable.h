// Key figures of a run (sink.scalar(): peak current, R range, Gmax/Gmin, NL
// ...), shown with SI prefixes and a plain-language name where we know one.
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
