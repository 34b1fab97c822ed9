"""The evaluation log (cause and file:line of each trigger), guards (each policy),
the graph-size threshold, and scoped peak memory."""

import logging
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pytest

import mxgraph.core as mx

HERE = os.path.abspath(__file__)
TMP = tempfile.mkdtemp()


def pending():
    return mx.exp(mx.array([1.0])) + 1.0


# One trigger per line: the expected call site is the lambda's line.
TRIGGERS = [
    ("print", lambda x: print(x)),
    ("print", lambda x: repr(x)),
    ("print", lambda x: f"{x}"),
    ("item", lambda x: x.item()),
    ("bool", lambda x: bool(x)),
    ("bool", lambda x: int(x)),
    ("bool", lambda x: float(x)),
    ("tolist", lambda x: x.tolist()),
    ("numpy", lambda x: x.numpy()),
    ("buffer", lambda x: np.array(x)),  # NumPy takes the buffer protocol, as memoryview
    ("buffer", lambda x: memoryview(x)),
    ("save", lambda x: mx.save(os.path.join(TMP, "a.npy"), x)),
    ("explicit", lambda x: mx.eval(x)),
    ("async", lambda x: mx.async_eval(x)),
]


@pytest.mark.parametrize("cause, trigger", TRIGGERS, ids=[f"{i}-{c}" for i, (c, _) in enumerate(TRIGGERS)])
def test_each_trigger_logs_its_cause_and_line(cause, trigger, capsys):
    x = pending()
    with mx.eval_log() as log:
        trigger(x)
    assert len(log.records) == 1, log.records
    r = log.records[0]
    assert r.cause == cause
    assert r.implicit == (cause not in ("explicit", "async"))
    assert r.call_site == f"{HERE}:{trigger.__code__.co_firstlineno}"
    assert r.nodes_run == 2 and r.wall_ns > 0
    mx.eval(x)
    with mx.eval_log() as log:
        trigger(x)  # nothing pending: nothing recorded
    assert log.records == []


def test_records_and_summary():
    x = mx.array([1.0])
    with mx.eval_log() as log:
        for _ in range(5):
            x = x + 1.0; bool(x > 0)  # noqa: E702
        line = sys._getframe().f_lineno - 1
        y = mx.arange(1000, dtype=mx.float32) * 2.0
        mx.eval(y)
    assert len(log.records) == 6
    assert log.records[-1].bytes_allocated >= 3900
    summary = log.summary().splitlines()
    assert summary[0] == f"5 implicit evaluations via bool()/int()/float() at test_eval_log.py:{line}"
    assert summary[1] == f"1 explicit evaluation via eval() at test_eval_log.py:{line + 3}"


def test_numpy_of_bfloat16_is_one_numpy_evaluation():
    x = pending().astype(mx.bfloat16)
    with mx.eval_log() as log:
        x.numpy(); line = sys._getframe().f_lineno  # noqa: E702
    assert [(r.cause, r.call_site) for r in log.records] == [("numpy", f"{HERE}:{line}")]


def test_log_scopes_nest():
    with mx.eval_log() as outer:
        mx.eval(pending())
        with mx.eval_log() as inner:
            mx.eval(pending())
        mx.eval(pending())
    assert len(inner.records) == 1 and len(outer.records) == 3


def test_library_frames_are_skipped():
    import mxgraph.core._evallog as ev  # code inside the package calls eval here
    x = pending()
    with mx.eval_log() as log:
        ev._core.eval(x)  # a builtin: the caller is this file
    assert log.records[0].call_site.startswith(HERE + ":")


def test_raise_guard_keeps_the_array_pending():
    x = pending()
    with mx.eval_guard("raise"):
        with pytest.raises(mx.ImplicitEvalError, match=r"via item at .*test_eval_log.py:\d+"):
            x.item()
        with pytest.raises(RuntimeError, match="via bool"):
            bool(x)
        assert mx.graph_stats(x).pending_nodes == 2
        mx.eval(x)  # explicit: allowed
        assert x.item() == pytest.approx(np.e + 1)  # nothing pending any more
    y = pending()
    assert y.item() == pytest.approx(np.e + 1)  # policy restored


def test_warn_guard_points_at_the_user_line():
    x = pending()
    with mx.eval_guard("warn"):
        with pytest.warns(mx.ImplicitEvalWarning, match="via tolist") as rec:
            x.tolist(); line = sys._getframe().f_lineno  # noqa: E702
    assert rec[0].filename == HERE and rec[0].lineno == line


