// Memristor Studio, GPL-3.0-or-later.
#include "widgets/help/ExampleCatalog.h"

#include <QDir>
#include <QFile>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QtMath>
#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/data/DataPaths.h"

namespace ms::gui {

QStringList exampleTopics() {
    return {QStringLiteral("Devices"), QStringLiteral("Synapse circuits"), QStringLiteral("Crossbars"),
            QStringLiteral("ANNs"),    QStringLiteral("SNNs"),             QStringLiteral("Fitting"),
            QStringLiteral("Other")};
}

QString exampleTopic(const QStringList& kinds) {
    auto any = [&](auto pred) { return std::any_of(kinds.begin(), kinds.end(), pred); };
    auto prefixed = [&](const char* p) { return any([p](const QString& k) { return k.startsWith(QLatin1String(p)); }); };
    if (prefixed("fit_")) return QStringLiteral("Fitting");
    // ANN vs SNN (the review's Table 6) sits with the SNNs, beside the ANN-to-SNN conversion it builds on.
    if (any([](const QString& k) { return k == "ann_vs_snn"; })) return QStringLiteral("SNNs");
    if (any([](const QString& k) { return k == "pavlov_associative_memory"; })) return QStringLiteral("SNNs");
    if (prefixed("snn_") || prefixed("neuron_") ||
        any([](const QString& k) { return k == "ann_to_snn" || k == "memristor_coupled_neurons"; }))
        return QStringLiteral("SNNs");
    // Reservoir computing on volatile devices stands with the review's recurrent family (its Table 3).
    if (any([](const QString& k) { return k == "reservoir"; })) return QStringLiteral("ANNs");
    // Cellular and recurrent networks are two of the review's memristive ANN families (its Table 3).
    if (prefixed("ann_") || any([](const QString& k) { return k == "cenn" || k == "rnn_sequence"; }))
        return QStringLiteral("ANNs");
    if (prefixed("crossbar_")) return QStringLiteral("Crossbars");
    if (prefixed("circuit_") || prefixed("cell_") ||
        any([](const QString& k) { return k == "write_verify" || k == "stdp_window"; }))
        return QStringLiteral("Synapse circuits");
    if (any([](const QString& k) { return k == "device_transient" || k == "pulse_ltp_ltd"; }))
        return QStringLiteral("Devices");
    return QStringLiteral("Other");
}

QString firstSentence(const QString& description) {
    QString s = description.simplified();
    // A sentence ends at ". " followed by a capital, not at "et al. 2015" or "e.g. x".
    for (int k = 0; k + 2 < s.size(); ++k)
        if (s[k] == '.' && s[k + 1] == ' ' && s[k + 2].isUpper()) {
            const QString before = s.left(k);
            if (before.endsWith(QLatin1String(" al")) || before.endsWith(QLatin1String("e.g")) ||
                before.endsWith(QLatin1String("i.e")))
                continue;
            s = s.left(k + 1);
            break;
        }
    constexpr int kMax = 140;
    if (s.size() > kMax) s = s.left(kMax - 1).trimmed() + QChar(0x2026);
    return s;
}

QVector<ExampleProject> loadExampleCatalog(const QString& folder) {
    QVector<ExampleProject> out;
    const QDir dir(folder);
    for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly)) continue;
        const auto j = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
        if (j.is_discarded() || !j.is_object()) continue;
        ExampleProject e;
        e.path = dir.absoluteFilePath(file);
        e.fileName = file;
        e.name = j.contains("name") && j["name"].is_string() ? QString::fromStdString(j["name"].get<std::string>()) : file;
        if (j.contains("description") && j["description"].is_string())
            e.description = QString::fromStdString(j["description"].get<std::string>());
        QStringList kinds;
        if (j.contains("experiments") && j["experiments"].is_array())
            for (const auto& x : j["experiments"]) {
                if (!x.is_object()) continue;
                kinds << QString::fromStdString(x.value("kind", std::string()));
                e.experiments << QString::fromStdString(x.value("name", x.value("id", std::string())));
            }
        e.topic = exampleTopic(kinds);
        out.push_back(e);
    }
    const QStringList order = exampleTopics();
    std::stable_sort(out.begin(), out.end(), [&](const ExampleProject& a, const ExampleProject& b) {
        const auto ta = order.indexOf(a.topic), tb = order.indexOf(b.topic);
        return ta != tb ? ta < tb : a.name.localeAwareCompare(b.name) < 0;
    });
    return out;
}

