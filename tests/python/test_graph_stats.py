"""mx.graph_stats and mx.print_graph: values on known graphs, output targets,
errors, nothing evaluated, and a million-node graph."""

import io

import pytest

import mxgraph.core as mx


def test_stats_of_a_known_graph():
    x = mx.array([1.0, 2.0, 3.0])
    w = mx.array([1.0, 2.0, 3.0, 4.0])
    y = mx.exp(x) + x
    z = mx.reshape(y, (3, 1))  # a view: allocates nothing
    s = mx.graph_stats(z, w)
    assert (s.pending_nodes, s.pending_arrays, s.depth) == (3, 3, 3)
    assert s.bytes_to_allocate == 3 * 4 * 2
    assert s.inputs_held == 2 and s.input_bytes_held >= 28
    assert s.per_primitive == {"Binary": 1, "Reshape": 1, "Unary": 1}
    assert list(s.per_primitive) == sorted(s.per_primitive)
    assert "pending_nodes=3" in repr(s) and "pending nodes:" in str(s)


def test_multi_output_and_shared_nodes():
    a = mx.array([7.0, 8.0])
    q, r = mx.divmod(a, mx.array(3.0))
    s = mx.graph_stats(q, [r, {"q": q}])  # nested containers, shared node
    assert (s.pending_nodes, s.pending_arrays, s.bytes_to_allocate) == (1, 2, 16)
    d = mx.exp(a)
    s = mx.graph_stats(d * d + d)
    assert s.pending_nodes == 3 and s.depth == 3


def test_evaluated_arrays_have_no_pending_work():
    x = mx.exp(mx.array([1.0, 2.0]))
    mx.eval(x)
    s = mx.graph_stats(x)
    assert (s.pending_nodes, s.depth, s.bytes_to_allocate, s.per_primitive) == (0, 0, 0, {})
    assert s.inputs_held == 1
    assert mx.graph_stats().pending_nodes == 0


def test_nothing_is_evaluated():
    y = mx.exp(mx.array([1.0])) * 2.0
    mx._reset_eval_counters()
    mx.graph_stats(y)
    mx.print_graph(y, file=io.StringIO())
    assert mx._eval_counters()["evals"] == 0


def test_print_graph_targets(capsys, tmp_path):
    x = mx.array([1.0, 2.0])
    y = mx.exp(x) - x
    expected = ("inputs:\n  %0 x : float32[2]\n%1 = Unary(exp)(%0) : float32[2]\n"
                "%2 = Binary(subtract)(%1, %0) : float32[2]  # y\noutputs: %2 y\n")
    assert mx.print_graph(y, x=x, y=y) is None
    assert capsys.readouterr().out == expected
    f = io.StringIO()
    mx.print_graph(y, file=f, x=x, y=y)
    assert f.getvalue() == expected
    p = tmp_path / "g.txt"
    mx.print_graph(y, file=str(p), x=x, y=y)
    assert p.read_text() == expected


def test_ids_match_the_dot_export():
    x = mx.array([1.0, 2.0])
    y = mx.exp(x) - x
    f = io.StringIO()
    mx.export_to_dot(f, y)
    assert "a2 [label" in f.getvalue() and "p1 -> a2" in f.getvalue()


def test_errors():
    with pytest.raises(TypeError, match="graph_stats"):
        mx.graph_stats(3)
    with pytest.raises(TypeError, match="print_graph"):
        mx.print_graph("x", file=io.StringIO())


def test_a_million_node_chain():
    x = mx.array(1.0)
    for _ in range(1_000_000):
        x = x + 1.0
    s = mx.graph_stats(x)
    assert s.pending_nodes == 1_000_000 and s.depth == 1_000_000
    f = io.StringIO()
    mx.print_graph(x, file=f)
    assert "not shown" in f.getvalue() and f.getvalue().count("\n") < 3000
