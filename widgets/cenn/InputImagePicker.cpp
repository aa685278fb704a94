#include "widgets/cenn/InputImagePicker.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QMessageBox>

#include "core/cenn/Images.h"
#include "widgets/DocumentModel.h"

namespace ms::gui {

using nlohmann::json;

namespace {
const char* const kFileItem = "__file__";
}

InputImagePicker::InputImagePicker(DocumentModel* document, QWidget* parent) : QWidget(parent), doc_(document) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Input image"), this));
    images_ = new QComboBox(this);
    for (const auto& id : cenn::builtinImageIds()) images_->addItem(QString::fromStdString(id), QString::fromStdString(id));
    images_->addItem(tr("Image file…"), QString::fromLatin1(kFileItem));
    images_->setToolTip(tr("A built-in test image, or a PNG, JPEG, BMP or PGM file; a picture is turned grey "
                           "(black +1, white -1) and shrunk to at most %1 cells a side, and stored in the project")
                            .arg(kMaxSide));
    row->addWidget(images_, 1);
    note_ = new QLabel(this);
    row->addWidget(note_);
    connect(images_, &QComboBox::activated, this, &InputImagePicker::pick);
    if (doc_) {
        connect(doc_, &DocumentModel::changed, this, [this](const QString& p) {
            if (!pointer_.isEmpty() && (p.startsWith(pointer_) || pointer_.startsWith(p))) refresh();
        });
        connect(doc_, &DocumentModel::documentReset, this, [this] { refresh(); });
    }
    refresh();
}

void InputImagePicker::setExperiment(const QString& pointer) {
    pointer_ = pointer;
    refresh();
}

json InputImagePicker::imageData(const QImage& image, int maxSide) {
    QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    if (grey.width() > maxSide || grey.height() > maxSide)
        grey = grey.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    json rows = json::array();
    for (int r = 0; r < grey.height(); ++r) {
        const uchar* line = grey.constScanLine(r);
        json row = json::array();
        for (int c = 0; c < grey.width(); ++c) row.push_back(std::round((1.0 - 2.0 * line[c] / 255.0) * 1000.0) / 1000.0);
        rows.push_back(std::move(row));
    }
    return json{{"data", rows}};
}

bool InputImagePicker::loadFile(const QString& file, QString* error) {
    QImageReader reader(file);
    const QImage image = reader.read();
    if (image.isNull()) {
        if (error) *error = tr("%1: %2").arg(file, reader.errorString());
        return false;
    }
    if (!doc_ || pointer_.isEmpty()) return false;
    const json value = imageData(image);
    const QString shrunk = image.width() > kMaxSide || image.height() > kMaxSide
                               ? tr(", shrunk from %1 x %2").arg(image.width()).arg(image.height())
                               : QString();
    doc_->setValue(pointer_.toStdString() + "/image", value,
                   tr("Input image %1 (%2 x %3%4)")
                       .arg(QFileInfo(file).fileName())
                       .arg(value["data"][0].size())
                       .arg(value["data"].size())
                       .arg(shrunk));
    return true;
}

void InputImagePicker::pick(int index) {
    if (updating_ || !doc_ || pointer_.isEmpty()) return;
    const QString id = images_->itemData(index).toString();
    if (id == QLatin1String(kFileItem)) {
        const QString file = QFileDialog::getOpenFileName(this, tr("Input image"), QString(),
                                                          tr("Images (*.png *.jpg *.jpeg *.bmp *.pgm *.pbm *.ppm)"));
        QString error;
        if (!file.isEmpty() && !loadFile(file, &error)) QMessageBox::warning(this, tr("Input image"), error);
        refresh();  // back to what the experiment holds when nothing was loaded
        return;
    }
    const json current = doc_->value(pointer_.toStdString() + "/image");
    if (current == json(id.toStdString())) return;
    doc_->setValue(pointer_.toStdString() + "/image", id.toStdString(), tr("Input image %1").arg(id));
}

// Shows the experiment's image: a built-in one by name, a file's or inline data's size beside "Image file…".
void InputImagePicker::refresh() {
    updating_ = true;
    const json e = doc_ && !pointer_.isEmpty() ? doc_->value(pointer_.toStdString()) : json();
    const bool cenn = e.is_object() && e.value("kind", std::string()) == "cenn";
    setEnabled(cenn);
    note_->clear();
    const json image = cenn && e.contains("image") ? e["image"] : json();
    int at = image.is_string() ? images_->findData(QString::fromStdString(image.get<std::string>())) : -1;
    if (at < 0) {
        at = images_->findData(QString::fromLatin1(kFileItem));
        if (image.is_object() && image.contains("data") && image["data"].is_array() && !image["data"].empty() &&
            image["data"][0].is_array())
            note_->setText(tr("%1 x %2").arg(image["data"][0].size()).arg(image["data"].size()));
        else if (image.is_object() && image.contains("file") && image["file"].is_string())
            note_->setText(QFileInfo(QString::fromStdString(image["file"].get<std::string>())).fileName());
    }
    images_->setCurrentIndex(at);
    updating_ = false;
}

}  // namespace ms::gui
