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
    """The logistic sigmoid, ``1 / (1 + exp(-x))``, elementwise.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.sigmoid(x)
        array([0.119203, 0.5, 0.880797], dtype=float32)
    """
    return mx.sigmoid(x)


relu = mx.relu  # max(x, 0); defined in the core, which the guide's mx.relu reaches


def relu2(x):
    """The squared ReLU, ``max(x, 0) ** 2``, elementwise.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.relu2(x)
        array([0, 0, 4], dtype=float32)
    """
    return mx.square(mx.maximum(x, 0))


def relu6(x):
    """ReLU capped at 6, ``min(max(x, 0), 6)``, elementwise.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 3.0, 8.0])
        >>> nn.relu6(x)
        array([0, 3, 6], dtype=float32)
    """
    return mx.minimum(mx.maximum(x, 0), 6.0)


def leaky_relu(x, negative_slope=0.01):
    """The leaky ReLU, ``max(negative_slope * x, x)``, elementwise.

    Args:
        x (array): Input array.
        negative_slope (float, optional): Slope for ``x < 0``. Default: ``0.01``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.leaky_relu(x, 0.1)
        array([-0.2, 0, 2], dtype=float32)
    """
    return mx.maximum(negative_slope * x, x)


def log_softmax(x, axis=-1):
    """The log of the softmax along an axis, ``x - logsumexp(x)``, computed stably.

    Args:
        x (array): Input array.
        axis (int, optional): The axis to normalise over. Default: ``-1``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([0.0, 0.0])
        >>> nn.log_softmax(x)
        array([-0.693147, -0.693147], dtype=float32)
    """
    shifted = x - mx.stop_gradient(mx.max(x, axis=axis, keepdims=True))
    return shifted - mx.logsumexp(shifted, axis=axis, keepdims=True)


def elu(x, alpha=1.0):
    """The exponential linear unit: ``x`` where ``x > 0``, ``alpha * (exp(x) - 1)`` elsewhere.

    Args:
        x (array): Input array.
        alpha (float, optional): Scale of the negative part. Default: ``1.0``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.elu(x)
        array([-0.864665, 0, 2], dtype=float32)
    """
    return mx.where(x > 0, x, alpha * (mx.exp(x) - 1))


def softmax(x, axis=-1):
    """The softmax along an axis, ``exp(x) / sum(exp(x))``, computed stably.

    Args:
        x (array): Input array.
        axis (int, optional): The axis to normalise over. Default: ``-1``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([1.0, 1.0, 2.0])
        >>> nn.softmax(x)
        array([0.211942, 0.211942, 0.576117], dtype=float32)
    """
    return mx.softmax(x, axis=axis)


def softplus(x):
    """The softplus, ``log(1 + exp(x))``, a smooth ReLU.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.softplus(x)
        array([0.126928, 0.693147, 2.12693], dtype=float32)
    """
    return mx.logaddexp(x, 0)


def softsign(x):
    """The softsign, ``x / (1 + |x|)``.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.softsign(x)
        array([-0.666667, 0, 0.666667], dtype=float32)
    """
    return mx.divide(x, 1 + mx.abs(x))


def softshrink(x, lambd: float = 0.5):
    """Soft shrinkage: ``x - sign(x) * lambd`` where ``|x| > lambd``, zero elsewhere.

    Args:
        x (array): Input array.
        lambd (float, optional): The threshold. Default: ``0.5``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.softshrink(x)
        array([-1.5, 0, 1.5], dtype=float32)
    """
    return mx.where(mx.abs(x) > lambd, x - mx.sign(x) * lambd, 0)


def celu(x, alpha=1.0):
    """The continuously differentiable ELU, ``max(x, 0) + alpha * (exp(min(x, 0) / alpha) - 1)``.

    Args:
        x (array): Input array.
        alpha (float, optional): Scale of the negative part. Default: ``1.0``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.celu(x)
        array([-0.864665, 0, 2], dtype=float32)
    """
    return mx.maximum(x, 0.0) + alpha * (mx.exp(mx.minimum(x, 0.0) / alpha) - 1)


def silu(x):
    """The sigmoid linear unit (swish), ``x * sigmoid(x)``.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.silu(x)
        array([-0.238406, 0, 1.76159], dtype=float32)
    """
    return x * mx.sigmoid(x)


def log_sigmoid(x):
    """The log of the sigmoid, ``-softplus(-x)``, computed stably.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.log_sigmoid(x)
        array([-2.12693, -0.693147, -0.126928], dtype=float32)
    """
    return -softplus(-x)


def gelu(x):
    """The Gaussian error linear unit, ``x * Phi(x)`` with ``Phi`` the standard normal CDF (exact, through :func:`erf`).

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.gelu(x)
        array([-0.0455003, 0, 1.9545], dtype=float32)
    """
    return x * (1 + mx.erf(x / math.sqrt(2))) / 2


