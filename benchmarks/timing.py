"""The one timing loop the benchmark scripts share."""
import statistics
import time


def time_runs(run, repeats, warmup=1):
    """Calls run() `warmup` times untimed, then `repeats` times; returns
    (median, min, every time) in seconds."""
    for _ in range(warmup):
        run()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), times
