"""LayerNorm, RMSNorm, GroupNorm and BatchNorm (features on the last axis)."""

from typing import Tuple

import mxgraph.core as mx
from mxgraph.nn.layers.base import Module


def _check_eps(layer, eps):
    if eps <= 0.0:
        raise ValueError(f"[{layer}] 'eps' must be positive but got {eps}.")


def _normalize_last(x, eps):
    """(x - mean) / sqrt(var + eps) over the last axis."""
    mean = mx.mean(x, axis=-1, keepdims=True)
    var = mx.var(x, axis=-1, keepdims=True)
    return (x - mean) * mx.rsqrt(var + eps)


class LayerNorm(Module):
    """Layer normalisation: normalises the last axis to mean 0 and variance 1, then (when ``affine``) scales by ``weight`` (ones at first) and shifts by ``bias`` (zeros).

    Args:
        dims (int): Size of the last axis.
        eps (float, optional): Added to the variance for stability. Default: ``1e-5``.
        affine (bool, optional): Learn ``weight`` (and ``bias``). Default: ``True``.
        bias (bool, optional): Learn ``bias`` too. Default: ``True``.

    Example:
        >>> ln = nn.LayerNorm(3)
        >>> ln(mx.array([[1.0, 2.0, 3.0]]))
        array([[-1.22474, 0, 1.22474]], dtype=float32)
    """

    def __init__(self, dims: int, eps: float = 1e-5, affine: bool = True, bias: bool = True):
        super().__init__()
        _check_eps("LayerNorm", eps)
        if affine:
            self.weight = mx.ones((dims,))
            if bias:
                self.bias = mx.zeros((dims,))
        self.eps = eps
        self.dims = dims

    def _extra_repr(self):
        return f"{self.dims}, eps={self.eps}, affine={'weight' in self}"

    def __call__(self, x):
        y = _normalize_last(x, self.eps)
        if "weight" in self:
            y = y * self["weight"]
        if "bias" in self:
            y = y + self["bias"]
        return y


class RMSNorm(Module):
    """Root-mean-square normalisation, ``x / sqrt(mean(x ** 2) + eps)`` over the last axis, scaled by ``weight`` (ones at first).

    Args:
        dims (int): Size of the last axis.
        eps (float, optional): Added to the variance for stability. Default: ``1e-5``.

    Example:
        >>> nn.RMSNorm(2)(mx.array([[3.0, 4.0]]))
        array([[0.848528, 1.13137]], dtype=float32)
    """

    def __init__(self, dims: int, eps: float = 1e-5):
        super().__init__()
        _check_eps("RMSNorm", eps)
        self.weight = mx.ones((dims,))
        self.eps = eps

    def _extra_repr(self):
        return f"{self.weight.shape[0]}, eps={self.eps}"

    def __call__(self, x):
        ms = mx.mean(mx.square(x), axis=-1, keepdims=True)
        return x * mx.rsqrt(ms + self.eps) * self["weight"]


class GroupNorm(Module):
    """Group normalisation: the features (last axis) are split into ``num_groups`` groups, each normalised over its features and the other non-batch axes, then scaled and shifted per feature (when ``affine``).

    Args:
        num_groups (int): The number of groups; it divides ``dims``.
        dims (int): The number of features.
        eps (float, optional): Added to the variance for stability. Default: ``1e-5``.
        affine (bool, optional): Learn a scale and shift per feature. Default: ``True``.
        pytorch_compatible (bool, optional): Group the features as PyTorch does (contiguous per group). Default: ``False``.

    Example:
        >>> gn = nn.GroupNorm(2, 4)
        >>> gn(mx.ones((1, 3, 4))).shape
        (1, 3, 4)
    """

    def __init__(self, num_groups: int, dims: int, eps: float = 1e-5, affine: bool = True,
                 pytorch_compatible: bool = False):
        super().__init__()
        _check_eps("GroupNorm", eps)
        if num_groups <= 0:
            raise ValueError(f"[GroupNorm] The number of groups ({num_groups}) must be a positive integer.")
        if dims <= 0:
            raise ValueError(f"[GroupNorm] The number of features ({dims}) must be a positive integer.")
        if dims % num_groups != 0:
            raise ValueError(
                f"[GroupNorm] The number of features ({dims}) must be evenly divisible by "
                f"the number of groups ({num_groups})."
            )
        if affine:
            self.bias = mx.zeros((dims,))
            self.weight = mx.ones((dims,))
        self.num_groups = num_groups
        self.dims = dims
        self.eps = eps
        self.pytorch_compatible = pytorch_compatible

    def _extra_repr(self):
        return (
            f"{self.num_groups}, {self.dims}, eps={self.eps}, affine={'weight' in self}, "
            f"pytorch_compatible={self.pytorch_compatible}"
        )

    def _consecutive_groups(self, x):
        g = self.num_groups
        batch, *rest, dims = x.shape
        size = dims // g
        y = x.reshape(batch, -1, g, size).transpose(0, 2, 1, 3).reshape(batch, g, -1)
        y = _normalize_last(y, self.eps)
        return y.reshape(batch, g, -1, size).transpose(0, 2, 1, 3).reshape(batch, *rest, dims)

    def _strided_groups(self, x):
        batch, *rest, dims = x.shape
        y = x.reshape(batch, -1, self.num_groups)
        mean = mx.mean(y, axis=1, keepdims=True)
        var = mx.var(y, axis=1, keepdims=True)
        return ((y - mean) * mx.rsqrt(var + self.eps)).reshape(batch, *rest, dims)

    def __call__(self, x):
        y = self._consecutive_groups(x) if self.pytorch_compatible else self._strided_groups(x)
        return self["weight"] * y + self["bias"] if "weight" in self else y


