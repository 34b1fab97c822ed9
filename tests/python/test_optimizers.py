"""mxgraph.optimizers against NumPy references (and PyTorch where it has the same
optimizer): three updates of a small tree of parameters, the state, schedules,
clip_grad_norm, laziness and argument errors."""

import math

import numpy as np
import pytest

import mxgraph.core as mx
import mxgraph.optimizers as optim

STEPS = 3


class Model(dict):
    """A stand-in for nn.Module: a dict of parameters with the two methods optimizers use."""

    def trainable_parameters(self):
        return dict(self)

    def update(self, params):
        _merge_into(self, params)
        return self


def _merge_into(dst, src):
    for k, v in src.items():
        if isinstance(v, dict):
            _merge_into(dst[k], v)
        elif isinstance(v, list):
            for i, item in enumerate(v):
                if isinstance(item, dict):
                    _merge_into(dst[k][i], item)
                else:
                    dst[k][i] = item
        else:
            dst[k] = v


def _leaves(tree):
    if isinstance(tree, dict):
        return [x for k in tree for x in _leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [x for v in tree for x in _leaves(v)]
    return [tree]


def _to_mx(tree, dtype=mx.float32):
    if isinstance(tree, dict):
        return {k: _to_mx(v, dtype) for k, v in tree.items()}
    if isinstance(tree, (list, tuple)):
        return type(tree)(_to_mx(v, dtype) for v in tree)
    return mx.array(tree, dtype=dtype)


def _problem(seed=0, dtype=np.float64):
    """Parameters (a matrix, a list holding a vector, a 3-d array) and three gradients."""
    rng = np.random.default_rng(seed)
    shapes = {"w": (3, 4), "b": (4,), "t": (2, 3, 2), "u": (5, 2)}

    def tree():
        arr = {k: rng.standard_normal(s).astype(dtype) for k, s in shapes.items()}
        return {"w": arr["w"], "b": [arr["b"]], "t": arr["t"], "u": arr["u"]}

    return tree(), [tree() for _ in range(STEPS)]


# ---------------------------------------------------------------- NumPy references
# Each takes (hyperparameters) and returns step(p, g, state, t) -> p, with t from 1.

def np_sgd(lr, momentum=0.0, weight_decay=0.0, dampening=0.0, nesterov=False):
    def step(p, g, s, t):
        g = g + weight_decay * p
        if momentum <= 0:
            return p - lr * g
        s["v"] = momentum * s.get("v", 0.0) + (1 - dampening) * g
        return p - lr * (g + momentum * s["v"] if nesterov else s["v"])
    return step


def np_rmsprop(lr, alpha=0.99, eps=1e-8):
    def step(p, g, s, t):
        s["v"] = alpha * s.get("v", 0.0) + (1 - alpha) * g * g
        return p - lr * g / (np.sqrt(s["v"]) + eps)
    return step


def np_adagrad(lr, eps=1e-8):
    def step(p, g, s, t):
        s["v"] = s.get("v", 0.0) + g * g
        return p - lr * g / (np.sqrt(s["v"]) + eps)
    return step


def np_adadelta(lr, rho=0.9, eps=1e-6):
    def step(p, g, s, t):
        s["v"] = rho * s.get("v", 0.0) + (1 - rho) * g * g
        d = np.sqrt(s.get("u", 0.0) + eps) / np.sqrt(s["v"] + eps) * g
        s["u"] = rho * s.get("u", 0.0) + (1 - rho) * d * d
        return p - lr * d
    return step


def np_adam(lr, betas=(0.9, 0.999), eps=1e-8, bias_correction=False, weight_decay=0.0):
    b1, b2 = betas

    def step(p, g, s, t):
        p = p * (1 - lr * weight_decay)
        s["m"] = b1 * s.get("m", 0.0) + (1 - b1) * g
        s["v"] = b2 * s.get("v", 0.0) + (1 - b2) * g * g
        m, v = s["m"], s["v"]
        if bias_correction:
            m, v = m / (1 - b1**t), v / (1 - b2**t)
        return p - lr * m / (np.sqrt(v) + eps)
    return step


def np_adamax(lr, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas

    def step(p, g, s, t):
        s["m"] = b1 * s.get("m", 0.0) + (1 - b1) * g
        s["v"] = np.maximum(b2 * s.get("v", 0.0), np.abs(g))
        return p - lr * s["m"] / (s["v"] + eps)
    return step


def np_lion(lr, betas=(0.9, 0.99), weight_decay=0.0):
    b1, b2 = betas

    def step(p, g, s, t):
        m = s.get("m", 0.0)
        c = b1 * m + (1 - b1) * g
        s["m"] = b2 * m + (1 - b2) * g
        return p * (1 - lr * weight_decay) - lr * np.sign(c)
    return step


def _np_rms(x):
    return np.sqrt(np.mean(x * x))


def np_adafactor(lr=None, eps=(1e-30, 1e-3), clip_threshold=1.0, decay_rate=-0.8,
                 beta_1=None, weight_decay=0.0, scale_parameter=True, relative_step=True,
                 warmup_init=False):
    def step(p, g, s, t):
        if relative_step:
            size = min(1e-6 * t if warmup_init else 1e-2, 1 / math.sqrt(t))
        else:
            size = lr
        rate = size * (max(eps[1], _np_rms(p)) if scale_parameter else 1.0)
        beta2 = 1 - t**decay_rate
        sq = g * g + eps[0]
        if g.ndim >= 2:
            s["r"] = beta2 * s.get("r", 0.0) + (1 - beta2) * sq.mean(-1)
            s["c"] = beta2 * s.get("c", 0.0) + (1 - beta2) * sq.mean(-2)
            # The factored estimate of E[g^2]: outer(r, c) / mean(r).
            vhat = (s["r"][..., :, None] * s["c"][..., None, :]
                    / s["r"].mean(-1, keepdims=True)[..., None])
        else:
            s["v"] = beta2 * s.get("v", 0.0) + (1 - beta2) * sq
            vhat = s["v"]
        u = g / np.sqrt(vhat)
        u = rate * u / max(1.0, _np_rms(u) / clip_threshold)
        if beta_1 is not None:
            s["m"] = beta_1 * s.get("m", 0.0) + (1 - beta_1) * u
            u = s["m"]
        return p * (1 - weight_decay * rate) - u
    return step


def np_muon(lr, momentum=0.95, weight_decay=0.01, nesterov=True, ns_steps=5):
    def orthogonalize(x):
        tall = x.shape[0] > x.shape[1]
        x = x.T if tall else x
        x = x / (np.linalg.norm(x) + 1e-7)
        for _ in range(ns_steps):
            a = x @ x.T
            x = 3.4445 * x + (-4.7750 * a + 2.0315 * a @ a) @ x
        return x.T if tall else x

    def step(p, g, s, t):
        g = g + weight_decay * p
        s["v"] = momentum * s.get("v", 0.0) + (1 - momentum) * g
        u = g * (1 - momentum) + momentum * s["v"] if nesterov else s["v"]
        if u.ndim < 2:
            return p - lr * u
        u = orthogonalize(u.reshape(u.shape[0], -1)).reshape(u.shape)
        return p - lr * max(1, u.shape[-2] / u.shape[-1]) ** 0.5 * u
    return step


def run_numpy(ref, params, grads):
    """Applies `ref` leaf by leaf for each gradient tree; returns the final leaves."""
    ps = [p.copy() for p in _leaves(params)]
    states = [{} for _ in ps]
    for t, g in enumerate(grads, start=1):
        ps = [ref(p, gi, s, t) for p, gi, s in zip(ps, _leaves(g), states)]
    return ps


def run_mx(opt, params, grads, dtype=mx.float32, via_model=False):
    if via_model:
        model = Model(_to_mx(params, dtype))
        for g in grads:
            opt.update(model, _to_mx(g, dtype))
        return _leaves(model)
    p = _to_mx(params, dtype)
    for g in grads:
        p = opt.apply_gradients(_to_mx(g, dtype), p)
    return _leaves(p)


CASES = [
    ("sgd", optim.SGD, np_sgd, dict(learning_rate=0.1)),
    ("sgd-wd", optim.SGD, np_sgd, dict(learning_rate=0.1, weight_decay=0.05)),
    ("sgd-momentum", optim.SGD, np_sgd, dict(learning_rate=0.1, momentum=0.9)),
    ("sgd-dampening", optim.SGD, np_sgd,
     dict(learning_rate=0.1, momentum=0.8, dampening=0.3, weight_decay=0.01)),
    ("sgd-nesterov", optim.SGD, np_sgd,
     dict(learning_rate=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("rmsprop", optim.RMSprop, np_rmsprop, dict(learning_rate=0.01)),
    ("rmsprop-alpha", optim.RMSprop, np_rmsprop, dict(learning_rate=0.01, alpha=0.8, eps=1e-3)),
    ("adagrad", optim.Adagrad, np_adagrad, dict(learning_rate=0.1)),
    ("adadelta", optim.AdaDelta, np_adadelta, dict(learning_rate=1.0)),
    ("adadelta-rho", optim.AdaDelta, np_adadelta, dict(learning_rate=0.5, rho=0.7, eps=1e-4)),
    ("adam", optim.Adam, np_adam, dict(learning_rate=0.01)),
    ("adam-bc", optim.Adam, np_adam,
     dict(learning_rate=0.01, betas=[0.8, 0.9], eps=1e-6, bias_correction=True)),
    ("adamw", optim.AdamW, np_adam, dict(learning_rate=0.01)),
    ("adamw-bc", optim.AdamW, np_adam,
     dict(learning_rate=0.01, weight_decay=0.1, bias_correction=True)),
    ("adamax", optim.Adamax, np_adamax, dict(learning_rate=0.01)),
    ("adamax-betas", optim.Adamax, np_adamax, dict(learning_rate=0.01, betas=[0.5, 0.6], eps=1e-3)),
    ("lion", optim.Lion, np_lion, dict(learning_rate=0.01)),
    ("lion-wd", optim.Lion, np_lion, dict(learning_rate=0.01, betas=[0.5, 0.8], weight_decay=0.1)),
    ("adafactor", optim.Adafactor, np_adafactor, dict()),
    ("adafactor-b1-wd-warmup", optim.Adafactor, np_adafactor,
     dict(beta_1=0.9, weight_decay=0.1, warmup_init=True)),
    ("adafactor-lr", optim.Adafactor, np_adafactor,
     dict(lr=0.01, relative_step=False, scale_parameter=False, clip_threshold=0.5)),
    ("muon", optim.Muon, np_muon, dict(learning_rate=0.02)),
    ("muon-plain", optim.Muon, np_muon,
     dict(learning_rate=0.02, momentum=0.8, weight_decay=0.0, nesterov=False, ns_steps=3)),
]


def _make(cls, kw):
    kw = dict(kw)
    if "lr" in kw:
        kw["learning_rate"] = kw.pop("lr")
    return cls(**kw)


def _np_kwargs(ref, kw):
    kw = dict(kw)
    if ref is not np_adafactor and "learning_rate" in kw:
        kw["lr"] = kw.pop("learning_rate")
    if ref is np_adam and "weight_decay" not in kw:
        kw["weight_decay"] = 0.0
    return kw


@pytest.mark.parametrize("name,cls,ref,kw", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_three_updates_match_numpy(name, cls, ref, kw, dtype):
    params, grads = _problem()
    np_kw = _np_kwargs(ref, kw)
    if cls is optim.AdamW:
        np_kw["weight_decay"] = kw.get("weight_decay", 0.01)
    want = run_numpy(ref(**np_kw), params, grads)
    got = run_mx(_make(cls, kw), params, grads, getattr(mx, dtype))
    # Hyperparameters and the step are float32 arrays (as in MLX), so float64 runs
    # agree to float32 precision only.
    # Displacements are compared, so the tolerance is relative to the update's size.
    rtol, atol = (1e-4, 1e-6) if dtype == "float32" else (2e-5, 1e-12)
    for g, w, p0 in zip(got, want, _leaves(params)):
        assert g.dtype == getattr(mx, dtype)
        np.testing.assert_allclose(np.array(g) - p0, w - p0, rtol=rtol, atol=atol)


@pytest.mark.parametrize("name,cls,ref,kw", CASES[::4], ids=[c[0] for c in CASES[::4]])
def test_update_model_matches_apply_gradients(name, cls, ref, kw):
    params, grads = _problem(seed=1)
    a = run_mx(_make(cls, kw), params, grads)
    b = run_mx(_make(cls, kw), params, grads, via_model=True)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(np.array(x), np.array(y))


ALL_OPTIMIZERS = [lambda: optim.SGD(0.1, momentum=0.9), lambda: optim.RMSprop(0.1),
                  lambda: optim.Adagrad(0.1), lambda: optim.AdaDelta(0.1),
                  lambda: optim.Adam(0.1, bias_correction=True), lambda: optim.AdamW(0.1),
                  lambda: optim.Adamax(0.1), lambda: optim.Lion(0.1),
                  lambda: optim.Adafactor(beta_1=0.9), lambda: optim.Muon(0.1)]


@pytest.mark.parametrize("make", ALL_OPTIMIZERS, ids=lambda f: type(f()).__name__)
def test_half_precision_parameters_and_state_keep_their_dtype(make):
    opt = make()
    p = {"a": mx.ones((3, 4), mx.float16), "b": mx.ones((4,), mx.bfloat16)}
    g = {"a": mx.full((3, 4), 0.5, mx.float16), "b": mx.full((4,), 0.5, mx.bfloat16)}
    for _ in range(2):
        p = opt.apply_gradients(g, p)
    assert p["a"].dtype == mx.float16 and p["b"].dtype == mx.bfloat16
    for name, dtype in (("a", mx.float16), ("b", mx.bfloat16)):
        assert all(v.dtype == dtype for v in opt.state[name].values())
        assert np.all(np.isfinite(np.array(p[name].astype(mx.float32))))


# ---------------------------------------------------------------- PyTorch

TORCH_CASES = [
    ("sgd", dict(learning_rate=0.1), "SGD", dict(lr=0.1)),
    ("sgd-momentum-wd", dict(learning_rate=0.1, momentum=0.9, weight_decay=0.01),
     "SGD", dict(lr=0.1, momentum=0.9, weight_decay=0.01)),
    ("sgd-nesterov", dict(learning_rate=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
     "SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    # PyTorch always corrects Adam's bias; its Adagrad eps defaults to 1e-10.
    ("adam", dict(learning_rate=0.01, bias_correction=True), "Adam", dict(lr=0.01)),
    ("adamw", dict(learning_rate=0.01, weight_decay=0.1, bias_correction=True),
     "AdamW", dict(lr=0.01, weight_decay=0.1)),
    ("rmsprop", dict(learning_rate=0.01), "RMSprop", dict(lr=0.01, alpha=0.99, eps=1e-8)),
    ("adagrad", dict(learning_rate=0.1), "Adagrad", dict(lr=0.1, eps=1e-8)),
    ("adadelta", dict(learning_rate=1.0), "Adadelta", dict(lr=1.0, rho=0.9, eps=1e-6)),
]
_TORCH_CLS = {"SGD": optim.SGD, "Adam": optim.Adam, "AdamW": optim.AdamW,
              "RMSprop": optim.RMSprop, "Adagrad": optim.Adagrad, "Adadelta": optim.AdaDelta}


def run_torch(name, kw, params, grads):
    torch = pytest.importorskip("torch", reason="PyTorch, an optional peer, is not installed")
    ps = [torch.tensor(p) for p in _leaves(params)]
    opt = getattr(torch.optim, name)(ps, **kw)
    for g in grads:
        for p, gi in zip(ps, _leaves(g)):
            p.grad = torch.tensor(gi)
        opt.step()
    return [p.detach().numpy() for p in ps]


@pytest.mark.parametrize("name,kw,tname,tkw", TORCH_CASES, ids=[c[0] for c in TORCH_CASES])
def test_three_updates_match_torch(name, kw, tname, tkw):
    params, grads = _problem(seed=2)
    want = run_torch(tname, tkw, params, grads)
    got = run_mx(_TORCH_CLS[tname](**kw), params, grads, mx.float64)
    # Compare the displacements: our hyperparameters are float32 arrays, as in MLX.
    for g, w, p0 in zip(got, want, _leaves(params)):
        np.testing.assert_allclose(np.array(g) - p0, w - p0, rtol=2e-5, atol=1e-9)


def test_adamax_matches_torch_with_bias_correction_as_schedule():
    # PyTorch's Adamax corrects m's bias and adds eps inside the max; with eps=0 the
    # two agree once our learning rate carries the 1 / (1 - b1^t) factor.
    params, grads = _problem(seed=3)
    want = run_torch("Adamax", dict(lr=0.01, eps=0.0), params, grads)
    opt = optim.Adamax(lambda step: 0.01 / (1 - 0.9 ** (step + 1)), eps=0.0)
    got = run_mx(opt, params, grads, mx.float64)
    for g, w, p0 in zip(got, want, _leaves(params)):
        np.testing.assert_allclose(np.array(g) - p0, w - p0, rtol=2e-5, atol=1e-9)


# ---------------------------------------------------------------- state

def test_state_holds_step_learning_rate_and_trees():
    params, grads = _problem()
    opt = optim.Adam(learning_rate=0.01)
    assert opt.state["step"].dtype == mx.uint64 and opt.state["step"].item() == 0
    assert isinstance(opt.learning_rate, mx.array)
    assert opt.learning_rate.item() == pytest.approx(0.01)
    p = _to_mx(params)
    p = opt.apply_gradients(_to_mx(grads[0]), p)
    p = opt.apply_gradients(_to_mx(grads[1]), p)
    assert opt.step.item() == 2
    s = opt.state
    assert set(s) == {"step", "learning_rate", "w", "b", "t", "u"}
    assert isinstance(s["b"], list) and set(s["b"][0]) == {"m", "v"}
    assert s["w"]["m"].shape == (3, 4)
    g0, g1 = grads[0]["w"], grads[1]["w"]
    np.testing.assert_allclose(np.array(s["w"]["m"]), 0.9 * 0.1 * g0 + 0.1 * g1, rtol=1e-5)


def test_init_creates_zero_state_and_keeps_existing():
    opt = optim.SGD(learning_rate=0.1, momentum=0.9)
    opt.init({"a": mx.ones((2,))})
    np.testing.assert_array_equal(np.array(opt.state["a"]["v"]), [0, 0])
    opt.state["a"]["v"] = mx.array([5.0, 5.0])
    opt.init({"a": mx.ones((2,)), "b": [mx.ones((3,))]})
    np.testing.assert_array_equal(np.array(opt.state["a"]["v"]), [5, 5])
    np.testing.assert_array_equal(np.array(opt.state["b"][0]["v"]), [0, 0, 0])


def test_adafactor_state_is_factored_for_matrices():
    opt = optim.Adafactor(beta_1=0.9)
    opt.init({"m": mx.zeros((2, 3, 4)), "v": mx.zeros((5,))})
    assert opt.state["m"]["exp_avg_sq_row"].shape == (2, 3)
    assert opt.state["m"]["exp_avg_sq_col"].shape == (2, 4)
    assert set(opt.state["v"]) == {"exp_avg_sq", "exp_avg"}
    assert "learning_rate" not in opt.state


ADAFACTOR_STATE = {"r": "exp_avg_sq_row", "c": "exp_avg_sq_col", "v": "exp_avg_sq",
                   "m": "exp_avg"}


@pytest.mark.parametrize("kw", [dict(beta_1=0.9, weight_decay=0.1),
                                dict(lr=0.05, relative_step=False, beta_1=0.5)],
                         ids=["relative", "lr"])
def test_adafactor_state_matches_numpy_over_steps(kw):
    # MLX's state after every step: factored row/col means for matrices (3-d batched),
    # a full mean for vectors, the first moment with beta_1.
    params, grads = _problem(seed=2, dtype=np.float32)
    ref = np_adafactor(**kw)
    opt = _make(optim.Adafactor, kw)
    ps, p = [q.copy() for q in _leaves(params)], _to_mx(params)
    states = [{} for _ in ps]
    for t, g in enumerate(grads, start=1):
        ps = [ref(q, gi, st, t) for q, gi, st in zip(ps, _leaves(g), states)]
        p = opt.apply_gradients(_to_mx(g), p)
        got = [opt.state["w"], opt.state["b"][0], opt.state["t"], opt.state["u"]]
        for want_state, got_state in zip(states, got):
            assert set(got_state) == {ADAFACTOR_STATE[k] for k in want_state}
            for k, v in want_state.items():
                np.testing.assert_allclose(np.array(got_state[ADAFACTOR_STATE[k]]), v,
                                           rtol=2e-5, atol=1e-8)
        for q, want in zip(_leaves(p), ps):
            np.testing.assert_allclose(np.array(q), want, rtol=1e-5, atol=1e-7)


def test_adafactor_helpers_are_mlxs():
    opt = optim.Adafactor(warmup_init=True)
    x = np.array([[1.0, -2.0], [3.0, 0.5]], np.float32)
    np.testing.assert_allclose(opt._compute_rms(mx.array(x)).item(), _np_rms(x), rtol=1e-6)
    # relative step min(1e-6 t, 1/sqrt(t)) times max(eps2, rms(w))
    lr = opt._compute_learning_rate(mx.array(4, mx.uint64), mx.array(0.5))
    np.testing.assert_allclose(lr.item(), 0.5 * 4e-6, rtol=1e-6)
    row, col = np.array([[1.0, 4.0]], np.float32), np.array([[2.0, 8.0, 0.5]], np.float32)
    want = 1 / np.sqrt(row[..., :, None] * col[..., None, :] / row.mean(-1)[..., None, None])
    got = opt._approximate_exp_moving_avg(mx.array(row), mx.array(col))
    np.testing.assert_allclose(np.array(got), want, rtol=1e-6)


def test_adafactor_subclass_overrides_the_learning_rate():
    class Fixed(optim.Adafactor):
        def _compute_learning_rate(self, step, parameter_rms):
            return mx.array(0.0)

    p = {"w": mx.ones((2, 3)), "b": mx.ones((3,))}
    out = Fixed().apply_gradients({"w": mx.ones((2, 3)), "b": mx.ones((3,))}, p)
    np.testing.assert_array_equal(np.array(out["w"]), np.ones((2, 3)))
    np.testing.assert_array_equal(np.array(out["b"]), np.ones(3))


def test_setting_state_reinitializes():
    opt = optim.SGD(learning_rate=0.1, momentum=0.5)
    p = {"a": mx.array([1.0])}
    p = opt.apply_gradients({"a": mx.array([1.0])}, p)
    opt.state = {"step": mx.array(0, mx.uint64), "learning_rate": mx.array(0.1)}
    p = opt.apply_gradients({"a": mx.array([1.0])}, {"a": mx.array([1.0])})
    np.testing.assert_allclose(np.array(p["a"]), [0.9])


def test_learning_rate_setter_and_schedule():
    opt = optim.SGD(learning_rate=0.1)
    opt.learning_rate = 0.5
    assert opt.learning_rate.item() == pytest.approx(0.5)
    p = opt.apply_gradients({"a": mx.array([2.0])}, {"a": mx.array([1.0])})
    np.testing.assert_allclose(np.array(p["a"]), [0.0])
    # A schedule is called with the step before each update (0, 1, 2, ...).
    opt = optim.SGD(learning_rate=optim.exponential_decay(1.0, 0.5))
    p = {"a": mx.array([0.0])}
    for _ in range(3):
        p = opt.apply_gradients({"a": mx.array([1.0])}, p)
    np.testing.assert_allclose(np.array(p["a"]), [-(1 + 0.5 + 0.25)])
    assert opt.learning_rate.item() == pytest.approx(0.25)
    opt.learning_rate = optim.linear_schedule(0.0, 1.0, 10)
    opt.apply_gradients({"a": mx.array([1.0])}, p)
    assert opt.learning_rate.item() == pytest.approx(0.3)


def test_updates_are_lazy(counters):
    params, grads = _problem()
    p, g = _to_mx(params), _to_mx(grads[0])
    mx.eval(p, g)
    opt = optim.Adafactor(beta_1=0.9)
    counters()  # warm
    mx._reset_eval_counters()
    for cls in (optim.SGD(0.1, momentum=0.9), optim.Adam(0.1, bias_correction=True), opt,
                optim.Muon(0.1), optim.SGD(optim.cosine_decay(0.1, 10))):
        out = cls.apply_gradients(g, p)
        out = cls.apply_gradients(g, out)
    optim.clip_grad_norm(g, 1.0)
    assert counters()["evals"] == 0


def test_training_loop_with_value_and_grad():
    # Least squares by gradient descent: three steps against the same steps in NumPy.
    from mxgraph.nn import losses

    rng = np.random.default_rng(4)
    X, Y = rng.standard_normal((8, 3)), rng.standard_normal((8, 2))
    W0, b0 = rng.standard_normal((3, 2)), np.zeros(2)
    f64 = lambda a: mx.array(a, dtype=mx.float64)  # noqa: E731
    model = Model({"w": f64(W0), "b": f64(b0)})
    opt = optim.SGD(learning_rate=0.125, momentum=0.5)  # exact in float32, like the state

    def loss_fn(params, x, y):
        return losses.mse_loss(x @ params["w"] + params["b"], y)

    W, b, vw, vb = W0.copy(), b0.copy(), 0.0, 0.0
    for _ in range(STEPS):
        loss, grads = mx.value_and_grad(loss_fn)(model.trainable_parameters(), f64(X), f64(Y))
        opt.update(model, grads)
        mx.eval(model, opt.state)
        r = X @ W + b - Y
        np.testing.assert_allclose(loss.item(), np.mean(r * r), rtol=1e-12)
        gw, gb = 2 * X.T @ r / r.size, 2 * r.sum(0) / r.size
        vw, vb = 0.5 * vw + gw, 0.5 * vb + gb
        W, b = W - 0.125 * vw, b - 0.125 * vb
    np.testing.assert_allclose(np.array(model["w"]), W, rtol=1e-12)
    np.testing.assert_allclose(np.array(model["b"]), b, rtol=1e-12, atol=1e-15)


def test_multi_optimizer_splits_by_filter():
    params, grads = _problem()
    multi = optim.MultiOptimizer([optim.SGD(0.1), optim.Adam(0.01)],
                                 [lambda path, a: path.startswith("w")])
    p = _to_mx(params)
    for g in grads:
        p = multi.apply_gradients(_to_mx(g), p)
    want_w = run_numpy(np_sgd(0.1), {"w": params["w"]}, [{"w": g["w"]} for g in grads])
    rest = lambda t: {"b": t["b"], "t": t["t"]}  # noqa: E731
    want_rest = run_numpy(np_adam(0.01), rest(params), [rest(g) for g in grads])
    np.testing.assert_allclose(np.array(p["w"]), want_w[0], rtol=1e-5)
    for x, w in zip(_leaves(rest(p)), want_rest):
        np.testing.assert_allclose(np.array(x), w, rtol=1e-5, atol=1e-6)
    assert len(multi.state["states"]) == 2
    multi.learning_rate = 0.2
    assert multi.learning_rate.item() == pytest.approx(0.2)


# ---------------------------------------------------------------- schedules

def _sched(fn, steps=12):
    return np.array([fn(mx.array(s, mx.uint64)).item() for s in range(steps)])


def test_schedules_closed_forms():
    s = np.arange(12)
    np.testing.assert_allclose(_sched(optim.exponential_decay(0.1, 0.9)), 0.1 * 0.9**s,
                               rtol=1e-6)
    np.testing.assert_allclose(_sched(optim.step_decay(0.1, 0.5, 3)), 0.1 * 0.5 ** (s // 3),
                               rtol=1e-6)
    want = 0.01 + 0.5 * (1 + np.cos(np.pi * np.minimum(s, 10) / 10)) * (0.1 - 0.01)
    np.testing.assert_allclose(_sched(optim.cosine_decay(0.1, 10, 0.01)), want, rtol=1e-6)
    want = 0.5 * (1 + np.cos(np.pi * np.minimum(s, 7) / 7))
    np.testing.assert_allclose(_sched(optim.cosine_decay(1.0, 7)), want, atol=1e-7)
    np.testing.assert_allclose(_sched(optim.linear_schedule(0.2, 1.0, 5)),
                               0.2 + 0.8 * np.minimum(s, 5) / 5, rtol=1e-6)


def test_join_schedules():
    warm = optim.linear_schedule(0.0, 0.1, 3)
    decay = optim.cosine_decay(0.1, 5)
    flat = lambda step: mx.array(7.0)  # noqa: E731
    got = _sched(optim.join_schedules([warm, decay, flat], [3, 8]))
    s = np.arange(12)
    want = np.where(s < 3, 0.1 * s / 3,
                    np.where(s < 8, 0.05 * (1 + np.cos(np.pi * np.minimum(s - 3, 5) / 5)), 7.0))
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("call,match", [
    (lambda: optim.step_decay(0.1, 0.5, 0), r"\[step_decay\] step_size"),
    (lambda: optim.cosine_decay(0.1, 0), r"\[cosine_decay\] decay_steps"),
    (lambda: optim.linear_schedule(0.0, 1.0, 0), r"\[linear_schedule\] steps"),
    (lambda: optim.join_schedules([], []), r"\[join_schedules\] No schedules"),
    (lambda: optim.join_schedules([optim.cosine_decay(1, 2)], [3]), r"1 boundaries"),
])
def test_schedule_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------- clip_grad_norm

def test_clip_grad_norm_scales_above_max():
    g = {"a": np.array([3.0, 0.0], np.float32), "b": [np.array([[4.0]], np.float32)]}
    clipped, norm = optim.clip_grad_norm(_to_mx(g), 1.0)
    assert norm.item() == pytest.approx(5.0)
    scale = 1.0 / (5.0 + 1e-6)
    np.testing.assert_allclose(np.array(clipped["a"]), g["a"] * scale, rtol=1e-6)
    np.testing.assert_allclose(np.array(clipped["b"][0]), g["b"][0] * scale, rtol=1e-6)
    assert isinstance(clipped["b"], list)


def test_clip_grad_norm_leaves_small_gradients_and_dtypes():
    g = {"a": mx.array([0.3, 0.4], mx.float16), "b": mx.array([0.0], mx.float64)}
    clipped, norm = optim.clip_grad_norm(g, 10.0)
    assert norm.item() == pytest.approx(0.5, rel=1e-3)
    assert clipped["a"].dtype == mx.float16 and clipped["b"].dtype == mx.float64
    np.testing.assert_allclose(np.array(clipped["a"]).astype(np.float32), [0.3, 0.4],
                               rtol=1e-3)


def test_clip_grad_norm_negative_max_raises():
    with pytest.raises(ValueError, match=r"\[clip_grad_norm\] max_norm should be >=0"):
        optim.clip_grad_norm({"a": mx.ones((2,))}, -1.0)


# ---------------------------------------------------------------- errors

# The text after "[Class] " is MLX 0.32's own message (checked against mlx.optimizers),
# so code that matches MLX's messages matches ours.
@pytest.mark.parametrize("call,message", [
    (lambda: optim.SGD(0.1, nesterov=True),
     "[SGD] Nesterov momentum requires a momentum and zero dampening."),
    (lambda: optim.SGD(0.1, momentum=0.9, dampening=0.1, nesterov=True),
     "[SGD] Nesterov momentum requires a momentum and zero dampening."),
    (lambda: optim.Adam(0.1, betas=[1.0, 0.9]),
     "[Adam] Adam beta1 should be in [0, 1), 1.0 was provided instead"),
    (lambda: optim.AdamW(0.1, betas=[0.9, -0.1]),
     "[AdamW] Adam beta2 should be in [0, 1), -0.1 was provided instead"),
    (lambda: optim.Adamax(0.1, betas=[1.0, 0.9]),
     "[Adamax] Adam beta1 should be in [0, 1), 1.0 was provided instead"),
    (lambda: optim.Adam(0.1, eps=-1.0), "[Adam] Adam epsilon should be >=0, -1.0 was provided instead"),
    (lambda: optim.Adam(0.1, eps=float("nan")),
     "[Adam] Adam epsilon should be >=0, nan was provided instead"),
    (lambda: optim.Lion(0.1, betas=[0.9, 1.5]),
     "[Lion] Lion beta2 should be in [0, 1), 1.5 was provided instead"),
    (lambda: optim.RMSprop(0.1, alpha=-0.1),
     "[RMSprop] RMSprop alpha should be >=0, -0.1 was provided instead"),
    (lambda: optim.RMSprop(0.1, eps=0.0),
     "[RMSprop] RMSprop epsilon should be >0, 0.0 was provided instead"),
    (lambda: optim.Adagrad(0.1, eps=0.0),
     "[Adagrad] Adagrad epsilon should be >0, 0.0 was provided instead"),
    (lambda: optim.AdaDelta(0.1, rho=-1.0),
     "[AdaDelta] AdaDelta rho should be >=0, -1.0 was provided instead"),
    (lambda: optim.AdaDelta(0.1, eps=0.0),
     "[AdaDelta] AdaDelta epsilon should be >0, 0.0 was provided instead"),
    (lambda: optim.MultiOptimizer([optim.SGD(0.1)], [lambda p, a: True]),
     "[MultiOptimizer] Given 1 filters but 0 needed."),
    (lambda: optim.MultiOptimizer([optim.SGD(0.1), optim.SGD(0.1)]),
     "[MultiOptimizer] Given 0 filters but 1 needed."),
    (lambda: setattr(optim.MultiOptimizer([optim.SGD(0.1)]), "state", {}),
     "[MultiOptimizer] Invalid state provided"),
    (lambda: optim.clip_grad_norm({"a": mx.ones((2,))}, -1),
     "[clip_grad_norm] max_norm should be >=0, -1 was provided instead"),
])
def test_argument_errors(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message


def test_base_optimizer_is_abstract():
    with pytest.raises(NotImplementedError):
        optim.Optimizer().apply_gradients({"a": mx.ones((1,))}, {"a": mx.ones((1,))})


def test_reachable_from_core():
    assert mx.optimizers is optim
    assert optim.optimizers.Adam is optim.Adam
    assert optim.schedulers.cosine_decay is optim.cosine_decay
