// One layer's weight matrix (outputs x inputs, the last input is the bias)
// held in memristive devices on crossbar tiles. Keeps the effective weights
// the array computes with up to date as devices are pulsed, so training reads
// them with one matrix product (the ideal fast path); the physical per-tile
// path through a CrossbarMvm hook gives the same numbers for ideal wires.
#pragma once

#include <memory>
#include <vector>

#include <Eigen/Core>

#include "core/ann/AnnConfig.h"
#include "core/ann/CrossbarMvm.h"
#include "core/synapses/NonIdenticalPulses.h"
#include "core/synapses/PulseSynapse.h"

namespace ms {

struct ProgrammingReport {
    double rmsError = 0.0;   // RMS of (programmed - target) weights / wMax
    double maxError = 0.0;   // largest |programmed - target| / wMax
    long long pulses = 0;
    double energy = 0.0;     // J
    int verifyIterations = 0;  // most iterations any device needed
};

class AnalogWeights {
public:
    AnalogWeights(int outputs, int inputs, const AnalogSpec& spec, const PulseSynapse& model, double wMax,
                  SynapseRng& rng);

    int outputs() const { return outputs_; }
    int inputs() const { return inputs_; }
    double wMax() const { return wMax_; }
    // Weight change of one nominal pulse (what the update rules count in).
    double pulseStep() const { return dwPulse_; }
    // The step an update counts in for direction +1 (potentiation) or -1 (depression).
    double pulseStep(int direction) const { return direction > 0 ? dwUp_ : dwDown_; }

    // Weights the array holds now (drift at the set time included; no read noise).
    const Eigen::MatrixXd& weights() const { return w_; }

    // Sets device states directly to represent W (initialisation before in situ training).
    void initialise(const Eigen::MatrixXd& w);
    // Ex situ programming from RESET (Gmin): open loop from the nominal curve, or write-verify.
    ProgrammingReport program(const Eigen::MatrixXd& target, SynapseRng& rng);
    // In situ: applies the weight change dW as pulses by the configured rule.
    void applyUpdate(const Eigen::MatrixXd& dW, SynapseRng& rng);

    // Time since programming for drift (s).
    void setTime(double t);
    // Global output gain (drift compensation, peripheral).
    void setOutputGain(double g) { gain_ = g; }

    // y = W x through DAC, read noise, the tiles (hook when not ideal), ADC, compensation.
    Eigen::VectorXd multiply(const Eigen::VectorXd& x, SynapseRng& rng) const;
    void setMvm(std::shared_ptr<const CrossbarMvm> mvm) { mvm_ = std::move(mvm); }
    void setCompensation(std::shared_ptr<const OutputCompensation> c) { compensation_ = std::move(c); }

    // True when multiply() is exactly weights() * x (no periphery, noise or hook).
    bool plainProduct() const {
        return spec_.dacBits <= 0 && spec_.adcBits <= 0 && spec_.readNoise.sigmaRead <= 0 && spec_.readNoise.sigmaOut <= 0 &&
               !compensation_ && !(mvm_ && !mvm_->isIdeal()) && gain_ == 1.0;
    }
    double outputGain() const { return gain_; }

    long long pulseCount() const { return pulses_; }
    double writeEnergy() const { return energy_; }
    int tileCount() const { return tileGridRows() * tileGridCols(); }
    int tileGridRows() const;  // tiles along the inputs
    int inputsPerTile() const; // tileRows / devicesPerWeight: each redundant device takes a row
    int tileGridCols() const;  // tiles along the outputs
    std::size_t stuckDevices() const;
    bool differential() const { return spec_.mapping == WeightMapping::Differential; }
    // Conductances of polarity p (0: G+, 1: G-; reference mapping has only 0), replica 0, outputs x inputs (S).
    Eigen::MatrixXd conductances(int polarity) const;

private:
    std::size_t index(int replica, int o, int i) const {
        return (static_cast<std::size_t>(replica) * outputs_ + o) * inputs_ + i;
    }
    double deviceG(int polarity, std::size_t k) const;
    void refreshWeight(int o, int i);
    void pulseDevice(int polarity, std::size_t k, int n, SynapseRng& rng);

    int outputs_, inputs_;
    AnalogSpec spec_;
    const PulseSynapse* model_;
    double wMax_, scale_, gRef_, dwPulse_;
    double dwUp_, dwDown_;  // per direction (levelsPerDirection), else both dwPulse_
    int replicas_;
    DevicePopulation pos_, neg_;
    std::vector<double> nuPos_, nuNeg_, driftPos_, driftNeg_;
    double time_ = 0.0, gain_ = 1.0;
    PulseWidthSchedule widths_;
    Eigen::MatrixXd w_;
    // Per-weight sigma of read noise, sigma_read * scale * sqrt(sum G^2) / N: the sum of
    // each device's independent G (1 + sigma xi) is one Gaussian per weight.
    mutable Eigen::MatrixXd readSigma_;
    mutable bool readSigmaValid_ = false;
    long long pulses_ = 0;
    double energy_ = 0.0;
    std::shared_ptr<const CrossbarMvm> mvm_;
    std::shared_ptr<const OutputCompensation> compensation_;
};

// Symmetric quantiser on [-range, range] with 2^bits - 1 levels, 0 exact
// (bits = 0: none; bits = 1: the sign, -range or +range).
double quantize(double v, int bits, double range);
// Unipolar quantiser on [0, range] with 2^bits levels (bits = 0: none; bits = 1:
// 0 below range/2, range from it).
double quantizeUnipolar(double v, int bits, double range);

}  // namespace ms
