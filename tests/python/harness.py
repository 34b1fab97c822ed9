"""The one op test harness.

Every op is declared once as an ``OpCase``; ``check_values`` runs it against its
NumPy reference over dtypes, broadcasting shapes, empty and 0-d arrays, and
non-contiguous (transposed) inputs. Later transforms (vjp/jvp, vmap) add checks
that reuse the same declarations.
"""

import gc
import io
import warnings
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence, Tuple

import numpy as np

import mxgraph.core as mx

FLOATS = ("float32", "float16", "bfloat16", "float64")
INTS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
ALL = ("bool",) + INTS + FLOATS + ("complex64",)

# Tolerances (rtol, atol) per dtype, for values against NumPy.
TOL = {
    "float16": (2e-3, 2e-3),
    "bfloat16": (2e-2, 2e-2),
    "float32": (2e-5, 1e-6),
    "float64": (1e-12, 1e-12),
    "complex64": (2e-5, 1e-6),
}

# Shape sets for unary ops and for binary ops (broadcasting included).
UNARY_SHAPES = [((),), ((5,),), ((3, 4),), ((2, 3, 4),), ((0,),), ((2, 0, 3),)]
BINARY_SHAPES = [
    ((), ()), ((4,), ()), ((), (4,)), ((3, 4), (3, 4)), ((3, 4), (4,)),
    ((3, 1), (1, 4)), ((2, 3, 4), (3, 1)), ((0, 4), (4,)), ((2, 1, 3), (2, 4, 1)),
]


@dataclass
class OpCase:
    """One op, declared once.

    name: the mx function; np_fn: the NumPy reference (same argument order).
    mx_fn: overrides getattr(mx, name) (e.g. to pass keyword arguments).
    domain: inputs are drawn uniformly from it (ints are rounded).
    dtypes: input dtypes to try. shapes: tuples of input shapes.
    out_dtype: expected result dtype as a function of the input dtype name (None: not checked).
    """

    name: str
    np_fn: Callable
    mx_fn: Optional[Callable] = None
    arity: int = 1
    dtypes: Sequence[str] = ("float32",)
    shapes: Optional[Sequence[Tuple[tuple, ...]]] = None
    domain: Tuple[float, float] = (-2.0, 2.0)
    out_dtype: Optional[Callable[[str], str]] = None
    tol: dict = field(default_factory=dict)
    noncontiguous: bool = True
    id: Optional[str] = None

    def fn(self):
        return self.mx_fn or getattr(mx, self.name)

    def all_shapes(self):
        if self.shapes is not None:
            return self.shapes
        return UNARY_SHAPES if self.arity == 1 else BINARY_SHAPES if self.arity == 2 else [
            tuple([(3, 4)] * self.arity)
        ]

    def __str__(self):
        return self.id or self.name


def np_dtype(name):
    return np.float32 if name == "bfloat16" else np.dtype(name)


def random_input(shape, dtype, domain, rng):
    lo, hi = domain
    if dtype == "bool":
        return rng.random(shape) > 0.5
    if dtype in INTS:
        info = np.iinfo(dtype)
        lo_i, hi_i = max(int(np.floor(lo)), int(info.min)), min(int(np.ceil(hi)), int(info.max))
        return rng.integers(lo_i, hi_i + 1, size=shape).astype(dtype)
    x = rng.uniform(lo, hi, size=shape)
    if dtype == "complex64":
        x = x + 1j * rng.uniform(lo, hi, size=shape)
        return x.astype(np.complex64)
    x = x.astype(np_dtype(dtype))
    if dtype == "bfloat16":  # round to bfloat16 precision so both sides see the same input
        x = np.asarray(mx.array(x, dtype=mx.bfloat16).astype(mx.float32))
    return x


