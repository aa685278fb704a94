// Data-set loaders: the shipped digits and Iris sets, IDX round trips, and the
// messages users get for missing, corrupt and truncated files.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <set>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"
#include "core/data/FileBytes.h"

using namespace ms;

namespace {
const std::string kData = std::string(MS_SOURCE_DIR) + "/resources/data/";

void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// Runs f, expects an InputError whose message contains every fragment.
template <typename F>
void expectError(F f, std::initializer_list<std::string> fragments) {
    try {
        f();
    } catch (const InputError& e) {
        const std::string msg = e.what();
        for (const auto& frag : fragments)
            QVERIFY2(msg.find(frag) != std::string::npos, qPrintable(QString::fromStdString("'" + frag + "' not in: " + msg)));
        return;
    }
    QFAIL("no InputError thrown");
}
}  // namespace

class TestDataLoaders : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::string tmp(const char* name) { return tmp_.filePath(name).toStdString(); }

private slots:
    void digitsShape() {
        const Dataset d = loadDigitsCsv(kData + "digits.csv.gz");
        QCOMPARE(d.features.rows(), 1797);
        QCOMPARE(d.features.cols(), 64);
        QCOMPARE(static_cast<int>(d.labels.size()), 1797);
        QCOMPARE(d.classCount, 10);
        QCOMPARE(d.features.minCoeff(), 0.0);
        QCOMPARE(d.features.maxCoeff(), 16.0);
        std::set<int> labels(d.labels.begin(), d.labels.end());
        QCOMPARE(static_cast<int>(labels.size()), 10);
        QCOMPARE(*labels.begin(), 0);
        QCOMPARE(*labels.rbegin(), 9);
        // First row of the UCI file (a zero): 0,0,5,13,9,1,0,0 ...
        QCOMPARE(d.features(0, 2), 5.0);
        QCOMPARE(d.features(0, 3), 13.0);
        QCOMPARE(d.labels[0], 0);
    }
    void irisShape() {
        const Dataset d = loadIrisCsv(kData + "iris.csv");
        QCOMPARE(d.features.rows(), 150);
        QCOMPARE(d.features.cols(), 4);
        QCOMPARE(d.classCount, 3);
        QCOMPARE(QString::fromStdString(d.classNames[2]), QString("virginica"));
        QCOMPARE(d.features(0, 0), 5.1);  // Fisher's first row: 5.1, 3.5, 1.4, 0.2
        QCOMPARE(d.features(0, 3), 0.2);
        QCOMPARE(std::count(d.labels.begin(), d.labels.end(), 1), 50L);
    }
    void missingFile() {
        expectError([] { loadDigitsCsv("/nonexistent/digits.csv"); }, {"/nonexistent/digits.csv", "not found"});
    }
    void corruptNumberNamesLineAndColumn() {
        const std::string p = tmp("bad.csv");
        std::string row, bad;
        for (int i = 0; i < 64; ++i) {
            row += "1,";
            bad += i == 2 ? "x," : "1,";  // third field starts at column 5
        }
        writeText(p, row + "3\n" + bad + "3\n");
        expectError([&] { loadDigitsCsv(p); }, {p + ":2:5", "field 3", "'x'", "not a finite number"});
    }
    void shortRowNamesLine() {
        const std::string p = tmp("short.csv");
        writeText(p, "1,2,3\n");
        expectError([&] { loadDigitsCsv(p); }, {p + ":1:", "has 3 values, expected 65"});
    }
    void labelOutOfRange() {
        const std::string p = tmp("label.csv");
        std::string row;
        for (int i = 0; i < 64; ++i) row += "0,";
        writeText(p, row + "12\n");
        expectError([&] { loadDigitsCsv(p); }, {p + ":1:129", "label '12'", "0..9"});
    }
    void truncatedGzip() {
        const auto raw = readFileBytes(kData + "digits.csv.gz");  // decompressed text
        const std::string gz = tmp("digits.csv.gz");
        writeFileBytes(gz, raw);
        std::ifstream in(gz, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        const std::string cut = tmp("cut.csv.gz");
        writeText(cut, bytes.substr(0, bytes.size() / 2));
        expectError([&] { loadDigitsCsv(cut); }, {cut + ":byte ", "truncated gzip"});
        // A corrupt deflate stream (bytes flipped in the middle).
        std::string flipped = bytes;
        for (std::size_t i = 100; i < 140; ++i) flipped[i] = static_cast<char>(~flipped[i]);
        const std::string bad = tmp("bad.csv.gz");
        writeText(bad, flipped);
        expectError([&] { loadDigitsCsv(bad); }, {bad + ":byte ", "gzip"});
    }
    void irisTruncated() {
        const std::string p = tmp("iris.csv");
        writeText(p, "150,4,a,b,c\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,1\n");
        expectError([&] { loadIrisCsv(p); }, {p, "promises 150 rows", "holds 2"});
    }
    void idxRoundTripPlainAndGzip() {
        // 3 images of 2x3 pixels with distinct values, labels 2, 0, 1.
        std::vector<std::uint8_t> px(18);
        for (int i = 0; i < 18; ++i) px[i] = static_cast<std::uint8_t>(i * 14 + 3);
        for (const char* ext : {"", ".gz"}) {
            const std::string ip = tmp((std::string("img.idx") + ext).c_str());
            const std::string lp = tmp((std::string("lab.idx") + ext).c_str());
            writeIdxBytes(ip, {3, 2, 3}, px);
            writeIdxBytes(lp, {3}, {2, 0, 1});
            const Dataset d = loadIdx(ip, lp, "tiny");
            QCOMPARE(d.features.rows(), 3);
            QCOMPARE(d.features.cols(), 6);
            QCOMPARE(d.imageHeight, 2);
            QCOMPARE(d.imageWidth, 3);
            QCOMPARE(d.classCount, 3);
            QCOMPARE(d.labels, std::vector<int>({2, 0, 1}));
            for (int i = 0; i < 18; ++i) QCOMPARE(d.features(i / 6, i % 6), double(px[i]));
        }
    }
    void idxHeaderErrors() {
        const std::string lp = tmp("l.idx");
        writeIdxBytes(lp, {2}, {0, 1});
        const std::string ip = tmp("i.idx");
        writeText(ip, std::string("\x01\x00\x08\x03", 4));
        expectError([&] { loadIdx(ip, lp, "x"); }, {ip + ":byte 0", "magic"});
        writeText(ip, std::string("\x00\x00\x07\x03", 4));
        expectError([&] { loadIdx(ip, lp, "x"); }, {ip + ":byte 2", "element type 0x07"});
        writeText(ip, std::string("\x00\x00\x08\x03\x00\x00\x00\x02", 8));
        expectError([&] { loadIdx(ip, lp, "x"); }, {ip, "header truncated"});
        // Complete header for 2 x 2 x 2 but only 5 of 8 data bytes.
        writeText(ip, std::string("\x00\x00\x08\x03\x00\x00\x00\x02\x00\x00\x00\x02\x00\x00\x00\x02\x01\x02\x03\x04\x05", 21));
        expectError([&] { loadIdx(ip, lp, "x"); }, {ip + ":byte 21", "truncated", "8 elements"});
        // Label count disagreeing with image count.
        writeIdxBytes(ip, {3, 1, 1}, {1, 2, 3});
        expectError([&] { loadIdx(ip, lp, "x"); }, {lp, "2 labels", "3 images"});
        writeText(tmp("plain.gz"), "not gzip");
        expectError([&] { readFileBytes(tmp("plain.gz")); }, {"plain.gz:byte 0", "not gzip"});
    }
    void splitIsSeededAndDisjoint() {
        Dataset d = loadDigitsCsv(kData + "digits.csv.gz");
        const Split a = splitDataset(d, 0.3, 7), b = splitDataset(d, 0.3, 7), c = splitDataset(d, 0.3, 8);
        QCOMPARE(a.test.features.rows(), 539);  // round(1797 * 0.3)
        QCOMPARE(a.train.features.rows(), 1258);
        QVERIFY(a.test.features == b.test.features);
        QVERIFY(a.test.labels == b.test.labels);
        QVERIFY(!(a.test.features == c.test.features));
        // Every sample lands in exactly one part: the label histograms add up.
        for (int k = 0; k < 10; ++k)
            QCOMPARE(std::count(a.train.labels.begin(), a.train.labels.end(), k) +
                         std::count(a.test.labels.begin(), a.test.labels.end(), k),
                     std::count(d.labels.begin(), d.labels.end(), k));
        scaleFeatures(d, 16.0);
        QCOMPARE(d.features.maxCoeff(), 1.0);
        expectError([&] { splitDataset(d, 1.0, 1); }, {"testFraction"});
        // The permutation is fixed by the seed (recorded in projects): pin it.
        const auto p = seededPermutation(5, 42);
        std::vector<int> sorted = p;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(sorted, std::vector<int>({0, 1, 2, 3, 4}));
    }
    void fashionMnistWhenInstalled() {
        const std::string dir = findFashionMnist();
        if (dir.empty()) QSKIP("dataset-fashion-mnist not installed (optional)");
        const Split s = loadFashionMnist(dir);
        QCOMPARE(s.train.features.rows(), 60000);
        QCOMPARE(s.test.features.rows(), 10000);
        QCOMPARE(s.train.features.cols(), 784);
        QCOMPARE(s.train.classCount, 10);
    }
};

QTEST_GUILESS_MAIN(TestDataLoaders)
#include "test_data_loaders.moc"
