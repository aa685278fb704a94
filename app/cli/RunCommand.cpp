#include "app/cli/RunCommand.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli/CsvResultSink.h"
#include "app/cli/StagedOutput.h"
#include "core/circuit/CircuitObject.h"
#include "core/circuit/SynapseCell.h"
#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"

namespace ms::cli {

namespace {

using ojson = nlohmann::ordered_json;

// "peak_current = 129.5 uA": SI prefixes at the edge, for people reading a terminal.
std::string figureText(const Figure& f) {
    std::ostringstream os;
    os.precision(4);
    double v = f.value;
    std::string prefix;
    if (!f.unit.empty() && v != 0.0 && std::isfinite(v)) {
        static const std::pair<double, const char*> prefixes[] = {{1e9, "G"}, {1e6, "M"}, {1e3, "k"}, {1, ""},
                                                                  {1e-3, "m"}, {1e-6, "u"}, {1e-9, "n"}, {1e-12, "p"}};
        for (const auto& [scale, p] : prefixes)
            if (std::fabs(v) >= scale || scale == 1e-12) {
                v /= scale;
                prefix = p;
                break;
            }
    }
    os << f.key << " = " << v;
    if (!f.unit.empty()) os << ' ' << prefix << f.unit;
    return os.str();
}

// The synapse cell an experiment's circuit is, from the cell registry (the
// review's Table 2): its area in F^2 and weight expression; null otherwise.
ojson cellOf(const nlohmann::json& experiment, const Project& project) {
    if (!experiment.contains("circuit") || !experiment["circuit"].is_string()) return nullptr;
    const nlohmann::json* c = circuit::findCircuitObject(project.tree(), experiment["circuit"].get<std::string>());
    if (!c || !c->contains("cell") || !(*c)["cell"].is_object() || !(*c)["cell"].contains("id") ||
        !(*c)["cell"]["id"].is_string())
        return nullptr;
    const circuit::CellInfo* info = circuit::cellRegistry().find((*c)["cell"]["id"].get<std::string>());
    if (!info) return nullptr;
    return ojson{{"id", info->id}, {"name", info->name}, {"area", ojson{{"value", info->areaF2}, {"unit", "F^2"}}},
                 {"weightExpression", info->weightExpression}, {"weightRange", info->range}};
}

}  // namespace

void runProject(const RunOptions& options, const StopToken& stop) {
    const Project project = loadProjectFile(options.projectFile);
    std::vector<std::string> ids = options.experimentIds;
    if (ids.empty()) ids = project.experimentIds();
    for (const auto& id : ids)
        if (!project.experiment(id)) {
            std::string known;
            for (const auto& k : project.experimentIds()) known += (known.empty() ? "" : ", ") + k;
            throw InputError("--experiment", "no experiment with id '" + id + "' in " + options.projectFile +
                                                 " (known: " + (known.empty() ? "none" : known) + ")");
        }
    if (ids.empty()) throw InputError(options.projectFile, "the project has no experiments to run");

    // Refuse runs that cannot fit in memory or would run for days, before
    // anything is written (the studio applies the same guards).
    for (const auto& id : ids) checkRunLimits(project, id);

    StagedOutput out(options.outDir);
    ojson summary;
    summary["format"] = "memristor-studio-results";
    summary["version"] = 1;
    summary["project"] = project.name();
    summary["projectFile"] = options.projectFile;
    summary["generator"] = "memstudio-cli";
    summary["experiments"] = ojson::array();

    for (const auto& id : ids) {
        const nlohmann::json& e = *project.experiment(id);
        const std::string kind = e["kind"].get<std::string>();
        std::cout << id << " (" << kind << ") ..." << std::flush;
        CsvResultSink sink(out.staging(), id, options.verbose);
        const auto start = std::chrono::steady_clock::now();
        runExperiment(project, id, sink, stop);
        sink.finish();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        ojson entry;
        entry["id"] = id;
        entry["kind"] = kind;
        if (e.contains("name") && e["name"].is_string()) entry["name"] = e["name"];
        if (ojson cell = cellOf(e, project); !cell.is_null()) entry["cell"] = cell;
        entry["figures"] = ojson::object();
        for (const auto& f : sink.figures()) entry["figures"][f.key] = ojson{{"value", f.value}, {"unit", f.unit}};
        entry["series"] = ojson::array();
        for (const auto& s : sink.series()) {
            ojson cols = ojson::array();
            for (const auto& c : s.columns) cols.push_back(CsvResultSink::columnHeader(c));
            entry["series"].push_back(ojson{{"id", s.id}, {"file", s.file}, {"rows", s.rows}, {"columns", cols}});
        }
        entry["log"] = sink.logLines();
        entry["wallTime"] = ojson{{"value", seconds}, {"unit", "s"}};
        summary["experiments"].push_back(entry);

        std::ostringstream line;
        line.precision(3);
        line << " done in " << seconds << " s";
        std::size_t shown = 0;
        for (const auto& f : sink.figures())
            if (shown < 4 && f.key.find('@') == std::string::npos && f.key.find("steps") == std::string::npos) {
                line << (shown ? ", " : ": ") << figureText(f);
                ++shown;
            }
        std::cout << line.str() << '\n';
        // Training kinds log one line per epoch (its accuracy and wall time); --verbose
        // echoes them as they come, otherwise they follow the run's line.
        if (!options.verbose)
            for (const auto& l : sink.logLines())
                if (l.rfind("epoch ", 0) == 0) std::cout << "  " << l << '\n';
    }

    {
        std::ofstream s(out.staging() / "summary.json", std::ios::binary);
        s << summary.dump(2) << '\n';
        s.flush();
        if (!s) throw InputError((out.target() / "summary.json").string(), "write failed");
    }
    out.commit();
    std::cout << "results in " << out.target().string() << " (summary.json and one CSV per series)\n";
}

int validateProject(const std::string& projectFile) {
    // Parse without stopping at the first problem so that all are listed.
    std::ifstream in(projectFile, std::ios::binary);
    if (!in) throw InputError(projectFile, "cannot open project file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    nlohmann::json tree;
    try {
        tree = nlohmann::json::parse(buffer.str());
    } catch (const nlohmann::json::parse_error&) {
        parseProject(buffer.str(), projectFile);  // rethrows with file:line:column
    }
    const auto issues = Project(tree).validate();
    for (const auto& issue : issues)
        std::cerr << "memstudio-cli: " << (issue.path.empty() ? "" : issue.path + ": ") << issue.message << '\n';
    if (issues.empty()) {
        std::cout << projectFile << ": valid (" << Project(tree).experimentIds().size() << " experiments)\n";
        // A circuit saved mid-edit (a part not yet wired) is a valid document
        // but cannot be simulated: a warning, not an error (exit 0); `run` of
        // an experiment on it fails with the same message (exit 2).
        if (tree.contains("circuits") && tree["circuits"].is_array())
            for (std::size_t k = 0; k < tree["circuits"].size(); ++k) {
                const auto& c = tree["circuits"][k];
                for (const auto& p : circuit::checkCircuitConnectivity(c, "circuits[" + std::to_string(k) + "]")) {
                    std::string users;
                    if (tree.contains("experiments") && tree["experiments"].is_array())
                        for (const auto& e : tree["experiments"])
                            if (e.is_object() && e.value("circuit", nlohmann::json()) == c.value("id", nlohmann::json()))
                                users += (users.empty() ? "" : ", ") + e.value("id", std::string("?"));
                    std::cerr << "memstudio-cli: warning: " << p.path << ": " << p.message
                              << (users.empty() ? std::string() : " (experiments that will not run: " + users + ")") << '\n';
                }
            }
    }
    return static_cast<int>(issues.size());
}

}  // namespace ms::cli
