// SI-prefixed numbers at the GUI edge ("16 kΩ", "10 nm", "1e-14 m²/(V·s)"):
// core works in plain SI units, the user reads and types prefixes.
#pragma once

#include <optional>

#include <QString>

namespace ms::gui {

// The unit as displayed: "ohm" -> "Ω", "S" stays, "" stays empty.
QString displayUnit(const QString& unit);

// "16 kΩ", "2.5 µA". Units that are compound ("m^2/(V*s)") or empty get
// plain scientific notation, since prefixes on them confuse more than help,
// and so do values beyond the f .. T prefixes ("1.8e+296 Ω"). Infinity is
// "∞ Ω" (core reports a figure beyond double range as infinity), NaN "n/a".
QString formatSi(double value, const QString& unit, int significantDigits = 4);

// Parses "16k", "16 kohm", "16e3", "2.5 µ", "10n", "1e-14 m^2/(V*s)".
// The unit text after the number, if any, is ignored apart from its prefix.
std::optional<double> parseSi(const QString& text);

}  // namespace ms::gui
