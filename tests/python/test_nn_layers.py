"""nn layers: forward passes against NumPy (and torch where it has the layer),
shapes and dtypes, train/eval behaviour, and gradients against finite differences."""

import math

import numpy as np
import pytest

import mxgraph.core as mx
import mxgraph.nn as nn
from mxgraph.utils import tree_flatten, tree_map

RNG = np.random.default_rng(0)


def randn(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def P(module, key):
    """A parameter as a NumPy float64 array (dotted key)."""
    return np.array(dict(tree_flatten(module.parameters()))[key]).astype(np.float64)


def close(got, want, rtol=2e-5, atol=2e-6):
    got = np.array(got)
    assert got.shape == np.shape(want), f"shape {got.shape} != {np.shape(want)}"
    np.testing.assert_allclose(got.astype(np.float64), want, rtol=rtol, atol=atol)


def np_layer_norm(x, eps):
    mean = x.mean(-1, keepdims=True)
    var = x.var(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps)


def np_softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


# ---- Linear, Bilinear, Identity, Sequential, Embedding ----

def test_linear_forward_and_init():
    mx.random.seed(3)
    lin = nn.Linear(4, 3)
    assert lin.weight.shape == (3, 4) and lin.bias.shape == (3,) and lin.weight.dtype == mx.float32
    bound = 1 / math.sqrt(4)
    assert np.abs(np.array(lin.weight)).max() <= bound and np.abs(np.array(lin.bias)).max() <= bound
    big = nn.Linear(400, 300)  # uniform in [-k, k]: std k / sqrt(3)
    assert abs(np.array(big.weight).std() - (1 / 20) / math.sqrt(3)) < 1e-3
    x = randn(2, 5, 4)
    close(lin(mx.array(x)), x @ P(lin, "weight").T + P(lin, "bias"))
    nb = nn.Linear(4, 3, bias=False)
    assert "bias" not in nb and repr(nb) == "Linear(input_dims=4, output_dims=3, bias=False)"
    close(nb(mx.array(x)), x @ P(nb, "weight").T)
    assert lin(mx.array(x, dtype=mx.float16)).dtype == mx.float32  # float32 weights promote


def test_bilinear_forward():
    bl = nn.Bilinear(4, 3, 5)
    assert bl.weight.shape == (5, 3, 4) and repr(bl) == "Bilinear(input1_dims=4, input2_dims=3, output_dims=5, bias=True)"
    x1, x2 = randn(2, 6, 4), randn(2, 6, 3)
    want = np.einsum("...i,oji,...j->...o", x1, P(bl, "weight"), x2) + P(bl, "bias")
    close(bl(mx.array(x1), mx.array(x2)), want, rtol=1e-4, atol=1e-5)
    nb = nn.Bilinear(4, 3, 5, bias=False)
    close(nb(mx.array(x1[0]), mx.array(x2[0])), np.einsum("ni,oji,nj->no", x1[0], P(nb, "weight"), x2[0]),
          rtol=1e-4, atol=1e-5)


def test_identity_and_sequential():
    x = mx.array(randn(3, 4))
    assert nn.Identity(1, 2, k=3)(x) is x
    seq = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), lambda t: t * 2, nn.Linear(8, 2))
    h = np.maximum(np.array(x) @ P(seq, "layers.0.weight").T + P(seq, "layers.0.bias"), 0) * 2
    close(seq(x), h @ P(seq, "layers.3.weight").T + P(seq, "layers.3.bias"), rtol=1e-4, atol=1e-5)
    assert nn.Sequential()(x) is x


