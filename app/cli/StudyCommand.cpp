#include "app/cli/StudyCommand.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "app/cli/CsvResultSink.h"
#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/JsonFields.h"
#include "core/study/SlurmScripts.h"
#include "core/study/StudyRunner.h"

namespace fs = std::filesystem;

namespace ms::cli {

namespace {

constexpr int kOk = 0, kFailed = 1;

StopToken* gStudyStop = nullptr;
extern "C" void onStudyInterrupt(int) {
    if (gStudyStop) gStudyStop->requestStop();  // lock-free atomic store: async-signal-safe
}

struct StudyArgs {
    std::string projectFile, studyId, outDir;
    std::size_t jobs = 0;  // 0: every core
    study::Shard shard;
    bool retryFailed = false;
    // submit
    bool slurm = false, dryRun = false;
    std::string partition, time;
    std::size_t cpus = 1, arrayLimit = 0, shards = 0;
};

std::size_t wholeArg(const std::string& option, const std::string& text, std::size_t min) {
    std::size_t used = 0;
    unsigned long long v = 0;
    try {
        v = std::stoull(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || text[0] == '-' || v < min || v > 1000000)
        throw InputError(option, "must be a whole number from " + std::to_string(min) + " to 1000000 (got '" + text + "')");
    return static_cast<std::size_t>(v);
}

study::Shard shardArg(const std::string& text) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) throw InputError("--shard", "must be K/N, e.g. 2/3 (got '" + text + "')");
    study::Shard s{wholeArg("--shard", text.substr(0, slash), 1), wholeArg("--shard", text.substr(slash + 1), 1)};
    if (s.index > s.count) throw InputError("--shard", "K must be between 1 and N (got '" + text + "')");
    return s;
}

StudyArgs parseArgs(const std::vector<std::string>& args, bool submit) {
    StudyArgs o;
    for (std::size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        auto value = [&]() -> const std::string& {
            if (k + 1 >= args.size()) throw InputError(a, "needs a value");
            return args[++k];
        };
        if (a == "--study" || a == "-s") o.studyId = value();
        else if (a == "--out" || a == "-o") o.outDir = value();
        else if (!submit && (a == "-j" || a == "--jobs")) o.jobs = wholeArg(a, value(), 1);
        else if (!submit && a.rfind("-j", 0) == 0 && a.size() > 2) o.jobs = wholeArg("-j", a.substr(2), 1);
        else if (!submit && a == "--shard") o.shard = shardArg(value());
        else if (!submit && a == "--retry-failed") o.retryFailed = true;
        else if (submit && a == "--slurm") o.slurm = true;
        else if (submit && a == "--dry-run") o.dryRun = true;
        else if (submit && a == "--partition") o.partition = value();
        else if (submit && a == "--time") o.time = value();
        else if (submit && a == "--cpus") o.cpus = wholeArg(a, value(), 1);
        else if (submit && a == "--array-limit") o.arrayLimit = wholeArg(a, value(), 1);
        else if (submit && a == "--shards") o.shards = wholeArg(a, value(), 1);
        else if (!a.empty() && a[0] == '-') throw InputError(a, std::string("unknown option for study") + (submit ? " submit" : ""));
        else if (o.projectFile.empty()) o.projectFile = a;
        else throw InputError(a, "study takes one project file (already have '" + o.projectFile + "')");
    }
    if (o.projectFile.empty()) throw InputError("study", "needs a project file");
    if (o.studyId.empty()) throw InputError("study", "needs --study ID");
    if (o.outDir.empty()) throw InputError("study", "needs --out DIR");
    return o;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open project file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string clock(double seconds) {
    const long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

// On a terminal: one bar redrawn in place on stderr. Otherwise: one line per point on stdout.
class Progress {
public:
    Progress(std::size_t toRun, std::size_t total, std::size_t resumed)
        : tty_(::isatty(2) == 1), toRun_(toRun), total_(total), resumed_(resumed),
          start_(std::chrono::steady_clock::now()) {}

    void pointDone(const study::PointRecord& r, const study::RunnerCounts& c) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        const double eta = c.done ? elapsed / double(c.done) * double(toRun_ - c.done) : 0.0;
        if (!tty_) {
            std::ostringstream line;
            line << "point " << r.index << ": " << (r.ok ? "ok" : "failed: " + r.message) << " (" << c.done + resumed_ << '/'
                 << total_ << " done, " << c.failed << " failed, ETA " << clock(eta) << ")\n";
            std::cout << line.str() << std::flush;
            return;
        }
        constexpr std::size_t width = 30;
        const std::size_t filled = toRun_ ? width * c.done / toRun_ : width;
        std::ostringstream bar;
        bar << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << c.done + resumed_ << '/'
            << total_ << " points, " << c.failed << " failed, ETA " << clock(eta) << "   ";
        std::cerr << bar.str() << std::flush;
        if (c.done == toRun_) std::cerr << '\n';
    }

private:
    bool tty_;
    std::size_t toRun_, total_, resumed_;
    std::chrono::steady_clock::time_point start_;
};

// The `run` command's path for one point: runExperiment into CSV files.
void runPointToCsv(const Project& project, const std::string& experimentId, const fs::path& directory,
                   study::PointRecord& record, const StopToken& stop) {
    CsvResultSink sink(directory, experimentId, false);
    runExperiment(project, experimentId, sink, stop);
    sink.finish();
    for (const auto& f : sink.figures()) record.figures.push_back({f.key, study::numberText(f.value), f.unit});
    nlohmann::json series = nlohmann::json::array();
    for (const auto& s : sink.series()) series.push_back({{"id", s.id}, {"file", s.file}, {"rows", s.rows}});
    record.details["series"] = series;
    record.details["log"] = sink.logLines();
}

int runStudyCommand(const StudyArgs& o, const std::string& version) {
    const std::string bytes = readFile(o.projectFile);
    Project project = loadProjectFile(o.projectFile);
    const study::Study s = study::findStudy(project, o.studyId);
    const std::size_t points = study::pointCount(s);
    const fs::path out = fs::absolute(fs::path(o.outDir)).lexically_normal();
    if (fs::exists(out) && !fs::is_directory(out)) throw InputError(o.outDir, "exists and is not a directory");

    const study::Provenance provenance = study::makeProvenance(project, s, o.projectFile, bytes, version);
    study::RunnerOptions options;
    options.outDir = out;
    options.jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
    options.shard = o.shard;
    options.retryFailed = o.retryFailed;

    // Refuse a point that cannot fit in memory or would run for days, before anything runs.
    const auto todo = study::pointsToRun(s, provenance, options);
    for (std::size_t k : todo) {
        try {
            checkRunLimits(study::pointProject(project, s, study::point(s, k)), s.experimentId);
        } catch (const InputError& e) {
            throw InputError(json_fields::index("studies", s.index), "point " + std::to_string(k) + ": " + e.what());
        }
    }
    study::writeProvenance(out, provenance);

    std::size_t inShard = 0;
    for (std::size_t k = 0; k < points; ++k) inShard += study::inShard(k, o.shard) ? 1 : 0;
    std::cout << "study '" << s.id << "' (experiment '" << s.experimentId << "'): " << points << " points";
    if (o.shard.count > 1) std::cout << ", shard " << o.shard.index << '/' << o.shard.count << " has " << inShard;
    std::cout << ", " << inShard - todo.size() << " already done, running " << todo.size() << " on "
              << std::min(options.jobs, std::max<std::size_t>(todo.size(), 1)) << " thread(s)\n"
              << std::flush;

    StopToken stop;
    gStudyStop = &stop;
    std::signal(SIGINT, onStudyInterrupt);
    std::signal(SIGTERM, onStudyInterrupt);
    Progress progress(todo.size(), inShard, inShard - todo.size());
    study::RunnerCounts counts;
    try {
        counts = study::runStudy(
            project, s, provenance, options, runPointToCsv,
            [&progress](const study::PointRecord& r, const study::RunnerCounts& c) { progress.pointDone(r, c); }, stop);
    } catch (const Cancelled&) {
        std::cerr << "\nmemstudio-cli: interrupted; finished points are kept in " << out.string()
                  << "; run the same command again to resume\n";
        return kFailed;
    }
    if (counts.failed) std::cerr << "memstudio-cli: " << counts.failed << " point(s) failed; their messages are in the table\n";
    if (o.shard.count > 1) {
        std::cout << "shard " << o.shard.index << '/' << o.shard.count << " done in " << out.string()
                  << "; `memstudio-cli study merge " << out.string() << "` writes study.csv once every shard is done\n";
        return kOk;
    }
    study::writeStudyTable(out);
    std::cout << "table in " << (out / "study.csv").string() << " (" << points << " rows), point outputs in "
              << (out / "points").string() << "\n";
    return kOk;
}

// `study merge DIR [OTHER_DIR...]`: points found in the other folders (shards
// run without a shared file system) are copied into DIR, then DIR/study.csv.
int mergeCommand(const std::vector<std::string>& args) {
    if (args.empty()) throw InputError("study merge", "needs the study's --out folder (and any shard folders to merge into it)");
    for (const auto& a : args)
        if (!a.empty() && a[0] == '-') throw InputError(a, "unknown option for study merge");
    const fs::path target = fs::absolute(fs::path(args[0])).lexically_normal();
    if (!fs::exists(target / "provenance.json"))
        for (std::size_t k = 1; k < args.size(); ++k)
            if (fs::exists(fs::path(args[k]) / "provenance.json")) {
                fs::create_directories(target);
                fs::copy_file(fs::path(args[k]) / "provenance.json", target / "provenance.json");
                break;
            }
    const study::Provenance p = study::readProvenance(target);
    std::size_t copied = 0;
    for (std::size_t k = 1; k < args.size(); ++k) {
        const fs::path from = fs::absolute(fs::path(args[k]));
        const study::Provenance other = study::readProvenance(from);
        if (other.fingerprints != p.fingerprints)
            throw InputError(args[k], "holds another study (or another definition of it) than " + args[0]);
        for (std::size_t i = 0; i < p.fingerprints.size(); ++i) {
            const auto theirs = study::readPointRecord(from, i);
            if (!theirs || theirs->fingerprint != p.fingerprints[i]) continue;
            const auto ours = study::readPointRecord(target, i);
            if (ours && ours->fingerprint == p.fingerprints[i]) continue;
            const fs::path dest = study::pointDirectory(target, i);
            fs::remove_all(dest);
            fs::create_directories(dest.parent_path());
            fs::copy(study::pointDirectory(from, i), dest, fs::copy_options::recursive);
            ++copied;
        }
    }
    study::writeStudyTable(target);
    std::cout << "table in " << (target / "study.csv").string() << " (" << p.fingerprints.size() << " rows"
              << (args.size() > 1 ? ", " + std::to_string(copied) + " points copied in" : std::string()) << ")\n";
    return kOk;
}

std::string selfPath() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("memstudio-cli") : exe.string();
}

// Runs a command and returns its standard output; InputError if it fails.
std::string runAndRead(const std::string& command, const std::string& what) {
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw InputError(what, "cannot start: " + command);
    std::string output;
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe)) output += buf;
    const int status = ::pclose(pipe);
    while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
    if (status != 0) throw InputError(what, "failed (" + command + "): " + output);
    return output;
}

