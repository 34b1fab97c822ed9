"""grad, value_and_grad, vjp and jvp over trees of arrays (MLX semantics).

The differentiation itself happens in C++ over flat lists of arrays; this module
only flattens the arguments and rebuilds the results' structure.
"""

from mxgraph import _core

_array = _core.array


def _walk(node, leaves, strict):
    """The spec of one tree node; array leaves are appended to `leaves`."""
    if isinstance(node, _array):
        leaves.append(node)
        return ("a", None)
    if isinstance(node, (list, tuple)):
        return (type(node), [_walk(c, leaves, strict) for c in node])
    if isinstance(node, dict):
        return (type(node), [(k, _walk(v, leaves, strict)) for k, v in node.items()])
    if strict is not None:
        raise ValueError(
            f"{strict} contains a {type(node).__name__}; only arrays, and lists, tuples "
            "and dicts of arrays, can be differentiated. Pass it as an mx.array or "
            "leave it out of argnums/argnames."
        )
    return ("c", node)


def _build(spec, it):
    kind, data = spec
    if kind == "a":
        return next(it)
    if kind == "c":
        return data
    if issubclass(kind, dict):  # dict subclasses (a Module, say) come back as dicts, as in MLX
        return {k: _build(v, it) for k, v in data}
    children = [_build(c, it) for c in data]
    if issubclass(kind, tuple) and hasattr(kind, "_fields"):
        return kind(*children)  # namedtuple
    return tuple(children) if issubclass(kind, tuple) else children


def _flatten(tree, strict=None):
    """(arrays, rebuild) for a tree of lists, tuples and dicts with array leaves.

    Other leaves are kept as constants, or rejected when `strict` names the
    argument the tree came from (differentiated arguments hold arrays only).
    No recursive closures here: a reference cycle would keep traced arrays (and
    their graphs) alive until the garbage collector runs."""
    leaves = []
    spec = _walk(tree, leaves, strict)
    return leaves, lambda new_leaves: _build(spec, iter(new_leaves))


def _check_output(out, tag, aux):
    """Raises ValueError (as MLX) unless out is a scalar array or, with aux, a
    non-empty tuple (not a list) starting with one."""
    if isinstance(out, _array) and out.ndim == 0:
        return
    if isinstance(out, _array):
        raise ValueError(
            f"{tag} The function must return a scalar (0-d) array, but it returned an array of "
            f"shape {tuple(out.shape)}. Reduce it first, for example with mx.sum."
        )
    want = "a scalar array, or a tuple (loss, aux...) whose first value is a scalar array" if aux else \
        "a scalar array (use mx.value_and_grad for a function that also returns aux values)"
    got = f"{type(out).__name__} was returned"
    if aux and isinstance(out, tuple):
        if not out:
            got = "an empty tuple was returned"
        elif isinstance(out[0], _array):
            return _check_output(out[0], tag, False)
        else:
            got = f"a tuple whose first value is a {type(out[0]).__name__} was returned"
    raise ValueError(f"{tag} The function must return {want}, but {got}.")


def _normalize_argnums(argnums, argnames, tag):
    """(nums, names) as MLX reads them: no argnums and no argnames means
    argument 0; argnames alone differentiate no positional argument."""
    if isinstance(argnames, str):
        argnames = (argnames,)
    names = tuple(argnames)
    for n in names:
        if not isinstance(n, str):
            raise TypeError(f"{tag} argnames must be strings; got {type(n).__name__}.")
    if argnums is None:
        nums = () if names else (0,)
    elif isinstance(argnums, int):
        nums = (argnums,)
    else:
        try:
            nums = tuple(argnums)
        except TypeError:
            raise TypeError(f"{tag} argnums must be an int or a sequence of ints.") from None
    for n in nums:
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(f"{tag} argnums must be an int or a sequence of ints.")
        if n < 0:
            raise ValueError(f"{tag} Can't compute the gradient of negative argument index {n}.")
    if not nums and not names:
        raise ValueError(f"{tag} Gradient with respect to no argument requested.")
    if len(set(nums)) != len(nums) or len(set(names)) != len(names):
        raise ValueError(f"{tag} argnums/argnames contain duplicates.")
    return nums, names


