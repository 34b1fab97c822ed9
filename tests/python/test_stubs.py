"""The extension's type stubs (mxgraph/_core/*.pyi, scripts/stubs.py) are current, cover
every public name, and let mypy check the examples and a typed program with no error."""

import ast
import os
import subprocess
import sys

import mypy  # noqa: F401  (a [test] requirement: its absence must fail, not skip)
import pybind11_stubgen  # noqa: F401

import pytest

import mxgraph
import mxgraph.core as mx

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCRIPTS = os.path.join(ROOT, "scripts")
SAMPLE = os.path.join(ROOT, "tests", "typing", "sample.py")
sys.path.insert(0, SCRIPTS)
try:
    import api_reference
finally:
    sys.path.pop(0)


def child_env():
    """The environment that imports the same mxgraph as this test run; MYPYPATH names the
    package's folder unless it is installed (mypy finds site-packages by itself)."""
    env = dict(os.environ)
    parent = os.path.dirname(os.path.abspath(mxgraph.__path__[0]))
    env["PYTHONPATH"] = os.pathsep.join([parent] + [p for p in [env.get("PYTHONPATH")] if p])
    if env.get("MXGRAPH_DEV_BUILD"):
        env["MXGRAPH_DEV_BUILD"] = os.path.abspath(env["MXGRAPH_DEV_BUILD"])
    if os.path.basename(parent) not in ("site-packages", "dist-packages"):
        env["MYPYPATH"] = parent
    return env


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("mypy_cache"))


def run_mypy(cache, *args, extra_path=None):
    env = child_env()
    if extra_path:
        env["MYPYPATH"] = os.pathsep.join(p for p in [env.get("MYPYPATH"), extra_path] if p)
    cmd = [sys.executable, "-m", "mypy", "--config-file", os.path.join(ROOT, "pyproject.toml"),
           "--follow-imports=silent", "--cache-dir", cache, "--no-color-output", *args]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    return r.returncode, r.stdout + r.stderr


def test_committed_stubs_match_a_fresh_generation():
    r = subprocess.run([sys.executable, os.path.join(SCRIPTS, "stubs.py"), "--check"],
                       capture_output=True, text=True, env=child_env(), timeout=300)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    assert "is up to date" in r.stdout


def test_stubs_and_py_typed_sit_beside_the_extension():
    pkg = os.path.dirname(os.path.abspath(mxgraph.__file__))
    assert os.path.isfile(os.path.join(pkg, "py.typed"))
    stubs = sorted(os.listdir(os.path.join(pkg, "_core")))
    assert "__init__.pyi" in stubs
    for sub in api_reference.core_submodules():
        if getattr(mx, sub).__name__.startswith("mxgraph._core."):
            assert f"{sub}.pyi" in stubs, sub


def _every_public_name():
    """A program that touches every public name and every public member of mxgraph's
    classes, through the modules users import."""
    lines = ["import mxgraph.core as mx", "import mxgraph.nn as nn",
             "import mxgraph.optimizers as optim", "import mxgraph.utils as utils"]
    alias = {"mxgraph.core": "mx", "mxgraph.nn": "nn", "mxgraph.optimizers": "optim",
             "mxgraph.utils": "utils"}
    count = 0
    for _, _, module, entries in api_reference.groups():
        path = alias.get(module) or alias[module.rsplit(".", 1)[0]] + "." + module.rsplit(".", 1)[1]
        obj_module = eval(path, {"mx": mx, "nn": __import__("mxgraph.nn").nn,
                                 "optim": __import__("mxgraph.optimizers").optimizers,
                                 "utils": __import__("mxgraph.utils").utils})
        for name, kind in entries:
            lines.append(f"{path}.{name}")
            count += 1
            cls = getattr(obj_module, name)
            if kind == "class" and cls.__module__.startswith("mxgraph._core"):
                members = [m for m in vars(cls) if not m.startswith("_")]
                lines += [f"{path}.{name}.{m}" for m in members]
                count += len(members)
    return "\n".join(lines) + "\n", count


