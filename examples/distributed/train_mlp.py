"""Data-parallel training of the digits MLP (examples/train_mlp.py) over N processes.

    mxgraph.launch -n 2 examples/distributed/train_mlp.py          # or:
    mpirun -np 2 python3 examples/distributed/train_mlp.py
    python3 examples/distributed/train_mlp.py                      # one process, same result

Every process builds the same model (same seed) and walks the same shuffled global
minibatches; rank r takes its share of each one (np.array_split, so shares may differ
by one row). Each rank's loss is its share's summed cross-entropy scaled by
size / global batch size, so `nn.average_gradients` yields exactly the gradient of
the global batch's mean loss: the same updates as one process on the whole batch, up
to float rounding. Only rank 0 prints.
"""

import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import mxgraph.core as mx  # noqa: E402
import mxgraph.nn as nn  # noqa: E402
import mxgraph.optimizers as optim  # noqa: E402
from train_mlp import MLP, accuracy, load_data  # noqa: E402


def shard_loss(model, X, y, scale):
    return nn.losses.cross_entropy(model(X), y, reduction="sum") * scale


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch-size", type=int, default=32, help="the global minibatch size")
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", metavar="FILE", help="rank 0 writes the final metrics here")
    args = p.parse_args(argv)

    group = mx.distributed.init()
    rank, size = group.rank(), group.size()
    mx.random.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    X_train, y_train, X_test, y_test = load_data(args.seed)
    model = MLP([X_train.shape[1], args.hidden, args.hidden, 10])
    mx.eval(model.parameters())
    optimizer = optim.Adam(learning_rate=args.lr)
    loss_and_grad = nn.value_and_grad(model, shard_loss)

    start = time.perf_counter()
    for epoch in range(args.epochs):
        order = rng.permutation(len(X_train))
        total = mx.array(0.0)  # this rank's share of the epoch's summed loss, lazily
        for lo in range(0, len(order), args.batch_size):
            batch = order[lo:lo + args.batch_size]
            mine = np.array_split(batch, size)[rank]
            X, y = mx.array(X_train[mine]), mx.array(y_train[mine])
            loss, grads = loss_and_grad(model, X, y, size / len(batch))
            grads = nn.average_gradients(grads, group=group)
            optimizer.update(model, grads)
            mx.eval(loss, model.parameters(), optimizer.state)
            total = total + loss * (len(batch) / size)
        total = mx.distributed.all_sum(total, group=group).item() / len(X_train)
        if rank == 0:
            print(f"epoch {epoch + 1}: mean training loss {total:.4f}", flush=True)
    seconds = time.perf_counter() - start

    test_acc = accuracy(model, mx.array(X_test), mx.array(y_test))
    if rank == 0:
        print(f"{size} process(es), {args.epochs} epochs in {seconds:.1f} s; "
              f"test accuracy: {100 * test_acc:.2f}%")
        if args.json:
            params = np.concatenate([np.array(v).ravel() for v in
                                     [l.weight for l in model.layers] + [l.bias for l in model.layers]])
            with open(args.json, "w") as f:
                json.dump({"size": size, "test_accuracy": test_acc,
                           "loss": total, "params": params.tolist()}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
