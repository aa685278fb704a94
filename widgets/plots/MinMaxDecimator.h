// Display decimation of a streamed time series y(t), as Falstad's scopes do:
// time is cut into at most maxBuckets equal columns, and each keeps only its
// smallest and largest sample (in time order), so a plot of N samples draws
// at most 2*maxBuckets points and still shows every peak. When the columns run
// out their width doubles and neighbours merge (O(maxBuckets), rare), so any
// run length fits. Also keeps running extents, so axes rescale without a scan.
// t must not decrease; non-finite y are skipped (they have no place on a plot).
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace ms::gui {

// Running extent of a coordinate: lo/hi over all finite values, and the
// smallest positive value (for logarithmic axes).
struct Extent {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    double posLo = std::numeric_limits<double>::infinity();
    bool valid() const { return lo <= hi; }
    void add(double v) {
        if (!(v > -std::numeric_limits<double>::infinity() && v < std::numeric_limits<double>::infinity())) return;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        if (v > 0 && v < posLo) posLo = v;
    }
    void add(const Extent& o) {
        if (o.lo < lo) lo = o.lo;
        if (o.hi > hi) hi = o.hi;
        if (o.posLo < posLo) posLo = o.posLo;
    }
};

class MinMaxDecimator {
public:
    struct Point {
        double t, y;
    };
    explicit MinMaxDecimator(int maxBuckets = 4096) : maxBuckets_(maxBuckets < 2 ? 2 : maxBuckets) {}

    void add(double t, double y);
    // The points to draw, in time order (at most 2 per column).
    std::vector<Point> points() const;
    std::size_t columnCount() const { return buckets_.size(); }
    std::size_t samples() const { return samples_; }
    const Extent& tExtent() const { return t_; }
    const Extent& yExtent() const { return y_; }

private:
    struct Bucket {
        std::int64_t index;
        Point min, max;
    };
    void mergePairs();

    int maxBuckets_;
    double t0_ = 0, width_ = 0;  // width 0: not known until t advances
    bool started_ = false;
    std::vector<Bucket> buckets_;
    std::size_t samples_ = 0;
    Extent t_, y_;
};

}  // namespace ms::gui
