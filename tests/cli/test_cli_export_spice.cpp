// `memstudio-cli export-spice` on an example project writes a netlist that
// ngspice runs in batch, and ngspice's result agrees with ours: the 2M
// differential synapse under its sine drive, V(out) against the TIA law
// V(out) = -Rf (I(Mp) + I(Mn)), and against `memstudio-cli run` of the same
// experiment within 0.5 % of its peak.
#include <QtTest>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>
#include <vector>

#include "tests/support/Ngspice.h"

namespace {

int run(const QString& program, const QStringList& args, const QString& dir, QString& log) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        log = program + " does not start (is it installed?)";
        return -1;
    }
    p.waitForFinished(120000);
    log = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

}  // namespace

class CliExportSpiceTest : public QObject {
    Q_OBJECT
private slots:
    void twoMemristorExampleRunsInNgspice() {
        QTemporaryDir dir;
        QString log;
        const QString project = QStringLiteral(MS_SOURCE_DIR "/projects/2m-differential-synapse.json");
        QCOMPARE(run(QStringLiteral(MS_CLI_PATH), {"export-spice", project, "--experiment", "sine_drive", "-o", "syn2m.cir"},
                     dir.path(), log),
                 0);
        QFile f(dir.filePath("syn2m.cir"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString netlist = QString::fromUtf8(f.readAll());
        QVERIFY(netlist.contains("SIN("));
        QVERIFY(netlist.contains(".subckt mem_mp"));

        mstest::NgspiceOutput ng;
        std::string err;
        QVERIFY2(mstest::runNgspiceOn(dir.path(), "syn2m.cir", ng, err, "sine_drive.data"), err.c_str());
        QVERIFY2(ng.log.find("rror") == std::string::npos, ng.log.c_str());
        // wrdata rows in the order of the experiment's probes:
        // t, v(in), v(inb), v(sum), v(out), i(Vin), i(E1), i(Mp), i(Mn), i(T1).
        std::size_t rows = 0;
        std::vector<std::pair<double, double>> spiceOut;  // (t, v(out))
        double peakIn = 0.0, worst = 0.0, peakOut = 0.0;
        for (const auto& v : ng.table) {
            if (v.size() < 10) continue;
            ++rows;
            const double vin = v[1], vout = v[4], iMp = v[7], iMn = v[8];
            spiceOut.push_back({v[0], vout});
            peakIn = std::max(peakIn, std::fabs(vin));
            peakOut = std::max(peakOut, std::fabs(vout));
            worst = std::max(worst, std::fabs(vout + 1e4 * (iMp + iMn)));
        }
        qInfo("ngspice rows %zu, peak v(in) %.4f V, peak v(out) %.4f V, worst TIA-law residual %.3g V", rows, peakIn,
              peakOut, worst);
        QVERIFY(rows > 100);
        QVERIFY(std::fabs(peakIn - 1.8) < 0.01);
        QVERIFY(peakOut > 0.1);
        QVERIFY(worst < 1e-3 * peakOut);

        // Our own run of the same experiment (memstudio-cli run): v(out)
        // within 0.5 % of its peak of ngspice's at every one of our samples.
        QCOMPARE(run(QStringLiteral(MS_CLI_PATH), {"run", project, "--experiment", "sine_drive", "--out", "ours"}, dir.path(), log),
                 0);
        QFile csv(dir.filePath("ours/sine_drive.transient.csv"));
        QVERIFY2(csv.open(QIODevice::ReadOnly), log.toUtf8().constData());
        const QStringList header = QString::fromUtf8(csv.readLine()).trimmed().split(',');
        int outColumn = -1;
        for (int k = 0; k < header.size(); ++k)
            if (header[k].startsWith("v(out)")) outColumn = k;
        QVERIFY2(outColumn > 0, header.join(',').toUtf8().constData());
        double worstOurs = 0.0;
        std::size_t compared = 0;
        while (!csv.atEnd()) {
            const QStringList f = QString::fromUtf8(csv.readLine()).trimmed().split(',');
            if (f.size() <= outColumn) continue;
            const double t = f[0].toDouble(), mine = f[outColumn].toDouble();
            for (std::size_t k = 1; k < spiceOut.size(); ++k)
                if (spiceOut[k].first >= t) {
                    const auto& a = spiceOut[k - 1];
                    const auto& b = spiceOut[k];
                    const double w = b.first > a.first ? (t - a.first) / (b.first - a.first) : 1.0;
                    worstOurs = std::max(worstOurs, std::fabs(mine - (a.second + w * (b.second - a.second))));
                    ++compared;
                    break;
                }
        }
        qInfo("ours vs ngspice over %zu samples: max |dv(out)| = %.3g V (%.2g of the peak)", compared, worstOurs,
              worstOurs / peakOut);
        QVERIFY(compared > 300);
        QVERIFY(worstOurs < 5e-3 * peakOut);
    }
};

QTEST_GUILESS_MAIN(CliExportSpiceTest)
#include "test_cli_export_spice.moc"
