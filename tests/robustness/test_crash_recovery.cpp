// Crash recovery (issue 9): the real `memstudio` executable is started on a
// project, an edit is made, the studio autosaves, and it is killed with
// SIGKILL (no chance to clean up, as when a laptop's battery dies). The next
// start must offer the autosaved document -- here in unattended mode
// (--recover) it recovers it and says so on stdout -- and the
// recovered document must equal what was on screen before the kill: the
// project file plus the edit, bound to the same file, marked modified.
//
// The studio's main window runs in studio_harness (this folder), which adds
// the switches the test needs: --autosave-ms N (and "autosaved <path>" on
// stdout), --edit "<pointer>=<json>" (one undoable edit 300 ms after start),
// --recover. The shipped memstudio reads no test hooks.
#include <QtTest>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <nlohmann/json.hpp>

#include <csignal>

using nlohmann::json;

namespace {

const QString kStudio = QStringLiteral(MS_STUDIO_HARNESS);
const QString kProject = QStringLiteral(MS_SOURCE_DIR "/projects/hp-pinched-hysteresis.json");

json readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return json();
    return json::parse(f.readAll().toStdString(), nullptr, false);
}

// Reads the process's stdout until a line starting with `prefix` appears;
// returns that line (empty on timeout or exit).
QString waitForLine(QProcess& p, const QString& prefix, QString& seen, int timeoutMs = 60000) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        for (const QString& line : seen.split('\n'))
            if (line.startsWith(prefix)) return line;
        if (p.state() == QProcess::NotRunning) return {};
        p.waitForReadyRead(200);
        seen += QString::fromUtf8(p.readAllStandardOutput());
    }
    return {};
}

void killHard(QProcess& p) {
    if (p.state() == QProcess::NotRunning) return;
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    p.waitForFinished(10000);
}

}  // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT

private slots:
    void killedStudioRecoversAutosavedDocument() {
        QVERIFY2(QFile::exists(kStudio), qPrintable(kStudio + " is not built"));
        QTemporaryDir home;  // private settings and autosave location
        QVERIFY(home.isValid());
        // A copy of the project, so the test never touches the shipped file.
        const QString project = home.filePath("hp.json");
        QVERIFY(QFile::copy(kProject, project));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("HOME", home.path());
        env.insert("XDG_CONFIG_HOME", home.filePath("config"));
        env.insert("XDG_DATA_HOME", home.filePath("data"));
        env.insert("XDG_CACHE_HOME", home.filePath("cache"));
        env.insert("XDG_RUNTIME_DIR", home.path());
        const std::string pointer = "/experiments/0/drive/params/amplitude";

        // 1. Start on the project, edit, wait for the autosave, SIGKILL.
        QProcess first;
        first.setProcessEnvironment(env);
        first.setProcessChannelMode(QProcess::SeparateChannels);
        first.start(kStudio, {"--autosave-ms", "250", "--edit", QString::fromStdString(pointer) + "=0.75", project});
        QVERIFY2(first.waitForStarted(20000), qPrintable(first.errorString()));
        QString out1;
        QVERIFY2(!waitForLine(first, "edited ", out1).isEmpty(), qPrintable("no edit: " + out1));
        const QString autosaved = waitForLine(first, "autosaved ", out1);
        QVERIFY2(!autosaved.isEmpty(), qPrintable("no autosave: " + out1 + first.readAllStandardError()));
        const QString autosavePath = autosaved.mid(QString("autosaved ").size()).trimmed();
        killHard(first);
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);

        // What was on screen: the file plus the edit.
        json expected = readJson(project);
        QVERIFY(expected.is_object());
        expected[json::json_pointer(pointer)] = 0.75;
        QCOMPARE(readJson(autosavePath), expected);
        QCOMPARE(readJson(project)[json::json_pointer(pointer)].get<double>(), 1.0);  // the file itself untouched

        // 2. Restart without a file: the autosave is offered and (unattended) taken.
        QProcess second;
        second.setProcessEnvironment(env);
        second.start(kStudio, {"--autosave-ms", "250", "--recover"});
        QVERIFY2(second.waitForStarted(20000), qPrintable(second.errorString()));
        QString out2;
        const QString recovered = waitForLine(second, "recovered ", out2);
        QVERIFY2(!recovered.isEmpty(), qPrintable("not recovered: " + out2 + second.readAllStandardError()));
        QVERIFY2(recovered.endsWith("origin " + QFileInfo(project).absoluteFilePath()), qPrintable(recovered));
        // The recovered document is modified, so it is autosaved again: that
        // copy is what the restarted studio holds.
        QVERIFY2(!waitForLine(second, "autosaved ", out2).isEmpty(), qPrintable(out2));
        killHard(second);
        QCOMPARE(readJson(autosavePath), expected);
    }
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "test_crash_recovery.moc"
