#include "widgets/snn/WeightImageGrid.h"

#include <algorithm>
#include <cmath>

#include <QPainter>

namespace ms::gui {

namespace {

// White (the image's smallest weight) through blue to near black (its largest).
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
    if (width != width_ || height != height_) {
        images_.clear();
        ranges_.clear();
    }
    width_ = width;
    height_ = height;
    QImage blank(width_, height_, QImage::Format_RGB32);
    blank.fill(Qt::white);
    images_.resize(static_cast<std::size_t>(neurons), blank);
    ranges_.resize(static_cast<std::size_t>(neurons), {0.0, 0.0});
    update();
}

void WeightImageGrid::setWeights(int neuron, const double* w) {
    if (neuron < 0 || neuron >= imageCount()) return;
    const int n = width_ * height_;
    double lo = w[0], hi = w[0];
    for (int k = 1; k < n; ++k) {
        lo = std::min(lo, w[k]);
        hi = std::max(hi, w[k]);
    }
    ranges_[static_cast<std::size_t>(neuron)] = {lo, hi};
    // A flat image (all weights equal) draws mid-scale, not as a pattern.
    const double span = hi - lo;
    QImage& im = images_[static_cast<std::size_t>(neuron)];
    for (int y = 0; y < height_; ++y) {
        auto* line = reinterpret_cast<QRgb*>(im.scanLine(y));
        for (int x = 0; x < width_; ++x) line[x] = weightColour(span > 0 ? (w[y * width_ + x] - lo) / span : 0.3);
    }
    update();
}

void WeightImageGrid::setCaption(const QString& caption) {
    caption_ = caption;
    update();
}

void WeightImageGrid::setNote(const QString& note) {
    note_ = note;
    update();
}

void WeightImageGrid::clear() {
    images_.clear();
    ranges_.clear();
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
               QFontMetrics(f).elidedText(caption_.isEmpty() ? tr("Incoming weights per neuron") : caption_,
                                        Qt::ElideRight, width() - 4));
    p.setFont(font());
    if (images_.empty()) {
        p.setPen(QColor(120, 120, 120));
        p.drawText(rect().adjusted(8, captionHeight, -8, 0), Qt::AlignCenter | Qt::TextWordWrap,
                   note_.isEmpty() ? tr("Weight images appear while a network learns") : note_);
        return;
    }
    // Colour bar note along the bottom: the scale is per image.
    const int barHeight = fontMetrics().height() + 8;
    {
        double loMin = ranges_.front().first, loMax = loMin, hiMin = ranges_.front().second, hiMax = hiMin;
        for (const auto& [lo, hi] : ranges_) {
            loMin = std::min(loMin, lo);
            loMax = std::max(loMax, lo);
            hiMin = std::min(hiMin, hi);
            hiMax = std::max(hiMax, hi);
        }
        const auto num = [](double v) { return QString::number(v, 'g', 2); };
        const QString left = tr("own min");
        const int y = height() - barHeight + 4, h = barHeight - 8;
        const int barWidth = std::max(40, std::min(140, width() / 6));
        const int fixedW = fontMetrics().horizontalAdvance(left) + 6 + barWidth + 6 + 8;
        // The longest note that fits the panel's width.
        QString right;
        for (const QString& candidate :
             {tr("own max  (each image its own scale; min %1–%2, max %3–%4)").arg(num(loMin), num(loMax), num(hiMin), num(hiMax)),
              tr("own max  (per image; max %1–%2)").arg(num(hiMin), num(hiMax)), tr("own max (per image)"), tr("max")}) {
            right = candidate;
            if (fixedW + fontMetrics().horizontalAdvance(right) <= width()) break;
        }
        const int textW = fixedW - 8 + fontMetrics().horizontalAdvance(right);
        int x = std::max(4, (width() - textW) / 2);
        p.setPen(QColor(60, 60, 60));
        p.drawText(QRect(x, y, fontMetrics().horizontalAdvance(left) + 2, h), Qt::AlignVCenter | Qt::AlignLeft, left);
        x += fontMetrics().horizontalAdvance(left) + 6;
        for (int k = 0; k < barWidth; ++k) {
            p.setPen(QColor(weightColour(k / double(barWidth - 1))));
            p.drawLine(x + k, y + 1, x + k, y + h - 1);
        }
        p.setPen(QColor(150, 150, 150));
        p.drawRect(x, y + 1, barWidth, h - 2);
        x += barWidth + 6;
        p.setPen(QColor(60, 60, 60));
        p.drawText(QRect(x, y, width() - x, h), Qt::AlignVCenter | Qt::AlignLeft, right);
    }
    const QRect area = rect().adjusted(4, captionHeight, -4, -4 - barHeight);
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
