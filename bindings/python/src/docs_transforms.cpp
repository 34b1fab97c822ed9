// Docstrings of evaluation and the compile switches (eval_memory.cpp, compile.cpp, ops_misc.cpp); grad, vmap and compile itself are documented in their Python modules.
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_transforms() {
  static const std::vector<Doc> table = {
    {"eval", R"(Evaluates the arrays in its arguments (arrays, or lists, tuples and dicts of them) in one pass, and returns what it was given: one argument as itself, several as a tuple.

Args:
    *args (array): Arrays or trees of arrays.

Returns:
    The arguments: one as itself, several as a tuple.

Example:
    >>> x = mx.array([1.0, 2.0]) * 2
    >>> mx.eval(x)
    array([2, 4], dtype=float32)
    >>> a, b = mx.eval(x + 1, {"k": x - 1})
    >>> b
    {'k': array([1, 3], dtype=float32)}
)"},
    {"async_eval", R"(Starts evaluating the arrays in its arguments and returns at once; reading an array waits for it.

Args:
    *args (array): Arrays or trees of arrays.

Example:
    >>> x = mx.exp(mx.array([0.0]))
    >>> mx.async_eval(x)
    >>> x
    array([1], dtype=float32)
)"},
    {"enable_compile", R"(Turns :func:`compile` back on after :func:`disable_compile`.

Example:
    >>> mx.enable_compile()
)"},
    {"disable_compile", R"(Turns :func:`compile` off globally: compiled functions then run as plain Python (useful for debugging).

Example:
    >>> mx.disable_compile()
    >>> mx.enable_compile()
)"},
    {"synchronize", R"(Waits until the work queued on a stream is done (work on the CPU stream runs at evaluation, so this returns at once).

Args:
    stream (Stream, optional): The stream to wait for; ``None`` uses the default stream.

Example:
    >>> mx.synchronize()
)"},
  };
  return table;
}

} // namespace mxg::python
