"""The guide's training loop: one mx.eval per batch.

The guide leaves `data_loader` and `loss_fn` undefined; this script adds a small
synthetic regression set (targets from a fixed linear map plus noise) and the
mean squared error. `mx.optimizers.SGD` and `mx.value_and_grad(loss_fn)(model, ...)`
(a Module as the differentiated argument) are spellings mxgraph accepts beyond MLX,
whose own are `mlx.optimizers.SGD` and `nn.value_and_grad(model, loss_fn)`.
"""

import numpy as np

import mxgraph.core as mx
import mxgraph.nn as nn

# Added: synthetic data, 4 batches of 16 samples, and the loss the guide uses elsewhere.
rng = np.random.default_rng(0)
true_w = rng.standard_normal((10, 5)).astype(np.float32)
data_loader = []
for _ in range(4):
    X = rng.standard_normal((16, 10)).astype(np.float32)
    Y = X @ true_w + 0.01 * rng.standard_normal((16, 5)).astype(np.float32)
    data_loader.append((mx.array(X), mx.array(Y)))


def loss_fn(model, x, y):
    return mx.mean(mx.square(model(x) - y))


# The guide's block.
model = nn.Linear(10, 5)
optimizer = mx.optimizers.SGD(learning_rate=0.01)

# Training loop - good placement of eval()
for epoch in range(100):
    for X_batch, y_batch in data_loader:
        loss, grads = mx.value_and_grad(loss_fn)(model, X_batch, y_batch)
        optimizer.update(model, grads)
        mx.eval(model.parameters(), optimizer.state)  # Once per batch

# Added: the loss over all batches after training.
total = sum(loss_fn(model, X, Y).item() for X, Y in data_loader) / len(data_loader)
print(f"final mean squared error: {total:.4f}")
