"""Trees of lists, tuples and dicts (``mlx.utils``'s functions, same semantics).

A tree is a list, tuple or dict whose children are trees or leaves; anything
else is a leaf. Flat keys join the path with dots: ``{"a": [x]}`` -> ``"a.0"``.
"""

from typing import Any, Callable, Optional

__all__ = [
    "tree_flatten",
    "tree_unflatten",
    "tree_map",
    "tree_map_with_path",
    "tree_reduce",
    "tree_merge",
]


def _is_container(x):
    return isinstance(x, (list, tuple, dict))


def _rebuild_sequence(kind, items):
    """A list/tuple/namedtuple of type `kind` holding `items`."""
    if issubclass(kind, tuple) and hasattr(kind, "_fields"):
        return kind(*items)
    return kind(items)


def tree_map(fn: Callable, tree: Any, *rest: Any, is_leaf: Optional[Callable] = None) -> Any:
    """Applies ``fn`` to the leaves of ``tree`` (and the matching leaves of ``rest``).
    Lists and tuples keep their type; dicts come back as plain dicts.

    Args:
        fn (callable): ``fn(leaf, *matching_leaves)``.
        tree: A tree of lists, tuples and dicts.
        *rest: Trees that contain ``tree``'s structure (they may have more).
        is_leaf (callable, optional): ``is_leaf(node) -> bool``: treat a node as a leaf.

    Returns:
        A tree shaped like ``tree`` holding ``fn``'s results.

    Example:
        >>> utils.tree_map(lambda x: x * 2, {"a": [1, 2], "b": 3})
        {'a': [2, 4], 'b': 6}
        >>> utils.tree_map(lambda x, y: x + y, [1, 2], [10, 20])
        [11, 22]
    """
    if is_leaf is not None and is_leaf(tree):
        return fn(tree, *rest)
    if isinstance(tree, (list, tuple)):
        items = [
            tree_map(fn, child, *[r[i] for r in rest], is_leaf=is_leaf)
            for i, child in enumerate(tree)
        ]
        return _rebuild_sequence(type(tree), items)
    if isinstance(tree, dict):
        return {
            k: tree_map(fn, child, *[r[k] for r in rest], is_leaf=is_leaf)
            for k, child in tree.items()
        }
    return fn(tree, *rest)


def tree_map_with_path(
    fn: Callable,
    tree: Any,
    *rest: Any,
    is_leaf: Optional[Callable] = None,
    path: Optional[Any] = None,
) -> Any:
    """As :func:`tree_map`, but ``fn`` also receives each leaf's dotted path first.

    Args:
        fn (callable): ``fn(path, leaf, *matching_leaves)``; ``path`` is ``None`` for a
            bare leaf.
        tree: A tree of lists, tuples and dicts.
        *rest: Trees that contain ``tree``'s structure.
        is_leaf (callable, optional): ``is_leaf(node) -> bool``.
        path (str, optional): The path of ``tree`` itself, prefixed to the paths.

    Returns:
        A tree shaped like ``tree`` holding ``fn``'s results.

    Example:
        >>> utils.tree_map_with_path(lambda path, x: path, {"a": [1, 2]})
        {'a': ['a.0', 'a.1']}
    """
    if is_leaf is not None and is_leaf(tree):
        return fn(path, tree, *rest)

    def sub(key):
        return str(key) if path is None else f"{path}.{key}"

    if isinstance(tree, (list, tuple)):
        items = [
            tree_map_with_path(fn, child, *[r[i] for r in rest], is_leaf=is_leaf, path=sub(i))
            for i, child in enumerate(tree)
        ]
        return _rebuild_sequence(type(tree), items)
    if isinstance(tree, dict):
        return {
            k: tree_map_with_path(fn, child, *[r[k] for r in rest], is_leaf=is_leaf, path=sub(k))
            for k, child in tree.items()
        }
    return fn(path, tree, *rest)


def _flatten_into(tree, key, is_leaf, out):
    """Appends (key, leaf) pairs; `key` starts with the separator (dropped at the end)."""
    if (is_leaf is None or not is_leaf(tree)) and _is_container(tree):
        items = tree.items() if isinstance(tree, dict) else enumerate(tree)
        for k, child in items:
            _flatten_into(child, f"{key}.{k}", is_leaf, out)
        return
    out.append((key[1:], tree))


