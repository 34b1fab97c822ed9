"""Reverse-mode cost: value_and_grad of sum(sin(x) * x**2), mxgraph against PyTorch
CPU autograd and MLX, side by side.

    python3 benchmarks/bench_grad.py                  # 1M float32, 21 repeats
    python3 benchmarks/bench_grad.py --n 100000 --repeats 51
    python3 benchmarks/bench_grad.py --torch-threads 1

Each run computes the loss and its gradient from scratch (graph building, the
backward pass and evaluation included) after warm-up runs; the table shows the
median time and the ratio mxgraph/other (below 1: mxgraph is faster). The PyTorch
column appears when `import torch` works (`pip install torch`), the MLX column
when `import mlx.core` works (`pip install "mlx[cpu]"`). Every framework's
gradient is checked against the closed form cos(x) x^2 + 2 x sin(x) first.
"""

import argparse
import os
import platform

import numpy as np

from timing import time_runs


def make_mxgraph(x_np):
    import mxgraph.core as mx

    x = mx.array(x_np)
    mx.eval(x)
    vg = mx.value_and_grad(lambda x: mx.sum(mx.sin(x) * x ** 2))

    def run():
        value, g = vg(x)
        mx.eval(value, g)
        return value, g

    import mxgraph

    return run, f"mxgraph {mxgraph.__version__}"


def make_mlx(x_np):
    import mlx.core as mlx

    x = mlx.array(x_np)
    mlx.eval(x)
    vg = mlx.value_and_grad(lambda x: mlx.sum(mlx.sin(x) * x ** 2))

    def run():
        value, g = vg(x)
        mlx.eval(value, g)
        return value, g

    return run, f"mlx {mlx.__version__}"


def make_torch(x_np, threads=None):
    import torch

    if threads:
        torch.set_num_threads(threads)
    x = torch.from_numpy(x_np.copy()).requires_grad_(True)

    def run():
        value = torch.sum(torch.sin(x) * x ** 2)
        (g,) = torch.autograd.grad(value, x)
        return value.detach(), g

    return run, f"torch {torch.__version__} ({torch.get_num_threads()} threads)"


FRAMEWORKS = [("mxgraph", make_mxgraph), ("torch", make_torch), ("mlx", make_mlx)]


def load(x_np, torch_threads):
    """{name: (run, version)} for the frameworks that import; others are reported."""
    runs = {}
    for name, make in FRAMEWORKS:
        try:
            runs[name] = make(x_np, torch_threads) if name == "torch" else make(x_np)
        except ImportError as e:
            if name == "mxgraph":
                raise
            print(f"({name} not importable: {e}; its column is skipped)")
    return runs


def check(run, x_np, name):
    """The gradient against the closed form, so a fast wrong answer cannot win."""
    value, g = run()
    x = x_np.astype(np.float64)
    want_g = np.cos(x) * x * x + 2 * x * np.sin(x)
    want_v = np.sum(np.sin(x) * x * x)
    g = np.asarray(g, dtype=np.float64)
    if not np.allclose(g, want_g, rtol=1e-4, atol=1e-5):
        raise SystemExit(f"{name}: gradient differs from the closed form "
                         f"(max error {np.max(np.abs(g - want_g)):.3g})")
    if abs(float(value) - want_v) > 1e-3 * max(1.0, abs(want_v)):
        raise SystemExit(f"{name}: value {float(value)} differs from {want_v}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=1_000_000, help="elements of x (float32)")
    p.add_argument("--repeats", type=int, default=21)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--torch-threads", type=int, default=None,
                   help="torch.set_num_threads (on a loaded machine 1 gives steadier medians)")
    args = p.parse_args(argv)

    x_np = np.random.default_rng(0).uniform(-2, 2, args.n).astype(np.float32)
    runs = load(x_np, args.torch_threads)
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus; "
          f"load average {', '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print("versions: " + ", ".join(v for _, v in runs.values()))
    print(f"value_and_grad of sum(sin(x) * x**2), x: {args.n} float32, "
          f"median of {args.repeats} after {args.warmup} warm-up runs")
    results = {}
    for name, (run, _) in runs.items():
        check(run, x_np, name)
        results[name] = time_runs(run, args.repeats, args.warmup)[:2]
    base = results["mxgraph"][0]
    print(f"{'framework':<10} {'median ms':>10} {'min ms':>8} {'mxgraph/this':>13}")
    for name, (med, best) in results.items():
        print(f"{name:<10} {med * 1e3:>10.3f} {best * 1e3:>8.3f} {base / med:>13.2f}")


if __name__ == "__main__":
    main()
