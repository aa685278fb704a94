// Runs ngspice in batch on an exported netlist and reads its results: the
// `print` lines of an operating point ("v(a) = 1.0e+00") or the wrdata table
// of a transient (time, value per vector). Fails, not skips, when ngspice is
// missing: the test command installs it.
#pragma once

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <map>
#include <sstream>
#include <string>
#include <vector>

struct NgspiceOutput {
    std::map<std::string, double> op;          // vector -> value
    std::vector<std::vector<double>> table;    // transient rows: t, v1, v2, ... (wrdata pairs collapsed)
    std::string log;
};

inline bool runNgspiceBatch(const std::string& netlist, const QTemporaryDir& dir, NgspiceOutput& out,
                            std::string& error) {
    const QString path = dir.filePath("circuit.cir");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) { error = "cannot write netlist"; return false; }
    f.write(netlist.data(), qint64(netlist.size()));
    f.close();
    QProcess p;
    p.setWorkingDirectory(dir.path());
    p.start("ngspice", {"-b", path});
    if (!p.waitForStarted(10000)) { error = "ngspice is not installed or does not start"; return false; }
    p.waitForFinished(120000);
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
    QFile data(dir.filePath("out.data"));
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

// Linear interpolation of column c of a time table at t.
inline double interpolate(const std::vector<std::vector<double>>& rows, std::size_t c, double t) {
    for (std::size_t k = 1; k < rows.size(); ++k)
        if (rows[k][0] >= t) {
            const double a = rows[k][0] > rows[k - 1][0] ? (t - rows[k - 1][0]) / (rows[k][0] - rows[k - 1][0]) : 1.0;
            return rows[k - 1][c] + a * (rows[k][c] - rows[k - 1][c]);
        }
    return rows.back()[c];
}
