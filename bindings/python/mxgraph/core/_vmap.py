"""mx.vmap over trees of arrays (MLX semantics); the batching itself is C++."""

from mxgraph import _core

_array = _core.array


def _is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def _leaf_axis(ax, path):
    """An array leaf's axis: an int, None, or (as MLX allows) a 1-tuple holding one."""
    if isinstance(ax, tuple) and len(ax) == 1 and (ax[0] is None or _is_int(ax[0])):
        ax = ax[0]
    if ax is not None and not _is_int(ax):
        raise ValueError(f"[vmap] axis must be int or None; the one for {path} is {ax!r}.")
    return ax


def _axes_for(tree, spec, what, outputs=False):
    """(leaves, axes) of `tree`, with `spec` an int/None for the whole tree or a tree
    prefix of it (lists and tuples interchangeable)."""
    leaves, axes = [], []
    stack = [(tree, spec, what)]
    while stack:
        node, ax, path = stack.pop()
        if isinstance(node, _array):
            leaves.append(node)
            axes.append(_leaf_axis(ax, path))
        elif isinstance(node, (list, tuple)):
            if isinstance(ax, (list, tuple)):
                if len(ax) != len(node):
                    raise ValueError(f"[vmap] The axes for {path} have {len(ax)} entries for {len(node)} items.")
                items = list(zip(node, ax))
            elif isinstance(ax, dict):
                raise ValueError(f"[vmap] The axes for {path} are a dict but {path} is a sequence.")
            else:
                items = [(c, ax) for c in node]
            for i, (c, a) in reversed(list(enumerate(items))):
                stack.append((c, a, f"{path}[{i}]"))
        elif isinstance(node, dict):
            if isinstance(ax, dict):
                if set(ax) != set(node):
                    raise ValueError(f"[vmap] The axes for {path} have keys {sorted(ax)} but {path} has {sorted(node)}.")
                items = [(node[k], ax[k], k) for k in node]
            elif isinstance(ax, (list, tuple)):
                raise ValueError(f"[vmap] The axes for {path} are a sequence but {path} is a dict.")
            else:
                items = [(node[k], ax, k) for k in node]
            for c, a, k in reversed(items):
                stack.append((c, a, f"{path}[{k!r}]"))
        elif outputs:
            raise ValueError(f"[vmap] The function must return arrays (or trees of them); {path} is a {type(node).__name__}.")
        elif ax is not None and not isinstance(ax, (list, tuple, dict)):
            raise ValueError(f"[vmap] {path} is not an array and cannot be mapped; use in_axes=None for it.")
    return leaves, axes


def _in_leaves(args, in_axes):
    """(tree, leaves, axes): as MLX, one argument is matched with in_axes itself and
    several with in_axes as a tuple; a 1-tuple around one argument's axes works too."""
    if len(args) == 1:
        try:
            return (args[0],) + _axes_for(args[0], in_axes, "argument 0")
        except ValueError:
            if not (isinstance(in_axes, (list, tuple)) and len(in_axes) == 1):
                raise
            return (args[0],) + _axes_for(args[0], in_axes[0], "argument 0")
    if isinstance(in_axes, dict) or not (in_axes is None or _is_int(in_axes) or isinstance(in_axes, (list, tuple))):
        raise ValueError(f"[vmap] axis must be int or None, or a tuple of axes per argument; got {in_axes!r}.")
    if isinstance(in_axes, (list, tuple)) and len(in_axes) != len(args):
        raise ValueError(f"[vmap] in_axes has {len(in_axes)} entries for {len(args)} arguments.")
    per_arg = list(in_axes) if isinstance(in_axes, (list, tuple)) else [in_axes] * len(args)
    leaves, axes = [], []
    for i, (a, ax) in enumerate(zip(args, per_arg)):
        l, x = _axes_for(a, ax, f"argument {i}")
        leaves += l
        axes += x
    return tuple(args), leaves, axes


def _batch_size(leaves, axes):
    size = None
    for x, ax in zip(leaves, axes):
        if ax is None:
            continue
        if not -x.ndim <= ax < max(x.ndim, 1) or x.ndim == 0:
            raise IndexError(f"[vmap] Invalid vectorization axis {ax} for array with shape {tuple(x.shape)}.")
        n = x.shape[ax]
        if size is not None and n != size:
            raise ValueError(f"[vmap] Inconsistent axis sizes: {size} and {n}.")
        size = n
    if size is None:
        raise ValueError("[vmap] At least one argument must be mapped (in_axes all None).")
    return size


