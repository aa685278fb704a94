// Parameter specs shared by the cells (internal to core/circuit/cells).
#pragma once

#include "core/common/ParamSpec.h"

namespace ms::circuit::cells {

inline ParamSpec readVoltageSpec() {
    return {"vRead", "V_read", "V", 0.1, 1e-3, 10, Scale::Log,
            "Read voltage at which device resistances (and so the weight) are taken", "", false};
}

inline ParamSpec feedbackSpec() {
    return {"Rf", "R_f", "ohm", 10e3, 1, 1e9, Scale::Log, "Transimpedance of the read amplifier", "", false};
}

}  // namespace ms::circuit::cells
