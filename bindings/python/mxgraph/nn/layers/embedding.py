"""Embedding."""

import math

import mxgraph.core as mx
from mxgraph.nn.layers.base import Module


class Embedding(Module):
    """A lookup table of ``num_embeddings`` vectors of size ``dims``, indexed by integer arrays; the entries start normal with standard deviation ``1 / sqrt(dims)``.

    Args:
        num_embeddings (int): The number of entries.
        dims (int): The size of each vector.

    Example:
        >>> emb = nn.Embedding(10, 4)
        >>> emb(mx.array([[1, 2, 3]])).shape
        (1, 3, 4)
    """

    def __init__(self, num_embeddings: int, dims: int):
        super().__init__()
        self.weight = mx.random.normal(shape=(num_embeddings, dims), scale=math.sqrt(1 / dims))

    def _extra_repr(self):
        return f"{self.weight.shape[0]}, {self.weight.shape[1]}"

    def __call__(self, x):
        return self.weight[x]

    def as_linear(self, x):
        """Uses the table as an output projection (tied weights): ``x @ weight.T``.

        Args:
            x (array): Inputs whose last axis has size ``dims``.

        Returns:
            array: Scores over the ``num_embeddings`` entries.

        Example:
            >>> nn.Embedding(10, 4).as_linear(mx.zeros((2, 4))).shape
            (2, 10)
        """
        return x @ self.weight.T
