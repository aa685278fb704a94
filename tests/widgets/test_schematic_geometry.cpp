// Schematics you can trust (issue 15): the connectivity a reader sees in the
// drawing is the netlist's. For every shipped circuit (each example project's
// circuits, every registered cell on its own) and for seeded random netlists
// laid out automatically, the pins joined by drawn wires, junction dots and
// ground signs are exactly the pins on one netlist node; no wire passes
// through a part's body; every branch point has its dot.
#include <QDir>
#include <QGraphicsEllipseItem>
#include <QTest>
#include <fstream>
#include <numeric>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "core/circuit/SynapseCell.h"
#include "widgets/circuit/SchematicEdits.h"
#include "widgets/circuit/SchematicRouting.h"
#include "widgets/circuit/SchematicScene.h"

using namespace ms::gui::schematic;
using json = nlohmann::json;

namespace {

constexpr double kEps = 0.01;

struct Dsu {
    std::vector<std::size_t> up;
    explicit Dsu(std::size_t n) : up(n) { std::iota(up.begin(), up.end(), 0); }
    std::size_t find(std::size_t a) { return up[a] == a ? a : up[a] = find(up[a]); }
    void join(std::size_t a, std::size_t b) { up[find(a)] = find(b); }
};

bool near(QPointF a, QPointF b) { return QLineF(a, b).length() < kEps; }

// Is p on the closed segment s?
bool onSegment(QPointF p, const QLineF& s) {
    const QPointF d = s.p2() - s.p1();
    const double len2 = d.x() * d.x() + d.y() * d.y();
    if (len2 < kEps * kEps) return near(p, s.p1());
    const double t = ((p - s.p1()).x() * d.x() + (p - s.p1()).y() * d.y()) / len2;
    if (t < -kEps || t > 1 + kEps) return false;
    return QLineF(p, s.p1() + t * d).length() < kEps;
}

bool collinearOverlap(const QLineF& a, const QLineF& b) {
    return (onSegment(b.p1(), a) && onSegment(b.p2(), a)) || (onSegment(a.p1(), b) && onSegment(a.p2(), b)) ||
           ((onSegment(b.p1(), a) || onSegment(b.p2(), a)) && std::abs(a.dx() * b.dy() - a.dy() * b.dx()) < kEps &&
            a.length() > kEps && b.length() > kEps);
}

struct Pin {
    std::string part;
    int index;
    std::string node;
    QPointF at;
};

struct Drawing {
    std::vector<Pin> pins;
    std::vector<std::pair<QLineF, std::string>> segments;  // with the net the scene meant
    std::vector<QPointF> dots;
};

Drawing drawingOf(const SchematicScene& scene) {
    Drawing d;
    for (const auto& e : elementsOf(scene.circuit())) {
        const PartItem* p = scene.part(e.value("name", std::string()));
        if (!p) continue;
        for (std::size_t k = 0; k < p->terminals; ++k)
            d.pins.push_back({p->name, static_cast<int>(k), k < p->nodes.size() ? p->nodes[k] : std::string(),
                              p->pinPos(static_cast<int>(k))});
    }
    for (const WireItem* w : scene.wires())
        for (const QPolygonF& poly : w->path().toSubpathPolygons())
            for (int k = 0; k + 1 < poly.size(); ++k) d.segments.push_back({QLineF(poly[k], poly[k + 1]), w->node});
    for (auto* it : scene.items())
        if (auto* dot = dynamic_cast<QGraphicsEllipseItem*>(it)) d.dots.push_back(dot->rect().center() + dot->pos());
    return d;
}

// Pins joined by the drawing. Items: pins, segments, one ground; joins:
// touching ends, an end on a segment (a T), overlapping runs, a dot on both,
// a pin on a segment, pins at one point, ground signs. A plain crossing of
// two segments joins nothing.
QString compareConnectivity(const SchematicScene& scene, const QString& what) {
    const Drawing d = drawingOf(scene);
    const std::size_t P = d.pins.size(), S = d.segments.size(), G = P + S;
    Dsu dsu(G + 1);
    for (std::size_t i = 0; i < P; ++i) {
        if (d.pins[i].node == "0" && scene.part(d.pins[i].part)->kind != "ground") dsu.join(i, G);
        if (scene.part(d.pins[i].part)->kind == "ground") dsu.join(i, G);
        for (std::size_t j = i + 1; j < P; ++j)
            if (near(d.pins[i].at, d.pins[j].at)) dsu.join(i, j);
        for (std::size_t s = 0; s < S; ++s)
            if (onSegment(d.pins[i].at, d.segments[s].first)) dsu.join(i, P + s);
    }
    for (std::size_t a = 0; a < S; ++a) {
        const QLineF& la = d.segments[a].first;
        for (std::size_t b = a + 1; b < S; ++b) {
            const QLineF& lb = d.segments[b].first;
            bool joined = onSegment(la.p1(), lb) || onSegment(la.p2(), lb) || onSegment(lb.p1(), la) ||
                          onSegment(lb.p2(), la) || collinearOverlap(la, lb);
            for (const QPointF& dot : d.dots)
                if (onSegment(dot, la) && onSegment(dot, lb)) joined = true;
            if (joined) dsu.join(P + a, P + b);
        }
    }
    for (std::size_t i = 0; i < P; ++i)
        for (std::size_t j = i + 1; j < P; ++j) {
            const Pin &a = d.pins[i], &b = d.pins[j];
            if (a.node.empty() || b.node.empty()) continue;
            const bool drawn = dsu.find(i) == dsu.find(j), netlist = a.node == b.node;
            if (drawn != netlist)
                return QStringLiteral("%1: %2.%3 (%4) and %5.%6 (%7) are %8 in the drawing")
                    .arg(what, QString::fromStdString(a.part)).arg(a.index).arg(QString::fromStdString(a.node))
                    .arg(QString::fromStdString(b.part)).arg(b.index).arg(QString::fromStdString(b.node))
                    .arg(drawn ? "joined" : "apart");
        }
    return {};
}

// No segment passes through a body (its symbol rect shrunk by 3, pins excluded).
QString compareBodies(const SchematicScene& scene, const QString& what) {
    const Drawing d = drawingOf(scene);
    for (const auto& e : elementsOf(scene.circuit())) {
        const PartItem* p = scene.part(e.value("name", std::string()));
        const QRectF body = partBody(p->kind, Placement{p->pos(), p->rotation}).adjusted(3, 3, -3, -3);
        for (const auto& [s, node] : d.segments) {
            const int steps = std::max(1, static_cast<int>(s.length()));
            for (int k = 0; k <= steps; ++k) {
                const QPointF q = s.pointAt(static_cast<double>(k) / steps);
                if (!body.contains(q)) continue;
                bool atPin = false;
                for (std::size_t t = 0; t < p->terminals; ++t)
                    if (QLineF(q, p->pinPos(static_cast<int>(t))).length() < 6) atPin = true;
                if (!atPin)
                    return QStringLiteral("%1: a wire of %2 crosses the body of %3 at (%4, %5)")
                        .arg(what, QString::fromStdString(node), QString::fromStdString(p->name))
                        .arg(q.x()).arg(q.y());
            }
        }
    }
    return {};
}

// Every point where three or more wire ends of a net meet, or a wire ends on
// another's run, carries a dot.
QString compareDots(const SchematicScene& scene, const QString& what) {
    const Drawing d = drawingOf(scene);
    std::vector<QPointF> ends;
    for (const auto& [s, node] : d.segments) {
        if (s.length() < kEps) continue;
        ends.push_back(s.p1());
        ends.push_back(s.p2());
    }
    for (const QPointF& p : ends) {
        int degree = 0;
        for (const auto& [s, node] : d.segments)
            if (s.length() > kEps && onSegment(p, s)) degree += near(p, s.p1()) || near(p, s.p2()) ? 1 : 2;
        bool isPin = false;
        for (const Pin& pin : d.pins) isPin = isPin || near(pin.at, p);
        bool dot = false;
        for (const QPointF& q : d.dots) dot = dot || near(q, p);
        if (degree >= 3 && !isPin && !dot)
            return QStringLiteral("%1: wires branch at (%2, %3) without a dot").arg(what).arg(p.x()).arg(p.y());
    }
    return {};
}

void checkAll(const json& circuit, const QString& what) {
    SchematicScene scene;
    scene.setCircuit(circuit);
    QString problem = compareConnectivity(scene, what);
    if (!problem.isEmpty()) qInfo("%s", withLayout(circuit, scene.layout()).dump().c_str());  // to reproduce it
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = compareBodies(scene, what);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = compareDots(scene, what);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

json randomCircuit(unsigned seed) {
    std::mt19937 rng(seed);
    const std::vector<std::pair<std::string, int>> kinds = {{"resistor", 2},       {"capacitor", 2}, {"memristor", 2},
                                                            {"voltage_source", 2}, {"mosfet", 3},    {"vcvs", 4}};
    const int nodes = 2 + static_cast<int>(rng() % 5), count = 2 + static_cast<int>(rng() % 8);
    json els = json::array();
    for (int k = 0; k < count; ++k) {
        const auto& [kind, pins] = kinds[rng() % kinds.size()];
        json ns = json::array();
        for (int p = 0; p < pins; ++p) {
            const int n = static_cast<int>(rng() % static_cast<unsigned>(nodes + 1));
            ns.push_back(n == 0 ? std::string("0") : "n" + std::to_string(n));
        }
        els.push_back({{"kind", kind}, {"name", "X" + std::to_string(k)}, {"nodes", ns}});
    }
    return {{"id", "rnd"}, {"name", "random"}, {"netlist", {{"title", "random"}, {"elements", els}}}};
}

}  // namespace

class TestSchematicGeometry : public QObject {
    Q_OBJECT
private slots:
    void exampleCircuitsAreDrawnAsTheirNetlists();
    void everyCellOnItsOwnIsDrawnAsItsNetlist();
    void randomNetlistsAreDrawnAsTheirNetlists();
    // The check itself: a wire drawn across another pin is caught.
    void aWireOverAForeignPinIsCaught();
};

void TestSchematicGeometry::exampleCircuitsAreDrawnAsTheirNetlists() {
    const QDir dir(QStringLiteral(MS_SOURCE_DIR "/projects"));
    int circuits = 0;
    for (const QString& file : dir.entryList({"*.json"}, QDir::Files)) {
        std::ifstream in(dir.filePath(file).toStdString());
        const json project = json::parse(in, nullptr, false);
        if (!project.is_object() || !project.contains("circuits") || !project["circuits"].is_array()) continue;
        for (const json& c : project["circuits"]) {
            checkAll(c, file + "/" + QString::fromStdString(c.value("id", std::string())));
            if (QTest::currentTestFailed()) return;
            ++circuits;
        }
    }
    QVERIFY(circuits >= 5);
}

void TestSchematicGeometry::everyCellOnItsOwnIsDrawnAsItsNetlist() {
    const json device{{"model", "vteam"}, {"preset", "analog_vteam"}};
    const json empty{{"id", "c"}, {"name", "cell"}, {"netlist", {{"title", ""}, {"elements", json::array()}}}};
    for (const auto& cell : ms::circuit::cellRegistry().all()) {
        json c = insertCell(empty, cell.id, device, QPointF(0, 0));
        QVERIFY2(c.contains("schematic") && !c["schematic"]["parts"].empty(), cell.id.c_str());
        checkAll(c, QString::fromStdString("cell " + cell.id));
        if (QTest::currentTestFailed()) return;
        c.erase("schematic");  // and as an imported netlist, laid out automatically
        checkAll(c, QString::fromStdString("cell " + cell.id + " (automatic layout)"));
        if (QTest::currentTestFailed()) return;
    }
}

void TestSchematicGeometry::randomNetlistsAreDrawnAsTheirNetlists() {
    for (unsigned seed = 1; seed <= 200; ++seed) {
        checkAll(randomCircuit(seed), QStringLiteral("random netlist %1").arg(seed));
        if (QTest::currentTestFailed()) return;
    }
}

void TestSchematicGeometry::aWireOverAForeignPinIsCaught() {
    json c = randomCircuit(1);
    c["netlist"]["elements"] = json::array(
        {{{"kind", "resistor"}, {"name", "R1"}, {"nodes", {"a", "b"}}}, {{"kind", "resistor"}, {"name", "R2"}, {"nodes", {"b", "c"}}}});
    SchematicScene scene;
    scene.setCircuit(c);
    QVERIFY(compareConnectivity(scene, "ok").isEmpty());
    // Move R2 so its left pin sits on R1's right pin: b-b is fine, but now put c there.
    c["netlist"]["elements"][1]["nodes"] = json::array({"c", "b"});
    c["schematic"] = {{"parts", {{"R1", {{"x", 0}, {"y", 0}}}, {"R2", {{"x", 80}, {"y", 0}}}}}};
    scene.setCircuit(c);
    QVERIFY(!compareConnectivity(scene, "bad").isEmpty());
}

QTEST_MAIN(TestSchematicGeometry)
#include "test_schematic_geometry.moc"
