// Docstrings of the graph tools and the memory functions (graph.cpp, eval_memory.cpp).
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_graph_tools() {
  static const std::vector<Doc> table = {
    {"ImplicitEvalError", R"(The error an implicit evaluation raises under ``eval_guard("raise")`` (a ``RuntimeError``), before anything runs: the array stays pending.

Example:
    >>> x = mx.array([1.0]) + 1
    >>> with mx.eval_guard("raise"):
    ...     try:
    ...         print(x)
    ...     except mx.ImplicitEvalError:
    ...         print("refused")
    refused
)"},
    {"graph_stats", R"(Statistics of the pending graph behind the given arrays: nodes still to compute, depth, bytes an evaluation would allocate, inputs held alive. Evaluates nothing.

Args:
    *args (array): Arrays, or lists, tuples and dicts of arrays.

Returns:
    GraphStats: The statistics.

Example:
    >>> x = mx.ones((256,))
    >>> s = mx.graph_stats(mx.exp(x) + 1)
    >>> s.pending_nodes, s.bytes_to_allocate
    (3, 2048)
)"},
    {"print_graph", R"(Prints the graph that computes the given arrays as text (inputs, one line per primitive, outputs), with the node ids :func:`export_to_dot` uses. Evaluates nothing.

Args:
    *args (array): The arrays whose graph to print.
    file (str or file, optional): A path or a text file; ``None`` prints to stdout.
    max_nodes (int, optional): Stop after this many nodes. Default: ``2000``.
    **kwargs (array): Arrays to print under the keyword as their name.

Example:
    >>> x = mx.array([1.0, 2.0])
    >>> mx.print_graph(y=mx.exp(x) * 2)
    inputs:
      %0 : float32[2]
      %2 : float32[]
    %1 = Unary(exp)(%0) : float32[2]
    %3 = Binary(multiply)(%1, %2) : float32[2]  # y
    outputs:
)"},
    {"export_to_dot", R"(Writes the graph that computes the given arrays in Graphviz DOT, with stable node ids: the same graph gives the same text. Evaluates nothing.

Args:
    file (str or file): A path or a text file.
    *args (array): The arrays whose graph to write.
    **kwargs (array): Arrays labelled with the keyword as their name.

Example:
    >>> import io
    >>> buf = io.StringIO()
    >>> mx.export_to_dot(buf, y=mx.exp(mx.array([1.0])))
    >>> buf.getvalue().startswith("digraph")
    True
)"},
    {"GraphStats", R"(What evaluating some arrays would involve, from :func:`graph_stats`. Its fields are read-only.

Example:
    >>> s = mx.graph_stats(mx.sin(mx.ones(4)))
    >>> s.pending_nodes, s.depth
    (2, 2)
)"},
    {"GraphStats.pending_nodes", R"(Nodes (primitives) not yet computed.
)"},
    {"GraphStats.pending_arrays", R"(Arrays not yet computed.
)"},
    {"GraphStats.depth", R"(The longest chain of pending nodes.
)"},
    {"GraphStats.bytes_to_allocate", R"(Bytes an evaluation would allocate for the pending arrays.
)"},
    {"GraphStats.inputs_held", R"(Evaluated arrays the pending graph keeps alive.
)"},
    {"GraphStats.input_bytes_held", R"(Bytes of the evaluated arrays the pending graph keeps alive.
)"},
    {"GraphStats.per_primitive", R"(Pending nodes per primitive name (a dict).
)"},
    {"get_active_memory", R"(Bytes held now by arrays' buffers (the buffer cache excluded).

Returns:
    int: Bytes in use.

Example:
    >>> mx.get_active_memory() >= 0
    True
)"},
    {"get_peak_memory", R"(The most bytes held at once since start-up or :func:`reset_peak_memory`.

Returns:
    int: Peak bytes in use.

Example:
    >>> mx.reset_peak_memory()
    >>> x = mx.eval(mx.arange(1024) * 2)
    >>> mx.get_peak_memory() >= 4096
    True
)"},
    {"get_cache_memory", R"(Bytes in the allocator's cache of freed buffers, kept for reuse.

Returns:
    int: Cached bytes.

Example:
    >>> mx.get_cache_memory() >= 0
    True
)"},
    {"get_memory_limit", R"(The memory limit (bytes): an evaluation past it first frees the cache, then raises ``MemoryError``.

Returns:
    int: The limit in bytes.

Example:
    >>> mx.get_memory_limit() > 0
    True
)"},
    {"reset_peak_memory", R"(Resets the peak that :func:`get_peak_memory` reports to the memory in use now.

Example:
    >>> mx.reset_peak_memory()
    >>> mx.get_peak_memory() == mx.get_active_memory()
    True
)"},
    {"clear_cache", R"(Frees the buffers the allocator keeps cached for reuse.

Example:
    >>> mx.clear_cache()
    >>> mx.get_cache_memory()
    0
)"},
    {"set_memory_limit", R"(Sets the memory limit: past it an evaluation frees the cache, then raises ``MemoryError``.

Args:
    limit (int): The new limit in bytes.

Returns:
    int: The previous limit.

Example:
    >>> old = mx.set_memory_limit(1 << 40)
    >>> mx.set_memory_limit(old) == 1 << 40
    True
)"},
    {"set_cache_limit", R"(Sets how many bytes of freed buffers the allocator may keep cached; 0 disables the cache.

Args:
    limit (int): The new cache limit in bytes.

Returns:
    int: The previous limit.

Example:
    >>> old = mx.set_cache_limit(0)
    >>> mx.set_cache_limit(old)
    0
)"},
    {"set_wired_limit", R"(Accepted for MLX compatibility (wired memory exists on Apple silicon only); does nothing.

Args:
    limit (int): Ignored.

Returns:
    int: Always 0.

Example:
    >>> mx.set_wired_limit(1 << 30)
    0
)"},
  };
  return table;
}

} // namespace mxg::python
