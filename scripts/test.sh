#!/usr/bin/env bash
# Runs every test: builds the C++ tests into build/cmake and runs them with CTest, then
# runs pytest on tests/python against the INSTALLED mxgraph (run scripts/setup.sh
# first). Exits non-zero on any failure, and when a suite ran no test at all.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -k engine`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
BUILD="$ROOT/build/cmake"
JOBS="${MXGRAPH_JOBS:-$(nproc 2>/dev/null || echo 2)}"
PATH="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$HOME/.local/bin:$PATH"
export PATH
export CCACHE_BASEDIR="$ROOT"
# Compile with the compilers pip's build used (Python's CC and CXX), so that ccache
# serves this build the core objects that `pip install .` compiled.
for var in CC CXX; do
  if [ -z "${!var:-}" ]; then
    tool="$("$PYTHON" -c "import sysconfig; print((sysconfig.get_config_var('$var') or '').split(' ')[0])")"
    if [ -n "$tool" ] && command -v "$tool" >/dev/null 2>&1; then export "$var=$tool"; fi
  fi
done

status=0

# --- C++ tests (Catch2, via CTest). The Python extension is not needed here.
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [ -f "$BUILD/CMakeCache.txt" ]; then generator=(); fi  # keep the generator it was made with
echo "== C++: configure and build ($BUILD)"
cmake -S "$ROOT" -B "$BUILD" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
      -DMXGRAPH_BUILD_TESTS=ON -DMXGRAPH_BUILD_PYTHON=OFF >/dev/null
cmake --build "$BUILD" --parallel "$JOBS"
echo "== C++: ctest"
if ! ctest --test-dir "$BUILD" --output-on-failure --no-tests=error -j "$JOBS"; then
  status=1
fi
# --- Installing: find_package(mxgraph) against an installed build and the pip package.
if ! bash "$ROOT/scripts/test_install.sh" "$BUILD"; then
  status=1
fi

# --- Python tests against the installed package. pytest runs from a scratch folder so
# that nothing from the checkout shadows the installed mxgraph.
echo "== Python: pytest tests/python"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
unset MXGRAPH_DEV_BUILD
(cd "$scratch" && "$PYTHON" -c 'import mxgraph._core, mxgraph; print("testing mxgraph", mxgraph.__version__, "from", mxgraph.__path__[0])')
set +e
(cd "$scratch" && "$PYTHON" -m pytest -q -p no:cacheprovider --rootdir "$ROOT" "$ROOT/tests/python" "$@")
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: failing." >&2
  status=1
elif [ "$rc" -ne 0 ]; then
  status=1
fi

# --- Multi-process tests of mx.distributed, where Open MPI's mpirun exists.
if command -v mpirun >/dev/null 2>&1; then
  echo "== distributed: scripts/test_distributed.sh"
  if ! bash "$ROOT/scripts/test_distributed.sh"; then
    status=1
  fi
fi

if [ "$status" -ne 0 ]; then
  echo "== FAILED" >&2
else
  echo "== all tests passed"
fi
exit "$status"
