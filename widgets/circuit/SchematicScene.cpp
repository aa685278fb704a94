#include "widgets/circuit/SchematicScene.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <QApplication>
#include <QFontMetricsF>
#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QLinearGradient>
#include <QMimeData>
#include <QPainter>
#include <QPainterPathStroker>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>

#include "core/circuit/ElementRegistry.h"
#include "widgets/SiFormat.h"
#include "widgets/circuit/SchematicRouting.h"
#include "widgets/circuit/SchematicSymbols.h"

namespace ms::gui::schematic {

using json = nlohmann::json;

namespace {

const QColor kInk(30, 30, 30);
const QColor kSelected(20, 110, 220);
const QColor kWire(40, 90, 40);
constexpr double kPinHit = 7.0;

// "R1  10 kΩ": the name and the value a reader looks for first.
std::string partLabel(const json& e) {
    const std::string kind = e.value("kind", std::string());
    std::string label = e.value("name", std::string());
    const auto* info = ms::circuit::elementRegistry().find(kind);
    if (kind == "memristor" && e.contains("device") && e["device"].is_object()) {
        const json& d = e["device"];
        // The preset names the device a reader knows; the model is in the part panel.
        return label + "  " + (d.contains("preset") ? d.value("preset", std::string()) : d.value("model", std::string()));
    }
    if ((kind == "voltage_source" || kind == "current_source" || kind == "switch") && e.contains("stimulus") &&
        e["stimulus"].is_object() && !e["stimulus"].value("id", std::string()).empty())
        return label + "  " + e["stimulus"].value("id", std::string());
    if (info && !info->params.empty()) {
        const auto& spec = info->params.front();
        double v = spec.defaultValue;
        if (e.contains("params") && e["params"].is_object() && e["params"].contains(spec.key) &&
            e["params"][spec.key].is_number())
            v = e["params"][spec.key].get<double>();
        label += "  " + formatSi(v, QString::fromStdString(spec.unit), 3).toStdString();
    }
    return label;
}

// Labels at the UI font size (drawn 1:1 at the smallest fit scale).
QFont labelFont() {
    QFont f = QApplication::font();
    if (f.pointSizeF() <= 0) f.setPointSizeF(9);
    return f;
}

}  // namespace

// ---------------------------------------------------------------- scene ---

SchematicScene::SchematicScene(QObject* parent) : QGraphicsScene(parent) {
    setItemIndexMethod(QGraphicsScene::NoIndex);
    connect(this, &QGraphicsScene::selectionChanged, this, &SchematicScene::onSelectionChanged);
}

// ~QGraphicsScene deletes the items after this class's members are gone, and
// deleting a selected item emits selectionChanged, whose slot is ours (UBSan
// caught the call on the half-destroyed scene): clear while the scene is whole.
SchematicScene::~SchematicScene() {
    disconnect(this, &QGraphicsScene::selectionChanged, this, &SchematicScene::onSelectionChanged);
    clear();
}

void SchematicScene::setCircuit(const json& circuit) {
    std::vector<std::string> keepParts = selectedParts();
    std::string keepNode;
    for (auto* it : selectedItems())
        if (auto* j = dynamic_cast<JunctionItem*>(it)) keepNode = j->node;
    const QSignalBlocker block(this);
    wiring_ = false;
    rubber_ = nullptr;
    clear();
    parts_.clear();
    junctions_.clear();
    wires_.clear();
    dotItems_.clear();
    dots_.clear();
    circuit_ = circuit;
    layout_ = layoutOf(circuit_);

    std::map<std::string, int> pinsOn;
    for (const auto& e : elementsOf(circuit_)) {
        const std::string name = e.value("name", std::string());
        auto* item = new PartItem(this, e, layout_.parts[name]);
        addItem(item);
        parts_[name] = item;
        for (const auto& n : item->nodes) ++pinsOn[n];
    }
    for (const auto& [node, pos] : layout_.nodes) {
        auto* j = new JunctionItem(this, node, pinsOn[node], pos);
        addItem(j);
        junctions_[node] = j;
    }
    for (const auto& [name, item] : parts_)
        for (std::size_t p = 0; p < item->nodes.size(); ++p) {
            const std::string& n = item->nodes[p];
            if (n == "0" || !junctions_.count(n)) continue;
            auto* w = new WireItem(PinRef{name, static_cast<int>(p)}, n);
            w->setZValue(-1);
            addItem(w);
            wires_.push_back(w);
        }
    rerouteWires();
    setNodeVoltages(volts_, vmax_);
    for (const auto& n : keepParts)
        if (parts_.count(n)) parts_[n]->setSelected(true);
    if (!keepNode.empty() && junctions_.count(keepNode)) junctions_[keepNode]->setSelected(true);
    const QRectF r = itemsBoundingRect();
    setSceneRect(r.adjusted(-400, -300, 400, 300));
}

PartItem* SchematicScene::part(const std::string& name) const {
    auto it = parts_.find(name);
    return it == parts_.end() ? nullptr : it->second;
}

JunctionItem* SchematicScene::junction(const std::string& node) const {
    auto it = junctions_.find(node);
    return it == junctions_.end() ? nullptr : it->second;
}

std::vector<WireItem*> SchematicScene::wires() const { return wires_; }

std::vector<std::string> SchematicScene::selectedParts() const {
    std::vector<std::string> out;
    for (auto* it : selectedItems())
        if (auto* p = dynamic_cast<PartItem*>(it)) out.push_back(p->name);
    std::sort(out.begin(), out.end());
    return out;
}

void SchematicScene::selectParts(const std::vector<std::string>& names) {
    clearSelection();
    for (const auto& n : names)
        if (auto* p = part(n)) p->setSelected(true);
}

QColor SchematicScene::voltageColour(double v, double vmax) {
    // Diverging scale: blue (negative) - grey (0 V) - red (positive).
    const double t = std::clamp(vmax > 0 ? v / vmax : 0.0, -1.0, 1.0);
    const QColor mid(120, 120, 120), hi(215, 35, 30), lo(30, 80, 220);
    const QColor& end = t >= 0 ? hi : lo;
    const double a = std::fabs(t);
    return QColor::fromRgbF(static_cast<float>(mid.redF() + a * (end.redF() - mid.redF())),
                            static_cast<float>(mid.greenF() + a * (end.greenF() - mid.greenF())),
                            static_cast<float>(mid.blueF() + a * (end.blueF() - mid.blueF())));
}

QColor SchematicScene::colourFor(const std::string& node) const {
    if (volts_.isEmpty()) return kWire;
    auto it = volts_.find(QString::fromStdString(node));
    if (it == volts_.end()) return kWire;
    return voltageColour(*it, vmax_);
}

void SchematicScene::setNodeVoltages(const QHash<QString, double>& volts, double vmax) {
    const bool legendBefore = !volts_.isEmpty();
    volts_ = volts;
    vmax_ = vmax > 0 ? vmax : 1.0;
    for (auto* w : wires_) {
        QPen pen(colourFor(w->node), volts_.isEmpty() ? 1.6 : 2.6);
        pen.setCapStyle(Qt::RoundCap);
        w->setPen(pen);
    }
    for (std::size_t k = 0; k < dotItems_.size() && k < dotNodes_.size(); ++k)
        if (auto* d = dynamic_cast<QGraphicsEllipseItem*>(dotItems_[k])) d->setBrush(colourFor(dotNodes_[k]));
    for (auto& [n, j] : junctions_) j->update();
    for (auto* v : views()) v->viewport()->update();
    if (legendBefore != !volts_.isEmpty()) emit legendChanged();
}

bool SchematicScene::pinAt(QPointF pos, PinRef* pin) const {
    double best = kPinHit;
    bool found = false;
    for (const auto& [name, item] : parts_)
        for (std::size_t p = 0; p < item->terminals; ++p) {
            const QPointF d = item->pinPos(static_cast<int>(p)) - pos;
            const double dist = std::hypot(d.x(), d.y());
            if (dist < best) {
                best = dist;
                found = true;
                if (pin) *pin = PinRef{name, static_cast<int>(p)};
            }
        }
    return found;
}

QPointF SchematicScene::pinScenePos(const PinRef& pin) const {
    const PartItem* p = part(pin.element);
    return p ? p->pinPos(pin.pin) : QPointF();
}

void SchematicScene::rerouteWires() {
    if (routing_) return;
    routing_ = true;
    std::vector<PartGeometry> geometry;
    for (const auto& [name, item] : parts_)
        geometry.push_back({name, item->kind, Placement{item->pos(), item->rotation}, item->nodes, item->terminals});
    // A junction being dragged leads its net; the others keep their layout point.
    std::map<std::string, QPointF> want;
    std::set<std::string> fixed;
    for (const auto& [node, j] : junctions_) {
        const bool dragged = j->pos() != j->committedPos;
        want[node] = dragged ? j->pos() : layout_.nodes[node];
        if (dragged || layout_.storedNodes[node]) fixed.insert(node);
    }
    const Routing r = routeSchematic(geometry, want, fixed);
    std::map<std::pair<std::string, int>, const RoutedWire*> byPin;
    for (const auto& w : r.wires) byPin[{w.pin.element, w.pin.pin}] = &w;
    for (auto* w : wires_) {
        auto it = byPin.find({w->pin.element, w->pin.pin});
        w->setPolyline(it != byPin.end() ? it->second->path : QPolygonF(QList<QPointF>{pinScenePos(w->pin)}));
    }
    for (auto& [node, j] : junctions_) {
        auto it = r.roots.find(node);
        if (it == r.roots.end() || j->pos() != j->committedPos) continue;
        j->setPos(it->second);
        j->committedPos = it->second;
    }
    for (auto* d : dotItems_) {
        removeItem(d);
        delete d;
    }
    dotItems_.clear();
    dots_ = r.dots;
    dotNodes_ = r.dotNodes;
    for (const QPointF& at : dots_) {
        auto* d = addEllipse(QRectF(at.x() - 4, at.y() - 4, 8, 8), Qt::NoPen, QBrush(colourFor(r.dotNodes[dotItems_.size()])));
        d->setZValue(0.5);
        dotItems_.push_back(d);
    }
    routing_ = false;
}

void SchematicScene::onSelectionChanged() {
    const auto items = selectedItems();
    if (items.size() != 1) return;
    if (auto* p = dynamic_cast<PartItem*>(items.front()))
        emit probeRequested(QStringLiteral("i(%1)").arg(QString::fromStdString(p->name)));
    else if (auto* j = dynamic_cast<JunctionItem*>(items.front()))
        emit probeRequested(QStringLiteral("v(%1)").arg(QString::fromStdString(j->node)));
    else if (auto* w = dynamic_cast<WireItem*>(items.front()))
        emit probeRequested(QStringLiteral("v(%1)").arg(QString::fromStdString(w->node)));
}

void SchematicScene::mousePressEvent(QGraphicsSceneMouseEvent* e) {
    PinRef pin;
    if (e->button() == Qt::LeftButton && pinAt(e->scenePos(), &pin)) {
        // Dragging from a pin draws a wire to another pin or a junction.
        wiring_ = true;
        wireFrom_ = pin;
        const QPointF from = pinScenePos(pin);
        rubber_ = addLine(QLineF(from, e->scenePos()), QPen(kSelected, 1.5, Qt::DashLine));
        e->accept();
        return;
    }
    QGraphicsScene::mousePressEvent(e);
}

void SchematicScene::mouseMoveEvent(QGraphicsSceneMouseEvent* e) {
    if (wiring_ && rubber_) {
        rubber_->setLine(QLineF(pinScenePos(wireFrom_), e->scenePos()));
        e->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(e);
}

void SchematicScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* e) {
    if (wiring_) {
        wiring_ = false;
        if (rubber_) {
            removeItem(rubber_);
            delete rubber_;
            rubber_ = nullptr;
        }
        PinRef to;
        std::string target;
        if (pinAt(e->scenePos(), &to) && !(to == wireFrom_)) {
            target = nodeOf(circuit_, to);
        } else {
            for (const auto& [node, j] : junctions_)
                if (QLineF(j->pos(), e->scenePos()).length() < 10) target = node;
        }
        if (!target.empty())
            emit connectRequested(QString::fromStdString(wireFrom_.element), wireFrom_.pin, QString::fromStdString(target));
        e->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(e);
    QVariantMap moved;
    for (const auto& [name, item] : parts_)
        if (item->pos() != item->committedPos) moved.insert(QString::fromStdString(name), item->pos());
    if (!moved.isEmpty()) {
        emit partsMoved(moved);
        return;
    }
    for (const auto& [node, j] : junctions_)
        if (j->pos() != j->committedPos) {
            emit nodeMoved(QString::fromStdString(node), j->pos());
            return;
        }
}

// ----------------------------------------------------------------- parts ---

PartItem::PartItem(SchematicScene* scene, const json& e, const Placement& pl) : owner_(scene) {
    name = e.value("name", std::string());
    kind = e.value("kind", std::string());
    nodes = nodeNames(e);
    const auto* info = ms::circuit::elementRegistry().find(kind);
    terminals = info ? info->terminals.size() : nodes.size();
    rotation = pl.rotation;
    driven = e.contains("stimulus") && e["stimulus"].is_object() && !e["stimulus"].value("id", std::string()).empty();
    label = partLabel(e);
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setPos(pl.pos);
    committedPos = pl.pos;
    setToolTip(QString::fromStdString(name + " (" + (info ? info->name : kind) + ")" +
                                      (info ? ": " + info->summary : std::string())));
}

QPointF PartItem::pinPos(int pin) const {
    const auto offs = pinOffsets(kind, terminals);
    if (pin < 0 || static_cast<std::size_t>(pin) >= offs.size()) return pos();
    return pos() + rotated(offs[static_cast<std::size_t>(pin)], rotation);
}

QRectF PartItem::boundingRect() const {
    // Symbol, the label (above, or right of an upright part) and ground signs below pins.
    return labelBox().united(bodyRect()).adjusted(-4, -4, 4, 4).united(bodyRect().adjusted(-12, -22, 12, 26));
}

QRectF PartItem::bodyRect() const {
    QTransform t;
    t.rotate(rotation);
    return t.mapRect(symbolBounds(kind));
}

QRectF PartItem::labelBox() const {
    const QRectF body = bodyRect();
    const QFontMetricsF fm(labelFont());
    const double w = fm.horizontalAdvance(QString::fromStdString(label)) + 6, h = fm.height() + 2;
    return rotation % 180 != 0 ? QRectF(body.right() + 4, -h / 2, w, h) : QRectF(body.left(), body.top() - h - 2, w, h);
}

QPainterPath PartItem::shape() const {
    QTransform t;
    t.rotate(rotation);
    QPainterPath path;
    path.addRect(t.mapRect(symbolBounds(kind)).adjusted(-2, -2, 2, 2));
    return path;
}

void PartItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    const QColor ink = isSelected() ? kSelected : kInk;
    p->setPen(QPen(ink, isSelected() ? 2.0 : 1.5));
    p->setBrush(Qt::NoBrush);
    p->save();
    p->rotate(rotation);
    paintSymbol(p, kind, driven);
    p->restore();
    // Pins: ground signs on node 0, a small mark elsewhere.
    for (std::size_t k = 0; k < terminals && k < nodes.size(); ++k) {
        const QPointF at = rotated(pinOffsets(kind, terminals)[k], rotation);
        if (nodes[k] == "0" && kind != "ground") {
            p->setPen(QPen(kInk, 1.5));
            paintGroundSign(p, at);
        } else {
            p->setPen(Qt::NoPen);
            p->setBrush(owner_->colourFor(nodes[k]));
            p->drawRect(QRectF(at.x() - 2, at.y() - 2, 4, 4));
            p->setBrush(Qt::NoBrush);
        }
    }
    // The label stays upright whatever the rotation, above the symbol.
    p->setFont(labelFont());
    p->setPen(ink);
    p->drawText(labelBox(), Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(label));
}

QVariant PartItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionChange) return snap(value.toPointF());
    if (change == ItemPositionHasChanged) owner_->rerouteWires();
    return QGraphicsItem::itemChange(change, value);
}

