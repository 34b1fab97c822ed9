"""Sequential."""

from mxgraph.nn.layers.base import Module


class Sequential(Module):
    """Calls its modules (or any callables) in order, each on the previous one's output.

    Args:
        *modules (Module or callable): The layers, in order.

    Example:
        >>> model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
        >>> model(mx.zeros((3, 4))).shape
        (3, 2)
    """

    def __init__(self, *modules):
        super().__init__()
        self.layers = list(modules)

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
