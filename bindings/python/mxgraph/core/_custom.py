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
    """Wraps a function so that transforms use custom rules for it (as MLX's
    ``custom_function``). Calling the instance calls the function.

    A rule not given falls back to differentiating the function itself. Called inside
    a vmapped function, the function is batched and its custom vjp and jvp are kept.
    Arrays the function captures instead of taking as arguments are constants to the
    transforms.

    Args:
        f (callable): The function to wrap.

    Example:
        >>> @mx.custom_function
        ... def f(x):
        ...     return mx.exp(x)
        >>> @f.vjp
        ... def f_vjp(primals, cotangent, output):
        ...     return cotangent * 2.0
        >>> mx.grad(f)(mx.array(1.0))
        array(2, dtype=float32)
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
        """Sets the rule that ``grad`` and ``vjp`` use (a decorator).

        Args:
            f (callable): ``f(primals, cotangents, outputs, **kwargs)`` returning the
                cotangents of the primals (the positional arguments, or the argument itself
                when there is one).

        Returns:
            callable: ``f``.

        Example:
            >>> g = mx.custom_function(lambda x: x * 3)
            >>> rule = g.vjp(lambda primals, cotangent, output: cotangent * 0)
            >>> mx.grad(g)(mx.array(1.0))
            array(0, dtype=float32)
        """
        return self._set("vjp", f)

    def jvp(self, f):
        """Sets the rule that ``jvp`` uses (a decorator).

        Args:
            f (callable): ``f(primals, tangents)`` returning the tangents of the outputs;
                a tangent is ``None`` for an argument that is not differentiated.

        Returns:
            callable: ``f``.

        Example:
            >>> g = mx.custom_function(lambda x: x * 3)
            >>> rule = g.jvp(lambda primals, tangents: tangents * 10)
            >>> mx.jvp(g, [mx.array(1.0)], [mx.array(1.0)])[1][0]
            array(10, dtype=float32)
        """
        return self._set("jvp", f)

    def vmap(self, f):
        """Sets the rule that :func:`vmap` uses to compute a batch (a decorator).

        Args:
            f (callable): ``f(inputs, axes)`` returning ``(outputs, out_axes)``.

        Returns:
            callable: ``f``.

        Example:
            >>> g = mx.custom_function(lambda x: x.sum())
            >>> rule = g.vmap(lambda inputs, axes: (inputs[0].sum(axis=1 - axes[0]), 0))
            >>> mx.vmap(g)(mx.ones((3, 2)))
            array([2, 2, 2], dtype=float32)
        """
        return self._set("vmap", f)

    def __call__(self, *args, **kwargs):
        if self._vjp is None and self._jvp is None:
            return self._fun(*args, **kwargs)
        return _call_custom(self._fun, args, kwargs, self._vjp, self._jvp, "custom_function")


def checkpoint(fun):
    """Wraps ``fun`` so that the backward pass recomputes its intermediate arrays instead
    of keeping them alive from the forward pass: less memory for more compute.

    Args:
        fun (callable): A function of arrays.

    Returns:
        callable: A function with the same values and gradients as ``fun``.

    Example:
        >>> f = mx.checkpoint(lambda x: mx.sin(x) * x)
        >>> mx.grad(lambda x: f(x).sum())(mx.array([0.0]))
        array([0], dtype=float32)
    """
    if not callable(fun):
        raise TypeError("[checkpoint] fun must be callable.")

    @functools.wraps(fun)
    def wrapper(*args, **kwargs):
        return _call_custom(fun, args, kwargs, None, None, "checkpoint")

    return wrapper
