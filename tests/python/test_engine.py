"""The lazy engine, seen through the evaluation counters: what evaluates, when, why,
what runs, and what is freed.

mx._eval_counters() -> {'evals': calls that had pending work, 'nodes_run': primitives
executed, 'by_cause': {cause: calls}}; mx._reset_eval_counters() zeroes them.
"""

import gc
import io
import contextlib

import numpy as np
import pytest

import mxgraph.core as mx


def pending(values=(1.0, 2.0, 3.0), dtype=mx.float32):
    """A one-node pending array: constant * 2."""
    return mx.array(list(values), dtype=dtype) * 2


def assert_one_eval(c, cause, nodes=1):
    got = c()
    assert got["evals"] == 1, got
    assert got["nodes_run"] == nodes, got
    assert got["by_cause"][cause] == 1, got
    assert sum(got["by_cause"].values()) == 1, got


# --- building is lazy

def test_building_runs_nothing(counters):
    x = mx.array([1.0, 2.0, 3.0])
    y = mx.exp(x) + 1.0
    z = (y * y).reshape(3, 1).T.astype(mx.float16)
    # Metadata is known without evaluating.
    assert z.shape == (1, 3) and z.dtype == mx.float16 and z.size == 3 and z.ndim == 2
    assert len(y) == 3 and y.nbytes == 12 and y.itemsize == 4
    assert counters()["evals"] == 0 and counters()["nodes_run"] == 0


def test_counter_keys(counters):
    c = counters()
    assert set(c) >= {"evals", "nodes_run", "by_cause"}
    assert set(c["by_cause"]) >= {"explicit", "async", "print", "item", "bool", "tolist",
                                  "numpy", "buffer", "save"}


# --- each implicit trigger evaluates, once, with its cause

def test_print_evaluates(counters):
    x = pending()
    with contextlib.redirect_stdout(io.StringIO()) as out:
        print(x)
    assert "2" in out.getvalue() and "6" in out.getvalue()
    assert_one_eval(counters, "print")


@pytest.mark.parametrize("fn", [repr, str])
def test_repr_and_str_evaluate(counters, fn):
    x = pending()
    s = fn(x)
    assert "4" in s
    assert_one_eval(counters, "print")


def test_item_evaluates(counters):
    x = mx.array(3.0) * 2
    assert x.item() == 6.0
    assert_one_eval(counters, "item")


@pytest.mark.parametrize("conv,want", [(bool, True), (int, 6), (float, 6.0)])
def test_bool_int_float_evaluate(counters, conv, want):
    x = mx.array(3.0) * 2
    got = conv(x)
    assert got == want and type(got) is conv
    assert_one_eval(counters, "bool")


def test_control_flow_on_scalar_array_evaluates(counters):
    cond = mx.array(2.0) > 1.0
    taken = False
    if cond:
        taken = True
    assert taken
    assert_one_eval(counters, "bool")


def test_bool_of_many_elements_raises():
    with pytest.raises(ValueError, match="ambiguous"):
        bool(mx.array([1, 2]) > 0)


def test_tolist_evaluates(counters):
    x = pending()
    assert x.tolist() == [2.0, 4.0, 6.0]
    assert_one_eval(counters, "tolist")


def test_numpy_method_evaluates(counters):
    x = pending()
    n = x.numpy()
    assert isinstance(n, np.ndarray) and n.dtype == np.float32
    np.testing.assert_array_equal(n, [2.0, 4.0, 6.0])
    assert_one_eval(counters, "numpy")


@pytest.mark.parametrize("conv", [np.array, np.asarray])
def test_numpy_conversion_evaluates(counters, conv):
    x = pending()
    n = conv(x)
    np.testing.assert_array_equal(n, [2.0, 4.0, 6.0])
    c = counters()
    assert c["evals"] == 1 and c["nodes_run"] == 1
    # NumPy may take the buffer protocol or __array__; either is an implicit evaluation.
    assert c["by_cause"]["numpy"] + c["by_cause"]["buffer"] == 1


def test_dunder_array_signature(counters):
    x = pending(dtype=mx.int32)
    n = x.__array__()
    assert n.dtype == np.int32
    assert_one_eval(counters, "numpy")
    assert x.__array__(dtype=np.float64).dtype == np.float64
    assert x.__array__(None, None).dtype == np.int32
    assert x.__array__(dtype=None, copy=None).dtype == np.int32
    assert np.asarray(x, dtype=np.float64).dtype == np.float64


def test_bfloat16_to_numpy_is_float32():
    x = pending(dtype=mx.bfloat16)
    n = x.numpy()
    assert n.dtype == np.float32
    np.testing.assert_array_equal(n, [2.0, 4.0, 6.0])
    with pytest.raises(ValueError, match="bfloat16"):  # as MLX: NumPy refuses the buffer
        np.array(x)


