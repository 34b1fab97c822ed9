"""mx.compile: values against NumPy through the op harness, fusion structure, the
cache, disable/enable, trees and constants, state capture, grad / vmap."""

import functools
import os
import subprocess
import sys

import numpy as np
import pytest

import mxgraph.core as mx
import mxgraph.nn as nn
import mxgraph.optimizers as optim
from harness import case_ids, check_values
from test_ops_elementwise import CASES as ELEMENTWISE


def fused(fn):
    """fn compiled with identity (stop_gradient) steps around it, so even a one-op
    case is a fused region of at least two steps."""
    def f(*xs):
        return mx.stop_gradient(fn(*[mx.stop_gradient(x) for x in xs]))
    return mx.compile(f)


CASES = [c for c in ELEMENTWISE if c.name not in ("view",)]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_compiled_values(case):
    """Every elementwise op (dtypes, broadcasting, 0-d, empty, non-contiguous) inside
    a fused kernel gives the plain op's values."""
    from dataclasses import replace
    check_values(replace(case, mx_fn=fused(case.fn())))


def inspect(fn, *xs, simplify=True, fuse=True):
    return mx._core._compile_inspect(lambda a: fn(*a), list(xs), simplify, fuse)


def chain8(x):
    y = x * 1.5 + 0.5
    y = mx.exp(-mx.abs(y))
    y = mx.tanh(y) * y - 0.25
    return mx.sqrt(y * y + 1.0)


def np_chain8(x):
    y = x * 1.5 + 0.5
    y = np.exp(-np.abs(y))
    y = np.tanh(y) * y - 0.25
    return np.sqrt(y * y + 1.0)


def test_chain_fuses_to_one_kernel():
    x = mx.array(np.linspace(-3, 3, 10000, dtype=np.float32))
    st, text = inspect(chain8, x)
    assert st["nodes_traced"] == 11
    assert st["fused_kernels"] == 1 and st["after_fusion"] == 1
    assert "Compiled(" in text
    np.testing.assert_allclose(np.asarray(mx.compile(chain8)(x)), np_chain8(np.asarray(x)), rtol=2e-6)


def test_pass_counts():
    def f(x, y):
        a = mx.exp(x) * 2.0
        b = mx.exp(x) * 2.0  # CSE: same as a
        c = mx.contiguous(mx.contiguous(y))  # the second copy is a no-op
        return [a + b + c, mx.sum(a)]

    x = mx.array([1.0, 2.0, 3.0])
    st, _ = inspect(f, x, x + 1, fuse=False)
    assert st["nodes_traced"] == 10
    assert st["constants"] == 1  # the two 2.0 merged
    assert st["after_noops"] == st["after_constants"] - 1
    assert st["after_cse"] == st["after_noops"] - 2
    st, _ = inspect(f, x, x + 1)
    assert st["fused_kernels"] == 1