def to_mx(x, dtype, noncontiguous):
    """An mx array equal to x; transposed storage when noncontiguous and ndim >= 2."""
    mdt = getattr(mx, dtype)
    if noncontiguous and x.ndim >= 2:
        return mx.swapaxes(mx.array(np.ascontiguousarray(np.swapaxes(x, 0, -1)), dtype=mdt), 0, -1)
    return mx.array(x, dtype=mdt)


def assert_close(got, want, dtype, tol=None, what=""):
    got = np.asarray(got)
    want = np.asarray(want)
    assert got.shape == want.shape, f"{what}: shape {got.shape} != {want.shape}"
    rtol, atol = (tol or {}).get(dtype, TOL.get(dtype, (0, 0)))
    if want.dtype == bool or np.issubdtype(want.dtype, np.integer):
        np.testing.assert_array_equal(got, want.astype(got.dtype), err_msg=what)
    else:
        np.testing.assert_allclose(got.astype(np.complex128 if np.iscomplexobj(got) else np.float64),
                                   want, rtol=rtol, atol=atol, equal_nan=True, err_msg=what)


def check_values(case: OpCase, seed=0):
    """The op against NumPy for every dtype and shape set of the case."""
    rng = np.random.default_rng(seed)
    for dtype in case.dtypes:
        for shapes in case.all_shapes():
            xs = [random_input(s, dtype, case.domain, rng) for s in shapes]
            for nc in ((False, True) if case.noncontiguous else (False,)):
                args = [to_mx(x, dtype, nc) for x in xs]
                out = case.fn()(*args)
                with np.errstate(all="ignore"):
                    want = case.np_fn(*[x.astype(np.float64) if dtype in ("float16", "bfloat16") else x for x in xs])
                what = f"{case} dtype={dtype} shapes={shapes} noncontiguous={nc}"
                if case.out_dtype is not None:
                    assert out.dtype == getattr(mx, case.out_dtype(dtype)), f"{what}: dtype {out.dtype}"
                out_name = str(out.dtype).split(".")[-1]
                assert_close(out, want, out_name, case.tol, what)


def case_ids(cases):
    return [str(c) for c in cases]


# ---- axis sweeps (reductions, scans, sorts) ------------------------------------

# Input shapes for axis sweeps: 0-d, 1-d, 2-d, 3-d and empty.
REDUCE_SHAPES = [(), (5,), (3, 4), (2, 3, 4), (0,), (2, 0, 3)]


def axis_specs(ndim, single=False):
    """axis= values to try on an ndim-dimensional input: None, every axis and its
    negative form, and (unless single) a pair of axes and all axes as a tuple."""
    specs = [None] + list(range(ndim)) + [-1] * (ndim > 0)
    if not single and ndim >= 2:
        specs += [(0, ndim - 1), (-1, 0), tuple(range(ndim))]
    if not single and ndim == 1:
        specs += [(0,)]
    return specs


def check_axis_sweep(case: OpCase, seed=0, keepdims=(False, True), single=False, empty=True,
                     kwargs=None):
    """The op against NumPy as fn(x, axis=..., [keepdims=...], **kwargs) over the
    case's dtypes and shapes (REDUCE_SHAPES by default), every axis spec, keepdims
    on and off, and contiguous and transposed inputs. keepdims=() leaves it out
    (scans, sorts); empty=False skips inputs with no elements."""
    rng = np.random.default_rng(seed)
    kwargs = kwargs or {}
    shapes = case.shapes if case.shapes is not None else REDUCE_SHAPES
    for dtype in case.dtypes:
        for shape in shapes:
            if not empty and int(np.prod(shape)) == 0:
                continue
            x = random_input(shape, dtype, case.domain, rng)
            xr = x.astype(np.float64) if dtype in ("float16", "bfloat16") else x
            for axis in axis_specs(len(shape), single):
                for kd in (keepdims or (None,)):
                    extra = dict(kwargs) if kd is None else dict(kwargs, keepdims=kd)
                    with np.errstate(all="ignore"), warnings.catch_warnings():
                        warnings.simplefilter("ignore")  # NumPy warns on the mean of nothing
                        want = case.np_fn(xr, axis=axis, **extra)
                    for nc in ((False, True) if case.noncontiguous else (False,)):
                        out = case.fn()(to_mx(x, dtype, nc), axis=axis, **extra)
                        what = f"{case} dtype={dtype} shape={shape} axis={axis} {extra} noncontiguous={nc}"
                        if case.out_dtype is not None:
                            assert out.dtype == getattr(mx, case.out_dtype(dtype)), f"{what}: dtype {out.dtype}"
                        out_name = str(out.dtype).split(".")[-1]
                        assert_close(out, want, out_name, case.tol, what)


