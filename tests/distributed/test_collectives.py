"""Each collective against NumPy on the gathered inputs, their gradients and vmap,
groups from split, send/recv, and the cross-rank error checks."""

import numpy as np
import pytest

import mxgraph.core as mx
from conftest import inputs, to_mx, to_np

dist = mx.distributed
DTYPES = ["float32", "float64", "float16", "bfloat16", "int32", "int64", "uint8", "int8", "bool"]
SHAPES = [(), (5,), (3, 4), (0, 3)]
TOL = {"float16": 2e-2, "bfloat16": 5e-2}


def reduce_ref(xs, how, dtype):
    if dtype == "bool":
        return {"sum": np.logical_or, "max": np.logical_or, "min": np.logical_and}[how].reduce(xs)
    stacked = np.stack([x.astype(np.float64) if dtype in TOL else x for x in xs])
    return {"sum": stacked.sum(0), "max": stacked.max(0), "min": stacked.min(0)}[how]


def close(got, want, dtype):
    t = TOL.get(dtype, 1e-5)
    assert got.shape == want.shape
    np.testing.assert_allclose(got.astype(np.float64) if got.dtype != bool else got,
                               want.astype(np.float64) if want.dtype != bool else want,
                               rtol=t, atol=t)


@pytest.mark.parametrize("how", ["sum", "max", "min"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_all_reduce(world, how, dtype, shape):
    xs = inputs(1, shape, dtype, world.size())
    f = getattr(dist, "all_" + how)
    out = f(to_mx(xs[world.rank()], dtype))
    assert out.dtype == to_mx(xs[0], dtype).dtype
    close(to_np(out), reduce_ref(xs, how, dtype), dtype)


def test_all_sum_complex_and_noncontiguous(world):
    xs = inputs(2, (3, 4), "complex64", world.size())
    got = np.array(dist.all_sum(mx.array(xs[world.rank()])))
    np.testing.assert_allclose(got, sum(xs), rtol=1e-5, atol=1e-5)
    xs = inputs(3, (4, 3), "float32", world.size())
    out = dist.all_sum(mx.array(xs[world.rank()]).T)  # a transposed view
    close(np.array(out), sum(xs).T, "float32")


def test_collectives_are_lazy(world):
    x = mx.ones((2,)) * (world.rank() + 1)
    y = dist.all_sum(x)  # nothing moves until y is read
    n = world.size()
    assert np.array(y).tolist() == [n * (n + 1) / 2] * 2


@pytest.mark.parametrize("dtype", ["float32", "int64", "bool", "float16", "complex64"])
@pytest.mark.parametrize("shape", [(), (2,), (2, 3), (0, 2)], ids=str)
def test_all_gather(world, dtype, shape):
    xs = inputs(4, shape, dtype, world.size())
    out = to_np(dist.all_gather(to_mx(xs[world.rank()], dtype)))
    want = np.stack(xs) if shape == () else np.concatenate(xs)
    if dtype == "complex64":
        np.testing.assert_array_equal(out, want)
    else:
        close(out, want, dtype)


def test_all_gather_noncontiguous(world):
    xs = inputs(5, (3, 2), "float32", world.size())
    out = dist.all_gather(mx.array(xs[world.rank()]).T)
    close(np.array(out), np.concatenate([x.T for x in xs]), "float32")


@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "float16"])
def test_sum_scatter(world, dtype):
    n, r = world.size(), world.rank()
    xs = inputs(6, (2 * n, 3), dtype, n)
    out = to_np(dist.sum_scatter(to_mx(xs[r], dtype)))
    close(out, reduce_ref(xs, "sum", dtype)[2 * r:2 * r + 2], dtype)


def test_sum_scatter_uneven_is_an_error(world):
    with pytest.raises(ValueError, match=r"\[sum_scatter\] The first dimension \(%d\) must be "
                       r"divisible by the group size" % (world.size() + 1)):
        dist.sum_scatter(mx.zeros((world.size() + 1,)))


