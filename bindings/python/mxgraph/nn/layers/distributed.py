"""Tensor-parallel linear layers (``mlx.nn``'s ``AllToShardedLinear`` and
``ShardedToAllLinear``): each rank holds a slice of the weight."""

import math
from typing import Optional

import mxgraph.core as mx
from mxgraph.nn.layers.base import Module


def _group(group):
    return group if group is not None else mx.distributed.init()


def sum_gradients(group):
    """A function that is the identity in the forward pass and sums the cotangent over the group in the backward pass: the input of a sharded layer feeds every rank's loss.

    Args:
        group (Group): The processes that share the layer.

    Returns:
        callable: ``f(x)``.

    Example:
        >>> from mxgraph.nn.layers.distributed import sum_gradients
        >>> f = sum_gradients(mx.distributed.init())
        >>> f(mx.array([1.0]))
        array([1], dtype=float32)
    """
    if group.size() == 1:
        return lambda x: x

    @mx.custom_function
    def f(x):
        return x

    @f.vjp
    def f_vjp(x, dx, _):
        return mx.distributed.all_sum(dx, group=group)

    return f


def _shard(dims, n, what):
    if dims % n != 0:
        raise ValueError(f"[{what}] The dimension {dims} is not divisible by the group size {n}.")
    return dims // n


class AllToShardedLinear(Module):
    """A :class:`Linear` layer whose output features are split over the group: every rank takes the full input and returns its ``output_dims / size`` slice of the output.

    Args:
        input_dims (int): Size of the input's last axis.
        output_dims (int): Size of the full output; it divides by the group size.
        bias (bool, optional): Add a learned bias. Default: ``True``.
        group (Group, optional): The processes that share the layer; ``None`` uses :func:`mxgraph.core.distributed.init`'s.

    Example:
        >>> layer = nn.AllToShardedLinear(4, 6)
        >>> layer(mx.ones((2, 4))).shape
        (2, 6)
    """

    def __init__(self, input_dims: int, output_dims: int, bias: bool = True,
                 group: Optional["mx.distributed.Group"] = None) -> None:
        super().__init__()
        self.group = _group(group)
        out = _shard(output_dims, self.group.size(), "AllToShardedLinear")
        k = math.sqrt(1.0 / input_dims)
        self.weight = mx.random.uniform(low=-k, high=k, shape=(out, input_dims))
        if bias:
            self.bias = mx.random.uniform(low=-k, high=k, shape=(out,))

    def _extra_repr(self) -> str:
        out, inp = self.weight.shape
        return (f"input_dims={inp}, output_dims={out * self.group.size()}, "
                f"bias={'bias' in self}")

    def __call__(self, x):
        x = sum_gradients(self.group)(x)
        if "bias" in self:
            return mx.addmm(self["bias"], x, self["weight"].T)
        return x @ self["weight"].T


class ShardedToAllLinear(Module):
    """A :class:`Linear` layer whose input features are split over the group: every rank takes its ``input_dims / size`` slice of the input, and all get the full output (summed over the group).

    Args:
        input_dims (int): Size of the full input; it divides by the group size.
        output_dims (int): Size of the output's last axis.
        bias (bool, optional): Add a learned bias. Default: ``True``.
        group (Group, optional): The processes that share the layer; ``None`` uses :func:`mxgraph.core.distributed.init`'s.

    Example:
        >>> layer = nn.ShardedToAllLinear(4, 6)
        >>> layer(mx.ones((2, 4))).shape
        (2, 6)
    """

    def __init__(self, input_dims: int, output_dims: int, bias: bool = True,
                 group: Optional["mx.distributed.Group"] = None) -> None:
        super().__init__()
        self.group = _group(group)
        inp = _shard(input_dims, self.group.size(), "ShardedToAllLinear")
        k = math.sqrt(1.0 / input_dims)
        self.weight = mx.random.uniform(low=-k, high=k, shape=(output_dims, inp))
        if bias:
            self.bias = mx.random.uniform(low=-k, high=k, shape=(output_dims,))

    def _extra_repr(self) -> str:
        out, inp = self.weight.shape
        return (f"input_dims={inp * self.group.size()}, output_dims={out}, "
                f"bias={'bias' in self}")

    def __call__(self, x):
        y = mx.distributed.all_sum(x @ self["weight"].T, group=self.group)
        if "bias" in self:
            y = y + self["bias"]
        return y
