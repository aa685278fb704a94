# Precompiled headers (issue 19, docs/robustness.md). A fresh build spent
# most of its time parsing the same third-party headers in every file: about
# 6 of a widget file's 7 s are Qt and QCustomPlot, 4 of a test's 7 s are
# QtTest, Eigen and nlohmann/json. Each group of targets below compiles those
# headers once and the others reuse the result (REUSE_FROM), which needs the
# same flags and the same values of the macros: core shares with core and
# the CLI, the widgets with the studio, the tests with the tests.
option(MS_PCH "Precompile the third-party headers (Qt, QCustomPlot, Eigen, nlohmann/json)" ON)

# GCC 12 no longer treats the standard headers as system headers once they
# come from a precompiled header, and shows the false -Wstringop-overflow of
# `"literal" + std::string` (the -Wrestrict family, GCC bug 105329).
if(MS_PCH AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(ms_warnings INTERFACE -Wno-stringop-overflow)
endif()

set(MS_PCH_STD <algorithm> <cmath> <functional> <map> <memory> <random> <string> <vector>)
set(MS_PCH_CORE ${MS_PCH_STD} <Eigen/Dense> <nlohmann/json.hpp>)
set(MS_PCH_WIDGETS ${MS_PCH_CORE} <QtWidgets> <qcustomplot.h>)

# ms_pch_hold(target headers...): `target` compiles the headers for its group.
function(ms_pch_hold target)
  if(MS_PCH)
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()

# ms_pch_reuse(target holder): `target` uses `holder`'s precompiled headers.
function(ms_pch_reuse target holder)
  if(MS_PCH)
    target_precompile_headers(${target} REUSE_FROM ${holder})
  endif()
endfunction()

# A test's group: with or without the widgets. The holder is an executable
# that links what such a test links (so the flags and Qt's macros match) and
# compiles only an empty main.
function(ms_pch_for_test target gui)
  if(NOT MS_PCH)
    return()
  endif()
  if(gui)
    set(holder ms_pch_test_gui)
  else()
    set(holder ms_pch_test)
  endif()
  if(NOT TARGET ${holder})
    set(main ${CMAKE_BINARY_DIR}/ms_pch_main.cpp)
    if(NOT EXISTS ${main})
      file(WRITE ${main} "int main() { return 0; }\n")
    endif()
    add_executable(${holder} EXCLUDE_FROM_ALL ${main})
    set_target_properties(${holder} PROPERTIES AUTOMOC OFF)
    target_link_libraries(${holder} PRIVATE Qt6::Test ms_warnings Eigen3::Eigen nlohmann_json::nlohmann_json)
    target_compile_definitions(${holder} PRIVATE
      MS_SOURCE_DIR="${PROJECT_SOURCE_DIR}" MS_BINARY_DIR="${CMAKE_BINARY_DIR}")
    if(gui)
      target_link_libraries(${holder} PRIVATE Qt6::Widgets Qt6::PrintSupport Qt6::Svg Qt6::Concurrent
                            QCustomPlotQt6::QCustomPlotQt6)
      target_precompile_headers(${holder} PRIVATE ${MS_PCH_WIDGETS} <QtTest>)
    else()
      target_precompile_headers(${holder} PRIVATE ${MS_PCH_CORE} <QtTest>)
    endif()
  endif()
  target_precompile_headers(${target} REUSE_FROM ${holder})
endfunction()
