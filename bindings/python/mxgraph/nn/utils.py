"""value_and_grad over a model's trainable parameters; average_gradients (``mlx.nn.utils``
spells it here too)."""

from functools import wraps
from typing import Callable

import mxgraph.core as mx
from mxgraph.nn.distributed_utils import average_gradients  # noqa: F401  (mlx.nn.utils's)
from mxgraph.nn.layers.base import Module


def value_and_grad(model: Module, fn: Callable):
    """Returns f(*args, **kwargs) -> (fn(*args, **kwargs), gradient), the gradient
    taken with respect to model.trainable_parameters() (a tree shaped like them).

    While fn runs the model holds the traced parameters, as in MLX.
    """

    def with_params(params, *args, **kwargs):
        model.update(params)
        return fn(*args, **kwargs)

    vg = mx.value_and_grad(with_params)

    @wraps(fn)
    def wrapped(*args, **kwargs):
        return vg(model.trainable_parameters(), *args, **kwargs)

    return wrapped
