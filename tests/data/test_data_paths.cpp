// Where the shipped data sets, examples and docs are found (issue 15): from
// the program's folder (the install prefix's share/memstudio, or the source
// tree above a build-tree binary) and $MS_DATA_DIR, never the working
// directory; the ANN and SNN kinds both use this one search.
// Memristor Studio, GPL-3.0-or-later.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <filesystem>

#include "core/ann/AnnExperiment.h"
#include "core/common/Errors.h"
#include "core/data/DataPaths.h"
#include "core/project/kinds/SnnKindSupport.h"

using namespace ms;
namespace fs = std::filesystem;

namespace {

const std::string kSource = MS_SOURCE_DIR;

std::string canonical(const std::string& p) {
    std::error_code ec;
    const auto c = fs::canonical(p, ec);
    return ec ? p : c.string();
}

}  // namespace

class TestDataPaths : public QObject {
    Q_OBJECT
    QTemporaryDir elsewhere_;

private slots:
    void init() {
        // An unrelated working directory, no override, the executable's folder as /proc/self/exe says.
        QVERIFY(QDir::setCurrent(elsewhere_.path()));
        ::unsetenv("MS_DATA_DIR");
        data_paths::setExecutableDir("");
    }

    void findsDigitsFromAnUnrelatedWorkingDirectory() {
        const std::string found = data_paths::findDataFile("digits.csv.gz");
        QVERIFY2(!found.empty(), data_paths::whereDataWasSought("digits.csv.gz").c_str());
        QCOMPARE(canonical(found), canonical(kSource + "/resources/data/digits.csv.gz"));
        // The same with the folder handed over as main() does.
        data_paths::setExecutableDir(QCoreApplication::applicationDirPath().toStdString());
        QCOMPARE(canonical(data_paths::findDataFile("digits.csv.gz")), canonical(kSource + "/resources/data/digits.csv.gz"));
        QCOMPARE(canonical(data_paths::findFolder(data_paths::Shipped::Projects)), canonical(kSource + "/projects"));
        QCOMPARE(canonical(data_paths::findFolder(data_paths::Shipped::Docs)), canonical(kSource + "/docs"));
    }

    void bothEngineKindsUseIt() {
        // SNN kinds
        QCOMPARE(canonical(snn_kinds::findBuiltinDataFile("iris.csv", "experiments[0].dataset")),
                 canonical(kSource + "/resources/data/iris.csv"));
        // ANN kinds
        AnnExperimentSetup s;
        s.dataSet = "iris";
        const Split split = loadAnnData(s);
        QCOMPARE(int(split.train.labels.size() + split.test.labels.size()), 150);
    }

    void aWorkingDirectoryWithDataIsNotUsed() {
        // A resources/data in the working directory must not be picked up.
        QVERIFY(QDir(elsewhere_.path()).mkpath("resources/data"));
        QFile f(elsewhere_.filePath("resources/data/only-here.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x\n");
        f.close();
        QVERIFY(data_paths::findDataFile("only-here.csv").empty());
    }

    void installedLayoutIsFound() {
        // <prefix>/bin/memstudio with <prefix>/share/memstudio/{data,projects,docs}.
        QTemporaryDir prefix;
        QDir root(prefix.path());
        for (const char* d : {"bin", "share/memstudio/data", "share/memstudio/projects", "share/memstudio/docs"})
            QVERIFY(root.mkpath(d));
        QVERIFY(QFile::copy(QString::fromStdString(kSource + "/resources/data/iris.csv"),
                            root.filePath("share/memstudio/data/iris.csv")));
        data_paths::setExecutableDir(root.filePath("bin").toStdString());
        QCOMPARE(canonical(data_paths::findDataFile("iris.csv")),
                 canonical(root.filePath("share/memstudio/data/iris.csv").toStdString()));
        QCOMPARE(canonical(data_paths::findFolder(data_paths::Shipped::Projects)),
                 canonical(root.filePath("share/memstudio/projects").toStdString()));
        QCOMPARE(canonical(data_paths::findFolder(data_paths::Shipped::Docs)),
                 canonical(root.filePath("share/memstudio/docs").toStdString()));
        // Not in the prefix and no source tree above it: not found, and the message says where it looked.
        QVERIFY(data_paths::findDataFile("digits.csv.gz").empty());
        const std::string where = data_paths::whereDataWasSought("digits.csv.gz");
        QVERIFY2(where.find("share/memstudio/data") != std::string::npos && where.find("MS_DATA_DIR") != std::string::npos,
                 where.c_str());
        try {
            snn_kinds::findBuiltinDataFile("digits.csv.gz", "experiments[0].dataset");
            QFAIL("no InputError");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QString("experiments[0].dataset"));
        }
    }

    void msDataDirIsAnExplicitChoice() {
        QTemporaryDir mine;
        QVERIFY(QFile::copy(QString::fromStdString(kSource + "/resources/data/iris.csv"), mine.filePath("iris.csv")));
        ::setenv("MS_DATA_DIR", mine.path().toUtf8().constData(), 1);
        QCOMPARE(canonical(data_paths::findDataFile("iris.csv")), canonical(mine.filePath("iris.csv").toStdString()));
        // A file it lacks is still found in the shipped folders.
        QCOMPARE(canonical(data_paths::findDataFile("digits.csv.gz")), canonical(kSource + "/resources/data/digits.csv.gz"));
        ::unsetenv("MS_DATA_DIR");
    }
};

QTEST_GUILESS_MAIN(TestDataPaths)
#include "test_data_paths.moc"
