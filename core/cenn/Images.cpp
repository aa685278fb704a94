#include "core/cenn/Images.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include "core/common/Errors.h"

namespace ms::cenn {

namespace {

// An image drawn from text rows: '#' black, anything else white.
Image fromArt(const std::vector<std::string>& art) {
    Image img(static_cast<int>(art.size()), static_cast<int>(art.front().size()), -1.0);
    for (int r = 0; r < img.rows; ++r)
        for (int c = 0; c < img.cols; ++c) img.at(r, c) = art[r][c] == '#' ? 1.0 : -1.0;
    return img;
}

const std::vector<std::pair<std::string, std::vector<std::string>>>& arts() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> a = {
        {"square", {".........", ".........", "..#####..", "..#####..", "..#####..", "..#####..", "..#####..",
                    ".........", "........."}},
        {"square_with_hole", {"............", "............", "..########..", "..########..", "..##....##..",
                              "..##....##..", "..##....##..", "..##....##..", "..########..", "..########..",
                              "............", "............"}},
        {"digits_3", {"...........", "..######...", ".......##..", ".......##..", "..######...", ".......##..",
                      ".......##..", "..######...", "..........."}},
        {"noisy_square", {"#.........#.", "............", "..#######...", "..#######.#.", "..###.###...",
                          "..#######...", ".#####.##...", "..#######...", "..#######..#", "....#.......",
                          "......#.....", "#..........."}},
        {"lines", {"...........", ".#######...", "...........", "........#..", "..#.....#..", "..#.....#..",
                   "..#.....#..", "..#........", "...........", "...######..", "..........."}},
    };
    return a;
}

[[noreturn]] void fail(const std::string& file, int line, const std::string& why) {
    throw InputError("", file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + why);
}

void checkSize(const std::string& file, int rows, int cols) {
    if (rows < 1 || cols < 1 || rows > kMaxImageSide || cols > kMaxImageSide)
        fail(file, 0, "image is " + std::to_string(rows) + " x " + std::to_string(cols) + ", must be 1 to " +
                          std::to_string(kMaxImageSide) + " pixels a side");
}

}  // namespace

std::vector<std::string> builtinImageIds() {
    std::vector<std::string> ids;
    for (const auto& a : arts()) ids.push_back(a.first);
    return ids;
}

bool builtinImage(const std::string& id, Image& out) {
    for (const auto& a : arts())
        if (a.first == id) {
            out = fromArt(a.second);
            return true;
        }
    return false;
}

Image loadPgm(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) fail(file, 0, "cannot open");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t pos = 0;
    int line = 1;
    // Header tokens, skipping whitespace and '#' comments, counting lines.
    auto token = [&]() {
        while (pos < bytes.size()) {
            const char ch = bytes[pos];
            if (ch == '#') {
                while (pos < bytes.size() && bytes[pos] != '\n') ++pos;
            } else if (std::isspace(static_cast<unsigned char>(ch))) {
                if (ch == '\n') ++line;
                ++pos;
            } else {
                break;
            }
        }
        std::string t;
        while (pos < bytes.size() && !std::isspace(static_cast<unsigned char>(bytes[pos])) && bytes[pos] != '#')
            t += bytes[pos++];
        return t;
    };
    auto number = [&](const char* what) {
        const std::string t = token();
        if (t.empty() || t.find_first_not_of("0123456789") != std::string::npos || t.size() > 9)
            fail(file, line, std::string("expected ") + what + (t.empty() ? " (end of file)" : ", got '" + t + "'"));
        return std::stoi(t);
    };
    const std::string magic = token();
    if (magic != "P2" && magic != "P5") fail(file, line, "not a PGM file (magic '" + magic + "', expected P2 or P5)");
    const int cols = number("the width");
    const int rows = number("the height");
    const int maxval = number("the maximum grey value");
    if (maxval < 1 || maxval > 65535) fail(file, line, "maximum grey value must be 1 to 65535");
    checkSize(file, rows, cols);
    Image img(rows, cols);
    if (magic == "P2") {
        for (auto& v : img.v) {
            const int g = number("a grey value");
            if (g > maxval) fail(file, line, "grey value " + std::to_string(g) + " above the maximum " + std::to_string(maxval));
            v = 1.0 - 2.0 * g / maxval;
        }
    } else {
        ++pos;  // the single whitespace after maxval
        const std::size_t bytesPer = maxval > 255 ? 2 : 1;
        if (bytes.size() < pos + img.v.size() * bytesPer)
            fail(file, 0, "file ends before its " + std::to_string(rows) + " x " + std::to_string(cols) + " pixels");
        for (std::size_t i = 0; i < img.v.size(); ++i) {
            int g = static_cast<unsigned char>(bytes[pos + i * bytesPer]);
            if (bytesPer == 2) g = g * 256 + static_cast<unsigned char>(bytes[pos + i * 2 + 1]);
            img.v[i] = 1.0 - 2.0 * std::min(g, maxval) / maxval;
        }
    }
    return img;
}

Image loadCsv(const std::string& file) {
    std::ifstream in(file);
    if (!in) fail(file, 0, "cannot open");
    std::vector<std::vector<double>> rows;
    std::string text;
    int line = 0;
    while (std::getline(in, text)) {
        ++line;
        if (!text.empty() && text.back() == '\r') text.pop_back();
        if (text.find_first_not_of(" \t") == std::string::npos || text[0] == '#') continue;
        std::vector<double> row;
        std::stringstream ss(text);
        std::string cell;
        while (std::getline(ss, cell, ',')) {
            std::size_t used = 0;
            double v = 0;
            try {
                v = std::stod(cell, &used);
            } catch (const std::exception&) {
                fail(file, line, "'" + cell + "' is not a number");
            }
            if (cell.find_first_not_of(" \t", used) != std::string::npos) fail(file, line, "'" + cell + "' is not a number");
            if (!(v >= -1.0 && v <= 1.0)) fail(file, line, "pixel value " + cell + " outside [-1, 1]");
            row.push_back(v);
        }
        if (!rows.empty() && row.size() != rows.front().size())
            fail(file, line, std::to_string(row.size()) + " values, the first row has " + std::to_string(rows.front().size()));
        rows.push_back(std::move(row));
    }
    checkSize(file, static_cast<int>(rows.size()), rows.empty() ? 0 : static_cast<int>(rows.front().size()));
    Image img(static_cast<int>(rows.size()), static_cast<int>(rows.front().size()));
    for (int r = 0; r < img.rows; ++r)
        for (int c = 0; c < img.cols; ++c) img.at(r, c) = rows[r][c];
    return img;
}

}  // namespace ms::cenn
