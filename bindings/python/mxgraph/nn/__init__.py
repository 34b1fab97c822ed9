"""Neural-network layers, activations and initializers with ``mlx.nn``'s API:
``import mxgraph.nn as nn``."""

from importlib.util import find_spec as _find_spec

from mxgraph.nn import init  # noqa: F401
from mxgraph.nn.layers import *  # noqa: F401,F403
from mxgraph.nn.layers.activations import (  # noqa: F401
    celu, elu, gelu, gelu_approx, gelu_fast_approx, glu, hard_shrink, hard_sigmoid, hard_tanh,
    hardswish, leaky_relu, log_sigmoid, log_softmax, mish, prelu, relu, relu2, relu6, selu,
    sigmoid, silu, softmax, softmin, softplus, softshrink, softsign, step, tanh,
)
from mxgraph.nn.utils import value_and_grad  # noqa: F401
from mxgraph.nn.distributed_utils import average_gradients  # noqa: F401

# losses.py is written separately; import it where it exists.
if _find_spec("mxgraph.nn.losses") is not None:
    from mxgraph.nn import losses  # noqa: F401
del _find_spec
