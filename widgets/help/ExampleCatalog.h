// The shipped example projects (projects/*.json), each with its topic, name
// and description, for the examples browser and the welcome page.
// Memristor Studio, GPL-3.0-or-later.
#pragma once

#include <QIcon>
#include <QString>
#include <QStringList>
#include <QVector>

namespace ms::gui {

struct ExampleProject {
    QString path;         // absolute
    QString fileName;     // "2m-differential-synapse.json"
    QString name;         // the project's "name" (else the file name)
    QString description;  // the project's "description" (may be several sentences)
    QString topic;        // one of exampleTopics()
    QStringList experiments;  // the experiments' names, in file order
};

// The topics in the order the browser lists them: "Devices", "Synapse
// circuits", "Crossbars", "ANNs", "SNNs", "Fitting", "Other".
QStringList exampleTopics();

// The topic a project belongs to, from its experiments' kinds: fitting beats
// spiking beats ANN beats crossbar beats circuit beats device (a fit runs a
// device transient too; an ANN-to-SNN conversion is shown with the SNNs).
QString exampleTopic(const QStringList& kinds);

// The first sentence of a description (up to ~140 characters, elided), for a one-line summary.
QString firstSentence(const QString& description);

// Every *.json in `folder` that reads as a project, sorted by topic then name.
// Files that are not JSON objects are skipped.
QVector<ExampleProject> loadExampleCatalog(const QString& folder);

// The shipped examples folder (core/data/DataPaths.h: the install prefix or
// the source tree); "" if there is none.
QString examplesFolder();

// A small drawn icon per topic (a pinched loop, a resistor, a grid, ...).
QIcon topicIcon(const QString& topic);

}  // namespace ms::gui
