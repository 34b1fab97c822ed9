# mxgraph::OpenBLAS: the OpenBLAS the core was built with, as an imported target, so that
# the exported core target names a target (defined again by mxgraphConfig.cmake) rather
# than a path. MXGRAPH_OPENBLAS_NAME: openblas (Debian) or scipy_openblas (PyPI);
# MXGRAPH_OPENBLAS_HINTS: the folders to look in first.
if(NOT TARGET mxgraph::OpenBLAS)
  if(NOT MXGRAPH_OPENBLAS_NAME)
    set(MXGRAPH_OPENBLAS_NAME openblas)
  endif()
  if(NOT MXGRAPH_OPENBLAS_LIBRARY)
    find_library(MXGRAPH_OPENBLAS_LIBRARY NAMES ${MXGRAPH_OPENBLAS_NAME} HINTS ${MXGRAPH_OPENBLAS_HINTS} REQUIRED)
  endif()
  add_library(mxgraph::OpenBLAS UNKNOWN IMPORTED)
  set_target_properties(mxgraph::OpenBLAS PROPERTIES IMPORTED_LOCATION "${MXGRAPH_OPENBLAS_LIBRARY}")
endif()
