// Experiment kind "cenn": a Chua-Yang cellular neural network (docs/cenn.md)
// run on an image to its steady state, its template either ideal or realised
// by 4M memristor bridge synapses with their non-idealities.
//
//   { "id", "kind": "cenn", "name",
//     "template": "<library id>" | {"A": 3x3, "B": 3x3, "z": number},
//     "image": "<built-in id>" | {"file": "x.pgm" | "x.csv"} | {"data": [[...], ...]},
//     "initialState": "zero" | "input" | "ones"   (default: the template's; user templates "zero"),
//     "boundary": "fixed" | "zero_flux"           (default "fixed"),
//     "synapse": "ideal" | "4m"                   (default "ideal"),
//     "programming": "ideal" | "write_verify"     (default "ideal"; 4M bridges only),
//     settings: R, C, boundaryU, boundaryY, stepFraction, tol, tMax,
//               rOn, rOff, weightScale, variation, levels, seed, pixelTolerance,
//               pulseAmplitude, pulseWidth, programTolerance, maxPulses,
//               filmThickness, dopantMobility, readTime, driftNu, driftNuDtod, driftT0 }
//
// With "write_verify" each bridge memristor is a linear ion drift device
// pulsed through the device-transient engine from R_off until its memristance
// is within programTolerance of the target (docs/cenn.md, "Programming with
// pulses"); readTime > 0 drifts every conductance by the power law of the ANN
// kinds (core/synapses/Retention.h) before the network runs.
//
// Series (one row per image row, columns c0..c{N-1} by pixel column): "input",
// "state", "output"; with 4M bridges also "ideal_output" and "error_map" (1
// where the output differs from the ideal CeNN's by more than pixelTolerance).
// "state_history" (columns t, row, c0..c{N-1}) streams the shown run's state
// x at snapshot times during the transient, one image (M rows) per snapshot,
// so a view can show the network settling and a cell's x(t), y(t).
// With bridges, "bridges" has one row per wired bridge (A's entries, then B's,
// then z): matrix (0 A, 1 B, 2 z), entry (row-major 0..8; 0 for z), target
// and realised template weight, M1..M4 (ohm, at the read time), pulses,
// energy (J); pulses and energy are 0 with ideal programming.
// Scalars: settling_time (s), iterations, converged, pixels_changed (vs the
// ideal CeNN), black_pixels; with bridges weight_scale, max_weight_error,
// bridges (their count), program_pulses, program_energy (J), bridges_unconverged.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/cenn/BridgeTemplate.h"
#include "core/cenn/Cenn.h"
#include "core/cenn/Images.h"
#include "core/cenn/TemplateLibrary.h"
#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/JsonFields.h"
#include "core/synapses/Retention.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& cennSettings() {
    static const std::string lib = "Roska et al., CNN Software Library (version 1.1)";
    static const std::string hp = "Strukov et al., Nature 453 (2008): the linear ion drift model's R_on, R_off";
    static const std::string hpDevice = "Strukov et al., Nature 453 (2008): the linear ion drift model's hp_tio2 preset";
    static const std::vector<ParamSpec> specs = {
        {"R", "R_x", "ohm", 1.0, 1e-6, 1e12, Scale::Log, "Cell resistor; templates are in units of 1/R", lib},
        {"C", "C_x", "F", 1.0, 1e-18, 1e3, Scale::Log, "Cell capacitor; tau = R C", lib},
        {"boundaryU", "u_b", "", 0.0, -1, 1, Scale::Linear, "Fixed boundary: input of the virtual cells outside the grid", lib},
        {"boundaryY", "y_b", "", 0.0, -1, 1, Scale::Linear, "Fixed boundary: output of the virtual cells outside the grid", lib},
        {"stepFraction", "h/tau", "", 0.05, 1e-3, 0.2, Scale::Log, "Fixed RK4 step as a fraction of tau", ""},
        {"tol", "tol", "", 1e-4, 1e-12, 1e-1, Scale::Log, "Steady state when max |dx/dt| tau falls below this", ""},
        {"tMax", "t_max/tau", "", 200, 1, 1e4, Scale::Log, "Stop (not converged) after this many tau", ""},
        {"rOn", "R_on", "ohm", 100, 1e-3, 1e9, Scale::Log, "4M bridges: lowest memristance of a device", hp},
        {"rOff", "R_off", "ohm", 16e3, 1e-3, 1e12, Scale::Log, "4M bridges: highest memristance of a device", hp},
        {"weightScale", "s_w", "", 0, 0, 1e6, Scale::Linear,
         "4M bridges: template weight per unit bridge weight (0: the smallest that fits the template)", ""},
        {"variation", "sigma_D2D", "", 0, 0, 1, Scale::Linear,
         "4M bridges: device-to-device spread, each memristance times (1 + sigma N(0,1))", ""},
        {"levels", "L", "", 0, 0, 65536, Scale::Linear,
         "4M bridges: memristance levels evenly spaced in [R_on, R_off] (0 or 1: continuous)", "", true},
        {"seed", "seed", "", 1, 0, 4294967295.0, Scale::Linear, "4M bridges: seed of the variation draws", "", true},
        {"pixelTolerance", "dy_max", "", 0.1, 0, 2, Scale::Linear,
         "An output pixel differs from the ideal CeNN's when |y - y_ideal| exceeds this", ""},
        {"pulseAmplitude", "V_p", "V", 1.0, 1e-3, 100, Scale::Log,
         "Write-verify: pulse amplitude (positive lowers R, negative raises it)", ""},
        {"pulseWidth", "t_p", "s", 10e-3, 1e-12, 10, Scale::Log,
         "Write-verify: width of the first pulses; halved after every overshoot", ""},
        {"programTolerance", "tol_p", "", 0.01, 1e-9, 0.5, Scale::Log,
         "Write-verify: stop when |M - M_target| <= this times M_target", ""},
        {"maxPulses", "N_max", "", 1000, 1, 100000, Scale::Log, "Write-verify: pulse budget per device", "", true},
        {"filmThickness", "D", "m", 10e-9, 1e-10, 1e-6, Scale::Log, "Write-verify: film thickness of the linear ion drift device", hpDevice},
        {"dopantMobility", "mu_v", "m^2/(V*s)", 1e-14, 1e-20, 1e-6, Scale::Log,
         "Write-verify: dopant mobility of the linear ion drift device (the variation spreads it)", hpDevice},
        {"readTime", "t_read", "s", 0, 0, 1e10, Scale::Linear,
         "Drift: time between programming and use (0: no drift)", ""},
    };
    // The drift law's own parameters (nu, its spread, t0), as the ANN kinds
    // read them, under keys that say what they belong to here.
    static const std::vector<ParamSpec> all = [] {
        std::vector<ParamSpec> v = specs;
        for (ParamSpec d : driftParamSpecs()) {
            d.key = d.key == "nu" ? "driftNu" : d.key == "nuDtod" ? "driftNuDtod" : "driftT0";
            d.meaning[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(d.meaning[0])));
            d.meaning = "Drift: " + d.meaning;
            // Illustrative defaults, not a TiO2 measurement: Retention.h's
            // ReRAM-like nu, and a spread, which is what moves a bridge's weight.
            if (d.key == "driftNu") d.defaultValue = 0.005;
            if (d.key == "driftNuDtod") d.defaultValue = 0.5;
            if (d.key != "driftT0") d.source += "; default illustrative (ReRAM-like)";
            v.push_back(d);
        }
        return v;
    }();
    return all;
}

