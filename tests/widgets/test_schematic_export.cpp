// The circuit designer's Export menu without its file dialogs (issue 15): the
// schematic as SVG, PDF and PNG, and the 2M synapse's SPICE netlist from the
// GUI code path, which is the text `memstudio-cli export-spice` writes and
// runs in ngspice, with V(out) obeying the TIA law V(out) = -Rf (I(Mp) + I(Mn)).
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "core/project/Project.h"
#include "tests/support/Ngspice.h"
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
    mstest::NgspiceOutput ng;
    std::string err;
    QVERIFY2(mstest::runNgspiceOn(dir.path(), "syn2m.cir", ng, err, "sine_drive.data"), err.c_str());
    QVERIFY2(ng.log.find("rror") == std::string::npos, ng.log.c_str());
    // wrdata rows: t, v(in), v(inb), v(sum), v(out), i(Vin), i(E1), i(Mp), i(Mn), i(T1).
    std::size_t rows = 0;
    double worst = 0.0, peakOut = 0.0;
    for (const auto& v : ng.table) {
        if (v.size() < 10) continue;
        ++rows;
        peakOut = std::max(peakOut, std::fabs(v[4]));
        worst = std::max(worst, std::fabs(v[4] + 1e4 * (v[7] + v[8])));
    }
    QVERIFY(rows > 50);
    QVERIFY(peakOut > 0.01);
    QVERIFY2(worst < 1e-3 * peakOut, qPrintable(QString::number(worst)));
}

QTEST_MAIN(TestSchematicExport)
#include "test_schematic_export.moc"
