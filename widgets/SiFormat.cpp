#include "widgets/SiFormat.h"

#include <cmath>

#include <QRegularExpression>

namespace ms::gui {
namespace {

struct Prefix {
    const char* symbol;
    int exponent;
};
constexpr Prefix kPrefixes[] = {{"f", -15}, {"p", -12}, {"n", -9}, {"µ", -6}, {"m", -3}, {"", 0},
                                {"k", 3},   {"M", 6},   {"G", 9},  {"T", 12}};

bool prefixable(const QString& unit) {
    static const QStringList simple = {"ohm", "Ω", "V", "A", "s", "S", "m", "Hz", "W", "F", "J", "C", "Wb"};
    return simple.contains(unit);
}

}  // namespace

QString displayUnit(const QString& unit) {
    if (unit == "ohm") return QStringLiteral("Ω");
    QString u = unit;
    u.replace("^2", "²").replace("^3", "³").replace("*", "·");
    return u;
}

QString formatSi(double value, const QString& unit, int digits) {
    const QString du = displayUnit(unit);
    if (std::isnan(value)) return QStringLiteral("n/a");
    if (std::isinf(value)) {
        const QString inf = value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
        return du.isEmpty() ? inf : inf + " " + du;
    }
    const double magnitude = std::fabs(value);
    // Beyond the prefixes (f .. T) a prefix would hide the exponent ("1.8e+284 TΩ"): plain scientific.
    const bool outsidePrefixes = magnitude >= 1e15 || magnitude < 1e-15;
    if (!prefixable(unit) || value == 0.0 || outsidePrefixes) {
        const double a = std::fabs(value);
        const bool sci = a != 0.0 && (a < 1e-3 || a >= 1e5);
        QString num = sci ? QString::number(value, 'e', digits - 1) : QString::number(value, 'g', digits);
        if (sci) {  // "1.000e-14" -> "1e-14"
            static const QRegularExpression zeros("\\.?0+e");
            num.replace(zeros, "e");
        }
        return du.isEmpty() ? num : num + " " + du;
    }
    int e3 = static_cast<int>(std::floor(std::log10(std::fabs(value)) / 3.0)) * 3;
    e3 = std::clamp(e3, -15, 12);
    QString sym;
    for (const auto& p : kPrefixes)
        if (p.exponent == e3) sym = QString::fromUtf8(p.symbol);
    const double scaled = value / std::pow(10.0, e3);
    return QString::number(scaled, 'g', digits) + " " + sym + du;
}

std::optional<double> parseSi(const QString& text) {
    static const QRegularExpression re(
        R"(^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(f|p|n|u|µ|μ|m|k|M|G|T)?(.*)$)");
    const auto match = re.match(text);
    if (!match.hasMatch()) return std::nullopt;
    bool ok = false;
    double v = match.captured(1).toDouble(&ok);
    if (!ok) return std::nullopt;
    QString prefix = match.captured(2);
    const QString rest = match.captured(3).trimmed();
    // "5 m" is 5 metres when the unit is metres; a lone prefix letter that is
    // followed by nothing is still a prefix ("10n" means 10e-9) except for "m"
    // standing alone after a space, which we read as milli too: users type units
    // rarely, prefixes often.
    if (!prefix.isEmpty() && !rest.isEmpty() && (rest.startsWith("^") || rest.startsWith("/") || rest.startsWith(u'²') || rest.startsWith(u'³') ||
                                               rest.startsWith(u'·') || rest.startsWith("*"))) {
        prefix.clear();  // "m^2/(V*s)": the m is the unit, not milli
    }
    if (prefix == "u" || prefix == "µ" || prefix == "μ") v *= 1e-6;
    else if (prefix == "f") v *= 1e-15;
    else if (prefix == "p") v *= 1e-12;
    else if (prefix == "n") v *= 1e-9;
    else if (prefix == "m") v *= 1e-3;
    else if (prefix == "k") v *= 1e3;
    else if (prefix == "M") v *= 1e6;
    else if (prefix == "G") v *= 1e9;
    else if (prefix == "T") v *= 1e12;
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

}  // namespace ms::gui
