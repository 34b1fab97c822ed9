"""Identity, Linear and Bilinear layers."""

import math
from typing import Any

import mxgraph.core as mx
from mxgraph.nn.layers.base import Module


class Identity(Module):
    """Returns its input; the arguments are accepted and ignored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()

    def __call__(self, x):
        return x


class Linear(Module):
    """y = x W^T + b, with W of shape (output_dims, input_dims).

    W and b start uniform in [-k, k] with k = 1 / sqrt(input_dims).
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
    """y_i = x2^T W_i x1 + b_i, with W of shape (output_dims, input2_dims, input1_dims).

    W and b start uniform in [-k, k] with k = 1 / sqrt(input1_dims).
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
