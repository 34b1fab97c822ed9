"""mxgraph.utils: the tree functions, on plain Python trees and on arrays."""

from collections import namedtuple

import numpy as np
import pytest

import mxgraph.core as mx
from mxgraph.utils import (tree_flatten, tree_map, tree_map_with_path, tree_merge, tree_reduce,
                           tree_unflatten)

P = namedtuple("P", "x y")
TREE = {"a": [1, {"b": 2, "c": (3, 4)}], "d": {"e": 5}, "f": []}


def test_flatten_keys_are_dotted_paths():
    assert tree_flatten(TREE) == [("a.0", 1), ("a.1.b", 2), ("a.1.c.0", 3), ("a.1.c.1", 4), ("d.e", 5)]
    assert tree_flatten(5) == [("", 5)]
    assert tree_flatten([]) == [] and tree_flatten({}) == []
    assert tree_flatten([None, 1]) == [("0", None), ("1", 1)]
    assert tree_flatten({1: 2, (1, 2): 3}) == [("1", 2), ("(1, 2)", 3)]


def test_flatten_prefix_drops_its_first_character():
    # As in MLX: the key is (prefix + "." + path) without its first character.
    assert tree_flatten([1], prefix="p") == [(".0", 1)]
    assert tree_flatten([1], prefix=".model") == [("model.0", 1)]


def test_flatten_destination_and_is_leaf():
    d = {}
    assert tree_flatten(TREE, destination=d) is d
    assert d == {"a.0": 1, "a.1.b": 2, "a.1.c.0": 3, "a.1.c.1": 4, "d.e": 5}
    lst = [("x", 0)]
    assert tree_flatten([7], destination=lst) == [("x", 0), ("0", 7)]
    assert tree_flatten({"a": [1, 2]}, is_leaf=lambda x: isinstance(x, list)) == [("a", [1, 2])]
    with pytest.raises(ValueError, match="destination"):
        tree_flatten([1], destination=5)


def test_unflatten_rebuilds_lists_from_integer_keys():
    assert tree_unflatten(tree_flatten(TREE)) == {"a": [1, {"b": 2, "c": [3, 4]}], "d": {"e": 5}}
    assert tree_unflatten([("0", 1), ("1", 2)]) == [1, 2]
    assert tree_unflatten([("a.2", 1), ("a.0", 2)]) == {"a": [2, {}, 1]}  # gaps hold {}
    assert tree_unflatten({"x.1.y": 3}) == {"x": [{}, {"y": 3}]}
    assert tree_unflatten([("a", 1), ("0", 2)]) == {"a": 1, "0": 2}
    assert tree_unflatten([]) == []
    assert tree_unflatten([("", 5)]) == 5
    with pytest.raises(ValueError, match="more than once"):
        tree_unflatten([("a", 1), ("a", 2)])


def test_unflatten_integer_keys_read_as_mlx_reads_them():
    # A level is a list when every key is an int() to Python and no two keys name one
    # index; "01" next to "1" keeps both as dict keys instead of one overwriting the other.
    assert tree_unflatten([("01", 1), ("1", 2)]) == {"01": 1, "1": 2}
    assert tree_unflatten([("1", 1), ("01", 2)]) == {"1": 1, "01": 2}
    assert tree_unflatten([("10", "a"), ("9", "b")]) == [{}] * 9 + ["b", "a"]
    assert tree_unflatten([("a.01", 1)]) == {"a": [{}, 1]}
    assert tree_unflatten([(" 1", 5), ("0", 3)]) == [3, 5]
    assert tree_unflatten([("0.x", 1), ("1", 2)]) == [{"x": 1}, 2]
    assert tree_unflatten([("²", 1)]) == {"²": 1}  # isdigit() but not an int


def test_map_keeps_structure():
    assert tree_map(lambda x: x * 10, TREE) == {"a": [10, {"b": 20, "c": (30, 40)}], "d": {"e": 50}, "f": []}
    assert tree_map(lambda x, y: x + y, [1, (2, 3)], [10, (20, 30)]) == [11, (22, 33)]
    assert tree_map(lambda x: x + 1, P(1, 2)) == P(2, 3)
    assert tree_map(len, {"a": [1, 2]}, is_leaf=lambda x: isinstance(x, list)) == {"a": 2}
    # rest may have more than tree, not less
    assert tree_map(lambda x, y: (x, y), [1], [1, 2]) == [(1, 1)]
    with pytest.raises(KeyError):
        tree_map(lambda x, y: x, {"a": 1}, {"b": 2})
    with pytest.raises(IndexError):
        tree_map(lambda x, y: x, [1, 2], [1])


def test_map_with_path():
    got = tree_map_with_path(lambda p, x: p, TREE)
    assert got == {"a": ["a.0", {"b": "a.1.b", "c": ("a.1.c.0", "a.1.c.1")}], "d": {"e": "d.e"}, "f": []}
    assert tree_map_with_path(lambda p, x: p, [1, [2]], path="z") == ["z.0", ["z.1.0"]]
    assert tree_map_with_path(lambda p, x: p, 5) is None
    assert tree_map_with_path(lambda p, x, y: (p, x, y), {"a": 1}, {"a": 2}) == {"a": ("a", 1, 2)}


def test_reduce():
    assert tree_reduce(lambda a, x: a + x, TREE, 0) == 15
    assert tree_reduce(lambda a, x: a + x, TREE) == 15
    assert tree_reduce(lambda a, x: a + x, []) is None
    assert tree_reduce(lambda a, x: a + x, [], 7) == 7
    assert tree_reduce(lambda a, x: a + [x], {"a": [1, 2]}, [], is_leaf=lambda x: isinstance(x, list)) == [[1, 2]]
    # a None accumulator restarts from the next leaf, as in MLX
    assert tree_reduce(lambda a, x: str(a) + str(x), [None, 1, 2]) == "12"


def test_merge():
    assert tree_merge({"a": 1, "b": [None, 2]}, {"c": 3, "b": [4, None]}) == {"a": 1, "b": [4, 2], "c": 3}
    assert tree_merge([1, None, 3], [None, 2]) == [1, 2, 3]
    assert tree_merge({"a": {}}, {"a": {"b": 1}}) == {"a": {"b": 1}}
    assert tree_merge((1, None), [None, 2]) == (1, 2)
    assert tree_merge(P(1, None), P(None, 2)) == P(1, 2)
    assert tree_merge(1, 2, lambda a, b: a + b) == 3
    assert tree_merge([], []) == [] and tree_merge({}, {}) == {}
    with pytest.raises(ValueError, match="merge_fn"):
        tree_merge({"a": 1}, {"a": 2})
    with pytest.raises(ValueError, match="Cannot merge"):
        tree_merge([], {})


def test_trees_of_arrays_round_trip():
    rng = np.random.default_rng(0)
    tree = {"w": [mx.array(rng.standard_normal((2, 3))), mx.array(rng.standard_normal(4))],
            "b": {"x": mx.array(rng.standard_normal(()))}}
    flat = tree_flatten(tree)
    assert [k for k, _ in flat] == ["w.0", "w.1", "b.x"]
    back = tree_unflatten(flat)
    doubled = tree_map(lambda a: a * 2, back)
    for (_, a), (_, b) in zip(flat, tree_flatten(doubled)):
        np.testing.assert_allclose(np.array(b), 2 * np.array(a), rtol=1e-6)
    total = tree_reduce(lambda acc, a: acc + a.sum(), tree, mx.array(0.0))
    want = sum(np.array(a).sum() for _, a in flat)
    np.testing.assert_allclose(total.item(), want, rtol=1e-5)
