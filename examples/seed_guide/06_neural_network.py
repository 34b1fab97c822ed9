"""The guide's neural-network block: model computations stay lazy until eval.

`mx.relu` and `mx.value_and_grad(model, loss_fn)` (the module first) are spellings
mxgraph accepts beyond MLX, whose own are `nn.relu` and `nn.value_and_grad`. The
guide stops after building `loss_and_grad_fn`; this script then calls it once on a
small random batch and evaluates.
"""

import mxgraph.core as mx
import mxgraph.nn as nn

class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear1 = nn.Linear(10, 20)
        self.linear2 = nn.Linear(20, 5)

    def __call__(self, x):
        x = self.linear1(x)
        x = mx.relu(x)
        x = self.linear2(x)
        return x

model = SimpleModel()

def loss_fn(model, x, y):
    return mx.mean(mx.square(model(x) - y))

# All model computations are lazy until eval()
loss_and_grad_fn = mx.value_and_grad(model, loss_fn)

# Added: one call on a random batch; nothing is computed until mx.eval.
x = mx.random.normal((8, 10))
y = mx.random.normal((8, 5))
loss, grads = loss_and_grad_fn(model, x, y)
mx.eval(loss, grads)
print(f"loss: {loss.item():.4f}")
print("gradient shapes:", {layer: {k: g.shape for k, g in p.items()} for layer, p in grads.items()})
