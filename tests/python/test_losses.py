"""mxgraph.nn.losses against NumPy references: every option and reduction, gradients
against finite differences (float64), defaults, and argument errors."""

import math

import numpy as np
import pytest

import mxgraph.core as mx
from mxgraph.nn import losses

REDUCTIONS = ("none", "mean", "sum")


def np_reduce(loss, reduction):
    return {"none": loss, "mean": np.mean(loss), "sum": np.sum(loss)}[reduction]


def np_log_softmax(x, axis):
    z = x - x.max(axis=axis, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))


# ---------------------------------------------------------------- NumPy references

def np_cross_entropy(logits, targets, weights=None, axis=-1, label_smoothing=0.0,
                     reduction="none"):
    logp = np_log_softmax(logits, axis)
    if targets.ndim == logits.ndim:
        picked = np.sum(targets * logp, axis=axis)
    else:
        picked = np.take_along_axis(logp, np.expand_dims(targets, axis), axis).squeeze(axis)
    # Smoothing mixes the target with a uniform distribution over the classes.
    loss = -((1 - label_smoothing) * picked + label_smoothing * logp.mean(axis=axis))
    if weights is not None:
        loss = loss * weights
    return np_reduce(loss, reduction)


def np_binary_cross_entropy(x, t, weights=None, with_logits=True, reduction="mean"):
    if with_logits:
        loss = t * np.logaddexp(0, -x) + (1 - t) * np.logaddexp(0, x)
    else:
        with np.errstate(divide="ignore"):
            loss = -(t * np.maximum(np.log(x), -100) + (1 - t) * np.maximum(np.log(1 - x), -100))
    if weights is not None:
        loss = loss * weights
    return np_reduce(loss, reduction)


def np_l1(p, t, reduction="mean"):
    return np_reduce(np.abs(p - t), reduction)


def np_mse(p, t, reduction="mean"):
    return np_reduce((p - t) ** 2, reduction)


def np_nll(x, t, axis=-1, reduction="none"):
    return np_reduce(-np.take_along_axis(x, np.expand_dims(t, axis), axis).squeeze(axis),
                     reduction)


def np_gaussian_nll(mu, t, var, full=False, eps=1e-6, reduction="mean"):
    var = np.maximum(var, eps)
    loss = 0.5 * (np.log(var) + (t - mu) ** 2 / var) + (0.5 * math.log(2 * math.pi) if full else 0)
    return np_reduce(loss, reduction)


def np_kl_div(logq, logp, axis=-1, reduction="none"):
    return np_reduce(np.sum(np.exp(logp) * (logp - logq), axis=axis), reduction)


def np_smooth_l1(p, t, beta=1.0, reduction="mean"):
    d = np.abs(p - t)
    return np_reduce(np.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta), reduction)


def np_triplet(a, pos, neg, axis=-1, p=2, margin=1.0, eps=1e-6, reduction="none"):
    def dist(u, v):
        return (np.sum(np.abs(u - v) ** p, axis=axis) + eps) ** (1.0 / p)
    return np_reduce(np.maximum(dist(a, pos) - dist(a, neg) + margin, 0), reduction)


def np_hinge(x, t, reduction="none"):
    return np_reduce(np.maximum(1 - x * t, 0), reduction)


def np_huber(x, t, delta=1.0, reduction="none"):
    e = np.abs(x - t)
    return np_reduce(np.where(e <= delta, 0.5 * e * e, delta * (e - 0.5 * delta)), reduction)


def np_log_cosh(x, t, reduction="none"):
    e = x - t
    # log cosh e = |e| + log1p(exp(-2|e|)) - log 2, finite for large |e|.
    return np_reduce(np.abs(e) + np.log1p(np.exp(-2 * np.abs(e))) - math.log(2), reduction)


def np_cosine_similarity(a, b, axis=1, eps=1e-8, reduction="none"):
    na = np.linalg.norm(a, axis=axis)
    nb = np.linalg.norm(b, axis=axis)
    return np_reduce(np.sum(a * b, axis=axis) / np.maximum(na * nb, eps), reduction)


