"""Streams and dependencies as MLX's CPU build has them: per-thread default streams,
mx.stream contexts per thread, what `stream=` accepts, device equality, device_info,
synchronize, and mx.depends (values, evaluation order, gradients)."""

import threading

import numpy as np
import pytest

import mxgraph.core as mx


def in_thread(fn):
    box = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as e:  # noqa: BLE001 (re-raised in the caller)
            box["error"] = e

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def test_each_thread_has_its_own_default_stream():
    main = mx.default_stream(mx.cpu)
    a, a_again = in_thread(lambda: (mx.default_stream(mx.cpu), mx.default_stream(mx.cpu)))
    b = in_thread(lambda: mx.default_stream(mx.cpu))
    assert a == a_again  # stable within a thread
    assert len({main, a, b}) == 3 and all(s.device == mx.cpu for s in (a, b))
    assert mx.default_stream(mx.cpu) == main


def test_stream_context_and_set_default_stream_are_per_thread():
    main = mx.default_stream(mx.cpu)
    s = mx.new_stream(mx.cpu)
    with mx.stream(s):
        assert mx.default_stream(mx.cpu) == s
        other = in_thread(lambda: mx.default_stream(mx.cpu))
        assert other not in (s, main)
    assert mx.default_stream(mx.cpu) == main

    def set_in_thread():
        t = mx.new_stream(mx.cpu)
        mx.set_default_stream(t)
        return t, mx.default_stream(mx.cpu), (mx.array([1.0, 2.0]) * 3).tolist()

    t, seen, vals = in_thread(set_in_thread)
    assert seen == t and vals == [3.0, 6.0]
    assert mx.default_stream(mx.cpu) == main


def test_stream_argument_types():
    a, b = mx.array([1, 2]), mx.array([3, 4])
    s = mx.new_stream(mx.cpu)
    for st in (None, s, mx.cpu, mx.Device(mx.cpu), 0, False):
        assert mx.add(a, b, stream=st).tolist() == [4, 6]
    # 1 and True are the gpu, as in MLX: not available on this build.
    for st in (1, True, mx.gpu, mx.Device(mx.gpu)):
        with pytest.raises(ValueError, match="not available"):
            mx.add(a, b, stream=st)
    for st in (2, -1, 1.5, "cpu", (mx.cpu,)):
        with pytest.raises(TypeError):
            mx.add(a, b, stream=st)


def test_stream_context_arguments():
    with mx.stream(0):
        assert mx.default_device() == mx.cpu
    with pytest.raises(ValueError):
        with mx.stream(1):
            pass
    with pytest.raises(TypeError):
        with mx.stream("s"):
            pass


def test_gpu_streams_raise():
    for fn in (mx.default_stream, mx.new_stream, mx.set_default_device):
        with pytest.raises(ValueError, match="not available"):
            fn(mx.gpu)


def test_devices_compare_as_mlx():
    assert mx.default_device() == mx.cpu and mx.cpu == mx.default_device()
    assert not (mx.default_device() != mx.cpu)
    assert mx.cpu == mx.Device(mx.cpu, 0) and mx.Device(mx.cpu) != mx.Device(mx.cpu, 1)
    assert mx.default_device() != 0 and mx.cpu != "cpu"
    info = mx.device_info()
    assert set(info) == {"architecture", "device_name"} and info == mx.device_info(mx.cpu)
    assert mx.device_count(mx.cpu) == 1 and mx.device_count(mx.gpu) == 0


def test_synchronize():
    x = mx.array([1.0]) + 1
    assert mx.synchronize() is None
    assert mx.synchronize(mx.new_stream(mx.cpu)) is None
    assert mx.synchronize(mx.cpu) is None
    assert x.item() == 2.0


def test_depends_values_and_types():
    a, b = mx.array([1.0, -2.0]), mx.array(3.0)
    one = mx.depends(a, b)
    assert isinstance(one, mx.array) and one.tolist() == [1.0, -2.0]
    many = mx.depends([a, a * 2], [b])
    assert isinstance(many, list) and [m.tolist() for m in many] == [[1.0, -2.0], [2.0, -4.0]]
    assert isinstance(mx.depends((a,), (b,)), list)
    for bad in ((1.0, b), ([a], 1.0), ([a, 2], [b])):
        with pytest.raises(TypeError, match=r"^\[depends\]"):
            mx.depends(*bad)


def test_depends_evaluates_the_dependencies_first():
    dep = mx.exp(mx.array([0.0, 1.0]))
    out = mx.depends(mx.array([5.0]) + 1, dep)
    assert mx.graph_stats(dep).pending_nodes == 1
    mx.eval(out)
    assert mx.graph_stats(dep).pending_nodes == 0
    np.testing.assert_allclose(np.array(dep), np.exp([0.0, 1.0]), rtol=1e-6)
    assert out.tolist() == [6.0]


def test_depends_gradients_pass_to_the_inputs_only():
    def f(a, b):
        (c,) = mx.depends([a * 2], [b * 3])
        return (c * c).sum()

    a, b = mx.array([1.0, 2.0]), mx.array(4.0)
    ga, gb = mx.grad(f, argnums=(0, 1))(a, b)
    np.testing.assert_allclose(np.array(ga), 8 * np.array([1.0, 2.0]))  # d/da sum(4a^2)
    assert gb.tolist() == 0.0
    _, (t,) = mx.jvp(lambda x: mx.depends(x * 3, b), [a], [mx.array([1.0, 0.5])])
    np.testing.assert_allclose(np.array(t), [3.0, 1.5])
    vm = mx.vmap(lambda x, y: mx.depends(x * 2, y))(mx.array([1.0, 2.0]), mx.array([3.0, 4.0]))
    assert vm.tolist() == [2.0, 4.0]
