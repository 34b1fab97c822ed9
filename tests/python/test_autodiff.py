"""mx.grad, mx.value_and_grad, mx.vjp, mx.jvp and mx.stop_gradient with MLX's
semantics: argument trees, argnums/argnames, aux outputs, higher order, evaluation
inside the differentiated function, long chains and bad input."""

import numpy as np
import pytest

import mxgraph.core as mx


def total(x):
    """Sum of all elements as a 0-d array, through matmul (differentiable twice)."""
    flat = x.reshape(-1)
    return flat @ mx.ones(flat.shape, dtype=x.dtype)


def f64(x):
    return mx.array(x, dtype=mx.float64)


def close(got, want, rtol=1e-12, atol=1e-12):
    if isinstance(got, mx.array):
        got = got.astype(mx.float64)  # NumPy refuses bfloat16 buffers (as with MLX)
    np.testing.assert_allclose(np.asarray(got), want, rtol=rtol, atol=atol)


RNG = np.random.default_rng(0)
X = RNG.uniform(-2, 2, size=(3, 4))
Y = RNG.uniform(-2, 2, size=(3, 4))


# --- argument trees -------------------------------------------------------------

def test_grad_of_nested_tree_has_the_same_structure():
    params = {"w": f64(X), "layers": [f64(Y), (f64(2.0), f64(3.0))]}

    def loss(p):
        a, b = p["layers"][1]
        return total(p["w"] * p["layers"][0]) * a + b * b

    g = mx.grad(loss)(params)
    assert isinstance(g, dict) and set(g) == {"w", "layers"}
    assert isinstance(g["layers"], list) and isinstance(g["layers"][1], tuple)
    close(g["w"], 2.0 * Y)
    close(g["layers"][0], 2.0 * X)
    close(g["layers"][1][0], np.sum(X * Y))
    close(g["layers"][1][1], 6.0)
    assert g["w"].dtype == mx.float64 and g["w"].shape == (3, 4)


def test_grad_of_empty_containers():
    g = mx.grad(lambda x, d: total(x * x), argnums=1)(f64(X), {})
    assert g == {}


def test_namedtuple_argument_keeps_its_type():
    from collections import namedtuple

    P = namedtuple("P", "a b")
    g = mx.grad(lambda p: p.a * p.b)(P(f64(2.0), f64(5.0)))
    assert isinstance(g, P)
    close(g.a, 5.0)
    close(g.b, 2.0)


def test_container_subclasses_come_back_as_plain_containers():
    from collections import OrderedDict

    class Params(dict):
        pass

    class Pair(list):
        pass

    g = mx.grad(lambda p: p["a"] * p["b"][0])(Params(a=f64(2.0), b=Pair([f64(3.0)])))
    assert type(g) is dict and type(g["b"]) is list
    close(g["a"], 3.0)
    g = mx.grad(lambda p: p["a"] * 2.0)(OrderedDict(a=f64(1.0)))
    close(g["a"], 2.0)


# --- argnums and argnames -------------------------------------------------------

def f_xyz(x, y, z):
    return total(x * y * y + 3.0 * z)


def test_argnums_forms():
    x, y, z = f64(X), f64(Y), f64(np.ones((3, 4)))
    gx = mx.grad(f_xyz)(x, y, z)  # default: argument 0, a bare array
    assert isinstance(gx, mx.array)
    close(gx, Y * Y)
    g1 = mx.grad(f_xyz, argnums=1)(x, y, z)
    close(g1, 2 * X * Y)
    # One argnum in a list still gives the bare gradient (MLX).
    assert isinstance(mx.grad(f_xyz, argnums=[2])(x, y, z), mx.array)
    g = mx.grad(f_xyz, argnums=(0, 2))(x, y, z)
    assert isinstance(g, tuple) and len(g) == 2
    close(g[0], Y * Y)
    close(g[1], np.full((3, 4), 3.0))
    g = mx.grad(f_xyz, argnums=[2, 0])(x, y, z)  # in the order asked for
    close(g[0], np.full((3, 4), 3.0))
    close(g[1], Y * Y)