def tree_flatten(tree: Any, prefix: str = "", is_leaf: Optional[Callable] = None, destination=None):
    """The ``(dotted key, leaf)`` pairs of a tree, depth first.

    Args:
        tree: A tree of lists, tuples and dicts.
        prefix (str, optional): Prefixed to every key. Default: ``""``.
        is_leaf (callable, optional): ``is_leaf(node) -> bool``.
        destination (list or dict, optional): Where to put the pairs: a list (the
            default) or a dict.

    Returns:
        list(tuple(str, object)) or dict: The pairs.

    Example:
        >>> utils.tree_flatten({"layers": [{"w": 1}, {"w": 2}], "b": 3})
        [('layers.0.w', 1), ('layers.1.w', 2), ('b', 3)]
    """
    pairs = []
    _flatten_into(tree, prefix, is_leaf, pairs)
    if destination is None:
        return pairs
    if isinstance(destination, dict):
        destination.update(pairs)
    elif isinstance(destination, list):
        destination.extend(pairs)
    else:
        raise ValueError("[tree_flatten] destination must be a list or a dict.")
    return destination


def tree_unflatten(tree):
    """Rebuilds a tree from ``(dotted key, value)`` pairs: a level whose keys are integers
    becomes a list.

    Args:
        tree (list or dict): The pairs, or a dict of them.

    Returns:
        dict or list: The tree.

    Example:
        >>> utils.tree_unflatten([("layers.0.w", 1), ("layers.1.w", 2), ("b", 3)])
        {'layers': [{'w': 1}, {'w': 2}], 'b': 3}
    """
    pairs = list(tree.items()) if isinstance(tree, dict) else list(tree)
    if len(pairs) == 1 and pairs[0][0] == "":
        return pairs[0][1]
    if pairs and all(k == "" for k, _ in pairs):
        raise ValueError("[tree_unflatten] The same key appears more than once.")
    groups = {}
    for key, value in pairs:
        head, _, tail = key.partition(".")
        groups.setdefault(head, []).append((tail, value))
    indices = _list_indices(groups)
    if indices is not None:
        out = []
        for i, k in sorted(indices.items()):
            out.extend({} for _ in range(i - len(out)))  # missing indices hold {}
            out.append(tree_unflatten(groups[k]))
        return out
    return {k: tree_unflatten(children) for k, children in groups.items()}


def _list_indices(groups):
    """{int(key): key} when every key of a level parses as an integer (as int() reads
    it, like MLX) and no two keys name one index ("1" and "01"); else None."""
    indices = {}
    for k in groups:
        try:
            indices[int(k)] = k
        except ValueError:
            return None
    return indices if len(indices) == len(groups) else None


def tree_reduce(fn, tree, initializer=None, is_leaf=None):
    """Folds ``fn(accumulator, leaf)`` over the leaves of a tree, in flatten order.

    Args:
        fn (callable): ``fn(accumulator, leaf) -> accumulator``.
        tree: A tree of lists, tuples and dicts.
        initializer (optional): The first accumulator; ``None`` starts from the first
            leaf.
        is_leaf (callable, optional): ``is_leaf(node) -> bool``.

    Returns:
        The final accumulator.

    Example:
        >>> utils.tree_reduce(lambda acc, x: acc + x, {"a": [1, 2], "b": 3}, 0)
        6
    """
    acc = initializer
    for _, leaf in tree_flatten(tree, is_leaf=is_leaf):
        acc = leaf if acc is None else fn(acc, leaf)  # None restarts, as in MLX
    return acc


def _empty(x):
    return x is None or (_is_container(x) and len(x) == 0)


def tree_merge(tree_a, tree_b, merge_fn=None):
    """Merges two trees: where only one of them has something (``None`` and empty
    containers count as nothing) that is kept; where both have leaves, ``merge_fn(a, b)``
    decides.

    Args:
        tree_a: The first tree.
        tree_b: The second tree.
        merge_fn (callable, optional): ``merge_fn(a, b)`` for leaves both trees have;
            without it, such a leaf raises ``ValueError``.

    Returns:
        The merged tree.

    Example:
        >>> utils.tree_merge({"a": 1}, {"b": [2]})
        {'a': 1, 'b': [2]}
    """
    if _is_container(tree_a) and _is_container(tree_b) and not tree_a and not tree_b:
        if type(tree_a) is not type(tree_b):
            raise ValueError(
                f"[tree_merge] Cannot merge an empty {type(tree_a).__name__} with an "
                f"empty {type(tree_b).__name__}."
            )
        return type(tree_a)()
    a = None if _empty(tree_a) else tree_a
    b = None if _empty(tree_b) else tree_b
    if a is None and b is not None:
        return b
    if b is None and a is not None:
        return a
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        n = max(len(a), len(b))
        items = [
            tree_merge(a[i] if i < len(a) else None, b[i] if i < len(b) else None, merge_fn)
            for i in range(n)
        ]
        return _rebuild_sequence(type(a), items)
    if isinstance(a, dict) and isinstance(b, dict):
        keys = list(a) + [k for k in b if k not in a]
        return type(a)((k, tree_merge(a.get(k), b.get(k), merge_fn)) for k in keys)
    if merge_fn is None:
        raise ValueError(
            "[tree_merge] Both trees hold a value at the same place and no merge_fn "
            "was given. Pass merge_fn(a, b) to combine them."
        )
    return merge_fn(a, b)
