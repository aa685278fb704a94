#include "widgets/ParamEditor.h"

#include <algorithm>
#include <cmath>

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QToolButton>
#include <nlohmann/json.hpp>

#include "widgets/DocumentModel.h"
#include "widgets/SiFormat.h"

namespace ms::gui {

ParamEditor::ParamEditor(DocumentModel* doc, std::string paramsPointer, std::vector<ms::ParamSpec> specs,
                         ms::ParamValues baseValues, QWidget* parent, bool storeAll)
    : QWidget(parent), doc_(doc), paramsPointer_(std::move(paramsPointer)), specs_(std::move(specs)),
      base_(std::move(baseValues)), storeAll_(storeAll) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(2);
    grid->setColumnStretch(2, 1);
    rows_.reserve(specs_.size());
    int r = 0;
    for (const auto& spec : specs_) {
        Row row;
        row.spec = spec;
        const QString unit = displayUnit(QString::fromStdString(spec.unit));
        const QString tip =
            QStringLiteral("<b>%1</b> (%2)<br>%3<br>Range %4 … %5%6<br><i>%7</i>")
                .arg(QString::fromStdString(spec.symbol).toHtmlEscaped(), QString::fromStdString(spec.key),
                     QString::fromStdString(spec.meaning).toHtmlEscaped(),
                     formatSi(spec.min, QString::fromStdString(spec.unit)),
                     formatSi(spec.max, QString::fromStdString(spec.unit)),
                     usesLogSlider(spec) ? tr(", logarithmic slider") : QString(),
                     QString::fromStdString(spec.source).toHtmlEscaped());
        row.tip = tip;
        row.symbol = new QLabel(QString::fromStdString(spec.symbol), this);
        row.symbol->setToolTip(tip);
        row.edit = new QLineEdit(this);
        row.edit->setToolTip(tip);
        row.edit->setMinimumWidth(90);
        row.edit->setObjectName(QString::fromStdString("edit_" + spec.key));
        row.slider = new QSlider(Qt::Horizontal, this);
        row.slider->setRange(0, kSliderSteps);
        row.slider->setToolTip(tip);
        row.slider->setMinimumWidth(80);
        row.reset = new QToolButton(this);
        row.reset->setText(QStringLiteral("↺"));
        row.reset->setToolTip(tr("Reset %1 to its default (%2)")
                                  .arg(QString::fromStdString(spec.symbol),
                                       formatSi(base_.count(spec.key) ? base_.at(spec.key) : spec.defaultValue,
                                                QString::fromStdString(spec.unit))));
        row.reset->setAutoRaise(true);
        grid->addWidget(row.symbol, r, 0);
        grid->addWidget(row.edit, r, 1);
        grid->addWidget(row.slider, r, 2);
        grid->addWidget(row.reset, r, 3);
        (void)unit;
        rows_.push_back(row);
        ++r;
    }
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        connect(rows_[i].edit, &QLineEdit::editingFinished, this, [this, i] { commitText(rows_[i]); });
        connect(rows_[i].slider, &QSlider::sliderPressed, this,
                [this, i] { rows_[i].dragSession = doc_->beginMergeSession(); });
        connect(rows_[i].slider, &QSlider::sliderReleased, this, [this, i] {
            rows_[i].dragSession = 0;
            refresh();  // re-centres the range if the drag ended near an end
        });
        connect(rows_[i].slider, &QSlider::valueChanged, this, [this, i](int pos) {
            Row& row = rows_[i];
            row.fromSlider = true;
            commitValue(row, sliderValue(row.spec, row.range, pos), row.slider->isSliderDown() ? row.dragSession : 0);
        });
        connect(rows_[i].reset, &QToolButton::clicked, this, [this, i] {
            Row& row = rows_[i];
            const QString label = tr("Reset %1").arg(QString::fromStdString(row.spec.symbol));
            if (storeAll_) {
                const double def = base_.count(row.spec.key) ? base_.at(row.spec.key) : row.spec.defaultValue;
                doc_->setValue(pointerOf(row), def, label);
            } else {
                doc_->removeValue(pointerOf(row), label);
            }
        });
    }
    connect(doc_, &DocumentModel::changed, this, &ParamEditor::onDocumentChanged);
    refresh();
}

bool ParamEditor::usesLogSlider(const ms::ParamSpec& spec) {
    if (spec.min <= 0.0 || spec.max <= spec.min) return false;
    return spec.scale == ms::Scale::Log || spec.max / spec.min >= 100.0;
}

