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


@pytest.mark.parametrize("call, match", [
    (lambda: mx.vmap(lambda a, b: a + b)(mx.ones((3,)), mx.ones((4,))), "different sizes"),
    (lambda: mx.vmap(lambda a: a)(mx.array(1.0)), "0-d"),
    (lambda: mx.vmap(lambda a: a, in_axes=2)(mx.ones((3, 4))), "out of range"),
    (lambda: mx.vmap(lambda a, b: a + b, in_axes=(0,))(mx.ones((3,)), mx.ones((3,))), "entries"),
    (lambda: mx.vmap(lambda a: a, in_axes=None)(mx.ones((3,))), "At least one"),
    (lambda: mx.vmap(lambda d: d["x"], in_axes=({"y": 0},))({"x": mx.ones((3,))}), "keys"),
])
def test_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


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