def test_embedding():
    mx.random.seed(1)
    emb = nn.Embedding(50, 16)
    assert emb.weight.shape == (50, 16) and repr(emb) == "Embedding(50, 16)"
    assert abs(np.array(emb.weight).std() - 1 / 4) < 0.02
    idx = RNG.integers(0, 50, (3, 5))
    close(emb(mx.array(idx)), P(emb, "weight")[idx])
    x = randn(2, 16)
    close(emb.as_linear(mx.array(x)), x @ P(emb, "weight").T, rtol=1e-4, atol=1e-5)
    _, g = nn.value_and_grad(emb, lambda i: emb(i).sum())(mx.array([1, 1, 3]))
    want = np.zeros((50, 16))
    want[1] = 2
    want[3] = 1
    close(g["weight"], want)


# ---- Dropout ----

def test_dropout_train_and_eval():
    d = nn.Dropout(0.25)
    assert repr(d) == "Dropout(p=0.25)"
    x = mx.ones((200, 200))
    mx.random.seed(0)
    y = np.array(d(x))
    kept = y != 0
    assert abs(kept.mean() - 0.75) < 0.01
    np.testing.assert_allclose(y[kept], 1 / 0.75, rtol=1e-6)
    assert d.eval()(x) is x
    assert nn.Dropout(0.0)(x) is x


def test_dropout_uses_the_random_state():
    d = nn.Dropout(0.5)
    x = mx.ones((64,))
    mx.random.seed(7)
    a = np.array(d(x))
    mx.random.seed(7)
    b = np.array(d(x))
    np.testing.assert_array_equal(a, b)
    mx.random.seed(7)
    keep = np.array(mx.random.bernoulli(0.5, (64,)))
    np.testing.assert_array_equal(a != 0, keep)


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5])
def test_dropout_rejects_bad_probabilities(p):
    with pytest.raises(ValueError, match=r"not in \[0, 1\)"):
        nn.Dropout(p)


@pytest.mark.parametrize("cls,shape,spatial", [
    (nn.Dropout2d, (8, 3, 5, 40), (1, 2)), (nn.Dropout2d, (3, 5, 60), (0, 1)),
    (nn.Dropout3d, (6, 2, 3, 4, 30), (1, 2, 3)), (nn.Dropout3d, (2, 3, 4, 50), (0, 1, 2)),
])
def test_channel_dropout_drops_whole_channels(cls, shape, spatial):
    d = cls(0.25)
    assert repr(d) == f"{cls.__name__}(p=0.25)"
    x = mx.random.uniform(1, 2, shape)
    mx.random.seed(3)
    y = np.array(d(x))
    # One draw per (batch, channel): the same mask over the spatial axes, kept / (1 - p).
    mask_shape = [1 if i in spatial else n for i, n in enumerate(shape)]
    mx.random.seed(3)
    keep = np.array(mx.random.bernoulli(0.75, mask_shape))
    np.testing.assert_allclose(y, keep * np.array(x) / 0.75, rtol=1e-6)
    assert 0.5 < keep.mean() < 0.95
    assert d.eval()(x) is x
    assert cls(0.0).train()(x) is x


@pytest.mark.parametrize("cls,bad", [(nn.Dropout2d, [(4, 4), (1, 2, 3, 4, 5)]),
                                     (nn.Dropout3d, [(2, 3, 4), (1, 1, 2, 3, 4, 5)])])
def test_channel_dropout_errors(cls, bad):
    for p in (-0.1, 1.0):
        with pytest.raises(ValueError, match=rf"\[{cls.__name__}\] The dropout probability"):
            cls(p)
    for shape in bad:
        with pytest.raises(ValueError, match=rf"\[{cls.__name__}\] Received input with "
                                             rf"{len(shape)} dimensions"):
            cls(0.5)(mx.ones(shape))
        with pytest.raises(ValueError):
            cls(0.5).eval()(mx.ones(shape))  # checked in eval mode too, as in MLX


# ---- normalization ----

