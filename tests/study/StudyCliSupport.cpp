#include "StudyCliSupport.h"

#include <QFile>
#include <QProcess>

namespace study_test {

Result runCli(const QStringList& args, const QString& workDir) {
    QProcess p;
    if (!workDir.isEmpty()) p.setWorkingDirectory(workDir);
    p.start(QStringLiteral(MS_CLI_PATH), args);
    Result r;
    if (!p.waitForFinished(5 * 60 * 1000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("memstudio-cli did not finish");
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString examplePath(const char* name) { return QStringLiteral(MS_SOURCE_DIR "/projects/") + QString::fromUtf8(name); }

}  // namespace study_test
