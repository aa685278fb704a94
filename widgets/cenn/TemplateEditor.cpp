#include "widgets/cenn/TemplateEditor.h"

#include <cmath>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFontMetrics>
#include <QGridLayout>
#include <QLabel>
#include <nlohmann/json.hpp>

#include "core/cenn/TemplateLibrary.h"
#include "widgets/DocumentModel.h"

namespace ms::gui {

using nlohmann::json;

namespace {

// The kind's range for a template entry (core/project/kinds/CennKind.cpp).
constexpr double kMaxWeight = 1e6;

// Shows 8, -1, 0.25 rather than 8.000000; typing stays limited to numbers in range.
class WeightBox : public QDoubleSpinBox {
public:
    explicit WeightBox(QWidget* parent) : QDoubleSpinBox(parent) {
        setRange(-kMaxWeight, kMaxWeight);
        setDecimals(6);
        setButtonSymbols(QAbstractSpinBox::NoButtons);
        setKeyboardTracking(false);  // one edit per committed number, not per keystroke
        setAlignment(Qt::AlignRight);
        setMinimumWidth(40);
        setFocusPolicy(Qt::StrongFocus);
    }
    QString textFromValue(double v) const override { return QString::number(v, 'g', 6); }
    QSize sizeHint() const override { return {48, QDoubleSpinBox::sizeHint().height()}; }
    QSize minimumSizeHint() const override { return {40, QDoubleSpinBox::minimumSizeHint().height()}; }
};

int boxIndex(int matrix, int entry) { return matrix == TemplateEditor::Z ? 18 : matrix * 9 + entry; }

const char* boundaryName(cenn::Boundary b) { return b == cenn::Boundary::ZeroFlux ? "zero_flux" : "fixed"; }

json matrixJson(const std::array<double, 9>& m) {
    return json::array({json::array({m[0], m[1], m[2]}), json::array({m[3], m[4], m[5]}), json::array({m[6], m[7], m[8]})});
}

}  // namespace

TemplateEditor::TemplateEditor(DocumentModel* document, QWidget* parent)
    : QGroupBox(tr("Template"), parent), doc_(document) {
    auto* g = new QGridLayout(this);
    g->setContentsMargins(6, 4, 6, 4);
    g->setHorizontalSpacing(3);
    g->setVerticalSpacing(2);
    library_ = new QComboBox(this);
    for (const auto& t : cenn::templateLibrary().all()) {
        library_->addItem(QString::fromStdString(t.name), QString::fromStdString(t.id));
        library_->setItemData(library_->count() - 1, QString::fromStdString(t.meaning), Qt::ToolTipRole);
    }
    library_->addItem(tr("User template"), QString());
    libraryTip_ = (tr("A library template (Roska et al., CNN Software Library) brings its own initial state and "
                            "boundary; picking one resets the experiment's to the library's. Editing a number makes "
                            "the template a user template."));
    library_->setToolTip(libraryTip_);
    // Long library names must not widen the side column.
    library_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    library_->setMinimumContentsLength(16);
    g->addWidget(library_, 0, 0, 1, 7);
    meaning_ = new QLabel(this);
    QFont small = meaning_->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    meaning_->setFont(small);
    meaning_->setStyleSheet(QStringLiteral("color: #555"));
    g->addWidget(meaning_, 6, 0, 1, 7);
    auto* aLabel = new QLabel(tr("A (feedback)"), this);
    auto* bLabel = new QLabel(tr("B (control)"), this);
    g->addWidget(aLabel, 1, 0, 1, 3, Qt::AlignHCenter);
    g->addWidget(bLabel, 1, 4, 1, 3, Qt::AlignHCenter);
    for (int k = 0; k < 19; ++k) {
        auto* box = new WeightBox(this);
        boxes_[k] = box;
        const int matrix = k < 9 ? A : k < 18 ? B : Z, entry = k < 18 ? k % 9 : 0;
        box->setToolTip(tr("%1: template weight in units of 1/R; focus it to see its bridge")
                            .arg(entryName(matrix, entry)));
        box->installEventFilter(this);
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, matrix, entry] {
            if (!updating_) commitEdit(matrix, entry);
        });
        if (k < 18) g->addWidget(box, 2 + entry / 3, (matrix == A ? 0 : 4) + entry % 3);
    }
    g->setColumnMinimumWidth(3, 10);
    auto* zLabel = new QLabel(tr("z (bias)"), this);
    g->addWidget(zLabel, 5, 0, 1, 2, Qt::AlignRight | Qt::AlignVCenter);
    g->addWidget(boxes_[18], 5, 2);
    connect(library_, &QComboBox::activated, this, &TemplateEditor::pickLibrary);
    if (doc_) {
        connect(doc_, &DocumentModel::changed, this, [this](const QString& p) {
            if (!pointer_.isEmpty() && (p.startsWith(pointer_) || pointer_.startsWith(p))) refresh();
        });
        connect(doc_, &DocumentModel::documentReset, this, [this] { refresh(); });
    }
    refresh();
}

