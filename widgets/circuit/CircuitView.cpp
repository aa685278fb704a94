#include "widgets/circuit/CircuitView.h"

#include <algorithm>
#include <cmath>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDrag>
#include <QFileDialog>
#include <QMessageBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QUndoStack>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "core/circuit/CircuitObject.h"
#include "core/circuit/ElementRegistry.h"
#include "core/circuit/NetlistJson.h"
#include "core/circuit/SynapseCell.h"
#include "core/project/Project.h"
#include "core/sim/Stimulus.h"
#include "widgets/DeviceEditor.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/ParamEditor.h"
#include "widgets/PwlPointsEditor.h"
#include "widgets/SiFormat.h"
#include "widgets/circuit/CircuitPlot.h"
#include "widgets/circuit/ParameterStep.h"
#include "widgets/circuit/SchematicExport.h"
#include "widgets/circuit/SchematicScene.h"
#include "widgets/circuit/SchematicSymbols.h"

namespace ms::gui {

using json = nlohmann::json;
namespace sch = schematic;

namespace {

constexpr const char* kPartsMime = "application/x-memristor-studio-parts";

// Keyboard shortcuts for placing common parts (issue 4: "R, C, M, V, G ...").
const std::vector<std::pair<std::string, QString>>& partShortcuts() {
    static const std::vector<std::pair<std::string, QString>> keys = {
        {"resistor", "R"}, {"capacitor", "C"}, {"memristor", "M"}, {"voltage_source", "V"}, {"current_source", "I"},
        {"ground", "G"},   {"mosfet", "Q"},    {"switch", "S"},    {"diode", "D"},          {"selector", "X"},
        {"opamp", "O"},    {"tia", "T"},       {"vcvs", "E"}};
    return keys;
}

QString shortcutOf(const std::string& kind) {
    for (const auto& [k, key] : partShortcuts())
        if (k == kind) return key;
    return {};
}

// The palette: element kinds of the registry, dragged onto the schematic.
class PaletteList : public QListWidget {
public:
    using QListWidget::QListWidget;

protected:
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override {
        auto* m = new QMimeData;
        if (!items.isEmpty()) m->setData(sch::SchematicView::kPartMime, items.front()->data(Qt::UserRole).toByteArray());
        return m;
    }
    QStringList mimeTypes() const override { return {sch::SchematicView::kPartMime}; }
};

QIcon symbolIcon(const std::string& kind) {
    QPixmap pm(56, 56);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(28, 28);
    p.scale(0.6, 0.6);
    p.setPen(QPen(QColor(30, 30, 30), 2.2));
    sch::paintSymbol(&p, kind, false);
    return QIcon(pm);
}

const SeriesBuffer* findSeries(const std::vector<SeriesBuffer>* series, const char* id) {
    if (!series) return nullptr;
    for (const auto& s : *series)
        if (s.id == QLatin1String(id)) return &s;
    return nullptr;
}

}  // namespace

CircuitView::CircuitView(DocumentModel* doc, QWidget* parent) : ResultView(parent), doc_(doc) {
    scene_ = new sch::SchematicScene(this);
    view_ = new sch::SchematicView(scene_, this);
    view_->setObjectName("schematicView");
    plot_ = new CircuitPlot(this);
    connect(plot_, &CircuitPlot::tracesChanged, this, [this] { updateResults(); });
    stepper_ = new ParameterStepper(this);
    connect(plot_, &CircuitPlot::stepRequested, this, &CircuitView::openStepDialog);
    connect(plot_, &CircuitPlot::stepsCleared, stepper_, &ParameterStepper::clear);
    connect(stepper_, &ParameterStepper::stepFinished, this, [this] { updateResults(); });
    connect(stepper_, &ParameterStepper::failed, plot_, &CircuitPlot::showProblem);

    // Toolbar.
    auto* bar = new QToolBar(this);
    bar->setIconSize(QSize(18, 18));
    bar->addWidget(new QLabel(tr("Circuit "), bar));
    circuitPicker_ = new QComboBox(bar);
    circuitPicker_->setMinimumWidth(180);
    bar->addWidget(circuitPicker_);
    connect(circuitPicker_, &QComboBox::activated, this, [this](int k) { selectCircuit(k); });
    bar->addAction(tr("New circuit"), this, [this] {
        json circuits = doc_->value("/circuits");
        if (!circuits.is_array()) circuits = json::array();
        circuits.push_back(sch::newCircuit(circuits));
        circuitIndex_ = static_cast<int>(circuits.size()) - 1;
        doc_->setValue("/circuits", circuits, tr("New circuit"));
    });
    auto* cellButton = new QToolButton(bar);
    cellButton->setText(tr("Add cell"));
    cellButton->setPopupMode(QToolButton::InstantPopup);
    auto* cellMenu = new QMenu(cellButton);
    for (const auto& c : ms::circuit::cellRegistry().all()) {
        QAction* a = cellMenu->addAction(QString::fromUtf8("%1   —   %2 F², w = %3, range %4")
                                             .arg(QString::fromStdString(c.name))
                                             .arg(c.areaF2, 0, 'g', 3)
                                             .arg(QString::fromStdString(c.weightExpression),
                                                  QString::fromStdString(c.range)));
        a->setToolTip(QString::fromStdString(c.structure + "\n" + c.source));
        const std::string id = c.id;
        connect(a, &QAction::triggered, this, [this, id] { insertCell(id); });
    }
    cellMenu->setToolTipsVisible(true);
    cellButton->setMenu(cellMenu);
    bar->addWidget(cellButton);
    bar->addSeparator();

    // Editing actions live on the schematic so single-letter keys never fire
    // while typing in the parameter panel.
    auto addAction = [this, bar](const QString& text, const QKeySequence& key, auto slot, bool onBar = true) {
        auto* a = new QAction(text, view_);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetShortcut);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, slot);
        view_->addAction(a);
        if (onBar) bar->addAction(a);
        return a;
    };
    addAction(tr("Rotate"), QKeySequence(Qt::CTRL | Qt::Key_R), [this] { rotateSelection(); });
    addAction(tr("Delete"), QKeySequence(QKeySequence::Delete), [this] { deleteSelection(); });
    addAction(tr("Delete"), QKeySequence(Qt::Key_Backspace), [this] { deleteSelection(); }, false);
    addAction(tr("Copy"), QKeySequence(QKeySequence::Copy), [this] { copySelection(); });
    addAction(tr("Paste"), QKeySequence(QKeySequence::Paste), [this] { paste(); });
    bar->addSeparator();
    addAction(tr("Fit"), QKeySequence(Qt::Key_F), [this] { view_->fitAll(); });
    addAction(tr("Zoom in"), QKeySequence(Qt::Key_Plus), [this] { view_->zoomBy(1.25); });
    addAction(tr("Zoom out"), QKeySequence(Qt::Key_Minus), [this] { view_->zoomBy(0.8); });
    bar->addSeparator();
    bar->addWidget(buildExportButton(bar));
    for (const auto& [kind, key] : partShortcuts()) {
        const auto* info = ms::circuit::elementRegistry().find(kind);
        if (!info) continue;
        const std::string k = kind;
        addAction(tr("Place %1").arg(QString::fromStdString(info->name)), QKeySequence(key),
                  [this, k] { addPart(k, view_->cursorScenePos()); }, false);
    }

    // Centre: schematic over the time slider and the result plot.
    auto* centre = new QSplitter(Qt::Vertical, this);
    auto* schematicBox = new QWidget(centre);
    auto* sl = new QVBoxLayout(schematicBox);
    sl->setContentsMargins(0, 0, 0, 0);
    sl->setSpacing(2);
    sl->addWidget(view_, 1);
    auto* timeRow = new QHBoxLayout;
    timeLabel_ = new QLabel(tr("wire colours: no run yet"), schematicBox);
    timeLabel_->setMinimumWidth(200);
    timeSlider_ = new QSlider(Qt::Horizontal, schematicBox);
    timeSlider_->setRange(0, 0);
    timeSlider_->setToolTip(tr("Time at which wires show their node voltage"));
    connect(timeSlider_, &QSlider::valueChanged, this, [this] { updateVoltageColours(); });
    timeRow->addWidget(timeLabel_);
    timeRow->addWidget(timeSlider_, 1);
    sl->addLayout(timeRow);
    centre->addWidget(schematicBox);
    centre->addWidget(plot_);
    centre->setStretchFactor(0, 3);
    centre->setStretchFactor(1, 2);
    centre->setSizes({3000, 2000});  // the schematic gets its share from the start, not the plot's leftovers

    // Right: cell info, live weight, the selected part's parameters.
    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(4, 0, 0, 0);
    cellInfo_ = new QLabel(side);
    cellInfo_->setWordWrap(true);
    cellInfo_->setTextFormat(Qt::RichText);
    cellInfo_->setFrameShape(QFrame::StyledPanel);
    cellInfo_->setMargin(4);
    weight_ = new QLabel(side);
    weight_->setWordWrap(true);
    weight_->setTextFormat(Qt::RichText);
    panelArea_ = new QScrollArea(side);
    panelArea_->setWidgetResizable(true);
    sideLayout->addWidget(cellInfo_);
    sideLayout->addWidget(weight_);
    sideLayout->addWidget(panelArea_, 1);
    side->setMinimumWidth(300);
    side->setMaximumWidth(420);

    auto* body = new QSplitter(Qt::Horizontal, this);
    body->addWidget(buildPalette());
    body->addWidget(centre);
    body->addWidget(side);
    body->setStretchFactor(0, 0);
    body->setStretchFactor(1, 1);
    body->setStretchFactor(2, 0);
    // Without initial sizes the splitter gave the palette's pane more than
    // the palette's maximum width, an empty strip beside it, taken from the
    // schematic (at 1280x720 the 2M cell did not fit).
    body->setSizes({170, 1400, 320});

    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(2, 2, 2, 2);
    l->setSpacing(2);
    l->addWidget(bar);
    l->addWidget(body, 1);

    connect(view_, &sch::SchematicView::partDropped, this,
            [this](const QString& kind, QPointF pos) { addPart(kind.toStdString(), pos); });
    connect(scene_, &sch::SchematicScene::partsMoved, this, [this](const QVariantMap& moved) {
        std::map<std::string, QPointF> pos;
        for (auto it = moved.begin(); it != moved.end(); ++it) pos[it.key().toStdString()] = it.value().toPointF();
        const QString what = moved.size() == 1 ? moved.firstKey() : tr("%1 parts").arg(moved.size());
        commit(sch::moveParts(currentCircuit(), pos), tr("Move %1").arg(what));
    });
    connect(scene_, &sch::SchematicScene::nodeMoved, this, [this](const QString& node, QPointF pos) {
        commit(sch::moveNode(currentCircuit(), node.toStdString(), pos), tr("Move junction %1").arg(node));
    });
    connect(scene_, &sch::SchematicScene::connectRequested, this,
            [this](const QString& element, int pin, const QString& node) {
                connectPin(element.toStdString(), pin, node.toStdString());
            });
    connect(scene_, &sch::SchematicScene::probeRequested, this, [this](const QString& column) {
        probe_ = column;
        plot_->setProbe(column);
        updateResults();
    });
    connect(scene_, &QGraphicsScene::selectionChanged, this, [this] { rebuildPartPanel(); });
    connect(doc_, &DocumentModel::changed, this, [this](const QString& pointer) {
        if (!pointer.startsWith("/circuits") && !pointer.isEmpty()) return;
        // A parameter edit inside the panel's element keeps the panel (and its slider drag).
        bool panel = true;
        const int k = sch::elementIndex(currentCircuit(), panelElement_);
        if (!panelElement_.empty() && k >= 0) {
            const QString ep = QString::fromStdString(circuitPointer()) + "/netlist/elements/" + QString::number(k) + "/";
            if (pointer.startsWith(ep)) panel = false;
        }
        scheduleRedraw(panel);
    });
    connect(doc_, &DocumentModel::documentReset, this, [this] {
        circuitIndex_ = 0;
        firstFit_ = true;
        clear();
        scheduleRedraw(true);
    });
    rebuildPartPanel();
    redraw();
}

