// The CeNN template library: one registry entry per template, keyed by a
// stable id, with the initial state and boundary it is meant to run with and
// its source. Values and sources are tabulated in docs/cenn.md.
#pragma once

#include <string>

#include "core/cenn/Cenn.h"
#include "core/common/Registry.h"

namespace ms::cenn {

// What the state starts from: all 0, the input image, or all +1 (black).
enum class InitialState { Zero, Input, Ones };

struct TemplateInfo {
    std::string id;
    std::string name;
    std::string meaning;  // one line: what the steady output shows
    std::string source;
    Template tmpl;
    InitialState initial = InitialState::Zero;
    Boundary boundary = Boundary::Fixed;
    double boundaryU = 0.0;
    double boundaryY = 0.0;
};

const Registry<TemplateInfo>& templateLibrary();

// "zero" / "input" / "ones"; false for another string.
bool parseInitialState(const std::string& s, InitialState& out);
const char* toString(InitialState s);

// The state a run starts from.
Image initialState(InitialState s, const Image& input);

}  // namespace ms::cenn
