# Sanitizer and fuzzing options, included after the core target is defined.
#   MXGRAPH_SANITIZE=ON  everything built with AddressSanitizer + UndefinedBehaviorSanitizer
#   MXGRAPH_FUZZ=ON      (clang) the core also built with fuzzer-no-link, and the libFuzzer
#                        targets fuzz/fuzz_<format> built; one build serves both.
option(MXGRAPH_SANITIZE "Build with -fsanitize=address,undefined" OFF)
option(MXGRAPH_FUZZ "Build the libFuzzer targets (clang only)" OFF)

if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  # The core captures structured bindings in lambdas (C++20, accepted by GCC and clang >= 16).
  add_compile_options(-Wno-c++20-extensions)
  target_compile_options(mxgraph PRIVATE -Wno-c++20-extensions)
endif()

if(MXGRAPH_SANITIZE)
  set(_mxg_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_compile_options(${_mxg_san} -g1)
  add_link_options(${_mxg_san})
  # C programs (the C ABI tests) link a sanitized C++ library: the clang C driver must
  # add UBSan's C++ runtime part too (vptr and function-type checks), which needs libstdc++.
  add_link_options("$<$<LINK_LANGUAGE:C>:-fsanitize-link-c++-runtime;-lstdc++>")
  # The core asks for -O3; -O1 and line tables only (-g1) keep the sanitized build quick
  # to compile while reports still name files and lines.
  target_compile_options(mxgraph PRIVATE -O1 ${_mxg_san} -g1)
endif()

if(MXGRAPH_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "MXGRAPH_FUZZ needs clang (CXX=clang++).")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
  target_compile_options(mxgraph PRIVATE -fsanitize=fuzzer-no-link)
endif()
