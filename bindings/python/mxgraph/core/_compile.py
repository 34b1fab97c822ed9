"""mx.compile over trees of arrays (MLX semantics).

Tracing, the graph passes, fusion and the cache per input shapes and dtypes live in
C++ (mx._core._compile_flat). This module flattens the arguments, keys a C++
compiled function on everything that is not an array (tree structure and Python
constants), and swaps captured state (``inputs=`` / ``outputs=``) in and out.
"""

import functools

from mxgraph import _core
from mxgraph.core._transforms import _walk

_array = _core.array
_RandomState = type(_core.random.state)


_CONSTANTS = (bool, int, float, str, type(None))


def _type_name(x):
    t = type(x)
    return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def _key(spec, args=False):
    """A hashable form of a tree spec from _walk: structure plus constants. For the
    function's arguments (`args`), constants must be numbers, strings or None, as MLX."""
    out, stack = [], [spec]
    while stack:
        kind, data = stack.pop()
        if isinstance(kind, str) and kind == "a":
            out.append("a")
        elif isinstance(kind, str):  # "c": a constant, by value when hashable
            if args and not isinstance(data, _CONSTANTS):
                raise ValueError(
                    "[compile] Function arguments must be trees of arrays or constants (floats, "
                    f"ints, strings, or None), but received type {_type_name(data)}."
                )
            try:
                hash(data)
                out.append(("c", type(data).__name__, data))
            except TypeError:
                out.append(("c", type(data).__name__, id(data)))
        elif issubclass(kind, dict):
            out.append((kind.__name__, tuple(k for k, _ in data)))
            stack.extend(v for _, v in reversed(data))
        else:
            out.append((kind.__name__, len(data)))
            stack.extend(reversed(data))
    return tuple(out)


def _build_typed(spec, it):
    """Rebuilds a tree (the arguments, the output) from its spec, keeping tuple
    subclasses (a NamedTuple, a tuple subclass) as MLX does."""
    kind, data = spec
    if kind == "a":
        return next(it)
    if kind == "c":
        return data
    if issubclass(kind, dict):
        return {k: _build_typed(v, it) for k, v in data}
    children = [_build_typed(c, it) for c in data]
    if issubclass(kind, tuple):
        return kind(*children) if hasattr(kind, "_fields") else kind(children)
    return children


def _state_leaves(tree):
    """The arrays of a state tree, in the order of _slots."""
    return [node[k] for node, k in _slots(tree)]


def _children(node):
    if isinstance(node, dict):
        return list(node.keys())
    if isinstance(node, (list, tuple, _RandomState)):
        return list(range(len(node)))
    return []  # an array or another object: nothing to swap in place


def _slots(tree):
    """(container, key) of each array of a state tree: lists, tuples, dicts (modules)
    and mx.random.state (the calling thread's key), depth first."""
    slots = []
    if tree is None:
        return slots
    stack = [(tree, _children(tree), 0)]
    while stack:
        node, keys, i = stack.pop()
        if i >= len(keys):
            continue
        stack.append((node, keys, i + 1))
        v = node[keys[i]]
        if isinstance(v, _array):
            if isinstance(node, tuple):
                raise ValueError(
                    "[compile] The captured state holds an array inside a tuple, which cannot "
                    "be updated in place. Use a list."
                )
            slots.append((node, keys[i]))
        elif isinstance(v, (dict, list, tuple, _RandomState)):
            stack.append((v, _children(v), 0))
    return slots


def _put(slots, values):
    for (node, k), v in zip(slots, values):
        if isinstance(node, _RandomState):
            _core.random._state_set(v)
        else:
            node[k] = v


def _signature(xs):
    return tuple((x.dtype, tuple(x.shape)) for x in xs)


def compile(fun, inputs=None, outputs=None, shapeless=False):
    """Returns a compiled version of ``fun``: traced once per input signature (tree
    structure, Python constants, shapes and dtypes), simplified, with elementwise
    regions fused into single kernels, and replayed from a cache afterwards. Inside
    ``grad``, ``vjp``, ``jvp`` or ``vmap``, or after :func:`disable_compile`, the plain
    function runs.

    Args:
        fun (callable): A function of trees of arrays and constants (numbers, strings,
            ``None``) that returns a tree of arrays.
        inputs (list or dict, optional): Trees (lists, dicts, modules) of arrays the
            function reads without taking them as arguments, e.g.
            ``[model.state, optimizer.state, mx.random.state]``.
        outputs (list or dict, optional): Trees of arrays the function updates in place.
        shapeless (bool, optional): Accept new input shapes; a new shape re-traces.
            Default: ``False``.

    Returns:
        callable: The compiled function, with ``fun``'s arguments and results.

    Example:
        >>> f = mx.compile(lambda x, y: mx.exp(-x) * y + 1)
        >>> f(mx.array([0.0, 1.0]), mx.array([2.0, 2.0]))
        array([3, 1.73576], dtype=float32)
    """
    if not callable(fun):
        raise TypeError("[compile] fun must be callable.")
    cache = {}

    @functools.wraps(fun)
    def wrapper(*args, **kwargs):
        if not _core._compile_enabled():
            return fun(*args, **kwargs)
        leaves = []
        spec = _walk((args, kwargs), leaves, None)
        state_in = _state_leaves(inputs)
        key = (_key(spec, args=True), _key(_walk(inputs, [], None)) if inputs is not None else None)
        entry = cache.get(key)
        if entry is None:
            # The output's structure per traced signature (C++ traces once per shapes
            # and dtypes, and each trace may return a different tree).
            boxes = {}
            n_args = len(leaves)

            def flat_fun(xs):
                # The state's arrays are swapped for the traced ones while fun runs,
                # then put back (outputs= state is written from the results after).
                slots = _slots(inputs)
                saved = [node[k] for node, k in slots]
                _put(slots, xs[n_args:])
                try:
                    a, k = _build_typed(spec, iter(xs[:n_args]))
                    out = fun(*a, **k)
                    out_leaves = []
                    out_spec = _walk(out, out_leaves, None)
                    boxes[_signature(xs)] = (out_spec, len(out_leaves))
                    return out_leaves + _state_leaves(outputs)
                finally:
                    _put(slots, saved)

            entry = (_core._compile_flat(flat_fun, bool(shapeless)), boxes)
            cache[key] = entry
        cfn, boxes = entry
        flat_in = leaves + state_in
        results = cfn(flat_in)
        out_spec, n_out = boxes[_signature(flat_in)]
        if outputs is not None:
            _put(_slots(outputs), results[n_out:])
        return _build_typed(out_spec, iter(results[:n_out]))

    return wrapper