struct Setup {
    const cenn::TemplateInfo* library = nullptr;  // null for a user template
    cenn::Template tmpl;
    cenn::Image image;
    cenn::InitialState initial = cenn::InitialState::Zero;
    cenn::Options options;
    bool bridges = false;
    cenn::BridgeOptions bridge;
    double pixelTolerance = 0.1;
};

// A 3 x 3 array of finite numbers at `path`.
std::array<double, 9> readMatrix(const nlohmann::json& m, const std::string& path, std::vector<ProjectIssue>& issues) {
    std::array<double, 9> out{};
    if (!m.is_array() || m.size() != 3) {
        issues.push_back({path, "must be a 3 x 3 array of numbers (got " +
                                    (m.is_array() ? std::to_string(m.size()) + " rows" : typeName(m)) + ")"});
        return out;
    }
    for (std::size_t r = 0; r < 3; ++r) {
        const std::string rp = index(path, r);
        if (!m[r].is_array() || m[r].size() != 3) {
            issues.push_back({rp, "must be a row of 3 numbers (got " +
                                      (m[r].is_array() ? std::to_string(m[r].size()) + " values" : typeName(m[r])) + ")"});
            continue;
        }
        for (std::size_t c = 0; c < 3; ++c) {
            const auto& v = m[r][c];
            if (!v.is_number() || !std::isfinite(v.get<double>()) || std::fabs(v.get<double>()) > 1e6)
                issues.push_back({index(rp, c), "must be a finite number within +-1e6"});
            else
                out[r * 3 + c] = v.get<double>();
        }
    }
    return out;
}

