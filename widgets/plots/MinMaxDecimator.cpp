#include "widgets/plots/MinMaxDecimator.h"

#include <cmath>

namespace ms::gui {

void MinMaxDecimator::add(double t, double y) {
    if (!std::isfinite(t) || !std::isfinite(y)) return;
    ++samples_;
    t_.add(t);
    y_.add(y);
    if (!started_) {
        t0_ = t;
        started_ = true;
    }
    if (width_ <= 0) {
        if (t <= t0_) {
            // No time step yet: everything sits in column 0.
            if (buckets_.empty()) buckets_.push_back({0, {t, y}, {t, y}});
            else {
                Bucket& b = buckets_.back();
                if (y < b.min.y) b.min = {t, y};
                if (y > b.max.y) b.max = {t, y};
            }
            return;
        }
        width_ = t - t0_;  // one sample per column to start with; columns widen as they run out
    }
    const auto index = static_cast<std::int64_t>(std::floor((t - t0_) / width_));
    if (!buckets_.empty() && buckets_.back().index >= index) {
        Bucket& b = buckets_.back();
        if (y < b.min.y) b.min = {t, y};
        if (y > b.max.y) b.max = {t, y};
        return;
    }
    buckets_.push_back({index, {t, y}, {t, y}});
    while (static_cast<int>(buckets_.size()) > maxBuckets_) mergePairs();
}

void MinMaxDecimator::mergePairs() {
    width_ *= 2;
    std::vector<Bucket> merged;
    merged.reserve(buckets_.size() / 2 + 1);
    for (const Bucket& b : buckets_) {
        const std::int64_t index = b.index >= 0 ? b.index / 2 : -((-b.index + 1) / 2);
        if (!merged.empty() && merged.back().index == index) {
            Bucket& m = merged.back();
            if (b.min.y < m.min.y) m.min = b.min;
            if (b.max.y > m.max.y) m.max = b.max;
        } else {
            merged.push_back({index, b.min, b.max});
        }
    }
    buckets_.swap(merged);
}

std::vector<MinMaxDecimator::Point> MinMaxDecimator::points() const {
    std::vector<Point> out;
    out.reserve(buckets_.size() * 2);
    for (const Bucket& b : buckets_) {
        const bool minFirst = b.min.t <= b.max.t;
        const Point& a = minFirst ? b.min : b.max;
        const Point& c = minFirst ? b.max : b.min;
        out.push_back(a);
        if (c.t != a.t || c.y != a.y) out.push_back(c);
    }
    return out;
}

}  // namespace ms::gui