def gelu_approx(x):
    """The tanh approximation of :func:`gelu`, ``0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x ** 3)))``.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.gelu_approx(x)
        array([-0.0454023, 0, 1.9546], dtype=float32)
    """
    return 0.5 * x * (1 + mx.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))


def gelu_fast_approx(x):
    """The sigmoid approximation of :func:`gelu`, ``x * sigmoid(1.702 * x)``.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.gelu_fast_approx(x)
        array([-0.0643414, 0, 1.93566], dtype=float32)
    """
    return x * mx.sigmoid(1.702 * x)


def glu(x, axis: int = -1):
    """The gated linear unit: ``x`` split in two halves ``a`` and ``b`` along an axis gives ``a * sigmoid(b)``.

    Args:
        x (array): Input array.
        axis (int, optional): The axis to split; its size must be even. Default: ``-1``.

    Returns:
        array: The activation, half the size of ``x`` along ``axis``.

    Example:
        >>> x = mx.array([1.0, 2.0, 0.0, 100.0])
        >>> nn.glu(x)
        array([0.5, 2], dtype=float32)
    """
    a, b = mx.split(x, 2, axis=axis)
    return a * mx.sigmoid(b)


def step(x, threshold: float = 0.0):
    """The step function: 1 where ``x >= threshold``, 0 elsewhere.

    Args:
        x (array): Input array.
        threshold (float, optional): Where the step is. Default: ``0.0``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.step(x)
        array([0, 1, 1], dtype=int32)
    """
    return mx.where(x >= threshold, 1, 0)


def selu(x):
    """The scaled ELU, ``1.0507 * elu(x, 1.67326)``, which keeps activations normalised.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.selu(x)
        array([-1.52016, 0, 2.1014], dtype=float32)
    """
    return elu(x, 1.67326) * 1.0507


def prelu(x, alpha):
    """The parametric ReLU, ``max(0, x) + alpha * min(0, x)``.

    Args:
        x (array): Input array.
        alpha (array): The slope for ``x < 0``, broadcast against ``x``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.prelu(x, mx.array([0.25]))
        array([-0.5, 0, 2], dtype=float32)
    """
    return mx.maximum(0, x) + alpha * mx.minimum(0, x)


def mish(x):
    """Mish, ``x * tanh(softplus(x))``.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.mish(x)
        array([-0.252501, 0, 1.94396], dtype=float32)
    """
    return x * mx.tanh(softplus(x))


def hardswish(x):
    """The hard swish, ``x * min(max(x + 3, 0), 6) / 6``.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.hardswish(x)
        array([-0.333333, 0, 1.66667], dtype=float32)
    """
    return x * mx.minimum(mx.maximum(x + 3, 0), 6) / 6


def hard_sigmoid(x):
    """The hard sigmoid, ``min(max(x + 3, 0), 6) / 6`` (PyTorch's ``Hardsigmoid``).

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.hard_sigmoid(x)
        array([0.166667, 0.5, 0.833333], dtype=float32)
    """
    return mx.minimum(mx.maximum(x + 3, 0), 6) / 6


def hard_tanh(x, min_val=-1.0, max_val=1.0):
    """``x`` clipped to ``[min_val, max_val]``.

    Args:
        x (array): Input array.
        min_val (float, optional): The lower bound. Default: ``-1.0``.
        max_val (float, optional): The upper bound. Default: ``1.0``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.hard_tanh(x)
        array([-1, 0, 1], dtype=float32)
    """
    return mx.minimum(mx.maximum(x, min_val), max_val)


def hard_shrink(x, lambd=0.5):
    """Hard shrinkage: ``x`` where ``|x| > lambd``, zero elsewhere.

    Args:
        x (array): Input array.
        lambd (float, optional): The threshold. Default: ``0.5``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.hard_shrink(x)
        array([-2, 0, 2], dtype=float32)
    """
    return mx.where(mx.abs(x) > lambd, x, 0)


def softmin(x, axis=-1):
    """The softmin along an axis, ``softmax(-x)``.

    Args:
        x (array): Input array.
        axis (int, optional): The axis to normalise over. Default: ``-1``.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([1.0, 1.0, 2.0])
        >>> nn.softmin(x)
        array([0.422319, 0.422319, 0.155362], dtype=float32)
    """
    return mx.softmax(-x, axis=axis)


def tanh(x):
    """The hyperbolic tangent, elementwise.

    Args:
        x (array): Input array.

    Returns:
        array: The activation, shaped like ``x``.

    Example:
        >>> x = mx.array([-2.0, 0.0, 2.0])
        >>> nn.tanh(x)
        array([-0.964028, 0, 0.964028], dtype=float32)
    """
    return mx.tanh(x)