def test_argnames_give_positional_and_named_gradients():
    def f(x, *, w, b, scale=2.0):
        return total(x * w) * scale + total(b)

    x, w, b = f64(X), f64(Y), f64(np.zeros((3, 4)))
    pos, named = mx.grad(f, argnames="w")(x, w=w, b=b)
    assert pos is None and set(named) == {"w"}
    close(named["w"], 2.0 * X)
    pos, named = mx.grad(f, argnums=0, argnames=["w", "b"])(x, w=w, b=b, scale=3.0)
    close(pos, 3.0 * Y)
    close(named["w"], 3.0 * X)
    close(named["b"], np.ones((3, 4)))
    pos, named = mx.grad(f, argnums=(0,), argnames=("b",))(x, w=w, b=b)
    assert isinstance(pos, mx.array)
    (v, (pos, named)) = mx.value_and_grad(f, argnums=[], argnames="w")(x, w=w, b=b)
    close(v, 2.0 * np.sum(X * Y))
    assert pos is None


def test_same_array_in_two_arguments_gets_two_gradients():
    x = f64(3.0)
    gx, gy = mx.grad(lambda a, b: a * b * b, argnums=(0, 1))(x, x)
    close(gx, 9.0)
    close(gy, 18.0)


def test_module_first_form_delegates_to_nn(monkeypatch):
    # mx.value_and_grad(model, loss_fn) (the lazy-evaluation guide) is nn.value_and_grad.
    import sys
    import types

    import mxgraph

    calls = []
    fake = types.ModuleType("mxgraph.nn")
    fake.value_and_grad = lambda model, fn: calls.append((model, fn)) or "delegated"
    monkeypatch.setitem(sys.modules, "mxgraph.nn", fake)
    monkeypatch.setattr(mxgraph, "nn", fake, raising=False)

    class Model:
        def trainable_parameters(self):
            return {}

        def __call__(self, x):
            return x

    model, loss_fn = Model(), lambda m, x: x
    assert mx.value_and_grad(model, loss_fn) == "delegated"
    assert calls == [(model, loss_fn)]


# --- outputs and aux ------------------------------------------------------------

def test_value_and_grad_with_aux():
    def loss(x, y):
        err = x * y
        return total(err * err), err, {"n": 3, "mean": total(err) / 12.0}

    x, y = f64(X), f64(Y)
    (value, err, stats), g = mx.value_and_grad(loss)(x, y)
    close(value, np.sum((X * Y) ** 2))
    close(err, X * Y)
    assert stats["n"] == 3
    close(stats["mean"], np.mean(X * Y))
    close(g, 2 * X * Y * Y)  # aux does not contribute
    with pytest.raises(ValueError, match=r"\[grad\].*scalar array.*tuple"):  # grad takes no aux (MLX)
        mx.grad(loss)(x, y)
    with pytest.raises(ValueError, match=r"\[value_and_grad\].*list"):  # aux needs a tuple (MLX)
        mx.value_and_grad(lambda x, y: list(loss(x, y)))(x, y)


def test_value_and_grad_plain_value():
    value, g = mx.value_and_grad(lambda x: mx.sin(x) * x)(f64(0.5))
    assert isinstance(value, mx.array)
    close(value, np.sin(0.5) * 0.5)
    close(g, np.cos(0.5) * 0.5 + np.sin(0.5))


def test_unused_inputs_get_zeros_of_their_shape_and_dtype():
    x = f64(X)
    u16 = mx.array(np.ones((2, 5)), dtype=mx.float16)
    u32 = {"k": mx.ones((7,))}
    gx, g16, g32 = mx.grad(lambda x, a, b: total(x * x), argnums=(0, 1, 2))(x, u16, u32)
    close(gx, 2 * X)
    assert g16.shape == (2, 5) and g16.dtype == mx.float16
    assert np.all(np.asarray(g16) == 0)
    assert g32["k"].shape == (7,) and g32["k"].dtype == mx.float32
    assert np.all(np.asarray(g32["k"]) == 0)
    # A loss that does not depend on x at all.
    g = mx.grad(lambda x, y: total(y))(mx.ones((2, 3)), mx.ones((2,)))
    assert g.shape == (2, 3) and np.all(np.asarray(g) == 0)


def test_gradient_dtype_follows_the_input():
    for dt in (mx.float16, mx.bfloat16, mx.float32, mx.float64):
        x = mx.array(np.linspace(-1, 1, 6), dtype=dt)
        g = mx.grad(lambda x: total(x * x))(x)
        assert g.dtype == dt
        close(g, 2 * np.asarray(x.astype(mx.float64)), rtol=1e-2, atol=1e-2)


def test_closure_constants_are_not_differentiated():
    c = f64(Y)
    close(mx.grad(lambda x: total(x * c))(f64(X)), Y)


# --- stop_gradient --------------------------------------------------------------

