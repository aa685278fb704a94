// libFuzzer target: project-file text -> parseProject (JSON syntax, envelope,
// devices, every experiment kind's validator). Anything but a valid Project or
// an ms::InputError is a bug. A file that loads must survive a save and load
// unchanged, its memory and work estimates must be finite non-negative
// numbers, and the run guards (checkRunLimits) may refuse it only with an
// ms::InputError.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    ms::Project project;
    try {
        project = ms::parseProject(text, "fuzz.json");
    } catch (const ms::InputError&) {
        return 0;  // refused with a located message: the expected outcome for junk
    }
    // Accepted: the saved form must load back to the same document.
    const std::string saved = ms::serializeProject(project);
    ms::Project again;
    try {
        again = ms::parseProject(saved, "resaved.json");
    } catch (const ms::InputError&) {
        std::abort();  // a document we accepted does not load after saving
    }
    if (!(again == project)) std::abort();
    for (const auto& e : project.tree()["experiments"]) {
        const auto* kind = ms::experimentKindRegistry().find(e["kind"].get<std::string>());
        if (!kind || !kind->memoryEstimate) continue;
        const double bytes = kind->memoryEstimate(e, project);
        if (!std::isfinite(bytes) || bytes < 0) std::abort();
    }
    for (const auto& id : project.experimentIds()) {
        const auto* e = project.experiment(id);
        const auto* kind = ms::experimentKindRegistry().find((*e)["kind"].get<std::string>());
        try {
            if (kind && kind->workEstimate) {
                const ms::WorkEstimate w = kind->workEstimate(*e, project);
                // NaN would slip through the guard's comparison as "too much"; an
                // infinite amount is a fair "too much", a negative one a bug.
                if (std::isnan(w.amount) || w.amount < 0) std::abort();
            }
            ms::checkRunLimits(project, id);
        } catch (const ms::InputError&) {
            // refused before a run, with a located message: fine
        }
    }
    return 0;
}
