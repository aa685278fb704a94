// A memristor instance of any registered model in the circuit. Its state is
// an unknown of the circuit DAE (docs/device-models.md §7). The unknown is the
// variable of the state's chart, as in the device-transient engine (one
// shared treatment, core/devices/StateBounds.h):
//  - clip chart: the state normalised to s = (x - min) / (max - min), so
//    Newton and the error control see O(1) numbers whatever the model's unit
//    (VTEAM's x is in metres); the I-V relation and dx/dt use the state
//    clipped to [min, max] and the transient projects every accepted state
//    onto [0, 1];
//  - logit chart (flow zero at both bounds: Joglekar, Prodromakis, Strukov;
//    no terminal lock): y = ln((x - min) / (max - x)), unbounded, which keeps
//    the distance to the nearer bound in full precision, so the exact
//    solution comes back from 1e-70 of a bound as it does alone.
// With the device setting "terminalLock" the clip chart is used and a state
// that comes within the circuit's state tolerance of such a bound is put on
// it, where the flow is zero (SPICE's behaviour). The model itself is never
// clamped.
#pragma once

#include <memory>

#include "core/circuit/Element.h"
#include "core/devices/MemristorModel.h"
#include "core/devices/StateBounds.h"

namespace ms::circuit {

class MemristorElement final : public Element {
public:
    MemristorElement(std::unique_ptr<MemristorModel> model, std::string modelId);

    std::vector<UnknownKind> extraUnknowns() const override { return {UnknownKind::State}; }
    std::string extraLabel(int) const override { return wrap("x(", name); }
    void stamp(Stamp& s) const override;
    bool nonlinear() const override { return true; }
    double current(const Eigen::VectorXd& y, double t, const Eigen::VectorXd& yPrev, double h) const override;

    const MemristorModel& model() const { return *model_; }
    const std::string& modelId() const { return modelId_; }
    const StateInfo& stateInfo() const { return info_; }
    // Model units <-> the unknown (normalised state, or its logit).
    double toState(double u) const { return bounds_.logit() ? bounds_.state(u) : lo_ + u * scale_; }
    double toUnknown(double x) const { return bounds_.logit() ? bounds_.variable(x) : (x - lo_) / scale_; }
    // Projection of the unknown onto the bounds (0..1 in the clip chart when
    // bounded; the logit chart has none).
    double project(double u) const;
    // What the transient keeps of an accepted unknown: projected, and with
    // the terminal lock put onto a bound it is within `tol` (a fraction of
    // the state range) of.
    double settle(double u, double tol) const;
    // The state as a fraction of its range, (x - min) / (max - min): what a
    // SPICE deck's state node holds (the unknown itself in the clip chart).
    double fraction(double u) const { return bounds_.logit() ? (toState(u) - lo_) / scale_ : u; }
    bool bounded() const { return bounded_; }
    bool logitChart() const { return bounds_.logit(); }

private:
    struct Point { double i, ds; };
    Point eval(double v, double u) const;

    std::unique_ptr<MemristorModel> model_;
    std::string modelId_;
    StateInfo info_;
    bool bounded_, lock_;
    double lo_, hi_, scale_;
    BoundedState bounds_;
};

}  // namespace ms::circuit
