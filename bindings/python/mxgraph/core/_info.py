"""``finfo`` / ``iinfo``: machine limits of the floating and integer dtypes, as in
``mlx.core``. Values are plain Python numbers computed from each format's bits."""

import sys as _sys

from mxgraph._core import Dtype as _Dtype
from mxgraph._core import array as _array

__all__ = ["finfo", "iinfo"]

# name -> (bits, significand bits after the point, largest exponent, smallest normal exponent)
_FLOAT_FORMATS = {
    "float16": (16, 10, 15, -14),
    "bfloat16": (16, 7, 127, -126),
    "float32": (32, 23, 127, -126),
    "float64": (64, 52, 1023, -1022),
}
_INT_BITS = {"int8": 8, "int16": 16, "int32": 32, "int64": 64,
             "uint8": 8, "uint16": 16, "uint32": 32, "uint64": 64}


def _dtype_arg(dtype, who):
    if isinstance(dtype, _array):
        dtype = dtype.dtype
    if not isinstance(dtype, _Dtype):
        raise TypeError(f"[{who}] Expected a Dtype, got {type(dtype).__name__}.")
    return dtype, repr(dtype).rsplit(".", 1)[-1]


def _dtype_named(name):
    import mxgraph.core as mx
    return getattr(mx, name)


class finfo:
    """Machine limits of a floating-point dtype, as NumPy's ``finfo``: ``min``, ``max``,
    ``eps``, ``tiny`` (the smallest normal number, also ``smallest_normal``), ``bits``
    and ``dtype``. complex64 reports its float32 parts.

    Args:
        dtype (Dtype): A floating or complex dtype.

    Example:
        >>> mx.finfo(mx.float16).max
        65504.0
        >>> mx.finfo(mx.float32).eps
        1.1920928955078125e-07
    """

    def __init__(self, dtype):
        dtype, name = _dtype_arg(dtype, "finfo")
        if name == "complex64":
            name = "float32"
        if name not in _FLOAT_FORMATS:
            raise ValueError(f"[finfo] {name} is not a floating dtype. Use iinfo for integers.")
        bits, mant, emax, emin = _FLOAT_FORMATS[name]
        self.dtype = _dtype_named(name)
        self.bits = bits
        self.eps = 2.0 ** -mant
        self.max = _sys.float_info.max if name == "float64" else (2.0 - 2.0 ** -mant) * 2.0 ** emax
        self.min = -self.max
        self.tiny = self.smallest_normal = 2.0 ** emin
        self.resolution = 10.0 ** -int(mant * 0.30102999566398120)

    def __repr__(self):
        name = repr(self.dtype).rsplit(".", 1)[-1]
        return f"finfo(min={self.min:g}, max={self.max:g}, eps={self.eps:g}, dtype={name})"


class iinfo:
    """Limits of an integer dtype, as NumPy's ``iinfo``: ``min``, ``max``, ``bits`` and
    ``dtype``.

    Args:
        dtype (Dtype): An integer dtype.

    Example:
        >>> mx.iinfo(mx.int8).min, mx.iinfo(mx.int8).max
        (-128, 127)
    """

    def __init__(self, dtype):
        dtype, name = _dtype_arg(dtype, "iinfo")
        if name not in _INT_BITS:
            raise ValueError(f"[iinfo] {name} is not an integer dtype. Use finfo for floats.")
        self.dtype = dtype
        self.bits = _INT_BITS[name]
        unsigned = name.startswith("u")
        self.min = 0 if unsigned else -(2 ** (self.bits - 1))
        self.max = 2 ** self.bits - 1 if unsigned else 2 ** (self.bits - 1) - 1

    def __repr__(self):
        name = repr(self.dtype).rsplit(".", 1)[-1]
        return f"iinfo(min={self.min}, max={self.max}, dtype={name})"
