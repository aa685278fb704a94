// Each neuron's incoming weights as a small image (a digit neuron's 64 input
// weights as 8x8 pixels), laid out in a grid: the receptive fields sharpen
// into prototypes as the network learns. Each image is scaled to its own
// range (white = its smallest weight, near black = its largest): weights that
// never learn keep their random start and normalisation keeps each sum fixed,
// so a shared scale would hide a young prototype under that floor. A colour
// bar under the grid says so and gives the spread of the per-image ranges.
// Pixels are drawn without smoothing.
#pragma once

#include <utility>
#include <vector>

#include <QImage>
#include <QString>
#include <QWidget>

namespace ms::gui {

class WeightImageGrid : public QWidget {
    Q_OBJECT
public:
    explicit WeightImageGrid(QWidget* parent = nullptr);

    // Images of width x height pixels (inputs in row-major pixel order).
    void setShape(int neurons, int width, int height);
    // Neuron j's weights (width x height values); the image updates on the next paint.
    void setWeights(int neuron, const double* w);
    void setCaption(const QString& caption);
    // Grey centred text shown while there are no images (a kind that learns
    // no weights says why); empty restores the default hint.
    void setNote(const QString& note);
    const QString& note() const { return note_; }
    void clear();

    int imageCount() const { return static_cast<int>(images_.size()); }
    // Smallest and largest weight of neuron j's image as last set ({0, 0} before).
    std::pair<double, double> range(int neuron) const { return ranges_[static_cast<std::size_t>(neuron)]; }
    const QImage& image(int neuron) const { return images_[static_cast<std::size_t>(neuron)]; }
    QSize sizeHint() const override { return {320, 320}; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    int width_ = 0, height_ = 0;
    std::vector<QImage> images_;
    std::vector<std::pair<double, double>> ranges_;
    QString caption_;
    QString note_;
};

}  // namespace ms::gui
