// RowBlocks, the studio's per-series row store (issue 3 stall): rows appended
// in batches of any size, across block boundaries, read back exactly as
// written, by row, by flat index and by column; clear forgets them.
#include <QTest>

#include <random>
#include <vector>

#include "widgets/ExperimentRunner.h"
#include "widgets/RowBlocks.h"

using ms::gui::RowBlocks;

class TestRowBlocks : public QObject {
    Q_OBJECT
private slots:
    void appendAcrossBlocksReadsBackWhatWasWritten() {
        const std::size_t width = 5;
        RowBlocks b(width);
        const std::size_t perBlock = b.rowsPerBlock();
        QVERIFY(perBlock > 1000);
        // 2.5 blocks' worth, in batches of random size (1 row up to more
        // than a block), so batches straddle block boundaries.
        const std::size_t total = perBlock * 5 / 2;
        std::vector<double> all(total * width);
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> u(-1.0, 1.0);
        for (double& x : all) x = u(rng);
        std::size_t done = 0;
        std::uniform_int_distribution<std::size_t> batch(1, perBlock + 300);
        while (done < total) {
            const std::size_t n = std::min(total - done, done == 0 ? std::size_t(1) : batch(rng));
            b.append(all.data() + done * width, n);
            done += n;
            QCOMPARE(b.size(), done);
        }
        QCOMPARE(b.blockCount(), std::size_t(3));
        std::uniform_int_distribution<std::size_t> pick(0, total - 1);
        for (int k = 0; k < 20000; ++k) {
            const std::size_t r = pick(rng), c = static_cast<std::size_t>(k) % width;
            QCOMPARE(b.at(r, c), all[r * width + c]);
            QCOMPARE(b[r * width + c], all[r * width + c]);
        }
        // Rows on both sides of each block boundary are whole and contiguous.
        for (std::size_t r : {perBlock - 1, perBlock, 2 * perBlock - 1, 2 * perBlock, total - 1})
            for (std::size_t c = 0; c < width; ++c) QCOMPARE(b.row(r)[c], all[r * width + c]);
        const std::vector<double> col3 = b.column(3);
        QCOMPARE(col3.size(), total);
        for (std::size_t r = 0; r < total; ++r) QCOMPARE(col3[r], all[r * width + 3]);
    }

    void appendNeverMovesWrittenRows() {
        RowBlocks b(3);
        const double row[] = {1.0, 2.0, 3.0};
        b.append(row, 1);
        const double* first = b.row(0);
        for (std::size_t k = 0; k < 3 * b.rowsPerBlock(); ++k) b.append(row, 1);
        QCOMPARE(b.row(0), first);  // a growing vector would have moved it
    }

    void copyThenAppendKeepsBoth() {
        RowBlocks a(2);
        for (int k = 0; k < 10; ++k) {
            const double row[] = {double(k), -double(k)};
            a.append(row, 1);
        }
        RowBlocks b = a;
        const double more[] = {10.0, -10.0};
        b.append(more, 1);
        QCOMPARE(a.size(), std::size_t(10));
        QCOMPARE(b.size(), std::size_t(11));
        QCOMPARE(b.at(10, 1), -10.0);
        QCOMPARE(b.at(9, 0), 9.0);
    }

    void clearForgetsRowsAndKeepsWidth() {
        RowBlocks b(4);
        std::vector<double> rows(4 * 100, 1.5);
        b.append(rows.data(), 100);
        b.clear();
        QCOMPARE(b.size(), std::size_t(0));
        QVERIFY(b.empty());
        QCOMPARE(b.width(), std::size_t(4));
        const double row[] = {1, 2, 3, 4};
        b.append(row, 1);
        QCOMPARE(b.size(), std::size_t(1));
        QCOMPARE(b.at(0, 3), 4.0);
    }

    // The runner's SeriesBuffer reads its rows through the blocks.
    void seriesBufferRowsAndColumns() {
        ms::gui::SeriesBuffer s;
        s.id = "iv";
        s.columns = {{"t", "s"}, {"V", "V"}, {"I", "A"}};
        std::vector<double> rows;
        for (int k = 0; k < 50000; ++k)
            for (double v : {k * 1e-6, 0.5 * k, 1e-6 * k}) rows.push_back(v);
        s.appendRows(rows.data(), 30000);
        s.appendRows(rows.data() + 30000 * 3, 20000);
        QCOMPARE(s.rows(), std::size_t(50000));
        QCOMPARE(s.column("V"), 1);
        QCOMPARE(s.column("x"), -1);
        QCOMPARE(s.at(49999, 1), 0.5 * 49999);
        QCOMPARE(s.at(26214, 2), 1e-6 * 26214);
    }
};

QTEST_APPLESS_MAIN(TestRowBlocks)
#include "test_row_blocks.moc"