// The scene dies with this widget's children and emits selection changes as
// it clears; nothing of this half-destroyed view may react to them.
CircuitView::~CircuitView() { scene_->disconnect(this); }

QWidget* CircuitView::buildPalette() {
    auto* list = new PaletteList(this);
    list->setObjectName("palette");
    list->setDragEnabled(true);
    list->setDragDropMode(QAbstractItemView::DragOnly);
    list->setIconSize(QSize(40, 40));
    list->setSpacing(1);
    list->setMaximumWidth(170);
    list->setMinimumWidth(130);
    // Long names ("MOSFET (access transistor) (Q)") wrap instead of running
    // under the column's edge.
    list->setWordWrap(true);
    list->setTextElideMode(Qt::ElideNone);
    for (const auto& k : ms::circuit::elementRegistry().all()) {
        const QString key = shortcutOf(k.id);
        auto* item = new QListWidgetItem(symbolIcon(k.id), QString::fromStdString(k.name) +
                                                               (key.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(key)),
                                         list);
        item->setData(Qt::UserRole, QByteArray::fromStdString(k.id));
        item->setToolTip(QString::fromStdString(k.summary) + tr("\nDrag onto the schematic, or double-click."));
    }
    connect(list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        addPart(item->data(Qt::UserRole).toByteArray().toStdString(), view_->mapToScene(view_->viewport()->rect().center()));
    });
    return list;
}

