# zlib for .npz (lib/io/deflate.cpp). MXGRAPH_ZLIB=auto: the system's (Debian's
# zlib1g-dev) when CMake finds it, otherwise PyPI's cmeel-zlib (headers and libz.so in a
# wheel, a build requirement in pyproject.toml), so that `pip install .` needs no apt.
# system or pypi forces one. Either way the extension needs libz.so.1 at run time, which
# every manylinux system has (auditwheel leaves it out of the wheel).
set(MXGRAPH_ZLIB auto CACHE STRING "zlib for .npz: auto, system, or pypi (PyPI's cmeel-zlib)")
set_property(CACHE MXGRAPH_ZLIB PROPERTY STRINGS auto system pypi)
if(NOT MXGRAPH_ZLIB MATCHES "^(auto|system|pypi)$")
  message(FATAL_ERROR "MXGRAPH_ZLIB must be auto, system or pypi, not '${MXGRAPH_ZLIB}'.")
endif()

if(NOT MXGRAPH_ZLIB STREQUAL "pypi")
  find_package(ZLIB QUIET)
endif()
set(MXGRAPH_ZLIB_USED "")
if(ZLIB_FOUND)
  set(MXGRAPH_ZLIB_USED "system (${ZLIB_LIBRARIES})")
elseif(NOT MXGRAPH_ZLIB STREQUAL "system")
  # The wheel's files, found through the building Python's package metadata. Not cached:
  # pip's isolated build environments are temporary folders.
  find_package(Python 3.9 COMPONENTS Interpreter QUIET)
  if(Python_EXECUTABLE)
    execute_process(COMMAND ${Python_EXECUTABLE} -c
      "from importlib.metadata import distribution as d; z = d('cmeel-zlib'); f = {p.name: p for p in z.files}; print(z.locate_file(f['zlib.h']).parent); print(z.locate_file(f['libz.so']))"
      OUTPUT_VARIABLE _mxg_zlib RESULT_VARIABLE _mxg_rc ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(_mxg_rc EQUAL 0)
      string(REPLACE "\n" ";" _mxg_zlib "${_mxg_zlib}")
      list(GET _mxg_zlib 0 _mxg_zlib_inc)
      list(GET _mxg_zlib 1 _mxg_zlib_lib)
      add_library(ZLIB::ZLIB UNKNOWN IMPORTED)
      set_target_properties(ZLIB::ZLIB PROPERTIES IMPORTED_LOCATION "${_mxg_zlib_lib}")
      # Only deflate.cpp includes zlib.h: the other sources keep their ccache entries.
      set_source_files_properties(${PROJECT_SOURCE_DIR}/lib/io/deflate.cpp PROPERTIES
        INCLUDE_DIRECTORIES "${_mxg_zlib_inc}")
      set(MXGRAPH_ZLIB_USED "PyPI's cmeel-zlib (${_mxg_zlib_lib})")
    endif()
  endif()
endif()
if(NOT MXGRAPH_ZLIB_USED)
  message(FATAL_ERROR "No zlib (MXGRAPH_ZLIB=${MXGRAPH_ZLIB}): apt-get install zlib1g-dev, "
                      "or pip install cmeel-zlib (MXGRAPH_ZLIB=pypi).")
endif()
message(STATUS "mxgraph: zlib from ${MXGRAPH_ZLIB_USED}")
