"""average_gradients and the sharded linear layers against single-process NumPy."""

import numpy as np
import pytest

import mxgraph.core as mx
import mxgraph.nn as nn
from conftest import inputs


def grad_tree(r, n):
    a = inputs(20, (3, 4), "float32", n)
    b = inputs(21, (5,), "float32", n)
    c = inputs(22, (2, 2), "float16", n)
    d = inputs(23, (), "float64", n)
    tree = {"a": mx.array(a[r]), "layers": [{"b": mx.array(b[r]), "c": mx.array(c[r])},
                                             mx.array(d[r], dtype=mx.float64)]}
    want = {"a": np.mean(a, 0), "b": np.mean(b, 0), "c": np.mean(np.stack(c).astype(np.float32), 0),
            "d": np.mean(d, 0)}
    return tree, want


@pytest.mark.parametrize("size", [0, 16, 64, 32 * 1024**2])
def test_average_gradients(world, size):
    tree, want = grad_tree(world.rank(), world.size())
    out = nn.average_gradients(tree, all_reduce_size=size)
    np.testing.assert_allclose(np.array(out["a"]), want["a"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(np.array(out["layers"][0]["b"]), want["b"], rtol=1e-5, atol=1e-6)
    assert out["layers"][0]["c"].dtype == mx.float16
    np.testing.assert_allclose(np.array(out["layers"][0]["c"]).astype(np.float32), want["c"], atol=5e-3)
    assert out["layers"][1].dtype == mx.float64 and out["layers"][1].shape == ()
    np.testing.assert_allclose(np.array(out["layers"][1]), want["d"], rtol=1e-12)


def test_average_gradients_communication_type(world):
    tree, want = grad_tree(world.rank(), world.size())
    out = nn.average_gradients(tree, communication_type=mx.bfloat16, group=world)
    assert out["a"].dtype == mx.float32
    np.testing.assert_allclose(np.array(out["a"]), want["a"], atol=3e-2)


def full_linear(seed, din, dout):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(dout, din)).astype(np.float32), rng.normal(size=(dout,)).astype(np.float32)


def test_all_to_sharded_linear(world):
    n, r = world.size(), world.rank()
    W, b = full_linear(30, 4, 2 * n)
    x = np.random.default_rng(31).normal(size=(3, 4)).astype(np.float32)
    layer = nn.AllToShardedLinear(4, 2 * n)
    layer.weight, layer.bias = mx.array(W[2 * r:2 * r + 2]), mx.array(b[2 * r:2 * r + 2])
    y = layer(mx.array(x))
    np.testing.assert_allclose(np.array(y), (x @ W.T + b)[:, 2 * r:2 * r + 2], rtol=1e-5, atol=1e-5)
    # The input's gradient of the sum of all ranks' outputs: summed over the ranks.
    g = mx.grad(lambda x: layer(x).sum())(mx.array(x))
    np.testing.assert_allclose(np.array(g), np.ones((3, 2 * n)) @ W, rtol=1e-5, atol=1e-5)


def test_sharded_to_all_linear(world):
    n, r = world.size(), world.rank()
    W, b = full_linear(32, 2 * n, 3)
    x = np.random.default_rng(33).normal(size=(4, 2 * n)).astype(np.float32)
    layer = nn.ShardedToAllLinear(2 * n, 3)
    layer.weight, layer.bias = mx.array(W[:, 2 * r:2 * r + 2]), mx.array(b)
    y = layer(mx.array(x[:, 2 * r:2 * r + 2]))
    np.testing.assert_allclose(np.array(y), x @ W.T + b, rtol=1e-5, atol=1e-5)
    grads = nn.value_and_grad(layer, lambda m, x: m(x).sum())(layer, mx.array(x[:, 2 * r:2 * r + 2]))[1]
    np.testing.assert_allclose(np.array(grads["weight"]), (np.ones((4, 3)).T @ x)[:, 2 * r:2 * r + 2],
                               rtol=1e-5, atol=1e-5)


def test_sharded_uneven_is_an_error(world):
    with pytest.raises(ValueError, match=r"\[AllToShardedLinear\] The dimension"):
        nn.AllToShardedLinear(4, world.size() + 1)
