// Window functions of the drift models (docs/device-models.md §1), implemented
// from the formulas, not from public code (which has known sign and
// bracket errors, listed in the reference).
#include <cmath>

#include "core/devices/WindowFunction.h"

namespace ms {
namespace {

const ParamSpec kWindowP{"p", "p", "", 1, 1, 50, Scale::Linear,
                         "Window exponent: larger p flattens the window and sharpens its edges",
                         "Joglekar & Wolf, EJP 30 (2009); Biolek, Radioengineering 18 (2009)", true};

struct NoWindow final : WindowFunction {
    double value(double, double) const override { return 1.0; }
    bool isIdentity() const override { return true; }
};

// Strukov 2008, F(w) = w(1 - w) with w normalised.
struct StrukovWindow final : WindowFunction {
    bool zeroAtBothEdges() const override { return true; }
    double value(double x, double) const override { return x * (1.0 - x); }
};

// Joglekar & Wolf 2009: f = 1 - (2x - 1)^(2p). Zero at both edges.
struct JoglekarWindow final : WindowFunction {
    explicit JoglekarWindow(double p) : twoP(2.0 * p) {}
    double twoP;
    bool zeroAtBothEdges() const override { return true; }
    double value(double x, double) const override { return 1.0 - std::pow(std::fabs(2.0 * x - 1.0), twoP); }
};

// Biolek 2009: f = 1 - (x - stp(-i))^(2p), stp(a) = 1 for a >= 0. Zero only
// at the edge the state is moving toward (x = 1 for i > 0, x = 0 for i < 0).
struct BiolekWindow final : WindowFunction {
    explicit BiolekWindow(double p) : twoP(2.0 * p) {}
    double twoP;
    double value(double x, double i) const override {
        const double stp = (-i >= 0.0) ? 1.0 : 0.0;
        return 1.0 - std::pow(std::fabs(x - stp), twoP);
    }
};

// Prodromakis 2011: f = j (1 - [(x - 0.5)^2 + 0.75]^p). Zero at x = 0 and 1.
struct ProdromakisWindow final : WindowFunction {
    ProdromakisWindow(double p, double j) : p(p), j(j) {}
    double p, j;
    bool zeroAtBothEdges() const override { return true; }
    double value(double x, double) const override {
        const double d = x - 0.5;
        return j * (1.0 - std::pow(d * d + 0.75, p));
    }
};

}  // namespace

const Registry<WindowInfo>& windowRegistry() {
    static const Registry<WindowInfo> reg = [] {
        Registry<WindowInfo> r;
        r.add({"none", "No window", "f(x) = 1", "Strukov et al., Nature 453 (2008)", {},
               [](const ParamValues&) { return std::make_unique<NoWindow>(); }});
        r.add({"strukov", "Strukov", "f(x) = x(1 - x)", "Strukov et al., Nature 453 (2008)", {},
               [](const ParamValues&) { return std::make_unique<StrukovWindow>(); }});
        r.add({"joglekar", "Joglekar", "f(x) = 1 - (2x - 1)^(2p)", "Joglekar & Wolf, Eur. J. Phys. 30 (2009)",
               {kWindowP},
               [](const ParamValues& v) { return std::make_unique<JoglekarWindow>(v.at("p")); }});
        r.add({"biolek", "Biolek", "f(x, i) = 1 - (x - stp(-i))^(2p)", "Biolek et al., Radioengineering 18 (2009)",
               {kWindowP},
               [](const ParamValues& v) { return std::make_unique<BiolekWindow>(v.at("p")); }});
        r.add({"prodromakis", "Prodromakis", "f(x) = j(1 - [(x - 0.5)^2 + 0.75]^p)",
               "Prodromakis et al., IEEE TED 58 (2011)",
               {{"p", "p", "", 1, 0.1, 50, Scale::Linear, "Window exponent: larger p flattens the window",
                 "Prodromakis et al., IEEE TED 58 (2011)"},
                {"j", "j", "", 1, 0.01, 100, Scale::Log, "Window scale: the peak is j(1 - 0.75^p)",
                 "Prodromakis et al., IEEE TED 58 (2011)"}},
               [](const ParamValues& v) { return std::make_unique<ProdromakisWindow>(v.at("p"), v.at("j")); }});
        return r;
    }();
    return reg;
}

}  // namespace ms
