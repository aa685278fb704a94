// IDX (MNIST / Fashion-MNIST) reader and writer. Format (LeCun's MNIST page):
// bytes 0-1 zero, byte 2 element type (0x08 ubyte ... 0x0E double), byte 3 the
// number of dimensions, then each dimension as a big-endian uint32, then data.
#include <cmath>
#include <cstring>
#include <filesystem>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"
#include "core/data/FileBytes.h"

namespace ms {
namespace {

struct IdxArray {
    std::vector<int> dims;
    std::vector<double> values;
};

int elementSize(int type) {
    switch (type) {
        case 0x08: case 0x09: return 1;
        case 0x0B: return 2;
        case 0x0C: case 0x0D: return 4;
        case 0x0E: return 8;
        default: return 0;
    }
}

std::uint64_t bigEndian(const std::uint8_t* p, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
    return v;
}

IdxArray readIdx(const std::string& path) {
    const auto b = readFileBytes(path);
    auto at = [&](std::size_t off) { return path + ":byte " + std::to_string(off); };
    if (b.size() < 4) throw InputError(at(b.size()), "too short for an IDX header (" + std::to_string(b.size()) + " bytes)");
    if (b[0] != 0 || b[1] != 0) throw InputError(at(0), "bad IDX magic (first two bytes must be 0)");
    const int type = b[2], ndim = b[3];
    const int es = elementSize(type);
    if (es == 0) throw InputError(at(2), "unknown IDX element type 0x" + [&] {
        const char* hex = "0123456789abcdef";
        return std::string{hex[type >> 4], hex[type & 15]};
    }());
    if (ndim < 1) throw InputError(at(3), "IDX file declares 0 dimensions");
    const std::size_t header = 4 + 4 * static_cast<std::size_t>(ndim);
    if (b.size() < header) throw InputError(at(b.size()), "header truncated: " + std::to_string(ndim) + " dimensions need " + std::to_string(header) + " header bytes");
    IdxArray a;
    std::uint64_t count = 1;
    for (int i = 0; i < ndim; ++i) {
        const auto d = bigEndian(&b[4 + 4 * i], 4);
        if (d == 0 || d > (1u << 30)) throw InputError(at(4 + 4 * i), "dimension " + std::to_string(i) + " = " + std::to_string(d) + " is not plausible");
        a.dims.push_back(static_cast<int>(d));
        count *= d;
        if (count > (1ull << 32)) throw InputError(at(4 + 4 * i), "IDX array too large");
    }
    const std::uint64_t need = header + count * es;
    if (b.size() < need)
        throw InputError(at(b.size()), "truncated: header promises " + std::to_string(count) + " elements (" +
                                           std::to_string(need) + " bytes), file holds " + std::to_string(b.size()));
    if (b.size() > need)
        throw InputError(at(need), std::to_string(b.size() - need) + " unexpected bytes after the data");
    a.values.resize(count);
    const std::uint8_t* p = b.data() + header;
    for (std::uint64_t i = 0; i < count; ++i, p += es) {
        switch (type) {
            case 0x08: a.values[i] = *p; break;
            case 0x09: a.values[i] = static_cast<std::int8_t>(*p); break;
            case 0x0B: a.values[i] = static_cast<std::int16_t>(bigEndian(p, 2)); break;
            case 0x0C: a.values[i] = static_cast<std::int32_t>(bigEndian(p, 4)); break;
            case 0x0D: { auto u = static_cast<std::uint32_t>(bigEndian(p, 4)); float f; std::memcpy(&f, &u, 4); a.values[i] = f; break; }
            case 0x0E: { auto u = bigEndian(p, 8); double d; std::memcpy(&d, &u, 8); a.values[i] = d; break; }
        }
        // Float element types can hold NaN and Inf, which no data set means.
        if (!std::isfinite(a.values[i]))
            throw InputError(at(header + i * es), "element " + std::to_string(i) + " is not a finite number");
    }
    return a;
}

}  // namespace

Dataset loadIdx(const std::string& imagesPath, const std::string& labelsPath, const std::string& name) {
    const IdxArray img = readIdx(imagesPath);
    const IdxArray lab = readIdx(labelsPath);
    if (img.dims.size() < 2)
        throw InputError(imagesPath + ":byte 3", "image file needs at least 2 dimensions (samples x features), has " +
                                                     std::to_string(img.dims.size()));
    if (lab.dims.size() != 1)
        throw InputError(labelsPath + ":byte 3", "label file needs 1 dimension, has " + std::to_string(lab.dims.size()));
    const int n = img.dims[0];
    if (lab.dims[0] != n)
        throw InputError(labelsPath + ":byte 4", "holds " + std::to_string(lab.dims[0]) + " labels but " +
                                                     fileNameOf(imagesPath) + " holds " + std::to_string(n) + " images");
    const std::size_t per = img.values.size() / n;
    Dataset d;
    d.name = name;
    d.features = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        img.values.data(), n, static_cast<Eigen::Index>(per));
    int maxLabel = 0;
    for (int i = 0; i < n; ++i) {
        const double v = lab.values[i];
        if (v < 0 || v != std::round(v) || v > 1e6)
            throw InputError(labelsPath + ":byte " + std::to_string(4 + 4 + i), "label " + std::to_string(v) + " is not a class index");
        d.labels.push_back(static_cast<int>(v));
        maxLabel = std::max(maxLabel, d.labels.back());
    }
    d.classCount = maxLabel + 1;
    if (img.dims.size() == 3) {
        d.imageHeight = img.dims[1];
        d.imageWidth = img.dims[2];
    }
    return d;
}

void writeIdxBytes(const std::string& path, const std::vector<int>& dims, const std::vector<std::uint8_t>& values) {
    if (dims.empty() || dims.size() > 255) throw InputError(path, "IDX needs 1..255 dimensions");
    std::size_t count = 1;
    for (int d : dims) {
        if (d <= 0) throw InputError(path, "IDX dimensions must be positive");
        count *= static_cast<std::size_t>(d);
    }
    if (count != values.size())
        throw InputError(path, "dimensions give " + std::to_string(count) + " elements, got " + std::to_string(values.size()));
    std::vector<std::uint8_t> b = {0, 0, 0x08, static_cast<std::uint8_t>(dims.size())};
    for (int d : dims)
        for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>((static_cast<std::uint32_t>(d) >> s) & 0xff));
    b.insert(b.end(), values.begin(), values.end());
    writeFileBytes(path, b);
}

std::string findFashionMnist(const std::string& folder) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const char* f : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                          "t10k-labels-idx1-ubyte.gz"})
        if (!fs::exists(fs::path(folder) / f, ec)) return {};
    return folder;
}

Split loadFashionMnist(const std::string& folder) {
    const std::string f = folder + "/";
    Split s{loadIdx(f + "train-images-idx3-ubyte.gz", f + "train-labels-idx1-ubyte.gz", "fashion-mnist"),
            loadIdx(f + "t10k-images-idx3-ubyte.gz", f + "t10k-labels-idx1-ubyte.gz", "fashion-mnist")};
    const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                            "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    s.train.classNames = s.test.classNames = names;
    s.train.classCount = s.test.classCount = 10;
    return s;
}

}  // namespace ms
