"""The array API, name for name with ``mlx.core``: ``import mxgraph.core as mx``."""

import sys as _sys
import types as _types

from mxgraph import _core
from mxgraph._core import *  # noqa: F401,F403
from mxgraph._core import array, Device, DeviceType, Stream, Dtype, DtypeCategory  # noqa: F401
from mxgraph._core import _array_str, _eval_counters, _reset_eval_counters  # noqa: F401
from mxgraph.core._stream import stream  # noqa: F401
from mxgraph.core import cuda, metal  # noqa: F401
from mxgraph.core._info import finfo, iinfo  # noqa: F401

__version__ = _core.__version__
cpu = DeviceType.cpu
gpu = DeviceType.gpu

# Constants, as in mlx.core.
e = 2.718281828459045
pi = 3.141592653589793
euler_gamma = 0.5772156649015329
inf = float("inf")
nan = float("nan")
newaxis = None

# Submodules of the extension (random, linalg, fft, ...) import as mxgraph.core.<name>,
# as `import mlx.core.random` does in MLX.
for _name in dir(_core):
    _mod = getattr(_core, _name)
    if isinstance(_mod, _types.ModuleType) and not _name.startswith("_"):
        _sys.modules.setdefault(f"{__name__}.{_name}", _mod)
        globals()[_name] = _mod
del _name, _mod

from mxgraph.core._transforms import grad, jvp, value_and_grad, vjp  # noqa: F401,E402
from mxgraph.core._custom import checkpoint, custom_function  # noqa: F401,E402
from mxgraph.core._depends import depends  # noqa: F401,E402
from mxgraph.core._vmap import vmap  # noqa: F401,E402
from mxgraph.core._export import FunctionExporter, export_function, exporter, import_function  # noqa: F401,E402
from mxgraph.core._compile import compile  # noqa: F401,E402
from mxgraph.core._evallog import (  # noqa: F401,E402
    EvalRecord, GraphThresholdWarning, ImplicitEvalError, ImplicitEvalWarning, eval_guard,
    eval_log, peak_memory_scope, set_graph_threshold,
)


def relu(x):
    """The rectified linear unit, ``max(x, 0)``, elementwise (``mlx.nn.relu``; the
    lazy-evaluation guide writes ``mx.relu``, and ``nn.relu`` is the same function).

    Args:
        x (array): Input array.

    Returns:
        array: ``maximum(x, 0)``.

    Example:
        >>> mx.relu(mx.array([-1.0, 0.0, 2.0]))
        array([0, 0, 2], dtype=float32)
    """
    return maximum(x, 0)  # noqa: F405


def __getattr__(name):
    # mx.optimizers (the guide uses it) is imported on first use: importing it here
    # would cycle (optimizers -> nn -> core) and put it in the core namespace.
    if name == "optimizers":
        import importlib

        return importlib.import_module("mxgraph.optimizers")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _fix_reprlib():
    # reprlib dispatches on the type's name and takes any "array" for array.array
    # (reading .typecode), which broke pytest's assertion output on our arrays.
    import reprlib

    stdlib_repr_array = reprlib.Repr.repr_array

    def repr_array(self, x, level):
        if isinstance(x, array):
            return self.repr_instance(x, level)
        return stdlib_repr_array(self, x, level)

    reprlib.Repr.repr_array = repr_array


_fix_reprlib()
