#include "widgets/snn/WeightImageGrid.h"

#include <algorithm>
#include <cmath>

#include <QPainter>

namespace ms::gui {

namespace {

// White (no weight) through blue to near black (the neuron's largest weight).
QRgb weightColour(double x) {
    x = std::clamp(x, 0.0, 1.0);
    const auto mix = [](double a, double b, double t) { return static_cast<int>(std::lround(a + (b - a) * t)); };
    if (x < 0.6) {
        const double t = x / 0.6;
        return qRgb(mix(255, 40, t), mix(255, 100, t), mix(255, 200, t));
    }
    const double t = (x - 0.6) / 0.4;
    return qRgb(mix(40, 10, t), mix(100, 20, t), mix(200, 70, t));
}

}  // namespace

WeightImageGrid::WeightImageGrid(QWidget* parent) : QWidget(parent) {
    setMinimumSize(160, 160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void WeightImageGrid::setShape(int neurons, int width, int height) {
    width = std::max(1, width);
    height = std::max(1, height);
    neurons = std::max(0, neurons);
    if (neurons == imageCount() && width == width_ && height == height_) return;
    // Same image shape: keep the neurons drawn so far (a grid that grows).
    if (width != width_ || height != height_) images_.clear();
    width_ = width;
    height_ = height;
    QImage blank(width_, height_, QImage::Format_RGB32);
    blank.fill(Qt::white);
    images_.resize(static_cast<std::size_t>(neurons), blank);
    update();
}

void WeightImageGrid::setWeights(int neuron, const double* w) {
    if (neuron < 0 || neuron >= imageCount()) return;
    const int n = width_ * height_;
    double top = 0;
    for (int k = 0; k < n; ++k) top = std::max(top, w[k]);
    QImage& im = images_[static_cast<std::size_t>(neuron)];
    for (int y = 0; y < height_; ++y) {
        auto* line = reinterpret_cast<QRgb*>(im.scanLine(y));
        for (int x = 0; x < width_; ++x) line[x] = weightColour(top > 0 ? w[y * width_ + x] / top : 0.0);
    }
    update();
}

void WeightImageGrid::setCaption(const QString& caption) {
    caption_ = caption;
    update();
}

void WeightImageGrid::clear() {
    images_.clear();
    caption_.clear();
    update();
}

void WeightImageGrid::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    const int captionHeight = fontMetrics().height() + 6;
    p.setPen(QColor(40, 40, 40));
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    p.drawText(QRect(0, 2, width(), captionHeight), Qt::AlignHCenter | Qt::AlignVCenter,
               caption_.isEmpty() ? tr("Incoming weights per neuron") : caption_);
    p.setFont(font());
    if (images_.empty()) {
        p.setPen(QColor(120, 120, 120));
        p.drawText(rect(), Qt::AlignCenter, tr("Weight images appear while a network learns"));
        return;
    }
    const QRect area = rect().adjusted(4, captionHeight, -4, -4);
    const int n = imageCount();
    // Columns and rows that make the cells as large as possible for this aspect.
    int bestCols = 1;
    double bestCell = 0;
    for (int cols = 1; cols <= n; ++cols) {
        const int rows = (n + cols - 1) / cols;
        const double cell = std::min(area.width() / double(cols * width_), area.height() / double(rows * height_));
        if (cell > bestCell) {
            bestCell = cell;
            bestCols = cols;
        }
    }
    const int rows = (n + bestCols - 1) / bestCols;
    const double cw = area.width() / double(bestCols), ch = area.height() / double(rows);
    const double gap = std::max(1.0, std::min(cw, ch) * 0.06);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (int j = 0; j < n; ++j) {
        const int r = j / bestCols, c = j % bestCols;
        QRectF cell(area.left() + c * cw, area.top() + r * ch, cw, ch);
        cell.adjust(gap / 2, gap / 2, -gap / 2, -gap / 2);
        // Keep the image's aspect inside its cell.
        const double s = std::min(cell.width() / width_, cell.height() / height_);
        const QRectF target(cell.center().x() - s * width_ / 2, cell.center().y() - s * height_ / 2, s * width_, s * height_);
        p.drawImage(target, images_[static_cast<std::size_t>(j)]);
        if (s * height_ > 18) {
            p.setPen(QColor(150, 150, 150));
            p.drawRect(target);
        }
    }
}

}  // namespace ms::gui
