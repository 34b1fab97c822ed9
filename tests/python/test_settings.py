"""The settings table (include/mxgraph/settings.h): docs/settings.md lists exactly its
rows and every other MXGRAPH_* variable the checkout reads (and nothing else), values
are read once by C++ for every front end (the CLI included), and bad values give clear
errors."""

import os
import re
import subprocess
import sys

import mxgraph.core as mx
from test_cli import RUNNERS, env_for_subprocess, fn_file, inputs  # noqa: F401  (fixture)

DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "settings.md")


def doc_rows():
    rows = []
    for line in open(DOC, encoding="utf-8"):
        m = re.match(r"^\| `(MXGRAPH_[A-Z_]+)` \| (\w+) \| `([^`]*)` \| (.*) \|$", line.rstrip("\n"))
        if m:
            rows.append(m.groups())
    return rows


def test_docs_list_every_setting_of_the_table():
    table = [(env, typ, default, doc) for env, typ, default, doc in mx._core._settings()]
    assert doc_rows() == table, "docs/settings.md and include/mxgraph/settings.h disagree"


def _python(code, **env):
    e = dict(env_for_subprocess(), **env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=e, timeout=120)


def test_bad_values_are_clear_errors():
    r = _python("import mxgraph.core as mx\nmx.eval(mx.exp(mx.arange(1 << 23).astype(mx.float32)))\n",
                MXGRAPH_NUM_THREADS="two")
    assert r.returncode != 0
    assert "ValueError: [settings] MXGRAPH_NUM_THREADS must be an integer, not 'two'." in r.stderr
    r = _python("import mxgraph.core\n", MXGRAPH_GRAPH_THRESHOLD="nodes=10,colour=red")
    assert r.returncode != 0 and "ValueError: [MXGRAPH_GRAPH_THRESHOLD] Unknown key 'colour'" in r.stderr
    r = _python("import mxgraph.core\n", MXGRAPH_IMPLICIT_EVAL="sometimes")
    assert r.returncode != 0 and "ValueError: [eval_guard] Unknown policy 'sometimes'" in r.stderr


def test_the_native_cli_reads_the_eval_log_setting(fn_file, tmp_path):  # noqa: F811
    """The evaluation log setting works without Python: the native program writes
    the log at exit."""
    if "native" not in RUNNERS:
        import pytest
        pytest.skip("no native mxgraph program in this build (pip installs the console script)")
    inputs(tmp_path)
    log = tmp_path / "log.txt"
    env = dict(env_for_subprocess(), MXGRAPH_EVAL_LOG=str(log))
    r = subprocess.run([*RUNNERS["native"], "run", str(fn_file), "-i", str(tmp_path / "x.npy"),
                        "-i", str(tmp_path / "w.npy"), "-o", str(tmp_path / "o.npz")],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    text = log.read_text()
    assert text.startswith("mxgraph evaluation log:\n") and "\nsummary:\n" in text
    assert re.search(r"^\d+ (explicit|implicit) evaluations? via ", text.split("summary:\n")[1], re.M)


def test_the_cli_lists_every_setting_with_its_value(tmp_path):
    """`mxgraph settings` (every runner: python -m, the console entry point, the native
    program) prints each row of the table with the value in effect."""
    from test_cli import run

    table = mx._core._settings()
    env = {k: v for k, v in env_for_subprocess().items() if k not in {row[0] for row in table}}
    env.update(MXGRAPH_NUM_THREADS="3", MXGRAPH_DIST_TIMEOUT="")
    for name, cmd in sorted(RUNNERS.items()):
        r = subprocess.run([*cmd, "settings"], capture_output=True, text=True, env=env, timeout=120)
        assert r.returncode == 0, (name, r.stderr)
        lines = r.stdout.splitlines()
        assert len(lines) == 2 * len(table), (name, r.stdout)
        for (var, typ, default, doc), head, body in zip(table, lines[::2], lines[1::2]):
            value = {"MXGRAPH_NUM_THREADS": "3"}.get(var, default)  # empty: the default
            assert head == f"{var}={value}  ({typ}, default '{default}')", (name, head)
            assert body == "    " + doc, (name, body)
        assert run(cmd, "settings", "extra").returncode == 2, name
        assert run(cmd, "settings", "--help").stdout.startswith("usage: mxgraph settings\n"), name


ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
_READS = [  # how a file reads (or sets) an environment variable, by kind of file
    (re.compile(r"environ(?:\.get)?[\[(]\s*[\"'](MXGRAPH_[A-Z0-9_]+)"), (".py",)),
    (re.compile(r"getenv\(\s*\"(MXGRAPH_[A-Z0-9_]+)"), (".cpp", ".h", ".c")),
    (re.compile(r"\$\{?(MXGRAPH_[A-Z0-9_]+)"), (".sh", "run")),
]


def variables_read():
    """{variable: [files]} for every MXGRAPH_* variable read by the checkout's files."""
    out = {}
    for top in ("bindings", "lib", "kernels", "capi", "tools", "tests", "scripts", "benchmarks",
                "examples", "fuzz", ".ci"):
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs[:] = [d for d in dirs if d not in ("build", "__pycache__", "corpus")]
            for name in files:
                path = os.path.join(folder, name)
                for pattern, suffixes in _READS:
                    if name.endswith(suffixes):
                        for var in pattern.findall(open(path, encoding="utf-8", errors="replace").read()):
                            out.setdefault(var, []).append(os.path.relpath(path, ROOT))
    return out


def test_every_variable_read_is_documented_and_every_documented_one_is_read():
    text = open(DOC, encoding="utf-8").read()
    table = {row[0] for row in mx._core._settings()}
    others = set(re.findall(r"MXGRAPH_[A-Z0-9_]+", text.split("## Not in the table")[1]))
    read = variables_read()
    assert not (others & table), "a table row is also listed as not in the table"
    undocumented = {v: files for v, files in read.items() if v not in table | others}
    assert undocumented == {}, "read but not in docs/settings.md"
    assert sorted(others - set(read)) == [], "named in docs/settings.md but read nowhere"


def test_only_the_settings_table_calls_getenv_for_a_setting():
    native = {v: [f for f in files if f.startswith(("lib", "kernels", "capi", "tools", "bindings"))
                  and f.endswith((".cpp", ".h", ".c"))]
              for v, files in variables_read().items()}
    assert {v: f for v, f in native.items() if f} == {}, "read through lib/settings.cpp instead"
    package = os.path.join(ROOT, "bindings", "python", "mxgraph")
    for folder, _, files in os.walk(package):
        for name in files:
            if name.endswith(".py"):
                found = set(re.findall(r"(?:environ(?:\.get)?[\[(]|getenv\()\s*[\"'](MXGRAPH_[A-Z0-9_]+)",
                                       open(os.path.join(folder, name), encoding="utf-8").read()))
                assert found <= {"MXGRAPH_DEV_BUILD"}, (name, found)
