"""The array API, name for name with ``mlx.core``: ``import mxgraph.core as mx``."""

from mxgraph._core import *  # noqa: F401,F403
from mxgraph._core import array, Device, DeviceType, Stream, Dtype, DtypeCategory  # noqa: F401
from mxgraph.core._stream import stream  # noqa: F401

cpu = DeviceType.cpu
gpu = DeviceType.gpu
from mxgraph.core._transforms import grad, jvp, value_and_grad, vjp  # noqa: F401,E402
