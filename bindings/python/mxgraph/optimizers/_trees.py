"""Private tree walkers for the optimizers (lists, tuples and dicts of arrays).

Kept local until mxgraph.utils lands; they follow mlx.utils' semantics so the switch is
a change of import only.
"""


def _tree_map(fn, tree, *rest):
    """Applies `fn` to the leaves of `tree` and the matching nodes of `rest`."""
    if isinstance(tree, (list, tuple)):
        return type(tree)(
            _tree_map(fn, child, *(r[i] for r in rest)) for i, child in enumerate(tree))
    if isinstance(tree, dict):
        return {k: _tree_map(fn, child, *(r[k] for r in rest)) for k, child in tree.items()}
    return fn(tree, *rest)


def _tree_flatten(tree, prefix=""):
    """[(dotted path, leaf)] in insertion order, as mlx.utils.tree_flatten."""
    out = []
    stack = [(prefix, tree)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, (list, tuple)):
            items = [(f"{path}.{i}" if path else str(i), c) for i, c in enumerate(node)]
        elif isinstance(node, dict):
            items = [(f"{path}.{k}" if path else str(k), c) for k, c in node.items()]
        else:
            out.append((path, node))
            continue
        stack.extend(reversed(items))
    return out


def _tree_unflatten(pairs):
    """Inverse of _tree_flatten: integer keys make lists, others dicts."""
    if not pairs:
        return {}
    if len(pairs) == 1 and pairs[0][0] == "":
        return pairs[0][1]
    children = {}
    for path, value in pairs:
        head, _, tail = path.partition(".")
        children.setdefault(head, []).append((tail, value))
    if all(k.isdigit() for k in children):
        keys = sorted(children, key=int)
        out = [{} for _ in range(int(keys[-1]) + 1)]
        for k in keys:
            out[int(k)] = _tree_unflatten(children[k])
        return out
    return {k: _tree_unflatten(v) for k, v in children.items()}


def _tree_merge(a, b):
    """Union of two trees whose leaves do not overlap."""
    if isinstance(a, dict) and not a:
        return b
    if isinstance(b, dict) and not b:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for k, v in b.items():
            out[k] = _tree_merge(a[k], v) if k in a else v
        return out
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        n = max(len(a), len(b))
        pad = lambda t: list(t) + [{}] * (n - len(t))  # noqa: E731
        return type(a)(_tree_merge(x, y) for x, y in zip(pad(a), pad(b)))
    raise ValueError("[tree_merge] Both trees hold a leaf at the same place. "
                     "Split the parameters so each optimizer owns different ones.")
