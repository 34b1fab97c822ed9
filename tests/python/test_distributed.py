"""mx.distributed in a single process: the API, the size-1 identities, the errors,
and the pure-Python helpers. The multi-process checks are in tests/distributed/
(run under mpirun by scripts/test_distributed.sh)."""

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import mxgraph.core as mx
import mxgraph.nn as nn
from harness import ALL, OpCase, case_ids, check_grads, check_vmap, check_values

dist = mx.distributed

# A single process (no launcher): every collective is the identity.
IDENTITIES = [
    OpCase("all_sum", lambda x: x, mx_fn=dist.all_sum, dtypes=ALL),
    OpCase("all_max", lambda x: x, mx_fn=dist.all_max, dtypes=ALL[:-1]),
    OpCase("all_min", lambda x: x, mx_fn=dist.all_min, dtypes=ALL[:-1]),
    OpCase("all_gather", lambda x: x.reshape(1) if x.ndim == 0 else x, mx_fn=dist.all_gather,
           dtypes=ALL),
    OpCase("sum_scatter", lambda x: x, mx_fn=dist.sum_scatter, dtypes=ALL,
           shapes=[((5,),), ((3, 4),), ((0,),), ((2, 0, 3),)]),
]


@pytest.mark.parametrize("case", IDENTITIES, ids=case_ids(IDENTITIES))
def test_size_one_identities(case):
    check_values(case)


@pytest.mark.parametrize("case", IDENTITIES[:4], ids=case_ids(IDENTITIES[:4]))
def test_size_one_grads_and_vmap(case):
    shapes = [((3, 4),)]
    check_grads(case, shapes=shapes)
    check_vmap(case, shapes=shapes)


def test_init_and_group():
    g = dist.init()
    assert isinstance(g, dist.Group)
    assert (g.rank(), g.size()) == (0, 1)
    assert dist.init(backend="mpi").size() == 1
    sub = g.split(3)
    assert (sub.rank(), sub.size()) == (0, 1)
    assert g.split(0, key=5).size() == 1
    assert repr(g) == "Group(rank=0, size=1)"
    assert isinstance(dist.is_available(), bool)
    assert dist.is_available("mpi") == dist.is_available()


def test_init_all_gather_factory():
    # MLX's keyword for its jaccl backend: None is accepted, a factory needs backend='jaccl'
    # (which mxgraph lacks), a non-callable is a TypeError.
    assert dist.init(all_gather_factory=None).size() == 1
    with pytest.raises(ValueError, match=r"\[distributed.init\] all_gather_factory is only "
                                         r"supported with backend='jaccl'"):
        dist.init(all_gather_factory=lambda rank, size: (lambda src, n: src))
    with pytest.raises(ValueError, match=r"\[distributed.init\] Unknown backend 'jaccl'"):
        dist.init(backend="jaccl", all_gather_factory=lambda rank, size: None)
    with pytest.raises(TypeError, match=r"\[distributed.init\] all_gather_factory must be"):
        dist.init(all_gather_factory=3)


def test_collectives_take_group_and_stream():
    g = dist.init()
    x = mx.array([1.0, 2.0])
    for f in (dist.all_sum, dist.all_max, dist.all_min, dist.all_gather, dist.sum_scatter):
        assert np.array_equal(np.array(f(x, group=g, stream=mx.cpu)), [1.0, 2.0])
    assert np.array_equal(np.array(dist.all_sum([1, 2])), [1, 2])  # array-likes convert


def test_errors():
    g = dist.init()
    with pytest.raises(ValueError, match=r"\[distributed.init\] Unknown backend 'ring'"):
        dist.init(backend="ring")
    with pytest.raises(ValueError, match="Unknown backend"):
        dist.is_available("nccl")
    with pytest.raises(ValueError, match=r"\[send\] The group has a single process"):
        dist.send(mx.array([1.0]), 1)
    with pytest.raises(ValueError, match=r"\[recv\] The group has a single process"):
        dist.recv((2,), mx.float32, 0)
    with pytest.raises(ValueError, match=r"\[recv\] The group has a single process"):
        dist.recv_like(mx.array([1.0]), 0, group=g)
    with pytest.raises(ValueError, match=r"\[sum_scatter\] The array must have at least one"):
        dist.sum_scatter(mx.array(1.0))
    with pytest.raises(ValueError, match=r"\[all_max\] Complex numbers have no order"):
        dist.all_max(mx.array([1 + 2j]))
    with pytest.raises(ValueError, match=r"\[Group.split\] color must be non-negative"):
        g.split(-1)
    with pytest.raises(TypeError, match=r"\[distributed\] group must be a mx.distributed.Group"):
        dist.all_sum(mx.array([1.0]), group="world")
    with pytest.raises(TypeError):
        dist.all_sum(mx.array([1.0]), g)  # group is keyword-only, as in MLX


