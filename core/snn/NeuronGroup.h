// A population of spiking neurons of one model, advanced together on a fixed
// clock. The step order follows Brian2's schedule (state update, threshold,
// reset; synaptic propagation happens between steps in Network), so a network
// built here and in Brian2 produces the same spikes at the same dt.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/common/Registry.h"

namespace ms::snn {

using SpikeList = std::vector<std::uint32_t>;

class NeuronGroup {
public:
    explicit NeuronGroup(std::size_t n) : ge(n, 0.0), gi(n, 0.0), Iext(n, 0.0), n_(n) {}
    virtual ~NeuronGroup() = default;

    std::size_t size() const { return n_; }

    // Advances every neuron from t to t + dt, then appends the indices of the
    // neurons that crossed threshold during the step (their spike time is t,
    // Brian2's convention) and resets them.
    virtual void step(double t, double dt, SpikeList& spiked) = 0;

    // Membrane potential (V) of neuron i, for monitors and plots.
    virtual double membrane(std::size_t i) const = 0;
    // Named state variables beyond v (e.g. "u", "theta", "m", "h", "n").
    virtual std::vector<std::string> stateNames() const { return {}; }
    virtual double state(const std::string& name, std::size_t i) const;

    // Homeostasis (adaptive threshold) learns during training and is frozen
    // when testing (Diehl & Cook 2015). Models without it ignore the call.
    virtual void setAdaptationFrozen(bool frozen) { (void)frozen; }
    // Restores the initial membrane state (keeps learned thresholds).
    virtual void resetState() {}

    // Synaptic input variables written by projections. Their meaning is the
    // model's: dimensionless conductances relative to leak for conductance
    // LIF, currents (A, A/m^2, or Izhikevich units) for current-based models.
    std::vector<double> ge, gi;
    // External input current per neuron, in the model's input unit.
    std::vector<double> Iext;

private:
    std::size_t n_;
};

struct NeuronPreset {
    std::string id;
    std::string name;
    std::string description;
    ParamValues values;
};

struct NeuronInfo {
    std::string id;       // "lif", "lif_cond", "izhikevich", "hodgkin_huxley", "srm0"
    std::string name;
    std::string summary;
    std::string source;
    std::string inputUnit;  // unit of Iext and of current synaptic input
    // Unit of membrane(): "V", or "" for the dimensionless models
    // (Hindmarsh-Rose, FitzHugh-Nagumo), whose time is in model units mapped
    // onto seconds by their time_unit parameter.
    std::string membraneUnit = "V";
    std::vector<ParamSpec> params;
    std::vector<NeuronPreset> presets;
    std::function<std::unique_ptr<NeuronGroup>(const ParamValues& complete, std::size_t n)> create;
};

const Registry<NeuronInfo>& neuronRegistry();

// Defaults, then preset (if not empty), then overrides; validated. Throws
// InputError(pathPrefix + key) on the first problem.
std::unique_ptr<NeuronGroup> makeNeuronGroup(const std::string& modelId, std::size_t n,
                                             const ParamValues& overrides = {}, const std::string& presetId = "",
                                             const std::string& pathPrefix = "neuron");
ParamValues resolveNeuronParams(const std::string& modelId, const ParamValues& overrides,
                                const std::string& presetId = "", const std::string& pathPrefix = "neuron");

}  // namespace ms::snn
