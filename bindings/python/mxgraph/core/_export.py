"""export_function / import_function over trees of arrays (MLX's signatures).

The graph is traced and written in C++ over a flat list of arrays; this module
flattens ``*args``/``**kwargs``, keeps their structure (JSON) in the file, and
rebuilds it when the imported function is called.
"""

import json

from mxgraph import _core

_array = _core.array


def _spec(node, leaves, names, path):
    """A JSON-able spec of a tree of arrays; leaves go to `leaves`, their paths to `names`."""
    if isinstance(node, _array):
        leaves.append(node)
        names.append(path)
        return "a"
    if isinstance(node, (list, tuple)):
        kind = "list" if isinstance(node, list) else "tuple"
        return [kind, [_spec(c, leaves, names, f"{path}[{i}]") for i, c in enumerate(node)]]
    if isinstance(node, dict):
        return ["dict", [[k, _spec(v, leaves, names, f"{path}.{k}")] for k, v in node.items()]]
    raise ValueError(
        f"[export_function] The argument {path} is a {type(node).__name__}; exported "
        "functions take arrays, or lists, tuples and dicts of arrays."
    )


def _build(spec, it):
    if spec == "a":
        return next(it)
    kind, children = spec
    if kind == "dict":
        return {k: _build(v, it) for k, v in children}
    out = [_build(c, it) for c in children]
    return tuple(out) if kind == "tuple" else out


def _flatten_call(args, kwargs):
    leaves, names = [], []
    arg_specs = [_spec(a, leaves, names, f"arg{i}") for i, a in enumerate(args)]
    kw_specs = [[k, _spec(v, leaves, names, k)] for k, v in kwargs.items()]
    return leaves, names, {"args": arg_specs, "kwargs": kw_specs}


def _flat_outputs(out):
    if isinstance(out, _array):
        return [out]
    leaves = []
    _spec(out, leaves, [], "output")
    return leaves


def export_function(file, fun, *args, shapeless=False, metadata=None, **kwargs) -> None:
    """Traces ``fun(*args, **kwargs)`` and writes it, with its constants, as an ``.mxfn``
    graph that :func:`import_function`, the C API and the ``mxgraph`` CLI can run.

    Args:
        file (str or file): A path, or a binary file object with ``write``.
        fun (callable): The function to export.
        *args (array): Example arguments: their shapes and dtypes are the inputs'.
        shapeless (bool, optional): Let the imported function accept other shapes.
            Default: ``False``.
        metadata (dict(str, str), optional): Text stored with the function.
        **kwargs (array): Example keyword arguments.

    Example:
        >>> import io
        >>> buf = io.BytesIO()
        >>> mx.export_function(buf, lambda x: x * 2, mx.array([1.0]))
        >>> f = mx.import_function(io.BytesIO(buf.getvalue()))
        >>> f(mx.array([3.0]))
        (array([6], dtype=float32),)
    """
    if callable(file) and not hasattr(file, "write"):
        raise ValueError("[export_function] Exporting to a callback is not supported; give a path or a file.")
    leaves, names, structure = _flatten_call(args, kwargs)

    def flat(xs):
        new_args, new_kwargs = _rebuild(structure, xs)
        return _flat_outputs(fun(*new_args, **new_kwargs))

    text = json.dumps(structure, separators=(",", ":"))
    meta = "" if metadata is None else str(metadata)
    if hasattr(file, "write"):
        file.write(_core._export_function(None, flat, leaves, shapeless, names, meta, text))
    else:
        _core._export_function(str(file), flat, leaves, shapeless, names, meta, text)


def _rebuild(structure, flat):
    it = iter(flat)
    new_args = [_build(s, it) for s in structure["args"]]
    new_kwargs = {k: _build(s, it) for k, s in structure["kwargs"]}
    return new_args, new_kwargs


def _count_leaves(spec):
    if spec == "a":
        return 1
    kind, children = spec
    if kind == "dict":
        return sum(_count_leaves(v) for k, v in children if isinstance(k, str))
    if kind not in ("list", "tuple"):
        raise ValueError(kind)
    return sum(_count_leaves(c) for c in children)


def _read_structure(text, n_inputs):
    """The argument structure stored in a file, checked against its input count."""
    try:
        s = json.loads(text)
        n = sum(_count_leaves(a) for a in s["args"]) + sum(_count_leaves(v) for _, v in s["kwargs"])
        ok = n == n_inputs
    except (ValueError, TypeError, KeyError, RecursionError):
        ok = False
    if not ok:
        raise ValueError("[import_function] The file is corrupt: its argument structure does not describe its inputs.")
    return s


class _Imported:
    """A callable over an imported graph, taking the exported argument structure."""

    def __init__(self, fn):
        self._fn = fn
        self._structure = _read_structure(fn.structure, len(fn.inputs)) if fn.structure else None

    def __call__(self, *args, **kwargs):
        """Returns a tuple of arrays, as MLX. Arguments come as ``*args, **kwargs`` or, as
        in MLX, as one tuple of positional arrays and an optional dict of keyword arrays."""
        leaves, _, structure = _flatten_call(args, kwargs)
        if self._structure is not None:
            if not self._matches(structure) and self._packed(args, kwargs):
                args, kwargs = tuple(args[0]), dict(args[1]) if len(args) == 2 else {}
                leaves, _, structure = _flatten_call(args, kwargs)
            if not self._matches(structure):
                raise ValueError(
                    "[import_function] The arguments' structure differs from the exported one: "
                    f"expected {json.dumps(self._structure)}, got {json.dumps(structure)}."
                )
            # Keyword arguments go in the exported order.
            order = {k: i for i, (k, _) in enumerate(self._structure["kwargs"])}
            kw = sorted(kwargs.items(), key=lambda kv: order[kv[0]])
            leaves, _, _ = _flatten_call(args, dict(kw))
        return tuple(self._fn(leaves))

    def _matches(self, structure):
        got = {"args": structure["args"], "kwargs": sorted(structure["kwargs"])}
        return got == {"args": self._structure["args"], "kwargs": sorted(self._structure["kwargs"])}

    @staticmethod
    def _packed(args, kwargs):
        """MLX's other calling form: fn((a, b)) or fn((a, b), {"x": x})."""
        if kwargs or not 1 <= len(args) <= 2 or not isinstance(args[0], (tuple, list)):
            return False
        return len(args) == 1 or isinstance(args[1], dict)

    @property
    def inputs(self):
        return self._fn.inputs

    @property
    def outputs(self):
        return self._fn.outputs

    @property
    def shapeless(self):
        return self._fn.shapeless


def import_function(file, return_metadata=False):
    """Reads a function that :func:`export_function` wrote. Its constants stay in the file
    until first evaluated.

    Args:
        file (str or file): A path, or a binary file object with ``read``.
        return_metadata (bool, optional): Also return the metadata stored with it.
            Default: ``False``.

    Returns:
        callable: The function: it takes the exported inputs (positional and keyword)
        and returns a list of arrays. With ``return_metadata``, a ``(function,
        metadata)`` pair.

    Example:
        >>> import io
        >>> buf = io.BytesIO()
        >>> mx.export_function(buf, lambda x, y: x + y, mx.array([1]), mx.array([2]))
        >>> mx.import_function(io.BytesIO(buf.getvalue()))(mx.array([1]), mx.array([5]))
        (array([6], dtype=int32),)
    """
    if hasattr(file, "read"):
        fn = _core._import_function_bytes(file.read())
    else:
        fn = _core._import_function(str(file))
    f = _Imported(fn)
    return (f, fn.metadata) if return_metadata else f
