"""mx.custom_function (custom vjp / jvp rules) and mx.checkpoint (recomputation)."""

import gc

import numpy as np
import pytest

import mxgraph.core as mx
from harness import OpCase, check_grads


def _np(a):
    return np.array(a)


# --- custom_function -------------------------------------------------------------------

def make_f():
    @mx.custom_function
    def f(x, y):
        return mx.sin(x) * y

    return f


def test_call_without_rules_is_the_function():
    f = make_f()
    x, y = mx.array([0.5, 1.0]), mx.array([2.0, 3.0])
    np.testing.assert_allclose(_np(f(x, y)), np.sin([0.5, 1.0]) * [2.0, 3.0], rtol=1e-6)
    assert f.__name__ == "f"


def test_custom_vjp_is_used_by_grad():
    f = make_f()

    @f.vjp
    def f_vjp(primals, cotangent, output):  # deliberately not the true derivative
        x, y = primals
        return cotangent * 100.0, cotangent * y * 7.0

    x, y = mx.array([0.5, 1.0]), mx.array([2.0, 3.0])
    np.testing.assert_allclose(_np(f(x, y)), np.sin([0.5, 1.0]) * [2.0, 3.0], rtol=1e-6)
    gx, gy = mx.grad(lambda x, y: f(x, y).sum(), argnums=(0, 1))(x, y)
    np.testing.assert_allclose(_np(gx), [100.0, 100.0])
    np.testing.assert_allclose(_np(gy), [14.0, 21.0])
    # The rule gets the cotangent that reaches the function, and its outputs.
    seen = {}

    @f.vjp
    def f_vjp2(primals, cotangent, output):
        seen["cot"], seen["out"] = _np(cotangent), _np(output)
        return cotangent, cotangent

    mx.grad(lambda x: (3.0 * f(x, y)).sum())(x)
    np.testing.assert_allclose(seen["cot"], [3.0, 3.0])
    np.testing.assert_allclose(seen["out"], np.sin([0.5, 1.0]) * [2.0, 3.0], rtol=1e-6)


def test_vjp_decorator_returns_the_custom_function():
    f = make_f()
    g = f.vjp(lambda p, c, o: (c, c))
    assert g is f


def test_custom_vjp_single_argument_gets_the_argument_itself():
    @mx.custom_function
    def f(x):
        return mx.exp(x)

    @f.vjp
    def f_vjp(x, dx, fx):
        assert isinstance(x, mx.array)
        return dx * 2.0

    g = mx.grad(lambda x: f(x).sum())(mx.array([1.0, 2.0]))
    np.testing.assert_allclose(_np(g), [2.0, 2.0])


def test_custom_jvp_is_used_by_jvp():
    f = make_f()

    @f.jvp
    def f_jvp(primals, tangents):
        x, y = primals
        dx, dy = tangents
        return dx * 5.0 + dy * 0.5

    x, y = mx.array([0.5, 1.0]), mx.array([2.0, 3.0])
    out, tan = mx.jvp(f, [x, y], [mx.ones(2), mx.ones(2)])
    np.testing.assert_allclose(_np(out[0]), np.sin([0.5, 1.0]) * [2.0, 3.0], rtol=1e-6)
    np.testing.assert_allclose(_np(tan[0]), [5.5, 5.5])


def test_custom_jvp_missing_tangent_is_none():
    f = make_f()
    got = {}

    @f.jvp
    def f_jvp(primals, tangents):
        got["t"] = tangents
        return tangents[0] * 2.0

    y = mx.array([2.0, 3.0])
    _, tan = mx.jvp(lambda x: f(x, y), [mx.array([0.5, 1.0])], [mx.ones(2)])
    assert got["t"][1] is None
    np.testing.assert_allclose(_np(tan[0]), [2.0, 2.0])


def test_fallback_when_only_one_rule_is_given():
    x, y = mx.array([0.5, 1.0]), mx.array([2.0, 3.0])
    f = make_f()
    f.vjp(lambda p, c, o: (c * 100.0, c * 100.0))
    # jvp falls back to differentiating the function.
    _, tan = mx.jvp(f, [x, y], [mx.ones(2), mx.zeros(2)])
    np.testing.assert_allclose(_np(tan[0]), np.cos([0.5, 1.0]) * [2.0, 3.0], rtol=1e-6)
    g = make_f()
    g.jvp(lambda p, t: t[0] * 100.0)
    # vjp falls back to differentiating the function.
    gx = mx.grad(lambda x: g(x, y).sum())(x)
    np.testing.assert_allclose(_np(gx), np.cos([0.5, 1.0]) * [2.0, 3.0], rtol=1e-6)


