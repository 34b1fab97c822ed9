# Sanitizer and fuzzing options, included after the core target is defined.
#   MXGRAPH_SANITIZE=ON  everything built with AddressSanitizer + UndefinedBehaviorSanitizer
#   MXGRAPH_FUZZ=ON      (clang) the core also built with fuzzer-no-link, and the libFuzzer
#                        targets fuzz/fuzz_<format> built; one build serves both.
#   MXGRAPH_TSAN=ON      everything built with ThreadSanitizer; tests/cpp then adds the
#                        threaded tests' own executable (scripts/tsan.sh).
option(MXGRAPH_SANITIZE "Build with -fsanitize=address,undefined" OFF)
option(MXGRAPH_FUZZ "Build the libFuzzer targets (clang only)" OFF)
option(MXGRAPH_TSAN "Build with -fsanitize=thread" OFF)

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

if(MXGRAPH_TSAN)
  if(MXGRAPH_SANITIZE OR MXGRAPH_FUZZ)
    message(FATAL_ERROR "MXGRAPH_TSAN cannot be combined with MXGRAPH_SANITIZE or MXGRAPH_FUZZ.")
  endif()
  set(_mxg_tsan -fsanitize=thread -fno-omit-frame-pointer)
  add_compile_options(${_mxg_tsan} -g1)
  add_link_options(${_mxg_tsan})
  # -O1 and line tables, as for the ASan build: quick to compile, reports name lines.
  target_compile_options(mxgraph PRIVATE -O1 ${_mxg_tsan} -g1)
endif()

if(MXGRAPH_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "MXGRAPH_FUZZ needs clang (CXX=clang++).")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
  target_compile_options(mxgraph PRIVATE -fsanitize=fuzzer-no-link)
endif()
