// A compiled circuit: the netlist checked (ground, floating nodes, loops of
// voltage sources, parameter ranges), its unknowns numbered, and the
// analyses on it: DC operating point and adaptive transient (Analysis.h).
// Memristor states live in the circuit between runs, so an experiment can
// program, read and program again.
#pragma once

#include <Eigen/Dense>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/circuit/Element.h"
#include "core/circuit/Netlist.h"

namespace ms::circuit {

class MemristorElement;

// Whether compiling checks that the circuit can be solved at all: a ground,
// every node with a DC path to it, no loop of voltage sources. A circuit
// being drawn may still fail these (a part placed but not yet wired); the
// project keeps it, and only a run refuses it (Required).
enum class Connectivity { Required, Unchecked };

// One solution point: t and every unknown.
struct Solution {
    double t = 0.0;
    Eigen::VectorXd y;
};

class Circuit {
public:
    // Validates and compiles; throws InputError naming the element, node or
    // parameter ("elements.R1.params.R", "node 'mid'"). Unchecked skips the
    // connectivity checks (for reading a circuit's structure, never to solve it).
    explicit Circuit(const Netlist& netlist, Connectivity connectivity = Connectivity::Required);
    ~Circuit();
    Circuit(Circuit&&) noexcept;

    const Netlist& netlist() const { return netlist_; }
    int unknownCount() const { return static_cast<int>(labels_.size()); }
    const std::vector<std::string>& nodeNames() const { return nodeNames_; }  // without ground, in unknown order
    // Unknown index of a node (-1 for ground); InputError for unknown names.
    int nodeIndex(const std::string& node) const;
    const std::string& unknownLabel(int k) const { return labels_[static_cast<std::size_t>(k)]; }
    UnknownKind unknownKind(int k) const { return kinds_[static_cast<std::size_t>(k)]; }
    const std::vector<UnknownKind>& unknownKinds() const { return kinds_; }
    const std::vector<std::unique_ptr<Element>>& elements() const { return elements_; }
    const Element& element(const std::string& name) const;  // InputError if missing
    bool nonlinear() const { return nonlinear_; }

    // Memristor states in model units (state symbol and unit of the model).
    std::vector<std::string> memristorNames() const;
    const MemristorElement& memristor(const std::string& name) const;
    double state(const std::string& name) const;
    void setState(const std::string& name, double x);  // InputError outside the model's bounds
    // Read resistance model.resistance(x, vRead) at the present state.
    double readResistance(const std::string& name, double vRead) const;
    // Replaces the waveform of a source or switch (no spec: constant `dc`).
    void setStimulus(const std::string& element, const std::optional<StimulusSpec>& stimulus, double dc);

    // The last solution (DC or end of a transient); states are read from it.
    const Solution& present() const { return present_; }
    void setPresent(Solution s) { present_ = std::move(s); }

    double voltage(const Solution& s, const std::string& node) const;
    double current(const Solution& s, const std::string& element) const;

    // f, q and their Jacobians at (y, t).
    void evaluate(const Eigen::VectorXd& y, double t, Analysis a, double sourceScale, Eigen::VectorXd& f,
                  Eigen::VectorXd& q, Eigen::MatrixXd& G, Eigen::MatrixXd& C) const;
    // The element whose own terms dominate row `row` at (y, t): for messages.
    std::string dominantElement(const Eigen::VectorXd& y, double t, Analysis a, int row) const;
    // "KCL at node 'mid'", "equation of V1", "state of M1".
    std::string rowDescription(int row) const;

private:
    void checkTopology(const std::vector<std::vector<int>>& terminalNodes) const;

    Netlist netlist_;
    std::vector<std::unique_ptr<Element>> elements_;
    std::vector<std::string> nodeNames_;
    std::vector<std::string> labels_;
    std::vector<UnknownKind> kinds_;
    std::vector<std::string> rowOwner_;  // element owning an extra unknown's row
    bool nonlinear_ = false;
    Solution present_;
};

}  // namespace ms::circuit
