"""mx.depends: arrays equal to their inputs that evaluate after some other arrays.

It is a custom function whose node takes the dependencies as inputs too (so they are
evaluated first) and whose rules pass cotangents and tangents through to the inputs
only, as MLX's Depends primitive does.
"""

from mxgraph import _core


def _arrays(x, what):
    """(list of arrays, whether x was one array)."""
    if isinstance(x, _core.array):
        return [x], True
    if isinstance(x, (list, tuple)) and all(isinstance(a, _core.array) for a in x):
        return list(x), False
    raise TypeError(f"[depends] {what} must be an array or a sequence of arrays, not {type(x).__name__}.")


def depends(inputs, dependencies):
    """Returns ``inputs`` unchanged in value, but depending on ``dependencies``:
    evaluating the result evaluates them first. Gradients flow to ``inputs`` only.

    Args:
        inputs (array or list(array)): The arrays to return.
        dependencies (array or list(array)): The arrays to evaluate first.

    Returns:
        array or list(array): An array for an array, a list for a sequence.

    Example:
        >>> a, b = mx.array([1.0, 2.0]), mx.array([3.0])
        >>> mx.depends(a, b)
        array([1, 2], dtype=float32)
        >>> mx.depends([a], [b])
        [array([1, 2], dtype=float32)]
    """
    xs, single = _arrays(inputs, "inputs")
    deps, _ = _arrays(dependencies, "dependencies")
    n = len(xs)
    if n == 0 or not deps:
        return xs[0] if single else list(xs)

    def forward(args):
        return [_core.stop_gradient(a) for a in args[:n]]

    def vjp(primals, cotangents, outputs):
        return list(cotangents) + [_core.zeros_like(d) for d in primals[n:]]

    def jvp(primals, tangents, argnums):
        given = dict(zip(argnums, tangents))
        return [given[i] if i in given else _core.zeros_like(primals[i]) for i in range(n)]

    out = _core._custom_flat(forward, vjp, jvp, xs + deps, "depends")
    return out[0] if single else list(out)