# ---- gradients (MLX's conventions: the loss after a collective is replicated) -------

def test_grad_all_sum(world):
    n, r = world.size(), world.rank()
    xs = inputs(7, (3,), "float32", n)
    w = np.arange(3, dtype=np.float32) + 1
    x = mx.array(xs[r])
    g = mx.grad(lambda x: (dist.all_sum(x) * mx.array(w)).sum())(x)
    close(np.array(g), w, "float32")  # vjp passes the cotangent through
    _, t = mx.jvp(lambda x: dist.all_sum(x), [x], [mx.ones((3,)) * (r + 1)])
    close(np.array(t[0]), np.full(3, n * (n + 1) / 2, np.float32), "float32")


def test_grad_all_max(world):
    n, r = world.size(), world.rank()
    xs = inputs(8, (4,), "float32", n)
    x = mx.array(xs[r])
    g = mx.grad(lambda x: dist.all_max(x).sum())(x)
    close(np.array(g), (xs[r] == np.max(xs, 0)).astype(np.float32), "float32")
    tangents = [np.full(4, k + 1.0, np.float32) for k in range(n)]
    _, t = mx.jvp(lambda x: dist.all_max(x), [x], [mx.array(tangents[r])])
    winner = np.argmax(np.stack(xs), 0)
    close(np.array(t[0]), (winner + 1).astype(np.float32), "float32")


def test_grad_all_gather(world):
    n, r = world.size(), world.rank()
    x = mx.array(inputs(9, (2, 3), "float32", n)[r])
    c = np.arange(2 * n * 3, dtype=np.float32).reshape(2 * n, 3)
    g = mx.grad(lambda x: (dist.all_gather(x) * mx.array(c)).sum())(x)
    close(np.array(g), c[2 * r:2 * r + 2], "float32")
    _, t = mx.jvp(lambda x: dist.all_gather(x), [x], [mx.ones((2, 3)) * r])
    close(np.array(t[0]), np.repeat(np.arange(n, dtype=np.float32), 2)[:, None] * np.ones(3), "float32")


def test_grad_sum_scatter(world):
    n, r = world.size(), world.rank()
    x = mx.array(inputs(10, (n, 2), "float32", n)[r])
    c = np.full((1, 2), r + 1.0, np.float32)
    g = mx.grad(lambda x: (dist.sum_scatter(x) * mx.array(c)).sum())(x)
    want = np.repeat(np.arange(1, n + 1, dtype=np.float32), 2).reshape(n, 2)
    close(np.array(g), want, "float32")  # all_gather of every rank's cotangent


def test_send_has_no_derivative(world):
    peer = (world.rank() + 1) % world.size()
    with pytest.raises(ValueError, match=r"\[send\] send and recv have no derivative"):
        mx.grad(lambda x: dist.send(x, peer).sum())(mx.ones((2,)))


def test_vmap(world):
    n, r = world.size(), world.rank()
    xs = inputs(11, (3, n, 2), "float32", n)  # a batch of 3 examples of shape (n, 2)
    x = mx.array(xs[r])
    close(np.array(mx.vmap(dist.all_sum)(x)), sum(xs), "float32")
    close(np.array(mx.vmap(dist.all_sum, in_axes=1, out_axes=1)(x)), sum(xs), "float32")
    close(np.array(mx.vmap(dist.all_gather)(x)), np.concatenate(xs, axis=1), "float32")
    close(np.array(mx.vmap(dist.sum_scatter)(x)), sum(xs)[:, r:r + 1], "float32")
    s = mx.array(inputs(12, (3,), "float32", n)[r])  # 0-d examples
    close(np.array(mx.vmap(dist.all_gather)(s)), np.stack(inputs(12, (3,), "float32", n), 1), "float32")


# ---- groups --------------------------------------------------------------------------

