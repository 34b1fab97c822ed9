// Docstrings of mxgraph.core.distributed (distributed.cpp).
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_distributed() {
  static const std::vector<Doc> table = {
    {"distributed.is_available", R"(Tells whether a distributed backend is available: ``"ring"`` (TCP sockets), ``"shm"`` (shared memory) or ``"any"``.

Args:
    backend (str, optional): The backend to ask about. Default: ``"any"``.

Returns:
    bool: True when the backend can be used.

Example:
    >>> mx.distributed.is_available()
    True
)"},
    {"distributed.init", R"(Joins the group of processes started by the launcher (``python -m mxgraph.core.distributed_launch``); a single process gets a group of size one.

Args:
    strict (bool, optional): Raise if no multi-process backend can start, instead of returning a group of size one. Default: ``False``.
    backend (str, optional): ``"any"``, ``"ring"`` or ``"shm"``. Default: ``"any"``.
    all_gather_factory (callable, optional): Internal hook for tests; leave ``None``.

Returns:
    Group: This process's group.

Example:
    >>> g = mx.distributed.init()
    >>> g.rank(), g.size()
    (0, 1)
)"},
    {"distributed.all_sum", R"(Sums ``x`` over every process of the group; every process gets the result.

Args:
    x (array): This process's array.
    group (Group, optional): The group of processes; ``None`` uses the one :func:`init` returned.

Returns:
    array: The reduced array, shaped like ``x``.

Example:
    >>> mx.distributed.all_sum(mx.array([1.0, 2.0]))
    array([1, 2], dtype=float32)
)"},
    {"distributed.all_max", R"(The elementwise maximum of ``x`` over the group; every process gets the result.

Args:
    x (array): This process's array.
    group (Group, optional): The group of processes; ``None`` uses the one :func:`init` returned.

Returns:
    array: The reduced array, shaped like ``x``.

Example:
    >>> mx.distributed.all_max(mx.array([1.0, 2.0]))
    array([1, 2], dtype=float32)
)"},
    {"distributed.all_min", R"(The elementwise minimum of ``x`` over the group; every process gets the result.

Args:
    x (array): This process's array.
    group (Group, optional): The group of processes; ``None`` uses the one :func:`init` returned.

Returns:
    array: The reduced array, shaped like ``x``.

Example:
    >>> mx.distributed.all_min(mx.array([1.0, 2.0]))
    array([1, 2], dtype=float32)
)"},
    {"distributed.all_gather", R"(Concatenates ``x`` from every process along the first axis, in rank order.

Args:
    x (array): This process's array.
    group (Group, optional): The group of processes; ``None`` uses the one :func:`init` returned.

Returns:
    array: The gathered array.

Example:
    >>> mx.distributed.all_gather(mx.array([[1, 2]]))
    array([[1, 2]], dtype=int32)
)"},
    {"distributed.sum_scatter", R"(Sums ``x`` over the group, then gives each process its slice of the first axis.

Args:
    x (array): This process's array; its first axis divides by the group size.
    group (Group, optional): The group of processes; ``None`` uses the one :func:`init` returned.

Returns:
    array: This process's part of the sum.

Example:
    >>> mx.distributed.sum_scatter(mx.array([1.0, 2.0]))
    array([1, 2], dtype=float32)
)"},
    {"distributed.send", R"(Sends ``x`` to process ``dst``; evaluate the result to perform the send.

Args:
    x (array): The array to send.
    dst (int): The rank that receives.
    group (Group, optional): The group of processes; ``None`` uses the one :func:`init` returned.

Returns:
    array: ``x``, once sent.

Example:
    >>> g = mx.distributed.init()
    >>> g.size()
    1
)"},
    {"distributed.recv", R"(Receives an array of a shape and dtype from process ``src``.

Args:
    shape (tuple(int)): Shape of the array.
    dtype (Dtype): Its dtype.
    src (int): The rank that sends.
    group (Group, optional): The group of processes; ``None`` uses the one :func:`init` returned.

Returns:
    array: The received array.

Example:
    >>> mx.distributed.init().size()
    1
)"},
    {"distributed.recv_like", R"(Receives an array shaped like ``x`` from process ``src``.

Args:
    x (array): An array with the shape and dtype to receive.
    src (int): The rank that sends.
    group (Group, optional): The group of processes; ``None`` uses the one :func:`init` returned.

Returns:
    array: The received array.

Example:
    >>> mx.distributed.init().rank()
    0
)"},
    {"distributed.Group", R"(A group of communicating processes, from :func:`init`.

Example:
    >>> g = mx.distributed.init()
    >>> g.size()
    1
)"},
    {"distributed.Group.rank", R"(This process's rank in the group, from 0.

Returns:
    int: The rank.

Example:
    >>> mx.distributed.init().rank()
    0
)"},
    {"distributed.Group.size", R"(The number of processes in the group.

Returns:
    int: The size.

Example:
    >>> mx.distributed.init().size()
    1
)"},
    {"distributed.Group.split", R"(Splits the group into subgroups of the processes that pass the same ``color``.

Args:
    color (int): Processes with the same color form a subgroup.
    key (int, optional): Orders the ranks in the subgroup; ``-1`` keeps this group's order.

Returns:
    Group: This process's subgroup.

Example:
    >>> mx.distributed.init().split(0).size()
    1
)"},
  };
  return table;
}

} // namespace mxg::python
