# BLAS for matmul. MXGRAPH_BLAS=debian: the system's OpenBLAS (Debian's libopenblas-dev);
# MXGRAPH_BLAS=scipy-openblas: the scipy-openblas32 wheel from PyPI (as NumPy and SciPy
# use), found through the building Python. pip builds default to the second, so that
# `pip install .` needs no apt; when the chosen one is missing the other is used.
if(SKBUILD)
  set(_mxg_blas_default scipy-openblas)
else()
  set(_mxg_blas_default debian)
endif()
set(MXGRAPH_BLAS "${_mxg_blas_default}" CACHE STRING "BLAS for matmul: debian or scipy-openblas")
set_property(CACHE MXGRAPH_BLAS PROPERTY STRINGS debian scipy-openblas)
if(NOT MXGRAPH_BLAS MATCHES "^(debian|scipy-openblas)$")
  message(FATAL_ERROR "MXGRAPH_BLAS must be debian or scipy-openblas, not '${MXGRAPH_BLAS}'.")
endif()

function(_mxg_find_scipy_openblas found)
  find_package(Python 3.9 COMPONENTS Interpreter QUIET)
  set(${found} FALSE PARENT_SCOPE)
  if(NOT Python_EXECUTABLE)
    return()
  endif()
  execute_process(COMMAND ${Python_EXECUTABLE} -c
    "import scipy_openblas32 as s; print(s.get_include_dir()); print(s.get_lib_dir()); print(s.get_library())"
    OUTPUT_VARIABLE _out RESULT_VARIABLE _rc ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _rc EQUAL 0)
    return()
  endif()
  string(REPLACE "\n" ";" _out "${_out}")
  list(GET _out 0 _inc)
  list(GET _out 1 _lib)
  list(GET _out 2 _name)
  set(MXGRAPH_BLAS_INCLUDE_DIR "${_inc}" PARENT_SCOPE)
  set(MXGRAPH_OPENBLAS_DIR "${_lib}" PARENT_SCOPE)
  set(MXGRAPH_OPENBLAS_NAME "${_name}" PARENT_SCOPE)
  set(${found} TRUE PARENT_SCOPE)
endfunction()

function(_mxg_find_debian_openblas found)
  find_library(MXGRAPH_DEBIAN_OPENBLAS NAMES openblas)
  find_path(MXGRAPH_DEBIAN_CBLAS_DIR NAMES cblas.h PATHS /usr/include/x86_64-linux-gnu/openblas-pthread
            /usr/include/openblas /usr/include)
  set(${found} FALSE PARENT_SCOPE)
  if(MXGRAPH_DEBIAN_OPENBLAS AND MXGRAPH_DEBIAN_CBLAS_DIR)
    set(MXGRAPH_BLAS_INCLUDE_DIR "${MXGRAPH_DEBIAN_CBLAS_DIR}" PARENT_SCOPE)
    set(MXGRAPH_OPENBLAS_DIR "" PARENT_SCOPE)
    set(MXGRAPH_OPENBLAS_NAME openblas PARENT_SCOPE)
    set(${found} TRUE PARENT_SCOPE)
  endif()
endfunction()

if(MXGRAPH_BLAS STREQUAL "scipy-openblas")
  set(_mxg_order scipy-openblas debian)
else()
  set(_mxg_order debian scipy-openblas)
endif()
set(MXGRAPH_BLAS_USED "")
foreach(_mxg_try IN LISTS _mxg_order)
  if(_mxg_try STREQUAL "scipy-openblas")
    _mxg_find_scipy_openblas(_mxg_found)
  else()
    _mxg_find_debian_openblas(_mxg_found)
  endif()
  if(_mxg_found)
    set(MXGRAPH_BLAS_USED "${_mxg_try}")
    break()
  endif()
endforeach()
if(NOT MXGRAPH_BLAS_USED)
  message(FATAL_ERROR "No BLAS for matmul: pip install scipy-openblas32 (MXGRAPH_BLAS=scipy-openblas) "
                      "or apt-get install libopenblas-dev (MXGRAPH_BLAS=debian).")
endif()
if(NOT MXGRAPH_BLAS_USED STREQUAL MXGRAPH_BLAS)
  message(WARNING "MXGRAPH_BLAS=${MXGRAPH_BLAS} was not found; using ${MXGRAPH_BLAS_USED}.")
endif()
message(STATUS "mxgraph: BLAS ${MXGRAPH_BLAS_USED} (${MXGRAPH_BLAS_INCLUDE_DIR})")
# The library itself, found here so that a build folder may switch between the two.
if(MXGRAPH_BLAS_USED STREQUAL "scipy-openblas")
  set(MXGRAPH_OPENBLAS_LIBRARY "${MXGRAPH_OPENBLAS_DIR}/lib${MXGRAPH_OPENBLAS_NAME}.so")
else()
  set(MXGRAPH_OPENBLAS_LIBRARY "${MXGRAPH_DEBIAN_OPENBLAS}")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/openblas_target.cmake)

# Only matmul and the LAPACK kernel include cblas.h: the include folder and the name
# mapping go on those files, so that the other sources keep their ccache entries
# whichever BLAS is used.
set(_mxg_blas_defs "")
if(MXGRAPH_BLAS_USED STREQUAL "scipy-openblas")
  set(_mxg_blas_defs MXGRAPH_SCIPY_OPENBLAS)
endif()
set_source_files_properties(${PROJECT_SOURCE_DIR}/kernels/cpu/matmul.cpp ${PROJECT_SOURCE_DIR}/kernels/cpu/linalg.cpp PROPERTIES
  INCLUDE_DIRECTORIES "${MXGRAPH_BLAS_INCLUDE_DIR}" COMPILE_DEFINITIONS "${_mxg_blas_defs}")

# Installed programs and libraries must find libscipy_openblas.so at run time: where it
# was at build time for `cmake --install`; for a wheel, in the scipy_openblas32 package
# beside mxgraph in site-packages (mxgraph_blas_rpath, called once the targets exist).
if(MXGRAPH_BLAS_USED STREQUAL "scipy-openblas" AND NOT SKBUILD)
  set(CMAKE_INSTALL_RPATH_USE_LINK_PATH ON)
endif()
function(mxgraph_blas_rpath target up)
  if(TARGET ${target} AND SKBUILD AND MXGRAPH_BLAS_USED STREQUAL "scipy-openblas")
    set_property(TARGET ${target} APPEND PROPERTY INSTALL_RPATH "$ORIGIN/${up}scipy_openblas32/lib")
  endif()
endfunction()
# The installed CMake config looks beside mxgraph in site-packages first, then (not for a
# wheel, whose build folder is gone) where the library was at build time.
set(MXGRAPH_OPENBLAS_CONFIG_DIR "${MXGRAPH_OPENBLAS_DIR}")
if(SKBUILD)
  set(MXGRAPH_OPENBLAS_CONFIG_DIR "")
endif()
# For tests/python/test_blas_library.py: the library a dev build's extension must load.
set(MXGRAPH_BLAS_LIBRARY "${MXGRAPH_OPENBLAS_LIBRARY}" CACHE INTERNAL "the OpenBLAS matmul links")