// -------------------------------------------------------------- document ---

std::string CircuitView::circuitPointer() const { return "/circuits/" + std::to_string(circuitIndex_); }

json CircuitView::currentCircuit() const {
    const json circuits = doc_->value("/circuits");
    if (circuits.is_array() && circuitIndex_ >= 0 && static_cast<std::size_t>(circuitIndex_) < circuits.size())
        return circuits[static_cast<std::size_t>(circuitIndex_)];
    return sch::newCircuit(circuits);
}

void CircuitView::commit(const json& circuit, const QString& label) {
    json circuits = doc_->value("/circuits");
    if (circuits.is_array() && circuitIndex_ >= 0 && static_cast<std::size_t>(circuitIndex_) < circuits.size()) {
        doc_->setValue(circuitPointer(), circuit, label);
        return;
    }
    // No circuit yet: the first edit creates it, still as one command.
    if (!circuits.is_array()) circuits = json::array();
    circuits.push_back(circuit);
    circuitIndex_ = static_cast<int>(circuits.size()) - 1;
    doc_->setValue("/circuits", circuits, label);
}

void CircuitView::selectCircuit(int index) {
    if (index == circuitIndex_) return;
    circuitIndex_ = std::max(0, index);
    firstFit_ = true;
    panelElement_.clear();
    scheduleRedraw(true);
}

void CircuitView::scheduleRedraw(bool panelToo) {
    panelPending_ = panelPending_ || panelToo;
    if (redrawPending_) return;
    redrawPending_ = true;
    // Deferred: the change may come from inside a scene mouse handler whose
    // item a rebuild would delete.
    QMetaObject::invokeMethod(this, [this] { redraw(); }, Qt::QueuedConnection);
}

void CircuitView::redrawNow() { redraw(); }

void CircuitView::redraw() {
    redrawPending_ = false;
    const json circuits = doc_->value("/circuits");
    const int count = circuits.is_array() ? static_cast<int>(circuits.size()) : 0;
    if (circuitIndex_ >= count) circuitIndex_ = std::max(0, count - 1);
    {
        const QSignalBlocker block(circuitPicker_);
        circuitPicker_->clear();
        for (int k = 0; k < count; ++k) {
            const json& c = circuits[static_cast<std::size_t>(k)];
            circuitPicker_->addItem(QString::fromStdString(c.value("name", c.value("id", std::string()))));
        }
        if (count == 0) circuitPicker_->addItem(tr("(none: place a part to start one)"));
        circuitPicker_->setCurrentIndex(count == 0 ? 0 : circuitIndex_);
    }
    const json circuit = count ? circuits[static_cast<std::size_t>(circuitIndex_)] : json::object();
    scene_->setCircuit(circuit);
    if (!pendingSelect_.empty()) {
        scene_->selectParts(pendingSelect_);  // emits selectionChanged: panel and probe follow
        pendingSelect_.clear();
        panelPending_ = false;
    }
    if (panelPending_) {
        panelPending_ = false;
        rebuildPartPanel();
    }
    updateCellInfo();
    updateDefaultProbes();
    updateVoltageColours();
    updateWeight();
    if (firstFit_ && !sch::elementsOf(circuit).empty()) {
        firstFit_ = false;
        view_->fitAll();
    }
}

// ----------------------------------------------------------------- edits ---