# --- Gradients: vjp and jvp against central finite differences -------------------

# (rtol, atol) for derivatives against finite differences; float32 is looser
# because the differences themselves lose about half the digits.
GRAD_TOL = {"float64": (1e-6, 1e-7), "float32": (2e-2, 2e-3)}


def _numeric_jvp(fn, xs, vs, eps):
    """(f(x + eps v) - f(x - eps v)) / (2 eps), in NumPy float64."""
    plus = fn(*[mx.array(x + eps * v, dtype=mx.float64) for x, v in zip(xs, vs)])
    minus = fn(*[mx.array(x - eps * v, dtype=mx.float64) for x, v in zip(xs, vs)])
    return (np.asarray(plus, dtype=np.float64) - np.asarray(minus, dtype=np.float64)) / (2 * eps)


def check_grads(case: OpCase, dtypes=("float64", "float32"), seed=0, fn=None, shapes=None):
    """vjp and jvp of the op against central finite differences, for every shape set
    (empty ones skipped), on contiguous and non-contiguous inputs, and the identity
    <vjp(u), v> == <u, jvp(v)>.

    The finite differences run in float64; `dtypes` are the dtypes the transforms
    are checked in. fn overrides case.fn() (e.g. a lambda fixing keyword arguments)."""
    rng = np.random.default_rng(seed)
    f = fn or case.fn()
    for shape_set in (shapes or case.all_shapes()):
        if any(int(np.prod(s)) == 0 for s in shape_set):
            continue
        xs = [rng.uniform(*case.domain, size=s) for s in shape_set]
        vs = [rng.standard_normal(s) for s in shape_set]
        y0 = np.asarray(f(*[mx.array(x, dtype=mx.float64) for x in xs]))
        u = rng.standard_normal(y0.shape)
        want_jvp = _numeric_jvp(f, xs, vs, 1e-6)
        want_vjp = []
        for i, x in enumerate(xs):  # one directional difference per input element
            g = np.zeros(x.size)
            for k in range(x.size):
                e = [np.zeros_like(z) for z in xs]
                e[i].flat[k] = 1.0
                g[k] = np.sum(u * _numeric_jvp(f, xs, e, 1e-6))
            want_vjp.append(g.reshape(x.shape))
        for dtype in dtypes:
            rtol, atol = GRAD_TOL[dtype]
            for nc in ((False, True) if case.noncontiguous else (False,)):
                prim = [to_mx(x.astype(dtype), dtype, nc) for x in xs]
                what = f"{case} grad dtype={dtype} shapes={shape_set} noncontiguous={nc}"
                _, vjps = mx.vjp(f, prim, [mx.array(u, dtype=getattr(mx, dtype))])
                _, jvps = mx.jvp(f, prim, [mx.array(v, dtype=getattr(mx, dtype)) for v in vs])
                for i, (got, want) in enumerate(zip(vjps, want_vjp)):
                    assert got.shape == want.shape, f"{what}: vjp {i} shape {got.shape}"
                    np.testing.assert_allclose(np.asarray(got, dtype=np.float64), want,
                                               rtol=rtol, atol=atol, err_msg=f"{what}: vjp {i}")
                np.testing.assert_allclose(np.asarray(jvps[0], dtype=np.float64), want_jvp,
                                           rtol=rtol, atol=atol, err_msg=f"{what}: jvp")
                lhs = sum(float(np.sum(np.asarray(g, dtype=np.float64) * v)) for g, v in zip(vjps, vs))
                rhs = float(np.sum(u * np.asarray(jvps[0], dtype=np.float64)))
                assert abs(lhs - rhs) <= 10 * atol + rtol * abs(rhs), f"{what}: <vjp(u),v>={lhs} <u,jvp(v)>={rhs}"


