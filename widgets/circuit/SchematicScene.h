// The schematic drawing: a QGraphicsScene rebuilt from one circuit object of
// the document (it never owns the circuit; Qt's diagramscene idea with the
// model kept outside). User gestures become requests (move, connect, drop)
// that the circuit view turns into undoable document commands; the document's
// change then redraws the scene. Wires can be coloured by node voltage.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <QGraphicsItem>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QHash>
#include <nlohmann/json.hpp>

#include "widgets/circuit/SchematicEdits.h"

class QGraphicsLineItem;

namespace ms::gui::schematic {

class PartItem;
class JunctionItem;
class WireItem;

class SchematicScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit SchematicScene(QObject* parent = nullptr);
    ~SchematicScene() override;

    // Rebuilds every item from `circuit`, keeping the selection by name.
    void setCircuit(const nlohmann::json& circuit);
    const nlohmann::json& circuit() const { return circuit_; }
    const Layout& layout() const { return layout_; }

    PartItem* part(const std::string& name) const;
    JunctionItem* junction(const std::string& node) const;
    std::vector<WireItem*> wires() const;
    std::vector<std::string> selectedParts() const;
    // Selects exactly these parts.
    void selectParts(const std::vector<std::string>& names);

    // Node voltages for the wire colours (empty: plain wires); `vmax` > 0 sets the scale.
    void setNodeVoltages(const QHash<QString, double>& volts, double vmax);
    bool hasVoltages() const { return !volts_.isEmpty(); }
    double voltageScale() const { return vmax_; }
    QColor colourFor(const std::string& node) const;
    static QColor voltageColour(double v, double vmax);

    // Pin under `pos` (within a few units), if any.
    bool pinAt(QPointF pos, PinRef* pin) const;
    // Current pin position (follows a part being dragged).
    QPointF pinScenePos(const PinRef& pin) const;
    // Re-routes every wire from the items' current positions (during a drag).
    void rerouteWires();
    // Where nets branch: the junction dots drawn.
    std::vector<QPointF> branchDots() const { return dots_; }

signals:
    void partsMoved(const QVariantMap& positions);  // name -> QPointF
    void nodeMoved(const QString& node, QPointF pos);
    void connectRequested(const QString& element, int pin, const QString& targetNode);
    // The column a probe of the selection plots: "v(node)" or "i(element)".
    void probeRequested(const QString& column);
    // The voltage legend appeared or went (the view keeps the drawing clear of it).
    void legendChanged();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* e) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* e) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* e) override;

private:
    void onSelectionChanged();

    nlohmann::json circuit_;
    Layout layout_;
    std::map<std::string, PartItem*> parts_;
    std::map<std::string, JunctionItem*> junctions_;
    std::vector<WireItem*> wires_;
    std::vector<QPointF> dots_;
    std::vector<std::string> dotNodes_;
    std::vector<QGraphicsItem*> dotItems_;
    bool routing_ = false;
    QHash<QString, double> volts_;
    double vmax_ = 1.0;
    bool wiring_ = false;
    PinRef wireFrom_;
    QGraphicsLineItem* rubber_ = nullptr;
};

// A placed element: its symbol, name and main value; pins on ground get a
// ground sign. Movable and snapped to the grid.
class PartItem : public QGraphicsItem {
public:
    PartItem(SchematicScene* scene, const nlohmann::json& element, const Placement& placement);
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* opt, QWidget* w) override;

    std::string name, kind, label;
    std::vector<std::string> nodes;
    std::size_t terminals = 2;
    int rotation = 0;
    bool driven = false;
    QPointF committedPos;
    QPointF pinPos(int pin) const;  // scene position of a pin now
    QRectF bodyRect() const;        // the symbol, in item coordinates
    QRectF labelBox() const;        // the name and value, in item coordinates

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    SchematicScene* owner_;
};

// The junction of a node: where its wires meet. Movable.
class JunctionItem : public QGraphicsItem {
public:
    JunctionItem(SchematicScene* scene, std::string node, int pins, QPointF pos);
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* opt, QWidget* w) override;
    std::string node;
    int pins;
    QPointF committedPos;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    SchematicScene* owner_;
};

// One wire: from a pin to its net's tree (SchematicRouting), orthogonal.
class WireItem : public QGraphicsPathItem {
public:
    WireItem(PinRef pin, std::string node);
    void setPolyline(const QPolygonF& points);
    QPainterPath shape() const override;
    PinRef pin;
    std::string node;
};

// The view: wheel zoom under the mouse, middle-button pan, grid, drops from
// the palette, and the voltage colour legend.
class SchematicView : public QGraphicsView {
    Q_OBJECT
public:
    static constexpr const char* kPartMime = "application/x-memristor-studio-element";
    explicit SchematicView(SchematicScene* scene, QWidget* parent = nullptr);
    // Scene position under the mouse (the view centre if the mouse is away).
    QPointF cursorScenePos() const;
    void zoomBy(double factor);
    // Fits the drawing with a margin, never much below 1:1 (labels near the UI font
    // size, 0.75 at the least) nor above 2:1; until the user zooms, a resize fits again.
    void fitAll();
    static constexpr double kMinFitScale = 0.75, kMaxFitScale = 2.0;

signals:
    void partDropped(const QString& kind, QPointF scenePos);

protected:
    void wheelEvent(QWheelEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dragMoveEvent(QDragMoveEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void drawBackground(QPainter* p, const QRectF& rect) override;
    void drawForeground(QPainter* p, const QRectF& rect) override;
    void resizeEvent(QResizeEvent* e) override;
    void showEvent(QShowEvent* e) override;

private:
    SchematicScene* scene_;
    bool autoFit_ = true;
    bool panning_ = false;
    QPoint panFrom_;
};

}  // namespace ms::gui::schematic
