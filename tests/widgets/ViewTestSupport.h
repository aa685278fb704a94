// Runs an example project's experiment with a result view following the
// runner, as the studio does, for the view tests.
#pragma once

#include <QSignalSpy>
#include <QString>
#include <QtTest>

#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/ResultView.h"

namespace viewtest {

// Experiment `id` of projects/<project>; true when the run finished normally.
inline bool runInView(ms::gui::ResultView& view, const QString& project, const QString& id) {
    ms::gui::DocumentModel doc;
    QString error;
    if (!doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/") + project, &error)) {
        qWarning() << error;
        return false;
    }
    ms::gui::ExperimentRunner runner;
    view.follow(&runner);
    QSignalSpy finished(&runner, &ms::gui::ExperimentRunner::runFinished);
    runner.start(doc.project(), id);
    return finished.wait(30000) &&
           finished.last().at(0).value<ms::gui::ExperimentRunner::Outcome>() == ms::gui::ExperimentRunner::Outcome::Finished;
}

}  // namespace viewtest
