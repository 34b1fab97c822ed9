"""Dropout."""

import mxgraph.core as mx
from mxgraph.nn.layers.base import Module


class Dropout(Module):
    """In training mode, zeroes each element with probability ``p`` and scales the others by ``1 / (1 - p)``; in evaluation mode, returns its input.

    Args:
        p (float, optional): The probability of zeroing, in ``[0, 1)``. Default: ``0.5``.

    Example:
        >>> drop = nn.Dropout(0.5)
        >>> drop.eval()(mx.ones(4))
        array([1, 1, 1, 1], dtype=float32)
        >>> y = drop.train()(mx.ones(1000))
        >>> bool(mx.all((y == 0) | (y == 2)))
        True
    """

    def __init__(self, p: float = 0.5):
        super().__init__()
        if p < 0 or p >= 1:
            raise ValueError(f"[Dropout] The dropout probability {p} is not in [0, 1).")
        self._p_1 = 1 - p

    def _extra_repr(self) -> str:
        return f"p={1 - self._p_1}"

    def __call__(self, x):
        if self._p_1 == 1 or not self.training:
            return x
        keep = mx.random.bernoulli(self._p_1, x.shape)
        return keep * x * (1 / self._p_1)


class _ChannelDropout(Module):
    """Zeroes whole channels (the last axis) with probability p in training mode and
    scales the rest by 1 / (1 - p): one draw per (batch, channel) pair."""

    _spatial = 0  # the number of spatial axes between batch and channels

    def __init__(self, p: float = 0.5):
        super().__init__()
        if p < 0 or p >= 1:
            raise ValueError(f"[{type(self).__name__}] The dropout probability {p} is not in [0, 1).")
        self._p_1 = 1 - p

    def _extra_repr(self) -> str:
        return f"p={1 - self._p_1}"

    def __call__(self, x):
        ndims = (self._spatial + 1, self._spatial + 2)
        if x.ndim not in ndims:
            raise ValueError(f"[{type(self).__name__}] Received input with {x.ndim} dimensions. "
                             f"Expected {ndims[0]} or {ndims[1]} dimensions.")
        if self._p_1 == 1 or not self.training:
            return x
        mask_shape = list(x.shape)
        mask_shape[-1 - self._spatial:-1] = [1] * self._spatial
        mask = mx.random.bernoulli(p=self._p_1, shape=mask_shape)
        return (mask * x) * (1 / self._p_1)


class Dropout2d(_ChannelDropout):
    """Channel dropout for channels-last images, input ``(N, H, W, C)`` or ``(H, W, C)``: in training mode, zeroes whole channels with probability ``p`` (one draw per image and channel) and scales the others by ``1 / (1 - p)``.

    Args:
        p (float, optional): The probability of zeroing, in ``[0, 1)``. Default: ``0.5``.

    Example:
        >>> nn.Dropout2d(0.5)(mx.ones((2, 4, 4, 3))).shape
        (2, 4, 4, 3)
    """

    _spatial = 2


class Dropout3d(_ChannelDropout):
    """Channel dropout for channels-last volumes, input ``(N, D, H, W, C)`` or ``(D, H, W, C)``: in training mode, zeroes whole channels with probability ``p`` and scales the others by ``1 / (1 - p)``.

    Args:
        p (float, optional): The probability of zeroing, in ``[0, 1)``. Default: ``0.5``.

    Example:
        >>> nn.Dropout3d(0.5)(mx.ones((2, 2, 4, 4, 3))).shape
        (2, 2, 4, 4, 3)
    """

    _spatial = 3