ParamEditor::SliderRange ParamEditor::workingRange(const ms::ParamSpec& spec, double value, double base) {
    const SliderRange full{spec.min, spec.max, usesLogSlider(spec)};
    if (!(spec.max > spec.min) || !std::isfinite(value)) return full;
    value = std::clamp(value, spec.min, spec.max);
    if (full.log) {
        if (spec.max / spec.min <= 100.0) return full;
        SliderRange r{std::max(spec.min, value / 10.0), std::min(spec.max, value * 10.0), true};
        // Keep two decades even at an end of the valid range.
        if (r.lo == spec.min) r.hi = std::min(spec.max, spec.min * 100.0);
        if (r.hi == spec.max) r.lo = std::max(spec.min, spec.max / 100.0);
        return r;
    }
    double half = std::max(std::fabs(value), std::fabs(base));
    if (half == 0.0) half = (spec.max - spec.min) / 20.0;
    if (spec.integer) half = std::max(half, 10.0);
    if (spec.max - spec.min <= 4.0 * half) return full;
    SliderRange r{value - half, value + half, false};
    if (r.lo < spec.min) r = {spec.min, spec.min + 2.0 * half, false};
    if (r.hi > spec.max) r = {spec.max - 2.0 * half, spec.max, false};
    return r;
}

int ParamEditor::sliderPosition(const SliderRange& range, double value) {
    if (range.hi <= range.lo) return 0;
    double f;
    if (range.log)
        f = std::log(std::max(value, range.lo) / range.lo) / std::log(range.hi / range.lo);
    else
        f = (value - range.lo) / (range.hi - range.lo);
    return static_cast<int>(std::lround(std::clamp(f, 0.0, 1.0) * kSliderSteps));
}

double ParamEditor::sliderValue(const ms::ParamSpec& spec, const SliderRange& range, int position) {
    const double f = std::clamp(position / double(kSliderSteps), 0.0, 1.0);
    double v = range.log ? range.lo * std::pow(range.hi / range.lo, f) : range.lo + f * (range.hi - range.lo);
    if (v != 0.0) {  // 3 significant digits: a slider is for coarse tuning
        const double mag = std::pow(10.0, std::floor(std::log10(std::fabs(v))) - 2);
        v = std::round(v / mag) * mag;
    }
    if (!range.log && std::fabs(v) < 1e-9 * (range.hi - range.lo)) v = 0.0;  // land on zero, not 1e-17
    if (spec.integer) v = std::round(v);
    return std::clamp(v, spec.min, spec.max);
}

int ParamEditor::sliderPosition(const ms::ParamSpec& spec, double value) {
    return sliderPosition(SliderRange{spec.min, spec.max, usesLogSlider(spec)}, value);
}

double ParamEditor::sliderValue(const ms::ParamSpec& spec, int position) {
    return sliderValue(spec, SliderRange{spec.min, spec.max, usesLogSlider(spec)}, position);
}

ParamEditor::SliderRange ParamEditor::sliderRange(const QString& key) const {
    for (const auto& r : rows_)
        if (QString::fromStdString(r.spec.key) == key) return r.range;
    return {};
}

void ParamEditor::recentre(Row& row, double value) {
    const double base = base_.count(row.spec.key) ? base_.at(row.spec.key) : row.spec.defaultValue;
    row.range = workingRange(row.spec, value, base);
    const QString unit = QString::fromStdString(row.spec.unit);
    row.slider->setToolTip(row.symbol->toolTip() +
                           tr("<br>Slider: %1 … %2%3; it re-centres when you type a value or release it near an end")
                               .arg(formatSi(row.range.lo, unit), formatSi(row.range.hi, unit),
                                    row.range.log ? tr(" (logarithmic)") : QString()));
}

double ParamEditor::currentValue(const std::string& key) const {
    const nlohmann::json v = doc_->value(paramsPointer_ + "/" + key);
    if (v.is_number()) return v.get<double>();
    if (auto it = base_.find(key); it != base_.end()) return it->second;
    const ms::ParamSpec* s = ms::findSpec(specs_, key);
    return s ? s->defaultValue : 0.0;
}

QLineEdit* ParamEditor::valueEdit(const QString& key) const {
    for (const auto& r : rows_)
        if (QString::fromStdString(r.spec.key) == key) return r.edit;
    return nullptr;
}
QSlider* ParamEditor::slider(const QString& key) const {
    for (const auto& r : rows_)
        if (QString::fromStdString(r.spec.key) == key) return r.slider;
    return nullptr;
}
QToolButton* ParamEditor::resetButton(const QString& key) const {
    for (const auto& r : rows_)
        if (QString::fromStdString(r.spec.key) == key) return r.reset;
    return nullptr;
}

