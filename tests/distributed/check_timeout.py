"""A rank whose peers never join a collective gets an error naming it and the
operation after MXGRAPH_DIST_TIMEOUT seconds, instead of hanging; the group is
unusable afterwards. Run alone (the group breaks): mpirun -np N python check_timeout.py.
Prints one line per rank starting with OK, or raises."""

import os
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
if os.environ.get("MXGRAPH_DEV_BUILD"):
    sys.path.insert(0, os.path.join(here, "..", "..", "bindings", "python"))

import mxgraph.core as mx  # noqa: E402

os.environ["MXGRAPH_DIST_TIMEOUT"] = "2"
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
    print("OK rank 0:", msg, flush=True)
else:
    time.sleep(3)  # past rank 0's deadline; then leave without the collective
    print(f"OK rank {g.rank()}: skipped the collective", flush=True)