void CircuitView::addPart(const std::string& kind, QPointF pos) {
    const json before = currentCircuit();
    const json after = sch::addPart(before, kind, pos, sch::defaultDevice(doc_->project().tree()));
    const json& els = sch::elementsOf(after);
    if (els.size() == sch::elementsOf(before).size()) return;
    const std::string name = els.back().value("name", std::string());
    pendingSelect_ = {name};
    commit(after, tr("Add %1").arg(QString::fromStdString(name)));
}

void CircuitView::insertCell(const std::string& cellId) {
    const json before = currentCircuit();
    QPointF at(0, 0);
    const sch::Layout L = sch::layoutOf(before);
    if (!L.parts.empty()) {
        double maxX = -1e300, minY = 1e300;
        for (const auto& [n, p] : L.parts) {
            maxX = std::max(maxX, p.pos.x());
            minY = std::min(minY, p.pos.y());
        }
        at = QPointF(maxX + 240, minY);
    }
    try {
        const json after = sch::insertCell(before, cellId, sch::defaultDevice(doc_->project().tree()), at);
        const auto* info = ms::circuit::cellRegistry().find(cellId);
        commit(after, tr("Add %1 cell").arg(info ? QString::fromStdString(info->name) : QString::fromStdString(cellId)));
    } catch (const std::exception& e) {
        cellInfo_->setText(tr("<span style='color:#b00020'>Cannot add the cell: %1</span>")
                               .arg(QString::fromStdString(e.what()).toHtmlEscaped()));
    }
}

void CircuitView::rotateSelection() {
    const auto names = scene_->selectedParts();
    if (names.empty()) return;
    commit(sch::rotateParts(currentCircuit(), names),
           tr("Rotate %1").arg(names.size() == 1 ? QString::fromStdString(names.front()) : tr("%1 parts").arg(names.size())));
}

void CircuitView::deleteSelection() {
    const auto names = scene_->selectedParts();
    if (!names.empty()) {
        commit(sch::removeParts(currentCircuit(), names),
               tr("Delete %1").arg(names.size() == 1 ? QString::fromStdString(names.front()) : tr("%1 parts").arg(names.size())));
        return;
    }
    for (auto* item : scene_->selectedItems())
        if (auto* w = dynamic_cast<sch::WireItem*>(item)) {
            commit(sch::detachPin(currentCircuit(), w->pin),
                   tr("Disconnect %1 pin %2").arg(QString::fromStdString(w->pin.element)).arg(w->pin.pin + 1));
            return;
        }
}

void CircuitView::copySelection() {
    const auto names = scene_->selectedParts();
    if (names.empty()) return;
    clipboard_ = sch::copyParts(currentCircuit(), names);
    auto* mime = new QMimeData;
    mime->setData(kPartsMime, QByteArray::fromStdString(clipboard_.dump()));
    mime->setText(QString::fromStdString(clipboard_.dump(2)));
    QApplication::clipboard()->setMimeData(mime);
}

void CircuitView::paste() {
    json fragment = clipboard_;
    if (const QMimeData* m = QApplication::clipboard()->mimeData(); m && m->hasFormat(kPartsMime)) {
        fragment = json::parse(m->data(kPartsMime).toStdString(), nullptr, false);
        if (fragment.is_discarded()) fragment = clipboard_;
    }
    if (!fragment.is_object() || !fragment.contains("elements") || fragment["elements"].empty()) return;
    std::vector<std::string> pasted;
    const json after = sch::pasteParts(currentCircuit(), fragment, QPointF(60, 60), &pasted);
    pendingSelect_ = pasted;
    commit(after, tr("Paste %1 part(s)").arg(pasted.size()));
}

void CircuitView::connectPin(const std::string& element, int pin, const std::string& targetNode) {
    const json before = currentCircuit();
    const json after = sch::connectToNode(before, sch::PinRef{element, pin}, targetNode);
    if (after == before) return;
    commit(after, tr("Connect %1 to %2").arg(QString::fromStdString(element),
                                               QString::fromStdString(targetNode == "0" ? std::string("ground") : targetNode)));
}

bool CircuitView::renamePart(const std::string& old, const std::string& name, QString* why) {
    const json before = currentCircuit();
    if (sch::elementIndex(before, old) < 0) {
        if (why) *why = tr("no part named %1").arg(QString::fromStdString(old));
        return false;
    }
    if (const std::string problem = sch::elementNameProblem(before, old, name); !problem.empty()) {
        if (why) *why = QString::fromStdString(problem);
        return false;
    }
    if (name == old) return true;
    const QString label = tr("Rename %1 to %2").arg(QString::fromStdString(old), QString::fromStdString(name));
    const json experiments = doc_->value("/experiments");
    std::vector<std::string> users;
    const json renamed =
        sch::renameElementInExperiments(experiments, before.value("id", std::string()), old, name, &users);
    doc_->undoStack()->beginMacro(label);
    commit(sch::renameElement(before, old, name), label);
    if (renamed.is_array())
        for (std::size_t k = 0; k < renamed.size(); ++k)
            if (renamed[k] != experiments[k])
                doc_->setValue("/experiments/" + std::to_string(k) + "/source", renamed[k]["source"], label);
    doc_->undoStack()->endMacro();
    // The probe and the selection follow the part.
    for (const char* prefix : {"i(", "v("}) {
        const QString was = QString::fromUtf8(prefix) + QString::fromStdString(old) + ")";
        if (probe_ == was) probe_ = QString::fromUtf8(prefix) + QString::fromStdString(name) + ")";
    }
    if (probe_.startsWith("i(")) plot_->setProbe(probe_);
    panelElement_ = name;
    pendingSelect_ = {name};
    return true;
}

// ------------------------------------------------------------ part panel ---

