"""Hostile files (claims of huge sizes or offsets, overflowing shapes, dtype/size
mismatches) are rejected before any allocation proportional to the claim: in a process
whose address space is capped a few hundred MB above its start, every hostile file of
test_io and test_io_gguf gives ValueError, never MemoryError or a crash."""
import os
import subprocess
import sys
import textwrap

import pytest

resource = pytest.importorskip("resource", reason="resource limits are Unix-only")

CHILD = textwrap.dedent("""
    import io, os, resource, sys
    sys.path.insert(0, {tests!r})
    import mxgraph.core as mx
    import test_io, test_io_gguf
    # Warm up the pool threads and the allocator before the cap.
    mx.eval(mx.exp(mx.ones((1 << 18,))))
    with open("/proc/self/statm") as f:
        vm = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    cap = vm + (384 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    mx.set_memory_limit(mx.get_active_memory() + (64 << 20))
    bad = []
    hostile = test_io.HOSTILE + test_io_gguf.HOSTILE
    for name, fmt, data in hostile:
        try:
            out = mx.load(io.BytesIO(data), format=fmt)
            mx.eval(out if isinstance(out, mx.array) else list(out.values()))
            bad.append(name + ": loaded")
        except MemoryError as e:
            bad.append(name + ": MemoryError " + str(e)[:80])
        except ValueError:
            pass
    print("checked", len(hostile))
    print("bad", bad)
""")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
def test_hostile_files_allocate_nothing_proportional_to_their_claims():
    tests = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, MXGRAPH_NUM_THREADS="2",
               PYTHONPATH=os.pathsep.join(p for p in sys.path if p))  # the mxgraph under test
    r = subprocess.run([sys.executable, "-c", CHILD.format(tests=tests)], capture_output=True,
                       text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "bad []" in r.stdout, r.stdout
    assert "checked" in r.stdout
