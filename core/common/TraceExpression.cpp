#include "core/common/TraceExpression.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "core/common/Errors.h"

namespace ms {
namespace {

// A unit as exponents of base symbols; V, A and s are the bases the named
// units decompose into, any other symbol is its own base.
using Units = std::map<std::string, int>;

const std::vector<std::pair<std::string, Units>>& namedUnits() {
    static const std::vector<std::pair<std::string, Units>> named = {
        {"V", {{"V", 1}}},           {"A", {{"A", 1}}},           {"s", {{"s", 1}}},
        {"W", {{"V", 1}, {"A", 1}}}, {"C", {{"A", 1}, {"s", 1}}}, {"Wb", {{"V", 1}, {"s", 1}}},
        {"Ω", {{"V", 1}, {"A", -1}}}, {"S", {{"A", 1}, {"V", -1}}}, {"Hz", {{"s", -1}}},
        {"J", {{"V", 1}, {"A", 1}, {"s", 1}}}, {"F", {{"A", 1}, {"s", 1}, {"V", -1}}}, {"H", {{"V", 1}, {"s", 1}, {"A", -1}}}};
    return named;
}

Units parseUnit(const std::string& u) {
    if (u.empty()) return {};
    if (u == "ohm") return parseUnit("Ω");
    for (const auto& [name, units] : namedUnits())
        if (name == u) return units;
    return {{u, 1}};
}

std::string unitName(const Units& u) {
    if (u.empty()) return "";
    for (const auto& [name, units] : namedUnits())
        if (units == u) return name;
    std::string num, den;
    for (const auto& [sym, e] : u) {
        std::string& side = e > 0 ? num : den;
        if (!side.empty()) side += "·";
        side += sym + (std::abs(e) != 1 ? "^" + std::to_string(std::abs(e)) : "");
    }
    return (num.empty() ? "1" : num) + (den.empty() ? "" : "/" + den);
}

Units combine(Units a, const Units& b, int sign) {
    for (const auto& [sym, e] : b)
        if ((a[sym] += sign * e) == 0) a.erase(sym);
    return a;
}

struct Value {
    std::vector<double> v;
    Units units;
};

class Parser {
public:
    Parser(const std::string& text, const std::vector<TraceInput>& columns, const TraceInput& x)
        : s_(text), columns_(columns), x_(x) {}

    Value parse() {
        Value v = expression();
        skipSpace();
        if (pos_ < s_.size()) fail("unexpected '" + s_.substr(pos_, 1) + "'");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw InputError("trace expression", "character " + std::to_string(pos_ + 1) + " of \"" + s_ + "\": " + why);
    }
    void skipSpace() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }
    bool eat(char c) {
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == c) return ++pos_, true;
        return false;
    }
    std::size_t rows() const { return x_.values.size(); }
    Value constant(double c) const { return {std::vector<double>(rows(), c), {}}; }

