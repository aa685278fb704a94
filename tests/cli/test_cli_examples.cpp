// Every shipped example runs through the real memstudio-cli, as a user runs it:
// exit 0, a summary.json that lists each of the project's experiments, and for
// each experiment at least one series whose CSV exists with the header and the
// row count summary.json states. The CLI's own CSV sink is the judge here, not a
// recording sink (a lenient one once hid two examples that failed in the CLI).
//
// CTest runs one entry per project file (tests/cli/CMakeLists.txt passes the
// row name), so the examples run in parallel and each one's time shows.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace {

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

qsizetype lineCount(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    qsizetype n = 0;
    while (!f.atEnd()) {
        f.readLine();
        ++n;
    }
    return n;
}

}  // namespace

class CliExamples : public QObject {
    Q_OBJECT
private slots:
    void runsThroughTheCli_data() {
        QTest::addColumn<QString>("file");
        const QDir dir(QStringLiteral(MS_SOURCE_DIR "/projects"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 26);
        for (const QString& f : files) QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void runsThroughTheCli() {
        QFETCH(QString, file);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString out = tmp.filePath(QStringLiteral("results"));
        QProcess p;
        // From an unrelated folder: the CLI must find data sets and measurement files itself.
        p.setWorkingDirectory(tmp.path());
        p.start(QStringLiteral(MS_CLI_PATH), {QStringLiteral("run"), file, QStringLiteral("--out"), out});
        QVERIFY2(p.waitForFinished(30 * 60 * 1000), "memstudio-cli did not finish");
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 qPrintable(QStringLiteral("exit %1: %2").arg(p.exitCode()).arg(err)));

        const QJsonObject project = readJson(file);
        const QJsonObject summary = readJson(out + QStringLiteral("/summary.json"));
        QCOMPARE(summary.value(QStringLiteral("format")).toString(), QStringLiteral("memristor-studio-results"));
        const QJsonArray wanted = project.value(QStringLiteral("experiments")).toArray();
        const QJsonArray ran = summary.value(QStringLiteral("experiments")).toArray();
        QCOMPARE(ran.size(), wanted.size());
        for (qsizetype k = 0; k < ran.size(); ++k) {
            const QJsonObject e = ran[k].toObject();
            const QString id = e.value(QStringLiteral("id")).toString();
            QCOMPARE(id, wanted[k].toObject().value(QStringLiteral("id")).toString());
            const QJsonArray series = e.value(QStringLiteral("series")).toArray();
            QVERIFY2(!series.isEmpty(), qPrintable(id + QStringLiteral(": no series written")));
            for (const auto& sv : series) {
                const QJsonObject s = sv.toObject();
                const QString csv = out + QLatin1Char('/') + s.value(QStringLiteral("file")).toString();
                const qsizetype rows = s.value(QStringLiteral("rows")).toInteger();
                const QString what = id + QLatin1Char('.') + s.value(QStringLiteral("id")).toString();
                QVERIFY2(rows > 0, qPrintable(what + QStringLiteral(": no rows")));
                QVERIFY2(lineCount(csv) == rows + 1, qPrintable(what + QStringLiteral(": CSV missing or short")));
            }
        }
    }

    // A newcomer reading the README meets every example: each projects/*.json
    // is named in its example table (issue 18).
    void readmeListsEveryExample() {
        QFile readme(QStringLiteral(MS_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        const QDir dir(QStringLiteral(MS_SOURCE_DIR "/projects"));
        QStringList missing;
        for (const QString& f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            if (!text.contains(QLatin1Char('`') + f + QLatin1Char('`')) &&
                !text.contains(QStringLiteral("`projects/") + f + QLatin1Char('`')))
                missing << f;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("README.md's example table lacks: ") + missing.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(CliExamples)
#include "test_cli_examples.moc"
