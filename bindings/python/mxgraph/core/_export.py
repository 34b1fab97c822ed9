"""export_function / import_function over trees of arrays (MLX's signatures).

The graph is traced and written in C++ over a flat list of arrays; this module
flattens ``*args``/``**kwargs``, keeps their structure (JSON) in the file, and
rebuilds it when the imported function is called.
"""

import json
import os

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


def _mlx_packed(args, kwargs):
    """MLX's packed form of example inputs: one tuple of positional arrays and
    optionally a dict of keyword arrays, e.g. export_function(f, fun, (x, y), {"z": z})."""
    if kwargs or not 1 <= len(args) <= 2 or not isinstance(args[0], tuple):
        return False
    return len(args) == 1 or isinstance(args[1], dict)


def _trace(fun, args, kwargs, shapeless, metadata):
    """One trace of ``fun`` as the bytes of a version-1 .mxfn file."""
    if _mlx_packed(args, kwargs):
        args, kwargs = tuple(args[0]), dict(args[1]) if len(args) == 2 else {}
    leaves, names, structure = _flatten_call(args, kwargs)

    def flat(xs):
        new_args, new_kwargs = _rebuild(structure, xs)
        return _flat_outputs(fun(*new_args, **new_kwargs))

    text = json.dumps(structure, separators=(",", ":"))
    meta = "" if metadata is None else str(metadata)
    return _core._export_function(None, flat, leaves, shapeless, names, meta, text)


def _write(file, data):
    if hasattr(file, "write"):
        file.write(data)
        return
    path = os.fspath(file)
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as e:
        raise type(e)(f"[export_function] Cannot write {path}: {e.strerror or e}.") from None


def export_function(file_or_callback, fun, *args, shapeless=False, metadata=None, **kwargs) -> None:
    """Traces ``fun(*args, **kwargs)`` and writes it, with its constants, as an ``.mxfn``
    graph that :func:`import_function`, the C API and the ``mxgraph`` CLI can run; or,
    given a callable, calls it once per part of the graph (inputs, keyword inputs,
    outputs, constants, then each primitive), as MLX.

    Args:
        file_or_callback (str or file or callable): A path, a binary file object with
            ``write``, or a callable that receives one dict per part of the graph.
        fun (callable): The function to export.
        *args (array): Example arguments: their shapes and dtypes are the inputs'. MLX's
            packed form, one tuple of arrays and an optional dict, is accepted too.
        shapeless (bool, optional): Let the imported function accept other shapes.
            Default: ``False``.
        metadata (dict(str, str), optional): Text stored with the function (files only).
        **kwargs (array): Example keyword arguments.

    Example:
        >>> import io
        >>> buf = io.BytesIO()
        >>> mx.export_function(buf, lambda x: x * 2, mx.array([1.0]))
        >>> f = mx.import_function(io.BytesIO(buf.getvalue()))
        >>> f(mx.array([3.0]))
        (array([6], dtype=float32),)
    """
    if callable(file_or_callback) and not hasattr(file_or_callback, "write"):
        if metadata is not None:
            raise ValueError(
                "[export_function] The metadata argument is only supported when exporting to a file, "
                "not when using a callback."
            )
        data = _trace(fun, args, kwargs, shapeless, None)
        _graph_callback(file_or_callback, _core._import_function_bytes(data))
        return
    _write(file_or_callback, _trace(fun, args, kwargs, shapeless, metadata))


