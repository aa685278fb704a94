// Saving never corrupts (issue 9): when a save cannot complete, the previous
// file is byte-for-byte intact, no temporary file is left behind, the user is
// told why, and the document stays modified and bound to its old path.
//
// CI runs as root, and root ignores file permissions, so a read-only folder
// proves nothing there. The failures used here are ones root cannot bypass:
//  - a full disk, simulated with RLIMIT_FSIZE: a write past the limit fails
//    with EFBIG for every user (SIGXFSZ is ignored so it is an error, not a
//    kill). This is exactly what a full disk does mid-write: the first bytes
//    land, the rest does not.
//  - a target whose parent "folder" is a regular file (ENOTDIR).
//  - a target on a read-only file system (/proc).
// Under a non-root user the read-only folder case runs as well.
#include <QtTest>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/DocumentModel.h"

using ms::gui::DocumentModel;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

// Lowers the file-size limit for the lifetime of the object.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &saved_);
        previousHandler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lower = saved_;
        lower.rlim_cur = bytes;
        ok_ = setrlimit(RLIMIT_FSIZE, &lower) == 0;
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, previousHandler_);
    }
    bool ok() const { return ok_; }

private:
    rlimit saved_{};
    void (*previousHandler_)(int) = nullptr;
    bool ok_ = false;
};

// A document that was saved to `path`, then edited (so there is something to lose).
void savedThenEdited(DocumentModel& doc, const QString& path) {
    QString error;
    QVERIFY2(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/hp-pinched-hysteresis.json"), &error), qPrintable(error));
    QVERIFY2(doc.saveAs(path, &error), qPrintable(error));
    doc.setValue("/experiments/0/drive/params/amplitude", 1.25, "amplitude");
    // A long description makes the new text larger than the old file, as a
    // real edit that adds data does.
    doc.setValue("/description", std::string(20000, 'x'), "description");
    QVERIFY(doc.isModified());
}

}  // namespace

class TestSaveSafety : public QObject {
    Q_OBJECT

private slots:
    void fullDiskLeavesPreviousFileIntact() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("project.json");
        DocumentModel doc;
        savedThenEdited(doc, path);
        const QByteArray before = readAll(path);
        QVERIFY(before.size() > 100);

        QString error;
        bool saved = true, copied = true;
        {
            // Room for the old file's size, not for the edited document.
            FileSizeLimit limit(static_cast<rlim_t>(before.size() + 1000));
            QVERIFY(limit.ok());
            saved = doc.saveAs(path, &error);
            QString copyError;
            copied = doc.writeCopy(path, &copyError);  // the autosave path
            QVERIFY(!copyError.isEmpty() || copied);
        }
        QVERIFY2(!saved, "a save that cannot write everything must fail");
        QVERIFY(!copied);
        QVERIFY2(error.contains(path), qPrintable(error));  // the user is told which file
        QCOMPARE(readAll(path), before);                      // the previous file is intact
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"project.json"});  // no debris
        QVERIFY(doc.isModified());                            // the edit is still unsaved
        QCOMPARE(doc.filePath(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(doc.value("/experiments/0/drive/params/amplitude").get<double>(), 1.25);

        // Once there is room again, the same document saves and loads back equal.
        QVERIFY2(doc.saveAs(path, &error), qPrintable(error));
        QVERIFY(!doc.isModified());
        QVERIFY(ms::loadProjectFile(path.toStdString()) == doc.project());
    }

    void parentIsAFileIsReported() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString blocker = dir.filePath("not-a-folder");
        {
            QFile f(blocker);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("a file, not a folder\n");
        }
        DocumentModel doc;
        savedThenEdited(doc, dir.filePath("project.json"));
        const QString target = blocker + "/project.json";
        QString error;
        QVERIFY(!doc.saveAs(target, &error));
        QVERIFY2(error.contains(target), qPrintable(error));
        QCOMPARE(readAll(blocker), QByteArray("a file, not a folder\n"));
        QVERIFY(doc.isModified());
        QCOMPARE(doc.filePath(), QFileInfo(dir.filePath("project.json")).absoluteFilePath());
    }

    void readOnlyFileSystemIsReported() {
        // /proc refuses new files for every user, root included.
        DocumentModel doc;
        QTemporaryDir dir;
        savedThenEdited(doc, dir.filePath("project.json"));
        QString error;
        QVERIFY(!doc.saveAs("/proc/memstudio-project.json", &error));
        QVERIFY2(!error.isEmpty(), "the user must be told");
        QVERIFY(!QFile::exists("/proc/memstudio-project.json"));
        QVERIFY(doc.isModified());
    }

    void readOnlyFolderIsReportedForUsers() {
        if (geteuid() == 0) return;  // root ignores permissions: covered by the cases above
        QTemporaryDir dir;
        const QString path = dir.filePath("project.json");
        DocumentModel doc;
        savedThenEdited(doc, path);
        const QByteArray before = readAll(path);
        QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        QString error;
        const bool saved = doc.saveAs(path, &error);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(!saved);
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(readAll(path), before);
        QVERIFY(doc.isModified());
    }
};

QTEST_MAIN(TestSaveSafety)
#include "test_save_safety.moc"
