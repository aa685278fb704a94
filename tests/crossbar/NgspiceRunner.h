// Runs `ngspice -b` on a netlist and reads its `print all` output
// ("name = value" lines) into a map. Fails (QFAIL via the caller) when ngspice
// is missing: the test command installs it, so absence is an error.
#pragma once

#include <QProcess>
#include <QTemporaryDir>

#include <map>
#include <sstream>
#include <string>

inline bool runNgspice(const std::string& netlist, std::map<std::string, double>& values, std::string& error) {
    QTemporaryDir dir;
    const QString path = dir.filePath("crossbar.cir");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) { error = "cannot write netlist"; return false; }
    f.write(netlist.data(), qint64(netlist.size()));
    f.close();
    QProcess p;
    p.start("ngspice", {"-b", path});
    if (!p.waitForStarted(10000)) { error = "ngspice is not installed or does not start"; return false; }
    p.waitForFinished(300000);
    const std::string out = p.readAllStandardOutput().toStdString();
    std::istringstream is(out);
    std::string line;
    while (std::getline(is, line)) {
        const auto eq = line.find(" = ");
        if (eq == std::string::npos) continue;
        try {
            values[line.substr(0, eq)] = std::stod(line.substr(eq + 3));
        } catch (...) {
        }
    }
    if (values.empty()) { error = "no values in ngspice output:\n" + out + p.readAllStandardError().toStdString(); return false; }
    return true;
}