def test_values_broadcast_scalars_noncontiguous():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((4, 5)).astype(np.float32)
    b = rng.standard_normal((5,)).astype(np.float32)
    c = rng.standard_normal((4, 1)).astype(np.float32)

    def f(x, y, z):
        w = mx.where(x > 0, x * y, z - 2.0)
        return mx.maximum(w, 0.1) + mx.astype(x > y, mx.float32)

    def ref(x, y, z):
        w = np.where(x > 0, x * y, z - 2.0)
        return np.maximum(w, 0.1) + (x > y).astype(np.float32)

    xt = mx.transpose(mx.array(a.T.copy()))  # non-contiguous
    got = mx.compile(f)(xt, mx.array(b), mx.array(c))
    np.testing.assert_allclose(np.asarray(got), ref(a, b, c), rtol=1e-6)
    st, _ = inspect(f, xt, mx.array(b), mx.array(c))
    assert st["fused_kernels"] == 1
    # float16, int32 and bool programs
    h = np.linspace(-2, 2, 9, dtype=np.float16)
    g = mx.compile(lambda x: mx.exp(x) * x + 1.0)(mx.array(h))
    np.testing.assert_allclose(np.asarray(g).astype(np.float64), np.exp(h.astype(np.float64)) * h + 1, rtol=2e-3)
    i = np.arange(-5, 5, dtype=np.int32)
    got = mx.compile(lambda x: (x * 3 - 1) // 2 + mx.abs(x))(mx.array(i))
    np.testing.assert_array_equal(np.asarray(got), (i * 3 - 1) // 2 + np.abs(i))
    got = mx.compile(lambda x: mx.logical_not(x > 0) | (x == 2))(mx.array(i))
    np.testing.assert_array_equal(np.asarray(got), np.logical_not(i > 0) | (i == 2))


def test_large_threaded_and_empty():
    x = np.random.default_rng(1).standard_normal(1 << 20).astype(np.float32)
    got = mx.compile(chain8)(mx.array(x))
    np.testing.assert_allclose(np.asarray(got), np_chain8(x), rtol=2e-6)
    e = mx.compile(chain8)(mx.zeros((0, 3)))
    assert e.shape == (0, 3)


def test_cache_hits_and_misses():
    calls = []

    @mx.compile
    def f(x, scale=1.0):
        calls.append(1)
        return x * scale + 1.0

    mx._core._reset_compile_counters()
    x = mx.array([1.0, 2.0])
    assert f(x).tolist() == [2.0, 3.0]
    assert f(mx.array([5.0, 6.0])).tolist() == [6.0, 7.0]
    assert len(calls) == 1
    assert f(x, scale=2.0).tolist() == [3.0, 5.0]  # a new constant: a new trace
    assert f(mx.array([1.0, 2.0, 3.0])).tolist() == [2.0, 3.0, 4.0]  # a new shape
    assert f(mx.array([1, 2], mx.int32)).dtype == mx.float32
    assert len(calls) == 4
    c = mx._core._compile_counters()
    assert c["traces"] == 4 and c["hits"] == 1


def test_trees_in_and_out():
    @mx.compile
    def f(d, pair):
        return {"s": d["a"] + pair[0], "t": (pair[1] * 2.0,)}

    out = f({"a": mx.array([1.0])}, (mx.array([2.0]), mx.array([3.0])))
    assert out["s"].tolist() == [3.0] and out["t"][0].tolist() == [6.0]


def test_disable_enable():
    calls = []

    @mx.compile
    def f(x):
        calls.append(1)
        return x + 1

    x = mx.array([1.0])
    f(x)
    f(x)
    assert len(calls) == 1
    mx.disable_compile()
    try:
        f(x)
        f(x)
    finally:
        mx.enable_compile()
    assert len(calls) == 3
    f(x)
    assert len(calls) == 3


def test_env_disables_compile():
    code = ("import mxgraph.core as mx\nn=[]\nf=mx.compile(lambda x: n.append(1) or x+1)\n"
            "x=mx.array([1.0]); f(x); f(x); print(len(n))")
    pkg = os.path.dirname(os.path.dirname(os.path.dirname(mx.__file__)))
    env = dict(os.environ, MXGRAPH_DISABLE_COMPILE="1", PYTHONPATH=pkg)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "2", out.stderr


def test_inside_grad_and_vmap():
    f = mx.compile(lambda x: mx.sum(mx.sin(x) * x))
    x = mx.array([0.5, 1.0, 2.0])
    g = mx.grad(f)(x)
    np.testing.assert_allclose(np.asarray(g), np.cos([0.5, 1, 2]) * [0.5, 1, 2] + np.sin([0.5, 1, 2]), rtol=1e-6)
    h = mx.compile(lambda x, y: mx.exp(x) * y)
    b = mx.array(np.arange(6, dtype=np.float32).reshape(2, 3))
    v = mx.vmap(h, in_axes=(0, None))(b, mx.array([1.0, 2.0, 3.0]))
    np.testing.assert_allclose(np.asarray(v), np.exp(np.asarray(b)) * [1, 2, 3], rtol=1e-6)
    # grad of a function that calls a compiled one, and a compiled grad
    gg = mx.compile(mx.grad(lambda x: mx.sum(mx.exp(x) * 2.0)))
    np.testing.assert_allclose(np.asarray(gg(x)), 2 * np.exp([0.5, 1, 2]), rtol=1e-6)


def test_state_capture():
    state = [mx.array(1.0)]

    @functools.partial(mx.compile, inputs=state, outputs=state)
    def acc(x):
        state[0] = state[0] * 2.0 + x
        return state[0] + 0.0

    assert acc(mx.array(1.0)).item() == 3.0
    assert acc(mx.array(1.0)).item() == 7.0
    assert state[0].item() == 7.0


def test_mlp_training_step_matches_plain():
    def make():
        mx.random.seed(3)
        model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))
        return model, optim.Adam(learning_rate=0.01)

    rng = np.random.default_rng(0)
    X = mx.array(rng.standard_normal((32, 8)).astype(np.float32))
    Y = mx.array(rng.integers(0, 3, 32).astype(np.int32))

    def loss_fn(model, x, y):
        return mx.mean(nn.losses.cross_entropy(model(x), y))

    losses = {}
    mx._core._reset_compile_counters()
    for compiled in (False, True):
        model, opt = make()
        grad_fn = nn.value_and_grad(model, loss_fn)
        state = [model.state, opt.state]

        def step(x, y):
            loss, grads = grad_fn(model, x, y)
            opt.update(model, grads)
            return loss

        if compiled:
            step = functools.partial(mx.compile, inputs=state, outputs=state)(step)
        out = []
        for _ in range(5):
            loss = step(X, Y)
            mx.eval(loss, model.parameters(), opt.state)
            out.append(loss.item())
        losses[compiled] = out
    c = mx._core._compile_counters()
    # The optimizer creates its state in the first step: that step and the next trace.
    assert c["traces"] == 2 and c["hits"] == 3 and c["plain_calls"] == 0, c
    np.testing.assert_allclose(losses[True], losses[False], rtol=1e-5)
    assert losses[True][-1] < losses[True][0]


