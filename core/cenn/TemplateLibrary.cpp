#include "core/cenn/TemplateLibrary.h"

namespace ms::cenn {

namespace {

// Every entry below is from the CNN Software Library (Roska et al., version
// 1.1) as tabulated in docs/cenn.md; the library's boundary for all of them is
// a fixed one, virtual cells at u = y = 0 unless the entry says otherwise.
const char* kLibrary = "Roska et al., CNN Software Library (version 1.1)";

TemplateInfo entry(std::string id, std::string name, std::string meaning, Template t, InitialState init) {
    TemplateInfo i;
    i.id = std::move(id);
    i.name = std::move(name);
    i.meaning = std::move(meaning);
    i.source = kLibrary;
    i.tmpl = t;
    i.initial = init;
    return i;
}

}  // namespace

const Registry<TemplateInfo>& templateLibrary() {
    static const Registry<TemplateInfo> reg = [] {
        Registry<TemplateInfo> r;
        r.add(entry("edge_detection", "Edge detection (EDGE)",
                    "Black pixels with at least one white neighbour stay black; all others turn white",
                    {{0, 0, 0, 0, 1, 0, 0, 0, 0}, {-1, -1, -1, -1, 8, -1, -1, -1, -1}, -1.0}, InitialState::Zero));
        r.add(entry("corner_detection", "Corner detection (CORNER)",
                    "Black pixels with at least five white neighbours (convex corners) stay black",
                    {{0, 0, 0, 0, 1, 0, 0, 0, 0}, {-1, -1, -1, -1, 4, -1, -1, -1, -1}, -5.0}, InitialState::Zero));
        r.add(entry("noise_removal", "Noise removal by averaging (AVERAGE)",
                    "Each pixel takes the majority of its 4-neighbourhood until the image settles: isolated "
                    "pixels of either colour vanish",
                    {{0, 1, 0, 1, 2, 1, 0, 1, 0}, {}, 0.0}, InitialState::Input));
        r.add(entry("hole_filling", "Hole filling (HOLE)",
                    "White regions not connected to the image border by a 4-connected white path turn black",
                    {{0, 1, 0, 1, 3, 1, 0, 1, 0}, {0, 0, 0, 0, 4, 0, 0, 0, 0}, -1.0}, InitialState::Ones));
        r.add(entry("horizontal_line_detection", "Horizontal line detection",
                    "Black pixels whose left and right neighbours are black stay black",
                    {{0, 0, 0, 0, 2, 0, 0, 0, 0}, {0, 0, 0, 1, 1, 1, 0, 0, 0}, -2.0}, InitialState::Zero));
        r.add(entry("vertical_line_detection", "Vertical line detection",
                    "Black pixels whose upper and lower neighbours are black stay black",
                    {{0, 0, 0, 0, 2, 0, 0, 0, 0}, {0, 1, 0, 0, 1, 0, 0, 1, 0}, -2.0}, InitialState::Zero));
        TemplateInfo ccd = entry("connected_component_detection", "Horizontal connected component detection (CCD)",
                    "Each row's horizontally connected black runs shrink to single black pixels, one white pixel "
                    "apart, packed against the row's right end",
                    {{0, 0, 0, 1, 2, -1, 0, 0, 0}, {}, 0.0}, InitialState::Input);
        // CCD needs white virtual cells (y = -1) at the row ends: with 0 there
        // the left end reads as part of a component and the runs do not pack.
        ccd.boundaryY = -1.0;
        r.add(ccd);
        return r;
    }();
    return reg;
}

bool parseInitialState(const std::string& s, InitialState& out) {
    if (s == "zero") out = InitialState::Zero;
    else if (s == "input") out = InitialState::Input;
    else if (s == "ones") out = InitialState::Ones;
    else return false;
    return true;
}

const char* toString(InitialState s) {
    switch (s) {
        case InitialState::Input: return "input";
        case InitialState::Ones: return "ones";
        default: return "zero";
    }
}

Image initialState(InitialState s, const Image& input) {
    if (s == InitialState::Input) return input;
    return Image(input.rows, input.cols, s == InitialState::Ones ? 1.0 : 0.0);
}

}  // namespace ms::cenn
