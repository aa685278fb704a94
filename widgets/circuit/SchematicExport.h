// Exports from the circuit designer: the schematic as a picture (SVG, PDF or
// PNG, chosen by the file's suffix) and an experiment's circuit as a SPICE
// netlist through the same core function `memstudio-cli export-spice` calls
// (the experiment kind's exportSpice), so the GUI and the CLI write one text.
#pragma once

#include <string>
#include <vector>

#include <QString>

class QGraphicsScene;

namespace ms {
class Project;
}

namespace ms::gui::schematic {

// Renders the scene's items (plus a margin) to `file`; "" or why not.
QString exportSchematicPicture(QGraphicsScene* scene, const QString& file);

// Experiments on circuit `circuitId` whose kind can write SPICE.
std::vector<std::string> spiceExperiments(const ms::Project& project, const std::string& circuitId);
// The netlist text (throws ms::InputError as the CLI's command does).
std::string spiceNetlist(const ms::Project& project, const std::string& experimentId);
// Writes it to `file`; "" or why not.
QString exportSpiceNetlist(const ms::Project& project, const std::string& experimentId, const QString& file);

}  // namespace ms::gui::schematic
