"""Activation functions and their Module forms (``mlx.nn`` formulas and defaults)."""

import math
from typing import Any

import mxgraph.core as mx
from mxgraph.nn.layers.base import Module

__all__ = [
    "celu",
    "elu",
    "gelu",
    "gelu_approx",
    "gelu_fast_approx",
    "glu",
    "hard_shrink",
    "hard_sigmoid",
    "hard_tanh",
    "hardswish",
    "leaky_relu",
    "log_sigmoid",
    "log_softmax",
    "mish",
    "prelu",
    "relu",
    "relu2",
    "relu6",
    "selu",
    "sigmoid",
    "silu",
    "softmax",
    "softmin",
    "softplus",
    "softshrink",
    "softsign",
    "step",
    "tanh",
    "CELU",
    "ELU",
    "GELU",
    "GLU",
    "HardShrink",
    "HardSigmoid",
    "HardTanh",
    "Hardswish",
    "LeakyReLU",
    "LogSigmoid",
    "LogSoftmax",
    "Mish",
    "PReLU",
    "ReLU",
    "ReLU2",
    "ReLU6",
    "SELU",
    "SiLU",
    "Sigmoid",
    "Softmax",
    "Softmin",
    "Softplus",
    "Softshrink",
    "Softsign",
    "Step",
    "Tanh",
]


def sigmoid(x):
    """1 / (1 + exp(-x))."""
    return mx.sigmoid(x)


relu = mx.relu  # max(x, 0); defined in the core, which the guide's mx.relu reaches


def relu2(x):
    """max(x, 0) ** 2."""
    return mx.square(mx.maximum(x, 0))


def relu6(x):
    """min(max(x, 0), 6)."""
    return mx.minimum(mx.maximum(x, 0), 6.0)


def leaky_relu(x, negative_slope=0.01):
    """max(negative_slope * x, x)."""
    return mx.maximum(negative_slope * x, x)


def log_softmax(x, axis=-1):
    """x - logsumexp(x) along axis (shifted by the max for stability)."""
    shifted = x - mx.stop_gradient(mx.max(x, axis=axis, keepdims=True))
    return shifted - mx.logsumexp(shifted, axis=axis, keepdims=True)


def elu(x, alpha=1.0):
    """x where x > 0, alpha * (exp(x) - 1) elsewhere."""
    return mx.where(x > 0, x, alpha * (mx.exp(x) - 1))


def softmax(x, axis=-1):
    """exp(x) / sum(exp(x)) along axis."""
    return mx.softmax(x, axis=axis)


def softplus(x):
    """log(1 + exp(x))."""
    return mx.logaddexp(x, 0)


def softsign(x):
    """x / (1 + |x|)."""
    return mx.divide(x, 1 + mx.abs(x))


def softshrink(x, lambd: float = 0.5):
    """x - sign(x) * lambd where |x| > lambd, 0 elsewhere."""
    return mx.where(mx.abs(x) > lambd, x - mx.sign(x) * lambd, 0)


def celu(x, alpha=1.0):
    """max(x, 0) + alpha * (exp(min(x, 0) / alpha) - 1)."""
    return mx.maximum(x, 0.0) + alpha * (mx.exp(mx.minimum(x, 0.0) / alpha) - 1)


def silu(x):
    """x * sigmoid(x)."""
    return x * mx.sigmoid(x)


def log_sigmoid(x):
    """log(sigmoid(x)) = -softplus(-x)."""
    return -softplus(-x)


def gelu(x):
    """x * Phi(x), with the Gaussian CDF written with erf."""
    return x * (1 + mx.erf(x / math.sqrt(2))) / 2


def gelu_approx(x):
    """The tanh approximation of gelu."""
    return 0.5 * x * (1 + mx.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))


def gelu_fast_approx(x):
    """The sigmoid approximation of gelu: x * sigmoid(1.702 x)."""
    return x * mx.sigmoid(1.702 * x)


def glu(x, axis: int = -1):
    """a * sigmoid(b), with x split in two halves a, b along axis."""
    a, b = mx.split(x, 2, axis=axis)
    return a * mx.sigmoid(b)


def step(x, threshold: float = 0.0):
    """1 where x >= threshold, 0 elsewhere (integers)."""
    return mx.where(x >= threshold, 1, 0)


def selu(x):
    """1.0507 * elu(x, 1.67326)."""
    return elu(x, 1.67326) * 1.0507


def prelu(x, alpha):
    """max(0, x) + alpha * min(0, x)."""
    return mx.maximum(0, x) + alpha * mx.minimum(0, x)


def mish(x):
    """x * tanh(softplus(x))."""
    return x * mx.tanh(softplus(x))


def hardswish(x):
    """x * min(max(x + 3, 0), 6) / 6."""
    return x * mx.minimum(mx.maximum(x + 3, 0), 6) / 6


