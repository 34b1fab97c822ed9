"""mx.compile over trees of arrays (MLX semantics).

Tracing, the graph passes, fusion and the cache per input shapes and dtypes live in
C++ (mx._core._compile_flat). This module flattens the arguments, keys a C++
compiled function on everything that is not an array (tree structure and Python
constants), and swaps captured state (``inputs=`` / ``outputs=``) in and out.
"""

import functools

from mxgraph import _core
from mxgraph.core._transforms import _flatten, _walk

_array = _core.array


def _key(spec):
    """A hashable form of a tree spec from _walk: structure plus constants."""
    out, stack = [], [spec]
    while stack:
        kind, data = stack.pop()
        if isinstance(kind, str) and kind == "a":
            out.append("a")
        elif isinstance(kind, str):  # "c": a constant, by value when hashable
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


def _state_leaves(tree):
    """The arrays of a state tree, in _flatten's order."""
    return [] if tree is None else _flatten(tree)[0]


def _slots(tree):
    """(container, key) of each array of a state tree, in _flatten's order."""
    slots = []
    if tree is None:
        return slots
    stack = [(tree, list(tree.keys()) if isinstance(tree, dict) else list(range(len(tree))), 0)]
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
        elif isinstance(v, dict):
            stack.append((v, list(v.keys()), 0))
        elif isinstance(v, (list, tuple)):
            stack.append((v, list(range(len(v))), 0))
    return slots


def _put(slots, values):
    for (node, k), v in zip(slots, values):
        node[k] = v


def compile(fun, inputs=None, outputs=None, shapeless=False):
    """Returns a compiled version of ``fun``: traced once per input signature (tree
    structure, Python constants, shapes and dtypes), simplified, with elementwise
    regions fused into single kernels, and replayed from a cache afterwards.

    ``inputs`` / ``outputs`` are trees (lists, dicts, modules) of arrays the
    function reads / updates implicitly, e.g. ``[model.state, optimizer.state]``.
    With ``shapeless=True`` a change of input shape re-traces (it does not fail).
    Inside grad / vjp / jvp / vmap, or after ``mx.disable_compile()``, the plain
    function runs.
    """
    if not callable(fun):
        raise TypeError("[compile] fun must be callable.")
    cache = {}

    @functools.wraps(fun)
    def wrapper(*args, **kwargs):
        if not _core._compile_enabled():
            return fun(*args, **kwargs)
        leaves, rebuild = _flatten((args, kwargs))
        spec = _walk((args, kwargs), [], None)
        state_in = _state_leaves(inputs)
        key = (_key(spec), _key(_walk(inputs, [], None)) if inputs is not None else None)
        entry = cache.get(key)
        if entry is None:
            box = {}
            n_args = len(leaves)

            def flat_fun(xs):
                # The state's arrays are swapped for the traced ones while fun runs,
                # then put back (outputs= state is written from the results after).
                slots = _slots(inputs)
                saved = [node[k] for node, k in slots]
                _put(slots, xs[n_args:])
                try:
                    a, k = rebuild(list(xs[:n_args]))
                    out = fun(*a, **k)
                    out_leaves, out_rebuild = _flatten(out)
                    box["rebuild"], box["n_out"] = out_rebuild, len(out_leaves)
                    return out_leaves + _state_leaves(outputs)
                finally:
                    _put(slots, saved)

            entry = (_core._compile_flat(flat_fun, bool(shapeless)), box)
            cache[key] = entry
        cfn, box = entry
        results = cfn(leaves + state_in)
        n_out = box["n_out"]
        if outputs is not None:
            _put(_slots(outputs), results[n_out:])
        return box["rebuild"](results[:n_out])

    return wrapper
