"""Initializers (``mlx.nn.init``): each function returns initializer(array) -> new array
of the array's shape."""

import math
from typing import Callable, Literal

import mxgraph.core as mx


def constant(value: float, dtype=mx.float32) -> Callable:
    """An initializer that fills an array with a constant.

    Args:
        value (float): The value.
        dtype (Dtype, optional): Data type of the result. Default: ``float32``.

    Returns:
        callable: ``initializer(a)``, which returns a new array shaped like ``a``.

    Example:
        >>> nn.init.constant(0.5)(mx.zeros((2,)))
        array([0.5, 0.5], dtype=float32)
    """

    def initializer(a):
        return mx.full(a.shape, value, dtype=dtype)

    return initializer


def normal(mean: float = 0.0, std: float = 1.0, dtype=mx.float32) -> Callable:
    """An initializer that samples a normal distribution with mean ``mean`` and standard deviation ``std``.

    Args:
        mean (float, optional): The mean. Default: ``0.0``.
        std (float, optional): The standard deviation. Default: ``1.0``.
        dtype (Dtype, optional): Data type of the result. Default: ``float32``.

    Returns:
        callable: ``initializer(a)``, which returns a new array shaped like ``a``.

    Example:
        >>> nn.init.normal(std=0.02)(mx.zeros((2, 3))).shape
        (2, 3)
    """

    def initializer(a):
        return mx.random.normal(shape=a.shape, scale=std, loc=mean, dtype=dtype)

    return initializer


def uniform(low: float = 0.0, high: float = 1.0, dtype=mx.float32) -> Callable:
    """An initializer that samples uniformly from ``[low, high)``.

    Args:
        low (float, optional): Lower bound. Default: ``0.0``.
        high (float, optional): Upper bound. Default: ``1.0``.
        dtype (Dtype, optional): Data type of the result. Default: ``float32``.

    Returns:
        callable: ``initializer(a)``, which returns a new array shaped like ``a``.

    Example:
        >>> w = nn.init.uniform(-0.1, 0.1)(mx.zeros((100,)))
        >>> bool(mx.all(mx.abs(w) <= 0.1))
        True
    """

    def initializer(a):
        return mx.random.uniform(low, high, a.shape, dtype=dtype)

    return initializer


def identity(dtype=mx.float32) -> Callable:
    """An initializer that gives the identity matrix (square 2-D arrays only).

    Args:
        dtype (Dtype, optional): Data type of the result. Default: ``float32``.

    Returns:
        callable: ``initializer(a)``, which returns a new array shaped like ``a``.

    Example:
        >>> nn.init.identity()(mx.zeros((2, 2)))
        array([[1, 0],
               [0, 1]], dtype=float32)
    """

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
    """The Glorot (Xavier) normal initializer: standard deviation ``gain * sqrt(2 / (fan_in + fan_out))``, the fans from the array's last and first axes.
    The initializer takes ``gain`` (default ``1.0``) after the array.

    Args:
        dtype (Dtype, optional): Data type of the result. Default: ``float32``.

    Returns:
        callable: ``initializer(a)``, which returns a new array shaped like ``a``.

    Example:
        >>> nn.init.glorot_normal()(mx.zeros((64, 32))).shape
        (64, 32)
    """

    def initializer(a, gain: float = 1.0):
        fan_in, fan_out = _fans(a)
        return mx.random.normal(shape=a.shape, scale=gain * math.sqrt(2.0 / (fan_in + fan_out)), dtype=dtype)

    return initializer


def glorot_uniform(dtype=mx.float32) -> Callable:
    """The Glorot (Xavier) uniform initializer: ``[-limit, limit)`` with ``limit = gain * sqrt(6 / (fan_in + fan_out))``.
    The initializer takes ``gain`` (default ``1.0``) after the array.

    Args:
        dtype (Dtype, optional): Data type of the result. Default: ``float32``.

    Returns:
        callable: ``initializer(a)``, which returns a new array shaped like ``a``.

    Example:
        >>> w = nn.init.glorot_uniform()(mx.zeros((64, 32)))
        >>> bool(mx.all(mx.abs(w) <= (6 / 96) ** 0.5))
        True
    """

    def initializer(a, gain: float = 1.0):
        fan_in, fan_out = _fans(a)
        limit = gain * math.sqrt(6.0 / (fan_in + fan_out))
        return mx.random.uniform(-limit, limit, a.shape, dtype=dtype)

    return initializer


