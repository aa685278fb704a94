#include "widgets/PwlPointsEditor.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QRegularExpression>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/SiFormat.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

namespace {
// Enough digits that showing a point and reading it back keeps it (a pasted
// 0.123456789 s must not turn into 123.5 ms when another cell is edited: only
// the edited cell is ever re-read, but the shown text should not mislead).
constexpr int kDigits = 7;

QStringList splitColumns(const QString& line) {
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    QString sep;
    if (line.contains('\t')) sep = QStringLiteral("\t");
    else if (line.contains(';')) sep = QStringLiteral(";");
    else if (line.contains(',')) sep = QStringLiteral(",");
    QStringList cols = sep.isEmpty() ? line.trimmed().split(spaces, Qt::SkipEmptyParts) : line.split(sep);
    for (auto& c : cols) c = c.trimmed();
    return cols;
}
}  // namespace

PwlPointsEditor::PwlPointsEditor(QWidget* parent) : QWidget(parent) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(3);

    table_ = new QTableWidget(0, 2, this);
    table_->setObjectName(QStringLiteral("pwlTable"));
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setMinimumHeight(5 * (table_->fontMetrics().height() + 6) + table_->horizontalHeader()->sizeHint().height() + 4);
    table_->setToolTip(tr("Time and value of each corner; type SI prefixes (250m, 1.5µ).\n"
                          "Ctrl+V pastes two columns (tab, comma or semicolon separated)."));
    table_->installEventFilter(this);
    connect(table_, &QTableWidget::cellChanged, this, &PwlPointsEditor::onCellChanged);
    v->addWidget(table_);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    auto button = [this, buttons](const QString& name, const QString& text, const QString& tip, auto slot) {
        auto* b = new QToolButton(this);
        b->setObjectName(name);
        b->setText(text);
        b->setToolTip(tip);
        connect(b, &QToolButton::clicked, this, slot);
        buttons->addWidget(b);
        return b;
    };
    button(QStringLiteral("pwlAdd"), tr("Add"), tr("Append a point after the last"), &PwlPointsEditor::addRow);
    button(QStringLiteral("pwlInsert"), tr("Insert"), tr("Insert a point midway after the current row"),
           &PwlPointsEditor::insertRow);
    button(QStringLiteral("pwlDelete"), tr("Delete"), tr("Delete the selected rows"), &PwlPointsEditor::deleteRows);
    button(QStringLiteral("pwlPaste"), tr("Paste"), tr("Replace the points with two columns from the clipboard"),
           &PwlPointsEditor::pasteClipboard);
    buttons->addStretch(1);
    v->addLayout(buttons);

    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("pwlMessage"));
    message_->setWordWrap(true);
    message_->setStyleSheet(QStringLiteral("color: #b00020;"));
    message_->hide();
    v->addWidget(message_);

    preview_ = new QCustomPlot(this);
    preview_->setObjectName(QStringLiteral("pwlPreview"));
    preview_->setMinimumHeight(110);
    preview_->setMaximumHeight(140);
    const QFont small(preview_->font().family(), 7);
    for (QCPAxis* a : {preview_->xAxis, preview_->yAxis}) {
        a->setTickLabelFont(small);
        a->setLabelFont(small);
    }
    preview_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new SiTicker(QStringLiteral("s"))));
    preview_->addGraph();
    preview_->graph(0)->setPen(QPen(QColor(31, 119, 180), 1.5));
    preview_->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
    v->addWidget(preview_);

    setValueUnit(unit_);
}

void PwlPointsEditor::setValueUnit(const QString& unit) {
    unit_ = unit;
    table_->setHorizontalHeaderLabels({tr("t (s)"), tr("value (%1)").arg(displayUnit(unit_))});
    preview_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new SiTicker(unit_)));
    fillTable();
    updatePreview();
}

void PwlPointsEditor::setPoints(const std::vector<std::pair<double, double>>& points) {
    points_ = points;
    error_.clear();
    message_->hide();
    fillTable();
    updatePreview();
}

std::optional<QString> PwlPointsEditor::check(const Points& points) {
    if (points.size() < 2)
        return tr("A piecewise-linear waveform needs at least two points (%1 left).").arg(points.size());
    for (std::size_t k = 0; k < points.size(); ++k) {
        const auto [t, value] = points[k];
        const int row = static_cast<int>(k) + 1;
        if (!std::isfinite(t) || !std::isfinite(value))
            return tr("Row %1: time and value must be finite numbers.").arg(row);
        if (k == 0 && t < 0.0) return tr("Row 1: the first time must not be negative.");
        if (k > 0 && t <= points[k - 1].first)
            return tr("Row %1: time %2 must be greater than row %3's (%4).")
                .arg(row)
                .arg(formatSi(t, QStringLiteral("s"), kDigits))
                .arg(row - 1)
                .arg(formatSi(points[k - 1].first, QStringLiteral("s"), kDigits));
    }
    return std::nullopt;
}

bool PwlPointsEditor::commit(const Points& candidate) {
    if (const auto problem = check(candidate)) {
        refuse(*problem);
        return false;
    }
    error_.clear();
    message_->hide();
    const bool changed = candidate != points_;
    points_ = candidate;
    fillTable();
    if (changed) {
        updatePreview();
        emit pointsEdited(points_);
    }
    return true;
}

void PwlPointsEditor::refuse(const QString& message) {
    error_ = message + tr(" The points were kept.");
    message_->setText(error_);
    message_->show();
    fillTable();  // the table shows the kept points again
}

