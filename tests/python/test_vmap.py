"""mx.vmap: axes given as ints, None and trees; out_axes; composition with grad in
both orders; nested vmap; broadcast of unmapped outputs; errors. Values against
NumPy or a Python loop."""

import numpy as np
import pytest

import mxgraph.core as mx


def test_in_axes_int_none_and_negative():
    x = np.arange(12.0, dtype=np.float32).reshape(3, 4)
    y = np.array([1.0, 2.0, 3.0, 4.0], dtype=np.float32)
    got = mx.vmap(lambda a, b: a * b + 1, in_axes=(0, None))(mx.array(x), mx.array(y))
    np.testing.assert_allclose(np.asarray(got), x * y + 1)
    got = mx.vmap(lambda a: mx.exp(a), in_axes=-1)(mx.array(x))
    np.testing.assert_allclose(np.asarray(got), np.exp(x).T, rtol=1e-6)
    got = mx.vmap(lambda a: a * 2, in_axes=1, out_axes=1)(mx.array(x))
    np.testing.assert_allclose(np.asarray(got), x * 2)


def test_trees_of_axes_and_outputs():
    a = mx.array(np.ones((2, 3), np.float32))
    b = mx.array(np.full((3, 2), 2.0, np.float32))
    c = mx.array(np.array([5.0], np.float32))

    def f(p, q):
        return {"s": p["x"] * p["y"] + q, "t": (p["x"] - q,)}

    out = mx.vmap(f, in_axes=({"x": 0, "y": 1}, None))({"x": a, "y": b}, c)
    np.testing.assert_allclose(np.asarray(out["s"]), np.full((2, 3), 7.0))
    np.testing.assert_allclose(np.asarray(out["t"][0]), np.full((2, 3), -4.0))
    out = mx.vmap(lambda x: (x + 1, x * 2), out_axes=(0, 1))(a)
    assert out[0].shape == (2, 3) and out[1].shape == (3, 2)


def test_unmapped_output_is_broadcast():
    c = mx.array([1.0, 2.0])
    out = mx.vmap(lambda x: (x * 2, c + 1))(mx.array([[1.0], [2.0], [3.0]]))
    np.testing.assert_allclose(np.asarray(out[1]), np.tile([2.0, 3.0], (3, 1)))


def test_nested_vmap_is_an_outer_product():
    a = np.arange(3.0, dtype=np.float32)
    b = np.arange(4.0, dtype=np.float32)
    got = mx.vmap(lambda x: mx.vmap(lambda y: x * y)(mx.array(b)))(mx.array(a))
    np.testing.assert_allclose(np.asarray(got), np.outer(a, b))


def test_per_example_gradients_vmap_of_grad():
    xs = np.linspace(-1, 1, 5).astype(np.float32)
    g = mx.vmap(mx.grad(lambda x: mx.sin(x) * x * x))(mx.array(xs))
    np.testing.assert_allclose(np.asarray(g), np.cos(xs) * xs**2 + 2 * xs * np.sin(xs), rtol=1e-5, atol=1e-6)


def test_grad_of_vmap():
    xs = np.linspace(-1, 1, 5).astype(np.float32)
    g = mx.grad(lambda x: (mx.vmap(lambda v: mx.sin(v) * v)(x) * 1.0).sum())(mx.array(xs))
    np.testing.assert_allclose(np.asarray(g), np.cos(xs) * xs + np.sin(xs), rtol=1e-5, atol=1e-6)