// ------------------------------------------------------------- junctions ---

JunctionItem::JunctionItem(SchematicScene* scene, std::string n, int pinCount, QPointF pos)
    : node(std::move(n)), pins(pinCount), owner_(scene) {
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setPos(pos);
    committedPos = pos;
    setZValue(1);
    setToolTip(QObject::tr("Node %1: click to probe its voltage, drag to move the junction")
                   .arg(QString::fromStdString(node)));
}

QRectF JunctionItem::boundingRect() const { return QRectF(-8, -22, 114, 30); }

QPainterPath JunctionItem::shape() const {
    QPainterPath p;
    p.addEllipse(QPointF(0, 0), 7, 7);
    return p;
}

void JunctionItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    const QColor c = isSelected() ? kSelected : owner_->colourFor(node);
    if (pins <= 1) {  // an unconnected pin: an open circle invites a wire
        p->setPen(QPen(c, 1.2));
        p->setBrush(Qt::white);
        p->drawEllipse(QPointF(0, 0), 3.5, 3.5);
    } else if (isSelected()) {  // the junction handle; branch dots are the scene's own items
        p->setPen(QPen(c, 1.5));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QPointF(0, 0), 5.0, 5.0);
    }
    if (pins > 1 || isSelected()) {
        QFont f = labelFont();
        f.setPointSizeF(f.pointSizeF() * 0.95);
        f.setItalic(true);
        p->setFont(f);
        p->setPen(isSelected() ? kSelected : QColor(90, 90, 90));
        p->drawText(QRectF(4, -21, 100, 19), Qt::AlignLeft | Qt::AlignBottom, QString::fromStdString(node));
    }
}

