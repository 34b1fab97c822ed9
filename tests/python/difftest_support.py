"""Shared by the differential tests (test_difftest_ops.py, test_difftest_transforms.py):
hypothesis settings profiles, edge values and input layouts.

Profiles: "ci" (the default in pytest: few examples per op, derandomized, so CI is
reproducible and bounded) and "long" (scripts/difftest.sh: many examples, random
seeds, failures kept in the example database). MXGRAPH_DIFFTEST_PROFILE picks one;
MXGRAPH_DIFFTEST_EXAMPLES overrides the example count of either."""

import os

import numpy as np
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import mxgraph.core as mx

_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
             HealthCheck.function_scoped_fixture]
_EXAMPLES = os.environ.get("MXGRAPH_DIFFTEST_EXAMPLES")
settings.register_profile("ci", max_examples=int(_EXAMPLES or 12), deadline=None, derandomize=True,
                          database=None, suppress_health_check=_SUPPRESS, print_blob=True)
settings.register_profile("long", max_examples=int(_EXAMPLES or 400), deadline=None,
                          suppress_health_check=_SUPPRESS, print_blob=True)
settings.load_profile(os.environ.get("MXGRAPH_DIFFTEST_PROFILE", "ci"))


def scaled(n):
    """n examples in the ci profile, proportionally more in the long one."""
    return max(1, n * settings().max_examples // 12)


FLOATS = ("float16", "bfloat16", "float32", "float64")


def edge_values(dtype):
    """The values most likely to expose a difference: NaN, the infinities, signed
    zeros, denormals, the extremes; the integer extremes for integer dtypes."""
    if dtype == "bool":
        return [True, False]
    if dtype == "complex64":
        r = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, 1e-40]
        return [complex(a, b) for a in r for b in r[:5]]
    if dtype in FLOATS:
        fi = np.finfo(np.float16 if dtype == "float16" else np.float64 if dtype == "float64" else np.float32)
        big = 3.3895313892515355e38 if dtype == "bfloat16" else float(fi.max)
        tiny = 9.183549615799121e-41 if dtype == "bfloat16" else float(fi.smallest_subnormal)
        return [np.nan, np.inf, -np.inf, 0.0, -0.0, tiny, -tiny, float(fi.smallest_normal), big, -big,
                1.0, -1.0, 0.5]
    info = np.iinfo(dtype)
    return sorted({int(info.min), int(info.min) + 1, -1 if info.min < 0 else 2, 0, 1, int(info.max)})


def np_dtype(dtype):
    return np.float32 if dtype == "bfloat16" else np.dtype(dtype)


def mx_dtype(dtype):
    return getattr(mx, dtype)


def round_to(x, dtype):
    """x rounded to what `dtype` can hold (bfloat16 through mxgraph's conversion)."""
    if dtype != "bfloat16":
        return np.asarray(x).astype(np_dtype(dtype))
    return np.asarray(mx.array(np.asarray(x, np.float32), dtype=mx.bfloat16).astype(mx.float32))


@st.composite
def values(draw, shape, dtype, domain=(-2.0, 2.0), edges=True):
    """A NumPy array of `shape` in `dtype`: uniform in `domain`, with (when `edges`)
    some elements replaced by edge values; edges="finite" keeps only the finite ones,
    "no_max" all but the largest finite magnitudes."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    lo, hi = domain
    if dtype == "bool":
        x = rng.random(shape) > 0.5
    elif dtype in FLOATS or dtype == "complex64":
        x = rng.uniform(lo, hi, size=shape)
        if dtype == "complex64":
            x = x + 1j * rng.uniform(lo, hi, size=shape)
    else:
        info = np.iinfo(dtype)
        lo_i, hi_i = max(int(np.floor(lo)), int(info.min)), min(int(np.ceil(hi)), int(info.max))
        x = rng.integers(lo_i, hi_i + 1, size=shape, dtype=np.int64 if info.min < 0 else np.uint64)
    x = np.asarray(x).astype(np_dtype(dtype) if dtype != "complex64" else np.complex64)
    if edges and x.size and draw(st.booleans()):
        pool = edge_values(dtype)
        if edges == "finite":
            pool = [v for v in pool if np.isfinite(v)]
        elif edges == "no_max" and dtype in FLOATS:
            pool = pool[:8] + pool[10:]  # leaves out +-max
        pool = np.array(pool, dtype=object)
        mask = rng.random(x.shape) < draw(st.sampled_from([0.2, 0.5, 1.0]))
        picks = pool[rng.integers(0, len(pool), size=x.shape)]
        x = np.where(mask, picks, x).astype(x.dtype)
    return round_to(x, dtype) if dtype == "bfloat16" else x


LAYOUTS = ("contiguous", "transposed", "strided", "reversed", "broadcast", "offset")


def to_mx(x, dtype, layout):
    """(the NumPy values, an mx array holding them in `layout`): transposed storage,
    every other row of a bigger array, a reversed view, a broadcast (zero-stride) view
    of the last axis' first column, or a view at a non-zero offset."""
    mdt = mx_dtype(dtype)
    if layout == "transposed" and x.ndim >= 2:
        return x, mx.swapaxes(mx.array(np.ascontiguousarray(np.swapaxes(x, 0, -1)), dtype=mdt), 0, -1)
    if layout == "strided" and x.ndim >= 1:
        big = np.repeat(x, 2, axis=0)
        return x, mx.array(big, dtype=mdt)[::2]
    if layout == "reversed" and x.ndim >= 1:
        return x, mx.array(np.ascontiguousarray(x[::-1]), dtype=mdt)[::-1]
    if layout == "broadcast" and x.ndim >= 1 and x.shape[-1] >= 1:
        col = x[..., :1]
        return np.ascontiguousarray(np.broadcast_to(col, x.shape)), mx.broadcast_to(mx.array(col, dtype=mdt), x.shape)
    if layout == "offset" and x.ndim >= 1:
        big = np.concatenate([x[:1], x], axis=0) if x.shape[0] else x
        return x, mx.array(big, dtype=mdt)[1:] if x.shape[0] else mx.array(x, dtype=mdt)
    return x, mx.array(x, dtype=mdt)


def dtype_name(a):
    return str(a.dtype).split(".")[-1]