def np_margin_ranking(x1, x2, t, margin=0.0, reduction="none"):
    return np_reduce(np.maximum(0, -t * (x1 - x2) + margin), reduction)


# ---------------------------------------------------------------- cases

def _rng(seed=0):
    return np.random.default_rng(seed)


def _normal(*shape, seed=0):
    return _rng(seed).standard_normal(shape)


def _probs(*shape, seed=0, axis=-1):
    p = _rng(seed).uniform(0.1, 1.0, shape)
    return p / p.sum(axis=axis, keepdims=True)


def _signs(*shape, seed=0):
    return np.where(_rng(seed).uniform(size=shape) > 0.5, 1.0, -1.0)


def _ints(high, *shape, seed=0):
    return _rng(seed).integers(0, high, shape).astype(np.int32)


# (id, loss name, reference, inputs, keyword arguments, argnums to differentiate).
# Probability targets of cross_entropy are not differentiated: off the simplex MLX's
# formula (which we follow) and -sum(t * log_softmax) differ.
CASES = [
    ("ce-indices", "cross_entropy", np_cross_entropy,
     lambda: (_normal(4, 5), _ints(5, 4, seed=1)), {}, (0,)),
    ("ce-smoothing", "cross_entropy", np_cross_entropy,
     lambda: (_normal(4, 5), _ints(5, 4, seed=1)), {"label_smoothing": 0.3}, (0,)),
    ("ce-weights", "cross_entropy", np_cross_entropy,
     lambda: (_normal(4, 5), _ints(5, 4, seed=1)),
     {"weights": np.abs(_normal(4, seed=2))}, (0,)),
    ("ce-axis0", "cross_entropy", np_cross_entropy,
     lambda: (_normal(3, 2, 4), _ints(3, 2, 4, seed=1)), {"axis": 0}, (0,)),
    ("ce-probs", "cross_entropy", np_cross_entropy,
     lambda: (_normal(4, 5), _probs(4, 5, seed=1)), {"label_smoothing": 0.1}, (0,)),
    ("ce-probs-axis1", "cross_entropy", np_cross_entropy,
     lambda: (_normal(2, 3, 4), _probs(2, 3, 4, seed=1, axis=1)), {"axis": 1}, (0,)),
    ("bce-logits", "binary_cross_entropy", np_binary_cross_entropy,
     lambda: (_normal(3, 4) * 3, _rng(1).uniform(size=(3, 4))), {}, (0, 1)),
    ("bce-logits-weights", "binary_cross_entropy", np_binary_cross_entropy,
     lambda: (_normal(3, 4), (_normal(3, 4, seed=1) > 0).astype(np.float64)),
     {"weights": np.abs(_normal(3, 4, seed=2))}, (0,)),
    ("bce-probs", "binary_cross_entropy", np_binary_cross_entropy,
     lambda: (_rng(0).uniform(0.05, 0.95, (3, 4)), _rng(1).uniform(size=(3, 4))),
     {"with_logits": False}, (0, 1)),
    ("l1", "l1_loss", np_l1, lambda: (_normal(3, 4), _normal(3, 4, seed=1)), {}, (0, 1)),
    ("mse", "mse_loss", np_mse, lambda: (_normal(3, 4), _normal(3, 4, seed=1)), {}, (0, 1)),
    ("nll", "nll_loss", np_nll,
     lambda: (np.log(_probs(4, 5)), _ints(5, 4, seed=1)), {}, (0,)),
    ("nll-axis0", "nll_loss", np_nll,
     lambda: (np.log(_probs(5, 3, axis=0)), _ints(5, 3, seed=1)), {"axis": 0}, (0,)),
    ("gaussian-nll", "gaussian_nll_loss", np_gaussian_nll,
     lambda: (_normal(3, 4), _normal(3, 4, seed=1), _rng(2).uniform(0.5, 2, (3, 4))),
     {}, (0, 1, 2)),
    ("gaussian-nll-full", "gaussian_nll_loss", np_gaussian_nll,
     lambda: (_normal(3, 4), _normal(3, 4, seed=1), _rng(2).uniform(0.5, 2, (3, 4))),
     {"full": True, "eps": 0.7}, (0, 1)),
    ("kl-div", "kl_div_loss", np_kl_div,
     lambda: (np.log(_probs(3, 4)), np.log(_probs(3, 4, seed=1))), {}, (0, 1)),
    ("kl-div-axis0", "kl_div_loss", np_kl_div,
     lambda: (np.log(_probs(3, 4, axis=0)), np.log(_probs(3, 4, seed=1, axis=0))),
     {"axis": 0}, (0, 1)),
    ("smooth-l1", "smooth_l1_loss", np_smooth_l1,
     lambda: (_normal(3, 4) * 2, _normal(3, 4, seed=1)), {}, (0, 1)),
    ("smooth-l1-beta", "smooth_l1_loss", np_smooth_l1,
     lambda: (_normal(3, 4) * 2, _normal(3, 4, seed=1)), {"beta": 0.4}, (0, 1)),
    ("triplet", "triplet_loss", np_triplet,
     lambda: (_normal(4, 3), _normal(4, 3, seed=1), _normal(4, 3, seed=2)), {}, (0, 1, 2)),
    ("triplet-p3-margin-axis0", "triplet_loss", np_triplet,
     lambda: (_normal(4, 3), _normal(4, 3, seed=1), _normal(4, 3, seed=2)),
     {"p": 3, "margin": 2.0, "axis": 0}, (0, 1, 2)),
    ("hinge", "hinge_loss", np_hinge, lambda: (_normal(3, 4), _signs(3, 4, seed=1)), {}, (0,)),
    ("huber", "huber_loss", np_huber,
     lambda: (_normal(3, 4) * 2, _normal(3, 4, seed=1)), {}, (0, 1)),
    ("huber-delta", "huber_loss", np_huber,
     lambda: (_normal(3, 4) * 2, _normal(3, 4, seed=1)), {"delta": 0.3}, (0, 1)),
    ("log-cosh", "log_cosh_loss", np_log_cosh,
     lambda: (_normal(3, 4) * 3, _normal(3, 4, seed=1)), {}, (0, 1)),
    ("cosine", "cosine_similarity_loss", np_cosine_similarity,
     lambda: (_normal(3, 4), _normal(3, 4, seed=1)), {}, (0, 1)),
    ("cosine-axis-1-eps", "cosine_similarity_loss", np_cosine_similarity,
     lambda: (_normal(3, 4), _normal(3, 4, seed=1)), {"axis": -1, "eps": 0.5}, (0, 1)),
    ("margin-ranking", "margin_ranking_loss", np_margin_ranking,
     lambda: (_normal(3, 4), _normal(3, 4, seed=1), _signs(3, 4, seed=2)),
     {"margin": 0.5}, (0, 1)),
]

