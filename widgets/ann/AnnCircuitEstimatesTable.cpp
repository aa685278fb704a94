#include "widgets/ann/AnnCircuitEstimatesTable.h"

#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/ExperimentRunner.h"
#include "widgets/SiFormat.h"

namespace ms::gui {

namespace {

enum Col { Layer, Array, Area, ReadLatency, ReadEnergy, WriteEnergy, WriteLatency, Columns };

// Core reports SI (m^2); a prefix on a squared unit misleads ("1 µm^2" is not
// 1e-6 m^2), so the area is shown in µm².
QString areaText(double m2) { return QString::number(m2 * 1e12, 'g', 4) + QStringLiteral(" µm²"); }

const char* kAssumptionPrefix = "circuit estimates assume: ";

}  // namespace

AnnCircuitEstimatesTable::AnnCircuitEstimatesTable(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    table_ = new QTableWidget(0, Columns, this);
    table_->setHorizontalHeaderLabels({tr("Layer"), tr("Array (rows × cols, tiles)"), tr("Area"), tr("Read latency / image"),
                                       tr("Read energy / image"), tr("Write energy / epoch"), tr("Write latency / epoch")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(table_, 1);
    assumptions_ = new QLabel(this);
    assumptions_->setWordWrap(true);
    assumptions_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(assumptions_);
    clear();
}

void AnnCircuitEstimatesTable::clear() {
    table_->setRowCount(0);
    assumptions_->setText(tr("No circuit estimates: add a \"circuitEstimate\" object to an in situ, ex situ or "
                             "hardware-aware ann_training experiment (docs/circuit-estimates.md)."));
}

int AnnCircuitEstimatesTable::rowOf(int layer) {
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->item(r, Layer) && table_->item(r, Layer)->data(Qt::UserRole).toInt() == layer) return r;
    const int r = table_->rowCount();
    table_->insertRow(r);
    auto* item = new QTableWidgetItem(QString::number(layer));
    item->setData(Qt::UserRole, layer);
    table_->setItem(r, Layer, item);
    return r;
}

void AnnCircuitEstimatesTable::set(int row, int column, const QString& text) {
    table_->setItem(row, column, new QTableWidgetItem(text));
}

void AnnCircuitEstimatesTable::addRows(const SeriesBuffer& s, qsizetype first, qsizetype count) {
    const int cl = s.column("layer"), cr = s.column("rows"), cc = s.column("cols"), ct = s.column("tiles"),
              ca = s.column("area"), crl = s.column("read_latency"), cre = s.column("read_energy"),
              cwe = s.column("write_energy_per_epoch"), cwl = s.column("write_latency_per_epoch");
    if (cl < 0 || cr < 0 || cc < 0 || ct < 0 || ca < 0 || crl < 0 || cre < 0 || cwe < 0 || cwl < 0) return;
    for (qsizetype k = first; k < first + count; ++k) {
        const auto i = static_cast<std::size_t>(k);
        const int row = rowOf(static_cast<int>(s.at(i, cl)));
        set(row, Array, tr("%1 × %2, %3").arg(s.at(i, cr)).arg(s.at(i, cc)).arg(s.at(i, ct)));
        set(row, Area, areaText(s.at(i, ca)));
        set(row, ReadLatency, formatSi(s.at(i, crl), "s"));
        set(row, ReadEnergy, formatSi(s.at(i, cre), "J"));
        set(row, WriteEnergy, formatSi(s.at(i, cwe), "J"));
        set(row, WriteLatency, formatSi(s.at(i, cwl), "s"));
    }
}

void AnnCircuitEstimatesTable::addScalar(const QString& key, double value, const QString& unit) {
    static const QRegularExpression re(QStringLiteral("^layer(\\d+)_(.+)$"));
    const auto m = re.match(key);
    if (!m.hasMatch()) return;
    const QString q = m.captured(2);
    const int column = q == QLatin1String("area")                      ? Area
                       : q == QLatin1String("read_latency")            ? ReadLatency
                       : q == QLatin1String("read_energy_per_image")   ? ReadEnergy
                       : q == QLatin1String("write_energy_per_epoch")  ? WriteEnergy
                       : q == QLatin1String("write_latency_per_epoch") ? WriteLatency
                                                                       : -1;
    if (column < 0) return;
    set(rowOf(m.captured(1).toInt()), column, column == Area ? areaText(value) : formatSi(value, unit));
}

void AnnCircuitEstimatesTable::addLogLine(const QString& text) {
    if (text.startsWith(QLatin1String(kAssumptionPrefix))) setAssumptions(text.mid(int(qstrlen(kAssumptionPrefix))));
}

void AnnCircuitEstimatesTable::setAssumptions(const QString& text) { assumptions_->setText(tr("Assumptions: ") + text); }

int AnnCircuitEstimatesTable::layerCount() const { return table_->rowCount(); }

QString AnnCircuitEstimatesTable::text(int layer, int column) const {
    const auto* item = table_->item(layer, column);
    return item ? item->text() : QString();
}

QString AnnCircuitEstimatesTable::assumptions() const { return assumptions_->text(); }

}  // namespace ms::gui
