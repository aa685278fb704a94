# `cmake --install` and the Debian package (CPack). The programs find what they
# ship beside themselves: <prefix>/bin/memstudio reads
# <prefix>/share/memstudio/{projects,data,docs} (core/data/DataPaths.cpp), so an
# install works from any folder and under any prefix.
include(GNUInstallDirs)

set(MS_SHARE ${CMAKE_INSTALL_DATADIR}/memstudio)
# The build tree mirrors that layout with links into the sources, so programs
# built in any folder (inside the sources or beside them) find their data the
# way an installed one does.
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/share/memstudio/resources)
foreach(pair data=resources/data projects=projects docs=docs resources/measurements=resources/measurements
             README.md=README.md)
  string(REPLACE "=" ";" parts ${pair})
  list(GET parts 0 link)
  list(GET parts 1 target)
  if(NOT EXISTS ${CMAKE_BINARY_DIR}/share/memstudio/${link})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${target} ${CMAKE_BINARY_DIR}/share/memstudio/${link} SYMBOLIC)
  endif()
endforeach()
install(TARGETS memstudio-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(MS_BUILD_GUI)
  install(TARGETS memstudio RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/projects/ DESTINATION ${MS_SHARE}/projects FILES_MATCHING PATTERN "*.json")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/data/ DESTINATION ${MS_SHARE}/data)
# The fit examples name their measurements as ../resources/measurements/… from projects/.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/measurements/ DESTINATION ${MS_SHARE}/resources/measurements)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${MS_SHARE}/docs)
# The user guide's first page is the README beside docs/ (widgets/help/UserGuideDialog.cpp).
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${MS_SHARE})
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(MS_INSTALL_RES ${PROJECT_SOURCE_DIR}/resources/install)
install(FILES ${MS_INSTALL_RES}/memstudio.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${MS_INSTALL_RES}/memstudio.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${MS_INSTALL_RES}/io.github.memristorstudio.memstudio.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${MS_INSTALL_RES}/memstudio-cli.1 ${MS_INSTALL_RES}/memstudio.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# Debian package: `cpack -G DEB` in the build folder. Its dependencies are
# computed from the binaries (dpkg-shlibdeps), so they name exactly the Debian 12
# runtime packages the build linked against.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME memstudio)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Memristor Studio developers <memstudio@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Memristor devices, crossbars and neural networks in one live studio")
set(CPACK_PACKAGE_DESCRIPTION
    "Memristor Studio draws memristive synapse circuits and crossbars, runs ANN and SNN simulations on\n"
    "memristor device models and shows hysteresis loops, LTP/LTD curves, sneak-path currents and\n"
    "accuracy live. memstudio-cli runs the same projects, studies and SPICE exports in batch.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_LICENSE "GPL-3.0-or-later")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)  # seconds, not a minute of xz in CI
# The Fashion-MNIST examples read Debian's data set; ngspice checks exported netlists.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dataset-fashion-mnist, ngspice")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "slurm-client")
include(CPack)