def test_identity_and_constant_outputs():
    @mx.custom_function
    def f(x):
        return x, mx.array(2.0)

    @f.vjp
    def f_vjp(x, cotangents, outputs):
        return cotangents[0] * 3.0 + cotangents[1]

    x = mx.array([1.0, 2.0])
    g = mx.grad(lambda x: f(x)[0].sum() + f(x)[1])(x)
    np.testing.assert_allclose(_np(g), [4.0, 4.0])


def test_trees_of_arguments_and_outputs():
    @mx.custom_function
    def f(params, x):
        return {"a": params["w"] * x, "b": [params["b"] + x, params["w"] * 2.0]}

    @f.vjp
    def f_vjp(primals, cotangents, outputs):
        params, x = primals
        assert set(cotangents) == {"a", "b"} and len(cotangents["b"]) == 2
        np.testing.assert_allclose(_np(outputs["b"][1]), _np(params["w"]) * 2.0)
        ca, (cb0, cb1) = cotangents["a"], cotangents["b"]
        return ({"w": ca * 10.0, "b": cb0 * 20.0}, ca * 30.0 + cb0 * 40.0)

    params = {"w": mx.array([1.0, 2.0]), "b": mx.array([3.0, 4.0])}
    x = mx.array([5.0, 6.0])
    out = f(params, x)
    assert set(out) == {"a", "b"}
    np.testing.assert_allclose(_np(out["b"][0]), [8.0, 10.0])

    def loss(params, x):
        o = f(params, x)
        return o["a"].sum() + 2.0 * o["b"][0].sum() + o["b"][1].sum()

    gp, gx = mx.grad(loss, argnums=(0, 1))(params, x)
    np.testing.assert_allclose(_np(gp["w"]), [10.0, 10.0])
    np.testing.assert_allclose(_np(gp["b"]), [40.0, 40.0])
    np.testing.assert_allclose(_np(gx), [110.0, 110.0])


def test_keyword_arguments_reach_the_vjp():
    @mx.custom_function
    def f(x, scale=None):
        return x * scale

    @f.vjp
    def f_vjp(x, cot, out, scale=None):
        return cot * scale * 2.0

    g = mx.grad(lambda x: f(x, scale=mx.array(3.0)).sum())(mx.array([1.0, 1.0]))
    np.testing.assert_allclose(_np(g), [6.0, 6.0])


def test_nested_grad_through_custom_vjp():
    @mx.custom_function
    def f(x):
        return x * x

    @f.vjp
    def f_vjp(x, cot, out):
        return cot * x * x * x  # d/dx of the rule: 3x^2 * cot

    x = mx.array(2.0)
    g = mx.grad(lambda x: f(x))(x)
    gg = mx.grad(mx.grad(lambda x: f(x)))(x)
    assert g.item() == pytest.approx(8.0)
    assert gg.item() == pytest.approx(12.0)


def test_captured_arrays_are_constants():
    def outer(x, y):
        @mx.custom_function
        def f(x):
            return x * y

        @f.vjp
        def f_vjp(x, cot, out):
            return cot * 2.0

        return f(x).sum()

    x, y = mx.array([1.0, 2.0]), mx.array([3.0, 4.0])
    gx, gy = mx.grad(outer, argnums=(0, 1))(x, y)
    np.testing.assert_allclose(_np(gx), [2.0, 2.0])
    np.testing.assert_allclose(_np(gy), [0.0, 0.0])


def test_vmap_rule_is_stored():
    f = make_f()
    rule = lambda inputs, axes: (mx.sin(inputs[0]) * inputs[1], axes[0])  # noqa: E731
    assert f.vmap(rule) is f
    assert f._vmap is rule
    x = mx.array([1.0])
    np.testing.assert_allclose(_np(f(x, x)), np.sin(1.0), rtol=1e-6)