def he_normal(dtype=mx.float32) -> Callable:
    """The He (Kaiming) normal initializer: standard deviation ``gain / sqrt(fan)``. The initializer takes ``mode`` (``"fan_in"``, the default, or ``"fan_out"``) and ``gain`` after the array.

    Args:
        dtype (Dtype, optional): Data type of the result. Default: ``float32``.

    Returns:
        callable: ``initializer(a)``, which returns a new array shaped like ``a``.

    Example:
        >>> nn.init.he_normal()(mx.zeros((64, 32)), mode="fan_out").shape
        (64, 32)
    """

    def initializer(a, mode: Literal["fan_in", "fan_out"] = "fan_in", gain: float = 1.0):
        std = gain / math.sqrt(_fan_for(a, mode))
        return mx.random.normal(shape=a.shape, scale=std, dtype=dtype)

    return initializer


def he_uniform(dtype=mx.float32) -> Callable:
    """The He (Kaiming) uniform initializer: ``[-limit, limit)`` with ``limit = gain * sqrt(3 / fan)``. The initializer takes ``mode`` (``"fan_in"``, the default, or ``"fan_out"``) and ``gain`` after the array.

    Args:
        dtype (Dtype, optional): Data type of the result. Default: ``float32``.

    Returns:
        callable: ``initializer(a)``, which returns a new array shaped like ``a``.

    Example:
        >>> nn.init.he_uniform()(mx.zeros((64, 32))).shape
        (64, 32)
    """

    def initializer(a, mode: Literal["fan_in", "fan_out"] = "fan_in", gain: float = 1.0):
        limit = gain * math.sqrt(3.0 / _fan_for(a, mode))
        return mx.random.uniform(-limit, limit, a.shape, dtype=dtype)

    return initializer


def sparse(sparsity: float, mean: float = 0.0, std: float = 1.0, dtype=mx.float32) -> Callable:
    """A sparse initializer: normal samples in a 2-D array, with ``ceil(sparsity * columns)`` random entries of each row set to zero.

    Args:
        sparsity (float): The fraction of zeros per row, in ``[0, 1]``.
        mean (float, optional): The mean. Default: ``0.0``.
        std (float, optional): The standard deviation. Default: ``1.0``.
        dtype (Dtype, optional): Data type of the result. Default: ``float32``.

    Returns:
        callable: ``initializer(a)``, which returns a new array shaped like ``a``.

    Example:
        >>> w = nn.init.sparse(0.5)(mx.zeros((4, 3)))
        >>> (w == 0).sum(axis=1)
        array([2, 2, 2, 2], dtype=int32)
    """
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
    """An initializer that gives a random orthogonal matrix times ``gain``: of a 2-D
    array's shape ``(rows, cols)``, the rows are orthonormal when ``rows <= cols``, else the
    columns. The matrix is ``Q`` of the QR factorization of a square standard normal
    matrix, its columns' signs fixed by ``R``'s diagonal so that it is drawn uniformly
    from the orthogonal matrices.

    Args:
        gain (float, optional): Scale of the matrix. Default: ``1.0``.
        dtype (Dtype, optional): Data type of the result. Default: ``float32``.

    Returns:
        callable: ``initializer(a)``, which returns a new array shaped like ``a`` (2-D only).

    Example:
        >>> w = nn.init.orthogonal()(mx.zeros((2, 4)))
        >>> w.shape
        (2, 4)
        >>> mx.allclose(w @ w.T, mx.eye(2), atol=1e-5)
        array(True, dtype=bool)
        >>> w = nn.init.orthogonal(gain=2.0)(mx.zeros((3, 3)))
        >>> mx.allclose(w.T @ w, 4 * mx.eye(3), atol=1e-4)
        array(True, dtype=bool)
    """

    def initializer(a):
        if a.ndim != 2:
            raise ValueError(f"Orthogonal initialization requires a 2D array but got a {a.ndim}D array.")
        rows, cols = a.shape
        n = max(rows, cols)
        q, r = mx.linalg.qr(mx.random.normal(shape=(n, n)), stream=mx.cpu)
        q = q * mx.sign(mx.diag(r))
        return (q[:rows, :cols] * gain).astype(dtype)

    return initializer