def test_log_guard_uses_the_mxgraph_logger(caplog):
    x = pending()
    with caplog.at_level(logging.INFO, logger="mxgraph"), mx.eval_guard("log"):
        float(x)
    assert any("Implicit evaluation via bool" in m for m in caplog.messages)


def test_allow_guard_and_nesting():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with mx.eval_guard("raise"):
            with mx.eval_guard("allow"):
                assert pending().item() > 0
            with pytest.raises(mx.ImplicitEvalError):
                pending().item()


def test_bad_policy():
    with pytest.raises(ValueError, match="Unknown policy"):
        with mx.eval_guard("sometimes"):
            pass
    with pytest.raises(ValueError, match="Unknown action"):
        mx.set_graph_threshold(nodes=10, action="explode")


def _run(code, **env):
    # The child imports the same mxgraph as this process (a dev build or the installed one).
    e = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p), **env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=e)


def test_environment_variables(tmp_path):
    r = _run("import mxgraph.core as mx\nx = mx.exp(mx.array(1.0))\nbool(x)\n",
             MXGRAPH_IMPLICIT_EVAL="raise")
    assert r.returncode != 0 and "ImplicitEvalError" in r.stderr and "<string>:3" in r.stderr
    path = tmp_path / "log.txt"
    r = _run("import mxgraph.core as mx\nfor _ in range(3):\n    bool(mx.exp(mx.array(1.0)))\n",
             MXGRAPH_EVAL_LOG=str(path))
    assert r.returncode == 0, r.stderr
    assert "3 implicit evaluations via bool()/int()/float() at <string>:3" in path.read_text()
    r = _run("import mxgraph.core as mx\nmx.eval(mx.exp(mx.array(1.0)))\n", MXGRAPH_EVAL_LOG="1")
    assert "1 explicit evaluation via eval() at <string>:2" in r.stderr
    r = _run("import mxgraph.core as mx\nx = mx.array(0.0)\nfor _ in range(50):\n    x = x + 1\n",
             MXGRAPH_GRAPH_THRESHOLD="nodes=20,action=raise")
    assert r.returncode != 0 and "graph threshold" in r.stderr


@pytest.fixture
def threshold():
    yield mx.set_graph_threshold
    mx.set_graph_threshold()


def test_threshold_warns_once_with_the_call_site(threshold):
    threshold(nodes=100)
    x = mx.array(0.0)
    with pytest.warns(mx.GraphThresholdWarning, match="100 nodes") as rec:
        for _ in range(300):
            x = x + 1.0; line = sys._getframe().f_lineno  # noqa: E702
    assert len(rec) == 1
    assert rec[0].filename == HERE and rec[0].lineno == line
    assert "graph threshold" in str(rec[0].message)
    assert x.item() == 300.0


def test_threshold_auto_eval(threshold):
    threshold(nodes=100, action="eval")
    x = mx.array(0.0)
    for _ in range(250):
        x = x + 1.0
    assert mx.graph_stats(x).pending_nodes < 100
    assert x.item() == 250.0


def test_threshold_raise_bytes_and_prebuilt_graphs(threshold):
    x = mx.array(0.0)
    for _ in range(500):
        x = x + 1.0  # built before the threshold is set
    threshold(nodes=100, action="raise")
    with pytest.raises(RuntimeError, match="graph threshold"):
        x + 1.0
    threshold(bytes=4000, action="raise")
    y = mx.zeros((100,)) + 1.0  # 400 bytes per node
    with pytest.raises(RuntimeError, match="bytes to allocate"):
        for _ in range(20):
            y = y * 1.0
    threshold()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(200):
            y = y * 1.0  # off: nothing happens


def test_threshold_sees_through_shared_inputs(threshold):
    threshold(nodes=4000)
    x = mx.array(1.0)
    with pytest.warns(mx.GraphThresholdWarning):
        for _ in range(3000):
            x = mx.exp(x) * x + x  # shared inputs inflate the estimate
    assert mx.graph_stats(x).pending_nodes == 9000


def test_peak_memory_scopes_nest():
    big, small = 1 << 22, 1 << 20
    with mx.peak_memory_scope() as outer:
        a = mx.arange(big // 4, dtype=mx.float32)
        mx.eval(a)
        del a
        with mx.peak_memory_scope() as inner:
            b = mx.arange(small // 4, dtype=mx.float32)
            mx.eval(b)
            del b
    assert small <= inner.peak < big
    assert outer.peak >= big
    assert "peak=" in repr(outer)
