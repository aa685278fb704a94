// memstudio-cli: runs project files headless (the same experiment kinds the
// studio runs), lists the registries, validates projects.
// Exit codes: 0 ok, 1 simulation failure or cancelled, 2 bad input.
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/ExportSpiceCommand.h"
#include "app/cli/RegistryListing.h"
#include "app/cli/RunCommand.h"
#include "app/cli/StudyCommand.h"
#include "core/common/Errors.h"
#include "core/data/DataPaths.h"
#include "core/sim/Frames.h"

namespace {

constexpr int kOk = 0, kSimulationFailed = 1, kBadInput = 2;

const char* kUsage =
    "usage:\n"
    "  memstudio-cli run PROJECT.json --out DIR [--experiment ID]... [--verbose]\n"
    "      run every experiment (or the named ones); write DIR/summary.json and one CSV per series\n"
    "  memstudio-cli study PROJECT.json --study ID --out DIR [-j N] [--shard K/N] [--retry-failed]\n"
    "  memstudio-cli study merge DIR [SHARD_DIR]...\n"
    "  memstudio-cli study submit PROJECT.json --study ID --out DIR --slurm [--partition P] [--time T]\n"
    "      [--cpus C] [--array-limit L] [--shards N] [--dry-run]\n"
    "      run a study's points (docs/studies.md): DIR/study.csv, one row per point and seed\n"
    "  memstudio-cli validate PROJECT.json\n"
    "      list every problem in the project (exit 2 if there is one)\n"
    "  memstudio-cli export-spice PROJECT.json [--experiment ID] -o FILE.cir\n"
    "      write the experiment's circuit (cell, circuit, crossbar) as an ngspice netlist\n"
    "  memstudio-cli models [--json | --markdown]\n"
    "      list device models, windows, drives, pulse synapses, synapse cells, neurons,\n"
    "      plasticity rules and experiment kinds with their parameters and presets\n"
    "exit codes: 0 ok, 1 simulation failure or interrupted, 2 bad input\n";

ms::StopToken* gStop = nullptr;
extern "C" void onInterrupt(int) {
    if (gStop) gStop->requestStop();  // lock-free atomic store: async-signal-safe
}

int usageError(const std::string& why) {
    std::cerr << "memstudio-cli: " << why << "\n" << kUsage;
    return kBadInput;
}

int runCommand(const std::vector<std::string>& args) {
    ms::cli::RunOptions o;
    for (std::size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        if (a == "--out" || a == "-o" || a == "--experiment" || a == "-e") {
            if (k + 1 >= args.size()) return usageError(a + " needs a value");
            (a == "--out" || a == "-o" ? o.outDir : o.experimentIds.emplace_back()) = args[++k];
        } else if (a.rfind("--out=", 0) == 0) {
            o.outDir = a.substr(6);
        } else if (a.rfind("--experiment=", 0) == 0) {
            o.experimentIds.push_back(a.substr(13));
        } else if (a == "--verbose" || a == "-v") {
            o.verbose = true;
        } else if (!a.empty() && a[0] == '-') {
            return usageError("unknown option '" + a + "' for run");
        } else if (o.projectFile.empty()) {
            o.projectFile = a;
        } else {
            return usageError("run takes one project file (got '" + o.projectFile + "' and '" + a + "')");
        }
    }
    if (o.projectFile.empty()) return usageError("run needs a project file");
    if (o.outDir.empty()) return usageError("run needs --out DIR");
    ms::StopToken stop;
    gStop = &stop;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    ms::cli::runProject(o, stop);
    return kOk;
}

int exportSpiceCommand(const std::vector<std::string>& args) {
    ms::cli::ExportSpiceOptions o;
    for (std::size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        if (a == "--out" || a == "-o" || a == "--experiment" || a == "-e") {
            if (k + 1 >= args.size()) return usageError(a + " needs a value");
            (a == "--out" || a == "-o" ? o.outFile : o.experimentId) = args[++k];
        } else if (!a.empty() && a[0] == '-') {
            return usageError("unknown option '" + a + "' for export-spice");
        } else if (o.projectFile.empty()) {
            o.projectFile = a;
        } else {
            return usageError("export-spice takes one project file (got '" + o.projectFile + "' and '" + a + "')");
        }
    }
    if (o.projectFile.empty()) return usageError("export-spice needs a project file");
    if (o.outFile.empty()) return usageError("export-spice needs -o FILE.cir");
    ms::cli::exportSpice(o);
    return kOk;
}

int dispatch(const std::vector<std::string>& args) {
    if (args.empty()) return usageError("no command given");
    const std::string& cmd = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        std::cout << kUsage;
        return kOk;
    }
    if (cmd == "run") return runCommand(rest);
    if (cmd == "export-spice") return exportSpiceCommand(rest);
    if (cmd == "study") return ms::cli::studyCommand(rest, MS_VERSION);
    if (cmd == "validate") {
        if (rest.size() != 1) return usageError("validate takes one project file");
        return ms::cli::validateProject(rest[0]) == 0 ? kOk : kBadInput;
    }
    if (cmd == "models") {
        if (rest.empty()) std::cout << ms::cli::registryAsText();
        else if (rest.size() == 1 && rest[0] == "--json") std::cout << ms::cli::registryAsJson().dump(2) << '\n';
        else if (rest.size() == 1 && rest[0] == "--markdown") std::cout << ms::cli::registryAsMarkdown();
        else return usageError("models takes --json or --markdown");
        return kOk;
    }
    return usageError("unknown command '" + cmd + "'");
}

}  // namespace

// The folder of this program from argv[0] when it names a path ("" when it
// is a bare name found on PATH: core then asks /proc/self/exe).
static std::string programFolder(const char* argv0) {
    if (!argv0 || !std::strchr(argv0, '/')) return {};
    std::error_code ec;
    const auto exe = std::filesystem::weakly_canonical(argv0, ec);
    return ec ? std::string() : exe.parent_path().string();
}

int main(int argc, char** argv) {
    // Data sets are found from the program's folder, never the working directory.
    ms::data_paths::setExecutableDir(programFolder(argc > 0 ? argv[0] : nullptr));
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return dispatch(args);
    } catch (const ms::InputError& e) {
        std::cerr << "memstudio-cli: " << e.what() << '\n';
        return kBadInput;
    } catch (const ms::Cancelled&) {
        std::cerr << "memstudio-cli: interrupted; nothing was written\n";
        return kSimulationFailed;
    } catch (const ms::SimulationError& e) {
        std::cerr << "memstudio-cli: simulation failed: " << e.what() << "; nothing was written\n";
        return kSimulationFailed;
    } catch (const std::exception& e) {
        std::cerr << "memstudio-cli: " << e.what() << "; nothing was written\n";
        return kSimulationFailed;
    }
}
