// A parameter editor generated from ParamSpec metadata (Qucs-S / KiCad tuner
// sliders): one row per parameter with its symbol, the value with SI prefix and
// unit, a slider (logarithmic when the range spans decades), and a reset
// button; the tooltip gives the meaning, range and literature source.
// It edits the JSON object at `paramsPointer` through the DocumentModel only:
// typing a value is one undo step, one slider drag is one undo step.
//
// A slider spans a working range around the value (a decade either side on a
// log scale, the value's own magnitude either side on a linear one), not the
// whole validation range: an amplitude valid up to 1 kV is tuned around 1 V.
// The range re-centres when a value is typed, reset or undone, and when a
// drag ends near either end, so dragging again goes further.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <QWidget>

#include "core/common/ParamSpec.h"

class QLineEdit;
class QSlider;
class QToolButton;
class QLabel;

namespace ms::gui {

class DocumentModel;

class ParamEditor : public QWidget {
    Q_OBJECT
public:
    // `baseValues` are what applies when the document holds no override (model
    // defaults overlaid with the preset); reset removes the override. With
    // `storeAll` set, reset writes the default instead (for objects whose every
    // key must be present).
    ParamEditor(DocumentModel* doc, std::string paramsPointer, std::vector<ms::ParamSpec> specs,
                ms::ParamValues baseValues, QWidget* parent = nullptr, bool storeAll = false);

    int rowCount() const { return static_cast<int>(rows_.size()); }
    const std::vector<ms::ParamSpec>& specs() const { return specs_; }
    QLineEdit* valueEdit(const QString& key) const;
    QSlider* slider(const QString& key) const;
    QToolButton* resetButton(const QString& key) const;
    // The value in effect (override, else base).
    double currentValue(const std::string& key) const;

    // Slider mapping, exposed for tests: position 0..kSliderSteps.
    static constexpr int kSliderSteps = 1000;
    static bool usesLogSlider(const ms::ParamSpec& spec);
    struct SliderRange {
        double lo = 0.0, hi = 0.0;
        bool log = false;
    };
    // The working range a slider spans for `value` (`base`: the default in effect).
    static SliderRange workingRange(const ms::ParamSpec& spec, double value, double base);
    static int sliderPosition(const SliderRange& range, double value);
    static double sliderValue(const ms::ParamSpec& spec, const SliderRange& range, int position);
    // Over the whole validation range.
    static int sliderPosition(const ms::ParamSpec& spec, double value);
    static double sliderValue(const ms::ParamSpec& spec, int position);
    SliderRange sliderRange(const QString& key) const;

    // Rows another part of the document overrides, as (key, reason), asked
    // again on every refresh: such a row is greyed out, its tooltip leads
    // with the reason, and it cannot be edited.
    using SupersededRows = std::function<std::vector<std::pair<std::string, QString>>()>;
    void setSuperseded(SupersededRows superseded);
    // The reason a row is greyed out, or empty.
    QString supersededReason(const QString& key) const;

public slots:
    void refresh();

private:
    struct Row {
        ms::ParamSpec spec;
        QLabel* symbol = nullptr;
        QLineEdit* edit = nullptr;
        QSlider* slider = nullptr;
        QToolButton* reset = nullptr;
        int dragSession = 0;
        SliderRange range;
        bool fromSlider = false;  // the last change came from this row's slider
        QString tip;              // meaning, range and source
        QString superseded;       // why the row is greyed out, or empty
    };
    void applySuperseded(Row& row, const QString& reason);
    void recentre(Row& row, double value);
    void commitText(Row& row);
    void commitValue(Row& row, double value, int session);
    void onDocumentChanged(const QString& pointer);
    std::string pointerOf(const Row& row) const { return paramsPointer_ + "/" + row.spec.key; }

    DocumentModel* doc_;
    std::string paramsPointer_;
    std::vector<ms::ParamSpec> specs_;
    ms::ParamValues base_;
    bool storeAll_;
    std::vector<Row> rows_;
    SupersededRows superseded_;
};

}  // namespace ms::gui
