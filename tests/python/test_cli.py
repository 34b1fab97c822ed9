"""The `mxgraph` command line through subprocesses, as users run it: `python -m
mxgraph`, the console script's entry point (`mxgraph.cli:main`, and the installed
script itself when testing an installed package), and the native executable from a
CMake build when there is one. Values are checked against NumPy."""

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import mxgraph
import mxgraph.core as mx

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(mxgraph.__file__)))
HAVE_DOT = shutil.which("dot") is not None


def native_executable():
    """The native program of this checkout's CMake build, if one was built."""
    candidates = [os.environ.get("MXGRAPH_CLI", "")]
    if os.environ.get("MXGRAPH_DEV_BUILD"):
        candidates.append(os.path.join(os.path.abspath(os.environ["MXGRAPH_DEV_BUILD"]), "bin", "mxgraph"))
    candidates += [os.path.join(ROOT, "build", "cmake", "bin", "mxgraph"),
                   os.path.join(ROOT, "build", "bin", "mxgraph")]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


def runners():
    r = {"python -m mxgraph": [sys.executable, "-m", "mxgraph"],
         "console entry point": [sys.executable, "-c",
                                 "import sys; from mxgraph.cli import main; sys.exit(main())"]}
    script = shutil.which("mxgraph")
    if script and not os.environ.get("MXGRAPH_DEV_BUILD"):
        r["installed script"] = [script]
    exe = native_executable()
    if exe:
        r["native"] = [exe]
    return r


RUNNERS = runners()


def env_for_subprocess(path=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_PARENT, env.get("PYTHONPATH")) if p)
    if env.get("MXGRAPH_DEV_BUILD"):
        env["MXGRAPH_DEV_BUILD"] = os.path.abspath(env["MXGRAPH_DEV_BUILD"])
    if path is not None:
        env["PATH"] = path
    return env


def run(cmd, *args, cwd=None, path=None, text=True):
    return subprocess.run([*cmd, *map(str, args)], capture_output=True, text=text, timeout=300,
                          cwd=cwd, env=env_for_subprocess(path))


@pytest.fixture(params=sorted(RUNNERS))
def cli(request):
    return RUNNERS[request.param]


@pytest.fixture(scope="module")
def fn_file(tmp_path_factory):
    """f(x, w) = (exp(x) @ w + 2, sum(x, axis=0)) with a constant captured."""
    d = tmp_path_factory.mktemp("cli")
    c = mx.array(2.0)

    def f(x, w):
        return mx.exp(x) @ w + c, mx.sum(x, axis=0)

    path = d / "f.mxfn"
    mx.export_function(str(path), f, mx.zeros((2, 3)), mx.zeros((3, 4)))
    return path


def inputs(folder):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 3)).astype(np.float32)
    w = rng.standard_normal((3, 4)).astype(np.float32)
    np.save(folder / "x.npy", x)
    np.save(folder / "w.npy", w)
    return x, w


def expected(x, w):
    return np.exp(x) @ w + 2, x.sum(axis=0)


def assert_one_line_error(r, code):
    assert r.returncode == code, (r.stdout, r.stderr)
    assert r.stdout == ""
    assert r.stderr.startswith("mxgraph"), r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.endswith("\n"), r.stderr


def test_there_is_more_than_one_runner():
    assert "python -m mxgraph" in RUNNERS and "console entry point" in RUNNERS


def test_console_script_is_declared():
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        meta = tomllib.load(f)
    assert meta["project"]["scripts"]["mxgraph"] == "mxgraph.cli:main"


@pytest.mark.parametrize("command", [None, "dump", "stats", "run"])
def test_help(cli, command):
    args = ["--help"] if command is None else [command, "--help"]
    r = run(cli, *args)
    assert r.returncode == 0, r.stderr
    if command is None and cli == RUNNERS["python -m mxgraph"]:
        # python -m mxgraph keeps its own options (--cmake-dir) and names the commands.
        assert "--cmake-dir" in r.stdout and "dump|stats|run" in r.stdout
        r = run(cli, "help")
        assert r.returncode == 0, r.stderr
    if command is None:
        assert r.stdout.startswith("usage: mxgraph <command>")
        assert "exit codes" in r.stdout
    else:
        assert r.stdout.startswith(f"usage: mxgraph {command} FILE.mxfn")


