"""Several Python threads building and evaluating independent graphs at once (the GIL is
released during evaluation) get the same results as one thread, and nothing crashes."""
import threading

import numpy as np

import mxgraph.core as mx

THREADS = 8
ROUNDS = 15


def work(seed):
    """One thread's graph: elementwise chains, broadcasting, reductions, matmul, sort,
    a multi-output op and a gradient. Returns NumPy results to compare."""
    rng = np.random.default_rng(seed)
    a_np = rng.standard_normal((64, 32)).astype(np.float32)
    b_np = rng.standard_normal((32, 16)).astype(np.float32)
    a, b = mx.array(a_np), mx.array(b_np)
    x = a
    for _ in range(50):
        x = x * 0.5 + 1.0
    m = mx.matmul(x, b)
    s = mx.sort(m, axis=1)
    q, r = mx.divmod(mx.abs(m), 1.0)
    g = mx.grad(lambda t: (t * t).sum())(a)
    big = mx.exp(mx.broadcast_to(mx.array(0.0), (1 << 18,))) + 0.0  # uses the thread pool
    mx.eval(s, q, r, g, big)
    x_np = a_np
    for _ in range(50):
        x_np = x_np * 0.5 + 1.0
    m_np = x_np @ b_np
    return [
        (np.array(s), np.sort(m_np, axis=1)),
        (np.array(q) + np.array(r), np.abs(m_np)),
        (np.array(g), 2 * a_np),
        (float(big.sum().item()), float(1 << 18)),
    ]


def test_threads_build_and_evaluate_independent_graphs():
    errors = []

    def run(tid):
        try:
            for r in range(ROUNDS):
                for got, want in work(tid * 1000 + r):
                    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)
        except BaseException as e:  # report in the main thread
            errors.append(repr(e))

    threads = [threading.Thread(target=run, args=(t,)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_threads_share_one_input_read_only():
    shared = mx.arange(10000, dtype=mx.float32)
    mx.eval(shared)
    want = float(np.arange(10000, dtype=np.float32).sum() * 2)
    results = []

    def run():
        for _ in range(20):
            results.append((shared * 2).sum().item())

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [want] * (THREADS * 20)


def test_threads_drawing_random_numbers_get_distinct_keys():
    # The global key advances under a lock: no two draws may repeat one another.
    draws = []
    lock = threading.Lock()

    def run():
        for _ in range(50):
            v = mx.random.uniform(shape=(4,)).tolist()
            with lock:
                draws.append(tuple(v))

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(draws)) == len(draws) == THREADS * 50


def test_threads_evaluate_with_the_gil_held_during_a_long_eval(tmp_path):
    # Evaluations run one at a time. The main thread's long evaluation takes the GIL
    # between nodes (Ctrl-C check) while other threads evaluate holding the GIL (export
    # reads a captured pending array): they must wait for their turn without the GIL,
    # or both would wait forever.
    import faulthandler

    x = mx.ones((64,))
    for _ in range(20000):
        x = x * 1.0001 + 0.0
    shared = (x * 0 + 3.0).sum()  # pending, evaluated by several threads at once
    one = mx.array(2.0)
    mx.eval(one)
    results, stop = [], threading.Event()

    def run(tid):
        path = str(tmp_path / f"f{tid}.mxfn")
        while not stop.is_set():
            w = mx.full((2,), 5.0) + 0.0  # pending when captured
            mx.export_function(path, lambda v: v * w, mx.zeros((2,)))
            results.append(one.item() + shared.item() + w.sum().item())

    threads = [threading.Thread(target=run, args=(t,)) for t in range(4)]
    faulthandler.dump_traceback_later(120, exit=True)  # a deadlock fails instead of hanging
    try:
        for t in threads:
            t.start()
        y = mx.ones((64,))
        for _ in range(100000):
            y = y * 1.0001 + 0.0
        mx.eval(y)
        stop.set()
        for t in threads:
            t.join()
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert results and set(results) == {2.0 + 192.0 + 10.0}
    np.testing.assert_allclose(np.array(y), np.full(64, 1.0001 ** 100000), rtol=1e-2)