def test_matmul_batched_against_loop():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((4, 2, 3)).astype(np.float32)
    w = rng.standard_normal((3, 5)).astype(np.float32)
    got = mx.vmap(lambda x: x @ mx.array(w))(mx.array(a))
    np.testing.assert_allclose(np.asarray(got), a @ w, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("call, exc, match", [
    (lambda: mx.vmap(lambda a, b: a + b)(mx.ones((3,)), mx.ones((4,))), ValueError, "Inconsistent axis sizes: 3 and 4"),
    (lambda: mx.vmap(lambda a: a)(mx.array(1.0)), IndexError, r"axis 0 for array with shape \(\)"),
    (lambda: mx.vmap(lambda a: a, in_axes=2)(mx.ones((3, 4))), IndexError, "Invalid vectorization axis 2"),
    (lambda: mx.vmap(lambda a: a, out_axes=2)(mx.ones((3, 4))), IndexError, "Invalid output vectorization axis 2"),
    (lambda: mx.vmap(lambda a, b: a + b, in_axes=(0,))(mx.ones((3,)), mx.ones((3,))), ValueError, "entries"),
    (lambda: mx.vmap(lambda a: a, in_axes=None)(mx.ones((3,))), ValueError, "At least one"),
    (lambda: mx.vmap(lambda d: d["x"], in_axes=({"y": 0},))({"x": mx.ones((3,))}), ValueError, "keys"),
    (lambda: mx.vmap(lambda a: a, in_axes="a")(mx.ones((3,))), ValueError, "axis must be int or None"),
    (lambda: mx.vmap(lambda a: (a, a), out_axes=(0,))(mx.ones((3,))), ValueError, "1 entries for 2"),
    (lambda: mx.vmap(lambda a: a, out_axes=None)(mx.ones((3,))), ValueError, "cannot be None"),
    (lambda: mx.vmap(lambda a: (a, 3))(mx.ones((3,))), ValueError, r"output\[1\] is a int"),
    (lambda: mx.vmap(lambda a, b=1: a)(mx.ones((3,)), b=2), TypeError, "Keyword arguments are not supported"),
])
def test_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


A = np.arange(6.0, dtype=np.float32).reshape(2, 3)
B = np.arange(3.0, dtype=np.float32)


def test_in_axes_trees_as_mlx_reads_them():
    a, b = mx.array(A), mx.array(B)
    # one argument: in_axes is matched with the argument itself
    got = mx.vmap(lambda t: t[0] + t[1], in_axes=(0, None))((a, b))
    np.testing.assert_array_equal(np.asarray(got), A + B)
    got = mx.vmap(lambda d: d["x"] * d["y"], in_axes={"x": 1, "y": None})({"x": a.T, "y": b})
    np.testing.assert_array_equal(np.asarray(got), A * B)
    got = mx.vmap(lambda x: x * 2, in_axes=(1,))(a)  # a 1-tuple around an array's axis
    np.testing.assert_array_equal(np.asarray(got), A.T * 2)
    # several arguments: a tuple of per-argument prefixes
    got = mx.vmap(lambda t, y: t[0] + t[1] + y, in_axes=((0, None), None))((a, b), b)
    np.testing.assert_array_equal(np.asarray(got), A + 2 * B)
    got = mx.vmap(lambda l, y: l[0] + l[1] * y, in_axes=([0, 1], None))([a, a.T], b)
    np.testing.assert_array_equal(np.asarray(got), A + A * B)
    got = mx.vmap(lambda d, y: d["x"] - y, in_axes=({"x": 1}, None))({"x": a.T}, b)
    np.testing.assert_array_equal(np.asarray(got), A - B)
    got = mx.vmap(lambda x, s: x * s, in_axes=(0, None))(a, 3.0)  # a non-array unmapped argument
    np.testing.assert_array_equal(np.asarray(got), A * 3)


def test_out_axes_trees_and_unmapped_outputs():
    a, b = mx.array(A), mx.array(B)
    p, q = mx.vmap(lambda x: (x, x * 2), out_axes=(0, 1))(a)
    np.testing.assert_array_equal(np.asarray(p), A)
    np.testing.assert_array_equal(np.asarray(q), 2 * A.T)
    d = mx.vmap(lambda x: {"p": x, "q": [x * 2, x * 3]}, out_axes={"p": 1, "q": [0, -1]})(a)
    np.testing.assert_array_equal(np.asarray(d["p"]), A.T)
    np.testing.assert_array_equal(np.asarray(d["q"][0]), 2 * A)
    np.testing.assert_array_equal(np.asarray(d["q"][1]), 3 * A.T)
    got = mx.vmap(lambda x: x * 2, out_axes=(1,))(a)
    np.testing.assert_array_equal(np.asarray(got), 2 * A.T)
    # an output that depends on no mapped argument: broadcast along the batch axis,
    # or left as it is with out_axes None
    x2, y2 = mx.vmap(lambda x, y: (x * 2, y + 1), in_axes=(0, None), out_axes=(0, 1))(a, b)
    np.testing.assert_array_equal(np.asarray(y2), np.broadcast_to((B + 1)[:, None], (3, 2)))
    x2, y2 = mx.vmap(lambda x, y: (x * 2, y + 1), in_axes=(0, None), out_axes=(0, None))(a, b)
    np.testing.assert_array_equal(np.asarray(y2), B + 1)


def test_unmapped_arguments_broadcast_against_mapped_ones():
    a = mx.array(A)
    got = mx.vmap(lambda x, y: x * y, in_axes=(1, None))(a, mx.ones((4, 1)) * 2)
    np.testing.assert_array_equal(np.asarray(got), np.broadcast_to(2 * A.T[:, None, :], (3, 4, 2)))
    got = mx.vmap(lambda x, y: x + y, in_axes=(0, 1))(mx.ones((2, 3)), mx.array(np.arange(8.0).reshape(4, 2, 1)))
    want = np.stack([1 + np.arange(8.0).reshape(4, 2, 1)[:, i] for i in range(2)])
    np.testing.assert_array_equal(np.asarray(got), np.broadcast_to(want, (2, 4, 3)))
    got = mx.vmap(lambda c, x, y: mx.where(c, x, y), in_axes=(0, None, None))(a > 2, mx.ones((3,)), mx.zeros((2, 3)))
    want = np.stack([np.where(A[i] > 2, 1.0, np.zeros((2, 3))) for i in range(2)])
    np.testing.assert_array_equal(np.asarray(got), want)


def test_pad_inside_vmap_and_its_errors():
    a = mx.array(A)
    got = mx.vmap(lambda x: mx.pad(x, [(1, 2)], mode="edge"))(a)
    np.testing.assert_array_equal(np.asarray(got), np.stack([np.pad(r, (1, 2), mode="edge") for r in A]))
    got = mx.vmap(lambda x, v: mx.pad(x, 1, constant_values=v))(a, mx.array([7.0, 8.0]))
    np.testing.assert_array_equal(np.asarray(got), np.stack([np.pad(A[i], 1, constant_values=7 + i) for i in range(2)]))
    # the per-example rank decides, as in MLX: one (before, after) pair for a 1-d example
    with pytest.raises(ValueError, match=r"\[pad\].*pairs"):
        mx.vmap(lambda x: mx.pad(x, [(1, 2), (0, 0)]))(a)
    with pytest.raises(ValueError, match=r"\[pad\].*non-negative"):
        mx.vmap(lambda x: mx.pad(x, -1))(a)
    with pytest.raises(ValueError, match=r"\[pad\].*mode"):
        mx.vmap(lambda x: mx.pad(x, 1, mode="foo"))(a)


def test_vmap_of_a_long_chain():
    def f(x):
        for _ in range(100000):
            x = x * 1.0
        return x

    out = mx.vmap(f)(mx.array([1.0, 2.0, 3.0]))
    np.testing.assert_allclose(np.asarray(out), [1.0, 2.0, 3.0])


def test_custom_function_vmap_rule_is_used():
    calls = []

    @mx.custom_function
    def f(x, y):
        return x * y

    @f.vmap
    def f_vmap(inputs, axes):
        calls.append(axes)
        x, y = inputs
        if axes[0] != 0:
            x = mx.moveaxis(x, axes[0], 0)
        return x * y + 100, 0  # deliberately not x * y: proves the rule is used

    xs = mx.array(np.arange(6.0, dtype=np.float32).reshape(3, 2))
    y = mx.array(np.array([1.0, 2.0], np.float32))
    out = mx.vmap(f, in_axes=(0, None))(xs, y)
    np.testing.assert_allclose(np.asarray(out), np.arange(6.0).reshape(3, 2) * [1, 2] + 100)
    assert calls == [[0, None]]
    out = mx.vmap(f, in_axes=(1, None), out_axes=1)(mx.swapaxes(xs, 0, 1), y)
    assert out.shape == (2, 3)


def _scaled_sin():
    """sin(x) * y whose custom vjp / jvp are 10x / 100x the true ones (so a test
    sees which rule ran)."""

    @mx.custom_function
    def f(x, y):
        return mx.sin(x) * y

    @f.vjp
    def f_vjp(primals, cotangent, output):
        x, y = primals
        return cotangent * mx.cos(x) * y * 10, cotangent * mx.sin(x) * 10

    @f.jvp
    def f_jvp(primals, tangents):
        x, y = primals
        tx, ty = tangents
        return tx * mx.cos(x) * y * 100 + ty * mx.sin(x) * 100

    return f


X = np.arange(6.0, dtype=np.float32).reshape(2, 3) / 4
Y = np.array([1.0, -2.0, 3.0], np.float32)


def test_custom_function_with_derivatives_inside_vmap():
    f = _scaled_sin()
    got = mx.vmap(lambda x, y: f(x, y) + 1, in_axes=(0, None))(mx.array(X), mx.array(Y))
    np.testing.assert_allclose(np.asarray(got), np.sin(X) * Y + 1, rtol=1e-6)
    got = mx.vmap(lambda x, y: f(x, y), in_axes=(1, 0), out_axes=1)(mx.array(X), mx.array(X.T))
    np.testing.assert_allclose(np.asarray(got), np.sin(X) * X, rtol=1e-6)
    got = mx.vmap(f)(mx.array(X), mx.array(X))  # no @f.vmap rule: f itself is batched
    np.testing.assert_allclose(np.asarray(got), np.sin(X) * X, rtol=1e-6)


def test_custom_derivatives_survive_vmap_in_both_orders():
    f = _scaled_sin()
    want = 10 * np.cos(X) * Y
    per_example = mx.grad(lambda x, y: mx.sum(f(x, y)))
    got = mx.vmap(per_example, in_axes=(0, None))(mx.array(X), mx.array(Y))
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-5)
    # vmap inside grad: the batched node keeps the custom vjp
    loss = lambda x, y: mx.sum(mx.vmap(f, in_axes=(0, None))(x, y))
    gx, gy = mx.grad(loss, argnums=(0, 1))(mx.array(X), mx.array(Y))
    np.testing.assert_allclose(np.asarray(gx), want, rtol=1e-5)
    np.testing.assert_allclose(np.asarray(gy), 10 * np.sin(X).sum(0), rtol=1e-5)
    t = np.ones_like(X)
    _, (jt,) = mx.jvp(lambda x: mx.vmap(lambda z: f(z, z))(x), [mx.array(X)], [mx.array(t)])
    np.testing.assert_allclose(np.asarray(jt), 100 * (np.cos(X) * X + np.sin(X)), rtol=1e-5)
    tan = mx.vmap(lambda x, t: mx.jvp(lambda z: f(z, z), [x], [t])[1][0])(mx.array(X), mx.array(t))
    np.testing.assert_allclose(np.asarray(tan), 100 * (np.cos(X) * X + np.sin(X)), rtol=1e-5)