void readTemplate(const nlohmann::json& e, const std::string& path, Setup& s, bool& initialFromTemplate,
                  std::vector<ProjectIssue>& issues) {
    const std::string p = join(path, "template");
    if (!e.contains("template")) {
        issues.push_back({p, "missing (a library id: " + cenn::templateLibrary().idList() + "; or {\"A\", \"B\", \"z\"})"});
        return;
    }
    const auto& t = e["template"];
    if (t.is_string()) {
        const cenn::TemplateInfo* info = cenn::templateLibrary().find(t.get<std::string>());
        if (!info) {
            issues.push_back({p, "unknown template '" + t.get<std::string>() + "' (known: " + cenn::templateLibrary().idList() + ")"});
            return;
        }
        s.library = info;
        s.tmpl = info->tmpl;
        s.initial = info->initial;
        s.options.boundary = info->boundary;
        initialFromTemplate = true;
        return;
    }
    if (!t.is_object()) {
        issues.push_back({p, "must be a library id or an object {\"A\", \"B\", \"z\"} (got " + typeName(t) + ")"});
        return;
    }
    rejectUnknownKeys(t, {"A", "B", "z"}, p, issues);
    for (const char* key : {"A", "B"}) {
        if (!t.contains(key)) {
            issues.push_back({join(p, key), "missing (a 3 x 3 array of numbers)"});
            continue;
        }
        (key[0] == 'A' ? s.tmpl.A : s.tmpl.B) = readMatrix(t[key], join(p, key), issues);
    }
    if (t.contains("z")) {
        if (!t["z"].is_number() || !std::isfinite(t["z"].get<double>()) || std::fabs(t["z"].get<double>()) > 1e6)
            issues.push_back({join(p, "z"), "must be a finite number within +-1e6"});
        else
            s.tmpl.z = t["z"].get<double>();
    }
}