def test_errors():
    with pytest.raises(TypeError, match="callable"):
        mx.compile(3)


def test_changing_outputs_with_state():
    # Each input signature keeps its own output structure (MLX's test of the name).
    state = [mx.array(1.0)]

    @functools.partial(mx.compile, inputs=state, outputs=state)
    def fun(y):
        x = state[0]
        if y.dtype == mx.float32:
            state[0] = 2 * y
            return [x, y, x + y]
        state[0] = state[0] * 2
        return x + y

    for _ in range(10):
        a = fun(mx.array(1.0))
        b = fun(mx.array(1))
    assert state[0].item() == 4
    assert [v.item() for v in a] == [4.0, 1.0, 5.0] and b.item() == 3.0


def test_argument_types_accepted_and_rejected():
    f = mx.compile(lambda x, c: x + (1 if c is None else 2))
    for c in (1, 1.5, True, "s", None, (1, 2), [1, "a"], {"a": 1}, {1: mx.array(1)}):
        assert f(mx.array(1.0), c).dtype == mx.float32
    for bad, name in ((2 + 3j, "complex"), (b"b", "bytes"), (mx.float32, "Dtype"),
                      (range(3), "range"), (object(), "object"), (np.ones(2), "ndarray")):
        with pytest.raises(ValueError, match=r"^\[compile\] Function arguments must be trees .* received type .*" + name):
            f(mx.array(1.0), bad)
        with pytest.raises(ValueError, match=r"^\[compile\] Function arguments"):
            f(mx.array(1.0), c=[bad])


def test_tuple_subclass_outputs_keep_their_type():
    from typing import NamedTuple

    class Vector(tuple):
        pass

    class State(NamedTuple):
        a: object
        b: object

    out = mx.compile(lambda s: State(s.a + 10, s.b * 10))(State(mx.array([1, 2]), mx.array([4, 5])))
    assert isinstance(out, State) and out.a.tolist() == [11, 12] and out.b.tolist() == [40, 50]
    out = mx.compile(lambda t: Vector([t[0] + 10, t[1] * 10]))(Vector([mx.array(1), mx.array(2)]))
    assert isinstance(out, Vector) and [v.item() for v in out] == [11, 20]
    out = mx.compile(lambda t: (t[0] + 10, t[1] * 10))((mx.array(1), mx.array(2)))
    assert type(out) is tuple


def test_uncaptured_inputs_raise():
    msg = r"^\[compile\] Attempting to compile a function with uncaptured inputs"
    x = mx.array([1, 2, 3]) + 2
    with pytest.raises(ValueError, match=msg):
        mx.compile(lambda a: a + (x + 1))(x)  # the input itself, read by closure
    e = mx.array([1.0, 2.0])
    with pytest.raises(ValueError, match=msg):
        mx.compile(lambda a: a + e)(e)  # evaluated, also refused
    z = mx.array([1.0, 2.0]) * 2
    w = z + 1
    with pytest.raises(ValueError, match=msg):
        mx.compile(lambda a: a + w)(z)  # a constant computed from the input
    # A pending closure that does not involve the inputs is a constant, as before.
    c = mx.array([1.0, 2.0]) * 3
    np.testing.assert_array_equal(np.array(mx.compile(lambda a: a + c)(z)), [5.0, 10.0])


def test_async_eval_inside_a_trace_raises():
    def traced(x):
        y = x + 1
        mx.async_eval(y)
        return y

    msg = r"^\[async_eval\] Not allowed inside a graph transformation"
    with pytest.raises(ValueError, match=msg):
        mx.compile(traced)(mx.array(1.0))
    with pytest.raises(ValueError, match=msg):
        mx.grad(lambda x: traced(x).sum())(mx.array(1.0))
    with pytest.raises(ValueError, match=msg):
        mx.vmap(traced)(mx.ones(2))
    c = mx.array([1.0]) * 2

    def const(x):
        mx.async_eval(c)  # not traced: evaluates
        mx.async_eval()
        return x + c

    assert mx.compile(const)(mx.array(1.0)).item() == 3.0
    y = mx.ones(2) * 3
    mx.async_eval(y)  # outside any transform
    assert y.tolist() == [3.0, 3.0]


def test_shared_broadcast():
    # A broadcast read by a fused product and by a reduction outside it.
    def fun(x, y, z):
        yy = mx.broadcast_to(y, z.shape)
        return x + yy * z, yy.sum()

    rng = np.random.default_rng(0)
    a, c = rng.standard_normal((2, 10, 10)).astype(np.float32)
    out = mx.compile(fun)(mx.array(a), mx.array(0.1), mx.array(c))
    np.testing.assert_allclose(np.array(out[0]), a + np.float32(0.1) * c, rtol=1e-6)
    np.testing.assert_allclose(out[1].item(), 10.0, rtol=1e-6)
    stats, text = mx._core._compile_inspect(lambda xs: list(fun(*xs)), [mx.array(a), mx.array(0.1), mx.array(c)], True, True)
    assert stats["fused_kernels"] == 1, text