QString TemplateEditor::entryName(int matrix, int entry) {
    if (matrix == Z) return QStringLiteral("z");
    return QStringLiteral("%1[%2][%3]").arg(matrix == A ? "A" : "B").arg(entry / 3).arg(entry % 3);
}

void TemplateEditor::setExperiment(const QString& pointer) {
    pointer_ = pointer;
    refresh();
}

double TemplateEditor::value(int matrix, int entry) const { return boxes_[boxIndex(matrix, entry)]->value(); }

QDoubleSpinBox* TemplateEditor::entryBox(int matrix, int entry) const { return boxes_[boxIndex(matrix, entry)]; }

QString TemplateEditor::libraryId() const { return library_->currentData().toString(); }

// Reads the experiment's template: a library id shows its values under its
// name, an object its own numbers; anything else (no cenn experiment) disables.
void TemplateEditor::refresh() {
    updating_ = true;
    const json e = doc_ && !pointer_.isEmpty() ? doc_->value(pointer_.toStdString()) : json();
    const bool cenn = e.is_object() && e.value("kind", std::string()) == "cenn";
    cenn::Template t;
    QString id;
    if (cenn && e.contains("template")) {
        const json& tj = e["template"];
        if (tj.is_string()) {
            if (const auto* info = cenn::templateLibrary().find(tj.get<std::string>())) {
                t = info->tmpl;
                id = QString::fromStdString(info->id);
            }
        } else if (tj.is_object()) {
            for (int m = 0; m < 2; ++m) {
                const json& mj = tj.value(m == 0 ? "A" : "B", json());
                for (int k = 0; k < 9; ++k)
                    if (mj.is_array() && mj.size() == 3 && mj[k / 3].is_array() && mj[k / 3].size() == 3 &&
                        mj[k / 3][k % 3].is_number())
                        (m == 0 ? t.A : t.B)[std::size_t(k)] = mj[k / 3][k % 3].get<double>();
            }
            if (tj.contains("z") && tj["z"].is_number()) t.z = tj["z"].get<double>();
        }
    }
    for (int k = 0; k < 9; ++k) {
        boxes_[k]->setValue(t.A[std::size_t(k)]);
        boxes_[9 + k]->setValue(t.B[std::size_t(k)]);
    }
    boxes_[18]->setValue(t.z);
    shown_ = t;
    // What the run starts from: the experiment's own settings, else the template's.
    const auto* info = id.isEmpty() ? nullptr : cenn::templateLibrary().find(id.toStdString());
    const std::string init = e.is_object() ? e.value("initialState", std::string(info ? cenn::toString(info->initial) : "zero"))
                                           : std::string();
    const std::string boundary =
        e.is_object() ? e.value("boundary", std::string(info ? boundaryName(info->boundary) : "fixed")) : std::string();
    const QString conditions = tr("Starts from x(0) = %1, %2 boundary.")
                                   .arg(QString::fromStdString(init), boundary == "zero_flux" ? tr("zero-flux") : tr("fixed"));
    // One line (the side column is short at 1280 x 720); what the template does is on hover.
    meaning_->setText(cenn ? conditions : QString());
    meaning_->setToolTip(info ? QString::fromStdString(info->meaning) : tr("A user template"));
    library_->setToolTip(info ? QString::fromStdString(info->meaning) + ".\n\n" + libraryTip_ : libraryTip_);
    meaning_->setVisible(!meaning_->text().isEmpty());
    const int item = library_->findData(id);
    library_->setCurrentIndex(item >= 0 ? item : library_->count() - 1);
    setEnabled(cenn);
    // Long experiment names are elided: a group box title does not, and would run off the column.
    const QString name = cenn ? QString::fromStdString(e.value("name", e.value("id", std::string()))) : QString();
    setTitle(cenn ? fontMetrics().elidedText(tr("Template of %1").arg(name), Qt::ElideRight, 300)
                  : tr("Template (select a CeNN experiment)"));
    setToolTip(cenn ? tr("Template of %1").arg(name) : QString());
    updating_ = false;
}