QVariant JunctionItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionChange) return snap(value.toPointF());
    if (change == ItemPositionHasChanged) owner_->rerouteWires();
    return QGraphicsItem::itemChange(change, value);
}

// ----------------------------------------------------------------- wires ---

WireItem::WireItem(PinRef p, std::string n) : pin(std::move(p)), node(std::move(n)) {
    setFlags(ItemIsSelectable);
    setToolTip(QObject::tr("Wire of node %1 (click to probe, Delete to disconnect the pin)")
                   .arg(QString::fromStdString(node)));
}

void WireItem::setPolyline(const QPolygonF& points) {
    QPainterPath path;
    if (!points.isEmpty()) path.addPolygon(points);
    setPath(path);
}

QPainterPath WireItem::shape() const {
    QPainterPathStroker s;
    s.setWidth(8);
    return s.createStroke(path());
}

// ------------------------------------------------------------------ view ---

SchematicView::SchematicView(SchematicScene* scene, QWidget* parent) : QGraphicsView(scene, parent), scene_(scene) {
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    connect(scene, &SchematicScene::legendChanged, this, [this] {
        if (autoFit_) fitAll();
    });
}

QPointF SchematicView::cursorScenePos() const {
    const QPoint local = viewport()->mapFromGlobal(QCursor::pos());
    if (viewport()->rect().contains(local)) return mapToScene(local);
    return mapToScene(viewport()->rect().center());
}