    Value expression() {
        Value a = term();
        for (;;) {
            const std::size_t at = pos_;
            const int sign = eat('+') ? 1 : eat('-') ? -1 : 0;
            if (!sign) return a;
            Value b = term();
            if (a.units != b.units) {
                pos_ = at;
                fail("cannot " + std::string(sign > 0 ? "add " : "subtract ") + (unitName(b.units).empty() ? "a number" : unitName(b.units)) +
                     (sign > 0 ? " to " : " from ") + (unitName(a.units).empty() ? "a number" : unitName(a.units)) +
                     " (a number takes a unit in brackets: 1k[ohm]*i(R1) is in V)");
            }
            for (std::size_t k = 0; k < a.v.size(); ++k) a.v[k] += sign * b.v[k];
        }
    }
    Value term() {
        Value a = power();
        for (;;) {
            const int op = eat('*') ? 1 : eat('/') ? -1 : 0;
            if (!op) return a;
            Value b = power();
            for (std::size_t k = 0; k < a.v.size(); ++k) a.v[k] = op > 0 ? a.v[k] * b.v[k] : a.v[k] / b.v[k];
            a.units = combine(a.units, b.units, op);
        }
    }
    Value power() {
        Value a = unary();
        if (!eat('^')) return a;
        skipSpace();
        const std::size_t at = pos_;
        const double e = number();
        if (!a.units.empty()) {
            if (e != std::round(e)) { pos_ = at; fail("a quantity with a unit needs a whole-number power"); }
            Units u;
            for (const auto& [sym, k] : a.units) u[sym] = k * static_cast<int>(e);
            a.units = u;
        }
        for (double& y : a.v) y = std::pow(y, e);
        return a;
    }
    Value unary() {
        if (eat('-')) {
            Value a = unary();
            for (double& y : a.v) y = -y;
            return a;
        }
        if (eat('+')) return unary();
        return primary();
    }
    double number() {
        skipSpace();
        std::size_t used = 0;
        double value = 0;
        try {
            value = std::stod(s_.substr(pos_), &used);
        } catch (...) {
            fail("a number was expected");
        }
        pos_ += used;
        return value;
    }
    // A number with an optional SPICE scale suffix (f p n u m k meg g t) and
    // an optional unit in brackets: 1k[ohm] is a kilo-ohm, so a current can
    // be compared with a voltage as v(a) - 1k[ohm]*i(R1).
    Value quantity() {
        double value = number();
        static const std::pair<const char*, double> scales[] = {{"meg", 1e6}, {"f", 1e-15}, {"p", 1e-12}, {"n", 1e-9},
                                                               {"u", 1e-6},  {"m", 1e-3},  {"k", 1e3},   {"g", 1e9},
                                                               {"t", 1e12}};
        for (const auto& [suffix, scale] : scales) {
            const std::size_t n = std::char_traits<char>::length(suffix);
            std::string next = s_.substr(pos_, n);
            std::transform(next.begin(), next.end(), next.begin(), [](unsigned char ch) { return std::tolower(ch); });
            const bool wordGoesOn = pos_ + n < s_.size() && std::isalpha(static_cast<unsigned char>(s_[pos_ + n]));
            if (next == suffix && !(wordGoesOn && n == 1)) {
                value *= scale;
                pos_ += n;
                break;
            }
        }
        Value v = constant(value);
        if (pos_ < s_.size() && s_[pos_] == '[') {
            const std::size_t close = s_.find(']', pos_);
            if (close == std::string::npos) fail("']' was expected after the unit");
            v.units = parseUnit(s_.substr(pos_ + 1, close - pos_ - 1));
            pos_ = close + 1;
        }
        return v;
    }
    Value primary() {
        skipSpace();
        if (pos_ >= s_.size()) fail("the expression ends where a value was expected");
        if (eat('(')) {
            Value v = expression();
            if (!eat(')')) fail("')' was expected");
            return v;
        }
        const char c = s_[pos_];
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return quantity();
        if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '_')) fail("unexpected '" + s_.substr(pos_, 1) + "'");
        const std::size_t start = pos_;
        while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
        const std::string ident = s_.substr(start, pos_ - start);
        std::string lower = ident;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
        skipSpace();
        const bool call = pos_ < s_.size() && s_[pos_] == '(';
        static const char* functions[] = {"integ", "deriv", "abs", "sqrt", "exp", "log", "log10"};
        if (call && std::find(std::begin(functions), std::end(functions), lower) != std::end(functions)) {
            ++pos_;
            Value arg = expression();
            if (!eat(')')) fail("')' was expected after the argument of " + lower);
            return apply(lower, std::move(arg), start);
        }
        std::string name = ident;
        if (call) {  // a column such as v(out) or i(M1): the text up to the matching ')'
            const std::size_t close = s_.find(')', pos_);
            if (close == std::string::npos) fail("')' was expected");
            name = ident + s_.substr(pos_, close - pos_ + 1);
            pos_ = close + 1;
        }
        return column(name, start);
    }
    Value column(const std::string& name, std::size_t at) {
        auto same = [](const std::string& a, const std::string& b) {
            return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char p, unsigned char q) {
                       return std::tolower(p) == std::tolower(q);
                   });
        };
        const TraceInput* found = nullptr;
        for (const TraceInput* c : all())
            if (c->name == name) { found = c; break; }
        if (!found)
            for (const TraceInput* c : all())
                if (same(c->name, name)) { found = c; break; }
        if (!found) {
            std::string known;
            for (const TraceInput* c : all()) known += (known.empty() ? "" : ", ") + c->name;
            pos_ = at;
            fail("no column '" + name + "' in this run (it has " + known + ")");
        }
        if (found->values.size() != rows()) fail("column '" + name + "' has a different length from " + x_.name);
        return {found->values, parseUnit(found->unit)};
    }
    std::vector<const TraceInput*> all() const {
        std::vector<const TraceInput*> list{&x_};
        for (const auto& c : columns_) list.push_back(&c);
        return list;
    }
    Value apply(const std::string& f, Value a, std::size_t at) {
        const std::vector<double>& t = x_.values;
        const std::size_t n = a.v.size();
        if (f == "integ") {  // cumulative trapezoids from the first row
            std::vector<double> out(n, 0.0);
            for (std::size_t k = 1; k < n; ++k) out[k] = out[k - 1] + 0.5 * (t[k] - t[k - 1]) * (a.v[k] + a.v[k - 1]);
            return {out, combine(a.units, parseUnit(x_.unit), 1)};
        }
        if (f == "deriv") {  // central differences, one-sided at the ends
            std::vector<double> out(n, 0.0);
            for (std::size_t k = 0; k < n && n > 1; ++k) {
                const std::size_t lo = k == 0 ? 0 : k - 1, hi = k + 1 == n ? k : k + 1;
                out[k] = t[hi] != t[lo] ? (a.v[hi] - a.v[lo]) / (t[hi] - t[lo]) : 0.0;
            }
            return {out, combine(a.units, parseUnit(x_.unit), -1)};
        }
        if (f == "abs") {
            for (double& y : a.v) y = std::fabs(y);
            return a;
        }
        if (f == "sqrt") {
            Units half;
            for (const auto& [sym, e] : a.units) {
                if (e % 2) { pos_ = at; fail("sqrt of " + unitName(a.units) + " has no whole-number unit"); }
                half[sym] = e / 2;
            }
            for (double& y : a.v) y = std::sqrt(y);
            return {a.v, half};
        }
        if (!a.units.empty()) { pos_ = at; fail(f + " needs a plain number, not " + unitName(a.units)); }
        for (double& y : a.v) y = f == "exp" ? std::exp(y) : f == "log" ? std::log(y) : std::log10(y);
        return a;
    }

    const std::string& s_;
    const std::vector<TraceInput>& columns_;
    const TraceInput& x_;
    std::size_t pos_ = 0;
};

}  // namespace

TraceResult evaluateTrace(const std::string& expression, const std::vector<TraceInput>& columns, const TraceInput& x) {
    const Value v = Parser(expression, columns, x).parse();
    return {v.v, unitName(v.units)};
}

}  // namespace ms