def test_stop_gradient_blocks_reverse_and_forward():
    x = f64(1.5)
    f = lambda x: mx.stop_gradient(x * x) * x + mx.stop_gradient(mx.sin(x))
    close(f(x), 1.5 ** 3 + np.sin(1.5))
    close(mx.grad(f)(x), 1.5 ** 2)  # only the unstopped factor x
    _, (t,) = mx.jvp(f, [x], [f64(1.0)])
    close(t, 1.5 ** 2)
    _, (v,) = mx.vjp(f, [x], [f64(2.0)])
    close(v, 2 * 1.5 ** 2)
    g = mx.grad(lambda x: total(mx.stop_gradient(x) * 2.0))(f64(X))
    assert np.all(np.asarray(g) == 0) and g.shape == (3, 4)
    _, (t,) = mx.jvp(mx.stop_gradient, [f64(X)], [f64(Y)])
    assert np.all(np.asarray(t) == 0) and t.shape == (3, 4)


# --- vjp and jvp ----------------------------------------------------------------

def test_vjp_and_jvp_of_several_inputs_and_outputs():
    def f(x, y):
        return x * y, mx.sin(x)

    x, y = f64(X), f64(Y)
    u1, u2 = f64(np.ones((3, 4))), f64(np.full((3, 4), 2.0))
    outs, (gx, gy) = mx.vjp(f, [x, y], [u1, u2])
    assert isinstance(outs, list) and len(outs) == 2
    close(outs[0], X * Y)
    close(gx, Y + 2 * np.cos(X))
    close(gy, X)
    outs, (t1, t2) = mx.jvp(f, (x, y), (u1, u2))
    close(t1, Y + 2 * X)
    close(t2, np.cos(X))


def test_vjp_single_output_and_cotangent_dtype_cast():
    outs, (g,) = mx.vjp(lambda x: x * 3.0, [mx.ones((2,))], [f64(np.ones(2))])
    assert g.dtype == mx.float32
    close(g, [3.0, 3.0])
    outs, (t,) = mx.jvp(lambda x: [x * x], [mx.ones((2,))], [mx.ones((2,))])
    close(t, [2.0, 2.0])


# --- higher order ---------------------------------------------------------------

@pytest.mark.parametrize("f, d1, d2", [
    (lambda x: x ** 3, lambda x: 3 * x ** 2, lambda x: 6 * x),
    (mx.sin, np.cos, lambda x: -np.sin(x)),
    (mx.tanh, lambda x: 1 - np.tanh(x) ** 2, lambda x: -2 * np.tanh(x) * (1 - np.tanh(x) ** 2)),
    (lambda x: mx.exp(x) * mx.sin(x), lambda x: np.exp(x) * (np.sin(x) + np.cos(x)),
     lambda x: 2 * np.exp(x) * np.cos(x)),
], ids=["cube", "sin", "tanh", "exp_sin"])
def test_second_derivatives(f, d1, d2):
    for x0 in (-1.3, 0.2, 0.9):
        close(mx.grad(f)(f64(x0)), d1(x0), rtol=1e-10)
        close(mx.grad(mx.grad(f))(f64(x0)), d2(x0), rtol=1e-10)


def test_third_derivative_and_mixed_partials():
    close(mx.grad(mx.grad(mx.grad(lambda x: x ** 3)))(f64(0.7)), 6.0, rtol=1e-10)
    # f = x y^2: d2f/dxdy = 2y, d2f/dy2 = 2x.
    f = lambda x, y: x * y * y
    x, y = f64(1.5), f64(-0.5)
    close(mx.grad(lambda x, y: mx.grad(f, argnums=0)(x, y), argnums=1)(x, y), -1.0)
    close(mx.grad(lambda x, y: mx.grad(f, argnums=1)(x, y), argnums=1)(x, y), 3.0)


def test_forward_over_reverse_hessian_vector_product():
    # f(x) = sum(sin(x) x^2) has a diagonal Hessian: f'' = 2 sin x + 4 x cos x - x^2 sin x.
    f = lambda x: total(mx.sin(x) * x * x)
    v = RNG.standard_normal((3, 4))
    _, (hv,) = mx.jvp(mx.grad(f), [f64(X)], [f64(v)])
    h = 2 * np.sin(X) + 4 * X * np.cos(X) - X * X * np.sin(X)
    close(hv, h * v, rtol=1e-10)
    # A dense Hessian: f(x) = (x.x)^2, H = 4 (x.x) I + 8 x x^T.
    x0, w = RNG.standard_normal(5), RNG.standard_normal(5)
    g = lambda x: (x @ x) ** 2
    _, (hv,) = mx.jvp(mx.grad(g), [f64(x0)], [f64(w)])
    close(hv, 4 * (x0 @ x0) * w + 8 * x0 * (x0 @ w), rtol=1e-10)
    # Reverse over forward gives the same product.
    rof = mx.grad(lambda x: mx.jvp(g, [x], [f64(w)])[1][0])(f64(x0))
    close(rof, 4 * (x0 @ x0) * w + 8 * x0 * (x0 @ w), rtol=1e-10)


