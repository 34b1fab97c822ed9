"""Identity, Linear and Bilinear layers."""

import math
from typing import Any

import mxgraph.core as mx
from mxgraph.nn.layers.base import Module


class Identity(Module):
    """A layer that returns its input; constructor arguments are accepted and ignored.

    Args:
        *args: Ignored.
        **kwargs: Ignored.

    Example:
        >>> nn.Identity()(mx.array([1, 2]))
        array([1, 2], dtype=int32)
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()

    def __call__(self, x):
        return x


class Linear(Module):
    """An affine layer, ``y = x @ weight.T + bias``, with ``weight`` of shape ``(output_dims, input_dims)``. Both start uniform in ``[-k, k]``, ``k = 1 / sqrt(input_dims)``.

    Args:
        input_dims (int): Size of the input's last axis.
        output_dims (int): Size of the output's last axis.
        bias (bool, optional): Add a learned bias. Default: ``True``.

    Example:
        >>> layer = nn.Linear(3, 2)
        >>> layer.weight.shape
        (2, 3)
        >>> layer(mx.ones((5, 3))).shape
        (5, 2)
    """

    def __init__(self, input_dims: int, output_dims: int, bias: bool = True) -> None:
        super().__init__()
        k = math.sqrt(1.0 / input_dims)
        self.weight = mx.random.uniform(low=-k, high=k, shape=(output_dims, input_dims))
        if bias:
            self.bias = mx.random.uniform(low=-k, high=k, shape=(output_dims,))

    def _extra_repr(self) -> str:
        out_dims, in_dims = self.weight.shape
        return f"input_dims={in_dims}, output_dims={out_dims}, bias={'bias' in self}"

    def __call__(self, x):
        if "bias" in self:
            return mx.addmm(self["bias"], x, self["weight"].T)
        return x @ self["weight"].T


class Bilinear(Module):
    """A bilinear layer, ``y[i] = x2 @ weight[i] @ x1 + bias[i]``, with ``weight`` of shape ``(output_dims, input2_dims, input1_dims)``.

    Args:
        input1_dims (int): Size of the first input's last axis.
        input2_dims (int): Size of the second input's last axis.
        output_dims (int): Size of the output's last axis.
        bias (bool, optional): Add a learned bias. Default: ``True``.

    Example:
        >>> layer = nn.Bilinear(3, 4, 2)
        >>> layer(mx.ones((5, 3)), mx.ones((5, 4))).shape
        (5, 2)
    """

    def __init__(self, input1_dims: int, input2_dims: int, output_dims: int, bias: bool = True) -> None:
        super().__init__()
        k = math.sqrt(1.0 / input1_dims)
        self.weight = mx.random.uniform(low=-k, high=k, shape=(output_dims, input2_dims, input1_dims))
        if bias:
            self.bias = mx.random.uniform(low=-k, high=k, shape=(output_dims,))

    def _extra_repr(self) -> str:
        out_dims, in2, in1 = self.weight.shape
        return f"input1_dims={in1}, input2_dims={in2}, output_dims={out_dims}, bias={'bias' in self}"

    def __call__(self, x1, x2):
        out_dims, in2, in1 = self.weight.shape
        lead = x1.shape[:-1]
        # (n, in1) @ (in1, out*in2) -> (n, out, in2), then contract in2 with x2.
        t = x1.reshape(-1, in1) @ self.weight.reshape(out_dims * in2, in1).T
        t = t.reshape(-1, out_dims, in2).swapaxes(-2, -1)
        y = (x2.reshape(-1, 1, in2) @ t).squeeze(1)
        y = y.reshape(*lead, out_dims)
        if "bias" in self:
            y = y + self.bias
        return y
