"""One training step of an MLP 784-512-512-10 (batch 256, cross-entropy, plain SGD):
mxgraph against PyTorch CPU and MLX, side by side.

    python3 benchmarks/bench_train.py                  # 21 repeats after 3 warm-up steps
    python3 benchmarks/bench_train.py --repeats 51 --torch-threads 1

A step is the forward pass, the loss, its gradient, the optimizer's update and the
evaluation of the new parameters (`mx.eval(model.parameters(), optimizer.state)` for
mxgraph and MLX, which share the code below; `loss.backward(); opt.step()` for
PyTorch). All frameworks start from the same weights, and each one's first step is
checked against a NumPy float64 reference (the loss and the updated weights), so a
fast wrong answer cannot win. The table shows median and minimum times and the ratio
mxgraph/other (below 1: mxgraph is faster). A column is skipped when its framework
does not import (`pip install torch`, `pip install "mlx[cpu]"`; mxgraph's needs
mxgraph.nn and mxgraph.optimizers). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which
some machines set, slow mxgraph's OpenBLAS matmul; the script notes them when set.
"""

import argparse
import os
import platform

import numpy as np

from cases import mx_like_mlp
from timing import time_runs

SIZES = [784, 512, 512, 10]


def init_weights(seed):
    """[(W, b), ...] in float32, W of shape (out, in), uniform in +-1/sqrt(in)."""
    rng = np.random.default_rng(seed)
    layers = []
    for n_in, n_out in zip(SIZES[:-1], SIZES[1:]):
        bound = 1 / np.sqrt(n_in)
        layers.append((rng.uniform(-bound, bound, (n_out, n_in)).astype(np.float32),
                       rng.uniform(-bound, bound, (n_out,)).astype(np.float32)))
    return layers


def reference_step(layers, X, y, lr):
    """(loss, updated layers) of one SGD step, in float64 NumPy."""
    acts = [X.astype(np.float64)]
    pre = []
    for i, (W, b) in enumerate(layers):
        z = acts[-1] @ W.T.astype(np.float64) + b
        pre.append(z)
        acts.append(np.maximum(z, 0) if i < len(layers) - 1 else z)
    logits = acts[-1]
    shifted = logits - logits.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    n = len(y)
    loss = -logp[np.arange(n), y].mean()
    d = np.exp(logp)
    d[np.arange(n), y] -= 1
    d /= n
    new = [None] * len(layers)
    for i in reversed(range(len(layers))):
        W, b = layers[i]
        new[i] = (W - lr * (d.T @ acts[i]), b - lr * d.sum(axis=0))
        if i:
            d = (d @ W.astype(np.float64)) * (pre[i - 1] > 0)
    return loss, new


def make_mx_like(mx, nn, optim, tree_unflatten, layers, X_np, y_np, lr):
    """mxgraph and MLX run the same code: MLP, nn.value_and_grad, optim.SGD."""
    model, optimizer, loss_and_grad = mx_like_mlp(mx, nn, optim, tree_unflatten, SIZES, layers, lr)
    X, y = mx.array(X_np), mx.array(y_np)
    mx.eval(X, y)

    def step():
        loss, grads = loss_and_grad(model, X, y)
        optimizer.update(model, grads)
        mx.eval(loss, model.parameters(), optimizer.state)
        return loss

    def weights():
        return [(np.array(l.weight), np.array(l.bias)) for l in model.layers]

    return step, weights


def make_mxgraph(layers, X, y, lr, threads):
    import mxgraph
    import mxgraph.core as mx
    import mxgraph.nn as nn
    import mxgraph.optimizers as optim
    from mxgraph.utils import tree_unflatten

    step, weights = make_mx_like(mx, nn, optim, tree_unflatten, layers, X, y, lr)
    return step, weights, f"mxgraph {mxgraph.__version__}"


