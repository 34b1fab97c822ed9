"""value_and_grad over a model's trainable parameters; average_gradients (``mlx.nn.utils``
spells it here too)."""

from functools import wraps
from typing import Callable

import mxgraph.core as mx
from mxgraph.nn.distributed_utils import average_gradients  # noqa: F401  (mlx.nn.utils's)
from mxgraph.nn.layers.base import Module


def value_and_grad(model: Module, fn: Callable):
    """Returns a function that computes ``fn``'s value and its gradient with respect to
    ``model.trainable_parameters()``. While ``fn`` runs, the model holds the traced
    parameters, as in MLX.

    Args:
        model (Module): The model whose trainable parameters to differentiate.
        fn (callable): ``fn(*args, **kwargs)``, returning a scalar loss (or a tuple
            whose first element is one).

    Returns:
        callable: ``f(*args, **kwargs) -> (value, gradients)``; ``gradients`` is a tree
        shaped like the trainable parameters.

    Example:
        >>> model = nn.Linear(2, 1)
        >>> loss_fn = lambda x: model(x).sum()
        >>> loss, grads = nn.value_and_grad(model, loss_fn)(mx.ones((4, 2)))
        >>> grads["weight"]
        array([[4, 4]], dtype=float32)
    """

    def with_params(params, *args, **kwargs):
        model.update(params)
        return fn(*args, **kwargs)

    vg = mx.value_and_grad(with_params)

    @wraps(fn)
    def wrapped(*args, **kwargs):
        return vg(model.trainable_parameters(), *args, **kwargs)

    return wrapped