# --- vmap: the batched function against a Python loop -----------------------------


def check_vmap(case: OpCase, seed=0, fn=None, shapes=None, batch=3, dtype=None):
    """vmap(f) over a batch equals stacking f over a Python loop, for the batch axis
    at 0, in the middle, at -1, and unmapped (None) for all but the first argument,
    and for nested vmap (two batch axes). fn overrides case.fn()."""
    rng = np.random.default_rng(seed)
    f = fn or case.fn()
    dt = dtype or case.dtypes[0]
    for shape_set in (shapes or case.all_shapes()):
        xs = [random_input(s, dt, case.domain, rng) for s in shape_set]
        singles = [random_input(s, dt, case.domain, rng) for s in shape_set]
        for where in ("front", "middle", "last", "none"):
            in_axes, args, per_example = [], [], [[] for _ in range(batch)]
            for i, (x, one) in enumerate(zip(xs, singles)):
                if where == "none" and i > 0:
                    in_axes.append(None)
                    args.append(mx.array(one, dtype=getattr(mx, dt)))
                    for b in range(batch):
                        per_example[b].append(mx.array(one, dtype=getattr(mx, dt)))
                    continue
                ax = {"front": 0, "middle": x.ndim // 2, "last": x.ndim, "none": 0}[where]
                stacked = np.stack([x + k for k in range(batch)], axis=ax).astype(x.dtype)
                in_axes.append(-1 if where == "last" else ax)
                args.append(mx.array(stacked, dtype=getattr(mx, dt)))
                for b in range(batch):
                    per_example[b].append(mx.array(np.take(stacked, b, axis=ax), dtype=getattr(mx, dt)))
            what = f"{case} vmap dtype={dt} shapes={shape_set} axes={where}"
            got = mx.vmap(f, in_axes=tuple(in_axes))(*args)
            want = np.stack([np.asarray(f(*pe)) for pe in per_example])
            out_name = str(got.dtype).split(".")[-1]
            assert_close(got, want, out_name, case.tol, what)
        # nested: two batch axes (2 outer, batch inner), all arguments mapped
        if all(len(s) >= 0 for s in shape_set):
            outer = [np.stack([np.stack([x + k + 10 * j for k in range(batch)]) for j in range(2)]).astype(x.dtype)
                     for x in xs]
            args = [mx.array(o, dtype=getattr(mx, dt)) for o in outer]
            got = mx.vmap(mx.vmap(f))(*args)
            want = np.stack([np.stack([np.asarray(f(*[mx.array(o[j, k], dtype=getattr(mx, dt)) for o in outer]))
                                       for k in range(batch)]) for j in range(2)])
            assert_close(got, want, str(got.dtype).split(".")[-1], case.tol, f"{case} nested vmap shapes={shape_set}")


def _chain_inputs(case, rng):
    """Inputs in (0, 1) for the case's first shape set of arrays with at least one
    axis and two elements (an op over a 0-d input or a length-1 axis may have an
    infinite derivative, e.g. std), or None when the case takes no float32 input
    or makes a complex result."""
    if "float32" not in case.dtypes:
        return None
    for shapes in case.all_shapes():
        if all(len(s) >= 1 and 0 not in s and int(np.prod(s)) >= 2 for s in shapes):
            xs = [mx.array(rng.uniform(0.0, 1.0, size=s).astype(np.float32)) for s in shapes]
            out = case.fn()(*xs)
            outs = out if isinstance(out, (list, tuple)) else [out]
            if any(mx.issubdtype(o.dtype, mx.complexfloating) for o in outs):
                return None
            return xs
    return None


def _deep_plan(cases, seed):
    rng = np.random.default_rng(seed)
    plan = []
    for case in cases:
        xs = _chain_inputs(case, rng)
        if xs is not None:
            plan.append((case, xs))
    assert plan, "no case of the family takes float32 inputs"
    return plan


def _deep_chain_fn(plan, nodes):
    """chain(c) -> (c', steps): nodes // 10 steps of about ten graph nodes each."""

    def chain(c):
        steps = 0
        for k in range(nodes // 10):
            case, xs = plan[k % len(plan)]
            lo, hi = case.domain
            out = case.fn()(*[lo + (hi - lo) * (x + c) for x in xs])
            outs = out if isinstance(out, (list, tuple)) else [out]
            total = 0.0
            for o in outs:
                o = o.astype(mx.float32)
                total = total + mx.sum(mx.where(mx.isfinite(o), o, 0.0))
            c = total * 0.0 + c
            steps += 1
        return c, steps

    return chain


def _check_deep_dumps(c, nodes):
    """The pending chain is as deep as asked, and its dumps are bounded (elided) text
    made without evaluating anything."""
    assert mx.graph_stats(c).depth >= nodes, f"depth {mx.graph_stats(c).depth} < {nodes}"
    dot, text = io.StringIO(), io.StringIO()
    mx.export_to_dot(dot, c)
    mx.print_graph(c, file=text)
    assert dot.getvalue().startswith("digraph") and dot.getvalue().count("\n") < 10_000
    assert 0 < text.getvalue().count("\n") < 10_000
    assert mx.graph_stats(c).depth >= nodes  # the dumps evaluated nothing


def check_deep_chain(cases, nodes=100_000, seed=0):
    """A chain at least `nodes` graph nodes deep cycling through the ops of one family.

    Step k applies case k mod m to its inputs shifted by the running scalar c and
    mapped into the case's domain, then c = sum(finite part of the result) * 0 + c.
    The value of c stays exactly c0 and d c / d c0 is exactly 1 (the zero kills
    every other path), so eval, grad and vmap of a graph as deep as `nodes` are
    checked against closed forms; any recursion over the graph overflows the stack.
    Returns the number of ops of the family the chain applied."""
    chain = _deep_chain_fn(_deep_plan(cases, seed), nodes)
    c0 = mx.array(0.0)
    c, steps = chain(c0)
    assert c.item() == 0.0
    g = mx.grad(lambda c_: chain(c_)[0])(c0)
    assert g.item() == 1.0, f"d c / d c0 = {g.item()} through {steps} ops"
    v = mx.vmap(lambda c_: chain(c_)[0])(mx.array([0.0, 0.0, 0.0]))
    np.testing.assert_array_equal(np.asarray(v), np.zeros(3, np.float32))
    return steps


def check_deep_chain_tools(cases, nodes=100_000, seed=0):
    """The chain of check_deep_chain (give it the cases of every family) through the
    graph tools: it is at least `nodes` deep, dumps as bounded DOT and text without
    evaluating, is dropped pending, and compiles (traced, then replayed on a new input)
    to its closed form. Returns the number of ops the chain applied."""
    chain = _deep_chain_fn(_deep_plan(cases, seed), nodes)
    c0 = mx.array(0.0)
    pending, steps = chain(c0)
    _check_deep_dumps(pending, nodes)
    del pending  # freed unevaluated
    gc.collect()
    f = mx.compile(lambda c_: chain(c_)[0])
    assert f(c0).item() == 0.0
    assert f(mx.array(2.0 ** -12)).item() == 2.0 ** -12  # replayed with a new input
    return steps
