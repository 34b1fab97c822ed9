"""all_sum bandwidth between processes: mxgraph against mpi4py's Allreduce on the
same buffers, in the same run.

    mpirun -np 2 python3 benchmarks/bench_distributed.py            # 1..256 MB
    mpirun -np 2 python3 benchmarks/bench_distributed.py --max-mb 16 --repeats 5

For each size (float32 buffers, MB = 2**20 bytes) it times: mx.distributed.all_sum
with the default deadline (non-blocking MPI polled against MXGRAPH_DIST_TIMEOUT),
all_sum with MXGRAPH_DIST_TIMEOUT=0 (no deadline: blocking MPI_Allreduce), and
mpi4py's comm.Allreduce. Bandwidth is bytes / median time (algorithm bandwidth).
Rank 0 prints a table; ratio is mpi4py time / mxgraph time.
"""

import argparse
import os
import statistics
import sys
import time

import numpy as np
from mpi4py import MPI  # first: it starts MPI, mxgraph then joins

here = os.path.dirname(os.path.abspath(__file__))
if os.environ.get("MXGRAPH_DEV_BUILD"):
    sys.path.insert(0, os.path.join(here, "..", "bindings", "python"))
import mxgraph.core as mx  # noqa: E402


def median_time(fn, repeats, comm):
    times = []
    for _ in range(repeats):
        comm.Barrier()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    # every rank must agree on the time of the slowest
    return comm.allreduce(statistics.median(times), op=MPI.MAX)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--max-mb", type=int, default=256)
    p.add_argument("--repeats", type=int, default=10)
    args = p.parse_args()
    comm = MPI.COMM_WORLD
    group = mx.distributed.init(strict=True)
    assert group.size() == comm.Get_size() >= 2, "run under mpirun -np 2"
    rank = comm.Get_rank()
    if rank == 0:
        print(f"all_sum of float32 buffers over {group.size()} processes; median of "
              f"{args.repeats}; GB/s = bytes / time")
        print(f"{'MB':>5} {'mxgraph ms':>11} {'GB/s':>7} {'(no deadline) ms':>17} "
              f"{'mpi4py ms':>10} {'GB/s':>7} {'ratio':>6}")
    mb = 1
    while mb <= args.max_mb:
        n = mb * 2**20 // 4
        host = np.full(n, rank + 1, dtype=np.float32)
        x = mx.array(host)
        mx.eval(x)
        recv = np.empty_like(host)

        def mxg():
            mx.eval(mx.distributed.all_sum(x))

        def ref():
            comm.Allreduce(host, recv, op=MPI.SUM)

        mxg(), ref()  # warm up (first-touch of buffers, connections)
        os.environ.pop("MXGRAPH_DIST_TIMEOUT", None)
        t_mx = median_time(mxg, args.repeats, comm)
        os.environ["MXGRAPH_DIST_TIMEOUT"] = "0"
        t_block = median_time(mxg, args.repeats, comm)
        os.environ.pop("MXGRAPH_DIST_TIMEOUT", None)
        t_ref = median_time(ref, args.repeats, comm)
        out = np.array(mx.distributed.all_sum(x))
        want = group.size() * (group.size() + 1) / 2
        assert out[0] == want and out[-1] == want and recv[0] == want
        if rank == 0:
            gb = mb * 2**20 / 1e9
            print(f"{mb:>5} {1e3 * t_mx:>11.2f} {gb / t_mx:>7.2f} {1e3 * t_block:>17.2f} "
                  f"{1e3 * t_ref:>10.2f} {gb / t_ref:>7.2f} {t_ref / t_mx:>6.2f}", flush=True)
        mb *= 2


if __name__ == "__main__":
    main()