void SchematicView::zoomBy(double factor) {
    autoFit_ = false;
    const double current = transform().m11();
    const double next = std::clamp(current * factor, 0.15, 8.0);
    scale(next / current, next / current);
}

void SchematicView::fitAll() {
    autoFit_ = true;
    const QRectF r = scene_->itemsBoundingRect();
    if (r.isEmpty() || viewport()->width() < 10 || viewport()->height() < 10) return;
    const QRectF want = r.adjusted(-30, -30, 30, 30);
    // The voltage legend owns the view's top-right corner: keep the drawing left of it.
    // (A drawing too big for what is left scrolls rather than pass under it.)
    const double legend = scene_->hasVoltages() ? 110.0 : 0.0;
    const double s = std::clamp(std::min((viewport()->width() - legend) / want.width(), viewport()->height() / want.height()),
                                kMinFitScale, kMaxFitScale);
    setTransform(QTransform::fromScale(s, s));
    // Too big even at the readable minimum: show its top left (where a
    // schematic starts: the sources), the rest is a scroll away.
    const double vw = (viewport()->width() - legend) / s, vh = viewport()->height() / s;
    const double cx = want.width() > vw ? want.left() + vw / 2 : r.center().x();
    const double cy = want.height() > vh ? want.top() + vh / 2 : r.center().y();
    centerOn(QPointF(cx + legend / 2 / s, cy));
}

