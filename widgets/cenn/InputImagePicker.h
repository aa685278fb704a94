// The CeNN input image chooser (issue 17): the built-in test images by name,
// and "Image file…", which reads a PNG, JPEG, BMP or PGM with Qt, turns it
// grey (black +1, white -1, the CeNN convention), shrinks it so its longer
// side is at most kMaxSide cells, and writes it into the experiment as
// {"data": rows} in one undoable step. The project then carries the image
// itself, so it runs the same in memstudio-cli (which reads only PGM and CSV
// files) and on another machine.
#pragma once

#include <QWidget>

#include <nlohmann/json.hpp>

class QComboBox;
class QImage;
class QLabel;

namespace ms::gui {

class DocumentModel;

class InputImagePicker : public QWidget {
    Q_OBJECT
public:
    // A CeNN of 128 x 128 cells settles in a second or two; larger pictures
    // are shrunk to this (the kind itself takes up to 512).
    static constexpr int kMaxSide = 128;

    explicit InputImagePicker(DocumentModel* document, QWidget* parent = nullptr);

    // The experiment whose "image" is edited ("/experiments/k"); not a cenn: disabled.
    void setExperiment(const QString& pointer);
    QComboBox* imageBox() const { return images_; }

    // The image as the kind's {"data": rows}: grey levels to [-1, 1] (black +1),
    // scaled down (aspect kept) when a side exceeds maxSide, values rounded to
    // 1e-3 so the project file stays readable.
    static nlohmann::json imageData(const QImage& image, int maxSide = kMaxSide);
    // Reads `file` and writes it into the experiment; false with `error` set
    // when Qt cannot read it (the document is left as it was).
    bool loadFile(const QString& file, QString* error);

private:
    void refresh();
    void pick(int index);

    DocumentModel* doc_;
    QString pointer_;
    QComboBox* images_;
    QLabel* note_;
    bool updating_ = false;
};

}  // namespace ms::gui
