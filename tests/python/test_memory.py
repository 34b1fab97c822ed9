"""Memory counters (active, peak, cache), the cache and memory limits, MemoryError."""

import gc

import pytest

import mxgraph.core as mx

MB = 1 << 20
ONE = mx.array(1.0)


def big(n_bytes):
    """A pending dense float32 array of n_bytes (all 1.0) that allocates only when evaluated."""
    return mx.contiguous(mx.broadcast_to(ONE, (n_bytes // 4,)))


@pytest.fixture(autouse=True)
def restore_limits():
    old_mem = mx.set_memory_limit(0)  # 0 restores the default; we read the old one back
    mx.set_memory_limit(old_mem)
    old_cache = mx.set_cache_limit(1 << 40)
    mx.set_cache_limit(old_cache)
    yield
    mx.set_memory_limit(old_mem)
    mx.set_cache_limit(old_cache)


def test_counters_are_ints():
    for f in (mx.get_active_memory, mx.get_peak_memory, mx.get_cache_memory):
        v = f()
        assert isinstance(v, int) and v >= 0


def test_active_memory_follows_arrays():
    gc.collect()
    base = mx.get_active_memory()
    a = big(8 * MB)
    assert mx.get_active_memory() == base  # nothing allocated before evaluation
    mx.eval(a)
    assert mx.get_active_memory() >= base + 8 * MB
    del a
    gc.collect()
    assert mx.get_active_memory() == base


def test_peak_memory_and_reset():
    mx.reset_peak_memory()
    assert mx.get_peak_memory() == mx.get_active_memory()
    a = big(16 * MB)
    mx.eval(a)
    del a
    assert mx.get_peak_memory() >= mx.get_active_memory() + 16 * MB
    mx.reset_peak_memory()
    assert mx.get_peak_memory() == mx.get_active_memory()


def test_cache_keeps_freed_buffers_and_clear_cache_frees_them():
    mx.clear_cache()
    assert mx.get_cache_memory() == 0
    a = big(4 * MB)
    mx.eval(a)
    del a
    assert mx.get_cache_memory() >= 4 * MB
    mx.clear_cache()
    assert mx.get_cache_memory() == 0


def test_cached_buffer_is_reused():
    mx.clear_cache()
    a = big(4 * MB)
    mx.eval(a)
    del a
    cached = mx.get_cache_memory()
    b = big(4 * MB)
    mx.eval(b)
    assert mx.get_cache_memory() < cached  # the freed block served the new array
    del b


def test_set_cache_limit_returns_previous_and_zero_disables_cache():
    mx.clear_cache()
    old = mx.set_cache_limit(0)
    assert isinstance(old, int) and old > 0
    assert mx.set_cache_limit(0) == 0
    a = big(4 * MB)
    mx.eval(a)
    del a
    assert mx.get_cache_memory() == 0
    mx.set_cache_limit(old)


def test_set_memory_limit_returns_previous():
    old = mx.set_memory_limit(1 << 40)
    assert isinstance(old, int) and old > 0
    assert mx.set_memory_limit(old) == 1 << 40
    assert mx.get_memory_limit() == old


def test_exceeding_memory_limit_raises_memory_error_and_recovers():
    gc.collect()
    mx.clear_cache()
    old = mx.set_memory_limit(mx.get_active_memory() + 4 * MB)
    try:
        a = big(64 * MB)
        with pytest.raises(MemoryError, match="memory limit"):
            mx.eval(a)
    finally:
        mx.set_memory_limit(old)
    # The failed array is still pending and evaluates once memory allows.
    mx.eval(a)
    m = memoryview(a)
    assert m[0] == 1.0 and m[len(m) - 1] == 1.0


def test_memory_error_from_implicit_evaluation():
    gc.collect()
    mx.clear_cache()
    old = mx.set_memory_limit(mx.get_active_memory() + 1 * MB)
    try:
        a = big(32 * MB)
        with pytest.raises(MemoryError):
            a.tolist()
    finally:
        mx.set_memory_limit(old)


def test_memory_limit_restored_allows_work():
    old = mx.set_memory_limit(mx.get_active_memory() + 1 * MB)
    mx.set_memory_limit(old)
    a = big(32 * MB)
    mx.eval(a)
    del a


def test_wired_limit_is_accepted():
    assert isinstance(mx.set_wired_limit(0), int)


def test_intermediates_are_freed_during_eval():
    # A chain of 20 ops on an 8 MB array never holds all 20 intermediates.
    gc.collect()
    mx.clear_cache()
    base = mx.get_active_memory()
    mx.reset_peak_memory()
    x = big(8 * MB)
    for _ in range(20):
        x = mx.exp(x * 0.5) - 1.0
    mx.eval(x)
    assert mx.get_peak_memory() - base < 5 * 8 * MB
    del x
    gc.collect()
    assert mx.get_active_memory() == base