std::string jobIdOf(const std::string& parsable) {
    // `sbatch --parsable` prints "jobid" or "jobid;cluster".
    std::string id;
    for (char c : parsable) {
        if (c == ';' || c == '\n') break;
        id += c;
    }
    if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
        throw InputError("sbatch", "unexpected answer '" + parsable + "' (expected a job id)");
    return id;
}

int submitCommand(const StudyArgs& o) {
    if (!o.slurm) throw InputError("study submit", "needs --slurm (the only scheduler it writes for)");
    const Project project = loadProjectFile(o.projectFile);
    const study::Study s = study::findStudy(project, o.studyId);
    study::SlurmOptions so;
    so.cli = selfPath();
    so.projectFile = fs::absolute(fs::path(o.projectFile)).lexically_normal().string();
    so.studyId = s.id;
    so.outDir = fs::absolute(fs::path(o.outDir)).lexically_normal().string();
    so.points = study::pointCount(s);
    so.shards = std::min(o.shards ? o.shards : std::min<std::size_t>(so.points, 1000), so.points);
    so.partition = o.partition;
    so.time = o.time;
    so.cpus = o.cpus;
    so.arrayLimit = o.arrayLimit;
    // #SBATCH lines are not shell words: a space would split them.
    for (const auto& [what, text] : {std::pair<std::string, std::string>{"--out", so.outDir}, {"--partition", so.partition},
                                     {"--time", so.time}, {"--study", so.studyId}})
        if (text.find_first_of(" \t\n%'\"") != std::string::npos)
            throw InputError(what, "'" + text + "' holds a space, quote or %, which #SBATCH lines cannot carry");

    const fs::path dir = fs::path(so.outDir) / "slurm";
    const fs::path arrayFile = dir / "study-array.sbatch", mergeFile = dir / "study-merge.sbatch";
    const std::string arrayScript = study::slurmArrayScript(so), mergeScript = study::slurmMergeScript(so);
    const std::string submitArray = "sbatch --parsable " + study::shellQuote(arrayFile.string());
    const std::string submitMerge = "sbatch --parsable --dependency=afterok:<array job id> " + study::shellQuote(mergeFile.string());
    if (o.dryRun) {
        std::cout << "# " << arrayFile.string() << "\n" << arrayScript << "\n# " << mergeFile.string() << "\n" << mergeScript
                  << "\n# commands\nmkdir -p " << study::shellQuote((dir / "logs").string()) << "\n" << submitArray << "\n"
                  << submitMerge << "\n";
        return kOk;
    }
    std::error_code ec;
    fs::create_directories(dir / "logs", ec);
    if (ec) throw InputError(o.outDir, "cannot create " + (dir / "logs").string() + ": " + ec.message());
    for (const auto& [file, text] : {std::pair<fs::path, std::string>{arrayFile, arrayScript}, {mergeFile, mergeScript}}) {
        std::ofstream f(file, std::ios::binary);
        f << text;
        if (!f) throw InputError(file.string(), "cannot write");
    }
    try {
        runAndRead("command -v sbatch", "sbatch");
    } catch (const InputError&) {
        throw InputError("sbatch", "not found on PATH: is this a SLURM login node? (--dry-run prints the scripts and commands)");
    }
    const std::string arrayJob = jobIdOf(runAndRead(submitArray + " 2>&1", "sbatch"));
    const std::string mergeJob = jobIdOf(runAndRead("sbatch --parsable --dependency=afterok:" + arrayJob + " " +
                                                        study::shellQuote(mergeFile.string()) + " 2>&1",
                                                    "sbatch"));
    std::cout << "submitted array job " << arrayJob << " (" << so.shards << " tasks, " << so.points << " points) and merge job "
              << mergeJob << " (after it succeeds); table: " << so.outDir << "/study.csv\n";
    return kOk;
}

}  // namespace

int studyCommand(const std::vector<std::string>& args, const std::string& studioVersion) {
    try {
        if (!args.empty() && args[0] == "merge") return mergeCommand({args.begin() + 1, args.end()});
        if (!args.empty() && args[0] == "submit") return submitCommand(parseArgs({args.begin() + 1, args.end()}, true));
        return runStudyCommand(parseArgs(args, false), studioVersion);
    } catch (const fs::filesystem_error& e) {
        // A folder that cannot be created or copied (permissions, a full disk)
        // is the user's to fix, and finished points stay where they are.
        throw InputError(e.path1().string(), e.code().message());
    }
}

}  // namespace ms::cli
