#include <QtTest>
class TestCrossbarSolver : public QObject { Q_OBJECT private slots: void placeholder() {} };
QTEST_APPLESS_MAIN(TestCrossbarSolver)
#include "test_crossbar_solver.moc"
