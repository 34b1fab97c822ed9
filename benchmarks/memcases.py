"""Cases that measure memory, each run in a fresh subprocess so its peak RSS
(ru_maxrss) belongs to that case alone:

- graph depth: build a chain of D pending ops (x*1.0001 / x+0.5) and evaluate it;
  time per node and the resident bytes each pending node holds before eval.
- load + cast: lazily load a float32 safetensors file, cast every tensor to float16
  and evaluate them all in one eval; wall time and peak memory.

The runner calls `run_depth` / `run_load`; this file is also the worker:
    python3 benchmarks/memcases.py depth mxgraph 1000 10000
    python3 benchmarks/memcases.py load mxgraph /tmp/x.safetensors
"""

import json
import os
import resource
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def rss_bytes():
    """Current resident set size (Linux /proc), or 0 where unavailable."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def maxrss_bytes():
    """Peak RSS of this process. Linux's VmHWM, not ru_maxrss: after fork+exec
    ru_maxrss still counts the parent's pages (a runner holding torch and jax)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r if sys.platform == "darwin" else r * 1024


def import_lazy(fw):
    if fw == "mxgraph":
        import mxgraph.core as mx
    elif fw == "mlx":
        import mlx.core as mx
    else:
        raise SystemExit(f"{fw} has no lazy graph")
    return mx


# --- workers (run inside the subprocess) -------------------------------------------

def worker_depth(fw, depths):
    import gc

    mx = import_lazy(fw)
    out = {}
    x0 = mx.array([1.0, 2.0, 3.0, 4.0])
    mx.eval(x0)
    for d in depths:
        gc.collect()
        before = rss_bytes()
        t0 = time.perf_counter()
        x = x0
        for i in range(d):
            x = x * 1.0001 if i % 2 else x + 0.5
        t1 = time.perf_counter()
        pending = rss_bytes() - before
        mx.eval(x)
        t2 = time.perf_counter()
        out[str(d)] = {"build_s": t1 - t0, "eval_s": t2 - t1, "us_per_node": (t2 - t0) / d * 1e6,
                       "bytes_per_pending_node": pending / d}
        del x
    print(json.dumps(out))


def tensor_names(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    return [k for k in header if k != "__metadata__"]


def worker_load(fw, path):
    base = rss_bytes()
    t0 = time.perf_counter()
    peak_mx = None
    if fw in ("mxgraph", "mlx"):
        mx = import_lazy(fw)
        base = rss_bytes()
        mx.reset_peak_memory() if hasattr(mx, "reset_peak_memory") else None
        t0 = time.perf_counter()
        arrays = mx.load(path)
        half = {k: v.astype(mx.float16) for k, v in arrays.items()}
        del arrays
        mx.eval(half)
        peak_mx = mx.get_peak_memory()
        nbytes = sum(v.nbytes for v in half.values())
        head = [float(v) for v in half["w0"][:8].tolist()]
    else:
        from safetensors import safe_open

        framework = {"numpy": "np", "torch": "pt", "jax": "flax"}[fw]
        if fw == "torch":
            import torch
            cast = lambda t: t.to(torch.float16)  # noqa: E731
        elif fw == "jax":
            os.environ.setdefault("JAX_PLATFORMS", "cpu")
            import jax
            import jax.numpy as jnp
            cast = lambda t: jax.block_until_ready(t.astype(jnp.float16))  # noqa: E731
        else:
            import numpy as np
            cast = lambda t: t.astype(np.float16)  # noqa: E731
        base = rss_bytes()
        t0 = time.perf_counter()
        half = {}
        with safe_open(path, framework=framework) as f:
            for k in f.keys():
                half[k] = cast(f.get_tensor(k))  # one float32 tensor alive at a time
        nbytes = sum(int(v.nbytes) for v in half.values())
        head = [float(v) for v in half["w0"][:8].tolist()]
    t1 = time.perf_counter()
    print(json.dumps({"time_s": t1 - t0, "base_rss": base, "maxrss": maxrss_bytes(),
                      "peak_over_base": maxrss_bytes() - base, "peak_mx": peak_mx,
                      "float16_bytes": nbytes, "head": head}))


# --- the runner's side ----------------------------------------------------------------

def _spawn(args, timeout):
    env = dict(os.environ)
    r = subprocess.run([sys.executable, os.path.join(HERE, "memcases.py")] + args,
                       capture_output=True, text=True, timeout=timeout, env=env)
    if r.returncode != 0:
        tail = (r.stderr.strip().splitlines() or [f"exit status {r.returncode}"])[-1]
        raise RuntimeError(f"exit status {r.returncode}: {tail[:200]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def run_depth(fw, depths, timeout=600):
    return _spawn(["depth", fw] + [str(d) for d in depths], timeout)


def write_safetensors(path, n_tensors, n_elems, seed=0):
    """A float32 file written tensor by tensor (never all of it in memory)."""
    import numpy as np

    header, off = {}, 0
    for i in range(n_tensors):
        header[f"w{i}"] = {"dtype": "F32", "shape": [n_elems], "data_offsets": [off, off + 4 * n_elems]}
        off += 4 * n_elems
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    rng = np.random.default_rng(seed)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for _ in range(n_tensors):
            f.write(rng.standard_normal(n_elems, dtype=np.float32).tobytes())


def run_load(fw, path, timeout=600):
    return _spawn(["load", fw, path], timeout)


if __name__ == "__main__":
    what, fw_name = sys.argv[1], sys.argv[2]
    if what == "depth":
        worker_depth(fw_name, [int(v) for v in sys.argv[3:]])
    elif what == "load":
        worker_load(fw_name, sys.argv[3])
    else:
        raise SystemExit(f"unknown worker {what}")
