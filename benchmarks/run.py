"""mxgraph against NumPy and MLX, side by side, in one run.

    python3 benchmarks/run.py            # all benchmarks
    python3 benchmarks/run.py --quick    # fewer repeats
    python3 benchmarks/run.py -k matmul  # only benchmarks whose name contains "matmul"

Each benchmark builds the same computation with each library and times it end to end
(graph building included, and evaluation for the lazy libraries), after a warm-up run,
over repeated runs; the table shows medians and the ratio mxgraph/other of the median
times (below 1: mxgraph is faster). MLX columns appear when `import mlx.core` works
(`pip install "mlx[cpu]"`). Ops that mxgraph does not have yet show as n/a.

Fair runs: some machines set OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, which make NumPy's
OpenBLAS pick slower kernels. The runner prints them; unset both for that command only:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/run.py
"""

import argparse
import os
import platform
import sys

import numpy as np

from timing import time_runs

N_BIG = 1 << 24  # 16M float32 = 64 MiB


def load_frameworks():
    fws = {"numpy": (np, lambda *a: None)}
    try:
        import mlx.core as mlx

        fws["mlx"] = (mlx, mlx.eval)
    except Exception as e:  # noqa: BLE001 - any import failure just drops the column
        print(f"(MLX not importable: {type(e).__name__}: {e}; its columns are skipped)")
    import mxgraph.core as mxg

    fws["mxgraph"] = (mxg, mxg.eval)
    return fws


def to_fw(name, mod, a):
    return a if name == "numpy" else mod.array(a)


# --- benchmarks: each returns (run, result) makers per framework ---------------------
# make(name, mod, evalf) -> a no-argument function that computes and evaluates once.

def chain_1000(name, mod, evalf):
    x0 = to_fw(name, mod, np.array([1.0, 2.0, 3.0, 4.0], dtype=np.float32))
    evalf(x0)

    def run():
        x = x0
        for i in range(1000):
            x = x * 1.0001 if i % 2 else x + 0.5
        evalf(x)
        return x
    return run


def big_input(name, mod, evalf, lo=-1.0, hi=1.0):
    a = np.random.default_rng(0).uniform(lo, hi, N_BIG).astype(np.float32)
    x = to_fw(name, mod, a)
    evalf(x)
    return x


def chain_8_16m(name, mod, evalf):
    x = big_input(name, mod, evalf)

    def run():
        y = x * 1.5 + 0.5       # 2
        y = y * x - 0.25        # 4
        y = y * y + x           # 6
        y = y / 3.0 - 1.0       # 8
        evalf(y)
        return y
    return run


def unary(fn_name):
    def make(name, mod, evalf):
        x = big_input(name, mod, evalf)
        f = getattr(mod, fn_name)

        def run():
            y = f(x)
            evalf(y)
            return y
        return run
    return make


def sum_16m(name, mod, evalf):
    x = big_input(name, mod, evalf, 0.0, 1.0)
    f = mod.sum

    def run():
        y = f(x)
        evalf(y)
        return y
    return run


def matmul(n):
    def make(name, mod, evalf):
        rng = np.random.default_rng(1)
        a = to_fw(name, mod, rng.standard_normal((n, n)).astype(np.float32))
        b = to_fw(name, mod, rng.standard_normal((n, n)).astype(np.float32))
        evalf(a, b)
        f = mod.matmul

        def run():
            c = f(a, b)
            evalf(c)
            return c
        return run
    return make


# name, maker, unit shown, how to turn a median time into that unit, repeats
BENCHMARKS = [
    ("chain 1000 ops, 4 elems", chain_1000, "us/op", lambda t: t / 1000 * 1e6, 15),
    ("chain 8 ops, 16M f32", chain_8_16m, "ms", lambda t: t * 1e3, 7),
    ("exp 16M f32", unary("exp"), "ms", lambda t: t * 1e3, 7),
    ("sin 16M f32", unary("sin"), "ms", lambda t: t * 1e3, 7),
    ("tanh 16M f32", unary("tanh"), "ms", lambda t: t * 1e3, 7),
    ("sum 16M f32", sum_16m, "ms", lambda t: t * 1e3, 9),
    ("matmul 1024 f32", matmul(1024), "GFLOP/s", lambda t: 2 * 1024**3 / t / 1e9, 7),
    ("matmul 2048 f32", matmul(2048), "GFLOP/s", lambda t: 2 * 2048**3 / t / 1e9, 5),
]