def test_transform_values_inside_an_outer_grad():
    # The value of an inner value_and_grad / vjp / jvp stays differentiable.
    x = f64(2.0)
    close(mx.grad(lambda x: mx.value_and_grad(lambda y: y ** 3)(x)[0])(x), 12.0)
    # ... also through a closure over the outer variable.
    close(mx.grad(lambda w: mx.value_and_grad(lambda z: z * z * w)(x)[0])(f64(3.0)), 4.0)
    close(mx.grad(lambda w: mx.vjp(lambda z: z * w, [x], [f64(1.0)])[0][0])(f64(3.0)), 2.0)
    close(mx.grad(lambda w: mx.jvp(lambda z: z * w, [x], [f64(1.0)])[0][0])(f64(3.0)), 2.0)


# --- evaluation inside the function ---------------------------------------------

def test_evaluating_intermediates_keeps_the_gradient(capsys):
    seen = []

    def f(x):
        y = mx.sin(x) * x
        mx.eval(y)                       # explicit
        seen.append(total(y).item())    # .item() of something derived
        print(y)                         # printing
        z = y * y
        np.asarray(z)                    # NumPy conversion
        return total(z)

    x = f64(X)
    value, g = mx.value_and_grad(f)(x)
    y = np.sin(X) * X
    close(value, np.sum(y * y))
    close(g, 2 * y * (np.cos(X) * X + np.sin(X)), rtol=1e-10)
    assert seen and abs(seen[0] - np.sum(y)) < 1e-9
    assert capsys.readouterr().out.strip()  # the print ran


def test_evaluating_inside_higher_order_grad():
    def f(x):
        y = x ** 3
        mx.eval(y)
        y.item()
        return y

    d1 = mx.grad(f)
    close(mx.grad(lambda x: mx.eval(d1(x)) or d1(x))(f64(1.5)), 9.0)
    close(mx.grad(d1)(f64(1.5)), 9.0)


def test_gradient_results_are_plain_after_evaluation():
    x = f64(X)
    g = mx.grad(lambda x: total(x * x))(x)
    mx.eval(g)
    close(g, 2 * X)
    close(g + 1.0, 2 * X + 1.0)


def test_training_loop_memory_stays_flat():
    # Gradients leave the transform as plain arrays: evaluating them frees the traced
    # graph, so memory does not grow with the steps (no reference cycles either:
    # the garbage collector is off).
    import gc

    t = mx.ones((1000,))
    loss = lambda p: (p["w"] * p["w"]) @ t + total(mx.sin(p["b"]))
    params = {"w": mx.ones((1000,)), "b": mx.zeros((500,))}
    seen = []
    gc.disable()
    try:
        for step in range(30):
            (value, aux), g = mx.value_and_grad(lambda p: (loss(p), p["w"] * 2.0))(params)
            params = {k: params[k] - 0.001 * g[k] for k in params}
            mx.eval(params, value, aux)
            del value, aux, g
            if step in (5, 29):
                seen.append(mx.get_active_memory())
    finally:
        gc.enable()
    assert seen[0] == seen[1]


# --- long chains ----------------------------------------------------------------

def test_grad_of_a_million_op_chain():
    def f(x):
        for _ in range(500_000):
            x = x * 1.0 + 0.0
        return x

    value, g = mx.value_and_grad(f)(mx.array(2.0))
    assert value.item() == 2.0
    assert g.item() == 1.0


# --- bad input ------------------------------------------------------------------

def test_non_scalar_output():
    with pytest.raises(ValueError, match="scalar"):
        mx.grad(lambda x: x * x)(mx.ones((3,)))
    with pytest.raises(ValueError, match="scalar"):
        mx.value_and_grad(lambda x: (x * x, x))(mx.ones((2, 2)))
    with pytest.raises(ValueError, match=r"scalar \(0-d\).*\(1,\)"):  # one element is not 0-d (MLX)
        mx.grad(lambda x: mx.sum(x, keepdims=True))(mx.ones((3,)))