IDS = [c[0] for c in CASES]


def _mx_kwargs(kwargs, dtype):
    return {k: mx.array(v, dtype=dtype) if isinstance(v, np.ndarray) else v
            for k, v in kwargs.items()}


def _mx_inputs(inputs, dtype):
    return [mx.array(x) if x.dtype.kind == "i" else mx.array(x, dtype=dtype) for x in inputs]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("case_id,name,ref,make,kwargs,argnums", CASES, ids=IDS)
def test_values_match_numpy(case_id, name, ref, make, kwargs, argnums, dtype, reduction):
    inputs = make()
    want = ref(*inputs, **kwargs, reduction=reduction)
    dt = getattr(mx, dtype)
    got = getattr(losses, name)(*_mx_inputs(inputs, dt), **_mx_kwargs(kwargs, dt),
                                reduction=reduction)
    assert got.dtype == dt
    assert got.shape == np.shape(want)
    tol = 1e-5 if dtype == "float32" else 1e-12
    np.testing.assert_allclose(np.array(got), want, rtol=tol, atol=tol)


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
@pytest.mark.parametrize("case_id,name,ref,make,kwargs,argnums", CASES[::3], ids=IDS[::3])
def test_half_precision_keeps_dtype(case_id, name, ref, make, kwargs, argnums, dtype):
    inputs = make()
    dt = getattr(mx, dtype)
    got = getattr(losses, name)(*_mx_inputs(inputs, dt), **_mx_kwargs(kwargs, dt),
                                reduction="none")
    assert got.dtype == dt
    want = ref(*inputs, **kwargs, reduction="none")
    np.testing.assert_allclose(np.array(got.astype(mx.float32)), want, rtol=5e-2, atol=5e-2)


