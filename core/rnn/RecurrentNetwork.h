// Recurrent layers on crossbar tiles (issue 17; docs/rnn.md): an Elman cell, an
// LSTM cell (all four gates) or a GRU cell, read many-to-one, then a dense
// readout of the last hidden state (softmax for classes, linear for regression).
//
// Each weight matrix is one WeightSlot (core/ann/Network.h), the same float
// master copy / gradient / AnalogWeights triple the ANN layers use, so the
// same devices, non-idealities and mitigations apply unchanged:
//   cell     Elman: H x (I + H + 1)    LSTM: 4H x (I + H + 1), gate rows i, f, g, o
//            GRU: 3H x (I + H + 1), gate rows z, r, n
//   readout  O x (H + 1)
// The column input of both is [x_t; h_{t-1}; 1] and [h_T; 1]: the bias is the
// last input, exactly as the ANN kinds map it. Forward passes go through the
// slot's multiply() (the tiles, periphery and read noise when analog); the
// backward pass uses the weights the array holds (slot.effective()), as the
// ANN's in situ training does. The GRU's candidate reads its recurrent input
// through the reset gate, r * h_{t-1}, so each step reads the tile twice: once
// with [x_t; h_{t-1}; 1] for the z and r rows, once with [x_t; r * h_{t-1}; 1]
// for the n rows (Cho et al. 2014's form).
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/ann/Network.h"

namespace ms {

enum class CellType { Elman, Lstm, Gru };

// Gate row blocks the cell matrix stacks: 1 (Elman), 4 (LSTM), 3 (GRU).
int gateCount(CellType cell);
enum class ReadoutKind { SoftmaxClasses, Linear };

struct RnnShape {
    CellType cell = CellType::Lstm;
    int inputs = 8;   // features per step
    int hidden = 32;  // H
    int outputs = 10; // classes, or predicted values
    ReadoutKind readout = ReadoutKind::SoftmaxClasses;
};

// What one step keeps for backpropagation through time.
struct RnnStep {
    Eigen::VectorXd z;      // [x_t; h_{t-1}; 1]
    Eigen::VectorXd zReset; // GRU: [x_t; r * h_{t-1}; 1], the candidate's input (empty otherwise)
    Eigen::VectorXd gates;  // Elman: h_t; LSTM: i, f, g, o activations (4H); GRU: z, r, n (3H)
    Eigen::VectorXd h, c;   // c: LSTM cell state (empty for Elman)
};

struct RnnPass {
    std::vector<RnnStep> steps;
    Eigen::VectorXd output;  // softmax probabilities, or the linear readout
};

class RecurrentNetwork {
public:
    // Weights uniform in +-initScale / sqrt(H) (the cell) and Xavier (the readout);
    // the LSTM's forget-gate bias starts at 1 so early gradients are not forgotten.
    RecurrentNetwork(const RnnShape& shape, double initScale, SynapseRng& rng);

    // `sequence`: steps x inputs (row t is x_t).
    RnnPass forward(const Eigen::MatrixXd& sequence, ForwardContext& ctx) const;
    // Loss of a pass: cross entropy of `label`, or 0.5 |y - target|^2.
    double loss(const RnnPass& pass, int label, const Eigen::VectorXd& target) const;
    // Forward, loss and BPTT for one sequence; gradients add into the slots' grad.
    double accumulateGradient(const Eigen::MatrixXd& sequence, int label, const Eigen::VectorXd& target,
                              ForwardContext& ctx);

    const RnnShape& shape() const { return shape_; }
    WeightSlot& cell() { return cell_; }
    WeightSlot& readout() { return readout_; }
    const WeightSlot& cell() const { return cell_; }
    const WeightSlot& readout() const { return readout_; }
    std::vector<WeightSlot*> weightSlots() { return {&cell_, &readout_}; }
    std::string describe() const;

private:
    void backward(const RnnPass& pass, const Eigen::VectorXd& dOutput);

    RnnShape shape_;
    WeightSlot cell_, readout_;
};

}  // namespace ms