def _run(code, **env):
    e = dict(os.environ)
    for k in ("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"):
        e.pop(k, None)
    e.update(env)
    e["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # the mxgraph under test
    return subprocess.run([sys.executable, "-c", code], env=e, capture_output=True, text=True,
                          timeout=120)


def test_strict_init_without_mpi():
    # MXGRAPH_DIST_NO_MPI simulates a machine without MPI.
    code = ("import mxgraph.core as mx\n"
            "assert not mx.distributed.is_available()\n"
            "assert mx.distributed.init().size() == 1\n"
            "try:\n"
            "    mx.distributed.init(strict=True)\n"
            "except RuntimeError as e:\n"
            "    print('ERR', e)\n")
    r = _run(code, MXGRAPH_DIST_NO_MPI="1")
    assert r.returncode == 0, r.stderr
    assert "ERR [distributed.init] No distributed backend is available" in r.stdout
    assert "MXGRAPH_DIST_NO_MPI" in r.stdout


@pytest.mark.skipif(not dist.is_available(), reason="Open MPI is not installed")
def test_strict_init_with_mpi_single_process():
    r = _run("import mxgraph.core as mx; g = mx.distributed.init(strict=True); "
             "print(g.rank(), g.size())")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["0", "1"]


@pytest.mark.skipif(not (dist.is_available() and shutil.which("mpirun")),
                    reason="Open MPI's mpirun is not installed")
def test_timeout_check_writes_one_verdict_per_rank(tmp_path):
    """scripts/test_distributed.sh reads each rank's verdict of check_timeout.py from the
    rank's own file: mpirun may join two ranks' lines on stdout, files cannot mix."""
    e = dict(os.environ, OMPI_MCA_btl_vader_single_copy_mechanism="none")
    e["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # the mxgraph under test
    cmd = ["mpirun", "--oversubscribe", "-np", "3"]
    if os.getuid() == 0:
        cmd.append("--allow-run-as-root")
    script = os.path.join(os.path.dirname(__file__), "..", "distributed", "check_timeout.py")
    r = subprocess.run(cmd + [sys.executable, script, str(tmp_path)], env=e,
                       capture_output=True, text=True, timeout=120)
    verdicts = {p.name: p.read_text() for p in tmp_path.iterdir()}
    assert sorted(verdicts) == ["rank0.txt", "rank1.txt", "rank2.txt"], r.stdout + r.stderr
    assert verdicts["rank0.txt"].startswith("OK rank 0: [all_sum] Rank 0 of 3: timed out after 2 s")
    assert verdicts["rank2.txt"] == "OK rank 2: skipped the collective\n"


def test_average_gradients_size_one_is_identity():
    grads = {"a": mx.ones((3,)), "b": [mx.zeros((2, 2)), mx.array(2.0)]}
    assert nn.average_gradients(grads) is grads
    assert nn.utils.average_gradients is nn.average_gradients  # MLX's spelling


def test_average_gradients_buckets():
    from mxgraph.nn.distributed_utils import _buckets

    f32, f16 = mx.zeros((4,)), mx.zeros((4,), dtype=mx.float16)
    leaves = [("a", f32), ("b", f32), ("c", f16), ("d", f32), ("e", f32), ("f", f32)]
    # 16-byte float32 leaves with a 32-byte limit: a run closes once it reaches the limit.
    assert _buckets(leaves, 32) == [[0, 1], [2], [3, 4], [5]]
    assert _buckets(leaves, 1 << 20) == [[0, 1], [2], [3, 4, 5]]
    assert _buckets([], 10) == []


def test_sharded_linear_size_one_matches_linear():
    mx.random.seed(0)
    a = nn.AllToShardedLinear(4, 6)
    b = nn.ShardedToAllLinear(4, 6, bias=False)
    assert a.weight.shape == (6, 4) and a.bias.shape == (6,)
    assert b.weight.shape == (6, 4) and "bias" not in b
    x = mx.random.normal((3, 4))
    want = np.array(x) @ np.array(a.weight).T + np.array(a.bias)
    assert np.allclose(np.array(a(x)), want, atol=1e-5)
    assert np.allclose(np.array(b(x)), np.array(x) @ np.array(b.weight).T, atol=1e-5)
    assert "output_dims=6" in repr(a)


def test_launcher_dry_run():
    from mxgraph.core.distributed_launch import build_command

    cmd, dry = build_command(["-n", "3", "--timeout", "5", "--dry-run", "train.py", "--epochs", "2"])
    assert dry
    assert cmd[:3] == ["mpirun", "-np", "3"]
    assert cmd[-4:] == [sys.executable, "train.py", "--epochs", "2"]
    assert "MXGRAPH_DIST_TIMEOUT=5" in cmd
    with pytest.raises(SystemExit):
        build_command(["-n", "0", "x.py"])
