// Rows of one streamed series (row-major, a fixed number of doubles per row),
// stored in blocks of whole rows that never move once written. A single
// growing vector doubles at 400k rows x 5 columns, copying ~8 MB and touching
// 16 MB of fresh pages inside one GUI-thread drain; here an append only ever
// fills the last block or opens a new one, so its cost is the rows it adds.
// A row never spans two blocks, so row(i) points at `width()` contiguous values.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace ms::gui {

class RowBlocks {
public:
    // ~1 MiB of doubles per block: big enough that blocks are few, small
    // enough that opening one (a fresh allocation, touched as it fills) is cheap.
    static constexpr std::size_t kBlockValues = std::size_t(1) << 17;

    RowBlocks() = default;
    explicit RowBlocks(std::size_t width) { reset(width); }

    // Forgets every row and sets the number of values per row.
    void reset(std::size_t width) {
        blocks_.clear();
        rows_ = 0;
        width_ = width;
        rowsPerBlock_ = width ? std::max<std::size_t>(1, kBlockValues / width) : 1;
    }
    void clear() { reset(width_); }

    std::size_t width() const { return width_; }
    std::size_t size() const { return rows_; }  // rows
    bool empty() const { return rows_ == 0; }
    std::size_t rowsPerBlock() const { return rowsPerBlock_; }
    std::size_t blockCount() const { return blocks_.size(); }

    // Appends `rows` rows of width() values each, read row-major from `data`.
    void append(const double* data, std::size_t rows) {
        if (width_ == 0) return;
        while (rows > 0) {
            const std::size_t blockValues = rowsPerBlock_ * width_;
            if (blocks_.empty() || blocks_.back().size() == blockValues) {
                blocks_.emplace_back();
                blocks_.back().reserve(blockValues);
            } else if (blocks_.back().capacity() < blockValues) {
                blocks_.back().reserve(blockValues);  // a copied buffer's last block: fill it in place from now on
            }
            auto& block = blocks_.back();
            const std::size_t n = std::min(rows, rowsPerBlock_ - block.size() / width_);
            block.insert(block.end(), data, data + n * width_);
            data += n * width_;
            rows -= n;
            rows_ += n;
        }
    }

    // The width() values of row i (i < size()).
    const double* row(std::size_t i) const { return blocks_[i / rowsPerBlock_].data() + (i % rowsPerBlock_) * width_; }
    double at(std::size_t i, std::size_t col) const { return row(i)[col]; }
    // Value number `flat` in row-major order (row flat / width(), column flat % width()).
    const double& operator[](std::size_t flat) const { return row(flat / width_)[flat % width_]; }

    // One column, all rows, as one contiguous vector (export, fits).
    std::vector<double> column(std::size_t col) const {
        std::vector<double> out;
        out.reserve(rows_);
        for (const auto& block : blocks_)
            for (std::size_t k = col; k < block.size(); k += width_) out.push_back(block[k]);
        return out;
    }

private:
    std::vector<std::vector<double>> blocks_;
    std::size_t rows_ = 0, width_ = 0, rowsPerBlock_ = 1;
};

}  // namespace ms::gui