def _finite_difference(f, inputs, i, h=1e-6):
    x = inputs[i]
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        hi, lo = [a.copy() for a in inputs], [a.copy() for a in inputs]
        hi[i][idx] += h
        lo[i][idx] -= h
        grad[idx] = (f(*hi) - f(*lo)) / (2 * h)
    return grad


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("case_id,name,ref,make,kwargs,argnums", CASES, ids=IDS)
def test_value_and_grad_matches_finite_differences(case_id, name, ref, make, kwargs,
                                                   argnums, reduction):
    inputs = make()
    loss_fn = getattr(losses, name)
    mx_kw = _mx_kwargs(kwargs, mx.float64)

    def f(*args):
        return loss_fn(*args, **mx_kw, reduction=reduction)

    value, grads = mx.value_and_grad(f, argnums=argnums)(*_mx_inputs(inputs, mx.float64))
    if len(argnums) == 1:  # as in MLX, one argnum gives one gradient, not a tuple
        grads = (grads,)
    np_f = lambda *a: ref(*a, **kwargs, reduction=reduction)  # noqa: E731
    np.testing.assert_allclose(value.item(), np_f(*inputs), rtol=1e-12)
    for i, g in zip(argnums, grads):
        want = _finite_difference(np_f, inputs, i)
        np.testing.assert_allclose(np.array(g), want, rtol=1e-5, atol=1e-7)


# ---------------------------------------------------------------- specifics

DEFAULT_REDUCTION = {
    "cross_entropy": "none", "binary_cross_entropy": "mean", "l1_loss": "mean",
    "mse_loss": "mean", "nll_loss": "none", "gaussian_nll_loss": "mean",
    "kl_div_loss": "none", "smooth_l1_loss": "mean", "triplet_loss": "none",
    "hinge_loss": "none", "huber_loss": "none", "log_cosh_loss": "none",
    "cosine_similarity_loss": "none", "margin_ranking_loss": "none",
}


@pytest.mark.parametrize("case_id,name,ref,make,kwargs,argnums",
                         [c for c in CASES if c[4] == {}], ids=[c[0] for c in CASES if c[4] == {}])
def test_default_reduction(case_id, name, ref, make, kwargs, argnums):
    inputs = make()
    got = getattr(losses, name)(*_mx_inputs(inputs, mx.float32))
    want = ref(*inputs, reduction=DEFAULT_REDUCTION[name])
    assert got.shape == np.shape(want)


def test_bce_probabilities_of_zero_and_one_stay_finite():
    p = mx.array([0.0, 1.0, 0.5])
    t = mx.array([1.0, 0.0, 1.0])
    got = losses.binary_cross_entropy(p, t, with_logits=False, reduction="none")
    np.testing.assert_allclose(np.array(got), [100.0, 100.0, math.log(2)], rtol=1e-6)


def test_cross_entropy_large_logits_stay_finite():
    logits = mx.array([[1000.0, 0.0], [0.0, -1000.0]])
    got = losses.cross_entropy(logits, mx.array([1, 0]))
    np.testing.assert_allclose(np.array(got), [1000.0, 0.0], atol=1e-4)


def test_log_cosh_large_errors_stay_finite():
    got = losses.log_cosh_loss(mx.array([200.0]), mx.array([0.0]))
    np.testing.assert_allclose(np.array(got), [200.0 - math.log(2)], rtol=1e-6)


def test_losses_are_lazy(counters):
    x = mx.array(_normal(3, 4))
    y = mx.array(_normal(3, 4, seed=1))
    mx.eval(x, y)
    mx._reset_eval_counters()
    losses.mse_loss(x, y)
    losses.cross_entropy(x, mx.array([0, 1, 2]), label_smoothing=0.1)
    losses.binary_cross_entropy(x, y)
    assert counters()["evals"] == 0


