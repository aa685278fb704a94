// Where the studio's shipped files are: the built-in data sets, the example
// projects and the docs. One search for the studio, the CLI and the engines,
// relative to the running executable and never to the working directory, so a
// program works when started from any folder. Memristor Studio, GPL-3.0-or-later.
#pragma once

#include <string>
#include <vector>

namespace ms::data_paths {

// What a search is for, and the folder it is in below each root:
//   Data     <prefix>/share/memstudio/data      <source>/resources/data
//   Projects <prefix>/share/memstudio/projects  <source>/projects
//   Docs     <prefix>/share/memstudio/docs      <source>/docs
enum class Shipped { Data, Projects, Docs };

// Each program's main() hands over the folder of its executable before
// anything is looked up (core has no Qt to ask). Unset or empty: the folder of
// /proc/self/exe.
void setExecutableDir(const std::string& dir);
std::string executableDir();

// The folders searched for `what`, best first: $MS_DATA_DIR (data only: an
// explicit choice beats a guess), then <exe>/../share/memstudio/<what> (an
// installed program), then the source tree's folder for a program inside its
// build tree (the first of the executable's parents, up to four levels, that
// holds CMakeLists.txt, projects/ and resources/data/). Folders that do not
// exist are included, so a message can say where it looked.
std::vector<std::string> searchFolders(Shipped what);

// The first of searchFolders(what) that exists; "" if none.
std::string findFolder(Shipped what);

// The path of the built-in data file `file` (e.g. "digits.csv.gz"), or "" if
// none of the data folders holds it.
std::string findDataFile(const std::string& file);

// "looked in A, B and C; set MS_DATA_DIR to the folder holding FILE": the
// second half of a message about a data file that was not found.
std::string whereDataWasSought(const std::string& file);

}  // namespace ms::data_paths