def _stub_names(path):
    """{name: set of member names} for what a stub file defines at its top level."""
    with open(path) as f:
        tree = ast.parse(f.read())
    out = {}

    def defined(body):
        names = {}
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names[node.name] = defined(node.body) if isinstance(node, ast.ClassDef) else set()
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names[node.target.id] = set()
            elif isinstance(node, ast.Assign):
                names.update({t.id: set() for t in node.targets if isinstance(t, ast.Name)})
            elif isinstance(node, ast.ImportFrom):
                names.update({a.asname or a.name: set() for a in node.names})
        return names

    out.update(defined(tree.body))
    return out


def test_every_name_from_the_extension_has_a_stub():
    """Each public name that mxgraph.core (or a namespace of it) takes from the extension,
    and each public member of the extension's classes, is declared in the stubs."""
    folder = os.path.join(os.path.dirname(os.path.abspath(mxgraph.__file__)), "_core")
    missing = []
    for _, _, module, entries in api_reference.groups():
        mod = sys.modules[module]
        native = mx._core if module == "mxgraph.core" else mod
        if not native.__name__.startswith("mxgraph._core"):
            continue  # a Python module: mypy reads the source
        stub = os.path.join(folder, "__init__.pyi" if native.__name__ == "mxgraph._core"
                            else native.__name__.rsplit(".", 1)[1] + ".pyi")
        declared = _stub_names(stub)
        for name, kind in entries:
            obj = getattr(mod, name)
            if not hasattr(native, name) or getattr(native, name) is not obj:
                continue  # defined in Python: mypy reads the source
            if name not in declared:
                missing.append(f"{module}.{name}")
            elif kind == "class":
                missing += [f"{module}.{name}.{m}" for m in vars(obj)
                            if not m.startswith("_") and m not in declared[name]]
    assert not missing, f"no stub for {missing}: run scripts/stubs.py"


def test_every_public_name_has_a_type(tmp_path, mypy_cache):
    program, count = _every_public_name()
    assert count > 400
    src = tmp_path / "every_name.py"
    src.write_text(program)
    rc, out = run_mypy(mypy_cache, str(src))
    assert rc == 0, out[-4000:]


def test_mypy_passes_the_examples_and_the_typed_sample(mypy_cache):
    files = sorted(os.path.relpath(os.path.join(d, f), ROOT)
                   for d, _, fs in os.walk(os.path.join(ROOT, "examples")) for f in fs
                   if f.endswith(".py"))
    assert len(files) >= 5
    # Two files named train_mlp.py would be two modules "train_mlp": the one that imports
    # the other is checked as a program (-c), with examples/ on the search path.
    stems = [os.path.basename(f) for f in files]
    clash = [f for f in files if stems.count(os.path.basename(f)) > 1 and f.count(os.sep) > 1]
    plain = [f for f in files if f not in clash]
    rc, out = run_mypy(mypy_cache, *plain, os.path.relpath(SAMPLE, ROOT))
    assert rc == 0 and "Success" in out, out[-4000:]
    for f in clash:
        # The script puts its parent folder (examples/) on sys.path; mypy gets it on MYPYPATH.
        parent = os.path.join(ROOT, os.path.dirname(os.path.dirname(f)))
        with open(os.path.join(ROOT, f)) as fh:
            rc, out = run_mypy(mypy_cache, "-c", fh.read(), extra_path=parent)
        assert rc == 0 and "Success" in out, f + ": " + out[-4000:]


def test_the_typed_sample_runs():
    r = subprocess.run([sys.executable, SAMPLE], capture_output=True, text=True,
                       env=child_env(), timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "typed sample: ok" in r.stdout


def test_mypy_sees_through_the_stubs(tmp_path, mypy_cache):
    # Without stubs mxgraph._core would be Any and these would pass silently.
    src = tmp_path / "wrong.py"
    src.write_text("import mxgraph.core as mx\n"
                   "x = mx.zeros((2,))\n"
                   "n: str = x.ndim\n"
                   "x.no_such_method()\n"
                   "mx.sum(x, stream=3.5)\n"
                   "mx.sum(x, keepdims='yes')\n")
    rc, out = run_mypy(mypy_cache, str(src))
    assert rc == 1, out
    assert 'Incompatible types in assignment (expression has type "int"' in out
    assert '"array" has no attribute "no_such_method"' in out
    assert 'Argument "stream" to "sum" has incompatible type "float"' in out
    assert 'Argument "keepdims" to "sum" has incompatible type "str"; expected "bool"' in out
