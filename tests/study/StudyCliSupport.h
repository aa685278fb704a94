// Running memstudio-cli and reading its files, for the study CLI tests.
#pragma once

#include <QString>
#include <QStringList>

namespace study_test {

struct Result {
    int code = -1;
    QString out, err;
};

// Runs the built memstudio-cli with `args` from `workDir`.
Result runCli(const QStringList& args, const QString& workDir = {});
QByteArray readAll(const QString& path);
QString examplePath(const char* name);  // projects/<name>

}  // namespace study_test
