#include "widgets/fit/MeasurementImportDialog.h"

#include <fstream>
#include <sstream>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/fit/FitJson.h"
#include "core/fit/MeasurementTable.h"

namespace ms::gui {

namespace {
const char* kDelimiters[] = {"auto", "comma", "semicolon", "tab", "whitespace"};
}

MeasurementImportDialog::MeasurementImportDialog(const QString& kind, const QString& baseDirectory, QWidget* parent)
    : QDialog(parent), kind_(kind), base_(baseDirectory) {
    setWindowTitle(kind == "iv" ? tr("Import an I-V sweep") : tr("Import a conductance-vs-pulse curve"));
    auto* layout = new QVBoxLayout(this);
    auto* fileRow = new QHBoxLayout;
    path_ = new QLineEdit;
    auto* browse = new QPushButton(tr("Browse..."));
    delimiter_ = new QComboBox;
    for (const char* d : kDelimiters) delimiter_->addItem(QString::fromLatin1(d));
    fileRow->addWidget(new QLabel(tr("File")));
    fileRow->addWidget(path_, 1);
    fileRow->addWidget(browse);
    fileRow->addWidget(new QLabel(tr("Separator")));
    fileRow->addWidget(delimiter_);
    layout->addLayout(fileRow);
    preview_ = new QTableWidget;
    preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    preview_->setMinimumHeight(180);
    layout->addWidget(preview_, 1);

    auto* form = new QFormLayout;
    auto row = [&](const QString& label, QComboBox* col, QComboBox* unit) {
        auto* h = new QHBoxLayout;
        h->addWidget(col, 1);
        if (unit) h->addWidget(unit);
        form->addRow(label, h);
    };
    if (kind == "iv") {
        xColumn_ = columnBox(true, tr("(none: evenly spaced rows, 1 ms apart)"));
        xUnit_ = unitBox("s");
        yColumn_ = columnBox(false, {});
        yUnit_ = unitBox("V");
        zColumn_ = columnBox(false, {});
        zUnit_ = unitBox("A");
        row(tr("Time"), xColumn_, xUnit_);
        row(tr("Voltage"), yColumn_, yUnit_);
        row(tr("Current"), zColumn_, zUnit_);
    } else {
        xColumn_ = columnBox(true, tr("(none: row number)"));
        xUnit_ = new QComboBox;
        xUnit_->addItems({tr("pulse #"), "s", "ms", "us"});
        quantity_ = new QComboBox;
        quantity_->addItems({tr("conductance"), tr("resistance")});
        yColumn_ = columnBox(false, {});
        yUnit_ = unitBox("S");
        zColumn_ = columnBox(true, tr("(none: potentiation up to the largest G)"));
        zUnit_ = nullptr;
        row(tr("Pulse"), xColumn_, xUnit_);
        form->addRow(tr("Quantity"), quantity_);
        row(tr("Value"), yColumn_, yUnit_);
        row(tr("Phase (+1 / -1)"), zColumn_, nullptr);
        connect(quantity_, &QComboBox::currentIndexChanged, this, [this](int i) {
            yUnit_->clear();
            for (const auto& u : fit::unitChoices(i == 0 ? "S" : "ohm")) yUnit_->addItem(QString::fromStdString(u));
        });
    }
    layout->addLayout(form);
    status_ = new QLabel;
    status_->setWordWrap(true);
    layout->addWidget(status_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* checkButton = buttons->addButton(tr("Check file"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(browse, &QPushButton::clicked, this, &MeasurementImportDialog::browse);
    connect(path_, &QLineEdit::editingFinished, this, &MeasurementImportDialog::reloadPreview);
    connect(delimiter_, &QComboBox::currentIndexChanged, this, &MeasurementImportDialog::reloadPreview);
    connect(checkButton, &QPushButton::clicked, this, [this] { check(); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (check()) accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(720, 560);
}

QComboBox* MeasurementImportDialog::columnBox(bool optional, const QString& noneText) {
    auto* box = new QComboBox;
    box->setProperty("optional", optional);
    box->setProperty("noneText", noneText);
    columnBoxes_.push_back(box);
    return box;
}

QComboBox* MeasurementImportDialog::unitBox(const std::string& quantity) {
    auto* box = new QComboBox;
    for (const auto& u : fit::unitChoices(quantity)) box->addItem(QString::fromStdString(u));
    return box;
}

void MeasurementImportDialog::browse() {
    const QString f = QFileDialog::getOpenFileName(this, tr("Measurement file"), base_,
                                                   tr("Data files (*.csv *.txt *.dat *.tsv);;All files (*)"));
    if (!f.isEmpty()) setFile(f);
}

void MeasurementImportDialog::setFile(const QString& path) {
    path_->setText(path);
    reloadPreview();
}

static std::string readAll(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void MeasurementImportDialog::reloadPreview() {
    const std::string text = readAll(path_->text());
    const auto d = static_cast<fit::Delimiter>(delimiter_->currentIndex());
    const auto cells = fit::previewCells(text, 21, d);
    std::size_t width = 0;
    for (const auto& r : cells) width = std::max(width, r.size());
    preview_->clear();
    preview_->setRowCount(static_cast<int>(cells.size()));
    preview_->setColumnCount(static_cast<int>(width));
    for (std::size_t r = 0; r < cells.size(); ++r)
        for (std::size_t c = 0; c < cells[r].size(); ++c)
            preview_->setItem(static_cast<int>(r), static_cast<int>(c), new QTableWidgetItem(QString::fromStdString(cells[r][c])));
    // Column names: the header when the file has one.
    QStringList names;
    try {
        const auto t = fit::parseMeasurementTable(text, QFileInfo(path_->text()).fileName().toStdString(), d);
        for (const auto& n : t.names) names << QString::fromStdString(n);
        status_->setText(tr("%1 data rows%2").arg(t.rows()).arg(t.comment.empty() ? QString() : "  -  " + QString::fromStdString(t.comment).section('\n', 0, 0)));
    } catch (const std::exception& e) {
        for (std::size_t c = 0; c < width; ++c) names << tr("column %1").arg(c + 1);
        status_->setText(QString::fromStdString(e.what()));
    }
    preview_->setHorizontalHeaderLabels(names);
    for (std::size_t b = 0; b < columnBoxes_.size(); ++b) {
        QComboBox* box = columnBoxes_[b];
        box->clear();
        if (box->property("optional").toBool()) box->addItem(box->property("noneText").toString(), QString());
        for (const auto& n : names) box->addItem(n, n);
    }
    // Guess: the columns in order (time, V, I / pulse, G or R, phase).
    const bool three = names.size() >= 3;
    const bool iv = kind_ == "iv";
    xColumn_->setCurrentIndex(three ? 1 : 0);
    yColumn_->setCurrentIndex(three ? 1 : 0);
    zColumn_->setCurrentIndex(three ? (iv ? 2 : 3) : (iv ? std::min(1, zColumn_->count() - 1) : 0));
    for (const auto& n : names) {  // units written in headers: "I (uA)", "R (kohm)"
        const QString u = n.section('(', 1).section(')', 0, 0).trimmed();
        if (u.isEmpty()) continue;
        for (QComboBox* box : {xUnit_, yUnit_, zUnit_})
            if (box && box->findText(u) >= 0 &&
                ((n == xColumn_->currentText() && box == xUnit_) || (n == yColumn_->currentText() && box == yUnit_) ||
                 (n == zColumn_->currentText() && box == zUnit_)))
                box->setCurrentIndex(box->findText(u));
        if (quantity_ && n == yColumn_->currentText() && (u.contains("ohm") || n.startsWith('R'))) {
            quantity_->setCurrentIndex(1);
            if (yUnit_->findText(u) >= 0) yUnit_->setCurrentIndex(yUnit_->findText(u));
        }
    }
}

bool MeasurementImportDialog::check() {
    nlohmann::json m;
    QString file = path_->text();
    if (!base_.isEmpty() && QFileInfo(file).isAbsolute()) file = QDir(base_).relativeFilePath(file);
    m["file"] = file.toStdString();
    if (delimiter_->currentIndex() != 0) m["delimiter"] = kDelimiters[delimiter_->currentIndex()];
    auto col = [](QComboBox* b) { return b->currentData().toString().toStdString(); };
    if (kind_ == "iv") {
        if (!col(xColumn_).empty()) m["columns"]["time"] = col(xColumn_);
        m["columns"]["voltage"] = col(yColumn_);
        m["columns"]["current"] = col(zColumn_);
        m["units"] = {{"time", xUnit_->currentText().toStdString()},
                      {"voltage", yUnit_->currentText().toStdString()},
                      {"current", zUnit_->currentText().toStdString()}};
    } else {
        if (!col(xColumn_).empty()) m["columns"]["pulse"] = col(xColumn_);
        if (xUnit_->currentIndex() > 0) m["units"]["pulse"] = xUnit_->currentText().toStdString();
        const bool r = quantity_->currentIndex() == 1;
        m["columns"][r ? "resistance" : "conductance"] = col(yColumn_);
        m["units"][r ? "resistance" : "conductance"] = yUnit_->currentText().toStdString();
        if (!col(zColumn_).empty()) m["columns"]["phase"] = col(zColumn_);
    }
    try {
        const std::string base = base_.toStdString();
        if (kind_ == "iv") {
            const auto s = fit::loadIvMeasurement(m, base);
            status_->setText(tr("OK: %1 points, %2 V to %3 V").arg(s.size()).arg(*std::min_element(s.v.begin(), s.v.end()))
                                 .arg(*std::max_element(s.v.begin(), s.v.end())));
        } else {
            const auto c = fit::loadPulseMeasurement(m, base);
            status_->setText(tr("OK: %1 reads, %2 potentiation and %3 depression branch points")
                                 .arg(c.size()).arg(c.branch(1).size()).arg(c.branch(-1).size()));
        }
        result_ = m;
        return true;
    } catch (const std::exception& e) {
        status_->setText(QString::fromStdString(e.what()));
        return false;
    }
}

nlohmann::json MeasurementImportDialog::measurement() const { return result_; }

}  // namespace ms::gui
