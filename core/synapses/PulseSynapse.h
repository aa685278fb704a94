// Behavioural pulse-synapse models (docs/device-models.md §6): how a device's
// conductance moves with each programming pulse. Used by in-situ ANN training
// and by SNN plasticity. Every model works on a normalised conductance
//   x = (G - Gmin) / (Gmax - Gmin),  x in [0, 1] (nominal bounds),
// so a population of devices is plain arrays (fast, no per-device objects).
// A model is one file in core/synapses/models/ plus one line in
// SynapseRegistry.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/common/Registry.h"
#include "core/synapses/SynapseRng.h"

namespace ms {

class PulseSynapse {
public:
    PulseSynapse(double gMax, double onOffRatio) : gMax_(gMax), gMin_(gMax / onOffRatio) {}
    virtual ~PulseSynapse() = default;

    // Number of per-device (device-to-device) parameters the model draws.
    virtual int deviceParamCount() const = 0;
    // Draws one device's parameters into d[0..deviceParamCount()) (D2D variation).
    virtual void drawDevice(double* d, SynapseRng& rng) const = 0;
    // State after n pulses (n > 0 potentiation, n < 0 depression), each of
    // relative width `width` (1 = the nominal pulse; Fu 2019 varies it), from
    // state x on the device with parameters d. Cycle-to-cycle noise included.
    virtual double applyPulses(double x, const double* d, int n, double width, SynapseRng& rng) const = 0;
    // Expected change of x for one nominal pulse at x on the nominal device
    // (direction +1 or -1; no variation). Used to shape non-identical pulses.
    virtual double nominalStep(double x, int direction) const = 0;
    // Nominal number of pulses across the full range (the "levels").
    virtual int levels() const = 0;
    // Nominal pulses across the range in one direction (+1 potentiation, -1
    // depression); a model whose two branches differ in length (NeuroSim's
    // levelsLTP, levelsLTD) says so here.
    virtual int directionLevels(int direction) const {
        (void)direction;
        return levels();
    }

    double gMax() const { return gMax_; }
    double gMin() const { return gMin_; }
    double conductance(double x) const { return gMin_ + x * (gMax_ - gMin_); }  // S

private:
    double gMax_, gMin_;
};

// Shared conductance parameters every model carries.
std::vector<ParamSpec> conductanceSpecs(double gMaxDefault, double onOffDefault, const std::string& source);

struct SynapsePreset {
    std::string id, name, source;
    ParamValues values;
};

struct SynapseModelInfo {
    std::string id;  // stable key used in project files ("neurosim_nl", "soft_bounds")
    std::string name;
    std::string summary;
    std::string source;
    std::vector<ParamSpec> params;
    std::vector<SynapsePreset> presets;
    std::function<std::vector<ParamIssue>(const ParamValues&)> checkParams;  // cross-field rules, may be empty
    std::function<std::unique_ptr<PulseSynapse>(const ParamValues&)> create;  // complete, valid values
};

const Registry<SynapseModelInfo>& synapseRegistry();

// Defaults, then preset, then overrides; validated. Throws InputError(pathPrefix + "." + key, why).
std::unique_ptr<PulseSynapse> instantiateSynapse(const std::string& modelId, const ParamValues& overrides = {},
                                                 const std::string& presetId = "",
                                                 const std::string& pathPrefix = "synapse");

// Device states of many synapses of one model: x, the drawn device
// parameters and a stuck-at fault flag per device.
enum class StuckState : std::uint8_t { Healthy = 0, StuckOff = 1, StuckOn = 2 };

class DevicePopulation {
public:
    DevicePopulation() = default;
    // `count` devices with drawn parameters; x starts at `x0`.
    DevicePopulation(const PulseSynapse& model, std::size_t count, double x0, SynapseRng& rng);

    std::size_t size() const { return x_.size(); }
    double x(std::size_t i) const { return x_[i]; }
    void setX(std::size_t i, double x) { if (stuck_[i] == StuckState::Healthy) x_[i] = x; }
    const double* params(std::size_t i) const { return params_.data() + i * stride_; }  // stride 0: empty
    StuckState stuck(std::size_t i) const { return stuck_[i]; }
    // Pulses device i (stuck devices ignore pulses). Returns the new x.
    double pulse(std::size_t i, int n, double width, SynapseRng& rng) {
        if (stuck_[i] == StuckState::Healthy) x_[i] = model_->applyPulses(x_[i], params(i), n, width, rng);
        return x_[i];
    }
    const PulseSynapse& model() const { return *model_; }

    // Stuck-at faults (MemTorch/MNSIM style): each device independently is
    // stuck off (x = 0, Gmin) with probability pOff, on (x = 1) with pOn.
    void injectStuckFaults(double pOff, double pOn, SynapseRng& rng);
    std::size_t stuckCount() const;

private:
    const PulseSynapse* model_ = nullptr;
    int stride_ = 0;
    std::vector<double> x_;
    std::vector<double> params_;
    std::vector<StuckState> stuck_;
};

}  // namespace ms
