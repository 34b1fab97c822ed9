# Install rules and the CMake package, so that find_package(mxgraph) works against
# `cmake --install build --prefix P` and against the pip package (under mxgraph/).
include(CMakePackageConfigHelpers)

set(_targets mxgraph)
if(TARGET mxgraph_c)
  list(APPEND _targets mxgraph_c)
  if(NOT SKBUILD) # the wheel carries the shared C library only (size)
    list(APPEND _targets mxgraph_c_static)
  endif()
endif()

install(TARGETS ${_targets} EXPORT mxgraphTargets
        ARCHIVE DESTINATION ${MXGRAPH_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${MXGRAPH_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${MXGRAPH_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${MXGRAPH_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/mxgraph DESTINATION ${MXGRAPH_INSTALL_INCLUDEDIR})
if(TARGET mxgraph_c)
  install(FILES ${PROJECT_SOURCE_DIR}/capi/mxgraph_c.h DESTINATION ${MXGRAPH_INSTALL_INCLUDEDIR})
endif()
install(EXPORT mxgraphTargets NAMESPACE mxgraph:: DESTINATION ${MXGRAPH_INSTALL_CMAKEDIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/mxgraphConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/mxgraphConfig.cmake INSTALL_DESTINATION ${MXGRAPH_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/mxgraphConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/mxgraphConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/mxgraphConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/openblas_target.cmake
        DESTINATION ${MXGRAPH_INSTALL_CMAKEDIR})
