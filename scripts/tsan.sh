#!/usr/bin/env bash
# Builds the core and the threaded C++ tests (tests/cpp: mxgraph_tsan_tests) with clang
# and ThreadSanitizer (its own build, build/tsan) and runs them with options that fail
# on any report. C++ only: no Python, C ABI or CLI. Installs clang from Debian if missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${MXGRAPH_TSAN_BUILD:-$ROOT/build/tsan}"
JOBS="${MXGRAPH_JOBS:-$(nproc 2>/dev/null || echo 2)}"
export CCACHE_BASEDIR="$ROOT"
# shellcheck source=clang_env.sh
source "$ROOT/scripts/clang_env.sh" tsan

generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [ -f "$BUILD/CMakeCache.txt" ]; then generator=(); fi
echo "== tsan: configure and build ($BUILD, $CLANGXX)"
# Build type "Sanitize" has no flags of its own: cmake/sanitizers.cmake picks them.
cmake -S "$ROOT" -B "$BUILD" "${generator[@]}" -DCMAKE_BUILD_TYPE=Sanitize \
      -DCMAKE_C_COMPILER="$CLANG" -DCMAKE_CXX_COMPILER="$CLANGXX" \
      -DMXGRAPH_TSAN=ON -DMXGRAPH_BUILD_TESTS=ON -DMXGRAPH_BUILD_PYTHON=OFF \
      -DMXGRAPH_BUILD_CAPI=OFF -DMXGRAPH_BUILD_CLI=OFF >/dev/null
cmake --build "$BUILD" --parallel "$JOBS" --target mxgraph_tsan_tests

# Any report fails the run (exit code 66). scripts/tsan.supp lists third-party noise only.
TSAN_OPTIONS="halt_on_error=1:abort_on_error=1:exitcode=66:second_deadlock_stack=1:suppressions=$ROOT/scripts/tsan.supp"
# Reports with function names and lines when a symbolizer is installed (Debian: llvm-16).
for sym in llvm-symbolizer-16 /usr/lib/llvm-16/bin/llvm-symbolizer llvm-symbolizer; do
  if command -v "$sym" >/dev/null 2>&1; then TSAN_OPTIONS="$TSAN_OPTIONS:external_symbolizer_path=$(command -v "$sym")"; break; fi
done
export TSAN_OPTIONS
export MXGRAPH_NUM_THREADS="${MXGRAPH_NUM_THREADS:-4}" # exercise the core's thread pool
# OpenBLAS is not instrumented: its own worker threads' hand-offs are invisible to TSan
# and would read as races on matmul outputs. One OpenBLAS thread keeps matmul on ours.
export OPENBLAS_NUM_THREADS=1
echo "== tsan: ctest"
ctest --test-dir "$BUILD" --output-on-failure --no-tests=error -R "^tsan_"
echo "== tsan: no reports"
