#!/usr/bin/env bash
# Sets up a Debian machine (bookworm or newer) to build, test and use mxgraph, then
# installs the package from this checkout with `pip install .`. Idempotent: what is
# already there is not installed again, and the build folder is reused.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
cd "$ROOT"

# Debian packages: Catch2 v2 (C++ tests), OpenBLAS (matmul), zlib (.npz), ccache (faster rebuilds),
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

# Runtime, test and example requirements, and the build tools that scripts/test.sh uses directly.
need=()
for m in numpy pytest tqdm; do have_module "$m" || need+=("$m"); done
# tests/python/test_io_gguf.py checks .gguf files against llama.cpp's own writer and reader.
have_module gguf || need+=("gguf")
# The examples (examples/train_mlp.py) use scikit-learn's bundled digits.
have_module sklearn || need+=("scikit-learn")
have_module pybind11 || need+=("pybind11>=2.12")
have_module scikit_build_core || need+=("scikit-build-core>=0.10")
command -v cmake >/dev/null 2>&1 || need+=("cmake>=3.20")
command -v ninja >/dev/null 2>&1 || need+=("ninja")
if [ "${#need[@]}" -gt 0 ]; then
  echo "setup: pip installing ${need[*]}"
  "${PIP[@]}" install -q "${need[@]}"
fi
# pip puts console scripts (cmake, ninja) beside the interpreter or in ~/.local/bin.
PATH="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$HOME/.local/bin:$PATH"
export PATH

# ccache shares compiled objects between this build and scripts/test.sh's.
export CCACHE_BASEDIR="$ROOT"

# With the build requirements present, build in this environment (faster, reuses
# build/<wheel tag>); otherwise let pip make an isolated one.
if have_module scikit_build_core && have_module pybind11 && command -v cmake >/dev/null 2>&1 \
   && command -v ninja >/dev/null 2>&1; then
  echo "setup: pip install . (no build isolation)"
  "${PIP[@]}" install -q --no-build-isolation .
else
  echo "setup: pip install ."
  "${PIP[@]}" install -q .
fi

# Check the installed package from outside the checkout.
(cd / && "$PYTHON" -c 'import mxgraph, mxgraph.core as mx; print("setup: mxgraph", mxgraph.__version__, "installed at", mxgraph.__path__[0]); mx.eval(mx.array([1.0]) + 1)')