void TemplateEditor::commitEdit(int matrix, int entry) {
    if (!doc_ || pointer_.isEmpty()) return;
    const std::string p = pointer_.toStdString();
    json e = doc_->value(p);
    if (!e.is_object()) return;
    // The template as read, exactly (the boxes round to 6 decimals), with the edited entry changed.
    cenn::Template t = shown_;
    const double v = value(matrix, entry);
    if (matrix == A) t.A[std::size_t(entry)] = v;
    else if (matrix == B) t.B[std::size_t(entry)] = v;
    else t.z = v;
    // A library template's implied run conditions, made explicit where the experiment leaves them to it.
    if (e.contains("template") && e["template"].is_string())
        if (const auto* info = cenn::templateLibrary().find(e["template"].get<std::string>())) {
            if (!e.contains("initialState")) e["initialState"] = cenn::toString(info->initial);
            if (!e.contains("boundary")) e["boundary"] = boundaryName(info->boundary);
            if (!e.contains("boundaryU")) e["boundaryU"] = info->boundaryU;
            if (!e.contains("boundaryY")) e["boundaryY"] = info->boundaryY;
        }
    e["template"] = json{{"A", matrixJson(t.A)}, {"B", matrixJson(t.B)}, {"z", t.z}};
    // The whole experiment in one command: template and conditions undo together.
    doc_->setValue(p, e, tr("Template %1 = %2").arg(entryName(matrix, entry)).arg(value(matrix, entry)));
    selectEntry(matrix, entry);
}

void TemplateEditor::pickLibrary(int index) {
    if (!doc_ || pointer_.isEmpty()) return;
    const QString id = library_->itemData(index).toString();
    if (id.isEmpty()) {  // "User template": the shown numbers become the experiment's own
        commitEdit(Z, 0);
        return;
    }
    json e = doc_->value(pointer_.toStdString());
    if (!e.is_object()) return;
    if (e.value("template", json()) == json(id.toStdString())) return;
    e["template"] = id.toStdString();
    for (const char* key : {"initialState", "boundary", "boundaryU", "boundaryY"}) e.erase(key);
    doc_->setValue(pointer_.toStdString(), e, tr("Template %1").arg(library_->itemText(index)));
}

void TemplateEditor::selectEntry(int matrix, int entry) {
    if (matrix == selMatrix_ && entry == selEntry_) return;
    selMatrix_ = matrix;
    selEntry_ = entry;
    markSelection();
    emit entrySelected(matrix, entry);
}

void TemplateEditor::markSelection() {
    for (int k = 0; k < 19; ++k) {
        const bool on = k == boxIndex(selMatrix_, selEntry_) && selMatrix_ >= 0;
        boxes_[k]->setStyleSheet(on ? QStringLiteral("QDoubleSpinBox { background: #ffe9a8; border: 2px solid #ff28c8; }")
                                    : QString());
    }
}

bool TemplateEditor::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusIn)
        for (int k = 0; k < 19; ++k)
            if (watched == boxes_[k]) selectEntry(k < 9 ? A : k < 18 ? B : Z, k < 18 ? k % 9 : 0);
    return QGroupBox::eventFilter(watched, event);
}

}  // namespace ms::gui
