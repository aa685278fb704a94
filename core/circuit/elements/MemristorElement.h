// A memristor instance of any registered model in the circuit. Its state is
// an unknown of the circuit DAE (device-models.md §7), stored normalised to
// s = (x - min) / (max - min) so Newton and the error control see O(1)
// numbers whatever the model's unit (VTEAM's x is in metres).
//
// Bounds as in the device-transient engine (core/sim/TransientSteppers.h,
// BoundedDevice): the I-V relation uses the state clipped to [min, max];
// the state derivative is evaluated at the state held at least
// 1e-6 (max - min) inside each bound, so windows that vanish at an edge let a
// parked state leave when the drive reverses; the transient projects every
// accepted state onto [min, max]. The model itself is never clamped.
#pragma once

#include <memory>

#include "core/circuit/Element.h"
#include "core/devices/MemristorModel.h"

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
    // Model units <-> the normalised unknown.
    double toState(double s) const { return lo_ + s * scale_; }
    double toUnknown(double x) const { return (x - lo_) / scale_; }
    // Projection of a normalised state onto the bounds (0..1 when bounded).
    double project(double s) const;
    bool bounded() const { return bounded_; }

private:
    struct Point { double i, ds; };
    Point eval(double v, double s) const;

    std::unique_ptr<MemristorModel> model_;
    std::string modelId_;
    StateInfo info_;
    bool bounded_;
    double lo_, hi_, scale_, loIn_, hiIn_;
};

}  // namespace ms::circuit
