"""Which OpenBLAS matmul runs on. A pip-installed mxgraph (pip install ., or the wheel of
scripts/test_wheel.sh) must load libscipy_openblas.so from the scipy-openblas32 package
beside it in site-packages (through its RPATH); a CMake build (MXGRAPH_DEV_BUILD) the
library that its configure step chose (MXGRAPH_BLAS, cmake/blas.cmake)."""

import os
import subprocess
import sys

import mxgraph


# A fresh process: importing scipy_openblas32 (here, or in another test) loads its library.
MAPPED_AFTER_MATMUL = """
import os, sys, numpy as np, mxgraph.core as mx
a = np.arange(12, dtype=np.float32).reshape(3, 4)
np.testing.assert_allclose(np.array(mx.array(a) @ mx.array(a.T)), a @ a.T)
assert "scipy_openblas32" not in sys.modules
with open("/proc/self/maps") as f:
    paths = {os.path.realpath(line.split()[-1]) for line in f if len(line.split()) >= 6}
print("\\n".join(sorted(p for p in paths if "blas" in os.path.basename(p))))
"""


def blas_libraries_after_matmul():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    r = subprocess.run([sys.executable, "-c", MAPPED_AFTER_MATMUL], env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout.split()


def expected_library():
    dev = os.environ.get("MXGRAPH_DEV_BUILD")
    if dev:
        with open(os.path.join(dev, "CMakeCache.txt")) as f:
            for line in f:
                if line.startswith("MXGRAPH_BLAS_LIBRARY:INTERNAL="):
                    return line.split("=", 1)[1].strip()
        raise AssertionError(f"{dev}/CMakeCache.txt names no MXGRAPH_BLAS_LIBRARY")
    import scipy_openblas32

    return os.path.join(scipy_openblas32.get_lib_dir(), scipy_openblas32.get_library(fullname=True))


def test_matmul_runs_on_the_blas_the_package_was_built_with():
    loaded = blas_libraries_after_matmul()
    expected = os.path.realpath(expected_library())
    assert expected in loaded, (expected, loaded, mxgraph.__file__)
