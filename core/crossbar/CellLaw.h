// The I–V law of one crossbar cell seen between its row and column nodes:
// the memristive element (linear or K_r-sinh), in series with the access
// transistor's channel (1T1R) or the selector (1S1R). Series parts share one
// current, so the law is explicit as V(I) and is inverted per evaluation by a
// bracketed Newton iteration (V(I) is odd and strictly increasing).
#pragma once

#include "core/crossbar/CrossbarSpec.h"

namespace ms {

struct CellPoint {
    double current = 0.0;      // A, row -> column
    double conductance = 0.0;  // dI/dV, S (> 0)
};

class CellLaw {
public:
    // g: small-signal conductance of the memristive element; rSeries: the
    // transistor channel (0 for 1R/1S1R).
    CellLaw(const CrossbarSpec& spec, double g, double rSeries);

    bool linear() const { return linear_; }
    // The conductance of a linear cell (1/(1/G + R_series)).
    double linearConductance() const { return gLinear_; }
    CellPoint at(double v) const;
    double voltageAt(double i) const;  // V(I), the explicit direction

private:
    double dVdI(double i) const;
    double g_, rs_, a_ = 0.0, is_ = 0.0, vs_ = 0.0;
    bool selector_ = false, linear_ = true;
    double gLinear_ = 0.0;
};

}  // namespace ms
