"""vmap cost: `lambda a, b: a @ b + a.sum()` over 1000 pairs of 1024-vectors, with
mxgraph's vmap against mxgraph's own Python loop, torch.func.vmap (CPU) and MLX's
vmap, side by side.

    python3 benchmarks/bench_vmap.py               # 1000 pairs, 21 repeats
    python3 benchmarks/bench_vmap.py --n 1000 --dim 1024 --repeats 51

Each run builds and evaluates the whole batch after warm-up runs; the table shows
median times and the ratio mxgraph vmap / other (below 1: mxgraph's vmap is faster).
Columns for PyTorch and MLX appear when they import. Every result is checked
against NumPy first.
"""

import argparse

import numpy as np

from timing import time_runs


def fn_np(a, b):
    return np.einsum("ij,ij->i", a, b) + a.sum(axis=1)


def make_mxgraph(a_np, b_np):
    import mxgraph.core as mx

    a, b = mx.array(a_np), mx.array(b_np)
    mx.eval(a, b)
    f = mx.vmap(lambda x, y: x @ y + x.sum())

    def run_vmap():
        out = f(a, b)
        mx.eval(out)
        return np.asarray(out)

    def run_loop():
        outs = [a[i] @ b[i] + a[i].sum() for i in range(a.shape[0])]
        out = mx.stack(outs)
        mx.eval(out)
        return np.asarray(out)

    return run_vmap, run_loop


def make_torch(a_np, b_np, threads):
    import torch

    if threads:
        torch.set_num_threads(threads)
    a, b = torch.from_numpy(a_np), torch.from_numpy(b_np)
    f = torch.func.vmap(lambda x, y: x @ y + x.sum())

    def run():
        with torch.no_grad():
            return f(a, b).numpy()

    return run


def make_mlx(a_np, b_np):
    import mlx.core as mlx

    a, b = mlx.array(a_np), mlx.array(b_np)
    mlx.eval(a, b)
    f = mlx.vmap(lambda x, y: x @ y + x.sum())

    def run():
        out = f(a, b)
        mlx.eval(out)
        return np.array(out)

    return run


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--dim", type=int, default=1024)
    p.add_argument("--repeats", type=int, default=21)
    p.add_argument("--torch-threads", type=int, default=None)
    args = p.parse_args()
    rng = np.random.default_rng(0)
    a_np = rng.standard_normal((args.n, args.dim)).astype(np.float32)
    b_np = rng.standard_normal((args.n, args.dim)).astype(np.float32)
    want = fn_np(a_np.astype(np.float64), b_np.astype(np.float64))
    rows = []
    run_vmap, run_loop = make_mxgraph(a_np, b_np)
    for name, run in (("mxgraph vmap", run_vmap), ("mxgraph loop", run_loop)):
        np.testing.assert_allclose(run(), want, rtol=1e-3, atol=1e-2)
        rows.append((name, *time_runs(run, args.repeats if "vmap" in name else max(3, args.repeats // 4), 3)[:2]))
    for name, make in (("torch.func.vmap", lambda: make_torch(a_np, b_np, args.torch_threads)),
                       ("mlx vmap", lambda: make_mlx(a_np, b_np))):
        try:
            run = make()
        except ImportError:
            continue
        np.testing.assert_allclose(run(), want, rtol=1e-3, atol=1e-2)
        rows.append((name, *time_runs(run, args.repeats, 3)[:2]))
    base = rows[0][1]
    print(f"vmap of a @ b + a.sum() over {args.n} pairs of {args.dim}-vectors, float32; "
          f"median of {args.repeats} after 3 warm-up runs")
    print(f"{'':18}{'median ms':>10}{'min ms':>10}{'vmap/this':>11}")
    for name, med, lo in rows:
        print(f"{name:18}{med * 1e3:10.3f}{lo * 1e3:10.3f}{base / med:11.3f}")


if __name__ == "__main__":
    main()