def test_integer_arguments_are_accepted():
    # MLX differentiates integer arguments; their gradients keep the argument's dtype.
    x, i = f64(X), mx.array([[1, 2], [3, 4]])
    g = mx.grad(lambda a, b: total(a * a) + mx.sum(b * b), argnums=(0, 1))(x, i)
    close(g[0], 2 * X)
    assert g[1].dtype == mx.int32
    np.testing.assert_array_equal(np.array(g[1]), 2 * np.array([[1, 2], [3, 4]]))
    gk = mx.grad(lambda *, k: mx.sum(k * k), argnames="k")(k=mx.array([1, 2]))[1]["k"]
    np.testing.assert_array_equal(np.array(gk), [2, 4])
    # cotangents pass through integer sums, scans and sorts as in MLX
    i3 = mx.array([3, 1, 2])
    _, (gc,) = mx.vjp(lambda v: mx.cumsum(v), [i3], [mx.ones(3, dtype=mx.int32)])
    np.testing.assert_array_equal(np.array(gc), [3, 2, 1])
    _, (gs,) = mx.vjp(lambda v: mx.sort(v) * mx.array([1, 2, 3]), [i3], [mx.ones(3, dtype=mx.int32)])
    np.testing.assert_array_equal(np.array(gs), [3, 1, 2])
    _, (ts,) = mx.jvp(lambda v: mx.cumsum(v), [i3], [mx.array([1, 0, 2])])
    np.testing.assert_array_equal(np.array(ts), [1, 1, 3])
    gb = mx.grad(lambda x, m: total(x), argnums=1)(f64(1.0), mx.array([True]))
    assert gb.dtype == mx.bool and gb.shape == (1,)
    # an integer argument used only as indices: it needs stop_gradient, as in MLX
    take = lambda a, idx: total(a[idx])
    with pytest.raises(ValueError, match=r"\[gather\] Cannot calculate VJP with respect to indices"):
        mx.grad(take, argnums=(0, 1))(x, mx.array([2, 0]))
    ga, gi = mx.grad(lambda a, idx: total(a[mx.stop_gradient(idx)]), argnums=(0, 1))(x, mx.array([2, 0]))
    close(ga, np.array([[1.0] * 4, [0.0] * 4, [1.0] * 4]))
    np.testing.assert_array_equal(np.array(gi), [0, 0])


def test_non_array_arguments():
    with pytest.raises(ValueError, match="Argument 0.*float"):  # a Python float (MLX raises too)
        mx.grad(lambda x: x * x)(3.0)
    with pytest.raises(ValueError, match="Argument 0.*str"):
        mx.grad(lambda d: d["a"])({"a": mx.array(1.0), "b": "text"})
    with pytest.raises(ValueError, match="Argument 0.*NoneType"):
        mx.grad(lambda l: l[0])([mx.array(1.0), None])
    # Non-array values in arguments not differentiated are fine.
    close(mx.grad(lambda x, s: x * s)(f64(1.0), 4.0), 4.0)


def test_bad_argnums_and_argnames():
    with pytest.raises(ValueError, match="argument index 2.*1 positional"):
        mx.grad(lambda x: x, argnums=2)(mx.array(1.0))
    with pytest.raises(ValueError, match="argument index 1"):
        mx.value_and_grad(lambda x, y=None: x, argnums=(0, 1))(mx.array(1.0))
    with pytest.raises(ValueError, match="negative"):
        mx.grad(lambda x: x, argnums=-1)
    with pytest.raises(ValueError, match="duplicates"):
        mx.grad(lambda x: x, argnums=(0, 0))
    with pytest.raises(ValueError, match="no argument"):
        mx.grad(lambda x: x, argnums=[])
    with pytest.raises(ValueError, match="keyword argument 'w'"):
        mx.grad(lambda x, w=None: x, argnames="w")(mx.array(1.0))
    with pytest.raises(TypeError, match="argnums"):
        mx.grad(lambda x: x, argnums=0.5)
    with pytest.raises(TypeError, match="callable"):
        mx.grad(3)


@pytest.mark.parametrize("out", [1.0, None, (), ("loss", mx.array(1.0)), [3], {"a": mx.array(1.0)}])
def test_function_returning_a_non_array(out):
    with pytest.raises(ValueError, match=r"\[grad\] The function must return"):  # ValueError, as MLX
        mx.grad(lambda x: out)(mx.array(1.0))
    with pytest.raises(ValueError, match=r"\[value_and_grad\] The function must return"):
        mx.value_and_grad(lambda x: out)(mx.array(1.0))