def test_layer_norm():
    ln = nn.LayerNorm(6, eps=1e-3)
    ln.update({"weight": mx.array(randn(6)), "bias": mx.array(randn(6))})
    x = randn(3, 4, 6)
    close(ln(mx.array(x)), np_layer_norm(x, 1e-3) * P(ln, "weight") + P(ln, "bias"), rtol=1e-4, atol=1e-5)
    na = nn.LayerNorm(6, affine=False)
    assert na.parameters() == {} and repr(na) == "LayerNorm(6, eps=1e-05, affine=False)"
    close(na(mx.array(x)), np_layer_norm(x, 1e-5), rtol=1e-4, atol=1e-5)
    nb = nn.LayerNorm(6, bias=False)
    assert sorted(nb.parameters()) == ["weight"]
    close(nb(mx.array(x)), np_layer_norm(x, 1e-5), rtol=1e-4, atol=1e-5)


def test_rms_norm():
    rn = nn.RMSNorm(6)
    rn.update({"weight": mx.array(randn(6))})
    x = randn(3, 6)
    want = x / np.sqrt((x.astype(np.float64) ** 2).mean(-1, keepdims=True) + 1e-5) * P(rn, "weight")
    close(rn(mx.array(x)), want, rtol=1e-4, atol=1e-5)
    assert repr(rn) == "RMSNorm(6, eps=1e-05)"


