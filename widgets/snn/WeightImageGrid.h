// Each neuron's incoming weights as a small image (a digit neuron's 64 input
// weights as 8x8 pixels), laid out in a grid: the receptive fields sharpen
// into prototypes as the network learns. Each image is scaled to its own
// largest weight, so a neuron's pattern stays visible while normalisation
// keeps the sum fixed; pixels are drawn without smoothing.
#pragma once

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
    void clear();

    int imageCount() const { return static_cast<int>(images_.size()); }
    const QImage& image(int neuron) const { return images_[static_cast<std::size_t>(neuron)]; }
    QSize sizeHint() const override { return {320, 320}; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    int width_ = 0, height_ = 0;
    std::vector<QImage> images_;
    QString caption_;
};

}  // namespace ms::gui
