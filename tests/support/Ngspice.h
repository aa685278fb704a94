// The tests' one way to run ngspice: `ngspice -b` on a netlist in a folder,
// its `print` lines ("v(a) = 1.0e+00") read into a map and its wrdata table
// (time, value pairs, one pair per vector) collapsed to rows t, v1, v2, ...
// A missing ngspice is a failure, not a skip: the test command installs it.
// ngspice -b exits 1 after a .control-only deck ("no simulations run" for the
// batch part), so success is judged by the output, not the exit code.
#pragma once

#include <QFile>
#include <QProcess>
#include <QString>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace mstest {

struct NgspiceOutput {
    std::map<std::string, double> op;          // vector -> value, from `print`
    std::vector<std::vector<double>> table;    // wrdata rows: t, v1, v2, ...
    std::string log;                           // stdout and stderr
};

// Runs the netlist file `cirName` that is already in `dir` (ngspice runs in
// `dir`, so relative wrdata paths land there) and reads `dataFile` if written.
inline bool runNgspiceOn(const QString& dir, const QString& cirName, NgspiceOutput& out, std::string& error,
                         const QString& dataFile = QStringLiteral("out.data")) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("ngspice"), {QStringLiteral("-b"), cirName});
    if (!p.waitForStarted(10000)) { error = "ngspice is not installed or does not start"; return false; }
    if (!p.waitForFinished(300000)) { error = "ngspice did not finish within 300 s"; return false; }
    if (p.exitStatus() != QProcess::NormalExit) { error = "ngspice crashed"; return false; }
    out.log = p.readAllStandardOutput().toStdString() + p.readAllStandardError().toStdString();
    std::istringstream is(out.log);
    std::string line;
    while (std::getline(is, line)) {
        const auto eq = line.find(" = ");
        if (eq == std::string::npos) continue;
        try {
            out.op[line.substr(0, eq)] = std::stod(line.substr(eq + 3));
        } catch (...) {
        }
    }
    QFile data(dir + "/" + dataFile);
    if (data.open(QIODevice::ReadOnly)) {
        std::istringstream ds(data.readAll().toStdString());
        while (std::getline(ds, line)) {
            std::istringstream ls(line);
            std::vector<double> vals;
            double v;
            while (ls >> v) vals.push_back(v);
            if (vals.size() < 2) continue;
            std::vector<double> row{vals[0]};
            for (std::size_t k = 1; k < vals.size(); k += 2) row.push_back(vals[k]);
            out.table.push_back(std::move(row));
        }
    }
    if (out.op.empty() && out.table.empty()) { error = "no results in ngspice output:\n" + out.log; return false; }
    return true;
}

// Writes `netlist` to `dir`/`cirName`, then runNgspiceOn.
inline bool runNgspice(const std::string& netlist, const QString& dir, NgspiceOutput& out, std::string& error,
                       const QString& dataFile = QStringLiteral("out.data"),
                       const QString& cirName = QStringLiteral("circuit.cir")) {
    QFile f(dir + "/" + cirName);
    if (!f.open(QIODevice::WriteOnly)) { error = "cannot write the netlist in " + dir.toStdString(); return false; }
    f.write(netlist.data(), qint64(netlist.size()));
    f.close();
    return runNgspiceOn(dir, cirName, out, error, dataFile);
}

// Linear interpolation of column c of a time table at t.
inline double interpolate(const std::vector<std::vector<double>>& rows, std::size_t c, double t) {
    for (std::size_t k = 1; k < rows.size(); ++k)
        if (rows[k][0] >= t) {
            const double a = rows[k][0] > rows[k - 1][0] ? (t - rows[k - 1][0]) / (rows[k][0] - rows[k - 1][0]) : 1.0;
            return rows[k - 1][c] + a * (rows[k][c] - rows[k - 1][c]);
        }
    return rows.back()[c];
}

}  // namespace mstest