def test_version(cli):
    r = run(cli, "--version")
    assert r.returncode == 0
    assert r.stdout == f"mxgraph {mxgraph.__version__} (.mxfn format version 1)\n"


def test_python_m_mxgraph_keeps_its_self_check():
    r = run([sys.executable, "-m", "mxgraph"])
    assert r.returncode == 0, r.stderr
    assert "self check" in r.stdout and "ok" in r.stdout


def test_dump_dot_and_text_formats(cli, fn_file, tmp_path):
    dot = run(cli, "dump", fn_file)
    assert dot.returncode == 0, dot.stderr
    assert dot.stdout.startswith("digraph mxgraph {")
    for label in ('"arg0\\n(2, 3) float32"', '"arg1\\n(3, 4) float32"', "out0", "out1", "Matmul",
                  "Unary(exp)", "Reduce(sum, axes=[0])"):
        assert label in dot.stdout
    assert run(cli, "dump", fn_file).stdout == dot.stdout  # deterministic
    assert run(cli, "dump", fn_file, "-o", tmp_path / "g.gv").returncode == 0
    assert (tmp_path / "g.gv").read_text() == dot.stdout

    txt = run(cli, "dump", fn_file, "--format", "txt")
    assert txt.returncode == 0
    assert txt.stdout.startswith("inputs:\n  %0 arg0 : float32[2,3]\n")
    assert "Matmul(" in txt.stdout and "outputs: " in txt.stdout

    assert run(cli, "dump", fn_file, "-o", tmp_path / "g.json").returncode == 0
    graph = json.loads((tmp_path / "g.json").read_text())
    names = {n.get("name") for n in graph["nodes"]}
    assert {"arg0", "arg1", "out0", "out1"} <= names
    ops = [n["op"] for n in graph["nodes"] if "op" in n]
    assert sum(op.startswith("Matmul") for op in ops) == 1

    lr = run(cli, "dump", fn_file, "--rankdir", "LR", "--max-nodes", "4")
    assert "rankdir=LR;" in lr.stdout and "not shown" in lr.stdout


def test_dump_is_the_same_from_every_runner(fn_file):
    outs = {name: run(cmd, "dump", fn_file, "--format", "txt").stdout for name, cmd in RUNNERS.items()}
    assert len(set(outs.values())) == 1, outs


