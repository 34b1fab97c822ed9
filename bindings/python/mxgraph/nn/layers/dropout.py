"""Dropout."""

import mxgraph.core as mx
from mxgraph.nn.layers.base import Module


class Dropout(Module):
    """In training mode zeroes each element with probability p and scales the
    rest by 1 / (1 - p); in eval mode returns its input."""

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