def test_memoryview_evaluates(counters):
    x = pending()
    m = memoryview(x)
    assert m.format == "f" and m.shape == (3,) and m.itemsize == 4
    assert m.tolist() == [2.0, 4.0, 6.0]
    assert_one_eval(counters, "buffer")


@pytest.mark.parametrize("dtype,fmt,np_dtype", [
    (mx.bool_, "?", np.bool_), (mx.uint8, "B", np.uint8), (mx.uint16, "H", np.uint16),
    (mx.uint32, "I", np.uint32), (mx.uint64, "Q", np.uint64), (mx.int8, "b", np.int8),
    (mx.int16, "h", np.int16), (mx.int32, "i", np.int32), (mx.int64, "q", np.int64),
    (mx.float16, "e", np.float16), (mx.float32, "f", np.float32),
    (mx.float64, "d", np.float64), (mx.complex64, "Zf", np.complex64),
])
def test_buffer_formats(dtype, fmt, np_dtype):
    x = mx.array([0, 1, 1, 1, 0, 1], dtype=dtype).reshape(2, 3)  # a pending view
    m = memoryview(x)
    assert m.format == fmt
    assert m.shape == (2, 3) and m.ndim == 2
    assert m.itemsize == np.dtype(np_dtype).itemsize
    n = np.frombuffer(m.tobytes(), dtype=np_dtype).reshape(2, 3)
    np.testing.assert_array_equal(n, np.array([[0, 1, 1], [1, 0, 1]], dtype=np_dtype))


def test_buffer_of_a_transposed_view_honours_strides():
    x = mx.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]).T
    m = memoryview(x)
    assert m.shape == (3, 2)
    assert m.tolist() == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]


def test_bfloat16_buffer_has_mlx_format(counters):
    # No PEP 3118 code exists for bfloat16: MLX's buffer says "bfloat16" (raw 2-byte items).
    m = memoryview(pending(dtype=mx.bfloat16))
    assert m.format == "bfloat16" and m.itemsize == 2 and m.shape == (3,)
    assert_one_eval(counters, "buffer")


def test_save_evaluates(counters, tmp_path):
    x = pending()
    mx.save(str(tmp_path / "x.npy"), x)
    assert_one_eval(counters, "save")
    np.testing.assert_array_equal(np.load(tmp_path / "x.npy"), [2.0, 4.0, 6.0])


def test_savez_evaluates_all_in_one_pass(counters, tmp_path):
    a, b = pending(), pending((5.0,))
    mx.savez(str(tmp_path / "ab.npz"), a=a, b=b)
    c = counters()
    assert c["by_cause"]["save"] >= 1 and c["nodes_run"] == 2
    with np.load(tmp_path / "ab.npz") as f:
        np.testing.assert_array_equal(f["b"], [10.0])


def test_save_safetensors_evaluates(counters, tmp_path):
    a = pending()
    mx.save_safetensors(str(tmp_path / "a.safetensors"), {"a": a})
    c = counters()
    assert c["by_cause"]["save"] >= 1 and c["nodes_run"] == 1


def test_second_trigger_costs_nothing(counters):
    x = pending()
    x.tolist()
    repr(x)
    x.numpy()
    mx.eval(x)
    c = counters()
    assert c["evals"] == 1 and c["nodes_run"] == 1


def test_async_eval(counters):
    x = pending()
    mx.async_eval(x)
    assert x.tolist() == [2.0, 4.0, 6.0]
    c = counters()
    assert c["nodes_run"] == 1 and c["by_cause"]["tolist"] == 0


# --- selective computation

def test_unused_output_never_runs(counters):
    x = mx.array([0.5, 1.0])

    def two_outputs(v):
        return mx.exp(v) * 2, mx.sin(v) * mx.cos(v)  # 2 nodes and 3 nodes

    used, unused = two_outputs(x)
    mx.eval(used)
    assert counters()["nodes_run"] == 2
    np.testing.assert_allclose(np.array(used), 2 * np.exp([0.5, 1.0]), rtol=1e-6)
    # The unused branch is still pending: evaluating it now runs its 3 nodes.
    mx.eval(unused)
    assert counters()["nodes_run"] == 5


def test_shared_subgraph_runs_once(counters):
    x = mx.array([1.0, 2.0])
    s = mx.exp(x)
    a, b = s + 1, s * 2
    mx.eval(a, b)
    c = counters()
    assert c["nodes_run"] == 3 and c["evals"] == 1


def test_only_the_needed_part_of_a_long_graph_runs(counters):
    x = mx.array([1.0])
    chain = [x]
    for _ in range(50):
        chain.append(chain[-1] + 1.0)
    assert chain[10].item() == 11.0
    assert counters()["nodes_run"] == 10
    assert chain[50].item() == 51.0
    assert counters()["nodes_run"] == 50