void SchematicView::resizeEvent(QResizeEvent* e) {
    QGraphicsView::resizeEvent(e);
    if (autoFit_) fitAll();
}

void SchematicView::showEvent(QShowEvent* e) {
    QGraphicsView::showEvent(e);
    if (autoFit_) fitAll();
}

void SchematicView::wheelEvent(QWheelEvent* e) {
    zoomBy(std::pow(1.0015, e->angleDelta().y()));
    e->accept();
}

void SchematicView::mousePressEvent(QMouseEvent* e) {
    if (e->button() == Qt::MiddleButton) {
        panning_ = true;
        panFrom_ = e->pos();
        setCursor(Qt::ClosedHandCursor);
        e->accept();
        return;
    }
    QGraphicsView::mousePressEvent(e);
}

void SchematicView::mouseMoveEvent(QMouseEvent* e) {
    if (panning_) {
        const QPoint d = e->pos() - panFrom_;
        panFrom_ = e->pos();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        e->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(e);
}

void SchematicView::mouseReleaseEvent(QMouseEvent* e) {
    if (panning_ && e->button() == Qt::MiddleButton) {
        panning_ = false;
        unsetCursor();
        e->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(e);
}

void SchematicView::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasFormat(kPartMime)) e->acceptProposedAction();
}