def test_checkpoint_inside_vmap_and_nested_vmap_of_custom_function():
    f = _scaled_sin()
    g = mx.vmap(mx.grad(lambda x: mx.sum(mx.checkpoint(lambda z: mx.sin(z) * z)(x))))(mx.array(X))
    np.testing.assert_allclose(np.asarray(g), np.cos(X) * X + np.sin(X), rtol=1e-5)
    x3 = np.arange(12.0, dtype=np.float32).reshape(2, 2, 3) / 5
    inner = mx.vmap(mx.grad(lambda x: mx.sum(f(x, x))))
    got = mx.vmap(inner)(mx.array(x3))
    np.testing.assert_allclose(np.asarray(got), 10 * (np.cos(x3) * x3 + np.sin(x3)), rtol=1e-5)


def test_vmap_over_a_batch_of_random_keys_matches_a_loop():
    keys = mx.random.split(mx.random.key(7), 4)
    loop = lambda f: np.stack([np.asarray(f(keys[i])) for i in range(4)])
    draw = lambda k: mx.random.uniform(shape=(2, 3), key=k)
    np.testing.assert_array_equal(np.asarray(mx.vmap(draw)(keys)), loop(draw))
    bits8 = lambda k: mx.random.bits((3,), width=8, key=k)
    np.testing.assert_array_equal(np.asarray(mx.vmap(bits8)(keys)), loop(bits8))
    split = lambda k: mx.random.split(k, 3)
    np.testing.assert_array_equal(np.asarray(mx.vmap(split)(keys)), loop(split))
    # keys along axis 1, batch out at axis 1, with a mapped data argument beside them
    got = mx.vmap(lambda x, k: x + mx.random.normal((5,), key=k), in_axes=(0, 1), out_axes=1)(
        mx.ones((4, 5)), keys.T)
    want = 1 + loop(lambda k: mx.random.normal((5,), key=k))
    np.testing.assert_allclose(np.asarray(got), want.T, rtol=1e-6)


