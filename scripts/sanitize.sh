#!/usr/bin/env bash
# Builds the core, the C++ tests and the fuzz targets with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (one build, build/asan, also used by scripts/fuzz.sh) and
# runs CTest with options that fail on any finding. Installs clang from Debian if missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${MXGRAPH_ASAN_BUILD:-$ROOT/build/asan}"
JOBS="${MXGRAPH_JOBS:-$(nproc 2>/dev/null || echo 2)}"
export CCACHE_BASEDIR="$ROOT"
# shellcheck source=clang_env.sh
source "$ROOT/scripts/clang_env.sh" sanitize

generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [ -f "$BUILD/CMakeCache.txt" ]; then generator=(); fi
echo "== sanitize: configure and build ($BUILD, $CLANGXX)"
# Build type "Sanitize" has no flags of its own: cmake/sanitizers.cmake picks them.
cmake -S "$ROOT" -B "$BUILD" "${generator[@]}" -DCMAKE_BUILD_TYPE=Sanitize \
      -DCMAKE_C_COMPILER="$CLANG" -DCMAKE_CXX_COMPILER="$CLANGXX" \
      -DMXGRAPH_SANITIZE=ON -DMXGRAPH_FUZZ=ON -DMXGRAPH_BUILD_TESTS=ON -DMXGRAPH_BUILD_PYTHON=OFF >/dev/null
cmake --build "$BUILD" --parallel "$JOBS"

# Any finding aborts the test that hit it. Leak checking needs ptrace-free
# surroundings; MXGRAPH_DETECT_LEAKS=0 turns it off where LeakSanitizer cannot run.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=${MXGRAPH_DETECT_LEAKS:-1}:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# Reports with function names and lines: the symbolizer of the clang that built it.
for sym in llvm-symbolizer-16 /usr/lib/llvm-16/bin/llvm-symbolizer llvm-symbolizer; do
  if command -v "$sym" >/dev/null 2>&1; then export ASAN_SYMBOLIZER_PATH="$(command -v "$sym")"; break; fi
done
export MXGRAPH_NUM_THREADS="${MXGRAPH_NUM_THREADS:-4}"  # exercise the thread pool
# test_deep.cpp's chains, shortened: ASan makes each node several times dearer, and the
# unsanitized run already covers the full million.
export MXGRAPH_DEEP_N="${MXGRAPH_DEEP_N:-200000}"
# The other tests with hard-coded million-op chains (autodiff, compile, checkpoint,
# export, graph tools, vmap) take minutes each under ASan; test_deep.cpp and
# test_capi_deep.c at MXGRAPH_DEEP_N cover the same paths (and a recursion would still
# overflow: ASan frames are larger). MXGRAPH_SANITIZE_EXCLUDE="" runs them all.
EXCLUDE="${MXGRAPH_SANITIZE_EXCLUDE-1,000,000-(op|deep|step|node) |million-node}"
exclude=()
if [ -n "$EXCLUDE" ]; then exclude=(-E "$EXCLUDE"); fi
echo "== sanitize: ctest"
ctest --test-dir "$BUILD" --output-on-failure --no-tests=error -j "$JOBS" "${exclude[@]}"
echo "== sanitize: no findings"
