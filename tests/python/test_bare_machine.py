"""The README's two commands (scripts/setup.sh, then scripts/test.sh) pass on a bare
Debian 12 because the project states and installs what it needs: every package that the
tests, the examples and the benchmarks import is in an extra of pyproject.toml, setup.sh
installs the examples and test extras, only the benchmark peers may be missing (a test
then skips, naming the package), and the install test builds without `make`.
The whole check on a bare system: ../shared/tools/fresh-machine-check (docs/fresh-machine.md)."""

import ast
import importlib.util
import os
import re
import subprocess
import sys
import sysconfig

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCANNED = ("tests", "examples", "benchmarks")
# Import names that differ from the names on PyPI.
PYPI_NAME = {"sklearn": "scikit-learn", "scipy_openblas32": "scipy-openblas32",
             "pybind11_stubgen": "pybind11-stubgen", "myst_parser": "myst-parser"}


def pyproject():
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        return tomllib.load(f)


def names(requirements):
    return {re.match(r"[A-Za-z0-9_.-]+", r).group(0).lower().replace("_", "-")
            for r in requirements}


def extra(name):
    return names(pyproject()["project"]["optional-dependencies"][name])


def core():
    return names(pyproject()["project"]["dependencies"])


def is_stdlib(mod):
    if hasattr(sys, "stdlib_module_names"):
        return mod in sys.stdlib_module_names
    spec = importlib.util.find_spec(mod)  # Python 3.9: where the module lies
    if spec is None or spec.origin in (None, "built-in", "frozen"):
        return spec is not None
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    return os.path.realpath(spec.origin).startswith(stdlib) and "-packages" not in spec.origin


def _imported(node):
    """(module, how) pairs for one AST node: plain imports and pytest.importorskip("...")."""
    if isinstance(node, ast.Import):
        return [(a.name, "import") for a in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0:
        return [(node.module, "import")]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "importorskip" and node.args
            and isinstance(node.args[0], ast.Constant)):
        return [(node.args[0].value, "importorskip")]
    return []


def third_party(folder):
    """{PyPI name: {(file, how)}} for every import of a package from PyPI under folder,
    inside functions too; the project's own modules and the standard library left out."""
    files = [os.path.join(d, f) for base in SCANNED + ("scripts",)
             for d, _, fs in os.walk(os.path.join(ROOT, base)) for f in fs if f.endswith(".py")]
    local = {os.path.basename(p)[:-3] for p in files} | {"mxgraph"}
    found = {}
    for path in files:
        if os.path.relpath(path, ROOT).split(os.sep)[0] != folder:
            continue
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
        for node in ast.walk(tree):
            for mod, how in _imported(node):
                top = mod.split(".")[0]
                if top not in local and not is_stdlib(top):
                    pypi = PYPI_NAME.get(top, top).lower()
                    found.setdefault(pypi, set()).add((os.path.relpath(path, ROOT), how))
    return found


def test_what_the_tests_import_or_run_is_declared():
    # The tests run the examples and the benchmark suite's NumPy column: their imports
    # count too. Only the bench extra's peers may be absent.
    allowed = extra("test") | core() | extra("bench")
    for folder in SCANNED:
        undeclared = {m: sorted(w) for m, w in third_party(folder).items() if m not in allowed}
        assert not undeclared, f"{folder}: not in pyproject.toml's extras: {undeclared}"


def test_examples_and_benchmarks_extras_hold_their_imports():
    for folder, declared in (("examples", extra("examples")), ("benchmarks", extra("bench"))):
        undeclared = set(third_party(folder)) - declared - core()
        assert not undeclared, f"{folder} imports {sorted(undeclared)}, not in its extra"


def test_tests_skip_only_for_optional_peers():
    """A package that setup.sh installs is imported plainly, so that its absence fails
    loudly; a benchmark peer only through pytest.importorskip, which names it in the skip."""
    peers = extra("bench") - extra("test") - core()
    for mod, where in third_party("tests").items():
        for path, how in sorted(where):
            want = "importorskip" if mod in peers else "import"
            assert how == want, f"{path}: {how} {mod}; want {want}"


def test_setup_installs_the_extras_from_pyproject():
    with open(os.path.join(ROOT, "scripts", "setup.sh")) as f:
        code = [line for line in f if not line.lstrip().startswith("#")]
    assert 'EXTRAS=".[examples,test]"\n' in code
    listed = [n for n in extra("test") | extra("examples") | extra("bench")
              if any(re.search(rf"\b{re.escape(n)}\b", line) for line in code)]
    assert not listed, f"setup.sh names packages of its own: {listed}"


def test_pyproject_requirements_reports_what_is_missing():
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    try:
        import pyproject_requirements as pr
    finally:
        sys.path.pop(0)
    assert pr.lookup("build-system.requires") == pyproject()["build-system"]["requires"]
    assert pr.lookup("tool.scikit-build.cmake.version") == [">=3.20"]
    assert pr.satisfied("numpy") and pr.satisfied("pytest>=1")
    assert not pr.satisfied("numpy>=999") and not pr.satisfied("no-such-package-mxgraph")
    assert pr.satisfied("no-such-package-mxgraph; python_version < '3'")  # marker false


def cmake_build_dir():
    """This run's CMake build folder: MXGRAPH_DEV_BUILD, or scripts/test.sh's build/cmake."""
    for d in (os.environ.get("MXGRAPH_DEV_BUILD"), os.path.join(ROOT, "build", "cmake")):
        if d and os.path.isfile(os.path.join(d, "CMakeCache.txt")):
            return os.path.abspath(d)
    return None


@pytest.mark.skipif(cmake_build_dir() is None, reason="no CMake build folder "
                    "(MXGRAPH_DEV_BUILD, or build/cmake that scripts/test.sh makes)")
def test_install_script_builds_the_examples_without_make(tmp_path):
    # A `make` that fails, first on PATH: CMake finds it, so a build that needs it fails.
    shims = tmp_path / "bin"
    shims.mkdir()
    for name in ("make", "gmake"):
        (shims / name).write_text("#!/bin/sh\necho 'make: not on a bare Debian' >&2\nexit 127\n")
        (shims / name).chmod(0o755)
    env = dict(os.environ, PATH=f"{shims}{os.pathsep}{os.environ['PATH']}", PYTHON=sys.executable,
               MXGRAPH_SKIP_PIP_PACKAGE="1", PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    env.pop("CMAKE_GENERATOR", None)
    if env.get("MXGRAPH_DEV_BUILD"):
        env["MXGRAPH_DEV_BUILD"] = os.path.abspath(env["MXGRAPH_DEV_BUILD"])
    script = os.path.join(ROOT, "scripts", "test_install.sh")
    r = subprocess.run(["bash", script, cmake_build_dir()], env=env, capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    assert "== install: ok" in r.stdout
