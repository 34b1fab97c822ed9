#!/usr/bin/env bash
# Sets up a Debian machine (bookworm or newer) to build, test and use mxgraph, then
# installs the package from this checkout with the Python packages that its examples and
# tests need, as pyproject.toml lists them: `pip install ".[examples,test]"`. Idempotent:
# what is already there is not installed again, and the build folder is reused.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
cd "$ROOT"

# Debian packages: Catch2 v2 (C++ tests), OpenBLAS (matmul in the CMake build of scripts/test.sh;
# `pip install .` uses scipy-openblas32 from PyPI), zlib (.npz), ccache (faster rebuilds),
# valgrind (the C ABI test runs under it); Open MPI (mx.distributed; loaded at run
# time, so optional for building).
APT_PACKAGES=(catch2 libopenblas-dev zlib1g-dev ccache graphviz valgrind openmpi-bin libopenmpi-dev)
missing=()
# A bare Debian may lack the C++ compiler, pip, or the Python headers.
command -v g++ >/dev/null 2>&1 || command -v c++ >/dev/null 2>&1 || missing+=(g++)
"$PYTHON" -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
"$PYTHON" -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")) else 1)' \
  || missing+=(python3-dev)
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

catch2_version="$(dpkg-query -W -f='${Version}' catch2 2>/dev/null || true)"
case "$catch2_version" in
  2.*) ;;
  *) echo "setup: warning: the C++ tests need Catch2 v2 (Debian 12's catch2); found '${catch2_version:-none}'." >&2 ;;
esac

# A Debian-managed Python refuses pip installs unless told otherwise (PEP 668).
PIP=("$PYTHON" -m pip)
if "$PYTHON" -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'; then
  export PIP_BREAK_SYSTEM_PACKAGES=1
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore

have_module() { "$PYTHON" -c "import $1" >/dev/null 2>&1; }

# What pip installs is listed in pyproject.toml (read with Python 3.11's tomllib).
pyproject() { "$PYTHON" "$ROOT/scripts/pyproject_requirements.py" "$@"; }

# pip puts console scripts (cmake, ninja) beside the interpreter or in ~/.local/bin.
PATH="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$HOME/.local/bin:$PATH"
export PATH

# The build requirements (to build here, without pip's isolation), and the build tools
# that scripts/test.sh uses directly. Nothing is installed when all are there.
need=()
missing_reqs="$(pyproject build-system.requires --missing)"
[ -z "$missing_reqs" ] || mapfile -t need <<<"$missing_reqs"
command -v cmake >/dev/null 2>&1 || need+=("cmake$(pyproject tool.scikit-build.cmake.version)")
command -v ninja >/dev/null 2>&1 || need+=("ninja")
if [ "${#need[@]}" -gt 0 ]; then
  echo "setup: pip installing ${need[*]}"
  "${PIP[@]}" install -q "${need[@]}"
fi

# ccache shares compiled objects between this build and scripts/test.sh's.
export CCACHE_BASEDIR="$ROOT"

# mxgraph with the extras that the examples and the tests import (pyproject.toml). The
# benchmark peers (".[bench]": torch, JAX, MLX) are large and optional: not installed here.
EXTRAS=".[examples,test]"
# With the build requirements present, build in this environment (faster, reuses
# build/<wheel tag>); otherwise let pip make an isolated one.
if have_module scikit_build_core && have_module pybind11 && command -v cmake >/dev/null 2>&1 \
   && command -v ninja >/dev/null 2>&1; then
  echo "setup: pip install $EXTRAS (no build isolation)"
  "${PIP[@]}" install -q --no-build-isolation "$EXTRAS"
else
  echo "setup: pip install $EXTRAS"
  "${PIP[@]}" install -q "$EXTRAS"
fi

# Check the installed package from outside the checkout.
(cd / && "$PYTHON" -c 'import mxgraph, mxgraph.core as mx; print("setup: mxgraph", mxgraph.__version__, "installed at", mxgraph.__path__[0]); mx.eval(mx.array([1.0]) + 1)')
