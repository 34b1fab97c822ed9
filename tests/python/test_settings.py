"""The settings table (include/mxgraph/settings.h): docs/settings.md lists exactly its
rows, values are read by C++ for every front end (the CLI included), and bad values
give clear errors."""

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
