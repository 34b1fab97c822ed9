"""Initializers (``mlx.nn.init``): each function returns initializer(array) -> new array
of the array's shape."""

import math
from typing import Callable, Literal

import mxgraph.core as mx


def constant(value: float, dtype=mx.float32) -> Callable:
    """Fills with `value`."""

    def initializer(a):
        return mx.full(a.shape, value, dtype=dtype)

    return initializer


def normal(mean: float = 0.0, std: float = 1.0, dtype=mx.float32) -> Callable:
    """Samples N(mean, std^2)."""

    def initializer(a):
        return mx.random.normal(shape=a.shape, scale=std, loc=mean, dtype=dtype)

    return initializer


def uniform(low: float = 0.0, high: float = 1.0, dtype=mx.float32) -> Callable:
    """Samples U(low, high)."""

    def initializer(a):
        return mx.random.uniform(low, high, a.shape, dtype=dtype)

    return initializer


def identity(dtype=mx.float32) -> Callable:
    """The identity matrix (square 2-D arrays only)."""

    def initializer(a):
        if a.ndim != 2 or a.shape[0] != a.shape[1]:
            raise ValueError(f"[init.identity] The input array must be a square matrix but got shape {a.shape}.")
        return mx.eye(n=a.shape[0], dtype=dtype)

    return initializer


def _fans(a):
    """(fan_in, fan_out): the last and first axes, times the axes between."""
    if a.ndim < 2:
        raise ValueError(
            "[init] Glorot / He initialization requires at least 2 dimensional input "
            f"but input with {a.ndim} dimensions."
        )
    field = 1
    for d in a.shape[1:-1]:
        field *= d
    return a.shape[-1] * field, a.shape[0] * field


def _fan_for(a, mode):
    fan_in, fan_out = _fans(a)
    if mode == "fan_in":
        return fan_in
    if mode == "fan_out":
        return fan_out
    raise ValueError(f"[init] Invalid mode: {mode}. Valid modes are: fan_in, fan_out")


def glorot_normal(dtype=mx.float32) -> Callable:
    """N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out))."""

    def initializer(a, gain: float = 1.0):
        fan_in, fan_out = _fans(a)
        return mx.random.normal(shape=a.shape, scale=gain * math.sqrt(2.0 / (fan_in + fan_out)), dtype=dtype)

    return initializer


def glorot_uniform(dtype=mx.float32) -> Callable:
    """U(-limit, limit) with limit = gain * sqrt(6 / (fan_in + fan_out))."""

    def initializer(a, gain: float = 1.0):
        fan_in, fan_out = _fans(a)
        limit = gain * math.sqrt(6.0 / (fan_in + fan_out))
        return mx.random.uniform(-limit, limit, a.shape, dtype=dtype)

    return initializer


def he_normal(dtype=mx.float32) -> Callable:
    """N(0, std^2) with std = gain / sqrt(fan), fan chosen by mode."""

    def initializer(a, mode: Literal["fan_in", "fan_out"] = "fan_in", gain: float = 1.0):
        std = gain / math.sqrt(_fan_for(a, mode))
        return mx.random.normal(shape=a.shape, scale=std, dtype=dtype)

    return initializer


def he_uniform(dtype=mx.float32) -> Callable:
    """U(-limit, limit) with limit = gain * sqrt(3 / fan), fan chosen by mode."""

    def initializer(a, mode: Literal["fan_in", "fan_out"] = "fan_in", gain: float = 1.0):
        limit = gain * math.sqrt(3.0 / _fan_for(a, mode))
        return mx.random.uniform(-limit, limit, a.shape, dtype=dtype)

    return initializer


def sparse(sparsity: float, mean: float = 0.0, std: float = 1.0, dtype=mx.float32) -> Callable:
    """N(mean, std^2) samples with ceil(sparsity * columns) random entries of every
    row set to zero (Martens' sparse initialization, rows as output features)."""
    if not 0.0 <= sparsity <= 1.0:
        # MLX slices with a negative count here and silently zeroes the wrong entries.
        raise ValueError(f"[init.sparse] sparsity must be in [0, 1], got {sparsity}.")

    def initializer(a):
        if a.ndim != 2:
            raise ValueError("[init.sparse] Only tensors with 2 dimensions are supported.")
        rows, cols = a.shape
        num_zeros = int(math.ceil(sparsity * cols))
        # A per-row random order picks the zeroed columns independently for every row.
        order = mx.argsort(mx.random.uniform(shape=a.shape), axis=1)
        out = mx.random.normal(shape=a.shape, scale=std, loc=mean, dtype=dtype)
        out[mx.arange(rows).reshape(rows, 1), order[:, :num_zeros]] = 0
        return out

    return initializer


def orthogonal(gain: float = 1.0, dtype=mx.float32) -> Callable:
    """An orthogonal matrix (rows or columns orthonormal) times `gain`: Q of the QR
    factorization of a square normal matrix, signs fixed by R's diagonal, as MLX."""

    def initializer(a):
        if a.ndim != 2:
            raise ValueError(f"Orthogonal initialization requires a 2D array but got a {a.ndim}D array.")
        rows, cols = a.shape
        n = max(rows, cols)
        q, r = mx.linalg.qr(mx.random.normal(shape=(n, n)), stream=mx.cpu)
        q = q * mx.sign(mx.diag(r))
        return (q[:rows, :cols] * gain).astype(dtype)

    return initializer
