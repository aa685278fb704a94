// A wrapped one- or two-line note above a view's panels ("Not shown for this
// run: ..."). A plain word-wrapped QLabel gives its layout a height-for-width,
// and a QScrollArea then sizes the whole view from its panels' preferred
// sizes, not their minimums: the view scrolls on a 1280x720 screen although
// it fits. This label has no height-for-width; it keeps the height its text
// needs at its width as its minimum instead.
#pragma once

#include <QLabel>
#include <QResizeEvent>

namespace ms::gui {

class NoteLabel : public QLabel {
public:
    explicit NoteLabel(QWidget* parent = nullptr) : QLabel(parent) {
        setWordWrap(true);
        QSizePolicy p = sizePolicy();
        p.setHeightForWidth(false);
        setSizePolicy(p);
    }
    bool hasHeightForWidth() const override { return false; }

protected:
    void resizeEvent(QResizeEvent* event) override {
        QLabel::resizeEvent(event);
        const int h = QLabel::heightForWidth(width());
        if (h > 0 && h != minimumHeight()) setMinimumHeight(h);
    }
};

}  // namespace ms::gui