def np_group_norm(x, groups, eps, consecutive):
    b, c = x.shape[0], x.shape[-1]
    if consecutive:
        g = x.reshape(b, -1, groups, c // groups)
        axes = (1, 3)
    else:
        g = x.reshape(b, -1, c // groups, groups)
        axes = (1, 2)
    y = (g - g.mean(axes, keepdims=True)) / np.sqrt(g.var(axes, keepdims=True) + eps)
    return y.reshape(x.shape)


@pytest.mark.parametrize("pytorch_compatible", [False, True])
def test_group_norm(pytorch_compatible):
    gn = nn.GroupNorm(3, 6, pytorch_compatible=pytorch_compatible)
    gn.update({"weight": mx.array(randn(6)), "bias": mx.array(randn(6))})
    x = randn(2, 4, 5, 6)
    want = np_group_norm(x.astype(np.float64), 3, 1e-5, pytorch_compatible) * P(gn, "weight") + P(gn, "bias")
    close(gn(mx.array(x)), want, rtol=1e-4, atol=1e-4)
    assert repr(gn) == f"GroupNorm(3, 6, eps=1e-05, affine=True, pytorch_compatible={pytorch_compatible})"
    assert nn.GroupNorm(3, 6, affine=False).parameters() == {}


@pytest.mark.parametrize("args,match", [
    ((4, 6), "evenly divisible"), ((0, 6), "positive"), ((2, 0), "positive"),
])
def test_group_norm_errors(args, match):
    with pytest.raises(ValueError, match=match):
        nn.GroupNorm(*args)


@pytest.mark.parametrize("cls", [nn.LayerNorm, nn.RMSNorm, nn.BatchNorm])
def test_norm_eps_must_be_positive(cls):
    with pytest.raises(ValueError, match="'eps' must be positive"):
        cls(4, eps=0.0)


@pytest.mark.parametrize("shape", [(8, 3), (4, 5, 3), (2, 3, 4, 3)])
def test_batch_norm_training_updates_running_stats(shape):
    bn = nn.BatchNorm(3, momentum=0.2)
    bn.update({"weight": mx.array(randn(3)), "bias": mx.array(randn(3))})
    x = randn(*shape)
    flat = x.reshape(-1, 3).astype(np.float64)
    want = (x - flat.mean(0)) / np.sqrt(flat.var(0) + 1e-5) * P(bn, "weight") + P(bn, "bias")
    close(bn(mx.array(x)), want, rtol=1e-4, atol=1e-4)
    close(bn.running_mean, 0.2 * flat.mean(0), rtol=1e-4, atol=1e-6)
    close(bn.running_var, 0.8 + 0.2 * flat.var(0, ddof=1), rtol=1e-4, atol=1e-6)
    # eval: the running statistics, unchanged
    rm, rv = P(bn, "running_mean"), P(bn, "running_var")
    bn.eval()
    want = (x - rm) / np.sqrt(rv + 1e-5) * P(bn, "weight") + P(bn, "bias")
    close(bn(mx.array(x)), want, rtol=1e-4, atol=1e-4)
    close(bn.running_mean, rm)


def test_batch_norm_without_running_stats_and_affine():
    bn = nn.BatchNorm(3, affine=False, track_running_stats=False)
    assert bn.parameters() == {}
    assert repr(bn) == "BatchNorm(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)"
    x = randn(6, 3)
    want = (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-5)
    close(bn(mx.array(x)), want, rtol=1e-4, atol=1e-4)
    close(bn.eval()(mx.array(x)), want, rtol=1e-4, atol=1e-4)  # batch statistics in eval too


def test_batch_norm_errors():
    bn = nn.BatchNorm(3)
    with pytest.raises(ValueError, match="2, 3 or 4 dimensions"):
        bn(mx.zeros((3,)))
    with pytest.raises(ValueError, match="2, 3 or 4 dimensions"):
        bn(mx.zeros((1, 1, 1, 1, 3)))
    with pytest.raises(ValueError, match="more than one value per channel"):
        bn(mx.zeros((1, 3)))
    bn.eval()(mx.zeros((1, 3)))  # fine with running statistics


# ---- MultiHeadAttention ----

def np_mha(m, q, k, v, mask=None):
    def proj(name, x):
        out = x @ P(m, f"{name}.weight").T
        key = f"{name}.bias"
        return out + P(m, key) if key in dict(tree_flatten(m.parameters())) else out

    h = m.num_heads
    Q, K, V = proj("query_proj", q), proj("key_proj", k), proj("value_proj", v)

    def heads(t):
        b, n, d = t.shape
        return t.reshape(b, n, h, d // h).transpose(0, 2, 1, 3)

    Q, K, V = heads(Q), heads(K), heads(V)
    s = Q @ K.transpose(0, 1, 3, 2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        s = s + mask
    o = np_softmax(s) @ V
    b, _, n, _ = o.shape
    return proj("out_proj", o.transpose(0, 2, 1, 3).reshape(b, n, -1))


def test_multi_head_attention():
    m = nn.MultiHeadAttention(8, 2)
    assert sorted(m.parameters()) == ["key_proj", "out_proj", "query_proj", "value_proj"]
    assert "bias" not in m.query_proj
    q, kv = randn(2, 5, 8), randn(2, 7, 8)
    close(m(mx.array(q), mx.array(kv), mx.array(kv)), np_mha(m, q, kv, kv), rtol=1e-4, atol=1e-5)


def test_multi_head_attention_dims_and_bias():
    m = nn.MultiHeadAttention(8, 4, query_input_dims=3, key_input_dims=5, value_dims=12,
                              value_output_dims=6, bias=True)
    assert m.query_proj.weight.shape == (8, 3) and m.key_proj.weight.shape == (8, 5)
    assert m.value_proj.weight.shape == (12, 5) and m.out_proj.weight.shape == (6, 12)
    q, kv = randn(2, 5, 3), randn(2, 7, 5)
    out = m(mx.array(q), mx.array(kv), mx.array(kv))
    assert out.shape == (2, 5, 6)
    close(out, np_mha(m, q, kv, kv), rtol=1e-4, atol=1e-5)
    with pytest.raises(ValueError, match="divisible by the number of heads"):
        nn.MultiHeadAttention(10, 3)


def test_causal_mask():
    mask = nn.MultiHeadAttention.create_additive_causal_mask(4)
    assert mask.dtype == mx.float32 and mask.shape == (4, 4)
    lo = np.finfo(np.float32).min
    np.testing.assert_array_equal(np.array(mask), np.triu(np.full((4, 4), lo, np.float32), 1))
    assert nn.MultiHeadAttention.create_additive_causal_mask(3, mx.float16).dtype == mx.float16
    m = nn.MultiHeadAttention(8, 2)
    x = randn(2, 4, 8)
    got = m(mx.array(x), mx.array(x), mx.array(x), mask)
    close(got, np_mha(m, x, x, x, np.array(mask).astype(np.float64)), rtol=1e-4, atol=1e-5)
    # a boolean mask keeps the True places
    got_b = m(mx.array(x), mx.array(x), mx.array(x), mx.array(np.tril(np.ones((4, 4), bool))))
    close(got_b, np.array(got).astype(np.float64), rtol=1e-5, atol=1e-6)
    # the first query sees only the first key
    v1 = np.array(m.value_proj(mx.array(x)))[:, :1]
    close(got[:, :1], np.array(m.out_proj(mx.array(v1))).astype(np.float64), rtol=1e-4, atol=1e-5)


# ---- gradients through every layer, against finite differences ----

def fd_check(model, inputs, eps=1e-6, rtol=1e-5, atol=1e-7):
    """Gradients of sum(model(*inputs) * u) w.r.t. the trainable parameters and the
    float inputs, against central differences, all in float64."""
    model.set_dtype(mx.float64)
    inputs = [mx.array(x, dtype=mx.float64) if x.dtype.kind == "f" else mx.array(x) for x in inputs]
    u = None

    def loss(*xs):
        nonlocal u
        out = model(*xs)
        if u is None:
            u = f64(np.random.default_rng(1).standard_normal(out.shape))
        return (out * u).sum()

    mx.eval(loss(*inputs))
    _, g_params = nn.value_and_grad(model, loss)(*inputs)
    flat = tree_flatten(model.trainable_parameters())
    g_flat = dict(tree_flatten(g_params))
    assert sorted(g_flat) == sorted(k for k, _ in flat)
    for key, p in flat:
        base = np.array(p)
        want = np.zeros(base.size)
        for i in range(base.size):
            for sign in (1, -1):
                bumped = base.copy().ravel()
                bumped[i] += sign * eps
                model.update(_nested(key, f64(bumped.reshape(base.shape))))
                want[i] += sign * loss(*inputs).item() / (2 * eps)
        model.update(_nested(key, f64(base)))
        np.testing.assert_allclose(np.array(g_flat[key]).ravel(), want, rtol=rtol, atol=atol, err_msg=key)
    for j, x in enumerate(inputs):
        if not mx.issubdtype(x.dtype, mx.floating):
            continue
        g = mx.grad(lambda *xs: loss(*xs), argnums=j)(*inputs)
        base = np.array(x)
        want = np.zeros(base.size)
        for i in range(base.size):
            for sign in (1, -1):
                bumped = base.copy().ravel()
                bumped[i] += sign * eps
                xs = list(inputs)
                xs[j] = f64(bumped.reshape(base.shape))
                want[i] += sign * loss(*xs).item() / (2 * eps)
        np.testing.assert_allclose(np.array(g).ravel(), want, rtol=rtol, atol=atol, err_msg=f"input {j}")


def f64(x):
    return mx.array(x, dtype=mx.float64)  # mx.array alone makes float32 of NumPy float64, as MLX


def _nested(key, value):
    """{"a": {"b": value}} or lists, for a dotted key."""
    from mxgraph.utils import tree_unflatten

    return tree_unflatten([(key, value)])


def _randomize(model):
    model.update(tree_map(lambda a: mx.array(RNG.standard_normal(a.shape)), model.trainable_parameters()))
    return model


GRAD_CASES = [
    ("Linear", lambda: nn.Linear(3, 2), [(2, 3)]),
    ("LinearNoBias", lambda: nn.Linear(3, 2, bias=False), [(2, 3)]),
    ("Bilinear", lambda: nn.Bilinear(3, 2, 2), [(2, 3), (2, 2)]),
    ("Sequential", lambda: nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)), [(2, 3)]),
    ("LayerNorm", lambda: nn.LayerNorm(4), [(2, 4)]),
    ("LayerNormNoAffine", lambda: nn.LayerNorm(4, affine=False), [(2, 4)]),
    ("RMSNorm", lambda: nn.RMSNorm(4), [(2, 4)]),
    ("GroupNorm", lambda: nn.GroupNorm(2, 4), [(2, 3, 4)]),
    ("GroupNormPT", lambda: nn.GroupNorm(2, 4, pytorch_compatible=True), [(2, 3, 4)]),
    ("BatchNormEval", lambda: nn.BatchNorm(3).eval(), [(4, 3)]),
    ("BatchNormTrain", lambda: nn.BatchNorm(3, track_running_stats=False), [(4, 3)]),
    ("MultiHeadAttention", lambda: nn.MultiHeadAttention(4, 2, bias=True), [(1, 3, 4), (1, 2, 4), (1, 2, 4)]),
    ("PReLU", lambda: nn.PReLU(3), [(2, 3)]),
    ("DropoutEval", lambda: nn.Sequential(nn.Linear(3, 3), nn.Dropout(0.5).eval()), [(2, 3)]),
    ("GELU", lambda: nn.Sequential(nn.Linear(3, 3), nn.GELU()), [(2, 3)]),
]


@pytest.mark.parametrize("name,ctor,shapes", GRAD_CASES, ids=[c[0] for c in GRAD_CASES])
def test_layer_grads_against_finite_differences(name, ctor, shapes):
    model = ctor()
    if name != "BatchNormEval":
        _randomize(model)
    else:
        model.update({"running_mean": mx.array(RNG.standard_normal(3)), "running_var": mx.array(RNG.uniform(0.5, 2, 3))})
    fd_check(model, [RNG.standard_normal(s) for s in shapes])


def test_embedding_grads_against_finite_differences():
    emb = nn.Embedding(5, 3)
    fd_check(emb, [np.array([[0, 2], [2, 4]])])


def test_dropout_grad_is_the_mask():
    d = nn.Dropout(0.5)
    mx.random.seed(4)
    x = mx.ones((50,))
    y = np.array(d(x))
    mx.random.seed(4)
    g = mx.grad(lambda t: d(t).sum())(x)
    np.testing.assert_allclose(np.array(g), y, rtol=1e-6)


# ---- against torch ----

def test_layers_against_torch():
    torch = pytest.importorskip("torch", reason="PyTorch, an optional peer, is not installed")
    tnn = torch.nn
    x = randn(4, 6, 8).astype(np.float64)
    t = torch.tensor(x)

    lin = nn.Linear(8, 5)
    lin.set_dtype(mx.float64)
    tl = tnn.Linear(8, 5).double()
    with torch.no_grad():
        tl.weight.copy_(torch.tensor(P(lin, "weight")))
        tl.bias.copy_(torch.tensor(P(lin, "bias")))
    close(lin(f64(x)), tl(t).detach().numpy(), rtol=1e-12, atol=1e-12)

    bl = nn.Bilinear(8, 8, 3)
    bl.set_dtype(mx.float64)
    tb = tnn.Bilinear(8, 8, 3).double()
    with torch.no_grad():
        tb.weight.copy_(torch.tensor(P(bl, "weight")).transpose(1, 2))  # torch: (out, in1, in2)
        tb.bias.copy_(torch.tensor(P(bl, "bias")))
    close(bl(f64(x), f64(x[::-1].copy())), tb(t, t.flip(0)).detach().numpy(), rtol=1e-10, atol=1e-12)

    ln = nn.LayerNorm(8)
    ln.set_dtype(mx.float64)
    close(ln(f64(x)), tnn.LayerNorm(8).double()(t).detach().numpy(), rtol=1e-10, atol=1e-10)

    rn = nn.RMSNorm(8)
    rn.set_dtype(mx.float64)
    close(rn(f64(x)), tnn.RMSNorm(8, eps=1e-5).double()(t).detach().numpy(), rtol=1e-10, atol=1e-10)

    gn = nn.GroupNorm(4, 8, pytorch_compatible=True)
    gn.set_dtype(mx.float64)
    tg = tnn.GroupNorm(4, 8).double()(t.permute(0, 2, 1)).permute(0, 2, 1)  # torch: channels second
    close(gn(f64(x)), tg.detach().numpy(), rtol=1e-10, atol=1e-10)

    bn = nn.BatchNorm(8, momentum=0.3)
    bn.set_dtype(mx.float64)
    tbn = tnn.BatchNorm1d(8, momentum=0.3).double()
    close(bn(f64(x)), tbn(t.permute(0, 2, 1)).permute(0, 2, 1).detach().numpy(), rtol=1e-10, atol=1e-10)
    close(bn.running_mean, tbn.running_mean.numpy(), rtol=1e-10, atol=1e-12)
    close(bn.running_var, tbn.running_var.numpy(), rtol=1e-10, atol=1e-12)
    bn.eval()
    tbn.eval()
    close(bn(f64(x)), tbn(t.permute(0, 2, 1)).permute(0, 2, 1).detach().numpy(), rtol=1e-10, atol=1e-10)

    emb = nn.Embedding(10, 4)
    emb.set_dtype(mx.float64)
    te = tnn.Embedding(10, 4).double()
    with torch.no_grad():
        te.weight.copy_(torch.tensor(P(emb, "weight")))
    idx = RNG.integers(0, 10, (3, 2))
    close(emb(mx.array(idx)), te(torch.tensor(idx)).detach().numpy())

    pr = nn.PReLU(8, init=0.3)
    pr.set_dtype(mx.float64)
    tp = tnn.PReLU(8, init=0.3).double()
    close(pr(f64(x)), tp(t.permute(0, 2, 1)).permute(0, 2, 1).detach().numpy())


def test_multi_head_attention_against_torch():
    torch = pytest.importorskip("torch", reason="PyTorch, an optional peer, is not installed")
    m = nn.MultiHeadAttention(8, 2, bias=True)
    m.set_dtype(mx.float64)
    tm = torch.nn.MultiheadAttention(8, 2, bias=True, batch_first=True).double()
    with torch.no_grad():
        tm.in_proj_weight.copy_(torch.tensor(np.concatenate(
            [P(m, f"{n}.weight") for n in ("query_proj", "key_proj", "value_proj")])))
        tm.in_proj_bias.copy_(torch.tensor(np.concatenate(
            [P(m, f"{n}.bias") for n in ("query_proj", "key_proj", "value_proj")])))
        tm.out_proj.weight.copy_(torch.tensor(P(m, "out_proj.weight")))
        tm.out_proj.bias.copy_(torch.tensor(P(m, "out_proj.bias")))
    q, kv = randn(2, 5, 8).astype(np.float64), randn(2, 7, 8).astype(np.float64)
    want, _ = tm(torch.tensor(q), torch.tensor(kv), torch.tensor(kv), need_weights=False)
    close(m(f64(q), f64(kv), f64(kv)), want.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_batch_norm_statistics_update_under_value_and_grad():
    bn = nn.BatchNorm(3)
    x = randn(5, 3)
    loss, g = nn.value_and_grad(bn, lambda t: (bn(t) ** 2).sum())(mx.array(x))
    assert sorted(g) == ["bias", "weight"]
    np.testing.assert_allclose(loss.item(), 15.0, rtol=1e-3)  # normalized: sum of squares = n * features
    close(bn.running_mean, 0.1 * x.mean(0), rtol=1e-4, atol=1e-7)
    close(bn.running_var, 0.9 + 0.1 * x.var(0, ddof=1), rtol=1e-4, atol=1e-7)