def as_numpy(x):
    return np.asarray(x, dtype=np.float32)


def report_environment(fws):
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus; "
          f"load average {', '.join(f'{v:.1f}' for v in os.getloadavg())}")
    vers = [f"numpy {np.__version__}"]
    if "mlx" in fws:
        import mlx.core

        vers.append(f"mlx {getattr(mlx.core, '__version__', '?')}")
    import mxgraph

    vers.append(f"mxgraph {mxgraph.__version__}")
    print("versions: " + ", ".join(vers))
    blas = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
                                       "OMP_NUM_THREADS") if k in os.environ}
    if blas:
        print("environment: " + ", ".join(f"{k}={v}" for k, v in blas.items()))
        if "OPENBLAS_CORETYPE" in blas or "OPENBLAS_L2_SIZE" in blas:
            print("  note: OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE slow NumPy's OpenBLAS (and mxgraph's, "
                  "which reads them too); for a fair run:\n"
                  "  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/run.py")
    try:
        from threadpoolctl import threadpool_info

        for info in threadpool_info():
            if info.get("internal_api") == "openblas":
                print(f"numpy's OpenBLAS: {info.get('version')} kernel {info.get('architecture')}, "
                      f"{info.get('num_threads')} threads ({os.path.basename(info.get('filepath', ''))})")
    except ImportError:
        print("(pip install threadpoolctl to see which OpenBLAS kernel NumPy runs)")


def fmt(v):
    if v is None:
        return "n/a"
    return f"{v:.3g}" if v < 100 else f"{v:.0f}"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="3 repeats each")
    p.add_argument("-k", default="", help="only benchmarks whose name contains this")
    args = p.parse_args(argv)

    fws = load_frameworks()
    report_environment(fws)
    names = list(fws)
    others = [n for n in names if n != "mxgraph"]
    head = f"{'benchmark':<26} {'unit':>8}" + "".join(f" {n:>10}" for n in names)
    head += "".join(f" {'mxg/' + ('np' if n == 'numpy' else n):>9}" for n in others)
    head += "  check"
    print("\n" + head)
    print("-" * len(head))
    for title, make, unit, convert, repeats in BENCHMARKS:
        if args.k and args.k not in title:
            continue
        if args.quick:
            repeats = 3
        medians, values, results = {}, {}, {}
        for n in names:
            mod, evalf = fws[n]
            try:
                run = make(n, mod, evalf)
                medians[n] = time_runs(run, repeats)[0]
                results[n] = as_numpy(run())
                values[n] = convert(medians[n])
            except (AttributeError, NotImplementedError) as e:
                medians[n] = values[n] = None
                results[n] = f"{type(e).__name__}: {e}"
        line = f"{title:<26} {unit:>8}" + "".join(f" {fmt(values[n]):>10}" for n in names)
        for o in others:
            if medians.get("mxgraph") and medians.get(o):
                line += f" {medians['mxgraph'] / medians[o]:>9.2f}"
            else:
                line += f" {'n/a':>9}"
        ref = results.get("numpy")
        checks = []
        for n in names[1:]:
            r = results.get(n)
            if isinstance(r, np.ndarray):
                ok = np.allclose(r, ref, rtol=2e-3, atol=2e-3 * max(1.0, float(np.abs(ref).max())))
                checks.append(f"{n}:{'ok' if ok else 'DIFF'}")
        line += "  " + " ".join(checks)
        print(line, flush=True)
        for n in names:
            if isinstance(results.get(n), str):
                print(f"    {n}: {results[n]}")
    print("\nratios are median time of mxgraph / median time of the other library (below 1: mxgraph faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
