// One test per input that crashed, hung or misbehaved in a fuzz campaign or a
// sanitizer run (fuzz/, docs/robustness.md). Each input is written here byte
// for byte; the test asserts the refusal a user would see.
#include <QtTest>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <QTemporaryDir>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"
#include "core/data/FileBytes.h"

namespace {

std::string writeBytes(const QTemporaryDir& dir, const std::string& name, const std::string& bytes) {
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

std::string idxHeader(std::uint8_t type, const std::vector<std::uint32_t>& dims) {
    std::string b = {0, 0, static_cast<char>(type), static_cast<char>(dims.size())};
    for (auto d : dims)
        for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<char>((d >> s) & 0xff));
    return b;
}

// The InputError's path and message of `fn`, or "(no error)".
template <typename Fn>
std::pair<std::string, std::string> refusal(Fn fn) {
    try {
        fn();
    } catch (const ms::InputError& e) {
        return {e.path(), e.why()};
    }
    return {"(no error)", ""};
}

}  // namespace

class TestFuzzRegressions : public QObject {
    Q_OBJECT

private slots:
    // An Iris header whose row count does not fit an int was cast to int
    // (undefined behaviour; in practice INT_MIN, so the next line was taken
    // for the header again).
    void irisHugeRowCount() {
        QTemporaryDir dir;
        const auto path = writeBytes(dir, "iris.csv", "1e300,4,setosa,versicolor\n5.1,3.5,1.4,0.2,0\n");
        const auto [where, why] = refusal([&] { ms::loadIrisCsv(path); });
        QCOMPARE(QString::fromStdString(where), QString::fromStdString(path + ":1:1"));
        QVERIFY2(why.find("row count") != std::string::npos, why.c_str());
        const auto path2 = writeBytes(dir, "iris2.csv", "1,1e20,setosa\n5.1,0\n");
        QCOMPARE(QString::fromStdString(refusal([&] { ms::loadIrisCsv(path2); }).first),
                 QString::fromStdString(path2 + ":1:3"));
    }

    // Float and double IDX elements may hold NaN or Inf; they were loaded as
    // features (and a NaN feature poisons every weight it touches in training).
    void idxNonFiniteFeature() {
        QTemporaryDir dir;
        const std::string labels = idxHeader(0x08, {2}) + std::string("\x00\x01", 2);
        std::string images = idxHeader(0x0D, {2, 1});
        images += std::string("\x3f\x80\x00\x00", 4);  // 1.0f
        images += std::string("\x7f\xc0\x00\x00", 4);  // NaN
        const auto ip = writeBytes(dir, "images.idx", images);
        const auto lp = writeBytes(dir, "labels.idx", labels);
        const auto [where, why] = refusal([&] { ms::loadIdx(ip, lp, "t"); });
        QCOMPARE(QString::fromStdString(where), QString::fromStdString(ip + ":byte 16"));
        QVERIFY2(why.find("not a finite number") != std::string::npos, why.c_str());
    }

    // Memory guard (not a fuzzer finding: a fuzzer input is too short to make
    // one): a small gzip file that inflates past the limit is refused while
    // inflating, before the whole output is held.
    void gzipBombIsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("bomb.csv.gz").toStdString();
        ms::writeFileBytes(path, std::vector<std::uint8_t>(4 << 20, '0'));  // 4 MiB of '0' -> ~4 kB of gzip
        const auto [where, why] = refusal([&] { ms::readFileBytes(path, 1 << 20); });
        QCOMPARE(QString::fromStdString(where), QString::fromStdString(path));
        QVERIFY2(why.find("decompresses to more than 1 MiB") != std::string::npos, why.c_str());
        QCOMPARE(ms::readFileBytes(path, 4 << 20).size(), std::size_t(4) << 20);  // at the limit: fine
        const std::string plain = writeBytes(dir, "big.csv", std::string(2000, '1'));
        QVERIFY(refusal([&] { ms::readFileBytes(plain, 1000); }).second.find("more than 1000 bytes") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "test_fuzz_regressions.moc"
