"""Embedding."""

import math

import mxgraph.core as mx
from mxgraph.nn.layers.base import Module


class Embedding(Module):
    """A (num_embeddings, dims) table indexed by integer arrays; entries start
    normal with standard deviation 1 / sqrt(dims)."""

    def __init__(self, num_embeddings: int, dims: int):
        super().__init__()
        self.weight = mx.random.normal(shape=(num_embeddings, dims), scale=math.sqrt(1 / dims))

    def _extra_repr(self):
        return f"{self.weight.shape[0]}, {self.weight.shape[1]}"

    def __call__(self, x):
        return self.weight[x]

    def as_linear(self, x):
        """x @ weight.T: the table used as an output projection (tied weights)."""
        return x @ self.weight.T
