// Schematic symbols of the element kinds, drawn in a part's own frame at
// rotation 0 with the pins where pinOffsets() (SchematicEdits.h) puts them.
#pragma once

#include <string>

#include <QPointF>
#include <QRectF>

class QPainter;

namespace ms::gui::schematic {

// Draws the symbol of `kind`; `driven` marks a source with a waveform.
void paintSymbol(QPainter* p, const std::string& kind, bool driven);
// A ground sign whose lead starts at `pin` and points down the screen.
void paintGroundSign(QPainter* p, QPointF pin);
// The area a symbol covers at rotation 0 (without labels).
QRectF symbolBounds(const std::string& kind);

}  // namespace ms::gui::schematic
