// Shockley diode: i = Is (exp(v / (n Vt)) - 1), Vt = k T / q. Above an
// exponent of 80 the exponential continues linearly (same value and slope)
// so a wild Newton iterate cannot overflow; converged solutions never get
// there (80 n Vt ~ 2 V). As in SPICE, a conductance GMIN = 1e-12 S is in
// parallel with the junction, so a reverse-biased diode does not leave its
// node undetermined.
#include <cmath>

#include "core/circuit/ElementRegistry.h"

namespace ms::circuit {
namespace {

constexpr double kGmin = 1e-12;
constexpr double kBoltzmann = 1.380649e-23, kCharge = 1.602176634e-19, kMaxArg = 80.0;

class Diode final : public Element {
public:
    Diode(double is, double nvt) : is_(is), nvt_(nvt) {}
    void stamp(Stamp& s) const override {
        const int a = nodes[0], b = nodes[1];
        double i, g;
        eval(s.v(a) - s.v(b), i, g);
        s.branchCurrent(a, b, i, g, -g);
    }
    bool nonlinear() const override { return true; }
    double current(const Eigen::VectorXd& y, double, const Eigen::VectorXd&, double) const override {
        double i, g;
        eval(volt(y, 0) - volt(y, 1), i, g);
        return i;
    }

private:
    void eval(double v, double& i, double& g) const {
        const double a = v / nvt_;
        if (a <= kMaxArg) {
            const double e = std::exp(a);
            i = is_ * (e - 1.0);
            g = is_ * e / nvt_;
        } else {
            const double e = std::exp(kMaxArg);
            i = is_ * (e * (1.0 + a - kMaxArg) - 1.0);
            g = is_ * e / nvt_;
        }
        i += kGmin * v;
        g += kGmin;
    }
    double is_, nvt_;
};

}  // namespace

ElementKindInfo diodeElement() {
    const std::string src = "Shockley (1949); SPICE diode defaults";
    ElementKindInfo k;
    k.id = std::string("diode");
    k.name = std::string("Diode");
    k.summary = std::string("Shockley diode, anode to cathode");
    k.prefix = std::string("D");
    k.terminals = {"anode", "cathode"};
    k.params = {
        {"Is", "I_s", "A", 1e-14, 1e-30, 1e-3, Scale::Log, "Saturation current", src, false},
        {"N", "n", "", 1.0, 0.5, 10, Scale::Linear, "Emission coefficient (ideality)", src, false},
        {"T", "T", "K", 300.15, 1, 1000, Scale::Linear, "Temperature (SPICE's nominal 27 C)", src, false},
    };
    k.create = [](const ElementSpec&, const ParamValues& p, const std::string&) -> std::unique_ptr<Element> {
        return std::make_unique<Diode>(p.at("Is"), p.at("N") * kBoltzmann * p.at("T") / kCharge);
    };
    return k;
}

}  // namespace ms::circuit