void CircuitView::rebuildPartPanel() {
    const auto names = scene_->selectedParts();
    const json circuit = currentCircuit();
    panelElement_ = names.size() == 1 ? names.front() : std::string();
    const int k = sch::elementIndex(circuit, panelElement_);
    auto* w = new QWidget;
    auto* l = new QVBoxLayout(w);
    l->setContentsMargins(2, 2, 2, 2);
    if (k < 0) {
        panelElement_.clear();
        auto* hint = new QLabel(tr("<b>Schematic</b><br>Drag parts from the palette (or press R, C, M, V, I, G, Q, S, D, "
                                   "X, O, T over the schematic). Drag from a pin to another pin or a junction to "
                                   "connect; select a wire and press Delete to disconnect it. Ctrl+R rotates, Ctrl+C / "
                                   "Ctrl+V copy and paste, the wheel zooms, the middle button pans.<br><br>Select a part "
                                   "to edit it; select a node or part to plot its voltage or current after a run."),
                                w);
        hint->setWordWrap(true);
        l->addWidget(hint);
    } else {
        const json& e = sch::elementsOf(circuit)[static_cast<std::size_t>(k)];
        const std::string kind = e.value("kind", std::string());
        const auto* info = ms::circuit::elementRegistry().find(kind);
        const std::string ep = circuitPointer() + "/netlist/elements/" + std::to_string(k);
        QString pins;
        const auto nodes = sch::nodeNames(e);
        for (std::size_t p = 0; p < nodes.size(); ++p) {
            const QString term = info && p < info->terminals.size() ? QString::fromStdString(info->terminals[p])
                                                                    : QString::number(p + 1);
            pins += QStringLiteral("%1%2 → %3").arg(p ? " · " : "", term,
                                                     nodes[p] == "0" ? tr("ground") : QString::fromStdString(nodes[p]));
        }
        auto* header = new QLabel(QStringLiteral("<b>%1</b> · %2<br><small>%3</small><br><small>%4</small>")
                                      .arg(QString::fromStdString(e.value("name", std::string())),
                                           QString::fromStdString(info ? info->name : kind),
                                           QString::fromStdString(info ? info->summary : std::string()).toHtmlEscaped(), pins),
                                  w);
        header->setWordWrap(true);
        l->addWidget(header);
        // The part's name: one undo step, refused with the reason.
        auto* nameRow = new QHBoxLayout;
        nameRow->addWidget(new QLabel(tr("Name"), w));
        auto* nameEdit = new QLineEdit(QString::fromStdString(e.value("name", std::string())), w);
        nameEdit->setObjectName("partName");
        nameEdit->setToolTip(tr("Letters, digits and _, starting with a letter; unique in the circuit. Probes, the cell "
                                "block and experiments naming the part follow a rename."));
        nameRow->addWidget(nameEdit, 1);
        l->addLayout(nameRow);
        auto* nameError = new QLabel(w);
        nameError->setObjectName("partNameError");
        nameError->setWordWrap(true);
        nameError->setStyleSheet("color: #b00020");
        nameError->hide();
        l->addWidget(nameError);
        const std::string oldName = e.value("name", std::string());
        connect(nameEdit, &QLineEdit::editingFinished, this, [this, nameEdit, nameError, oldName] {
            if (sch::elementIndex(currentCircuit(), oldName) < 0) return;  // already renamed (focus left the old panel)
            QString why;
            if (renamePart(oldName, nameEdit->text().trimmed().toStdString(), &why)) {
                nameError->hide();
                return;
            }
            nameError->setText(tr("Not renamed: %1").arg(why));
            nameError->show();
        });
        if (info && !info->params.empty())
            l->addWidget(new ParamEditor(doc_, ep + "/params", info->params, ms::withDefaults(info->params), w));
        if (info && info->takesStimulus) {
            auto* row = new QHBoxLayout;
            row->addWidget(new QLabel(tr("Waveform"), w));
            auto* pick = new QComboBox(w);
            pick->addItem(tr("constant (dc)"), QString());
            for (const auto& s : ms::stimulusRegistry().all())
                pick->addItem(QString::fromStdString(s.name), QString::fromStdString(s.id));
            const std::string current =
                e.contains("stimulus") && e["stimulus"].is_object() ? e["stimulus"].value("id", std::string()) : "";
            pick->setCurrentIndex(std::max(0, pick->findData(QString::fromStdString(current))));
            connect(pick, &QComboBox::activated, this, [this, pick, ep](int idx) {
                const QString id = pick->itemData(idx).toString();
                json stimulus{{"id", id.toStdString()}, {"params", json::object()}};
                // A PWL needs points to be a waveform at all: start from a 1 ms triangle to edit.
                if (id == "pwl") stimulus["points"] = json::array({{0.0, 0.0}, {1e-3, 1.0}, {2e-3, 0.0}});
                if (id.isEmpty()) doc_->removeValue(ep + "/stimulus", tr("Constant source"));
                else doc_->setValue(ep + "/stimulus", stimulus, tr("Waveform %1").arg(id));
                scheduleRedraw(true);
            });
            row->addWidget(pick, 1);
            l->addLayout(row);
            if (const auto* s = ms::stimulusRegistry().find(current))
                l->addWidget(new ParamEditor(doc_, ep + "/stimulus/params", s->params, ms::withDefaults(s->params), w));
            if (current == "pwl") {
                // The points of a PWL drive: one undo step per finished edit.
                auto* pwl = new PwlPointsEditor(w);
                pwl->setObjectName("pwlPoints");
                pwl->setValueUnit(kind == "current_source" ? QStringLiteral("A") : QStringLiteral("V"));
                const auto pointsAt = [this, ep] {
                    std::vector<std::pair<double, double>> points;
                    const json stored = doc_->value(ep + "/stimulus/points");
                    if (stored.is_array())
                        for (const auto& p : stored)
                            if (p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number())
                                points.emplace_back(p[0].get<double>(), p[1].get<double>());
                    return points;
                };
                pwl->setPoints(pointsAt());
                // Undo/redo of a points edit keeps this panel: the editor follows the document.
                connect(doc_, &DocumentModel::changed, pwl, [pwl, ep, pointsAt](const QString& pointer) {
                    if (!QString::fromStdString(ep + "/stimulus").startsWith(pointer) &&
                        !pointer.startsWith(QString::fromStdString(ep + "/stimulus")))
                        return;
                    const auto now = pointsAt();
                    if (now != pwl->points()) pwl->setPoints(now);
                });
                const QString name = QString::fromStdString(e.value("name", std::string()));
                connect(pwl, &PwlPointsEditor::pointsEdited, this,
                        [this, ep, name](const std::vector<std::pair<double, double>>& edited) {
                            json pts = json::array();
                            for (const auto& [t, v] : edited) pts.push_back({t, v});
                            doc_->setValue(ep + "/stimulus/points", pts, tr("Edit PWL points of %1").arg(name));
                        });
                l->addWidget(pwl);
            }
        }
        if (info && info->takesDevice && e.contains("device")) l->addWidget(new DeviceEditor(doc_, ep + "/device", w));
    }
    l->addStretch(1);
    QWidget* old = panelArea_->takeWidget();
    if (old) old->deleteLater();
    panelArea_->setWidget(w);
    partEditor_ = w;
}