def make_mlx(layers, X, y, lr, threads):
    import mlx.core as mx
    import mlx.nn as nn
    import mlx.optimizers as optim
    from mlx.utils import tree_unflatten

    step, weights = make_mx_like(mx, nn, optim, tree_unflatten, layers, X, y, lr)
    return step, weights, f"mlx {mx.__version__}"


def make_torch(layers, X_np, y_np, lr, threads):
    import torch

    if threads:
        torch.set_num_threads(threads)
    mods = []
    for i, (W, b) in enumerate(layers):
        lin = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W))
            lin.bias.copy_(torch.from_numpy(b))
        mods.append(lin)
        if i < len(layers) - 1:
            mods.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*mods)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    X, y = torch.from_numpy(X_np), torch.from_numpy(y_np.astype(np.int64))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(X), y)
        loss.backward()
        opt.step()
        return loss.detach()

    def weights():
        return [(m.weight.detach().numpy().copy(), m.bias.detach().numpy().copy())
                for m in model if isinstance(m, torch.nn.Linear)]

    return step, weights, f"torch {torch.__version__} ({torch.get_num_threads()} threads)"


FRAMEWORKS = [("mxgraph", make_mxgraph), ("torch", make_torch), ("mlx", make_mlx)]


def check(name, step, weights, want_loss, want_layers):
    loss = float(step())
    if abs(loss - want_loss) > 1e-4 * max(1.0, abs(want_loss)):
        raise SystemExit(f"{name}: first-step loss {loss} differs from NumPy's {want_loss}")
    for i, ((W, b), (want_W, want_b)) in enumerate(zip(weights(), want_layers)):
        for got, want, what in ((W, want_W, "weight"), (b, want_b, "bias")):
            if not np.allclose(got, want, rtol=1e-4, atol=1e-5):
                err = np.max(np.abs(got - want))
                raise SystemExit(f"{name}: layer {i} {what} after one step differs from NumPy's "
                                 f"(max error {err:.3g})")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--repeats", type=int, default=21)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--torch-threads", type=int, default=None,
                   help="torch.set_num_threads (on a loaded machine 1 gives steadier medians)")
    args = p.parse_args(argv)

    layers = init_weights(args.seed)
    rng = np.random.default_rng(args.seed + 1)
    X = rng.standard_normal((args.batch, SIZES[0])).astype(np.float32)
    y = rng.integers(0, SIZES[-1], args.batch).astype(np.int32)
    want_loss, want_layers = reference_step(layers, X, y, args.lr)

    print(f"MLP {'-'.join(map(str, SIZES))}, batch {args.batch}, SGD lr {args.lr}; "
          f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"numpy {np.__version__}")
    slow = [k for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ]
    if slow:
        # These make OpenBLAS (mxgraph's matmul) pick slower kernels.
        print(f"note: {' and '.join(f'{k}={os.environ[k]}' for k in slow)} are set; a fair run unsets "
              f"them: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/bench_train.py")
    results = {}
    for name, make in FRAMEWORKS:
        try:
            step, weights, version = make(layers, X, y, args.lr, args.torch_threads)
        except ImportError as e:
            print(f"({name} not importable: {e}; its column is skipped)")
            continue
        check(name, step, weights, want_loss, want_layers)
        results[name] = (version, *time_runs(step, args.repeats, args.warmup)[:2])

    print(f"\n{'framework':<40} {'median ms':>10} {'min ms':>8} {'steps/s':>8} {'mxgraph/this':>13}")
    base = results.get("mxgraph")
    for name, (version, med, best) in results.items():
        ratio = f"{base[1] / med:.2f}" if base else "-"
        print(f"{version:<40} {med * 1e3:>10.2f} {best * 1e3:>8.2f} {1 / med:>8.1f} {ratio:>13}")
    if base is None:
        print("(no mxgraph column, so no ratios)")
    else:
        print("(median step times; mxgraph/this below 1: mxgraph is faster)")


if __name__ == "__main__":
    main()
