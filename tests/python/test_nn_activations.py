"""nn activations (functions and modules) against NumPy references, with gradients."""

import math

import numpy as np
import pytest

import mxgraph.core as mx
import mxgraph.nn as nn
from harness import OpCase, case_ids, check_grads, check_values

FL = ("float32", "float16", "bfloat16", "float64")


def np_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def np_softplus(x):
    return np.logaddexp(x, 0)


def np_erf(x):
    return np.vectorize(math.erf, otypes=[np.float64])(x)


def np_softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def np_elu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * (np.exp(x) - 1))


NP = {
    "relu": lambda x: np.maximum(x, 0),
    "relu2": lambda x: np.maximum(x, 0) ** 2,
    "relu6": lambda x: np.minimum(np.maximum(x, 0), 6),
    "leaky_relu": lambda x: np.where(x > 0, x, 0.01 * x),
    "elu": np_elu,
    "selu": lambda x: 1.0507 * np_elu(x, 1.67326),
    "celu": lambda x: np.maximum(x, 0) + np.exp(np.minimum(x, 0)) - 1,
    "gelu": lambda x: x * (1 + np_erf(x / np.sqrt(2))) / 2,
    "gelu_approx": lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3))),
    "gelu_fast_approx": lambda x: x * np_sigmoid(1.702 * x),
    "silu": lambda x: x * np_sigmoid(x),
    "sigmoid": np_sigmoid,
    "hard_sigmoid": lambda x: np.clip(x + 3, 0, 6) / 6,
    "tanh": np.tanh,
    "softplus": np_softplus,
    "softsign": lambda x: x / (1 + np.abs(x)),
    "mish": lambda x: x * np.tanh(np_softplus(x)),
    "hardswish": lambda x: x * np.clip(x + 3, 0, 6) / 6,
    "log_sigmoid": lambda x: -np_softplus(-x),
    "softmax": np_softmax,
    "log_softmax": lambda x: np.log(np_softmax(x)),
    "softmin": lambda x: np_softmax(-x),
    "glu": lambda x: np.split(x, 2, axis=-1)[0] * np_sigmoid(np.split(x, 2, axis=-1)[1]),
    "softshrink": lambda x: np.where(np.abs(x) > 0.5, x - np.sign(x) * 0.5, 0),
    "hard_tanh": lambda x: np.clip(x, -1, 1),
    "hard_shrink": lambda x: np.where(np.abs(x) > 0.5, x, 0),
}
SHAPES = [((6,),), ((3, 4),), ((2, 3, 4),), ((2, 0, 4),)]
CASES = [
    # log_softmax reduces with max, which rejects empty arrays (as MLX's does)
    OpCase(name, ref, mx_fn=getattr(nn, name), dtypes=FL,
           shapes=SHAPES[:-1] if name == "log_softmax" else SHAPES, domain=(-4.0, 4.0),
           out_dtype=lambda d: d, tol={"float16": (5e-3, 5e-3), "bfloat16": (3e-2, 3e-2)})
    for name, ref in NP.items()
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_activation_values(case):
    check_values(case)


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_activation_grads(case):
    if case.name in ("softshrink", "hard_tanh", "hard_shrink", "relu6", "hard_sigmoid", "hardswish"):
        # kinks at +-0.5, +-1, +-3, 6: keep the points away from them
        case = OpCase(case.name, case.np_fn, mx_fn=case.mx_fn, shapes=case.shapes, domain=(-0.45, 0.45))
    check_grads(case, shapes=[((6,),), ((3, 4),)])


def test_parameterized_functions():
    x = np.linspace(-3, 3, 13).astype(np.float32)
    a = mx.array(x)
    np.testing.assert_allclose(np.array(nn.leaky_relu(a, 0.2)), np.where(x > 0, x, 0.2 * x), rtol=1e-6)
    np.testing.assert_allclose(np.array(nn.elu(a, 0.5)), np_elu(x, 0.5), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(np.array(nn.celu(a, 0.5)),
                               np.maximum(x, 0) + 0.5 * (np.exp(np.minimum(x, 0) / 0.5) - 1), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(np.array(nn.softmax(a.reshape(13, 1), axis=0)).ravel(), np_softmax(x), rtol=1e-5)
    np.testing.assert_allclose(np.array(nn.log_softmax(a.reshape(1, 13), axis=1)).ravel(),
                               np.log(np_softmax(x)), rtol=1e-5, atol=1e-6)
    x2 = np.arange(12, dtype=np.float32).reshape(4, 3) / 6
    g = nn.glu(mx.array(x2), axis=0)
    np.testing.assert_allclose(np.array(g), x2[:2] * np_sigmoid(x2[2:]), rtol=1e-6)
    w = mx.array([0.1, 0.2, 0.3])
    np.testing.assert_allclose(np.array(nn.prelu(mx.array(x2 - 1), w)),
                               np.maximum(x2 - 1, 0) + np.array([0.1, 0.2, 0.3]) * np.minimum(x2 - 1, 0), rtol=1e-6)


def test_step_gives_integers():
    s = nn.step(mx.array([-1.0, 0.0, 2.0]))
    assert s.dtype == mx.int32 and s.tolist() == [0, 1, 1]
    assert nn.step(mx.array([0.5, 1.5]), threshold=1.0).tolist() == [0, 1]
    assert nn.Step(1.0)(mx.array([0.5, 1.5])).tolist() == [0, 1]


def test_integer_inputs_keep_their_dtype():
    assert nn.relu(mx.array([-1, 2])).dtype == mx.int32
    assert nn.relu(mx.array([-1, 2])).tolist() == [0, 2]


MODULES = [
    (nn.ReLU(), "relu"), (nn.ReLU2(), "relu2"), (nn.ReLU6(), "relu6"), (nn.LeakyReLU(), "leaky_relu"),
    (nn.ELU(), "elu"), (nn.SELU(), "selu"), (nn.CELU(), "celu"), (nn.GELU(), "gelu"),
    (nn.GELU("precise"), "gelu_approx"), (nn.GELU("tanh"), "gelu_approx"), (nn.GELU("fast"), "gelu_fast_approx"),
    (nn.SiLU(), "silu"), (nn.Sigmoid(), "sigmoid"), (nn.HardSigmoid(), "hard_sigmoid"), (nn.Tanh(), "tanh"),
    (nn.Softplus(), "softplus"), (nn.Softsign(), "softsign"), (nn.Mish(), "mish"), (nn.Hardswish(), "hardswish"),
    (nn.LogSigmoid(), "log_sigmoid"), (nn.Softmax(), "softmax"), (nn.LogSoftmax(), "log_softmax"),
    (nn.Softmin(), "softmin"), (nn.GLU(), "glu"), (nn.Softshrink(), "softshrink"), (nn.HardTanh(), "hard_tanh"),
    (nn.HardShrink(), "hard_shrink"),
]


@pytest.mark.parametrize("module,name", MODULES, ids=[f"{type(m).__name__}-{n}" for m, n in MODULES])
def test_activation_modules(module, name):
    x = np.random.default_rng(1).uniform(-4, 4, (3, 6)).astype(np.float32)
    np.testing.assert_allclose(np.array(module(mx.array(x))), NP[name](x.astype(np.float64)), rtol=2e-5, atol=1e-6)
    assert module.parameters() == {}
    assert repr(module) == f"{type(module).__name__}()"


def test_prelu_module_has_a_learned_slope():
    m = nn.PReLU(num_parameters=3, init=0.1)
    assert m.weight.shape == (3,) and np.allclose(np.array(m.weight), 0.1)
    assert nn.PReLU().weight.tolist() == pytest.approx([0.25])
    x = np.array([[-2.0, 1.0, -1.0]], np.float32)
    np.testing.assert_allclose(np.array(m(mx.array(x))), [[-0.2, 1.0, -0.1]], rtol=1e-6)
    _, g = nn.value_and_grad(m, lambda x: m(x).sum())(mx.array(x))
    np.testing.assert_allclose(np.array(g["weight"]), [-2.0, 0.0, -1.0])


def test_gelu_rejects_unknown_approximations():
    with pytest.raises(ValueError, match="approximation"):
        nn.GELU("exact")


def test_mx_relu_is_nn_relu():
    assert mx.relu is nn.relu
    assert mx.relu(mx.array([-1.0, 2.0])).tolist() == [0.0, 2.0]


def test_against_torch():
    torch = pytest.importorskip("torch", reason="PyTorch, an optional peer, is not installed")
    F = torch.nn.functional
    x = np.random.default_rng(2).uniform(-4, 4, (4, 6))
    t = torch.tensor(x)
    pairs = [
        ("relu", F.relu), ("relu6", F.relu6), ("leaky_relu", F.leaky_relu), ("elu", F.elu), ("celu", F.celu),
        ("gelu", F.gelu), ("gelu_approx", lambda v: F.gelu(v, approximate="tanh")), ("silu", F.silu),
        ("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("softplus", F.softplus), ("softsign", F.softsign),
        ("mish", F.mish), ("hardswish", F.hardswish), ("hard_sigmoid", F.hardsigmoid), ("log_sigmoid", F.logsigmoid),
        ("softmax", lambda v: F.softmax(v, -1)), ("log_softmax", lambda v: F.log_softmax(v, -1)),
        ("softmin", lambda v: F.softmin(v, -1)), ("glu", F.glu), ("softshrink", F.softshrink),
        ("hard_tanh", F.hardtanh), ("hard_shrink", F.hardshrink),
    ]
    for name, tf in pairs:
        got = np.array(getattr(nn, name)(mx.array(x, dtype=mx.float64)))
        np.testing.assert_allclose(got, tf(t).numpy(), rtol=1e-10, atol=1e-12, err_msg=name)
    # MLX's selu rounds the constants to 1.67326 and 1.0507
    np.testing.assert_allclose(np.array(nn.selu(mx.array(x))), F.selu(t).numpy(), rtol=1e-4, atol=1e-5)