void PwlPointsEditor::fillTable() {
    filling_ = true;
    const QSignalBlocker block(table_);
    table_->setRowCount(static_cast<int>(points_.size()));
    for (int r = 0; r < table_->rowCount(); ++r) {
        const auto [t, value] = points_[static_cast<std::size_t>(r)];
        for (int c = 0; c < 2; ++c) {
            const QString text = c == 0 ? formatSi(t, QStringLiteral("s"), kDigits) : formatSi(value, unit_, kDigits);
            if (auto* item = table_->item(r, c)) item->setText(text);
            else table_->setItem(r, c, new QTableWidgetItem(text));
        }
    }
    filling_ = false;
}

void PwlPointsEditor::updatePreview() {
    QVector<double> t, value;
    for (const auto& [x, y] : points_) {
        t << x;
        value << y;
    }
    preview_->graph(0)->setData(t, value, true);
    if (!points_.empty()) {
        const auto [lo, hi] = std::minmax_element(value.begin(), value.end());
        const double span = *hi - *lo, pad = span > 0 ? 0.08 * span : std::max(std::fabs(*hi) * 0.1, 1e-12);
        preview_->yAxis->setRange(*lo - pad, *hi + pad);
        const double t0 = t.front(), t1 = t.back();
        preview_->xAxis->setRange(t0, t1 > t0 ? t1 : t0 + 1.0);
    }
    preview_->replot(QCustomPlot::rpQueuedReplot);
}

void PwlPointsEditor::onCellChanged(int row, int column) {
    if (filling_ || row < 0 || static_cast<std::size_t>(row) >= points_.size()) return;
    const QString text = table_->item(row, column)->text();
    const auto parsed = parseSi(text);
    if (!parsed) {
        refuse(tr("Row %1: '%2' is not a finite number (type e.g. 250m, 1.5µ or 2e-3).").arg(row + 1).arg(text));
        return;
    }
    Points candidate = points_;
    (column == 0 ? candidate[static_cast<std::size_t>(row)].first : candidate[static_cast<std::size_t>(row)].second) =
        *parsed;
    commit(candidate);
}

void PwlPointsEditor::addRow() {
    Points candidate = points_;
    if (candidate.empty()) {
        candidate.push_back({0.0, 0.0});
    } else {
        const auto last = candidate.back();
        const double step = candidate.size() > 1 ? last.first - candidate[candidate.size() - 2].first
                                                 : (last.first > 0 ? last.first : 1.0);
        candidate.push_back({last.first + step, last.second});
    }
    // A single point cannot be a waveform yet; keep it in the table only when
    // it makes two (adding to an empty editor starts with two).
    if (candidate.size() == 1) candidate.push_back({1.0, 0.0});
    commit(candidate);
    table_->setCurrentCell(static_cast<int>(points_.size()) - 1, 0);
}

void PwlPointsEditor::insertRow() {
    if (points_.size() < 2) {
        addRow();
        return;
    }
    const int current = std::clamp(table_->currentRow(), 0, static_cast<int>(points_.size()) - 2);
    const auto a = points_[static_cast<std::size_t>(current)], b = points_[static_cast<std::size_t>(current) + 1];
    Points candidate = points_;
    candidate.insert(candidate.begin() + current + 1, {0.5 * (a.first + b.first), 0.5 * (a.second + b.second)});
    commit(candidate);
    table_->setCurrentCell(current + 1, 0);
}

void PwlPointsEditor::deleteRows() {
    std::set<int> rows;
    for (const QModelIndex& index : table_->selectionModel()->selectedIndexes()) rows.insert(index.row());
    if (rows.empty() && table_->currentRow() >= 0) rows.insert(table_->currentRow());
    if (rows.empty()) return;
    Points candidate;
    for (std::size_t k = 0; k < points_.size(); ++k)
        if (!rows.count(static_cast<int>(k))) candidate.push_back(points_[k]);
    commit(candidate);
}

bool PwlPointsEditor::pasteText(const QString& text) {
    Points candidate;
    const QStringList lines = text.split(QRegularExpression(QStringLiteral("\r\n|\n|\r")));
    bool first = true;
    for (int k = 0; k < lines.size(); ++k) {
        if (lines[k].trimmed().isEmpty()) continue;
        const QStringList cols = splitColumns(lines[k]);
        const auto t = cols.size() >= 1 ? parseSi(cols[0]) : std::nullopt;
        const auto value = cols.size() >= 2 ? parseSi(cols[1]) : std::nullopt;
        if (first && !t && !value) {  // a header such as "t,v"
            first = false;
            continue;
        }
        first = false;
        if (cols.size() < 2) {
            refuse(tr("Pasted line %1 has %2 column(s); two are needed (time, value).").arg(k + 1).arg(cols.size()));
            return false;
        }
        if (!t || !value) {
            refuse(tr("Pasted line %1: '%2' is not a finite number.").arg(k + 1).arg(!t ? cols[0] : cols[1]));
            return false;
        }
        candidate.push_back({*t, *value});
    }
    if (const auto problem = check(candidate)) {
        refuse(tr("Paste refused: %1").arg(*problem));
        return false;
    }
    return commit(candidate);
}

void PwlPointsEditor::pasteClipboard() { pasteText(QApplication::clipboard()->text()); }

bool PwlPointsEditor::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_ && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Paste)) {
            pasteClipboard();
            return true;
        }
        if (key->matches(QKeySequence::Delete)) {  // an open cell editor has the focus, not the table
            deleteRows();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace ms::gui
