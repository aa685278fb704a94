// Cubic flux-controlled memristor (Chua, IEEE Trans. Circuit Theory 18:507,
// 1971; Itoh & Chua, Int. J. Bifurc. Chaos 18:3183, 2008; the coupling element
// of Volos et al., J. Eng. Sci. Technol. Rev. 8:157, 2015):
//   q(phi) = a phi + b phi^3,   W(phi) = dq/dphi = a + 3 b phi^2,
//   i = W(phi) v,               dphi/dt = v.
// The state is the flux itself. An ideal memristor's flux is unbounded; here
// the cubic law is taken as valid for |phi| <= phi_max and the engine holds
// the flux there (the clip chart of StateBounds.h), as a real device
// saturates. With a > 0 and b >= 0 the device is passive (W > 0).
#include <cmath>

#include "core/devices/ModelRegistry.h"

namespace ms {
namespace {

class FluxCubic final : public MemristorModel {
public:
    explicit FluxCubic(const ParamValues& p)
        : a_(p.at("a")), b_(p.at("b")), phi0_(p.at("phi0")), phiMax_(p.at("phi_max")) {}

    double memductance(double phi) const { return a_ + 3.0 * b_ * phi * phi; }
    double current(double v, double phi) const override { return memductance(phi) * v; }
    double voltage(double i, double phi) const override { return i / memductance(phi); }
    double stateDerivative(double v, double, double) const override { return v; }
    double resistance(double phi, double) const override { return 1.0 / memductance(phi); }
    double initialState() const override { return phi0_; }
    StateInfo stateInfo() const override { return {"phi", "Wb", -phiMax_, phiMax_}; }

private:
    double a_, b_, phi0_, phiMax_;
};

}  // namespace

ModelInfo fluxCubicModel() {
    const std::string src = "Itoh & Chua, Int. J. Bifurc. Chaos 18:3183 (2008); Volos et al., J. Eng. Sci. Technol. Rev. 8:157 (2015)";
    ModelInfo m;
    m.id = "flux_cubic";
    m.name = "Cubic flux-controlled (Chua)";
    m.summary = "Ideal memristor q(phi) = a phi + b phi^3: memductance a + 3 b phi^2 set by the flux (the integral of v)";
    m.source = "Chua, IEEE Trans. Circuit Theory 18:507 (1971); Itoh & Chua, Int. J. Bifurc. Chaos 18:3183 (2008)";
    m.control = ControlMechanism::Voltage;
    m.hasThreshold = false;
    m.ivRelation = "linear";  // i = W(phi) v: linear in v at fixed flux
    m.accuracy = "low";       // a mathematical element, not fitted to a device
    m.acceptsWindow = false;
    m.params = {
        {"a", "a", "S", 1.0, 1e-12, 1e6, Scale::Log, "Memductance at zero flux (linear term of q(phi))", src},
        {"b", "b", "S/Wb^2", 0.01, 0, 1e6, Scale::Linear, "Cubic term of q(phi): W grows by 3 b phi^2", src},
        {"phi0", "phi_0", "Wb", 0, -1e6, 1e6, Scale::Linear, "Flux at t = 0", "Volos et al. 2015 start the flux at 0"},
        {"phi_max", "phi_max", "Wb", 100, 1e-9, 1e6, Scale::Log,
         "Largest |flux| for which the cubic law is taken as valid; the engine holds the flux within +-phi_max",
         "Studio choice, not from the literature (docs/coupled-neurons.md)"},
    };
    m.presets = {
        {"volos_coupling", "Volos et al. 2015 coupling element",
         "Normalised memristor for coupling dimensionless neurons: W = 1 + 0.03 phi^2",
         "Volos et al., J. Eng. Sci. Technol. Rev. 8:157 (2015), normalised units",
         {{"a", 1.0}, {"b", 0.01}, {"phi0", 0.0}},
         std::nullopt},
    };
    m.checkParams = [](const ParamValues& p) {
        std::vector<ParamIssue> out;
        if (std::fabs(p.at("phi0")) > p.at("phi_max"))
            out.push_back({"phi0", "must lie within +-phi_max (" + formatWithUnit(p.at("phi_max"), "Wb") + ")"});
        return out;
    };
    m.create = [](const ParamValues& p, std::unique_ptr<WindowFunction>) -> std::unique_ptr<MemristorModel> {
        return std::make_unique<FluxCubic>(p);
    };
    m.state = {"phi", "Wb", -100, 100};
    return m;
}

}  // namespace ms
