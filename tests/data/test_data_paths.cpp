// Where the shipped data sets, examples and docs are found (issues 15, 20):
// from the program's folder (the install prefix's share/memstudio, or the
// source tree above a build-tree binary), then the XDG data folders, then
// $MS_DATA_DIR, never the working directory; the ANN and SNN kinds both use
// this one search.
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
    QTemporaryDir noXdg_;  // XDG data folders without memstudio files, whatever is installed here

private slots:
    void init() {
        // An unrelated working directory, no override, the executable's folder as /proc/self/exe says.
        QVERIFY(QDir::setCurrent(elsewhere_.path()));
        ::unsetenv("MS_DATA_DIR");
        ::setenv("XDG_DATA_HOME", noXdg_.path().toUtf8().constData(), 1);
        ::setenv("XDG_DATA_DIRS", noXdg_.path().toUtf8().constData(), 1);
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

    void xdgFoldersThenMsDataDirForACopiedProgram() {
        // A program copied to a folder with no share/memstudio and no source tree above it.
        QTemporaryDir copied, xdg, mine;
        QVERIFY(QDir(copied.path()).mkpath("bin"));
        data_paths::setExecutableDir(copied.filePath("bin").toStdString());
        QVERIFY(data_paths::findDataFile("iris.csv").empty());
        // $MS_DATA_DIR is the last resort.
        QVERIFY(QFile::copy(QString::fromStdString(kSource + "/resources/data/iris.csv"), mine.filePath("iris.csv")));
        ::setenv("MS_DATA_DIR", mine.path().toUtf8().constData(), 1);
        QCOMPARE(canonical(data_paths::findDataFile("iris.csv")), canonical(mine.filePath("iris.csv").toStdString()));
        // An XDG data folder's memstudio/data comes before it.
        QVERIFY(QDir(xdg.path()).mkpath("memstudio/data"));
        QVERIFY(QFile::copy(QString::fromStdString(kSource + "/resources/data/iris.csv"), xdg.filePath("memstudio/data/iris.csv")));
        ::setenv("XDG_DATA_DIRS", (noXdg_.path() + ":" + xdg.path()).toUtf8().constData(), 1);
        QCOMPARE(canonical(data_paths::findDataFile("iris.csv")),
                 canonical(xdg.filePath("memstudio/data/iris.csv").toStdString()));
        // The program's own files come first of all.
        data_paths::setExecutableDir(QCoreApplication::applicationDirPath().toStdString());
        QCOMPARE(canonical(data_paths::findDataFile("iris.csv")), canonical(kSource + "/resources/data/iris.csv"));
        ::unsetenv("MS_DATA_DIR");
    }
};

QTEST_GUILESS_MAIN(TestDataPaths)
#include "test_data_paths.moc"
