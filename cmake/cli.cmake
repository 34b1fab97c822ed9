# The native `mxgraph` command-line program: target mxgraph_cli, file bin/mxgraph
# (the library target already has the name mxgraph).
add_executable(mxgraph_cli ${PROJECT_SOURCE_DIR}/tools/mxgraph_main.cpp)
target_link_libraries(mxgraph_cli PRIVATE mxgraph)
target_compile_options(mxgraph_cli PRIVATE -Wall)
set_target_properties(mxgraph_cli PROPERTIES OUTPUT_NAME mxgraph
                      RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
install(TARGETS mxgraph_cli RUNTIME DESTINATION ${MXGRAPH_INSTALL_BINDIR})