def _place(r, batched, ax, size):
    """Output r (batch on axis 0 when batched) with its batch axis at `ax`; None keeps
    an output that depends on no mapped argument as it is."""
    if ax is None:
        if batched:
            raise ValueError("[vmap] out_axes cannot be None for an output that depends on a mapped argument.")
        return r
    nd = r.ndim + (0 if batched else 1)
    if not -nd <= ax < nd:
        shape = tuple(r.shape)[1:] if batched else tuple(r.shape)
        raise IndexError(f"[vmap] Invalid output vectorization axis {ax} for an output of shape {shape}.")
    ax %= nd
    if batched:
        return r if ax == 0 else _core.moveaxis(r, 0, ax)
    shape = list(r.shape)
    shape.insert(ax, size)
    return _core.broadcast_to(_core.expand_dims(r, ax), shape)


def _replace(tree, leaves):
    it = iter(leaves)

    def build(node):
        if isinstance(node, _array):
            return next(it)
        if isinstance(node, (list, tuple)):
            items = [build(c) for c in node]
            if isinstance(node, tuple) and hasattr(node, "_fields"):
                return type(node)(*items)
            return type(node)(items) if isinstance(node, tuple) else items
        if isinstance(node, dict):
            return {k: build(v) for k, v in node.items()}
        return node

    return build(tree)


def vmap(fun, in_axes=0, out_axes=0):
    """Returns ``fun`` vectorised over an axis of its arguments: one call computes what a
    loop over that axis would.

    Args:
        fun (callable): A function of arrays (or trees of arrays).
        in_axes (int or tuple, optional): The mapped axis of each argument: an int,
            ``None`` (not mapped), or a tree prefix of the arguments; for a function of
            several arguments, a tuple with one entry per argument. Default: ``0``.
        out_axes (int or tuple, optional): Where the batch axis goes in each output;
            ``None`` keeps an output that depends on no mapped argument as it is.
            Default: ``0``.

    Returns:
        callable: The vectorised function.

    Example:
        >>> f = mx.vmap(lambda x, y: x @ y, in_axes=(0, None))
        >>> f(mx.ones((5, 2, 3)), mx.ones((3, 4))).shape
        (5, 2, 4)
    """
    if not callable(fun):
        raise TypeError("[vmap] fun must be callable.")
    from mxgraph.core._custom import custom_function

    if isinstance(fun, custom_function) and fun._vmap is not None:
        return lambda *args: _custom_vmap(fun, args, in_axes, out_axes)

    def wrapper(*args, **kwargs):
        if kwargs:
            raise TypeError("[vmap] Keyword arguments are not supported.")
        tree, leaves, axes = _in_leaves(args, in_axes)
        size = _batch_size(leaves, axes)
        box = {}

        def flat_fun(xs):
            new = _replace(tree, xs)
            out = fun(new) if len(args) == 1 else fun(*new)
            out_leaves, _ = _axes_for(out, None, "output", outputs=True)
            box["out"] = out
            return out_leaves

        results, batched = _core._vmap_flat(flat_fun, leaves, axes)
        out = box["out"]
        _, out_ax = _axes_for(out, out_axes, "output", outputs=True)
        return _replace(out, [_place(r, b, ax, size) for r, b, ax in zip(results, batched, out_ax)])

    return wrapper


def _custom_vmap(fun, args, in_axes, out_axes):
    """vmap of a custom_function with a vmap rule: the rule computes the batch."""
    axes = list(in_axes) if isinstance(in_axes, (list, tuple)) else [in_axes] * len(args)
    if len(axes) != len(args):
        raise ValueError(f"[vmap] in_axes has {len(axes)} entries for {len(args)} arguments.")
    size = None
    for i, (a, ax) in enumerate(zip(args, axes)):
        if ax is None:
            continue
        if not isinstance(a, _array) or not isinstance(ax, int):
            raise ValueError(f"[vmap] Argument {i} of a custom_function must be an array with an int or None axis.")
        if not -a.ndim <= ax < a.ndim:
            raise ValueError(f"[vmap] in_axes {ax} is out of range for argument {i} with {a.ndim} dimensions.")
        axes[i] = ax % a.ndim
        if size is not None and a.shape[axes[i]] != size:
            raise ValueError("[vmap] Mapped axes have different sizes.")
        size = a.shape[axes[i]]
    if size is None:
        raise ValueError("[vmap] At least one argument must be mapped (in_axes all None).")
    outs, oaxes = fun._vmap(list(args), axes)
    single = isinstance(outs, _array)
    outs = [outs] if single else list(outs)
    oaxes = [oaxes] * len(outs) if oaxes is None or isinstance(oaxes, int) else list(oaxes)
    want = [out_axes] * len(outs) if isinstance(out_axes, int) else list(out_axes)
    if len(oaxes) != len(outs) or len(want) != len(outs):
        raise ValueError("[vmap] The custom vmap rule returned axes that do not match its outputs.")
    moved = []
    for o, ax, w in zip(outs, oaxes, want):
        if ax is None:  # the rule says this output is the same for every example
            o = _core.broadcast_to(_core.expand_dims(o, 0), (size,) + tuple(o.shape))
            ax = 0
        moved.append(o if ax == w else _core.moveaxis(o, ax, w))
    return moved[0] if single else tuple(moved)
