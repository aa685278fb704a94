// Feed-forward networks whose weight matrices live in float or on crossbar
// tiles: dense layers (SLP, MLP of any sizes) and a small CNN front end
// (convolution unrolled by im2col onto the same tiles, ReLU, 2x2 max pooling).
// Samples are processed one at a time (column vectors), as in situ training
// updates the devices after every sample.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/ann/AnalogWeights.h"
#include "core/ann/AnnConfig.h"

namespace ms {

struct ForwardContext {
    SynapseRng& rng;
    double hwaNoise = 0.0;  // relative weight noise per forward pass (hardware-aware training)
};

// How the weights start (AnnConfig.h WeightInit): scale multiplies the He/Xavier
// bound; range is the weight of the NeuroSim levels' +1 (the run's wMax).
struct WeightInitSpec {
    WeightInit kind = WeightInit::HeXavier;
    double scale = 1.0;
    double range = 1.0;
};

// A layer's weights: the float master copy, its gradient, and optionally the devices.
struct WeightSlot {
    Eigen::MatrixXd w;     // outputs x (inputs + 1); last column is the bias (outputs x inputs without bias)
    Eigen::MatrixXd grad;  // accumulated dLoss/dW
    std::unique_ptr<AnalogWeights> analog;
    const Eigen::MatrixXd& effective() const { return analog ? analog->weights() : w; }
    Eigen::VectorXd multiply(const Eigen::VectorXd& xWithBias, ForwardContext& ctx) const;
};

class Layer {
public:
    virtual ~Layer() = default;
    virtual Eigen::VectorXd forward(const Eigen::VectorXd& in, ForwardContext& ctx) = 0;
    // Takes dLoss/d(output), adds to the weight gradient, returns dLoss/d(input).
    virtual Eigen::VectorXd backward(const Eigen::VectorXd& gradOut) = 0;
    virtual WeightSlot* weights() { return nullptr; }
    // A threshold layer's sigmoid behind its 0/1 output (else null): MLP_NeuroSim
    // sends the 1-bit output forward but updates the next layer with the sigmoid
    // (Train.cpp: deltaWeight2 = -alpha2 s2 a1), so the next layer takes it for its gradient.
    virtual const Eigen::VectorXd* gradientOutput() const { return nullptr; }
    virtual void useGradientInput(const Eigen::VectorXd& in) { (void)in; }
    virtual std::string describe() const = 0;
    virtual int outputSize() const = 0;
};

enum class LayerActivation { Sigmoid, Tanh, ReLU, Threshold, Identity };

class Network {
public:
    // Builds the layers for `spec` on inputs of `inputSize` (image width x height
    // when the conv stage is on), with weights drawn from `rng`.
    Network(const NetworkSpec& spec, int inputSize, int imageWidth, int imageHeight, const WeightInitSpec& init,
            SynapseRng& rng);
    // With spec.init scaled by initScale (the NeuroSim levels' range 1).
    Network(const NetworkSpec& spec, int inputSize, int imageWidth, int imageHeight, double initScale, SynapseRng& rng)
        : Network(spec, inputSize, imageWidth, imageHeight, WeightInitSpec{spec.init, initScale, 1.0}, rng) {}

    // Class scores: softmax probabilities or sigmoid outputs.
    Eigen::VectorXd predict(const Eigen::VectorXd& x, ForwardContext& ctx);
    // Forward and backward for one sample; gradients accumulate in the slots. Returns the loss.
    double accumulateGradient(const Eigen::VectorXd& x, int label, ForwardContext& ctx);

    std::vector<WeightSlot*> weightSlots();
    const std::vector<std::unique_ptr<Layer>>& layers() const { return layers_; }
    std::string describe() const;
    OutputLoss loss() const { return loss_; }

private:
    std::vector<std::unique_ptr<Layer>> layers_;
    OutputLoss loss_;
    int classes_;
};

}  // namespace ms
