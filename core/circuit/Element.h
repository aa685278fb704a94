// Runtime elements of the modified-nodal-analysis (MNA) equations. The
// circuit is the DAE  d/dt q(y) + f(y, t) = 0  over the unknowns y = [node
// voltages, branch currents, device states] (Wang & Roychowdhury 2016: the
// memristor state is a true unknown, docs/device-models.md §7). Each element adds
// its terms to f and q (row = KCL of a node: currents leaving it; or the
// element's own branch/state equation) and their Jacobians G = df/dy,
// C = dq/dy. Index -1 is ground: rows and columns at -1 are dropped.
#pragma once

#include <Eigen/Dense>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/circuit/Netlist.h"

namespace ms::circuit {

enum class Analysis { Dc, Transient };

class Stamp {
public:
    Stamp(const Eigen::VectorXd& y, double t, Analysis a, double sourceScale, Eigen::VectorXd& f, Eigen::VectorXd& q,
          Eigen::MatrixXd& G, Eigen::MatrixXd& C)
        : y_(y), t_(t), analysis_(a), scale_(sourceScale), f_(f), q_(q), G_(G), C_(C) {}

    double v(int k) const { return k < 0 ? 0.0 : y_[k]; }
    double t() const { return t_; }
    bool dc() const { return analysis_ == Analysis::Dc; }
    // Source stepping (DC homotopy) scales every independent source.
    double sourceScale() const { return scale_; }

    void f(int row, double value) { if (row >= 0) f_[row] += value; }
    void q(int row, double value) { if (row >= 0) q_[row] += value; }
    void G(int row, int col, double value) { if (row >= 0 && col >= 0) G_(row, col) += value; }
    void C(int row, int col, double value) { if (row >= 0 && col >= 0) C_(row, col) += value; }
    // A conductance g between nodes a and b carrying current i from a to b.
    void branchCurrent(int a, int b, double i, double dIdVa, double dIdVb) {
        f(a, i); f(b, -i);
        G(a, a, dIdVa); G(a, b, dIdVb); G(b, a, -dIdVa); G(b, b, -dIdVb);
    }

private:
    const Eigen::VectorXd& y_;
    double t_;
    Analysis analysis_;
    double scale_;
    Eigen::VectorXd& f_;
    Eigen::VectorXd& q_;
    Eigen::MatrixXd& G_;
    Eigen::MatrixXd& C_;
};

// What an unknown is, for outputs, tolerances and error messages.
enum class UnknownKind { NodeVoltage, BranchCurrent, State };

class Element {
public:
    virtual ~Element() = default;

    std::string name, kind;
    std::vector<int> nodes;  // unknown index of each terminal's node, -1 = ground
    int firstExtra = -1;     // first of extraUnknowns() consecutive unknowns

    // Branch currents and states the element adds to y, in order.
    virtual std::vector<UnknownKind> extraUnknowns() const { return {}; }
    // Name suffix of extra unknown k in outputs: "I(V1)", "x(M1)".
    virtual std::string extraLabel(int k) const { (void)k; return wrap("I(", name); }
    virtual void stamp(Stamp& s) const = 0;

    // Terminal pairs (local indices, -1 = ground) joined by a DC conduction
    // path, for the floating-node check.
    virtual std::vector<std::pair<int, int>> dcPaths() const { return {{0, 1}}; }
    // Terminal pairs whose voltage the element fixes (a source, a nullator),
    // for the voltage-source-loop check.
    virtual std::vector<std::pair<int, int>> voltageConstraints() const { return {}; }
    // True if f is nonlinear in y (needs Newton iterations).
    virtual bool nonlinear() const { return false; }

    // True if the element holds charge (its current has a dq/dt part).
    virtual bool storesCharge() const { return false; }
    // Current through the element from terminal 0 to terminal 1 (or the
    // drain current, the amplifier's input current). Charge-holding elements
    // take dy/dt as (y - yPrev) / h (h = 0 at DC: no charge current).
    virtual double current(const Eigen::VectorXd& y, double t, const Eigen::VectorXd& yPrev, double h) const = 0;

    virtual double nextBreakpoint(double t) const { (void)t; return std::numeric_limits<double>::infinity(); }
    // Time over which the element's drive changes appreciably (inf: static).
    virtual double featureTime() const { return std::numeric_limits<double>::infinity(); }

protected:
    // "I(" + name + ")" by appends: GCC 12 flags "lit" + std::string with a false -Wrestrict.
    static std::string wrap(const char* head, const std::string& inner) {
        std::string s(head);
        s.append(inner).append(")");
        return s;
    }
    double volt(const Eigen::VectorXd& y, int terminal) const {
        const int k = nodes[static_cast<std::size_t>(terminal)];
        return k < 0 ? 0.0 : y[k];
    }
};

}  // namespace ms::circuit
