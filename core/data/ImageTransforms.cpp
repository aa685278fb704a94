// Image transforms of the data section (issue 21: "crop, binarise, downsample
// ... so a 20x20 binarised Fashion-MNIST is a setting"): each maps every
// sample's row-major image (Dataset::imageWidth x imageHeight) to a new one.
#include <cmath>
#include <string>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"

namespace ms {
namespace {

void requireImages(const Dataset& d, const std::string& path) {
    if (d.imageWidth < 1 || d.imageHeight < 1 || d.imageWidth * d.imageHeight != d.features.cols())
        throw InputError(path, "needs an image data set (" + d.name + " is not one)");
}

}  // namespace

void centreCrop(Dataset& d, int width, int height) {
    requireImages(d, "cropWidth");
    if (width < 1 || width > d.imageWidth)
        throw InputError("cropWidth", "must be from 1 to the image width " + std::to_string(d.imageWidth));
    if (height < 1 || height > d.imageHeight)
        throw InputError("cropHeight", "must be from 1 to the image height " + std::to_string(d.imageHeight));
    // The larger margin goes to the right and bottom when the difference is odd.
    const int x0 = (d.imageWidth - width) / 2, y0 = (d.imageHeight - height) / 2;
    Eigen::MatrixXd out(d.features.rows(), static_cast<Eigen::Index>(width) * height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) out.col(y * width + x) = d.features.col((y0 + y) * d.imageWidth + x0 + x);
    d.features = std::move(out);
    d.imageWidth = width;
    d.imageHeight = height;
}

void downsampleImages(Dataset& d, int factor) {
    requireImages(d, "downsample");
    if (factor < 1 || d.imageWidth % factor != 0 || d.imageHeight % factor != 0)
        throw InputError("downsample", "must divide the image size " + std::to_string(d.imageWidth) + "x" +
                                           std::to_string(d.imageHeight) + " (got " + std::to_string(factor) + ")");
    if (factor == 1) return;
    const int w = d.imageWidth / factor, h = d.imageHeight / factor;
    // Each output pixel is the mean of its factor x factor block (area averaging).
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(d.features.rows(), static_cast<Eigen::Index>(w) * h);
    for (int y = 0; y < d.imageHeight; ++y)
        for (int x = 0; x < d.imageWidth; ++x) out.col((y / factor) * w + x / factor) += d.features.col(y * d.imageWidth + x);
    d.features = out / (static_cast<double>(factor) * factor);
    d.imageWidth = w;
    d.imageHeight = h;
}

void binarise(Dataset& d, double threshold) {
    if (!std::isfinite(threshold)) throw InputError("binarize", "must be a finite number");
    // x >= threshold -> 1, else 0: MLP_NeuroSim's round_th(x, BWthreshold) for 1-bit inputs.
    d.features = (d.features.array() >= threshold).cast<double>().matrix();
}

}  // namespace ms