void CircuitView::updateCellInfo() {
    const json c = currentCircuit();
    cellInfo_->setText(cellInfoText(c) + connectivityWarning(c));
}

// A circuit being drawn may not be solvable yet (a part not wired, no
// ground): it saves and reopens, but runs on it refuse; say so here first.
QString CircuitView::connectivityWarning(const json& c) const {
    if (sch::elementsOf(c).empty()) return {};
    const auto problems = ms::circuit::checkCircuitConnectivity(c, "circuits[" + std::to_string(circuitIndex_) + "]");
    if (problems.empty()) return {};
    QString why = QString::fromStdString(problems.front().message);
    const QString head = QStringLiteral("cannot be simulated: ");
    if (const auto at = why.indexOf(head); at >= 0) why = why.mid(at + head.size());
    return tr("<br><span style='color:#b00020'>Not solvable yet: %1. Runs on this circuit are refused until it is "
              "fixed.</span>")
        .arg(why.toHtmlEscaped());
}

QString CircuitView::cellInfoText(const json& c) const {
    if (!c.contains("cell") || !c["cell"].is_object())
        return tr("<b>%1</b><br><small>Not a synapse cell. <i>Add cell</i> inserts a 1M, 2M, 1M-1T or 4M "
                  "cell from the cell registry.</small>")
            .arg(QString::fromStdString(c.value("name", std::string("Circuit"))).toHtmlEscaped());
    const auto* info = ms::circuit::cellRegistry().find(c["cell"].value("id", std::string()));
    if (!info) return tr("Unknown cell '%1'").arg(QString::fromStdString(c["cell"].value("id", std::string())));
    return QString::fromUtf8("<b>%1</b><br><small>%2</small><br>area ≈ %3 F² · weight w = %4 · range %5"
                             "<br><small><i>%6</i></small>")
        .arg(QString::fromStdString(info->name).toHtmlEscaped(), QString::fromStdString(info->structure).toHtmlEscaped())
        .arg(info->areaF2, 0, 'g', 3)
        .arg(QString::fromStdString(info->weightExpression).toHtmlEscaped(),
             QString::fromStdString(info->range).toHtmlEscaped(), QString::fromStdString(info->source).toHtmlEscaped());
}

// --------------------------------------------------------------- results ---

void CircuitView::follow(ExperimentRunner* runner) {
    runner_ = runner;
    connect(runner, &ExperimentRunner::runStarted, this, [this](const QString& id, const QString& kind) {
        following_ = kinds().contains(kind);
        if (!following_) {
            if (series_ == &runner_->series()) series_ = nullptr;  // that buffer now holds another kind's run
            return;
        }
        kind_ = kind;
        lastRun_ = id;
        series_ = &runner_->series();
        plot_->setKind(kind);
        const int c = circuitOfExperiment(id);
        if (c >= 0 && c != circuitIndex_) selectCircuit(c);
        timeSlider_->setRange(0, 0);
        updateResults();
    });
    connect(runner, &ExperimentRunner::drained, this, [this] {
        if (following_) updateResults();
    });
    connect(runner, &ExperimentRunner::runFinished, this, [this] {
        if (following_) updateResults();
    });
}

int CircuitView::circuitOfExperiment(const QString& experimentId) const {
    const json* e = doc_->project().experiment(experimentId.toStdString());
    if (!e || !e->contains("circuit") || !(*e)["circuit"].is_string()) return -1;
    const json circuits = doc_->value("/circuits");
    if (circuits.is_array())
        for (std::size_t k = 0; k < circuits.size(); ++k)
            if (circuits[k].value("id", std::string()) == (*e)["circuit"].get<std::string>()) return static_cast<int>(k);
    return -1;
}

void CircuitView::showExperiment(const QString& pointer) {
    const json e = doc_->value(pointer.toStdString());
    const int c = circuitOfExperiment(QString::fromStdString(e.value("id", std::string())));
    if (c >= 0) selectCircuit(c);
    const QString kind = QString::fromStdString(e.value("kind", std::string()));
    if (kinds().contains(kind) && kind != kind_ && !(runner_ && runner_->isRunning() && following_)) {
        kind_ = kind;
        plot_->setKind(kind);
    }
}

