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
    """Multi-head scaled dot-product attention, with input and output projections: ``softmax(q @ k.T / sqrt(head_dims) + mask) @ v`` over ``num_heads`` heads.

    Args:
        dims (int): Model size: the queries' projection size and the output's, by default.
        num_heads (int): The number of heads; it divides ``dims``.
        query_input_dims (int, optional): Size of the queries. Default: ``dims``.
        key_input_dims (int, optional): Size of the keys. Default: ``dims``.
        value_input_dims (int, optional): Size of the values. Default: ``key_input_dims``.
        value_dims (int, optional): Size of the values' projection. Default: ``dims``.
        value_output_dims (int, optional): Size of the output. Default: ``dims``.
        bias (bool, optional): Learn biases in the projections. Default: ``False``.

    Example:
        >>> attn = nn.MultiHeadAttention(8, 2)
        >>> x = mx.ones((1, 5, 8))
        >>> mask = nn.MultiHeadAttention.create_additive_causal_mask(5)
        >>> attn(x, x, x, mask=mask).shape
        (1, 5, 8)
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
        """A causal mask to add to attention scores: 0 on and below the diagonal, the dtype's lowest value above it.

        Args:
            N (int): The sequence length.
            dtype (Dtype, optional): Data type of the mask. Default: ``float32``.

        Returns:
            array: An ``(N, N)`` array.

        Example:
            >>> nn.MultiHeadAttention.create_additive_causal_mask(3)
            array([[-0, -3.40282e+38, -3.40282e+38],
                   [-0, -0, -3.40282e+38],
                   [-0, -0, -0]], dtype=float32)
        """
        idx = mx.arange(N)
        mask = idx[:, None] < idx[None]
        return mask.astype(dtype) * mx.finfo(dtype).min
