"""Data-parallel helpers: ``mxgraph.nn.average_gradients`` (as ``mlx.nn``'s)."""

from typing import Any, Optional

import mxgraph.core as mx
from mxgraph.utils import tree_flatten, tree_unflatten


def _buckets(leaves, limit):
    """Indices of the leaves cut into runs of one dtype of about ``limit`` bytes each."""
    out, run, size = [], [], 0
    for i, (_, g) in enumerate(leaves):
        if run and (g.dtype != leaves[run[0]][1].dtype or size >= limit):
            out.append(run)
            run, size = [], 0
        run.append(i)
        size += g.nbytes
    if run:
        out.append(run)
    return out


def average_gradients(gradients: Any, group: Optional["mx.distributed.Group"] = None,
                      all_reduce_size: int = 32 * 1024**2,
                      communication_stream: Optional[mx.Stream] = None,
                      communication_type: Optional[mx.Dtype] = None) -> Any:
    """The mean of ``gradients`` (a tree of arrays) over the ranks of ``group``.

    Small gradients travel together: consecutive leaves of one dtype are flattened and
    concatenated into buffers of about ``all_reduce_size`` bytes, each summed with one
    ``all_sum`` and split back. A group of one process returns ``gradients`` unchanged.

    Args:
        gradients: A tree (dicts, lists, tuples) of arrays.
        group (Group, optional): The processes to average over; ``None`` uses
            :func:`mxgraph.core.distributed.init`'s.
        all_reduce_size (int, optional): Bytes per buffer; ``<= 0`` sends each leaf
            alone. Default: 32 MiB.
        communication_stream (Stream, optional): The stream for the transfers.
        communication_type (Dtype, optional): Cast the buffers to this dtype for the
            transfer (e.g. ``mx.bfloat16`` halves the traffic); the results keep each
            gradient's dtype.

    Returns:
        The averaged tree, shaped like ``gradients``.

    Example:
        >>> nn.average_gradients({"w": mx.array([1.0, 2.0])})
        {'w': array([1, 2], dtype=float32)}
    """
    group = group if group is not None else mx.distributed.init()
    n = group.size()
    if n == 1:
        return gradients

    def average(x):
        dt = x.dtype
        if communication_type is not None:
            x = x.astype(communication_type)
        return (mx.distributed.all_sum(x, group=group, stream=communication_stream) / n).astype(dt)

    leaves = tree_flatten(gradients)
    if not leaves:
        return gradients
    if all_reduce_size <= 0:
        return tree_unflatten([(k, average(g)) for k, g in leaves])
    averaged = []
    for run in _buckets(leaves, all_reduce_size):
        if len(run) == 1:
            k, g = leaves[run[0]]
            averaged.append((k, average(g)))
            continue
        flat = average(mx.concatenate([leaves[i][1].reshape(-1) for i in run]))
        offsets, total = [], 0
        for i in run[:-1]:
            total += leaves[i][1].size
            offsets.append(total)
        for i, part in zip(run, mx.split(flat, offsets)):
            averaged.append((leaves[i][0], part.reshape(leaves[i][1].shape)))
    return tree_unflatten(averaged)
