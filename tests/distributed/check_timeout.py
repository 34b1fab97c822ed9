"""A rank whose peers never join a collective gets an error naming it and the
operation after MXGRAPH_DIST_TIMEOUT seconds, instead of hanging; the group is
unusable afterwards. Run alone (the group breaks): mpirun -np N python check_timeout.py [DIR].
Prints one line per rank starting with OK, or raises. With DIR, each rank also writes its
line to DIR/rank<r>.txt: mpirun may join two ranks' lines into one, a file per rank cannot."""

import os
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
if os.environ.get("MXGRAPH_DEV_BUILD"):
    sys.path.insert(0, os.path.join(here, "..", "..", "bindings", "python"))

import mxgraph.core as mx  # noqa: E402

os.environ["MXGRAPH_DIST_TIMEOUT"] = "2"
out_dir = sys.argv[1] if len(sys.argv) > 1 else None


def report(rank, line):
    print(line, flush=True)
    if out_dir:
        path = os.path.join(out_dir, f"rank{rank}.txt")
        with open(path + ".tmp", "w") as f:
            f.write(line + "\n")
        os.replace(path + ".tmp", path)  # whole or absent, never half written


g = mx.distributed.init(strict=True)
assert g.size() >= 2, "run under mpirun -np N, N >= 2"
if g.rank() == 0:
    start = time.time()
    try:
        mx.eval(mx.distributed.all_sum(mx.ones((4,))))  # the other ranks skip it
        raise SystemExit("FAIL: all_sum returned without the other ranks")
    except RuntimeError as e:
        msg = str(e)
        waited = time.time() - start
    assert msg.startswith("[all_sum] Rank 0 of %d: timed out after 2 s" % g.size()), msg
    assert 1.5 < waited < 60, waited
    try:
        mx.eval(mx.distributed.all_sum(mx.ones((4,))))
        raise SystemExit("FAIL: a broken group was used again")
    except RuntimeError as e:
        assert "unusable after an earlier failure (a timeout in all_sum)" in str(e), str(e)
    report(0, f"OK rank 0: {msg}")
else:
    time.sleep(3)  # past rank 0's deadline; then leave without the collective
    report(g.rank(), f"OK rank {g.rank()}: skipped the collective")
