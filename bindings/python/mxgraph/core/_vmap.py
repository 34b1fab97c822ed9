"""mx.vmap over trees of arrays (MLX semantics); the batching itself is C++."""

from mxgraph import _core

_array = _core.array


def _axes_for(tree, spec, what):
    """(leaves, axes) of `tree`, with `spec` an int/None for the whole tree or a tree
    prefix of it."""
    leaves, axes = [], []
    stack = [(tree, spec, what)]
    while stack:
        node, ax, path = stack.pop()
        if isinstance(node, _array):
            if ax is not None and not isinstance(ax, int):
                raise ValueError(f"[vmap] in_axes for {path} must be an int or None.")
            leaves.append(node)
            axes.append(ax)
        elif isinstance(node, (list, tuple)):
            if isinstance(ax, (list, tuple)):
                if len(ax) != len(node):
                    raise ValueError(f"[vmap] in_axes for {path} has {len(ax)} entries for {len(node)} items.")
                items = list(zip(node, ax))
            elif isinstance(ax, dict):
                raise ValueError(f"[vmap] in_axes for {path} is a dict but the argument is a sequence.")
            else:
                items = [(c, ax) for c in node]
            for i, (c, a) in reversed(list(enumerate(items))):
                stack.append((c, a, f"{path}[{i}]"))
        elif isinstance(node, dict):
            if isinstance(ax, dict):
                if set(ax) != set(node):
                    raise ValueError(f"[vmap] in_axes for {path} has keys {sorted(ax)} but the argument has {sorted(node)}.")
                items = [(node[k], ax[k], k) for k in node]
            elif isinstance(ax, (list, tuple)):
                raise ValueError(f"[vmap] in_axes for {path} is a sequence but the argument is a dict.")
            else:
                items = [(node[k], ax, k) for k in node]
            for c, a, k in reversed(items):
                stack.append((c, a, f"{path}[{k!r}]"))
        elif ax is not None and not isinstance(ax, (list, tuple, dict)):
            raise ValueError(f"[vmap] {path} is not an array and cannot be mapped; use in_axes=None for it.")
    return leaves, axes


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
    """Returns fun vectorised over the axes `in_axes` of its arguments, with the
    batch axis of the outputs at `out_axes` (ints, None for unmapped arguments, or
    trees matching the arguments / outputs)."""
    if not callable(fun):
        raise TypeError("[vmap] fun must be callable.")
    from mxgraph.core._custom import custom_function

    if isinstance(fun, custom_function) and fun._vmap is not None:
        return lambda *args: _custom_vmap(fun, args, in_axes, out_axes)

    def wrapper(*args):
        if isinstance(in_axes, (list, tuple)):
            if len(in_axes) != len(args):
                raise ValueError(f"[vmap] in_axes has {len(in_axes)} entries for {len(args)} arguments.")
            per_arg = list(in_axes)
        elif in_axes is None or isinstance(in_axes, int):
            per_arg = [in_axes] * len(args)
        else:
            raise ValueError("[vmap] in_axes must be an int, None, or a list/tuple matching the arguments.")
        leaves, axes = [], []
        for i, (a, ax) in enumerate(zip(args, per_arg)):
            l, x = _axes_for(a, ax, f"argument {i}")
            leaves += l
            axes += x
        if all(a is None for a in axes):
            raise ValueError("[vmap] At least one argument must be mapped (in_axes all None).")
        box = {}

        def flat_fun(xs):
            it = iter(xs)
            counts = [len(_axes_for(a, ax, "")[0]) for a, ax in zip(args, per_arg)]
            new_args = [_replace(a, [next(it) for _ in range(n)]) for a, n in zip(args, counts)]
            out = fun(*new_args)
            out_leaves, _ = _axes_for(out, None, "output")
            box["out"] = out
            return out_leaves

        results = _core._vmap_flat(flat_fun, leaves, axes)
        out = box["out"]
        _, out_ax = _axes_for(out, out_axes, "outputs")
        moved = []
        for r, ax in zip(results, out_ax):
            if ax is None:
                raise ValueError("[vmap] out_axes cannot be None for an output.")
            moved.append(r if ax == 0 else _core.moveaxis(r, 0, ax))
        return _replace(out, moved)

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
