"""Million-op graphs: plain, multi-output and broadcasting chains through eval, freeing
without eval, grad, vjp, jvp, vmap, compile, the DOT and text dumps, graph statistics
and function export/import. None of these may recurse over the graph."""
import gc
import io
import os

import numpy as np
import pytest

import mxgraph.core as mx

N = int(os.environ.get("MXGRAPH_DEEP_N", 1_000_000))


def chain(x, n=N):
    for _ in range(n // 2):  # two nodes a step
        x = x * 1.0 + 0.0
    return x


def divmod_chain(x, n=N):
    # Both outputs of every divmod node feed the next step (m is 0 for these values).
    # Each step makes four arrays (the constant, two outputs, the sum).
    for _ in range(n // 4):
        q, m = mx.divmod(x, 1.0)
        x = q + m
    return x


def test_multi_output_chain_evaluates():
    x = divmod_chain(mx.array([7.0, 9.0]))
    assert x.tolist() == [7.0, 9.0]


def test_chain_keeping_one_output_of_each_multi_output_node():
    x = mx.array([3.0, 5.0])
    for _ in range(N // 4):
        x = mx.divmod(x + 2.0, 1.0)[0]
    assert x.tolist() == [3.0 + N // 2, 5.0 + N // 2]


def test_sort_argsort_chain():
    x = mx.array([3.0, 1.0, 2.0])
    for _ in range(N // 20):
        x = mx.sort(-x) + mx.argsort(x).astype(mx.float32) * 0.0
    got = np.array(x)
    assert sorted(got.tolist()) == got.tolist()
    assert sorted(abs(got).tolist()) == [1.0, 2.0, 3.0]


def test_broadcasting_chain():
    row = mx.array([1.0, 2.0, 3.0])
    y = mx.zeros((2, 1))
    for _ in range(N // 2):
        y = (y + row) - row
    assert y.shape == (2, 3)
    assert np.array(y).tolist() == [[0.0] * 3] * 2


def test_pending_multi_output_chain_is_freed_without_eval():
    gc.collect()
    base = mx.get_active_memory()
    x = divmod_chain(mx.ones((4,)))
    del x
    gc.collect()
    assert mx.get_active_memory() == base


def f_sum(x):
    return chain(x).sum()


def test_grad():
    g = mx.grad(f_sum)(mx.array([1.0, 2.0]))
    assert g.tolist() == [1.0, 1.0]


def test_vjp():
    outs, cts = mx.vjp(lambda x: chain(x), [mx.array([1.0, 2.0])], [mx.array([2.0, 3.0])])
    assert cts[0].tolist() == [2.0, 3.0]
    assert outs[0].tolist() == [1.0, 2.0]


def test_jvp():
    outs, tans = mx.jvp(f_sum, [mx.array([1.0, 2.0])], [mx.array([1.0, 1.0])])
    assert tans[0].item() == 2.0


def test_vmap():
    y = mx.vmap(f_sum)(mx.array([[1.0, 2.0], [3.0, 4.0]]))
    assert y.tolist() == [3.0, 7.0]


def test_dot_dump_of_multi_output_chain_is_bounded():
    x = divmod_chain(mx.ones((2,)))
    buf = io.StringIO()
    mx.export_to_dot(buf, x)
    text = buf.getvalue()
    assert text.startswith("digraph")
    assert text.count("\n") < 10_000


def divmod_broadcast_chain(x, n=N):
    # Both divmod outputs feed each step, and a (3, 1) zero row broadcasts the (2,)
    # input to (3, 2) at the first step: n arrays over n // 4 steps.
    row = mx.zeros((3, 1))
    for _ in range(n // 4):
        q, m = mx.divmod(x, 1.0)
        x = q + m + row
    return x


def test_compile_plain_chain():
    f = mx.compile(chain)
    assert f(mx.array([1.0, 2.0])).tolist() == [1.0, 2.0]
    assert f(mx.array([3.0, 4.0])).tolist() == [3.0, 4.0]  # replayed from the cache


def test_compile_multi_output_broadcasting_chain():
    f = mx.compile(divmod_broadcast_chain)
    assert f(mx.array([4.0, 1.0])).tolist() == [[4.0, 1.0]] * 3
    assert f(mx.array([6.0, 2.0])).tolist() == [[6.0, 2.0]] * 3


def test_grad_of_compiled_chain():
    g = mx.grad(mx.compile(f_sum))(mx.array([1.0, 2.0]))
    assert g.tolist() == [1.0, 1.0]


def test_graph_stats():
    steps = N // 4
    stats = mx.graph_stats(divmod_broadcast_chain(mx.array([2.0, 3.0])))
    assert stats.depth == 3 * steps  # divmod and two adds a step
    assert stats.pending_nodes >= 3 * steps


def test_print_graph_and_json_are_bounded():
    x = divmod_broadcast_chain(mx.array([2.0, 3.0]))
    buf = io.StringIO()
    mx.print_graph(x, file=buf)
    text = buf.getvalue()
    assert "DivMod" in text
    assert text.count("\n") < 10_000
    js = mx._core._graph_to_json(x)
    assert '"elided"' in js and len(js) < 2_000_000


def test_export_and_import_function(tmp_path):
    path = str(tmp_path / "chain.mxfn")
    mx.export_function(path, divmod_broadcast_chain, mx.array([1.0, 2.0]))
    f = mx.import_function(path)
    (y,) = f(mx.array([5.0, 7.0]))
    assert y.tolist() == [[5.0, 7.0]] * 3
    # Dropping a pending million-node imported graph must not recurse either.
    (z,) = f(mx.array([1.0, 1.0]))
    del z
    gc.collect()


def test_export_to_bytes_and_import_plain_chain():
    buf = io.BytesIO()
    mx.export_function(buf, chain, mx.array([1.0, 2.0]))
    buf.seek(0)
    (y,) = mx.import_function(buf)(mx.array([3.0, 4.0]))
    assert y.tolist() == [3.0, 4.0]
