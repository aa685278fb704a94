#include "widgets/circuit/SchematicSymbols.h"

#include <cmath>

#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

namespace ms::gui::schematic {
namespace {

void leads(QPainter* p, double inner) {
    p->drawLine(QPointF(-40, 0), QPointF(-inner, 0));
    p->drawLine(QPointF(inner, 0), QPointF(40, 0));
}

void resistor(QPainter* p) {
    leads(p, 20);
    QPolygonF z;
    z << QPointF(-20, 0);
    for (int k = 0; k < 6; ++k) z << QPointF(-20 + 3.33 + 6.67 * k, k % 2 ? 7 : -7);
    z << QPointF(20, 0);
    p->drawPolyline(z);
}

void capacitor(QPainter* p) {
    leads(p, 4);
    p->drawLine(QPointF(-4, -12), QPointF(-4, 12));
    p->drawLine(QPointF(4, -12), QPointF(4, 12));
}

void memristor(QPainter* p) {
    leads(p, 22);
    p->drawRect(QRectF(-22, -9, 44, 18));
    QPolygonF z;  // the serpentine of the usual memristor symbol
    z << QPointF(-22, 0) << QPointF(-14, 0) << QPointF(-14, -5) << QPointF(-6, -5) << QPointF(-6, 5) << QPointF(2, 5)
      << QPointF(2, -5) << QPointF(10, -5) << QPointF(10, 0) << QPointF(14, 0);
    p->drawPolyline(z);
    // Thick band on the n terminal: the polarity mark.
    p->save();
    p->setBrush(p->pen().color());
    p->drawRect(QRectF(14, -9, 8, 18));
    p->restore();
}

void source(QPainter* p, bool current, bool driven) {
    leads(p, 16);
    p->drawEllipse(QPointF(0, 0), 16, 16);
    if (current) {
        // Arrow from p to n through the source: the positive current direction.
        p->drawLine(QPointF(-9, 0), QPointF(9, 0));
        p->drawLine(QPointF(9, 0), QPointF(3, -5));
        p->drawLine(QPointF(9, 0), QPointF(3, 5));
        return;
    }
    if (driven) {
        QPainterPath s;
        s.moveTo(-9, 0);
        s.cubicTo(-6, -12, -3, -12, 0, 0);
        s.cubicTo(3, 12, 6, 12, 9, 0);
        p->drawPath(s);
    }
    // + on pin 0 (p), - on pin 1 (n).
    p->drawLine(QPointF(-26, -8), QPointF(-20, -8));
    p->drawLine(QPointF(-23, -11), QPointF(-23, -5));
    p->drawLine(QPointF(20, -8), QPointF(26, -8));
}

void switchSymbol(QPainter* p) {
    leads(p, 14);
    p->drawEllipse(QPointF(-14, 0), 2.5, 2.5);
    p->drawEllipse(QPointF(14, 0), 2.5, 2.5);
    p->drawLine(QPointF(-12, -1), QPointF(12, -12));
}

void diode(QPainter* p, bool selector) {
    leads(p, 10);
    if (!selector) {
        QPolygonF tri;
        tri << QPointF(-10, -10) << QPointF(-10, 10) << QPointF(8, 0);
        p->drawPolygon(tri);
        p->drawLine(QPointF(8, -10), QPointF(8, 10));
        return;
    }
    // Selector: a threshold switch drawn as two back-to-back diodes in a box.
    p->drawRect(QRectF(-10, -12, 20, 24));
    QPolygonF a, b;
    a << QPointF(-7, -8) << QPointF(-7, 0) << QPointF(0, -4);
    b << QPointF(7, 0) << QPointF(7, 8) << QPointF(0, 4);
    p->drawPolygon(a);
    p->drawPolygon(b);
    p->drawLine(QPointF(0, -8), QPointF(0, 0));
    p->drawLine(QPointF(0, 0), QPointF(0, 8));
}

void mosfet(QPainter* p) {
    p->drawLine(QPointF(-40, 0), QPointF(-10, 0));     // gate lead
    p->drawLine(QPointF(-10, -14), QPointF(-10, 14));  // gate
    p->drawLine(QPointF(-4, -16), QPointF(-4, 16));    // channel
    p->drawLine(QPointF(-4, -10), QPointF(20, -10));
    p->drawLine(QPointF(20, -10), QPointF(20, -40));   // drain
    p->drawLine(QPointF(-4, 10), QPointF(20, 10));
    p->drawLine(QPointF(20, 10), QPointF(20, 40));     // source
    p->drawLine(QPointF(10, 10), QPointF(4, 6));       // arrow of an n-channel device
    p->drawLine(QPointF(10, 10), QPointF(4, 14));
}

void amplifier(QPainter* p, bool tia) {
    QPolygonF tri;
    tri << QPointF(-28, -30) << QPointF(-28, 30) << QPointF(28, 0);
    p->drawPolygon(tri);
    p->drawLine(QPointF(28, 0), QPointF(40, 0));
    QFont f = p->font();
    f.setPointSizeF(7);
    p->setFont(f);
    if (tia) {
        p->drawLine(QPointF(-40, 0), QPointF(-28, 0));
        p->drawText(QRectF(-26, -8, 36, 16), Qt::AlignCenter, "TIA");
        // The feedback resistor over the top.
        p->drawLine(QPointF(-34, 0), QPointF(-34, -38));
        p->drawLine(QPointF(-34, -38), QPointF(-10, -38));
        p->drawRect(QRectF(-10, -42, 20, 8));
        p->drawLine(QPointF(10, -38), QPointF(34, -38));
        p->drawLine(QPointF(34, -38), QPointF(34, 0));
        return;
    }
    p->drawLine(QPointF(-40, -20), QPointF(-28, -20));
    p->drawLine(QPointF(-40, 20), QPointF(-28, 20));
    p->drawText(QRectF(-26, -26, 10, 12), Qt::AlignCenter, QString::fromUtf8("−"));
    p->drawText(QRectF(-26, 14, 10, 12), Qt::AlignCenter, "+");
}

void vcvs(QPainter* p) {
    QPolygonF d;
    d << QPointF(24, -14) << QPointF(38, 0) << QPointF(24, 14) << QPointF(10, 0);
    p->drawPolygon(d);
    p->drawLine(QPointF(40, -20), QPointF(24, -20));
    p->drawLine(QPointF(24, -20), QPointF(24, -14));
    p->drawLine(QPointF(40, 20), QPointF(24, 20));
    p->drawLine(QPointF(24, 20), QPointF(24, 14));
    p->drawLine(QPointF(-40, -20), QPointF(-24, -20));
    p->drawLine(QPointF(-40, 20), QPointF(-24, 20));
    QFont f = p->font();
    f.setPointSizeF(7);
    p->setFont(f);
    p->drawText(QRectF(-24, -26, 10, 12), Qt::AlignCenter, "+");
    p->drawText(QRectF(-24, 14, 10, 12), Qt::AlignCenter, QString::fromUtf8("−"));
    p->drawText(QRectF(17, -12, 14, 12), Qt::AlignCenter, "+");
}

}  // namespace

void paintGroundSign(QPainter* p, QPointF pin) {
    p->drawLine(pin, pin + QPointF(0, 10));
    p->drawLine(pin + QPointF(-10, 10), pin + QPointF(10, 10));
    p->drawLine(pin + QPointF(-6, 14), pin + QPointF(6, 14));
    p->drawLine(pin + QPointF(-2, 18), pin + QPointF(2, 18));
}

void paintSymbol(QPainter* p, const std::string& kind, bool driven) {
    if (kind == "resistor") resistor(p);
    else if (kind == "capacitor") capacitor(p);
    else if (kind == "memristor") memristor(p);
    else if (kind == "voltage_source") source(p, false, driven);
    else if (kind == "current_source") source(p, true, driven);
    else if (kind == "switch") switchSymbol(p);
    else if (kind == "diode") diode(p, false);
    else if (kind == "selector") diode(p, true);
    else if (kind == "mosfet") mosfet(p);
    else if (kind == "opamp") amplifier(p, false);
    else if (kind == "tia") amplifier(p, true);
    else if (kind == "vcvs") vcvs(p);
    else if (kind == "ground") paintGroundSign(p, QPointF(0, -20));
    else {
        p->drawRect(QRectF(-30, -30, 60, 60));
        p->drawText(QRectF(-30, -30, 60, 60), Qt::AlignCenter, QString::fromStdString(kind));
    }
}

QRectF symbolBounds(const std::string& kind) {
    if (kind == "ground") return QRectF(-12, -22, 24, 44);
    if (kind == "mosfet" || kind == "opamp" || kind == "tia" || kind == "vcvs") return QRectF(-42, -44, 84, 88);
    return QRectF(-42, -18, 84, 36);
}

}  // namespace ms::gui::schematic
