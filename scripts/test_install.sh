#!/usr/bin/env bash
# Installs a CMake build of mxgraph to a temporary prefix, then configures, builds and
# runs examples/cpp and examples/c against it with find_package(mxgraph); then does the
# same against the pip-installed package (python -m mxgraph --cmake-dir). The C example
# runs the model that examples/train_mlp.py trains and exports (with $PYTHON's mxgraph,
# which needs scikit-learn), and its printed accuracy must equal Python's. The pip package
# is built against as on a machine without zlib's headers (no zlib1g-dev).
# Exits non-zero on failure.
# Usage: scripts/test_install.sh [BUILD_DIR]   (default: build/cmake, as scripts/test.sh)
# MXGRAPH_SKIP_PIP_PACKAGE=1 skips the pip package part.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
BUILD="${1:-$ROOT/build/cmake}"
JOBS="${MXGRAPH_JOBS:-2}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# The examples build with the generator the main build used (Ninja from PyPI on a machine
# set up by scripts/setup.sh): CMake's default, Unix Makefiles, needs a `make` that a bare
# Debian does not have.
if [ -z "${CMAKE_GENERATOR:-}" ]; then
  CMAKE_GENERATOR="$(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$BUILD/CMakeCache.txt" \
                     2>/dev/null || true)"
  if [ -z "$CMAKE_GENERATOR" ] && command -v ninja >/dev/null 2>&1; then CMAKE_GENERATOR=Ninja; fi
  if [ -n "$CMAKE_GENERATOR" ]; then export CMAKE_GENERATOR; else unset CMAKE_GENERATOR; fi
fi

build_example() { # name, extra cmake arguments...
  local name="$1"; shift
  echo "== install: build examples/cpp and examples/c against $name"
  cmake -S "$ROOT/examples/cpp" -B "$scratch/$name" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "$scratch/$name" --parallel "$JOBS" >/dev/null
  "$scratch/$name/lazy_walkthrough"
  if [ -x "$scratch/$name/lazy_walkthrough_c" ]; then "$scratch/$name/lazy_walkthrough_c"; fi
  cmake -S "$ROOT/examples/c" -B "$scratch/$name-c" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "$scratch/$name-c" --parallel "$JOBS" >/dev/null
  run_c_inference "$scratch/$name-c/mlp_inference"
}

# Trains and exports the MLP once with Python; remembers the accuracy it printed.
python_accuracy=""
export_model() {
  echo "== install: examples/train_mlp.py --export-model (Python)"
  local out
  if ! out="$(cd "$scratch" && "$PYTHON" "$ROOT/examples/train_mlp.py" --epochs 3 --no-progress \
                --export-model "$scratch/model")"; then
    echo "test_install: train_mlp.py --export-model failed (it needs scikit-learn, tqdm and an" \
         "mxgraph with export_function: run scripts/setup.sh)." >&2
    exit 1
  fi
  echo "$out"
  python_accuracy="$(grep '^test accuracy:' <<<"$out" || true)"
}

run_c_inference() { # the built mlp_inference
  local out c_accuracy
  [ -n "$python_accuracy" ] || export_model
  out="$("$1" "$scratch/model")"
  echo "$out"
  c_accuracy="$(grep '^test accuracy:' <<<"$out" || true)"
  if [ -z "$c_accuracy" ] || [ "$c_accuracy" != "$python_accuracy" ]; then
    echo "test_install: the C example printed '$c_accuracy'; Python printed '$python_accuracy'." >&2
    exit 1
  fi
}

echo "== install: cmake --install $BUILD --prefix $scratch/prefix"
cmake --install "$BUILD" --prefix "$scratch/prefix" >/dev/null
test -f "$scratch/prefix/lib/cmake/mxgraph/mxgraphConfig.cmake"
test -f "$scratch/prefix/include/mxgraph_c.h"
"$scratch/prefix/bin/mxgraph" --version  # the native command-line program
build_example prefix -DCMAKE_PREFIX_PATH="$scratch/prefix"

if [ "${MXGRAPH_SKIP_PIP_PACKAGE:-0}" != 1 ]; then
  if ! cmake_dir="$(cd "$scratch" && env -u MXGRAPH_DEV_BUILD "$PYTHON" -m mxgraph --cmake-dir)"; then
    echo "test_install: the installed mxgraph has no CMake package; run scripts/setup.sh." >&2
    exit 1
  fi
  # As on a machine without zlib1g-dev (the wheel's zlib came from PyPI's cmeel-zlib):
  # CMake's FindZLIB finds nothing, and the package config must link zlib all the same.
  build_example pip -Dmxgraph_DIR="$cmake_dir" -DCMAKE_DISABLE_FIND_PACKAGE_ZLIB=TRUE
fi
echo "== install: ok"
