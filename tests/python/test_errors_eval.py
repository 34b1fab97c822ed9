"""Errors during evaluation: a failing kernel reaches the caller with its message and
leaves every array consistent; memory limits give MemoryError; Ctrl-C stops a long
evaluation with KeyboardInterrupt."""
import gc
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import mxgraph.core as mx

MB = 1 << 20


def test_failing_kernel_leaves_other_arrays_consistent(tmp_path):
    path = tmp_path / "three.npz"
    np.savez(path, a=np.arange(4, dtype=np.float32), b=np.arange(1000, dtype=np.float32),
             c=np.ones(3, dtype=np.float32))
    loaded = mx.load(str(path))
    data = bytearray(path.read_bytes())
    i = data.find(np.arange(1000, dtype=np.float32)[500:504].tobytes())
    data[i] ^= 0xFF  # b's CRC no longer matches; a and c are intact
    path.write_bytes(bytes(data))
    a2, b2, c2 = loaded["a"] * 2, loaded["b"] + 1, loaded["c"] - 1
    with pytest.raises(ValueError, match=r"\[load\] CRC-32 mismatch"):
        mx.eval(a2, b2, c2)
    # The failed node stays pending and fails the same way again...
    with pytest.raises(ValueError, match=r"CRC-32 mismatch"):
        mx.eval(b2)
    # ...while the others evaluate to the right values, whatever ran before the error.
    assert a2.tolist() == [0.0, 2.0, 4.0, 6.0]
    assert c2.tolist() == [0.0, 0.0, 0.0]


def test_error_from_implicit_evaluation_keeps_message(tmp_path):
    path = tmp_path / "t.npy"
    np.save(path, np.arange(1000, dtype=np.float32))
    a = mx.load(str(path)) * 3
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ValueError, match=r"\[load\].*end of file"):
        a.tolist()
    with pytest.raises(ValueError, match=r"\[load\]"):
        np.array(a)


def test_memory_limit_mid_graph_gives_memory_error_and_recovers():
    gc.collect()
    x = mx.contiguous(mx.broadcast_to(mx.array(1.0), (MB,)))  # 4 MB
    mx.eval(x)
    y = x * 2.0
    w = mx.contiguous(mx.broadcast_to(y, (8, MB))) * 1.0  # 32 MB
    old = mx.set_memory_limit(mx.get_active_memory() + 12 * MB)
    try:
        with pytest.raises(MemoryError, match=r"memory limit"):
            mx.eval(w)
        with pytest.raises(MemoryError):
            mx.eval(w)  # still pending, fails the same way
    finally:
        mx.set_memory_limit(old)
    assert y.tolist()[:2] == [2.0, 2.0]
    mx.eval(w)
    assert float(w[7, MB - 1].item()) == 2.0


def test_huge_request_is_memory_error_not_a_crash():
    with pytest.raises(MemoryError):
        mx.eval(mx.contiguous(mx.broadcast_to(mx.array(1, dtype=mx.uint8), (1 << 46,))))
    assert (mx.array([1, 2]) + 1).tolist() == [2, 3]


INTERRUPT_CHILD = textwrap.dedent("""
    import signal, sys, time
    import mxgraph.core as mx
    # A shell starting jobs in the background (as CI may) makes them ignore SIGINT, and
    # Python then installs no KeyboardInterrupt handler: install it as a terminal would.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    x = mx.arange(1 << 20, dtype=mx.float32)  # real data: a broadcast would stay one element
    for _ in range(200_000):  # minutes of work if not interrupted
        x = x * 1.0000001
    print("ready", flush=True)
    try:
        mx.eval(x)
        print("finished", flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    # The runtime stays usable, and the interrupted graph can still be evaluated later.
    print("after", (mx.array([1.0, 2.0]) * 2).tolist(), flush=True)
""")


def test_ctrl_c_interrupts_a_long_evaluation():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))  # the mxgraph under test
    child = subprocess.Popen([sys.executable, "-c", INTERRUPT_CHILD], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "ready"
        import time
        time.sleep(1.0)  # well inside the evaluation
        child.send_signal(signal.SIGINT)
        # Generous: an unanswered Ctrl-C would run for minutes.
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert "interrupted" in out, (out, err)
    assert "after [2.0, 4.0]" in out, (out, err)
    assert child.returncode == 0, err