def test_errors():
    with pytest.raises(TypeError, match="callable"):
        mx.custom_function(3)
    f = make_f()
    with pytest.raises(TypeError, match="callable"):
        f.vjp(None)
    x, y = mx.array([0.5, 1.0]), mx.array([2.0, 3.0])
    f.vjp(lambda p, c, o: (c,))  # one cotangent for two primals
    with pytest.raises(ValueError, match="custom_function"):
        mx.grad(lambda x: f(x, y).sum())(x)
    f.vjp(lambda p, c, o: (mx.ones(3), c))  # wrong shape
    with pytest.raises(ValueError, match="shape"):
        mx.grad(lambda x: f(x, y).sum())(x)
    g = make_f()
    g.jvp(lambda p, t: t[0])

    with pytest.raises(ValueError, match="positional"):
        mx.jvp(lambda x: g(x, y=y), [x], [x])
    with pytest.raises(TypeError, match="callable"):
        mx.checkpoint(None)


# --- checkpoint ------------------------------------------------------------------------

def block(x):
    return mx.exp(mx.sin(x) * 0.5) + x * x


def test_checkpoint_values_and_gradients():
    c = mx.checkpoint(block)
    x = mx.array(np.linspace(-1, 1, 7), dtype=mx.float32)
    np.testing.assert_allclose(_np(c(x)), _np(block(x)), rtol=1e-6)
    g1 = mx.grad(lambda x: c(c(x)).sum())(x)
    g2 = mx.grad(lambda x: block(block(x)).sum())(x)
    np.testing.assert_allclose(_np(g1), _np(g2), rtol=1e-6)
    gg1 = mx.grad(lambda x: mx.grad(lambda x: c(x).sum())(x).sum())(x)
    gg2 = mx.grad(lambda x: mx.grad(lambda x: block(x).sum())(x).sum())(x)
    np.testing.assert_allclose(_np(gg1), _np(gg2), rtol=1e-5)


CKPT = OpCase("checkpoint", np_fn=None, arity=2, shapes=[((3, 4), (4,)), ((), ())],
              mx_fn=lambda x, y: mx.checkpoint(lambda a, b: block(a) * b)(x, y))


def test_checkpoint_against_finite_differences():
    check_grads(CKPT)


def test_checkpoint_trees_and_kwargs():
    @mx.checkpoint
    def f(d, scale=1.0):
        return {"s": mx.sin(d["x"]) * d["y"] * scale}

    x, y = mx.array([0.5, 1.0]), mx.array([2.0, 3.0])
    out = f({"x": x, "y": y}, scale=2.0)
    np.testing.assert_allclose(_np(out["s"]), np.sin([0.5, 1.0]) * [4.0, 6.0], rtol=1e-6)
    g = mx.grad(lambda d: f(d, scale=2.0)["s"].sum())({"x": x, "y": y})
    np.testing.assert_allclose(_np(g["x"]), np.cos([0.5, 1.0]) * [4.0, 6.0], rtol=1e-6)
    np.testing.assert_allclose(_np(g["y"]), np.sin([0.5, 1.0]) * 2.0, rtol=1e-6)


def _grad_peak(blk, x, blocks=8):
    def loss(x):
        for _ in range(blocks):
            x = blk(x)
        return x.sum()

    g = mx.grad(loss)(x)
    gc.collect()  # release Python-side cycles before measuring evaluation alone
    mx.clear_cache()
    mx.reset_peak_memory()
    base = mx.get_active_memory()
    mx.eval(g)
    return mx.get_peak_memory() - base, g


def test_checkpoint_lowers_peak_memory():
    def chain(x):
        for _ in range(8):
            x = mx.sin(x)
        return x

    n = 1 << 18  # 1 MiB of float32 per activation
    x = mx.arange(n).astype(mx.float32) * 1e-6
    mx.eval(x)
    plain, g1 = _grad_peak(chain, x)
    ckpt, g2 = _grad_peak(mx.checkpoint(chain), x)
    np.testing.assert_allclose(_np(g1), _np(g2), rtol=1e-6)
    # 8 blocks x 8 activations are all live without checkpoints; with them, the
    # block boundaries plus one block's recomputed activations.
    assert plain > 48 * (n * 4)
    assert ckpt < plain / 2, (ckpt, plain)


def test_checkpoint_of_a_million_op_chain():
    def chain(x):
        for _ in range(1_000_000):
            x = x + 1.0
        return x

    x = mx.array([0.0, 1.0])
    c = mx.checkpoint(chain)
    y = c(x)
    np.testing.assert_allclose(_np(y), [1e6, 1e6 + 1])
    g = mx.grad(lambda x: c(x).sum())(x)
    np.testing.assert_allclose(_np(g), [1.0, 1.0])