class FunctionExporter:
    """Writes several traces of one function to one file; made by :func:`exporter`.

    Each call traces the function on its example inputs (as :func:`export_function`
    takes them) and rewrites the file with every trace so far. The imported function
    runs the first trace its arguments fit.

    Args:
        file (str): The path to write.
        fun (callable): The function to export.
        shapeless (bool): Let the imported traces accept other shapes.
        metadata (dict(str, str) or None): Text stored with the function.

    Example:
        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "f.mxfn")
        >>> with mx.exporter(path, lambda x: x + 1) as ex:
        ...     ex(mx.array([1.0]))
        ...     ex(mx.array([1, 2]))
        >>> mx.import_function(path)(mx.array([5, 6]))
        (array([6, 7], dtype=int32),)
    """

    def __init__(self, file, fun, shapeless, metadata):
        self._file, self._fun = file, fun
        self._shapeless, self._metadata = shapeless, metadata
        self._traces = []
        self._closed = False

    def __call__(self, *args, **kwargs):
        if self._closed:
            raise RuntimeError("[export_function] Attempting to write after exporting is closed.")
        self._traces.append(_trace(self._fun, args, kwargs, self._shapeless, self._metadata))
        _write(self._file, _core._combine_traces(self._traces))

    def close(self) -> None:
        """Ends the export; later calls raise ``RuntimeError``.

        Example:
            >>> import os, tempfile
            >>> ex = mx.exporter(os.path.join(tempfile.mkdtemp(), "f.mxfn"), lambda x: -x)
            >>> ex(mx.array([1.0]))
            >>> ex.close()
        """
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def exporter(file, fun, *, shapeless=False, metadata=None):
    """Makes a :class:`FunctionExporter` that writes one trace of ``fun`` per call, all
    to ``file``; use it as a context manager or call ``close()``.

    Args:
        file (str): The path to write.
        fun (callable): The function to export.
        shapeless (bool, optional): Let the imported traces accept other shapes.
            Default: ``False``.
        metadata (dict(str, str), optional): Text stored with the function.

    Returns:
        FunctionExporter: Call it with example inputs to add a trace.

    Example:
        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "f.mxfn")
        >>> with mx.exporter(path, lambda x: x * x) as ex:
        ...     ex(mx.array([2.0]))
        >>> mx.import_function(path)(mx.array([3.0]))
        (array([9], dtype=float32),)
    """
    if not isinstance(file, (str, os.PathLike)):
        raise TypeError(f"[exporter] file must be a path (str), not {type(file).__name__}.")
    if not callable(fun):
        raise TypeError(f"[exporter] fun must be callable, not {type(fun).__name__}.")
    return FunctionExporter(file, fun, shapeless, metadata)


def _letters(i):
    """MLX's names for the arrays of a graph: A, B, ..., Z, AA, AB, ..."""
    s = ""
    while True:
        s = chr(ord("A") + i % 26) + s
        i = i // 26 - 1
        if i < 0:
            return s