# --- mx.eval's arguments and return value

def test_eval_returns_its_argument():
    x = pending()
    assert mx.eval(x) is x


def test_eval_returns_a_tuple_for_several():
    x, y = pending(), pending((7.0,))
    out = mx.eval(x, y)
    assert isinstance(out, tuple) and len(out) == 2
    assert out[0] is x and out[1] is y


def test_eval_of_nothing():
    assert mx.eval() is None


def test_eval_takes_nested_structures(counters):
    a, b, c, d = pending(), pending(), pending(), pending()
    tree = {"w": a, "layers": [b, (c, {"deep": d})], "step": 3, "name": "x", "none": None}
    out = mx.eval(tree)
    assert out is tree
    got = counters()
    assert got["evals"] == 1 and got["nodes_run"] == 4
    assert got["by_cause"]["explicit"] == 1
    for arr in (a, b, c, d):
        arr.tolist()  # no further evaluation
    assert counters()["evals"] == 1


def test_eval_with_lists_and_tuples(counters):
    a, b = pending(), pending()
    lst = [a, b]
    assert mx.eval(lst) is lst
    assert counters()["nodes_run"] == 2
    c = pending()
    t = (c,)
    assert mx.eval(t) is t


def test_eval_of_evaluated_arrays_counts_nothing(counters):
    x = mx.array([1.0, 2.0])
    mx.eval(x, [x], {"x": x})
    assert counters()["evals"] == 0


# --- deep graphs and memory

def _chain(n):
    x = mx.array([1.0, 2.0, 3.0, 4.0])
    for _ in range(n):
        x = x + 1.0
    return x


def test_million_op_chain_evaluates_and_is_freed(counters):
    gc.collect()
    base = mx.get_active_memory()
    n = 1_000_000
    x = _chain(n)
    mx.eval(x)
    assert counters()["nodes_run"] == n
    assert x.tolist() == [1.0 + n, 2.0 + n, 3.0 + n, 4.0 + n]
    del x
    gc.collect()
    assert mx.get_active_memory() == base


def test_million_op_pending_chain_is_freed_without_evaluation():
    gc.collect()
    base = mx.get_active_memory()
    x = _chain(1_000_000)
    del x  # destroying a long pending chain must not recurse
    gc.collect()
    assert mx.get_active_memory() == base


def test_active_memory_returns_to_baseline():
    gc.collect()
    base = mx.get_active_memory()
    x = mx.contiguous(mx.broadcast_to(mx.array(1.0), (1 << 20,)))  # 4 MB once evaluated
    y = mx.exp(x) * 2 + x
    mx.eval(y)
    assert mx.get_active_memory() >= base + (4 << 20)
    del x, y
    gc.collect()
    assert mx.get_active_memory() == base


def test_intermediates_freed_as_soon_as_consumed():
    gc.collect()
    base = mx.get_active_memory()
    mx.reset_peak_memory()
    y = mx.contiguous(mx.broadcast_to(mx.array(1.0), (1 << 20,)))  # 4 MB each
    for _ in range(30):
        y = y * 1.0001 + 0.5
    mx.eval(y)
    # 60 nodes of 4 MB; only a few buffers may be alive at once.
    assert mx.get_peak_memory() - base <= 4 * (4 << 20)
    del y
    gc.collect()
    assert mx.get_active_memory() == base


def test_results_match_numpy_after_a_mixed_graph():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((4, 5)).astype(np.float32)
    b = rng.standard_normal((5,)).astype(np.float32)
    x, y = mx.array(a), mx.array(b)
    z = mx.tanh(x * y + 1.0) - mx.exp(-mx.abs(x)) / 2
    want = np.tanh(a * b + 1.0) - np.exp(-np.abs(a)) / 2
    np.testing.assert_allclose(np.array(z), want, rtol=1e-5, atol=1e-6)


# --- the main demo (examples/python/demo.py) runs end to end

def test_main_demo_runs():
    import os
    import subprocess
    import sys

    import mxgraph

    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    env = dict(os.environ)
    # The child imports the same mxgraph as this process (installed or development).
    pkg_parent = os.path.dirname(os.path.abspath(mxgraph.__path__[0]))
    env["PYTHONPATH"] = os.pathsep.join([pkg_parent, env.get("PYTHONPATH", "")])
    r = subprocess.run([sys.executable, os.path.join(root, "examples", "python", "demo.py")],
                       capture_output=True, text=True, timeout=600, env=env)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "evaluations=0 kernels run=0" in out  # building computed nothing
    assert "after mx.eval(w): evaluations=1 kernels run=2" in out
    for cause in ("print=1", "item=1", "bool=1", "tolist=1", "buffer=1", "save=1"):
        assert cause in out, cause
    assert "the three matmuls were recorded but never ran" in out
    assert out.rstrip().endswith("done")