def hard_sigmoid(x):
    """min(max(x + 3, 0), 6) / 6 (PyTorch's Hardsigmoid)."""
    return mx.minimum(mx.maximum(x + 3, 0), 6) / 6


def hard_tanh(x, min_val=-1.0, max_val=1.0):
    """x clipped to [min_val, max_val]."""
    return mx.minimum(mx.maximum(x, min_val), max_val)


def hard_shrink(x, lambd=0.5):
    """x where |x| > lambd, 0 elsewhere."""
    return mx.where(mx.abs(x) > lambd, x, 0)


def softmin(x, axis=-1):
    """softmax(-x) along axis."""
    return mx.softmax(-x, axis=axis)


def tanh(x):
    """The hyperbolic tangent."""
    return mx.tanh(x)


def _module_of(fn, name, doc):
    """A parameterless Module class that applies fn."""

    def call(self, x):
        return fn(x)

    return type(name, (Module,), {"__call__": call, "__doc__": doc, "__module__": __name__})


Sigmoid = _module_of(sigmoid, "Sigmoid", "Applies sigmoid.")
Mish = _module_of(mish, "Mish", "Applies mish.")
ReLU = _module_of(relu, "ReLU", "Applies relu.")
ReLU2 = _module_of(relu2, "ReLU2", "Applies relu2.")
ReLU6 = _module_of(relu6, "ReLU6", "Applies relu6.")
Softmax = _module_of(softmax, "Softmax", "Applies softmax on the last axis.")
Softplus = _module_of(softplus, "Softplus", "Applies softplus.")
Softsign = _module_of(softsign, "Softsign", "Applies softsign.")
SiLU = _module_of(silu, "SiLU", "Applies silu.")
LogSoftmax = _module_of(log_softmax, "LogSoftmax", "Applies log_softmax on the last axis.")
LogSigmoid = _module_of(log_sigmoid, "LogSigmoid", "Applies log_sigmoid.")
Tanh = _module_of(tanh, "Tanh", "Applies tanh.")
Hardswish = _module_of(hardswish, "Hardswish", "Applies hardswish.")
HardSigmoid = _module_of(hard_sigmoid, "HardSigmoid", "Applies hard_sigmoid.")
SELU = _module_of(selu, "SELU", "Applies selu.")
HardTanh = _module_of(hard_tanh, "HardTanh", "Applies hard_tanh with bounds -1 and 1.")
Softmin = _module_of(softmin, "Softmin", "Applies softmin on the last axis.")


class GLU(Module):
    """Applies glu along `axis`."""

    def __init__(self, axis: int = -1):
        super().__init__()
        self.axis = axis

    def __call__(self, x) -> Any:
        return glu(x, axis=self.axis)


class LeakyReLU(Module):
    """Applies leaky_relu with the given slope."""

    def __init__(self, negative_slope=0.01):
        super().__init__()
        self._negative_slope = negative_slope

    def __call__(self, x):
        return leaky_relu(x, self._negative_slope)


class ELU(Module):
    """Applies elu with the given alpha."""

    def __init__(self, alpha=1.0):
        super().__init__()
        self._alpha = alpha

    def __call__(self, x):
        return elu(x, self._alpha)


class CELU(Module):
    """Applies celu with the given alpha."""

    def __init__(self, alpha=1.0):
        super().__init__()
        self._alpha = alpha

    def __call__(self, x):
        return celu(x, self._alpha)


class Softshrink(Module):
    """Applies softshrink with the given lambd."""

    def __init__(self, lambd=0.5):
        super().__init__()
        self.lambd = lambd

    def __call__(self, x):
        return softshrink(x, self.lambd)


class HardShrink(Module):
    """Applies hard_shrink with the given lambd."""

    def __init__(self, lambd=0.5):
        super().__init__()
        self.lambd = lambd

    def __call__(self, x):
        return hard_shrink(x, self.lambd)


class PReLU(Module):
    """prelu with a learned slope per channel (num_parameters of them), starting at init."""

    def __init__(self, num_parameters=1, init=0.25):
        super().__init__()
        self.weight = mx.full([num_parameters], init)

    def __call__(self, x):
        return prelu(x, self.weight)


class GELU(Module):
    """gelu; approx 'none' (exact), 'precise' or 'tanh' (gelu_approx), or 'fast'."""

    def __init__(self, approx="none"):
        super().__init__()
        allowed = ["none", "precise", "tanh", "fast"]
        if approx not in allowed:
            raise ValueError(f"[GELU] The approximation should be in {allowed} but '{approx}' was given.")
        self._approx = approx

    def __call__(self, x):
        if self._approx == "none":
            return gelu(x)
        if self._approx in ("precise", "tanh"):
            return gelu_approx(x)
        return gelu_fast_approx(x)


class Step(Module):
    """Applies step with the given threshold."""

    def __init__(self, threshold: float = 0.0):
        super().__init__()
        self.threshold = threshold

    def __call__(self, x):
        return step(x, self.threshold)
