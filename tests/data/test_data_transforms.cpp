// Image transforms of the data section (centre crop, downsample, binarise)
// against hand-computed small images.
#include <QtTest>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"

using namespace ms;

namespace {

// One 4x4 image per sample, pixel (x, y) = 10 y + x (+ 100 for the second sample).
Dataset grid() {
    Dataset d;
    d.name = "grid";
    d.imageWidth = d.imageHeight = 4;
    d.features.resize(2, 16);
    for (int s = 0; s < 2; ++s)
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x) d.features(s, y * 4 + x) = 10 * y + x + 100 * s;
    d.labels = {0, 1};
    d.classCount = 2;
    return d;
}

}  // namespace

class TestDataTransforms : public QObject {
    Q_OBJECT
private slots:
    void centreCrop2x2() {
        Dataset d = grid();
        centreCrop(d, 2, 2);
        QCOMPARE(d.imageWidth, 2);
        QCOMPARE(d.imageHeight, 2);
        QCOMPARE(d.features.cols(), Eigen::Index(4));
        const double want[] = {11, 12, 21, 22};  // rows 1-2, columns 1-2
        for (int k = 0; k < 4; ++k) {
            QCOMPARE(d.features(0, k), want[k]);
            QCOMPARE(d.features(1, k), want[k] + 100);
        }
        QCOMPARE(d.labels, std::vector<int>({0, 1}));
    }
    void centreCropOddMarginAndWidthOnly() {
        Dataset d = grid();
        centreCrop(d, 3, 4);  // margin 1 split 0 left, 1 right
        QCOMPARE(d.features.cols(), Eigen::Index(12));
        QCOMPARE(d.features(0, 0), 0.0);
        QCOMPARE(d.features(0, 2), 2.0);
        QCOMPARE(d.features(0, 3), 10.0);
        QCOMPARE(d.features(0, 11), 32.0);
    }
    void fashionSizedCrop() {
        Dataset d;
        d.imageWidth = d.imageHeight = 28;
        d.features = Eigen::MatrixXd::Zero(1, 784);
        d.features(0, 4 * 28 + 4) = 1.0;    // top-left of the 20x20 centre
        d.features(0, 23 * 28 + 23) = 2.0;  // bottom-right
        d.features(0, 3 * 28 + 4) = 9.0;    // just outside
        centreCrop(d, 20, 20);
        QCOMPARE(d.features.cols(), Eigen::Index(400));
        QCOMPARE(d.features(0, 0), 1.0);
        QCOMPARE(d.features(0, 399), 2.0);
        QCOMPARE(d.features.sum(), 3.0);
    }
    void downsampleByBlockMean() {
        Dataset d = grid();
        downsampleImages(d, 2);
        QCOMPARE(d.imageWidth, 2);
        QCOMPARE(d.features.cols(), Eigen::Index(4));
        // Block (0..1, 0..1): 0, 1, 10, 11 -> 5.5; (2..3, 0..1): 7.5; (0..1, 2..3): 25.5; 27.5.
        const double want[] = {5.5, 7.5, 25.5, 27.5};
        for (int k = 0; k < 4; ++k) QCOMPARE(d.features(0, k), want[k]);
        QCOMPARE(d.features(1, 3), 127.5);
        Dataset same = grid();
        downsampleImages(same, 1);
        QCOMPARE(same.features, grid().features);
    }
    void binariseAtThreshold() {
        Dataset d = grid();
        d.features /= 100.0;
        binarise(d, 0.2);  // >= 0.2 -> 1
        QCOMPARE(d.features(0, 0), 0.0);
        QCOMPARE(d.features(0, 4 * 1 + 3), 0.0);  // 0.13
        QCOMPARE(d.features(0, 4 * 2 + 0), 1.0);  // 0.20 exactly
        QCOMPARE(d.features(0, 4 * 2 + 1), 1.0);
        QCOMPARE(d.features.row(1).sum(), 16.0);
        QCOMPARE(d.features.row(0).sum(), 8.0);
    }
    void badSizesAreRefused() {
        Dataset d = grid();
        QVERIFY_THROWS_EXCEPTION(InputError, centreCrop(d, 5, 2));
        QVERIFY_THROWS_EXCEPTION(InputError, centreCrop(d, 2, 0));
        QVERIFY_THROWS_EXCEPTION(InputError, downsampleImages(d, 3));
        Dataset tab;
        tab.name = "iris";
        tab.features = Eigen::MatrixXd::Zero(2, 4);
        bool named = false;
        try {
            centreCrop(tab, 2, 2);
        } catch (const InputError& e) {
            named = e.path() == "cropWidth";
        }
        QVERIFY(named);
    }
};

QTEST_GUILESS_MAIN(TestDataTransforms)
#include "test_data_transforms.moc"
