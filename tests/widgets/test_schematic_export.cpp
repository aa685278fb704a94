// The circuit designer's Export menu without its file dialogs (issue 15): the
// schematic as SVG, PDF and PNG, and the 2M synapse's SPICE netlist from the
// GUI code path, which is the text `memstudio-cli export-spice` writes and
// runs in ngspice, with V(out) obeying the TIA law V(out) = -Rf (I(Mp) + I(Mn)).
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <sstream>

#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/circuit/CircuitView.h"
#include "widgets/circuit/SchematicExport.h"

using namespace ms::gui;

class TestSchematicExport : public QObject {
    Q_OBJECT
private slots:
    void picturesAndSpiceFromTheGui();
};

void TestSchematicExport::picturesAndSpiceFromTheGui() {
    DocumentModel doc;
    QString error;
    QVERIFY2(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/2m-differential-synapse.json"), &error), qPrintable(error));
    CircuitView view(&doc);
    view.resize(1000, 700);
    view.show();
    view.redrawNow();
    QTemporaryDir dir;
    for (const QString& suffix : {QStringLiteral("svg"), QStringLiteral("pdf"), QStringLiteral("png")}) {
        const QString file = dir.filePath("syn2m." + suffix);
        QCOMPARE(view.exportPicture(file), QString());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY2(bytes.size() > 1000, qPrintable(suffix));
        if (suffix == "svg") QVERIFY(bytes.contains("<svg") && bytes.contains("Mp"));
        if (suffix == "pdf") QVERIFY(bytes.startsWith("%PDF"));
        if (suffix == "png") QVERIFY(QImage(file).width() > 400);
    }
    QVERIFY(!view.exportPicture(dir.filePath("syn2m.bmpx")).isEmpty());

    // SPICE: the same text the CLI writes (the kind's exportSpice), run by ngspice.
    const auto ids = ms::gui::schematic::spiceExperiments(doc.project(), "syn2m");
    QVERIFY(std::find(ids.begin(), ids.end(), "sine_drive") != ids.end());
    const QString cir = dir.filePath("syn2m.cir");
    QCOMPARE(view.exportSpice("sine_drive", cir), QString());
    QFile f(cir);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString netlist = QString::fromUtf8(f.readAll());
    QVERIFY(netlist.contains("SIN(") && netlist.contains(".subckt mem_mp"));
    QProcess ng;
    ng.setWorkingDirectory(dir.path());
    ng.start("ngspice", {"-b", "syn2m.cir"});
    if (!ng.waitForStarted(10000)) QSKIP("ngspice is not installed");
    QVERIFY(ng.waitForFinished(120000));
    const QString log = QString::fromUtf8(ng.readAllStandardOutput() + ng.readAllStandardError());
    QVERIFY2(!log.contains("rror"), qPrintable(log));
    QFile data(dir.filePath("sine_drive.data"));
    QVERIFY2(data.open(QIODevice::ReadOnly), qPrintable(log));
    std::istringstream in(data.readAll().toStdString());
    std::string line;
    std::size_t rows = 0;
    double worst = 0.0, peakOut = 0.0;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::vector<double> v;
        double x;
        while (ls >> x) v.push_back(x);
        if (v.size() < 18) continue;
        ++rows;
        peakOut = std::max(peakOut, std::fabs(v[7]));
        worst = std::max(worst, std::fabs(v[7] + 1e4 * (v[13] + v[15])));
    }
    QVERIFY(rows > 50);
    QVERIFY(peakOut > 0.01);
    QVERIFY2(worst < 1e-3 * peakOut, qPrintable(QString::number(worst)));
}

QTEST_MAIN(TestSchematicExport)
#include "test_schematic_export.moc"
