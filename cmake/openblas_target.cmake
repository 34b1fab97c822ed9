# mxgraph::OpenBLAS: Debian's OpenBLAS as an imported target, so that the exported
# core target names a target (defined again by mxgraphConfig.cmake) rather than a path.
if(NOT TARGET mxgraph::OpenBLAS)
  find_library(MXGRAPH_OPENBLAS_LIBRARY NAMES openblas REQUIRED)
  add_library(mxgraph::OpenBLAS UNKNOWN IMPORTED)
  set_target_properties(mxgraph::OpenBLAS PROPERTIES IMPORTED_LOCATION "${MXGRAPH_OPENBLAS_LIBRARY}")
endif()