def test_split(world):
    n, r = world.size(), world.rank()
    sub = world.split(r % 2)
    members = [k for k in range(n) if k % 2 == r % 2]
    assert sub.size() == len(members) and sub.rank() == members.index(r)
    xs = inputs(13, (4,), "float32", n)
    close(np.array(dist.all_sum(mx.array(xs[r]), group=sub)), sum(xs[k] for k in members), "float32")
    rev = world.split(0, key=n - r)  # key orders the ranks of the new group
    assert rev.rank() == n - 1 - r
    got = np.array(dist.all_gather(mx.array([float(r)]), group=rev))
    assert got.tolist() == [float(n - 1 - k) for k in range(n)]


# ---- send / recv -----------------------------------------------------------------------

def test_send_recv_ring(world):
    n, r = world.size(), world.rank()
    nxt, prv = (r + 1) % n, (r - 1) % n
    x = mx.arange(6, dtype=mx.float32).reshape(2, 3) + 10 * r
    # Like blocking MPI: pair sends and receives so that no cycle waits (even ranks first).
    got = []
    steps = [lambda: mx.eval(dist.send(x, nxt)), lambda: got.append(np.array(dist.recv_like(x, prv)))]
    for step in (steps if r % 2 == 0 else steps[::-1]):
        step()
    got = got[0]
    np.testing.assert_array_equal(got, np.arange(6).reshape(2, 3) + 10 * prv)
    y = dist.recv((2,), mx.int64, prv) if r != 0 else None
    if r == 0:
        mx.eval(dist.send(mx.array([7, 8], dtype=mx.int64), nxt))
    else:
        assert np.array(y).tolist() == [7, 8]
        if nxt != 0:
            mx.eval(dist.send(mx.array([7, 8], dtype=mx.int64), nxt))


def test_send_returns_its_input(world):
    r, n = world.rank(), world.size()
    if r == 0:
        out = dist.send(mx.array([1.0, 2.0]), 1)
        assert np.array(out).tolist() == [1.0, 2.0]
    elif r == 1:
        assert np.array(dist.recv([2], mx.float32, 0)).tolist() == [1.0, 2.0]


def test_send_recv_bad_peer(world):
    with pytest.raises(ValueError, match=r"\[send\] dst %d is not a rank" % world.size()):
        dist.send(mx.ones((1,)), world.size())
    with pytest.raises(ValueError, match=r"\[recv\] src is this process's own rank"):
        dist.recv((1,), mx.float32, world.rank())


# ---- errors across ranks -----------------------------------------------------------------

def test_shape_mismatch(world):
    r = world.rank()
    x = mx.zeros((3,) if r == 0 else (4,))
    with pytest.raises(ValueError, match=r"\[all_sum\] Rank %d of %d: the ranks passed arrays of "
                       r"different shapes or dtypes" % (r, world.size())):
        mx.eval(dist.all_sum(x))
    y = mx.zeros((2,), dtype=mx.float32 if r == 0 else mx.int32)
    with pytest.raises(ValueError, match=r"\[all_gather\] .*different shapes or dtypes"):
        mx.eval(dist.all_gather(y))
    # the group still works afterwards
    assert np.array(dist.all_sum(mx.ones((2,)))).tolist() == [world.size()] * 2


def test_different_collectives(world):
    x = mx.ones((2,))
    with pytest.raises(ValueError, match="called different collectives"):
        mx.eval(dist.all_sum(x) if world.rank() == 0 else dist.all_max(x))


def test_send_recv_mismatch(world):
    r = world.rank()
    if r == 0:
        mx.eval(dist.send(mx.ones((3,)), 1))
    elif r == 1:
        with pytest.raises(ValueError, match=r"\[recv\] Rank 1 of \d+: rank 0 sent another shape"):
            mx.eval(dist.recv((4,), mx.float32, 0))
    assert np.array(dist.all_sum(mx.ones((1,)))).tolist() == [world.size()]
