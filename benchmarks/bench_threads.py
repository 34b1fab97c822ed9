"""Per-size timings of exp, a + a and sum through mx.eval, for choosing the thread
threshold (docs/kernels.md). Run once per thread count:
    MXGRAPH_NUM_THREADS=1 python3 benchmarks/bench_threads.py
    MXGRAPH_NUM_THREADS=2 python3 benchmarks/bench_threads.py
Prints n:op=median microseconds."""
import time
import numpy as np
import mxgraph.core as mx
res = {}
for n in [4096, 16384, 32768, 65536, 131072, 262144, 1 << 20, 1 << 22]:
    x = mx.array(np.random.rand(n).astype(np.float32)); mx.eval(x)
    for op, f in [("exp", mx.exp), ("add", lambda a: a + a), ("sum", mx.sum)]:
        ts = []
        for _ in range(30 if n < 1 << 20 else 10):
            t = time.perf_counter(); mx.eval(f(x)); ts.append(time.perf_counter() - t)
        res[(n, op)] = sorted(ts)[len(ts) // 2] * 1e6
print(" ".join(f"{k[0]}:{k[1]}={v:.1f}" for k, v in res.items()))
