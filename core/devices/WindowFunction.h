// Window functions f(x) that shape the state velocity of drift models near the
// film edges (docs/device-models.md §1). x is the normalised state in [0, 1]; i is
// the device current (Biolek's window depends on its sign).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/common/Registry.h"

namespace ms {

class WindowFunction {
public:
    virtual ~WindowFunction() = default;
    virtual double value(double x, double i) const = 0;
    // f(0) = f(1) = 0 for every i, with a nonzero slope there: the state can
    // approach an edge only exponentially (see StateInfo::zeroFlowAtBounds).
    virtual bool zeroAtBothEdges() const { return false; }
    // f = 1 everywhere (the "none" window): a model may skip the call.
    virtual bool isIdentity() const { return false; }
};

struct WindowInfo {
    std::string id;       // "none", "joglekar", "biolek", "strukov", "prodromakis", "kvatinsky"
    std::string name;
    std::string formula;  // plain-text formula for docs and tooltips
    std::string source;
    std::vector<ParamSpec> params;
    std::function<std::unique_ptr<WindowFunction>(const ParamValues&)> create;
};

const Registry<WindowInfo>& windowRegistry();

}  // namespace ms