class BatchNorm(Module):
    """Batch normalisation: each feature (last axis) normalised over all other axes. In training mode it uses the batch's statistics and updates running averages; in evaluation mode, the running averages.

    Args:
        num_features (int): The number of features.
        eps (float, optional): Added to the variance for stability. Default: ``1e-5``.
        momentum (float, optional): Weight of the batch in the running averages. Default: ``0.1``.
        affine (bool, optional): Learn a scale and shift per feature. Default: ``True``.
        track_running_stats (bool, optional): Keep running averages. Default: ``True``.

    Example:
        >>> bn = nn.BatchNorm(2)
        >>> y = bn(mx.array([[1.0, 10.0], [3.0, 30.0]]))
        >>> y
        array([[-0.999995, -1],
               [0.999995, 1]], dtype=float32)
        >>> bn.running_mean
        array([0.2, 2], dtype=float32)
    """

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1,
                 affine: bool = True, track_running_stats: bool = True):
        super().__init__()
        _check_eps("BatchNorm", eps)
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.track_running_stats = track_running_stats
        if affine:
            self.weight = mx.ones((num_features,))
            self.bias = mx.zeros((num_features,))
        if track_running_stats:
            self.running_mean = mx.zeros((num_features,))
            self.running_var = mx.ones((num_features,))
            self.freeze(keys=["running_mean", "running_var"], recurse=False)

    def unfreeze(self, *args, **kwargs):
        """As :meth:`Module.unfreeze`, but the running statistics stay frozen (they are updated, not trained).

        Args:
            *args: As :meth:`Module.unfreeze`.
            **kwargs: As :meth:`Module.unfreeze`.

        Returns:
            Module: The module itself.

        Example:
            >>> bn = nn.BatchNorm(2).freeze().unfreeze()
            >>> sorted(bn.trainable_parameters())
            ['bias', 'weight']
        """
        super().unfreeze(*args, **kwargs)
        if self.track_running_stats:
            self.freeze(keys=["running_mean", "running_var"], recurse=False)
        return self

    def _extra_repr(self):
        return (
            f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, "
            f"affine={'weight' in self}, track_running_stats={self.track_running_stats}"
        )

    @staticmethod
    def _stats(x, ddof: int = 0) -> Tuple:
        axes = tuple(range(x.ndim - 1))
        return mx.mean(x, axis=axes), mx.var(x, axis=axes, ddof=ddof)

    def __call__(self, x):
        if x.ndim < 2 or x.ndim > 4:
            raise ValueError(
                f"[BatchNorm] Expected input tensor to have 2, 3 or 4 dimensions, but got {x.ndim}."
            )
        if self.training and x.size // x.shape[-1] == 1:
            raise ValueError("[BatchNorm] Training requires more than one value per channel.")
        mean, var = self._stats(x)
        if self.training and self.track_running_stats:
            mu = self.momentum
            _, unbiased = self._stats(x, ddof=1)
            self.running_mean = (1 - mu) * self.running_mean + mu * mean
            self.running_var = (1 - mu) * self.running_var + mu * unbiased
        elif self.track_running_stats:
            mean, var = self.running_mean, self.running_var
        y = (x - mean) * mx.rsqrt(var + self.eps)
        return self["weight"] * y + self["bias"] if "weight" in self else y