@pytest.mark.skipif(not HAVE_DOT, reason="Graphviz's dot is not installed")
def test_dump_svg_and_png(cli, fn_file, tmp_path):
    assert run(cli, "dump", fn_file, "-o", tmp_path / "g.svg").returncode == 0
    svg = (tmp_path / "g.svg").read_text()
    assert "<svg" in svg and "Matmul" in svg
    assert run(cli, "dump", fn_file, "-o", tmp_path / "g.png").returncode == 0
    assert (tmp_path / "g.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    r = run(cli, "dump", fn_file, "--format", "png", text=False)  # binary on stdout
    assert r.returncode == 0 and r.stdout.startswith(b"\x89PNG\r\n\x1a\n")


def test_dump_without_graphviz(cli, fn_file, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run(cli, "dump", fn_file, "-o", tmp_path / "g.svg", path=str(empty))
    assert_one_line_error(r, 2)
    assert "Graphviz" in r.stderr and "--format dot" in r.stderr
    assert not (tmp_path / "g.svg").exists()
    r = run(cli, "dump", fn_file, path=str(empty))
    assert r.returncode == 0 and r.stdout.startswith("digraph")


def test_stats(cli, fn_file):
    r = run(cli, "stats", fn_file)
    assert r.returncode == 0, r.stderr
    assert "inputs:            2\n  arg0: float32 (2, 3)\n  arg1: float32 (3, 4)\n" in r.stdout
    assert "outputs:           2\n  out0: float32 (2, 4)\n  out1: float32 (3,)\n" in r.stdout
    assert "constants:         1 (4 bytes)" in r.stdout
    assert "inputs held:       2 (72 bytes)" in r.stdout
    assert "  Matmul: 1\n" in r.stdout and "depth:" in r.stdout


def test_run_against_numpy(cli, fn_file, tmp_path):
    x, w = inputs(tmp_path)
    want0, want1 = expected(x, w)
    r = run(cli, "run", fn_file, "--input", tmp_path / "x.npy", "--input", tmp_path / "w.npy",
            "--output", tmp_path / "o.npz")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    got = np.load(tmp_path / "o.npz")
    assert sorted(got.files) == ["out0", "out1"]
    np.testing.assert_allclose(got["out0"], want0, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(got["out1"], want1, rtol=1e-6, atol=1e-6)

    # Named inputs in any order; printed outputs.
    r = run(cli, "run", fn_file, "-i", f"arg1={tmp_path / 'w.npy'}", "-i", f"arg0={tmp_path / 'x.npy'}")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("out0 = array([[") and "\nout1 = array([" in r.stdout
    first = r.stdout.split("out1")[0].replace("out0 = array(", "").split("dtype")[0]
    printed = np.array(eval(first.rstrip().rstrip(",")), dtype=np.float32)
    np.testing.assert_allclose(printed, want0, rtol=1e-5, atol=1e-5)


def test_run_one_output_to_npy(cli, tmp_path):
    path = tmp_path / "g.mxfn"
    mx.export_function(str(path), lambda a: mx.sort(a * 3, axis=-1), mx.zeros((4, 5), dtype=mx.int32))
    a = np.random.default_rng(1).integers(-9, 9, size=(4, 5)).astype(np.int32)
    np.save(tmp_path / "a.npy", a)
    r = run(cli, "run", path, "-i", tmp_path / "a.npy", "-o", tmp_path / "o.npy")
    assert r.returncode == 0, r.stderr
    np.testing.assert_array_equal(np.load(tmp_path / "o.npy"), np.sort(a * 3, axis=-1))


def test_bad_files_exit_1_with_one_line(cli, fn_file, tmp_path):
    data = fn_file.read_bytes()
    (tmp_path / "trunc.mxfn").write_bytes(data[:len(data) // 3])
    (tmp_path / "magic.mxfn").write_bytes(b"NOTMXFN!" + data[8:])
    newer = bytearray(data)
    newer[8] = 7
    (tmp_path / "newer.mxfn").write_bytes(bytes(newer))
    x, w = inputs(tmp_path)
    np.save(tmp_path / "w_shape.npy", w[:2])
    np.save(tmp_path / "w_dtype.npy", w.astype(np.float64))
    (tmp_path / "junk.npy").write_bytes(b"junk")
    cases = [
        (["stats", tmp_path / "trunc.mxfn"], "truncated"),
        (["dump", tmp_path / "magic.mxfn"], "magic"),
        (["dump", tmp_path / "newer.mxfn", "--format", "txt"], "format version 7"),
        (["stats", tmp_path], "not a regular file"),
        (["stats", tmp_path / "missing.mxfn"], "missing.mxfn"),
        (["run", fn_file, "-i", tmp_path / "x.npy"], "Missing input 'arg1'"),
        (["run", fn_file, "-i", tmp_path / "x.npy", "-i", tmp_path / "w_shape.npy"], "(3, 4); got float32 (2, 4)"),
        (["run", fn_file, "-i", tmp_path / "x.npy", "-i", tmp_path / "w_dtype.npy"], "got float64"),
        (["run", fn_file, "-i", tmp_path / "x.npy", "-i", tmp_path / "junk.npy"], "junk.npy"),
        (["run", fn_file] + ["-i", tmp_path / "x.npy"] * 3, "takes 2 inputs"),
    ]
    for args, words in cases:
        r = run(cli, *args)
        assert_one_line_error(r, 1)
        assert r.stderr.startswith("mxgraph: ")
        assert words.lower() in r.stderr.lower(), (args, r.stderr)


@pytest.mark.parametrize("args", [[], ["frob"], ["dump"], ["dump", "f.mxfn", "--bogus"],
                                  ["dump", "f.mxfn", "-o", "g.gif"], ["dump", "f.mxfn", "--max-nodes", "-1"],
                                  ["dump", "f.mxfn", "--rankdir", "sideways"],
                                  ["run", "f.mxfn", "--output", "o.csv"], ["stats", "a", "b"]])
def test_usage_errors_exit_2(args):
    for name, cmd in RUNNERS.items():
        if name == "python -m mxgraph" and (not args or args[0] == "frob"):
            continue  # there no command runs the self check; argparse reports the rest
        r = run(cmd, *args)
        assert_one_line_error(r, 2)


def test_readme_training_step_commands(tmp_path):
    """The README's commands: export one training step of examples/train_mlp.py, dump
    it, and run it (its loss against NumPy)."""
    import sklearn  # noqa: F401  the example's own imports (pip install ".[examples]")
    import tqdm  # noqa: F401
    step = tmp_path / "step.mxfn"
    r = run([sys.executable, os.path.join(ROOT, "examples", "train_mlp.py")],
            "--epochs", "0", "--no-progress", "--export-step", step)
    assert r.returncode == 0, r.stderr
    assert step.is_file()
    cli = RUNNERS["python -m mxgraph"]
    txt = run(cli, "dump", step, "--format", "txt")
    assert txt.returncode == 0, txt.stderr
    assert txt.stdout.count("Matmul") >= 6 and "arg0.layers[0].weight" in txt.stdout
    if HAVE_DOT:
        assert run(cli, "dump", step, "-o", tmp_path / "step.svg").returncode == 0
        assert "<svg" in (tmp_path / "step.svg").read_text()

    # Run the step on new parameters and a batch; compare the loss with NumPy.
    rng = np.random.default_rng(2)
    sizes = [64, 128, 128, 10]
    params = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        wt = (rng.standard_normal((n_out, n_in)) * 0.1).astype(np.float32)
        b = (rng.standard_normal(n_out) * 0.1).astype(np.float32)
        np.save(tmp_path / f"w{i}.npy", wt)
        np.save(tmp_path / f"b{i}.npy", b)
        params.append((wt, b))
    X = rng.standard_normal((32, 64)).astype(np.float32)
    y = rng.integers(0, 10, 32).astype(np.int32)
    np.save(tmp_path / "X.npy", X)
    np.save(tmp_path / "y.npy", y)
    args = []
    for i in range(3):
        args += ["-i", f"arg0.layers[{i}].weight={tmp_path / f'w{i}.npy'}",
                 "-i", f"arg0.layers[{i}].bias={tmp_path / f'b{i}.npy'}"]
    r = run(cli, "run", step, *args, "-i", tmp_path / "X.npy", "-i", tmp_path / "y.npy",
            "-o", tmp_path / "out.npz")
    assert r.returncode == 0, r.stderr
    out = np.load(tmp_path / "out.npz")
    h = X.astype(np.float64)
    for i, (wt, b) in enumerate(params):
        h = h @ wt.T + b
        if i < 2:
            h = np.maximum(h, 0)
    logz = np.log(np.exp(h - h.max(1, keepdims=True)).sum(1)) + h.max(1)
    loss = np.mean(logz - h[np.arange(32), y])
    np.testing.assert_allclose(out["out0"], loss, rtol=1e-5)
    assert out["out1"].shape == (128, 64)
    assert 0 < np.abs(out["out1"] - params[0][0]).max() < 0.01  # an SGD step moved it
