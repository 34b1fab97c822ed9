# The C ABI: libmxgraph_c.so (only mxg_* symbols exported) and libmxgraph_c.a.
file(GLOB MXGRAPH_CAPI_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/capi/*.cpp)

function(mxgraph_capi_target name kind)
  add_library(${name} ${kind} ${MXGRAPH_CAPI_SOURCES})
  target_include_directories(${name}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/capi> $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>)
  target_compile_definitions(${name} PRIVATE MXGRAPH_C_BUILDING)
  target_compile_options(${name} PRIVATE -Wall)
  set_target_properties(${name} PROPERTIES OUTPUT_NAME mxgraph_c C_VISIBILITY_PRESET hidden
                        CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
endfunction()

mxgraph_capi_target(mxgraph_c SHARED)
# The core is linked in whole and its symbols kept private to the .so.
target_link_libraries(mxgraph_c PRIVATE mxgraph)
target_link_options(mxgraph_c PRIVATE -Wl,--exclude-libs,ALL)
if(NOT SKBUILD) # a wheel cannot hold symlinks: one plain libmxgraph_c.so there
  set_target_properties(mxgraph_c PROPERTIES SOVERSION 1) # the C ABI version
endif()
add_library(mxgraph::mxgraph_c ALIAS mxgraph_c)

mxgraph_capi_target(mxgraph_c_static STATIC)
target_link_libraries(mxgraph_c_static PUBLIC mxgraph)
add_library(mxgraph::mxgraph_c_static ALIAS mxgraph_c_static)