void readImage(const nlohmann::json& e, const Project& project, const std::string& path, bool loadRelativeToCwd,
               Setup& s, std::vector<ProjectIssue>& issues) {
    const std::string p = join(path, "image");
    const std::string builtins = joinIds(cenn::builtinImageIds());
    if (!e.contains("image")) {
        issues.push_back({p, "missing (a built-in image: " + builtins + "; {\"file\": path}; or {\"data\": rows})"});
        return;
    }
    const auto& im = e["image"];
    if (im.is_string()) {
        if (!cenn::builtinImage(im.get<std::string>(), s.image))
            issues.push_back({p, "unknown built-in image '" + im.get<std::string>() + "' (known: " + builtins + ")"});
        return;
    }
    if (!im.is_object() || im.contains("file") == im.contains("data")) {
        issues.push_back({p, "must be a built-in image id, {\"file\": path} or {\"data\": rows}"});
        return;
    }
    rejectUnknownKeys(im, {"file", "data"}, p, issues);
    if (im.contains("file")) {
        const std::string fp = join(p, "file");
        if (!im["file"].is_string() || im["file"].get<std::string>().empty()) {
            issues.push_back({fp, "must be the path of a .pgm or .csv file"});
            return;
        }
        std::filesystem::path file(im["file"].get<std::string>());
        const std::string ext = file.extension().string();
        if (ext != ".pgm" && ext != ".PGM" && ext != ".csv" && ext != ".CSV") {
            issues.push_back({fp, "must end in .pgm or .csv (got '" + ext + "')"});
            return;
        }
        // A relative path needs the project file's directory. parseProject
        // validates before loadProjectFile sets it; the file is read once it is
        // known (validate after loading, and every run), or against the working
        // directory for a project that never came from a file.
        if (file.is_relative()) {
            if (!project.baseDirectory().empty()) file = std::filesystem::path(project.baseDirectory()) / file;
            else if (!loadRelativeToCwd) return;
        }
        try {
            s.image = ext == ".pgm" || ext == ".PGM" ? cenn::loadPgm(file.string()) : cenn::loadCsv(file.string());
        } catch (const InputError& err) {
            issues.push_back({fp, err.what()});
        }
        return;
    }
    const auto& d = im["data"];
    const std::string dp = join(p, "data");
    if (!d.is_array() || d.empty() || d.size() > cenn::kMaxImageSide || !d[0].is_array() || d[0].empty() ||
        d[0].size() > cenn::kMaxImageSide) {
        issues.push_back({dp, "must be 1 to " + std::to_string(cenn::kMaxImageSide) + " rows of 1 to " +
                                  std::to_string(cenn::kMaxImageSide) + " numbers in [-1, 1]"});
        return;
    }
    cenn::Image img(static_cast<int>(d.size()), static_cast<int>(d[0].size()));
    for (std::size_t r = 0; r < d.size(); ++r) {
        if (!d[r].is_array() || d[r].size() != d[0].size()) {
            issues.push_back({index(dp, r), "must be a row of " + std::to_string(d[0].size()) + " numbers, as row 0"});
            return;
        }
        for (std::size_t c = 0; c < d[r].size(); ++c) {
            const auto& v = d[r][c];
            if (!v.is_number() || !(v.get<double>() >= -1.0 && v.get<double>() <= 1.0)) {
                issues.push_back({index(index(dp, r), c), "must be a number in [-1, 1] (black +1, white -1)"});
                return;
            }
            img.at(static_cast<int>(r), static_cast<int>(c)) = v.get<double>();
        }
    }
    s.image = img;
}

Setup readAny(const nlohmann::json& e, const Project& project, const std::string& path, bool forRun,
              std::vector<ProjectIssue>& issues) {
    Setup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(cennSettings(), {"template", "image", "initialState", "boundary", "synapse",
                                                                     "programming"}),
                      path, issues);
    bool fromLibrary = false;
    readTemplate(e, path, s, fromLibrary, issues);
    readImage(e, project, path, forRun, s, issues);
    const std::string init = readString(e, "initialState", path, issues);
    if (!init.empty() && !cenn::parseInitialState(init, s.initial))
        issues.push_back({join(path, "initialState"), "must be \"zero\", \"input\" or \"ones\" (got '" + init + "')"});
    const std::string boundary = readString(e, "boundary", path, issues);
    if (boundary == "fixed") s.options.boundary = cenn::Boundary::Fixed;
    else if (boundary == "zero_flux") s.options.boundary = cenn::Boundary::ZeroFlux;
    else if (!boundary.empty())
        issues.push_back({join(path, "boundary"), "must be \"fixed\" or \"zero_flux\" (got '" + boundary + "')"});
    const std::string synapse = readString(e, "synapse", path, issues);
    if (synapse == "4m") s.bridges = true;
    else if (!synapse.empty() && synapse != "ideal")
        issues.push_back({join(path, "synapse"), "must be \"ideal\" or \"4m\" (got '" + synapse + "')"});
    const std::string programming = readString(e, "programming", path, issues);
    if (programming == "write_verify" && !s.bridges)
        issues.push_back({join(path, "programming"), "programs 4M bridges: needs \"synapse\": \"4m\""});
    else if (programming == "write_verify")
        s.bridge.programming = cenn::Programming::WriteVerify;
    else if (!programming.empty() && programming != "ideal")
        issues.push_back({join(path, "programming"), "must be \"ideal\" or \"write_verify\" (got '" + programming + "')"});
    const ParamValues v = readSettings(e, cennSettings(), path, issues);
    auto& o = s.options;
    o.R = v.at("R");
    o.C = v.at("C");
    // A library template brings its own boundary values unless the experiment sets them.
    o.boundaryU = e.contains("boundaryU") || !s.library ? v.at("boundaryU") : s.library->boundaryU;
    o.boundaryY = e.contains("boundaryY") || !s.library ? v.at("boundaryY") : s.library->boundaryY;
    o.stepFraction = v.at("stepFraction");
    o.tol = v.at("tol");
    o.tMaxInTau = v.at("tMax");
    auto& b = s.bridge;
    b.rOn = v.at("rOn");
    b.rOff = v.at("rOff");
    b.weightScale = v.at("weightScale");
    b.variation = v.at("variation");
    b.levels = static_cast<int>(v.at("levels"));
    b.seed = static_cast<std::uint64_t>(v.at("seed"));
    b.pulses.amplitude = v.at("pulseAmplitude");
    b.pulses.width = v.at("pulseWidth");
    b.pulses.tolerance = v.at("programTolerance");
    b.pulses.maxPulses = static_cast<int>(v.at("maxPulses"));
    b.pulses.filmThickness = v.at("filmThickness");
    b.pulses.mobility = v.at("dopantMobility");
    b.drift.readTime = v.at("readTime");
    b.drift.spec = {v.at("driftNu"), v.at("driftNuDtod"), v.at("driftT0")};
    s.pixelTolerance = v.at("pixelTolerance");
    if (!(b.rOff > b.rOn)) issues.push_back({join(path, "rOff"), "must be above rOn"});
    if (s.bridges && b.weightScale > 0) {
        const double need = cenn::autoWeightScale(s.tmpl, b.rOn, b.rOff);
        if (b.weightScale < need * (1 - 1e-12))
            issues.push_back({join(path, "weightScale"), "too small for the template: its largest weight needs at least " +
                                                             std::to_string(need) + " with these rOn, rOff"});
    }
    return s;
}

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path, std::vector<ProjectIssue>& issues) {
    return readAny(e, project, path, false, issues);
}