void CircuitView::clear() {
    series_ = nullptr;
    ownSeries_.clear();
    following_ = false;
    timeSlider_->setRange(0, 0);
    plot_->setKind(kind_.isEmpty() ? QStringLiteral("circuit_transient") : kind_);
    scene_->setNodeVoltages({}, 1.0);
    timeLabel_->setText(tr("wire colours: no run yet"));
    weight_->clear();
}

QList<QCustomPlot*> CircuitView::plots() const { return {plot_->plot()}; }

void CircuitView::showSeries(const QString& kind, const std::vector<SeriesBuffer>& series) {
    following_ = false;
    ownSeries_ = series;
    series_ = &ownSeries_;
    kind_ = kind;
    plot_->setKind(kind);
    if (!probe_.isEmpty()) plot_->setProbe(probe_);
    updateResults();
}

// With nothing probed the plot still shows something meaningful: a cell's
// read current and output (a TIA's or op-amp's output node, else the top node
// of its first device); otherwise the first memristor's current and top node.
void CircuitView::updateDefaultProbes() {
    const json c = currentCircuit();
    const json& els = sch::elementsOf(c);
    auto named = [&](const std::string& name) -> const json* {
        const int k = sch::elementIndex(c, name);
        return k < 0 ? nullptr : &els[static_cast<std::size_t>(k)];
    };
    auto topNode = [](const json& e) {
        for (const auto& n : sch::nodeNames(e))
            if (n != "0") return n;
        return std::string();
    };
    QString v, vWhy, i, iWhy;
    const json* firstMemristor = nullptr;
    if (c.contains("cell") && c["cell"].is_object()) {
        const json& cell = c["cell"];
        if (const json* rd = cell.contains("readElement") && cell["readElement"].is_string()
                                 ? named(cell["readElement"].get<std::string>())
                                 : nullptr) {
            i = QString::fromStdString("i(" + rd->value("name", std::string()) + ")");
            iWhy = tr("cell read current");
            const std::string kind = rd->value("kind", std::string());
            const auto nodes = sch::nodeNames(*rd);
            if ((kind == "tia" || kind == "opamp") && !nodes.empty() && nodes.back() != "0") {
                v = QString::fromStdString("v(" + nodes.back() + ")");
                vWhy = tr("cell output");
            }
        }
        if (cell.contains("memristors") && cell["memristors"].is_array() && !cell["memristors"].empty() &&
            cell["memristors"][0].is_string())
            firstMemristor = named(cell["memristors"][0].get<std::string>());
    }
    if (!firstMemristor)
        for (const auto& e : els)
            if (e.value("kind", std::string()) == "memristor") {
                firstMemristor = &e;
                break;
            }
    if (firstMemristor) {
        const QString name = QString::fromStdString(firstMemristor->value("name", std::string()));
        if (i.isEmpty()) {
            i = QStringLiteral("i(%1)").arg(name);
            iWhy = tr("first memristor");
        }
        if (v.isEmpty() && !topNode(*firstMemristor).empty()) {
            v = QString::fromStdString("v(" + topNode(*firstMemristor) + ")");
            vWhy = tr("top node of %1").arg(name);
        }
    }
    if (v.isEmpty())  // no memristor: the first node that is not ground
        for (const auto& e : els)
            if (e.value("kind", std::string()) != "ground" && !topNode(e).empty()) {
                v = QString::fromStdString("v(" + topNode(e) + ")");
                vWhy = tr("first node");
                break;
            }
    plot_->setDefaultProbes(v, vWhy, i, iWhy);
}

void CircuitView::updateResults() {
    static const std::vector<SeriesBuffer> none;
    updateDefaultProbes();
    plot_->refresh(series_ ? *series_ : none);
    updateVoltageColours();
    updateWeight();
}

void CircuitView::updateVoltageColours() {
    // A transient, else a DC sweep: the wires show the node voltages of one row.
    const SeriesBuffer* s = findSeries(series_, "transient");
    if (!s) s = findSeries(series_, "dc");
    const char* xName = s && s->id == QLatin1String("dc") ? "sweep" : "t";
    if (!s || s->rows() == 0 || s->column(xName) < 0) {
        scene_->setNodeVoltages({}, 1.0);
        return;
    }
    const int rows = static_cast<int>(s->rows());
    // While the slider sits at the end it follows new rows (live colours during a run).
    const bool atEnd = timeSlider_->value() >= timeSlider_->maximum();
    {
        const QSignalBlocker block(timeSlider_);
        timeSlider_->setRange(0, rows - 1);
        if (atEnd) timeSlider_->setValue(rows - 1);
    }
    const auto row = static_cast<std::size_t>(std::clamp(timeSlider_->value(), 0, rows - 1));
    QHash<QString, double> volts;
    double vmax = 0.0;
    for (std::size_t c = 0; c < s->columns.size(); ++c) {
        const QString name = QString::fromStdString(s->columns[c].name);
        if (!name.startsWith("v(") || !name.endsWith(")")) continue;
        volts.insert(name.mid(2, name.size() - 3), s->at(row, static_cast<int>(c)));
        for (std::size_t r = 0; r < s->rows(); ++r) vmax = std::max(vmax, std::fabs(s->at(r, static_cast<int>(c))));
    }
    scene_->setNodeVoltages(volts, vmax > 0 ? vmax : 1.0);
    if (s->id == QLatin1String("dc"))
        timeLabel_->setText(tr("wire colours at sweep = %1").arg(formatSi(s->at(row, s->column(xName)), "V", 4)));
    else
        timeLabel_->setText(tr("wire colours at t = %1").arg(formatSi(s->at(row, s->column(xName)), "s", 4)));
}