QString examplesFolder() {
    return QString::fromStdString(data_paths::findFolder(data_paths::Shipped::Projects));
}

namespace {

// Each icon is drawn on a 32x32 canvas in one colour per topic.
void drawTopic(QPainter& p, const QString& topic) {
    if (topic == "Devices") {  // a pinched hysteresis loop
        QPainterPath loop;
        for (int k = 0; k <= 64; ++k) {
            const double t = 2 * M_PI * k / 64;
            const QPointF pt(16 + 12 * std::sin(t), 16 - 11 * std::sin(t) * std::cos(t) - 4 * std::sin(t));
            k == 0 ? loop.moveTo(pt) : loop.lineTo(pt);
        }
        p.drawPath(loop);
    } else if (topic == "Synapse circuits") {  // a resistor zigzag between two wires
        const QPointF pts[] = {{2, 16}, {8, 16}, {10, 9}, {14, 23}, {18, 9}, {22, 23}, {24, 16}, {30, 16}};
        p.drawPolyline(pts, 8);
    } else if (topic == "Crossbars") {  // rows and columns with a dot at each crossing
        for (int k = 0; k < 4; ++k) {
            p.drawLine(QPointF(4, 7 + 6 * k), QPointF(28, 7 + 6 * k));
            p.drawLine(QPointF(7 + 6 * k, 4), QPointF(7 + 6 * k, 28));
        }
    } else if (topic == "ANNs") {  // three layers of nodes, fully connected
        const double ys[3][3] = {{6, 16, 26}, {10, 22, -1}, {16, -1, -1}};
        const double xs[3] = {5, 16, 27};
        for (int l = 0; l < 2; ++l)
            for (double a : ys[l])
                for (double b : ys[l + 1])
                    if (a >= 0 && b >= 0) p.drawLine(QPointF(xs[l], a), QPointF(xs[l + 1], b));
        p.setBrush(p.pen().color());
        for (int l = 0; l < 3; ++l)
            for (double y : ys[l])
                if (y >= 0) p.drawEllipse(QPointF(xs[l], y), 2.5, 2.5);
    } else if (topic == "SNNs") {  // a spike train
        const QPointF pts[] = {{2, 24}, {8, 24}, {9, 6}, {10, 26}, {11, 24}, {19, 24},
                               {20, 6}, {21, 26}, {22, 24}, {30, 24}};
        p.drawPolyline(pts, 10);
    } else if (topic == "Fitting") {  // measured dots and a fitted curve
        QPainterPath curve;
        for (int k = 0; k <= 28; ++k) {
            const QPointF pt(2 + k, 28 - 24 * (1 - std::exp(-k / 8.0)));
            k == 0 ? curve.moveTo(pt) : curve.lineTo(pt);
        }
        p.drawPath(curve);
        p.setBrush(p.pen().color());
        for (int k : {3, 8, 13, 19, 26}) p.drawEllipse(QPointF(2 + k, 28 - 24 * (1 - std::exp(-k / 8.0)) + (k % 2 ? 2 : -2)), 1.8, 1.8);
    } else {
        p.drawRect(QRectF(6, 6, 20, 20));
    }
}

QColor topicColour(const QString& topic) {
    static const QHash<QString, QColor> colours = {
        {"Devices", QColor(0x1f, 0x77, 0xb4)}, {"Synapse circuits", QColor(0xd6, 0x27, 0x28)},
        {"Crossbars", QColor(0x2c, 0xa0, 0x2c)}, {"ANNs", QColor(0x94, 0x67, 0xbd)},
        {"SNNs", QColor(0xff, 0x7f, 0x0e)}, {"Fitting", QColor(0x8c, 0x56, 0x4b)}};
    return colours.value(topic, QColor(0x60, 0x60, 0x60));
}

}  // namespace

QIcon topicIcon(const QString& topic) {
    QIcon icon;
    for (int size : {16, 32, 48}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 32.0, size / 32.0);
        p.setPen(QPen(topicColour(topic), 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        drawTopic(p, topic);
        icon.addPixmap(pm);
    }
    return icon;
}

}  // namespace ms::gui