Setup readForRun(const nlohmann::json& e, const Project& project, const std::string& path, std::vector<ProjectIssue>& issues) {
    return readAny(e, project, path, true, issues);
}

// The "bridges" series: one row per wired bridge, in the order realise() wires them.
void sendBridges(FrameSink& sink, const cenn::Template& wanted, const cenn::RealisedTemplate& real) {
    sink.beginSeries("bridges", {{"matrix", ""}, {"entry", ""}, {"target", ""}, {"realised", ""}, {"M1", "ohm"},
                                 {"M2", "ohm"}, {"M3", "ohm"}, {"M4", "ohm"}, {"pulses", ""}, {"energy", "J"}});
    std::vector<double> rows;
    for (std::size_t k = 0; k < real.bridges.size(); ++k) {
        const cenn::BridgeSite& site = real.sites[k];
        const auto weightOf = [&](const cenn::Template& t) {
            return site.matrix == 0 ? t.A[site.entry] : site.matrix == 1 ? t.B[site.entry] : t.z;
        };
        const cenn::Bridge& m = real.bridges[k];
        rows.insert(rows.end(), {static_cast<double>(site.matrix), static_cast<double>(site.entry), weightOf(wanted),
                                 weightOf(real.tmpl), m[0], m[1], m[2], m[3], static_cast<double>(site.pulses),
                                 site.energy});
    }
    if (!rows.empty()) sink.appendRows("bridges", rows.data(), real.bridges.size());
}

void sendImage(FrameSink& sink, const std::string& id, const cenn::Image& img) {
    std::vector<Column> cols;
    for (int c = 0; c < img.cols; ++c) cols.push_back({"c" + std::to_string(c), ""});
    sink.beginSeries(id, cols);
    sink.appendRows(id, img.v.data(), static_cast<std::size_t>(img.rows));
}

// Snapshots of the state during the transient: at t = 0, then at roughly
// log-spaced step numbers (every step for the first 10, then ~20 per decade),
// then the final state. Their total stays under kHistoryValues numbers, so a
// 512 x 512 image keeps a few frames and a 16 x 16 one up to kMaxSnapshots.
class StateHistory {
public:
    static constexpr double kHistoryValues = 4e6;
    static constexpr int kMaxSnapshots = 160;