# ---------------------------------------------------------------- errors

def _a(*shape):
    return mx.zeros(shape)


SHAPE_ERRORS = [
    ("mse_loss", lambda: losses.mse_loss(_a(2, 3), _a(3,))),
    ("l1_loss", lambda: losses.l1_loss(_a(2, 3), _a(2, 1))),
    ("smooth_l1_loss", lambda: losses.smooth_l1_loss(_a(2), _a(3))),
    ("binary_cross_entropy", lambda: losses.binary_cross_entropy(_a(2), _a(2, 1))),
    ("binary_cross_entropy", lambda: losses.binary_cross_entropy(_a(2), _a(2), weights=_a(3))),
    ("gaussian_nll_loss", lambda: losses.gaussian_nll_loss(_a(2), _a(3), _a(2))),
    ("gaussian_nll_loss", lambda: losses.gaussian_nll_loss(_a(2), _a(2), _a(3))),
    ("cross_entropy", lambda: losses.cross_entropy(_a(4, 5), mx.zeros((5,), mx.int32))),
    ("cross_entropy", lambda: losses.cross_entropy(_a(4, 5), _a(4, 4))),
    ("cross_entropy", lambda: losses.cross_entropy(_a(4, 5), mx.zeros((4,), mx.int32),
                                                   weights=_a(5))),
    ("cross_entropy", lambda: losses.cross_entropy(_a(4, 5), mx.zeros((4,), mx.int32),
                                                   axis=2)),
    ("margin_ranking_loss", lambda: losses.margin_ranking_loss(_a(2), _a(2), _a(3))),
    # These broadcast, as in MLX, but still name themselves when shapes clash.
    ("hinge_loss", lambda: losses.hinge_loss(_a(2, 3), _a(2))),
    ("huber_loss", lambda: losses.huber_loss(_a(2, 3), _a(2))),
    ("log_cosh_loss", lambda: losses.log_cosh_loss(_a(4), _a(3))),
    ("kl_div_loss", lambda: losses.kl_div_loss(_a(2, 3), _a(3, 2))),
    ("triplet_loss", lambda: losses.triplet_loss(_a(2, 3), _a(2, 3), _a(2, 2))),
    ("cosine_similarity_loss", lambda: losses.cosine_similarity_loss(_a(2, 3), _a(3, 3))),
]


def test_broadcasting_losses_broadcast():
    x = mx.array([[0.5, -2.0], [1.0, 3.0]])
    got = losses.hinge_loss(x, mx.array([1.0, -1.0]))
    np.testing.assert_allclose(np.array(got), np_hinge(np.array(x), np.array([1.0, -1.0])))
    got = losses.huber_loss(x, mx.array(0.0), delta=0.5)
    np.testing.assert_allclose(np.array(got), np_huber(np.array(x), 0.0, delta=0.5))


@pytest.mark.parametrize("name,call", SHAPE_ERRORS, ids=[f"{n}-{i}" for i, (n, _) in
                                                          enumerate(SHAPE_ERRORS)])
def test_shape_errors_name_the_loss(name, call):
    with pytest.raises(ValueError, match=rf"\[{name}\]"):
        call()


@pytest.mark.parametrize("name", sorted(DEFAULT_REDUCTION))
def test_invalid_reduction(name):
    case = next(c for c in CASES if c[1] == name)
    inputs = _mx_inputs(case[3](), mx.float32)
    with pytest.raises(ValueError, match=rf"\[{name}\] Invalid reduction 'max'"):
        getattr(losses, name)(*inputs, reduction="max")


@pytest.mark.parametrize("smoothing", [-0.1, 1.0])
def test_cross_entropy_label_smoothing_range(smoothing):
    with pytest.raises(ValueError, match=r"\[cross_entropy\] label_smoothing"):
        losses.cross_entropy(_a(2, 3), mx.zeros((2,), mx.int32), label_smoothing=smoothing)
