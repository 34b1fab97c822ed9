"""zlib comes from the system's headers when CMake finds them, otherwise from PyPI's
cmeel-zlib (cmake/zlib.cmake, a build requirement in pyproject.toml). Here CMake is
configured as on a machine without zlib1g-dev (CMAKE_DISABLE_FIND_PACKAGE_ZLIB) and
lib/io/deflate.cpp is compiled: it must include the wheel's zlib.h. The whole path (link,
auditwheel, the .npz tests in a fresh venv) is scripts/test_wheel.sh's, which builds the
wheel with MXGRAPH_ZLIB=pypi."""

import os
import shutil
import subprocess
import sys
from importlib.metadata import distribution

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def cmake_build_dir():
    """This run's CMake build folder: MXGRAPH_DEV_BUILD, or scripts/test.sh's build/cmake
    (absent where only the wheel is tested, with no compiler needed)."""
    for d in (os.environ.get("MXGRAPH_DEV_BUILD"), os.path.join(ROOT, "build", "cmake")):
        if d and os.path.isfile(os.path.join(d, "CMakeCache.txt")):
            return d
    return None


def configure(tmp_path, *defines):
    cmd = ["cmake", "-S", ROOT, "-B", str(tmp_path), "-G", "Ninja",
           f"-DPython_EXECUTABLE={sys.executable}", "-DMXGRAPH_BUILD_TESTS=OFF",
           "-DMXGRAPH_BUILD_PYTHON=OFF", "-DMXGRAPH_BUILD_CAPI=OFF", "-DMXGRAPH_BUILD_CLI=OFF",
           *defines]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


pytestmark = pytest.mark.skipif(cmake_build_dir() is None, reason="no CMake build folder "
                                "(MXGRAPH_DEV_BUILD, or build/cmake that scripts/test.sh makes)")


def test_without_system_zlib_the_build_uses_pypis(tmp_path):
    assert shutil.which("cmake") and shutil.which("ninja"), "cmake and ninja come with setup.sh"
    z = distribution("cmeel-zlib")  # a build requirement: setup.sh installs it
    header = next(str(z.locate_file(f)) for f in z.files if f.name == "zlib.h")
    r = configure(tmp_path, "-DCMAKE_DISABLE_FIND_PACKAGE_ZLIB=ON")
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    assert "mxgraph: zlib from PyPI's cmeel-zlib" in r.stdout, r.stdout[-3000:]
    obj = "CMakeFiles/mxgraph.dir/lib/io/deflate.cpp.o"
    b = subprocess.run(["ninja", "-C", str(tmp_path), obj], capture_output=True, text=True,
                       timeout=600)
    assert b.returncode == 0, (b.stdout + b.stderr)[-3000:]
    deps = subprocess.run(["ninja", "-C", str(tmp_path), "-t", "deps", obj],
                          capture_output=True, text=True).stdout
    used = [line.strip() for line in deps.splitlines() if line.strip().endswith("/zlib.h")]
    assert [os.path.realpath(p) for p in used] == [os.path.realpath(header)], deps[-2000:]


def test_system_only_fails_clearly_without_system_zlib(tmp_path):
    r = configure(tmp_path, "-DCMAKE_DISABLE_FIND_PACKAGE_ZLIB=ON", "-DMXGRAPH_ZLIB=system")
    assert r.returncode != 0
    assert "No zlib (MXGRAPH_ZLIB=system): apt-get install zlib1g-dev" in r.stderr.replace("\n  ", " ")