    StateHistory(FrameSink& sink, const cenn::Image& x0) : sink_(sink) {
        const double cells = static_cast<double>(x0.v.size());
        budget_ = std::clamp(static_cast<int>(kHistoryValues / cells), 2, kMaxSnapshots);
        std::vector<Column> cols{{"t", "s"}, {"row", ""}};
        for (int c = 0; c < x0.cols; ++c) cols.push_back({"c" + std::to_string(c), ""});
        sink_.beginSeries("state_history", cols);
        append(0.0, x0);
    }
    // After RK4 step `step` (1-based) at time t.
    void observe(long step, double t, const cenn::Image& x) {
        if (step < next_ || taken_ >= budget_ - 1) return;  // the last place is kept for the final state
        append(t, x);
        next_ = step < 10 ? step + 1 : std::max(step + 1, static_cast<long>(std::ceil(step * kRatio)));
    }
    void finish(double t, const cenn::Image& x) {
        if (t > lastT_) append(t, x);
    }

private:
    static constexpr double kRatio = 1.122;  // 10^(1/20)
    void append(double t, const cenn::Image& x) {
        std::vector<double> rows(static_cast<std::size_t>(x.rows) * (x.cols + 2));
        for (int r = 0; r < x.rows; ++r) {
            double* row = rows.data() + static_cast<std::size_t>(r) * (x.cols + 2);
            row[0] = t;
            row[1] = r;
            std::copy(x.v.begin() + static_cast<std::ptrdiff_t>(r) * x.cols,
                      x.v.begin() + static_cast<std::ptrdiff_t>(r + 1) * x.cols, row + 2);
        }
        sink_.appendRows("state_history", rows.data(), static_cast<std::size_t>(x.rows));
        lastT_ = t;
        ++taken_;
    }
    FrameSink& sink_;
    int budget_ = 2;
    int taken_ = 0;
    long next_ = 1;
    double lastT_ = -1.0;
};

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const Setup s = kind_setup::validSetup(readForRun, e, project);
    const cenn::Image x0 = cenn::initialState(s.initial, s.image);
    const std::function<bool()> stopped = [&stop] { return stop.stopRequested(); };
    sendImage(sink, "input", s.image);
    // Without bridges the ideal run is the one shown, so it streams its history.
    std::optional<StateHistory> idealHistory;
    if (!s.bridges) idealHistory.emplace(sink, x0);
    long idealStep = 0;
    const cenn::Result ideal = cenn::simulate(s.tmpl, s.image, x0, s.options, stopped, [&](double t, const cenn::Image& x) {
        if (idealHistory) idealHistory->observe(++idealStep, t, x);
    });
    if (idealHistory) idealHistory->finish(ideal.settlingTime, ideal.x);
    if (stop.stopRequested()) throw Cancelled();
    sink.progress(s.bridges ? 0.5 : 1.0);
    cenn::Result result = ideal;
    if (s.bridges) {
        const cenn::RealisedTemplate real = cenn::realise(s.tmpl, s.bridge, stop);
        sendBridges(sink, s.tmpl, real);
        StateHistory history(sink, x0);
        long step = 0;
        result = cenn::simulate(real.tmpl, s.image, x0, s.options, stopped,
                                [&](double t, const cenn::Image& x) { history.observe(++step, t, x); });
        history.finish(result.settlingTime, result.x);
        if (stop.stopRequested()) throw Cancelled();
        double maxErr = std::fabs(real.tmpl.z - s.tmpl.z);
        for (int k = 0; k < 9; ++k)
            maxErr = std::max({maxErr, std::fabs(real.tmpl.A[k] - s.tmpl.A[k]), std::fabs(real.tmpl.B[k] - s.tmpl.B[k])});
        sink.scalar("weight_scale", real.weightScale, "");
        sink.scalar("max_weight_error", maxErr, "");
        sink.scalar("bridges", static_cast<double>(real.bridges.size()), "");
        double pulses = 0, energy = 0, unconverged = 0;
        for (const auto& site : real.sites) {
            pulses += site.pulses;
            energy += site.energy;
            unconverged += site.converged ? 0 : 1;
        }
        sink.scalar("program_pulses", pulses, "");
        sink.scalar("program_energy", energy, "J");
        sink.scalar("bridges_unconverged", unconverged, "");
        if (unconverged > 0)
            sink.log(LogLevel::Warning, std::to_string(static_cast<int>(unconverged)) + " of " +
                                            std::to_string(real.bridges.size()) +
                                            " bridges have a device outside programTolerance after maxPulses pulses; "
                                            "raise maxPulses or widen the tolerance");
    }
    sendImage(sink, "state", result.x);
    sendImage(sink, "output", result.y);
    cenn::Image errors(result.y.rows, result.y.cols);
    double changed = 0, black = 0;
    for (std::size_t i = 0; i < errors.v.size(); ++i) {
        errors.v[i] = std::fabs(result.y.v[i] - ideal.y.v[i]) > s.pixelTolerance ? 1.0 : 0.0;
        changed += errors.v[i];
        black += result.y.v[i] > 0 ? 1.0 : 0.0;
    }
    if (s.bridges) {
        sendImage(sink, "ideal_output", ideal.y);
        sendImage(sink, "error_map", errors);
    }
    sink.scalar("settling_time", result.settlingTime, "s");
    sink.scalar("iterations", static_cast<double>(result.iterations), "");
    sink.scalar("converged", result.converged ? 1.0 : 0.0, "");
    sink.scalar("pixels_changed", changed, "");
    sink.scalar("black_pixels", black, "");
    if (!result.converged)
        sink.log(LogLevel::Warning, "the network did not settle within tMax; the outputs are its state at tMax");
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo cennKind() {
    ExperimentKindInfo k;
    k.id = "cenn";
    k.name = "Cellular neural network";
    k.summary = "Chua-Yang CeNN on an image with a library or user template, ideal or on 4M memristor bridge synapses";
    k.settings = cennSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = run;
    // Settings a run does not read: the bridges' without "synapse": "4m",
    // write-verify's with ideal programming, the drift law's without a read time.
    k.superseded = [](const nlohmann::json& e) {
        std::vector<SupersededSetting> out;
        if (!e.is_object()) return out;
        const bool bridges = e.value("synapse", std::string()) == "4m";
        const bool writeVerify = bridges && e.value("programming", std::string()) == "write_verify";
        const bool drift = bridges && e.contains("readTime") && e["readTime"].is_number() && e["readTime"].get<double>() > 0;
        for (const ParamSpec& p : cennSettings()) {
            const std::string& key = p.key;
            const bool bridgeKey = key == "rOn" || key == "rOff" || key == "weightScale" || key == "variation" ||
                                   key == "levels" || key == "seed" || key == "pixelTolerance" || key == "readTime";
            const bool pulseKey = key == "pulseAmplitude" || key == "pulseWidth" || key == "programTolerance" ||
                                  key == "maxPulses" || key == "filmThickness" || key == "dopantMobility";
            const bool driftKey = key == "driftNu" || key == "driftNuDtod" || key == "driftT0";
            if (!bridges && (bridgeKey || pulseKey || driftKey))
                out.push_back({key, "used only with \"synapse\": \"4m\" (this experiment's template is ideal)"});
            else if (bridges && pulseKey && !writeVerify)
                out.push_back({key, "used only with \"programming\": \"write_verify\" (the bridges are set exactly)"});
            else if (bridges && driftKey && !drift)
                out.push_back({key, "used only when readTime is above 0 (no drift)"});
        }
        return out;
    };
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::setupAsRead(readSetup, e, project);
        const double cells = static_cast<double>(s.image.v.size());
        // Working images, plus the state history (its values and two columns per row).
        const double history = std::min(StateHistory::kHistoryValues, StateHistory::kMaxSnapshots * cells) *
                               (1.0 + 2.0 / std::max(1, s.image.cols));
        return 1e6 + cells * 8.0 * 16.0 + history * 8.0;
    };
    // RK4 cell updates: the settings' ranges allow 1e7 steps on a 512 x 512 image.
    k.workEstimate = [](const nlohmann::json& e, const Project& project) {
        std::vector<ProjectIssue> issues;
        const Setup s = readSetup(e, project, "experiment", issues);
        WorkEstimate w;
        w.unit = "cell updates";
        w.limit = 2e10;
        w.field = "tMax";
        if (!issues.empty()) return w;
        const double steps = s.options.tMaxInTau / s.options.stepFraction * (s.bridges ? 2.0 : 1.0);
        w.amount = steps * static_cast<double>(s.image.v.size());
        w.detail = std::to_string(s.image.rows) + " x " + std::to_string(s.image.cols) + " cells over " +
                   std::to_string(static_cast<long>(steps)) + " RK4 steps at most";
        return w;
    };
    return k;
}

}  // namespace ms