def test_bad_vjp_jvp_input():
    x = mx.array(1.0)
    with pytest.raises(TypeError, match="must return"):
        mx.vjp(lambda x: 3.0, [x], [x])
    with pytest.raises(TypeError, match="returned a str"):
        mx.jvp(lambda x: [x, "s"], [x], [x])
    with pytest.raises(TypeError, match=r"tangents\[0\]"):
        mx.jvp(lambda x: x, [x], [1.0])
    with pytest.raises(TypeError, match="primals"):
        mx.vjp(lambda x: x, 1.0, [x])
    with pytest.raises(ValueError, match="cotangent"):
        mx.vjp(lambda x: x, [x], [mx.ones((2,))])
    with pytest.raises(ValueError, match="cotangents for 1 outputs"):
        mx.vjp(lambda x: x, [x], [])
    with pytest.raises(ValueError, match="tangents for 1 primals"):
        mx.jvp(lambda x: x, [x], [x, x])
    with pytest.raises(ValueError, match="tangent"):
        mx.jvp(lambda x: x, [x], [mx.ones((3,))])


def test_jvp_tangent_dtypes_of_comparisons_and_casts():
    # As in MLX: a comparison's (or all/any's) tangent is zeros of the incoming
    # tangent's dtype, not bool; a cast carries the tangent cast along.
    x, t = mx.array([1.0, 2.0, 3.0]), mx.array([1.0, 0.5, 0.25])
    for f in (lambda x: x > 1, lambda x: mx.equal(x, x), lambda x: mx.isnan(x),
              lambda x: mx.logical_not(x > 1), lambda x: mx.all(x > 0)):
        _, (tan,) = mx.jvp(f, [x], [t])
        assert tan.dtype == mx.float32
        assert not np.any(np.array(tan))
    (_, _), (t_cmp, t_mul) = mx.jvp(lambda x: (x > 1, x * 2), [x], [t])
    assert t_cmp.dtype == mx.float32 and t_mul.dtype == mx.float32
    np.testing.assert_array_equal(np.array(t_mul), [2.0, 1.0, 0.5])
    _, (ti,) = mx.jvp(lambda x: (x * 4).astype(mx.int32), [x], [t])
    np.testing.assert_array_equal(np.array(ti), [4, 2, 1])
    _, (ta,) = mx.jvp(lambda x: mx.argmax(x), [x], [t])
    assert ta.dtype == mx.uint32 and ta.item() == 0


def test_jvp_of_partly_traced_inputs_and_reductions():
    x, y = f64(X), f64(Y)
    tx, ty = f64(np.ones_like(X)), f64(np.zeros_like(Y))
    _, (tan,) = mx.jvp(lambda a, b: mx.sum(a * b, axis=1) + mx.max(b), [x, y], [tx, ty])
    close(tan, Y.sum(1))
    _, (tan,) = mx.jvp(lambda a, b: mx.logsumexp(a, axis=0) * mx.mean(b), [x, y], [tx, ty])
    sm = np.exp(X) / np.exp(X).sum(0)
    close(tan, (sm * 1.0).sum(0) * Y.mean(), rtol=1e-10)
    _, (tan,) = mx.jvp(lambda a: mx.prod(a, axis=0), [x], [tx])
    close(tan, (np.prod(X, 0)[None] / X).sum(0), rtol=1e-10)


def test_in_place_updates_inside_a_differentiated_function():
    def f(x):
        y = mx.zeros((3,), dtype=mx.float64)
        y[1] = x[0] * 2
        y[0:2] += x[1:]
        return total(y * x)

    x = f64([1.0, 2.0, 3.0])
    # y = [x1, 2 x0 + x2, 0]; f = x0 x1 + x1 (2 x0 + x2) = 3 x0 x1 + x1 x2
    close(mx.grad(f)(x), [3 * 2.0, 3 * 1.0 + 3.0, 2.0])


def test_arguments_updated_in_place_inside_grad_are_not_changed_outside():
    a = f64([1.0, 2.0])
    before = id(a)
    seen = []

    def f(z):
        seen.append(z is a)
        z[0] = 7.0  # overwrites z's first entry: its gradient there is 0
        z += 3.0
        return total(z * z)

    g = mx.grad(f)(a)
    close(g, [0.0, 2 * (2.0 + 3.0)])
    assert id(a) == before and seen == [False]  # the traced argument is a new array
    close(a, [1.0, 2.0])
