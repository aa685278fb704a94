// Memristor element: i = I(v, x), dx/dt = F(v, i, x) of the registered model.
#include <algorithm>
#include <cmath>

#include "core/circuit/ElementRegistry.h"
#include "core/circuit/elements/MemristorElement.h"
#include "core/common/Errors.h"

namespace ms::circuit {

MemristorElement::MemristorElement(std::unique_ptr<MemristorModel> model, std::string modelId)
    : model_(std::move(model)), modelId_(std::move(modelId)), info_(model_->stateInfo()),
      bounded_(std::isfinite(info_.max - info_.min) && info_.max > info_.min), lock_(BoundedState::locks(info_)),
      lo_(bounded_ ? info_.min : 0.0), hi_(bounded_ ? info_.max : 0.0), scale_(bounded_ ? info_.max - info_.min : 1.0),
      bounds_(info_.min, info_.max, BoundedState::wantsLogit(info_)) {}

double MemristorElement::project(double u) const {
    return bounded_ && !bounds_.logit() ? std::clamp(u, 0.0, 1.0) : u;
}

double MemristorElement::settle(double u, double tol) const {
    const double p = project(u);
    return lock_ && bounded_ ? bounds_.lockOnto(p, tol) : p;  // the lock uses the clip chart: 0 and 1 are the bounds
}

MemristorElement::Point MemristorElement::eval(double v, double u) const {
    auto drive = [this, v](double x) { return std::pair<double, double>(v, model_->current(v, x)); };
    if (bounds_.logit()) {
        const StatePoint p = bounds_.eval(*model_, drive, u);
        return {p.i, p.f};
    }
    const StatePoint p = bounds_.eval(*model_, drive, toState(u));
    return {p.i, p.f / scale_};
}

void MemristorElement::stamp(Stamp& st) const {
    const int p = nodes[0], n = nodes[1], j = firstExtra;
    const double v = st.v(p) - st.v(n), s = st.v(j);
    const Point a = eval(v, s);
    if (!std::isfinite(a.i) || !std::isfinite(a.ds))
        throw SimulationError("memristor " + name + " (model '" + modelId_ + "') produced NaN or Inf at v = " +
                              formatWithUnit(v, "V") + ", state " + std::to_string(toState(s)) + " at t = " +
                              formatWithUnit(st.t(), "s"));
    // Jacobian by forward differences: models expose values only.
    const double dv = 1e-7 * (std::fabs(v) + 1e-2);
    const Point bv = eval(v + dv, s);
    const double didv = (bv.i - a.i) / dv, dgdv = (bv.ds - a.ds) / dv;
    double dids = 0.0, dgds = 0.0;
    const double ds = bounds_.logit() ? (s < 0.0 ? 1.0 : -1.0) * 1e-7 * std::max(std::fabs(s), 1.0)
                                      : (s < 0.5 ? 1.0 : -1.0) * 1e-7 * (bounded_ ? 1.0 : std::max(std::fabs(s), 1e-12));
    if (!bounded_ || bounds_.logit() || (s > 0.0 && s < 1.0)) {
        const Point bs = eval(v, s + ds);
        dids = (bs.i - a.i) / ds;
        dgds = (bs.ds - a.ds) / ds;
    }
    st.f(p, a.i); st.f(n, -a.i);
    st.G(p, p, didv); st.G(p, n, -didv); st.G(n, p, -didv); st.G(n, n, didv);
    st.G(p, j, dids); st.G(n, j, -dids);
    if (st.dc()) {
        // DC operating point at the present state: the state row is s - s0,
        // with s0 the value Newton starts from (the circuit's stored state).
        st.G(j, j, 1.0);
        return;
    }
    st.q(j, s);
    st.C(j, j, 1.0);
    st.f(j, -a.ds);
    st.G(j, p, -dgdv); st.G(j, n, dgdv); st.G(j, j, -dgds);
}

double MemristorElement::current(const Eigen::VectorXd& y, double, const Eigen::VectorXd&, double) const {
    return eval(volt(y, 0) - volt(y, 1), y[firstExtra]).i;
}

ElementKindInfo memristorElement() {
    ElementKindInfo k;
    k.id = std::string("memristor");
    k.name = std::string("Memristor");
    k.summary = std::string("An instance of any registered device model; its state is integrated with the circuit");
    k.prefix = std::string("M");
    k.terminals = {"p", "n"};
    k.params = {};
    k.takesDevice = true;
    k.create = [](const ElementSpec& e, const ParamValues&, const std::string& path) -> std::unique_ptr<Element> {
        if (!e.device) throw InputError(path + ".device", "a memristor needs a device (model, preset, parameters)");
        auto model = instantiateDevice(*e.device, path + ".device");
        return std::make_unique<MemristorElement>(std::move(model), e.device->modelId);
    };
    return k;
}

}  // namespace ms::circuit