void ParamEditor::commitText(Row& row) {
    const auto parsed = parseSi(row.edit->text());
    const QString unit = QString::fromStdString(row.spec.unit);
    auto fail = [&](const QString& why) {
        row.edit->setStyleSheet(QStringLiteral("QLineEdit { background: #ffd6d6; }"));
        row.edit->setToolTip(why);
    };
    if (!parsed) return fail(tr("Not a number: \"%1\"").arg(row.edit->text()));
    double v = *parsed;
    if (row.spec.integer && v != std::round(v)) return fail(tr("%1 must be a whole number").arg(QString::fromStdString(row.spec.symbol)));
    if (v < row.spec.min || v > row.spec.max)
        return fail(tr("%1 must lie in %2 … %3")
                        .arg(QString::fromStdString(row.spec.symbol), formatSi(row.spec.min, unit), formatSi(row.spec.max, unit)));
    row.edit->setStyleSheet(QString());
    commitValue(row, v, 0);
    refresh();  // normalise the text even if the value did not change
}

void ParamEditor::commitValue(Row& row, double value, int session) {
    if (std::fabs(value - currentValue(row.spec.key)) <= 1e-12 * std::fabs(value)) return;
    const QString label = tr("Set %1 = %2").arg(QString::fromStdString(row.spec.symbol),
                                                formatSi(value, QString::fromStdString(row.spec.unit)));
    if (row.spec.integer) doc_->setValue(pointerOf(row), static_cast<long long>(std::llround(value)), label, session);
    else doc_->setValue(pointerOf(row), value, label, session);
}

void ParamEditor::onDocumentChanged(const QString& pointer) {
    const QString mine = QString::fromStdString(paramsPointer_);
    if (pointer.startsWith(mine) || mine.startsWith(pointer)) refresh();
}

void ParamEditor::refresh() {
    for (auto& row : rows_) {
        const double v = currentValue(row.spec.key);
        const bool overridden = doc_->value(pointerOf(row)).is_number();
        if (!row.edit->hasFocus() || row.edit->styleSheet().isEmpty())
            row.edit->setText(formatSi(v, QString::fromStdString(row.spec.unit)));
        QFont f = row.symbol->font();
        f.setBold(overridden && !storeAll_);
        row.symbol->setFont(f);
        const QSignalBlocker block(row.slider);
        if (!row.slider->isSliderDown()) {
            // A value from elsewhere (typed, reset, undo) re-centres the range;
            // one from this slider keeps it unless it ended near an end.
            const int pos = sliderPosition(row.range, v);
            const bool nearEnd = pos < kSliderSteps / 20 || pos > kSliderSteps - kSliderSteps / 20;
            if (!row.fromSlider || nearEnd || row.range.hi <= row.range.lo) recentre(row, v);
            row.fromSlider = false;
            row.slider->setValue(sliderPosition(row.range, v));
        }
        row.reset->setEnabled(storeAll_ ? true : overridden);
    }
    if (!superseded_) return;
    const auto now = superseded_();
    for (auto& row : rows_) {
        QString reason;
        for (const auto& [key, why] : now)
            if (key == row.spec.key) reason = why;
        applySuperseded(row, reason);
    }
}

void ParamEditor::setSuperseded(SupersededRows superseded) {
    superseded_ = std::move(superseded);
    refresh();
}

QString ParamEditor::supersededReason(const QString& key) const {
    for (const auto& r : rows_)
        if (QString::fromStdString(r.spec.key) == key) return r.superseded;
    return {};
}

void ParamEditor::applySuperseded(Row& row, const QString& reason) {
    const bool editable = reason.isEmpty();
    if (!editable) row.reset->setEnabled(false);  // refresh() enables it for a stored override
    if (reason == row.superseded) return;
    row.superseded = reason;
    for (QWidget* w : {static_cast<QWidget*>(row.symbol), static_cast<QWidget*>(row.edit), static_cast<QWidget*>(row.slider)}) {
        w->setEnabled(editable);
        w->setToolTip(editable ? row.tip : QStringLiteral("<b>%1</b><br><br>%2").arg(reason.toHtmlEscaped(), row.tip));
    }
}

}  // namespace ms::gui
