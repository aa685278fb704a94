// IR drop through the exact crossbar solver (docs/crossbar.md §1-§2): a
// CrossbarMvm whose column currents come from the nodal solution of the tile
// with its wire, driver and sense resistances (core/crossbar's public
// CrossbarSolver). Per tile it keeps the IR-drop-aware transfer matrix T
// (column currents = T * row voltages), i.e. one factorization reused for
// every input vector while the tile's conductances stay put (inference, a
// batch). While they change (in situ training) it adds the first-order term
// (G - G0)^T v to the stale T0 v and re-solves exactly every `refreshCalls`
// calls; refreshAll() forces exact solves (the engine calls it before each
// evaluation pass).
//
// Peripheral compensation (Lepri et al., IEEE TED 2022 recover 59 -> 96.6 %):
// a per-column gain trim of the sense amplifiers, calibrated once per solve by
// reading the tile with every row at the read voltage: c_j = (G^T v)_j / (T v)_j.
#pragma once

#include <map>
#include <memory>

#include "core/ann/AnnConfig.h"
#include "core/ann/CrossbarMvm.h"

namespace ms {

class IrDropMvm final : public CrossbarMvm {
public:
    explicit IrDropMvm(const IrDropSpec& spec);
    Eigen::VectorXd columnCurrents(const Eigen::MatrixXd& g, const Eigen::VectorXd& v) const override;
    Eigen::VectorXd tileColumnCurrents(int tileKey, const Eigen::MatrixXd& g, const Eigen::VectorXd& v) const override;
    bool isIdeal() const override { return false; }

    // The next call of every tile re-solves exactly if its conductances changed.
    void refreshAll() const;
    long long exactSolves() const { return solves_; }

    // Exact transfer matrix (outputs x inputs, S) of a tile with conductances g
    // (rows = inputs, cols = outputs); with the compensation gains applied when on.
    Eigen::MatrixXd transfer(const Eigen::MatrixXd& g) const;

private:
    struct TileState {
        Eigen::MatrixXd g0;  // conductances T was solved for
        Eigen::MatrixXd t;   // outputs x inputs (S), compensation folded in
        int callsSince = 0;
        bool stale = false;
    };
    IrDropSpec spec_;
    mutable std::map<int, TileState> tiles_;
    mutable long long solves_ = 0;
};

}  // namespace ms