void SchematicView::dragMoveEvent(QDragMoveEvent* e) {
    if (e->mimeData()->hasFormat(kPartMime)) e->acceptProposedAction();
}

void SchematicView::dropEvent(QDropEvent* e) {
    if (!e->mimeData()->hasFormat(kPartMime)) return;
    const QString kind = QString::fromUtf8(e->mimeData()->data(kPartMime));
    emit partDropped(kind, mapToScene(e->position().toPoint()));
    e->acceptProposedAction();
}

void SchematicView::drawBackground(QPainter* p, const QRectF& rect) {
    p->fillRect(rect, QColor(252, 252, 250));
    if (transform().m11() < 0.4) return;
    p->setPen(QPen(QColor(200, 200, 200), 0));
    const double g = kGrid;
    for (double x = std::floor(rect.left() / g) * g; x < rect.right(); x += g)
        for (double y = std::floor(rect.top() / g) * g; y < rect.bottom(); y += g) p->drawPoint(QPointF(x, y));
}

void SchematicView::drawForeground(QPainter* p, const QRectF&) {
    if (!scene_->hasVoltages()) return;
    // The colour legend, fixed in the view's top-right corner.
    p->save();
    p->resetTransform();
    const double vmax = scene_->voltageScale();
    const QRect bar(viewport()->width() - 40, 30, 14, 140);
    QLinearGradient g(bar.topLeft(), bar.bottomLeft());
    for (int k = 0; k <= 10; ++k) g.setColorAt(k / 10.0, SchematicScene::voltageColour(vmax * (1.0 - k / 5.0), vmax));
    p->fillRect(bar.adjusted(-66, -24, 30, 24), QColor(255, 255, 255, 220));
    p->fillRect(bar, g);
    p->setPen(QColor(60, 60, 60));
    p->drawRect(bar);
    QFont f = p->font();
    f.setPointSizeF(8);
    p->setFont(f);
    const QRect lab(bar.left() - 64, 0, 60, 14);
    p->drawText(lab.translated(0, bar.top() - 7), Qt::AlignRight | Qt::AlignVCenter, formatSi(vmax, "V", 3));
    p->drawText(lab.translated(0, bar.center().y() - 7), Qt::AlignRight | Qt::AlignVCenter, "0 V");
    p->drawText(lab.translated(0, bar.bottom() - 7), Qt::AlignRight | Qt::AlignVCenter, formatSi(-vmax, "V", 3));
    p->drawText(QRect(bar.left() - 66, bar.top() - 22, 96, 14), Qt::AlignCenter, tr("node voltage"));
    p->restore();
}

}  // namespace ms::gui::schematic