def _module_of(fn, name, doc):
    """A parameterless Module class that applies fn, with `doc` as its docstring."""

    def call(self, x):
        return fn(x)

    return type(name, (Module,), {"__call__": call, "__doc__": doc, "__module__": __name__})


Sigmoid = _module_of(sigmoid, "Sigmoid", """Applies :func:`sigmoid`.

Example:
    >>> nn.Sigmoid()(mx.array([-2.0, 0.0, 2.0]))
    array([0.119203, 0.5, 0.880797], dtype=float32)
""")
Mish = _module_of(mish, "Mish", """Applies :func:`mish`.

Example:
    >>> nn.Mish()(mx.array([-2.0, 0.0, 2.0]))
    array([-0.252501, 0, 1.94396], dtype=float32)
""")
ReLU = _module_of(relu, "ReLU", """Applies :func:`relu`.

Example:
    >>> nn.ReLU()(mx.array([-2.0, 0.0, 2.0]))
    array([0, 0, 2], dtype=float32)
""")
ReLU2 = _module_of(relu2, "ReLU2", """Applies :func:`relu2`.

Example:
    >>> nn.ReLU2()(mx.array([-2.0, 0.0, 2.0]))
    array([0, 0, 4], dtype=float32)
""")
ReLU6 = _module_of(relu6, "ReLU6", """Applies :func:`relu6`.

Example:
    >>> nn.ReLU6()(mx.array([-2.0, 3.0, 8.0]))
    array([0, 3, 6], dtype=float32)
""")
Softmax = _module_of(softmax, "Softmax", """Applies :func:`softmax` on the last axis.

Example:
    >>> nn.Softmax()(mx.array([1.0, 1.0, 2.0]))
    array([0.211942, 0.211942, 0.576117], dtype=float32)
""")
Softplus = _module_of(softplus, "Softplus", """Applies :func:`softplus`.

Example:
    >>> nn.Softplus()(mx.array([-2.0, 0.0, 2.0]))
    array([0.126928, 0.693147, 2.12693], dtype=float32)
""")
Softsign = _module_of(softsign, "Softsign", """Applies :func:`softsign`.

Example:
    >>> nn.Softsign()(mx.array([-2.0, 0.0, 2.0]))
    array([-0.666667, 0, 0.666667], dtype=float32)
""")
SiLU = _module_of(silu, "SiLU", """Applies :func:`silu`.

Example:
    >>> nn.SiLU()(mx.array([-2.0, 0.0, 2.0]))
    array([-0.238406, 0, 1.76159], dtype=float32)
""")
LogSoftmax = _module_of(log_softmax, "LogSoftmax", """Applies :func:`log_softmax` on the last axis.

Example:
    >>> nn.LogSoftmax()(mx.array([1.0, 1.0, 2.0]))
    array([-1.55144, -1.55144, -0.551445], dtype=float32)
""")
LogSigmoid = _module_of(log_sigmoid, "LogSigmoid", """Applies :func:`log_sigmoid`.

Example:
    >>> nn.LogSigmoid()(mx.array([-2.0, 0.0, 2.0]))
    array([-2.12693, -0.693147, -0.126928], dtype=float32)
""")
Tanh = _module_of(tanh, "Tanh", """Applies :func:`tanh`.

Example:
    >>> nn.Tanh()(mx.array([-2.0, 0.0, 2.0]))
    array([-0.964028, 0, 0.964028], dtype=float32)
""")
Hardswish = _module_of(hardswish, "Hardswish", """Applies :func:`hardswish`.

Example:
    >>> nn.Hardswish()(mx.array([-2.0, 0.0, 2.0]))
    array([-0.333333, 0, 1.66667], dtype=float32)
""")
HardSigmoid = _module_of(hard_sigmoid, "HardSigmoid", """Applies :func:`hard_sigmoid`.

Example:
    >>> nn.HardSigmoid()(mx.array([-2.0, 0.0, 2.0]))
    array([0.166667, 0.5, 0.833333], dtype=float32)
""")
SELU = _module_of(selu, "SELU", """Applies :func:`selu`.

Example:
    >>> nn.SELU()(mx.array([-2.0, 0.0, 2.0]))
    array([-1.52016, 0, 2.1014], dtype=float32)
""")
HardTanh = _module_of(hard_tanh, "HardTanh", """Applies :func:`hard_tanh` with bounds -1 and 1.

Example:
    >>> nn.HardTanh()(mx.array([-2.0, 0.0, 2.0]))
    array([-1, 0, 1], dtype=float32)
""")
Softmin = _module_of(softmin, "Softmin", """Applies :func:`softmin` on the last axis.

Example:
    >>> nn.Softmin()(mx.array([-2.0, 0.0, 2.0]))
    array([0.866813, 0.11731, 0.0158762], dtype=float32)
""")