void CircuitView::updateWeight() {
    weight_->setText(weightText());
}

QString CircuitView::weightText() const {
    if (const SeriesBuffer* s = findSeries(series_, "weight"); s && s->rows() > 0 && s->column("w") >= 0) {
        const int cw = s->column("w");
        return tr("<b>weight w = %1</b> after pulse %2")
            .arg(formatSi(s->at(s->rows() - 1, cw), QString::fromStdString(s->columns[static_cast<std::size_t>(cw)].unit), 4))
            .arg(s->column("pulse") >= 0 ? s->at(s->rows() - 1, s->column("pulse")) : double(s->rows()));
    }
    if (const SeriesBuffer* s = findSeries(series_, "write_verify"); s && s->rows() > 0 && s->column("G") >= 0) {
        const std::size_t r = s->rows() - 1;
        return tr("<b>G = %1</b>, error %2 % after %3 pulses")
            .arg(formatSi(s->at(r, s->column("G")), "S", 4))
            .arg(s->column("error") >= 0 ? 100.0 * s->at(r, s->column("error")) : 0.0, 0, 'f', 2)
            .arg(r);
    }
    // A cell circuit under a transient: R = V/I of each device at the time shown.
    const SeriesBuffer* s = findSeries(series_, "transient");
    const json c = currentCircuit();
    if (!s || s->rows() == 0 || !c.contains("cell") || !c["cell"].is_object()) return {};
    try {
        const auto net = ms::circuit::netlistFromJson(c.at("netlist"), "circuit");
        std::vector<double> R;
        const ms::circuit::ElementSpec* first = nullptr;
        const auto row = static_cast<std::size_t>(std::clamp(timeSlider_->value(), 0, static_cast<int>(s->rows()) - 1));
        for (const auto& m : c["cell"].value("memristors", json::array())) {
            const auto* e = net.find(m.get<std::string>());
            if (!e || e->nodes.size() != 2) return {};
            if (!first) first = e;
            auto volt = [&](const std::string& n) {
                if (n == "0") return 0.0;
                const int col = s->column(("v(" + n + ")").c_str());
                return col < 0 ? std::nan("") : s->at(row, col);
            };
            const int ci = s->column(("i(" + e->name + ")").c_str());
            const double v = volt(e->nodes[0]) - volt(e->nodes[1]);
            const double i = ci < 0 ? std::nan("") : s->at(row, ci);
            if (!(std::fabs(i) > 1e-18) || !(std::fabs(v) > 1e-9)) return tr("weight: no read voltage across the devices now");
            R.push_back(v / i);
        }
        if (!first || !first->device) return {};
        const auto cell = ms::circuit::buildCell(c["cell"].value("id", std::string()), *first->device);
        if (R.size() != cell.memristors.size()) return {};
        QString devices;
        for (std::size_t k = 0; k < R.size(); ++k)
            devices += QStringLiteral("%1 %2 = %3").arg(k ? "," : "", QString::fromStdString(cell.memristors[k]),
                                                      formatSi(R[k], "ohm", 3));
        return tr("<b>weight w = %1</b> (live, from V/I of%2)")
            .arg(formatSi(cell.weightOf(R), QString::fromStdString(cell.weightUnit), 4), devices);
    } catch (const std::exception&) {
        return {};
    }
}


// ---------------------------------------------------------------- export ---

QToolButton* CircuitView::buildExportButton(QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setText(tr("Export"));
    button->setToolTip(tr("Export the schematic as a picture, or an experiment's circuit as a SPICE netlist"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(button);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        menu->clear();
        const QString base = QString::fromStdString(currentCircuit().value("id", std::string("schematic")));
        for (const auto& format : std::vector<std::pair<QString, QString>>{
                 {tr("Schematic as SVG…"), "svg"}, {tr("Schematic as PDF…"), "pdf"}, {tr("Schematic as PNG…"), "png"}}) {
            // A copy, not a structured binding: clang 14 (the sanitizer build) cannot capture those.
            const QString suffix = format.second;
            menu->addAction(format.first, this, [this, base, suffix] {
                const QString file = QFileDialog::getSaveFileName(this, tr("Export the schematic"), base + "." + suffix,
                                                                  suffix.toUpper() + " (*." + suffix + ")");
                if (file.isEmpty()) return;
                const QString why = exportPicture(file);
                if (!why.isEmpty()) QMessageBox::warning(this, tr("Export"), why);
            });
        }
        menu->addSeparator();
        const auto ids = sch::spiceExperiments(doc_->project(), currentCircuit().value("id", std::string()));
        if (ids.empty()) menu->addAction(tr("SPICE netlist (no experiment on this circuit)"))->setEnabled(false);
        for (const auto& id : ids) {
            const QString qid = QString::fromStdString(id);
            menu->addAction(tr("SPICE netlist of %1…").arg(qid), this, [this, qid] {
                const QString file = QFileDialog::getSaveFileName(this, tr("Export the SPICE netlist"), qid + ".cir",
                                                                  tr("SPICE netlist (*.cir *.sp *.net)"));
                if (file.isEmpty()) return;
                const QString why = exportSpice(qid, file);
                if (!why.isEmpty()) QMessageBox::warning(this, tr("Export"), why);
            });
        }
    });
    button->setMenu(menu);
    return button;
}

QString CircuitView::exportPicture(const QString& file) { return sch::exportSchematicPicture(scene_, file); }

QString CircuitView::exportSpice(const QString& experimentId, const QString& file) const {
    return sch::exportSpiceNetlist(doc_->project(), experimentId.toStdString(), file);
}

}  // namespace ms::gui
