"""grad, value_and_grad, vjp and jvp over trees of arrays (MLX semantics).

The differentiation itself happens in C++ over flat lists of arrays; this module
only flattens the arguments and rebuilds the results' structure.
"""

from mxgraph import _core

_array = _core.array


def _flatten(tree):
    """(arrays, rebuild) for a tree of lists, tuples and dicts with array leaves."""
    leaves = []

    def walk(node):
        if isinstance(node, _array):
            leaves.append(node)
            return ("a", None)
        if isinstance(node, (list, tuple)):
            return (type(node), [walk(c) for c in node])
        if isinstance(node, dict):
            return (type(node), [(k, walk(v)) for k, v in node.items()])
        return ("c", node)

    spec = walk(tree)

    def rebuild(new_leaves):
        it = iter(new_leaves)

        def build(s):
            kind, data = s
            if kind == "a":
                return next(it)
            if kind == "c":
                return data
            if issubclass(kind, dict):
                return kind((k, build(v)) for k, v in data)
            children = [build(c) for c in data]
            if kind is list:
                return children
            if kind is tuple:
                return tuple(children)
            return kind(*children)  # namedtuple

        return build(spec)

    return leaves, rebuild


def _check_differentiable(leaves, what):
    for x in leaves:
        if not _core.issubdtype(x.dtype, _core.inexact):
            raise ValueError(
                f"[grad] {what} has dtype {x.dtype}; only floating-point and complex "
                "arrays can be differentiated. Cast it with .astype(mx.float32)."
            )


def _split_output(out):
    """(loss, aux) from what the function returned."""
    if isinstance(out, _array):
        return out, None
    if isinstance(out, (list, tuple)) and len(out) > 0 and isinstance(out[0], _array):
        return out[0], out[1:]
    raise TypeError(
        "[grad] The function must return an array, or a tuple/list whose first "
        f"element is an array, but returned {type(out).__name__}."
    )


def value_and_grad(fun, argnums=None, argnames=()):
    """Returns a function computing (fun(*args), gradient of its first output).

    argnums (int or sequence) and argnames (str or sequence) choose the arguments
    to differentiate; the gradient has their tree structure. A function returning
    (loss, aux...) is differentiated through loss only.
    """
    if not callable(fun):
        raise TypeError("[value_and_grad] fun must be callable.")
    if isinstance(argnames, str):
        argnames = (argnames,)
    argnames = tuple(argnames)
    if argnums is None and not argnames:
        argnums = 0
    single = isinstance(argnums, int)
    nums = () if argnums is None else ((argnums,) if single else tuple(argnums))
    for n in nums:
        if not isinstance(n, int):
            raise TypeError("[value_and_grad] argnums must be ints.")
    if len(set(nums)) != len(nums):
        raise ValueError("[value_and_grad] argnums contains duplicates.")

    def wrapper(*args, **kwargs):
        norm = []
        for n in nums:
            if n < -len(args) or n >= len(args):
                raise ValueError(
                    f"[value_and_grad] argnums {n} is out of range for a call with "
                    f"{len(args)} positional arguments."
                )
            norm.append(n % len(args))
        for name in argnames:
            if name not in kwargs:
                raise ValueError(f"[value_and_grad] Keyword argument '{name}' was not given.")
        parts = [args[n] for n in norm] + [kwargs[k] for k in argnames]
        leaves, rebuild = _flatten(parts)
        for n, p in zip(norm, parts):
            _check_differentiable(_flatten(p)[0], f"Argument {n}")
        for name in argnames:
            _check_differentiable(_flatten(kwargs[name])[0], f"Argument '{name}'")
        aux_box = {}

        def flat_fun(xs):
            new_parts = rebuild(xs)
            a = list(args)
            kw = dict(kwargs)
            for i, n in enumerate(norm):
                a[n] = new_parts[i]
            for j, name in enumerate(argnames):
                kw[name] = new_parts[len(norm) + j]
            loss, aux = _split_output(fun(*a, **kw))
            aux_leaves, aux_rebuild = _flatten(aux) if aux is not None else ([], None)
            aux_box["rebuild"] = aux_rebuild
            aux_box["n"] = len(aux_leaves)
            return [loss] + aux_leaves

        if leaves:
            outs, grads = _core._value_and_grad_flat(flat_fun, leaves)
        else:
            outs, grads = flat_fun([]), []
        grad_parts = rebuild(grads)
        pos = grad_parts[: len(norm)]
        named = {k: grad_parts[len(norm) + j] for j, k in enumerate(argnames)}
        if single:
            g = pos[0]
        else:
            g = tuple(pos)
        if argnames:
            g = (g, named)
        if aux_box.get("rebuild") is not None:
            value = (outs[0],) + tuple(aux_box["rebuild"](outs[1:]))
            return value, g
        return outs[0], g

    return wrapper


def grad(fun, argnums=None, argnames=()):
    """Returns a function computing the gradient of fun's first output."""
    vg = value_and_grad(fun, argnums, argnames)

    def wrapper(*args, **kwargs):
        return vg(*args, **kwargs)[1]

    return wrapper


def _as_list(xs, what):
    if isinstance(xs, _array):
        return [xs]
    if isinstance(xs, (list, tuple)) and all(isinstance(x, _array) for x in xs):
        return list(xs)
    raise TypeError(f"[{what}] Expected a list of arrays.")


def vjp(fun, primals, cotangents):
    """(outputs, vjps): fun at primals, and the cotangents pulled back to the primals."""
    primals = _as_list(primals, "vjp")
    cotangents = _as_list(cotangents, "vjp")
    outs, vjps = _core._vjp_flat(lambda xs: fun(*xs), primals, cotangents)
    return outs, vjps


def jvp(fun, primals, tangents):
    """(outputs, jvps): fun at primals, and the tangents pushed forward."""
    primals = _as_list(primals, "jvp")
    tangents = _as_list(tangents, "jvp")
    outs, jvps = _core._jvp_flat(lambda xs: fun(*xs), primals, tangents)
    return outs, jvps