class GLU(Module):
    """Applies :func:`glu` along an axis.

    Args:
        axis (int, optional): The axis to split. Default: ``-1``.

    Example:
        >>> layer = nn.GLU()
        >>> layer(mx.array([1.0, 2.0, 0.0, 100.0]))
        array([0.5, 2], dtype=float32)
    """

    def __init__(self, axis: int = -1):
        super().__init__()
        self.axis = axis

    def __call__(self, x) -> Any:
        return glu(x, axis=self.axis)


class LeakyReLU(Module):
    """Applies :func:`leaky_relu`.

    Args:
        negative_slope (float, optional): Slope for negative inputs. Default: ``0.01``.

    Example:
        >>> layer = nn.LeakyReLU(0.1)
        >>> layer(mx.array([-2.0, 0.0, 2.0]))
        array([-0.2, 0, 2], dtype=float32)
    """

    def __init__(self, negative_slope=0.01):
        super().__init__()
        self._negative_slope = negative_slope

    def __call__(self, x):
        return leaky_relu(x, self._negative_slope)


class ELU(Module):
    """Applies :func:`elu`.

    Args:
        alpha (float, optional): Scale of the negative part. Default: ``1.0``.

    Example:
        >>> layer = nn.ELU()
        >>> layer(mx.array([-2.0, 0.0, 2.0]))
        array([-0.864665, 0, 2], dtype=float32)
    """

    def __init__(self, alpha=1.0):
        super().__init__()
        self._alpha = alpha

    def __call__(self, x):
        return elu(x, self._alpha)


class CELU(Module):
    """Applies :func:`celu`.

    Args:
        alpha (float, optional): Scale of the negative part. Default: ``1.0``.

    Example:
        >>> layer = nn.CELU()
        >>> layer(mx.array([-2.0, 0.0, 2.0]))
        array([-0.864665, 0, 2], dtype=float32)
    """

    def __init__(self, alpha=1.0):
        super().__init__()
        self._alpha = alpha

    def __call__(self, x):
        return celu(x, self._alpha)


class Softshrink(Module):
    """Applies :func:`softshrink`.

    Args:
        lambd (float, optional): The threshold. Default: ``0.5``.

    Example:
        >>> layer = nn.Softshrink()
        >>> layer(mx.array([-2.0, 0.0, 2.0]))
        array([-1.5, 0, 1.5], dtype=float32)
    """

    def __init__(self, lambd=0.5):
        super().__init__()
        self.lambd = lambd

    def __call__(self, x):
        return softshrink(x, self.lambd)


class HardShrink(Module):
    """Applies :func:`hard_shrink`.

    Args:
        lambd (float, optional): The threshold. Default: ``0.5``.

    Example:
        >>> layer = nn.HardShrink()
        >>> layer(mx.array([-2.0, 0.0, 2.0]))
        array([-2, 0, 2], dtype=float32)
    """

    def __init__(self, lambd=0.5):
        super().__init__()
        self.lambd = lambd

    def __call__(self, x):
        return hard_shrink(x, self.lambd)


class PReLU(Module):
    """Applies :func:`prelu` with a learned slope per channel (the last axis), all starting at ``init``.

    Args:
        num_parameters (int, optional): Number of slopes: 1, or the number of channels. Default: ``1``.
        init (float, optional): Initial slope. Default: ``0.25``.

    Example:
        >>> layer = nn.PReLU()
        >>> layer(mx.array([-2.0, 0.0, 2.0]))
        array([-0.5, 0, 2], dtype=float32)
    """

    def __init__(self, num_parameters=1, init=0.25):
        super().__init__()
        self.weight = mx.full([num_parameters], init)

    def __call__(self, x):
        return prelu(x, self.weight)


class GELU(Module):
    """Applies :func:`gelu`, or one of its approximations.

    Args:
        approx (str, optional): ``"none"`` (exact), ``"precise"`` or ``"tanh"`` (:func:`gelu_approx`), or ``"fast"`` (:func:`gelu_fast_approx`). Default: ``"none"``.

    Example:
        >>> layer = nn.GELU()
        >>> layer(mx.array([-2.0, 0.0, 2.0]))
        array([-0.0455003, 0, 1.9545], dtype=float32)
    """

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
    """Applies :func:`step`.

    Args:
        threshold (float, optional): Where the step is. Default: ``0.0``.

    Example:
        >>> layer = nn.Step()
        >>> layer(mx.array([-2.0, 0.0, 2.0]))
        array([0, 1, 1], dtype=int32)
    """

    def __init__(self, threshold: float = 0.0):
        super().__init__()
        self.threshold = threshold

    def __call__(self, x):
        return step(x, self.threshold)
