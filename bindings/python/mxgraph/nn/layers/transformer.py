"""MultiHeadAttention."""

import math
from typing import Optional

import mxgraph.core as mx
from mxgraph.nn.layers.base import Module
from mxgraph.nn.layers.linear import Linear


def _attention(q, k, v, scale, mask):
    """softmax(q k^T * scale + mask) v over (batch, heads, length, head_dims)."""
    scores = (q * scale) @ k.swapaxes(-1, -2)
    if mask is not None:
        if mask.dtype == mx.bool_:
            scores = mx.where(mask, scores, mx.array(-float("inf"), scores.dtype))
        else:
            scores = scores + mask
    return mx.softmax(scores, axis=-1, precise=True) @ v


class MultiHeadAttention(Module):
    """Scaled dot-product attention over num_heads heads, with input and output
    projections (Linear, bias as given). The optional mask is additive (or
    boolean: False masks out) and broadcasts to (batch, heads, queries, keys).
    """

    def __init__(self, dims: int, num_heads: int, query_input_dims: Optional[int] = None,
                 key_input_dims: Optional[int] = None, value_input_dims: Optional[int] = None,
                 value_dims: Optional[int] = None, value_output_dims: Optional[int] = None,
                 bias: bool = False):
        super().__init__()
        if dims % num_heads != 0:
            raise ValueError(
                "[MultiHeadAttention] The input feature dimensions should be divisible by the "
                f"number of heads ({dims} % {num_heads}) != 0."
            )
        query_input_dims = query_input_dims or dims
        key_input_dims = key_input_dims or dims
        value_input_dims = value_input_dims or key_input_dims
        value_dims = value_dims or dims
        value_output_dims = value_output_dims or dims
        self.num_heads = num_heads
        self.query_proj = Linear(query_input_dims, dims, bias=bias)
        self.key_proj = Linear(key_input_dims, dims, bias=bias)
        self.value_proj = Linear(value_input_dims, value_dims, bias=bias)
        self.out_proj = Linear(value_dims, value_output_dims, bias=bias)

    def __call__(self, queries, keys, values, mask=None):
        h = self.num_heads

        def heads(t):
            return mx.unflatten(t, -1, (h, -1)).transpose(0, 2, 1, 3)

        q = heads(self.query_proj(queries))
        k = heads(self.key_proj(keys))
        v = heads(self.value_proj(values))
        out = _attention(q, k, v, math.sqrt(1 / q.shape[-1]), mask)
        return self.out_proj(out.transpose(0, 2, 1, 3).flatten(-2, -1))

    @staticmethod
    def create_additive_causal_mask(N: int, dtype=mx.float32):
        """(N, N) mask: 0 on and below the diagonal, dtype's lowest value above."""
        idx = mx.arange(N)
        mask = idx[:, None] < idx[None]
        return mask.astype(dtype) * mx.finfo(dtype).min
