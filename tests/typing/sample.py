"""A typed program over mxgraph's public API: tests/python/test_stubs.py runs it and checks
it with mypy, which must find no error and must infer the types that assert_type names
(so the extension's stubs are used, not an Any that accepts everything)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import mxgraph.core as mx
import mxgraph.nn as nn
import mxgraph.optimizers as optim
from mxgraph.utils import tree_flatten

if TYPE_CHECKING:
    from typing import assert_type  # Python 3.11; mypy reads it on any version it targets
else:
    def assert_type(value: Any, _type: Any) -> Any:
        return value


def affine(x: mx.array, w: mx.array, b: mx.array) -> mx.array:
    return x @ w + b


def loss_fn(model: nn.Module, x: mx.array, y: mx.array) -> mx.array:
    return nn.losses.mse_loss(model(x), y)


def train(steps: int) -> float:
    mx.random.seed(0)
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    opt = optim.SGD(learning_rate=0.1)
    x = mx.random.normal((16, 4))
    y = mx.sum(x, axis=1, keepdims=True)
    step: Callable[..., Any] = nn.value_and_grad(model, loss_fn)
    loss = mx.array(0.0)
    for _ in range(steps):
        loss, grads = step(model, x, y)
        opt.update(model, grads)
        mx.eval(model.parameters(), opt.state)
    return loss.item()


def main() -> None:
    a = mx.arange(6, dtype=mx.float32).reshape(2, 3)
    assert_type(a, mx.array)
    assert_type(a.shape, tuple[int, ...])
    assert_type(a.dtype, mx.Dtype)
    assert_type(a.ndim, int)
    b = mx.exp(a) * 2.0 - a
    assert_type(b, mx.array)
    c = affine(a, mx.ones((3, 2)), mx.zeros((2,)))
    assert_type(mx.matmul(a, a.T), mx.array)
    stats = mx.graph_stats(c)
    assert_type(stats.pending_nodes, int)
    mx.eval(b, c)
    assert c.shape == (2, 2) and c.dtype == mx.float32
    g = mx.grad(lambda t: mx.sum(mx.sin(t)))(a)
    assert mx.allclose(g, mx.cos(a)).item()
    k = mx.random.key(1)
    assert_type(mx.random.uniform(shape=(3,), key=k), mx.array)
    assert_type(mx.default_stream(mx.cpu), mx.Stream)
    s = mx.add(a, 1, stream=mx.cpu)
    assert_type(s, mx.array)
    n_params = sum(v.size for _, v in tree_flatten(nn.Linear(3, 2).parameters()))
    assert n_params == 8
    first = train(2)
    last = train(30)
    assert last < first, (first, last)
    print("typed sample: ok")


if __name__ == "__main__":
    main()