def _split_arguments(text):
    """A primitive's printed parameters, split at the commas outside brackets."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "([{" and 1 or 0
        depth -= ch in ")]}" and 1 or 0
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return [p for p in parts + [cur.strip()] if p]


def _graph_callback(callback, fn):
    """Calls ``callback`` with MLX's dicts describing the graph of an imported trace.
    Primitive names and arguments are mxgraph's (``Binary``, ``["add"]``), not MLX's."""
    xs = [_core.zeros(s.shape, s.dtype) for s in fn.inputs]
    _core.eval(*xs)
    outs = fn(xs)
    labels = {f"in{i}": x for i, x in enumerate(xs)}
    graph = json.loads(_core._graph_to_json(*outs, max_nodes=1 << 62, **labels))
    arrays = {n["id"]: n for n in graph["nodes"] if n["kind"] == "array"}
    ops = [n for n in graph["nodes"] if n["kind"] == "op"]
    names = {}

    def spec(aid):
        names.setdefault(aid, _letters(len(names)))
        a = arrays[aid]
        return (names[aid], tuple(a["shape"]), getattr(_core, a["dtype"]))

    by_label = {a.get("name"): aid for aid, a in arrays.items()}
    inputs = []
    for i, s in enumerate(fn.inputs):  # inputs first: A, B, ... as MLX
        aid = by_label.get(f"in{i}", f"unused{i}")  # an input no output uses is not in the graph
        names.setdefault(aid, _letters(len(names)))
        inputs.append((names[aid], tuple(s.shape), s.dtype))
    structure = json.loads(fn.structure) if fn.structure else {"args": [], "kwargs": []}
    n_pos = sum(_count_leaves(a) for a in structure["args"])
    keywords = [(s.name, inputs[j][0]) for j, s in enumerate(fn.inputs) if j >= n_pos]
    callback({"type": "inputs", "inputs": inputs})
    callback({"type": "keyword_inputs", "keywords": keywords})
    callback({"type": "outputs", "outputs": [spec(o) for o in graph["outputs"]]})
    op_in, op_out = {}, {}
    for e in graph["edges"]:
        if e["to"].startswith("p"):
            op_in.setdefault(e["to"], []).append((e["arg"], e["from"]))
        else:
            op_out.setdefault(e["from"], []).append(e["to"])
    loads = [o for o in ops if o["op"].startswith("Load")]
    constants = [spec(a) for o in loads for a in op_out.get(o["id"], [])]
    callback({"type": "constants", "constants": constants})
    for o in ops:
        if o in loads:
            continue
        head, _, rest = o["op"].partition("(")
        callback({
            "type": "primitive",
            "name": head,
            "arguments": _split_arguments(rest[:-1]),
            "inputs": [spec(a) for _, a in sorted(op_in.get(o["id"], []))],
            "outputs": [spec(a) for a in op_out.get(o["id"], [])],
        })


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


class _Trace:
    """One trace of an imported file and the argument structure it was exported with."""

    def __init__(self, fn):
        self.fn = fn
        self.structure = _read_structure(fn.structure, len(fn.inputs)) if fn.structure else None

    def matches(self, structure):
        if self.structure is None:
            return True
        got = {"args": structure["args"], "kwargs": sorted(structure["kwargs"])}
        return got == {"args": self.structure["args"], "kwargs": sorted(self.structure["kwargs"])}

    def leaves(self, args, kwargs):
        """The flat inputs, keyword arguments in the exported order."""
        if self.structure is None:
            return _flatten_call(args, kwargs)[0]
        order = {k: i for i, (k, _) in enumerate(self.structure["kwargs"])}
        return _flatten_call(args, dict(sorted(kwargs.items(), key=lambda kv: order[kv[0]])))[0]


def _describe(specs):
    return ", ".join(f"{s.dtype} {tuple(s.shape)}" for s in specs)


class _Imported:
    """A callable over an imported graph, taking the exported argument structure. A
    file of several traces (mx.exporter) calls the first trace the arguments fit."""

    def __init__(self, fn):
        self._fn = fn
        self._traces = [_Trace(fn.trace(i)) for i in range(fn.num_traces)]

    def __call__(self, *args, **kwargs):
        """Returns a tuple of arrays, as MLX. Arguments come as ``*args, **kwargs`` or, as
        in MLX, as one tuple of positional arrays and an optional dict of keyword arrays."""
        structure = _flatten_call(args, kwargs)[2]
        forms = [(args, kwargs)]
        if _Imported._packed(args, kwargs):
            forms.append((tuple(args[0]), dict(args[1]) if len(args) == 2 else {}))
        shaped = []  # the inputs of each structure that fits some trace, for the error
        for a, k in forms:
            st = _flatten_call(a, k)[2]
            for t in self._traces:
                if t.matches(st):
                    leaves = t.leaves(a, k)
                    if len(self._traces) == 1 or t.fn.accepts(leaves):
                        return tuple(t.fn(leaves))
                    shaped.append(leaves)
        if not shaped:
            want = json.dumps(self._traces[0].structure)
            raise ValueError(
                "[import_function] The arguments' structure differs from the exported one: "
                f"expected {want}, got {json.dumps(structure)}."
            )
        listing = " ".join(f"{i + 1}. ({_describe(t.fn.inputs)})" for i, t in enumerate(self._traces))
        raise ValueError(
            f"[import_function] No trace of the function takes the arguments ({_describe(shaped[0])}); "
            f"the file has traces for: {listing}. Export a trace for these inputs (mx.exporter)."
        )

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
    """Reads a function that :func:`export_function` or :func:`exporter` wrote. Its
    constants stay in the file until first evaluated.

    Args:
        file (str or file): A path, or a binary file object with ``read``.
        return_metadata (bool, optional): Also return the metadata stored with it.
            Default: ``False``.

    Returns:
        callable: The function: it takes the exported inputs (positional and keyword)
        and returns a tuple of arrays; a file of several traces runs the first trace the
        arguments fit. With ``return_metadata``, a ``(function, metadata)`` pair.

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
