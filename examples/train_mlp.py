"""Trains a small MLP on scikit-learn's 8x8 handwritten digits with mxgraph.

    python3 examples/train_mlp.py                 # 20 epochs, about 97% test accuracy
    python3 examples/train_mlp.py --epochs 3      # quicker
    python3 examples/train_mlp.py --dot step.dot  # also write one training step's graph
    python3 examples/train_mlp.py --export-model DIR  # model.mxfn + test set, for examples/c
    python3 examples/train_mlp.py --epochs 0 --export-step step.mxfn
                                                  # export one training step (see below)

The digits (1,797 images of 8x8 pixels, bundled with scikit-learn, so no download)
are standardised with the training set's mean and deviation and split 75/25 into
training and test sets. Each minibatch builds the loss, its gradient
(`nn.value_and_grad`) and the optimizer's update as one lazy graph, which
`mx.eval(model.parameters(), optimizer.state)` computes once per batch. The code is
MLX's: swapping the mxgraph imports for mlx ones runs it on MLX.

`--export-step FILE` writes one training step, the loss, its gradient and an SGD
update as a pure function `(params, X, y) -> (loss, new_params)`, with
`mx.export_function`; `mxgraph dump FILE -o step.svg` draws it (README, "The graph
of a training step") and `mxgraph run` runs it.
"""

import argparse
import sys
import time

import numpy as np

import mxgraph.core as mx
import mxgraph.nn as nn
import mxgraph.optimizers as optim
from mxgraph.utils import tree_flatten, tree_map


class MLP(nn.Module):
    """Linear layers with ReLU between them."""

    def __init__(self, sizes):
        super().__init__()
        self.layers = [nn.Linear(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]

    def __call__(self, x):
        for layer in self.layers[:-1]:
            x = nn.relu(layer(x))
        return self.layers[-1](x)


def loss_fn(model, X, y):
    return nn.losses.cross_entropy(model(X), y, reduction="mean")


def accuracy(model, X, y):
    return mx.mean(mx.argmax(model(X), axis=1) == y).item()


def load_data(seed):
    """(X_train, y_train, X_test, y_test) as NumPy arrays, standardised."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    X = digits.data.astype(np.float32)
    y = digits.target.astype(np.int32)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=seed, stratify=y)
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0) + 1e-6  # some border pixels are always 0
    return (X_train - mean) / std, y_train, (X_test - mean) / std, y_test


def batches(X, y, batch_size, rng):
    """Shuffled minibatches as mxgraph arrays."""
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        idx = order[start:start + batch_size]
        yield mx.array(X[idx]), mx.array(y[idx])


def write_dot(path, loss, model, X, y):
    """Writes the pending graph of one training step (call before it is evaluated)."""
    params = [p for _, p in tree_flatten(model.parameters())]
    mx.export_to_dot(path, loss, *params, X=X, y=y)


def export_model(folder, model, X_test, y_test):
    """Writes the trained model's inference function (logits of a batch of any size)
    as DIR/model.mxfn and the test set as DIR/x_test.npy, DIR/y_test.npy."""
    import os

    os.makedirs(folder, exist_ok=True)
    mx.export_function(os.path.join(folder, "model.mxfn"), lambda x: model(x),
                       x=mx.array(X_test), shapeless=True, metadata="train_mlp.py digits MLP")
    np.save(os.path.join(folder, "x_test.npy"), X_test.astype(np.float32))
    np.save(os.path.join(folder, "y_test.npy"), y_test.astype(np.int32))


def export_step(path, model, loss_and_grad, X, y, lr):
    """Exports one SGD step on the batch (X, y) as (params, X, y) -> (loss, new_params)."""
    params = model.parameters()

    def step(params, X, y):
        model.update(params)
        loss, grads = loss_and_grad(model, X, y)
        return loss, tree_map(lambda p, g: p - lr * g, params, grads)

    mx.export_function(path, step, params, X, y)
    model.update(params)  # the trace left placeholders in the model


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--hidden", type=int, default=128, help="units in each of the two hidden layers")
    p.add_argument("--lr", type=float, default=1e-3, help="Adam's learning rate")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--dot", metavar="FILE", help="write the graph of the first training step as DOT")
    p.add_argument("--export-model", metavar="DIR",
                   help="write model.mxfn (inference) and the test set as .npy to DIR")
    p.add_argument("--export-step", metavar="FILE",
                   help="export one SGD training step (params, X, y) -> (loss, new params) as .mxfn")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = p.parse_args(argv)

    from tqdm import tqdm

    mx.random.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    X_train, y_train, X_test, y_test = load_data(args.seed)
    model = MLP([X_train.shape[1], args.hidden, args.hidden, 10])
    mx.eval(model.parameters())
    optimizer = optim.Adam(learning_rate=args.lr)
    loss_and_grad = nn.value_and_grad(model, loss_fn)

    if args.export_step:
        X0, y0 = next(batches(X_train, y_train, args.batch_size, np.random.default_rng(args.seed)))
        export_step(args.export_step, model, loss_and_grad, X0, y0, args.lr)
        print(f"exported one training step to {args.export_step}")

    steps_per_epoch = -(-len(X_train) // args.batch_size)
    start = time.perf_counter()
    bar = tqdm(total=args.epochs * steps_per_epoch, unit="batch", disable=args.no_progress)
    for epoch in range(args.epochs):
        for step, (X, y) in enumerate(batches(X_train, y_train, args.batch_size, rng)):
            loss, grads = loss_and_grad(model, X, y)
            optimizer.update(model, grads)  # still lazy: the new parameters are a graph
            if args.dot and epoch == 0 and step == 0:
                write_dot(args.dot, loss, model, X, y)
            mx.eval(model.parameters(), optimizer.state)  # once per batch
            bar.update(1)
        # The loss is not among what was evaluated: reading it costs one small
        # evaluation, so only the epoch's last batch loss is shown.
        bar.set_postfix(epoch=epoch + 1, loss=f"{loss.item():.3f}")
    bar.close()
    seconds = time.perf_counter() - start

    if args.dot:
        print(f"wrote the graph of the first training step to {args.dot}")
    train_acc = accuracy(model, mx.array(X_train), mx.array(y_train))
    test_acc = accuracy(model, mx.array(X_test), mx.array(y_test))
    print(f"trained {args.epochs} epochs in {seconds:.1f} s; train accuracy {100 * train_acc:.2f}%")
    print(f"test accuracy: {100 * test_acc:.2f}% ({len(X_test)} test digits)")
    if args.export_model:
        export_model(args.export_model, model, X_test, y_test)
        print(f"wrote the model and the test set to {args.export_model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