def test_nested_vmap_over_random_keys():
    keys = mx.random.split(mx.random.key(1), 6).reshape(2, 3, 2)
    got = mx.vmap(mx.vmap(lambda k: mx.random.bits((2,), key=k)))(keys)
    want = [[np.asarray(mx.random.bits((2,), key=keys[i, j])) for j in range(3)] for i in range(2)]
    np.testing.assert_array_equal(np.asarray(got), np.array(want))


def test_vmapped_random_keys_export_and_import():
    import io

    draw = mx.vmap(lambda k: mx.random.uniform(shape=(3,), key=k))
    keys = mx.random.split(mx.random.key(2), 4)
    buf = io.BytesIO()
    mx.export_function(buf, draw, keys)
    buf.seek(0)
    got = mx.import_function(buf)(keys)
    got = got[0] if isinstance(got, (list, tuple)) else got
    np.testing.assert_array_equal(np.asarray(got), np.asarray(draw(keys)))


def test_vmap_over_an_empty_batch():
    # MLX maps over an axis of size 0: the results have a batch of 0.
    assert mx.vmap(lambda x: x * 2)(mx.ones((0, 3))).shape == (0, 3)
    got = mx.vmap(lambda x, w: x @ w, in_axes=(0, None))(mx.ones((0, 2, 3)), mx.ones((3, 4)))
    assert got.shape == (0, 2, 4) and np.asarray(got).size == 0
    assert mx.vmap(lambda x: mx.sum(x), in_axes=1)(mx.ones((3, 0))).shape == (0,)
    x2, y = mx.vmap(lambda x, y: (x * 2, y + 1), in_axes=(0, None))(mx.ones((0, 3)), mx.ones(2))
    assert x2.shape == (0, 3) and y.shape == (0, 2)
