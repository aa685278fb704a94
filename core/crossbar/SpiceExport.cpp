#include "core/crossbar/SpiceExport.h"

#include <cstdio>
#include <sstream>

namespace ms {

namespace {

// Built with append: GCC 12 flags "lit" + std::string with a false -Wrestrict.
std::string name(const char* prefix, std::size_t a) {
    std::string n(prefix);
    n += std::to_string(a);
    return n;
}
std::string name(const char* prefix, std::size_t a, std::size_t b) {
    std::string n = name(prefix, a);
    n += '_';
    n += std::to_string(b);
    return n;
}

std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

}  // namespace

std::string crossbarNetlist(const CrossbarSpec& s, const CrossbarDrive& d, const SpiceExportOptions& o) {
    validateCrossbar(s);
    validateDrive(s, d);
    const std::size_t M = s.rows, N = s.cols;
    auto rn = [&](std::size_t i, std::size_t j) {
        return name("r", i, s.rWireRow == 0 ? 0 : j);
    };
    auto cn = [&](std::size_t i, std::size_t j) {
        return name("c", s.rWireCol == 0 ? M - 1 : i, j);
    };
    std::ostringstream out;
    out << "* " << o.title << "\n* " << M << "x" << N << " " << toString(s.cellType) << " crossbar, "
        << "r_wire row/col " << num(s.rWireRow) << "/" << num(s.rWireCol) << " ohm per segment\n";
    // Terminals.
    auto terminal = [&](const LineTerminal& t, const std::string& src, const std::string& tnode,
                        const std::string& line, bool rowSide) {
        if (!t.connected) return;
        if (t.resistance == 0) {
            out << src << " " << line << " 0 DC " << num(t.voltage) << "\n";
        } else {
            out << src << " " << tnode << " 0 DC " << num(t.voltage) << "\n";
            out << "R" << src << " ";
            if (rowSide) out << tnode << " " << line; else out << line << " " << tnode;
            out << " " << num(t.resistance) << "\n";
        }
    };
    for (std::size_t i = 0; i < M; ++i) terminal(d.rows[i], name("Vr", i), name("tr", i), rn(i, 0), true);
    for (std::size_t j = 0; j < N; ++j)
        terminal(d.cols[j], name("Vc", j), name("tc", j), cn(M - 1, j), false);
    // Wires.
    if (s.rWireRow > 0)
        for (std::size_t i = 0; i < M; ++i)
            for (std::size_t j = 0; j + 1 < N; ++j)
                out << "Rwr" << i << "_" << j << " " << rn(i, j) << " " << rn(i, j + 1) << " " << num(s.rWireRow) << "\n";
    if (s.rWireCol > 0)
        for (std::size_t i = 0; i + 1 < M; ++i)
            for (std::size_t j = 0; j < N; ++j)
                out << "Rwc" << i << "_" << j << " " << cn(i, j) << " " << cn(i + 1, j) << " " << num(s.rWireCol) << "\n";
    // Cells: element from the row node to m (or straight to the column node),
    // then the transistor channel or the selector from m to the column node.
    const double a = s.nonlinearity.sinhRate();
    for (std::size_t i = 0; i < M; ++i)
        for (std::size_t j = 0; j < N; ++j) {
            const std::string id = name("", i, j);
            const bool series = s.cellType != CellType::OneR;
            const std::string mid = series ? name("m", i, j) : cn(i, j);
            if (a == 0.0) out << "Rx" << id << " " << rn(i, j) << " " << mid << " " << num(1.0 / s.g(i, j)) << "\n";
            else
                out << "Bx" << id << " " << rn(i, j) << " " << mid << " I = " << num(s.g(i, j) / a) << "*sinh("
                    << num(a) << "*V(" << rn(i, j) << "," << mid << "))\n";
            if (s.cellType == CellType::OneT1R) {
                const bool on = d.gateOn.empty() || d.gateOn[i];
                out << "Rt" << id << " " << mid << " " << cn(i, j) << " "
                    << num(on ? s.transistor.rOn : s.transistor.rOff) << "\n";
            } else if (s.cellType == CellType::OneS1R) {
                out << "Bs" << id << " " << mid << " " << cn(i, j) << " I = " << num(s.selector.is) << "*sinh(V("
                    << mid << "," << cn(i, j) << ")/" << num(s.selector.vs) << ")\n";
            }
        }
    if (o.tightTolerances) out << ".options reltol=1e-12 abstol=1e-20 vntol=1e-15 itl1=500\n";
    if (o.printAll) out << ".control\nset numdgt=15\nop\nprint all\n.endc\n";
    else out << ".op\n";
    out << ".end\n";
    return out.str();
}

}  // namespace ms
