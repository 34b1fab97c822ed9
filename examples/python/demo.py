"""mxgraph's main demo: lazy arrays with MLX's API, on any CPU.

    python3 examples/python/demo.py

Shows, with the engine's own counters: building a graph computes nothing; mx.eval
and the implicit triggers (print, .item(), bool(), NumPy, memoryview, save) compute;
only what is needed runs; intermediates are freed as soon as they are used; and
dtypes promote as in MLX.
"""

import os
import tempfile
import time

import numpy as np

import mxgraph.core as mx


def counters():
    c = mx._eval_counters()
    causes = ", ".join(f"{k}={v}" for k, v in c["by_cause"].items() if v)
    return f"evaluations={c['evals']} kernels run={c['nodes_run']}" + (f" ({causes})" if causes else "")


def mib(n):
    return f"{n / (1 << 20):.1f} MiB"


def section(title):
    print(f"\n=== {title}")


def lazy_building():
    section("1. Building a graph computes nothing")
    mx._reset_eval_counters()
    x = mx.array([1.0, 2.0, 3.0])
    y = mx.array([4.0, 5.0, 6.0])
    z = x + y
    w = z * 2
    print(f"w = (x + y) * 2 -> shape {w.shape}, dtype {w.dtype}; {counters()}")
    result = mx.eval(w)  # mxgraph's eval returns what it evaluated
    print(f"after mx.eval(w): {counters()}")
    print("w =", result)


def implicit_triggers(tmp):
    section("2. Implicit evaluation: each trigger computes, once, and says why")

    def fresh():
        return mx.arange(4, dtype=mx.float32) * 1.5  # a pending array

    triggers = [
        ("print(a)", lambda a: print("   ", a)),
        ("a.item()", lambda a: a[1].item()),
        ("bool(a)", lambda a: bool(mx.sum(a) > 1)),
        ("a.tolist()", lambda a: a.tolist()),
        ("a.numpy()", lambda a: a.numpy()),
        ("np.array(a)", lambda a: np.array(a)),
        ("memoryview(a)", lambda a: memoryview(a)),
        ("mx.save(...)", lambda a: mx.save(os.path.join(tmp, "a.npy"), a)),
    ]
    for name, trigger in triggers:
        a = fresh()
        mx._reset_eval_counters()
        trigger(a)
        print(f"  {name:<14} {counters()}")
    a = fresh()
    mx._reset_eval_counters()
    a.tolist()
    a.tolist()
    print(f"  a.tolist() twice: {counters()} -- an evaluated array is just data")


def selective_computation():
    section("3. Selective computation: unused outputs never run")
    a = mx.random.normal((512, 512))
    mx.eval(a)

    def stats(m):
        cheap = mx.sum(m) / m.size
        expensive = m @ m @ m @ m  # 3 matmuls of 512 x 512
        return cheap, expensive

    mx._reset_eval_counters()
    mean, _unused = stats(a)
    t = time.perf_counter()
    mx.eval(mean)
    ms = (time.perf_counter() - t) * 1e3
    print(f"  evaluated only the mean ({mean.item():+.4f}) in {ms:.2f} ms; {counters()}")
    print("  the three matmuls were recorded but never ran")


def memory():
    section("4. Memory: nothing until evaluation; intermediates freed as they are used")
    base = mx.get_active_memory()
    mx.reset_peak_memory()
    x = mx.random.uniform(shape=(1 << 22,))  # 16 MiB of float32 once evaluated
    y = x
    for _ in range(10):
        y = mx.tanh(y * 1.5 + 0.25)
    print(f"  built 30 ops on 16 MiB arrays: active {mib(mx.get_active_memory() - base)} above start")
    mx.eval(y)
    print(f"  after eval: active {mib(mx.get_active_memory() - base)}, "
          f"peak {mib(mx.get_peak_memory() - base)} (30 ops would need {mib(31 * (4 << 20))} if kept)")
    del x, y
    print(f"  after del: active {mib(mx.get_active_memory() - base)}; "
          f"cache {mib(mx.get_cache_memory())}; clear_cache() returns it")
    mx.clear_cache()

    # Load-then-cast: twelve float32 "weights" become float16 without all of them
    # ever existing in float32 at once.
    mx.reset_peak_memory()
    weights = [mx.random.normal((1024, 1024)).astype(mx.float16) for _ in range(12)]
    mx.eval(weights)
    print(f"  12 weights generated as float32 and cast to float16: holding "
          f"{mib(mx.get_active_memory() - base)}, peak {mib(mx.get_peak_memory() - base)} "
          f"(all twelve in float32 would be {mib(12 * (4 << 20))})")
    del weights


def dtypes():
    section("5. Dtypes and promotion, as in MLX")
    pairs = [(mx.int8, mx.uint8), (mx.int32, mx.float16), (mx.uint64, mx.int32),
             (mx.float16, mx.bfloat16), (mx.float32, mx.float64), (mx.bool_, mx.int16)]
    for s, t in pairs:
        r = (mx.array([1], dtype=s) + mx.array([1], dtype=t)).dtype
        print(f"  {str(s):<22} + {str(t):<22} -> {r}")
    h = mx.array([1.0, 2.0], dtype=mx.float16)
    i = mx.array([1, 2], dtype=mx.int32)
    print(f"  weak Python scalars: float16 * 2.0 -> {(h * 2.0).dtype}; int32 + 1 -> {(i + 1).dtype}; "
          f"int32 * 0.5 -> {(i * 0.5).dtype}")
    print(f"  NumPy float64 input -> {mx.array(np.array([0.5])).dtype} "
          f"(unless asked: {mx.array(np.array([0.5]), dtype=mx.float64).dtype})")


def deep_graph():
    section("6. A deep graph: 100,000 ops, no recursion anywhere")
    x = mx.array([1.0, 2.0, 3.0, 4.0])
    t = time.perf_counter()
    for i in range(100_000):
        x = x * 1.0001 if i % 2 else x + 0.5
    built = time.perf_counter() - t
    mx._reset_eval_counters()
    t = time.perf_counter()
    mx.eval(x)
    ran = time.perf_counter() - t
    print(f"  built in {built:.2f} s, evaluated in {ran:.2f} s; {counters()}")
    print("  x =", x)


def main():
    print(f"mxgraph on {mx.default_device()} (gpu available: {mx.is_available(mx.gpu)})")
    with tempfile.TemporaryDirectory() as tmp:
        lazy_building()
        implicit_triggers(tmp)
        selective_computation()
        memory()
        dtypes()
        deep_graph()
    print("\ndone")


if __name__ == "__main__":
    main()