def _is_module(x):
    return isinstance(x, dict) and callable(getattr(x, "trainable_parameters", None))


def _differentiated(arg):
    """What is differentiated for an argument: an nn.Module stands for its
    trainable parameters (so its gradient is shaped like them)."""
    return arg.trainable_parameters() if _is_module(arg) else arg


def _swap_in(arg, traced):
    """The argument fun receives: a Module holding the traced parameters, or the traced tree."""
    return arg.update(traced) if _is_module(arg) else traced


def _value_and_grad(fun, argnums, argnames, tag, aux=True):
    if not callable(fun):
        raise TypeError(f"{tag} fun must be callable; got {type(fun).__name__}.")
    nums, names = _normalize_argnums(argnums, argnames, tag)

    def wrapper(*args, **kwargs):
        for n in nums:
            if n >= len(args):
                raise ValueError(
                    f"{tag} Can't compute the gradient of argument index {n} because the "
                    f"function is called with only {len(args)} positional arguments."
                )
        for name in names:
            if name not in kwargs:
                raise ValueError(
                    f"{tag} Can't compute the gradient of keyword argument '{name}' because "
                    f"the function is called with the keyword arguments {sorted(kwargs)}."
                )
        parts = []
        for n in nums:
            what = f"{tag} Argument {n}"
            tree = _differentiated(args[n])
            _flatten(tree, strict=what)
            parts.append(tree)
        for name in names:
            what = f"{tag} Keyword argument '{name}'"
            tree = _differentiated(kwargs[name])
            _flatten(tree, strict=what)
            parts.append(tree)
        leaves, rebuild = _flatten(parts)
        out_box = {}

        def flat_fun(xs):
            new_parts = rebuild(xs)
            a = list(args)
            kw = dict(kwargs)
            for i, n in enumerate(nums):
                a[n] = _swap_in(args[n], new_parts[i])
            for j, name in enumerate(names):
                kw[name] = _swap_in(kwargs[name], new_parts[len(nums) + j])
            out = fun(*a, **kw)
            _check_output(out, tag, aux)
            out_leaves, out_box["rebuild"] = _flatten(out)
            return out_leaves

        if leaves:
            outs, grads = _core._value_and_grad_flat(flat_fun, leaves)
        else:  # only empty containers to differentiate: nothing to trace
            outs, grads = flat_fun([]), []
        grad_parts = rebuild(grads)
        if len(nums) == 1:
            g = grad_parts[0]
        elif nums:
            g = tuple(grad_parts[: len(nums)])
        else:
            g = None
        if names:
            g = (g, {k: grad_parts[len(nums) + j] for j, k in enumerate(names)})
        return out_box["rebuild"](outs), g

    return wrapper


def value_and_grad(fun, argnums=None, argnames=()):
    """Returns a function that computes both ``fun``'s value and its gradient.

    ``fun`` returns a scalar array, or a tuple ``(loss, aux...)``: the loss is
    differentiated and the aux values come back with it. Each gradient has the tree
    structure (lists, tuples, dicts of arrays) of its argument.

    Args:
        fun (callable): The function to differentiate.
        argnums (int or list(int), optional): The positional arguments to differentiate.
            Default: ``0``, or none when ``argnames`` is given.
        argnames (str or list(str), optional): Keyword arguments to differentiate.
            Default: ``()``.

    Returns:
        callable: ``f(*args, **kwargs) -> (value, gradients)``. ``gradients`` is one
        gradient for one argnum, a tuple for several, and ``(positional, {name: grad})``
        with ``argnames``.

    Example:
        >>> f = mx.value_and_grad(lambda x: (x ** 2).sum())
        >>> value, g = f(mx.array([1.0, 2.0]))
        >>> value
        array(5, dtype=float32)
        >>> g
        array([2, 4], dtype=float32)
    """
    if callable(argnums) and hasattr(fun, "trainable_parameters"):
        # mx.value_and_grad(model, loss_fn), as the lazy-evaluation guide writes it,
        # means nn.value_and_grad(model, loss_fn).
        try:
            from mxgraph import nn
        except ImportError:
            raise TypeError("[value_and_grad] value_and_grad(model, fn) needs mxgraph.nn.") from None
        return nn.value_and_grad(fun, argnums)
    return _value_and_grad(fun, argnums, argnames, "[value_and_grad]")


