// Common machinery of IBM aihwkit's pulsed devices (PulsedDevice;
// docs/device-models.md §6b), on the normalised conductance x in [0, 1] that maps
// linearly onto aihwkit's weight range [w_min, w_max] (x = 0.5 is w = 0).
// Per device: step sizes dw(1 + dw_dtod xi)(1 +/- up_down_i), bounds
// b = w(1 + w_dtod xi). Per pulse: x += +/- dw * f(x) * (1 + dw_std xi),
// then x is clipped to [b_min, b_max]. A model supplies f via Shape.
#pragma once

#include <algorithm>
#include <cmath>

#include "core/synapses/PulseSynapse.h"

namespace ms {

// Device parameter layout: [0] up step, [1] down step, [2] b_min, [3] b_max, [4..] model's own.
constexpr int kStepCommonParams = 4;

std::vector<ParamSpec> pulsedDeviceSpecs();  // dwMin, dwMinStd, dwMinDtod, upDown, upDownDtod, boundsDtod, Gmax, onOff

template <typename Shape>
class StepDevice final : public PulseSynapse {
public:
    explicit StepDevice(const ParamValues& p)
        : PulseSynapse(p.at("Gmax"), p.at("onOff")), dw_(p.at("dwMin")), dwStd_(p.at("dwMinStd")),
          dwDtod_(p.at("dwMinDtod")), upDown_(p.at("upDown")), upDownDtod_(p.at("upDownDtod")),
          boundsDtod_(p.at("boundsDtod")), shape_(p) {}

    int deviceParamCount() const override { return kStepCommonParams + Shape::kParams; }
    void drawDevice(double* d, SynapseRng& rng) const override {
        const double gain = std::max(0.0, 1.0 + dwDtod_ * rng.gauss());
        const double ud = upDown_ + upDownDtod_ * rng.gauss();
        d[0] = dw_ * gain * (1.0 + ud);
        d[1] = dw_ * gain * (1.0 - ud);
        d[2] = std::clamp(0.5 - 0.5 * (1.0 + boundsDtod_ * rng.gauss()), 0.0, 0.49);
        d[3] = std::clamp(0.5 + 0.5 * (1.0 + boundsDtod_ * rng.gauss()), 0.51, 1.0);
        shape_.draw(d + kStepCommonParams, rng);
    }
    double applyPulses(double x, const double* d, int n, double width, SynapseRng& rng) const override {
        const int dir = n > 0 ? 1 : -1;
        const double step = (dir > 0 ? d[0] : d[1]) * width;
        for (int k = 0; k < std::abs(n); ++k) {
            const double f = dir > 0 ? shape_.up(x, d) : shape_.down(x, d);
            const double noise = dwStd_ > 0.0 ? 1.0 + dwStd_ * rng.gauss() : 1.0;
            x = std::clamp(x + dir * step * f * noise, d[2], d[3]);
        }
        return x;
    }
    double nominalStep(double x, int direction) const override {
        double d[kStepCommonParams + Shape::kParams + 1] = {dw_ * (1 + upDown_), dw_ * (1 - upDown_), 0.0, 1.0};
        shape_.nominal(d + kStepCommonParams);
        const double f = direction > 0 ? shape_.up(x, d) : shape_.down(x, d);
        return std::clamp(x + direction * d[direction > 0 ? 0 : 1] * f, 0.0, 1.0) - x;
    }
    int levels() const override { return static_cast<int>(std::lround(1.0 / dw_)); }

private:
    double dw_, dwStd_, dwDtod_, upDown_, upDownDtod_, boundsDtod_;
    Shape shape_;
};

}  // namespace ms
