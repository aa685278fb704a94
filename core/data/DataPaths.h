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

// The folders searched for `what`, best first (the order issue 20 lays out):
//   1. <exe>/../share/memstudio/<what>   an installed program
//   2. the source tree's folder          a program inside its build tree (the
//      first of the executable's parents, up to four levels, that holds
//      CMakeLists.txt, projects/ and resources/data/)
//   3. <d>/memstudio/<what> for each XDG data folder ($XDG_DATA_HOME or
//      ~/.local/share, then $XDG_DATA_DIRS or /usr/local/share:/usr/share)
//   4. $MS_DATA_DIR                      data only: the last resort for a
//      program copied away from its files
// Folders that do not exist are included, so a message can say where it looked.
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