def grad(fun, argnums=None, argnames=()):
    """Returns a function that computes the gradient of ``fun``'s (first) output.

    Args:
        fun (callable): The function to differentiate; it returns a scalar array (or a
            tuple whose first element is one).
        argnums (int or list(int), optional): The positional arguments to differentiate.
            Default: ``0``, or none when ``argnames`` is given.
        argnames (str or list(str), optional): Keyword arguments to differentiate.
            Default: ``()``.

    Returns:
        callable: A function with ``fun``'s arguments that returns the gradients, as
        :func:`value_and_grad` does.

    Example:
        >>> df = mx.grad(lambda x: mx.sin(x).sum())
        >>> df(mx.array([0.0, mx.pi]))
        array([1, -1], dtype=float32)
        >>> mx.grad(lambda x, y: (x * y).sum(), argnums=(0, 1))(mx.array(2.0), mx.array(3.0))
        (array(3, dtype=float32), array(2, dtype=float32))
    """
    vg = _value_and_grad(fun, argnums, argnames, "[grad]", aux=False)

    def wrapper(*args, **kwargs):
        return vg(*args, **kwargs)[1]

    return wrapper


def _as_list(xs, what, name):
    if isinstance(xs, _array):
        return [xs]
    if isinstance(xs, (list, tuple)):
        for i, x in enumerate(xs):
            if not isinstance(x, _array):
                raise TypeError(f"[{what}] {name}[{i}] is a {type(x).__name__}, not an array.")
        return list(xs)
    raise TypeError(f"[{what}] {name} must be a list of arrays; got {type(xs).__name__}.")


def vjp(fun, primals, cotangents):
    """The vector-Jacobian product: evaluates ``fun(*primals)`` and pulls ``cotangents``
    back through it to the primals (reverse mode).

    Args:
        fun (callable): A function of arrays that returns an array or a list of arrays.
        primals (list(array)): The arguments of ``fun``.
        cotangents (list(array)): One cotangent per output, shaped like it.

    Returns:
        tuple(list(array), list(array)): The outputs of ``fun`` and one vector-Jacobian
        product per primal.

    Example:
        >>> outs, vjps = mx.vjp(lambda x: x ** 2, [mx.array([1.0, 3.0])], [mx.array([1.0, 1.0])])
        >>> outs[0], vjps[0]
        (array([1, 9], dtype=float32), array([2, 6], dtype=float32))
    """
    if not callable(fun):
        raise TypeError(f"[vjp] fun must be callable; got {type(fun).__name__}.")
    primals = _as_list(primals, "vjp", "primals")
    cotangents = _as_list(cotangents, "vjp", "cotangents")
    return _core._vjp_flat(lambda xs: fun(*xs), primals, cotangents)


def jvp(fun, primals, tangents):
    """The Jacobian-vector product: evaluates ``fun(*primals)`` and pushes ``tangents``
    forward through it to the outputs (forward mode).

    Args:
        fun (callable): A function of arrays that returns an array or a list of arrays.
        primals (list(array)): The arguments of ``fun``.
        tangents (list(array)): One tangent per primal, shaped like it.

    Returns:
        tuple(list(array), list(array)): The outputs of ``fun`` and one Jacobian-vector
        product per output.

    Example:
        >>> outs, jvps = mx.jvp(lambda x: x ** 3, [mx.array([2.0])], [mx.array([1.0])])
        >>> outs[0], jvps[0]
        (array([8], dtype=float32), array([12], dtype=float32))
    """
    if not callable(fun):
        raise TypeError(f"[jvp] fun must be callable; got {type(fun).__name__}.")
    primals = _as_list(primals, "jvp", "primals")
    tangents = _as_list(tangents, "jvp", "tangents")
    return _core._jvp_flat(lambda xs: fun(*xs), primals, tangents)
