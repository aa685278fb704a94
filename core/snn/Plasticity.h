// Plasticity rules for memristive synapses. The projection's weight is the
// synapse's conductance (in the post model's unit); rules change it on
// presynaptic arrivals and postsynaptic spikes. Each rule is registered with
// ParamSpec metadata like neuron and device models.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/common/Registry.h"
#include "core/devices/ModelRegistry.h"

namespace ms::snn {

class Projection;
struct Arrival;

class PlasticityRule {
public:
    virtual ~PlasticityRule() = default;
    // Allocates per-synapse state; called once when set on a projection.
    virtual void attach(Projection& p) = 0;
    // A presynaptic spike arrives at synapse s at time t (after it was delivered).
    virtual void onPre(Projection& p, std::uint32_t s, double t) = 0;
    // Arrivals a[0..n) (distinct synapses, delivered), all at time t.
    // Rules override it to keep per-event work out of a virtual call.
    // The default calls onPre for each.
    virtual void onPreBatch(Projection& p, const Arrival* a, std::size_t n, double t);
    // Post neuron j spiked at time t.
    virtual void onPost(Projection& p, std::uint32_t j, double t) = 0;
    // Forgets traces (between examples); weights stay.
    virtual void resetTraces() {}
    // The projection's weights were rewritten from outside (normalisation):
    // rules that keep device state re-derive it from the new weights.
    virtual void weightsRescaled(Projection&) {}
};

struct PlasticityInfo {
    std::string id;  // "pair_stdp", "diehl_cook", "device_stdp", "stochastic_binary"
    std::string name;
    std::string summary;
    std::string source;
    std::vector<ParamSpec> params;
    // `device` is used by "device_stdp" only; `seed` by stochastic rules.
    std::function<std::unique_ptr<PlasticityRule>(const ParamValues& complete, const DeviceSpec* device,
                                                  std::uint64_t seed)>
        create;
};

const Registry<PlasticityInfo>& plasticityRegistry();

std::unique_ptr<PlasticityRule> makePlasticity(const std::string& id, const ParamValues& overrides = {},
                                               const DeviceSpec* device = nullptr, std::uint64_t seed = 1,
                                               const std::string& pathPrefix = "plasticity");

// The pair-based exponential STDP window (Song, Miller & Abbott 2000) for
// dt = t_post - t_pre: A+ e^{-dt/tau+} for dt > 0, A- e^{dt/tau-} for dt < 0
// (A- is negative for depression).
double pairStdpWindow(double dtPostMinusPre, double aPlus, double aMinus, double tauPlus, double tauMinus);

}  // namespace ms::snn
