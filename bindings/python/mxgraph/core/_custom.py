"""custom_function and checkpoint over trees of arrays (MLX semantics).

The Custom node and its rules live in C++ (mxg::custom_function, mxg::checkpoint);
this module flattens arguments and results and rebuilds the trees the user's rules
see.
"""

import functools

from mxgraph import _core
from mxgraph.core._transforms import _flatten


def _call_custom(fun, args, kwargs, vjp_fun, jvp_fun, name):
    """Calls fun(*args, **kwargs) through a Custom node (C++ custom_function/checkpoint).

    The array leaves of (args, kwargs) are the node's inputs; the rules get the
    trees back: primals are the positional arguments (the argument itself when
    there is only one), cotangents and outputs have the structure of fun's result.
    """
    leaves, rebuild = _flatten((tuple(args), dict(kwargs)))
    if not leaves:
        return fun(*args, **kwargs)
    out_box = {}

    def flat_fun(xs):
        a, kw = rebuild(xs)
        out_leaves, out_box["rebuild"] = _flatten(fun(*a, **kw))
        return out_leaves

    def primal_tree(a):
        return a[0] if len(a) == 1 else a

    flat_vjp = flat_jvp = None
    if vjp_fun is not None:

        def flat_vjp(primals, cotangents, outputs):
            a, kw = rebuild(primals)
            out_rebuild = out_box["rebuild"]
            res = _flatten(vjp_fun(primal_tree(a), out_rebuild(cotangents),
                                   out_rebuild(outputs), **kw))[0]
            n_pos = len(_flatten(a)[0])
            if len(res) == n_pos:  # keyword arrays get no cotangent from the rule
                res += [_core.zeros_like(p) for p in primals[n_pos:]]
            return res

    if jvp_fun is not None:

        def flat_jvp(primals, tangents, argnums):
            a, kw = rebuild(primals)
            if kw:
                raise ValueError(
                    f"[{name}] A custom jvp needs a function of positional arguments only; "
                    "pass the keyword arguments positionally."
                )
            full = [None] * len(primals)
            for t, n in zip(tangents, argnums):
                full[n] = t
            t_args, _ = rebuild(full)
            return _flatten(jvp_fun(primal_tree(a), primal_tree(t_args)))[0]

    outs = _core._custom_flat(flat_fun, flat_vjp, flat_jvp, leaves, name)
    return out_box["rebuild"](outs)


class custom_function:
    """Wraps a function so that transforms use custom rules for it (MLX semantics).

    Calling the instance calls the function. ``@f.vjp`` sets the rule grad/vjp use:
    ``vjp(primals, cotangents, outputs, **kwargs)`` returns cotangents with the
    structure of primals (the positional arguments; the argument itself when there is
    one). ``@f.jvp`` sets ``jvp(primals, tangents)`` (tangents are None for arguments
    not being differentiated), returning the outputs' tangents. A rule not given falls
    back to differentiating the function itself. ``@f.vmap`` sets
    ``vmap(inputs, axes) -> (outputs, out_axes)``, which ``mx.vmap(f)`` uses to
    compute the batch; called inside a vmapped function, f itself is batched and
    its custom vjp / jvp are kept (batched). Arrays the function
    captures instead of taking as arguments are constants to the transforms.
    """

    def __init__(self, f):
        if not callable(f):
            raise TypeError("[custom_function] f must be callable.")
        self._fun = f
        self._vjp = None
        self._jvp = None
        self._vmap = None
        functools.update_wrapper(self, f)

    def _set(self, what, f):
        if not callable(f):
            raise TypeError(f"[custom_function] The {what} rule must be callable.")
        setattr(self, "_" + what, f)
        return self

    def vjp(self, f):
        """Sets the custom vjp: f(primals, cotangents, outputs) -> cotangents of primals."""
        return self._set("vjp", f)

    def jvp(self, f):
        """Sets the custom jvp: f(primals, tangents) -> tangents of the outputs."""
        return self._set("jvp", f)

    def vmap(self, f):
        """Stores the custom vmap rule f(inputs, axes) -> (outputs, axes) for mx.vmap."""
        return self._set("vmap", f)

    def __call__(self, *args, **kwargs):
        if self._vjp is None and self._jvp is None:
            return self._fun(*args, **kwargs)
        return _call_custom(self._fun, args, kwargs, self._vjp, self._jvp, "custom_function")


def checkpoint(fun):
    """fun, recomputed during the backward pass instead of keeping its intermediate
    arrays alive from the forward pass (less memory, more compute)."""
    if not callable(fun):
        raise TypeError("[checkpoint] fun must be callable.")

    @functools.wraps(fun)
    def wrapper(*args, **kwargs):
        return _call_custom(fun, args, kwargs, None, None, "checkpoint")

    return wrapper
