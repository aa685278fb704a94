#include "core/ann/AnnExperiment.h"

#include <algorithm>

#include "core/common/Errors.h"
#include "core/data/DataPaths.h"

namespace ms {

namespace {

Dataset loadResource(const std::string& file, const std::string& what) {
    const std::string p = data_paths::findDataFile(file);
    if (p.empty())
        throw InputError("data.set", "cannot find the " + what + " data file " + file + " (" +
                                         data_paths::whereDataWasSought(file) + ")");
    return file.find("iris") != std::string::npos ? loadIrisCsv(p) : loadDigitsCsv(p);
}

Dataset subsetFirst(const Dataset& d, int n, std::uint64_t seed) {
    if (n <= 0 || n >= static_cast<int>(d.labels.size())) return d;
    auto perm = seededPermutation(static_cast<int>(d.labels.size()), seed);
    perm.resize(static_cast<std::size_t>(n));
    return subsetOf(d, perm);
}

}  // namespace

Split loadAnnData(const AnnExperimentSetup& s) {
    Split split;
    if (s.dataSet == "fashion-mnist") {
        const std::string folder = s.dataFolder.empty() ? std::string(kFashionMnistFolder) : s.dataFolder;
        if (findFashionMnist(folder).empty())
            throw InputError("data.set", "Fashion-MNIST not found: " + folder +
                                             "/train-images-idx3-ubyte.gz (and the other three IDX files) missing; "
                                             "install the Debian package dataset-fashion-mnist or set data.folder");
        split = loadFashionMnist(folder);
        scaleFeatures(split.train, 255.0);
        scaleFeatures(split.test, 255.0);
    } else {
        const bool iris = s.dataSet == "iris";
        Dataset all = iris ? loadResource("iris.csv", "Iris") : loadResource("digits.csv.gz", "digits");
        // Iris: divide by 8 cm (largest feature 7.9 cm); digits: 16 grey levels.
        scaleFeatures(all, iris ? 8.0 : 16.0);
        split = splitDataset(all, s.testFraction, s.splitSeed);
    }
    const bool crop = s.cropWidth > 0 || s.cropHeight > 0;
    for (Dataset* d : {&split.train, &split.test}) {
        try {
            if (crop) centreCrop(*d, s.cropWidth > 0 ? s.cropWidth : d->imageWidth, s.cropHeight > 0 ? s.cropHeight : d->imageHeight);
            if (s.downsample > 1) downsampleImages(*d, s.downsample);
            if (s.binarize > 0) binarise(*d, s.binarize);
        } catch (const InputError& err) {
            throw InputError("data." + err.path(), err.why());
        }
    }
    split.train = subsetFirst(split.train, s.trainSamples, s.splitSeed + 1);
    split.test = subsetFirst(split.test, s.testSamples, s.splitSeed + 2);
    return split;
}

int annFeatureCount(const AnnExperimentSetup& s) {
    if (s.dataSet == "iris") return 4;
    const int side = s.dataSet == "digits" ? 8 : 28;
    const int w = s.cropWidth > 0 ? s.cropWidth : side, h = s.cropHeight > 0 ? s.cropHeight : side;
    const int f = std::max(1, s.downsample);
    return (w / f) * (h / f);
}

double annMemoryEstimate(const AnnExperimentSetup& s) {
    const double samples = s.dataSet == "fashion-mnist" ? 70000.0 : s.dataSet == "iris" ? 150.0 : 1797.0;
    const double features = s.dataSet == "fashion-mnist" ? 784.0 : s.dataSet == "iris" ? 4.0 : 64.0;
    double weights = 0.0;
    const auto& l = s.run.network.layerSizes;
    for (std::size_t k = 1; k < l.size(); ++k) weights += (l[k - 1] + 1.0) * l[k];
    if (s.run.network.conv.enabled) weights += s.run.network.conv.filters * (s.run.network.conv.kernel * s.run.network.conv.kernel + 1.0);
    const double devices = weights * 2.0 * s.run.analog.devicesPerWeight;
    const double snapshots = weights * 5.0 * 8.0 * (s.run.training.snapshotsPerEpoch * s.run.training.epochs + 2.0);
    return 8e6 + samples * features * 8.0 * 2.5 + devices * 64.0 + weights * 8.0 * 8.0 + snapshots * 3.0;
}

}  // namespace ms
