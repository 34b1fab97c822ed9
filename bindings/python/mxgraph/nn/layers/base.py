"""nn.Module: a dict of arrays, sub-modules, lists and dicts (``mlx.nn.Module`` semantics)."""

import textwrap
from typing import Any, Callable, List, Optional, Union

import mxgraph.core as mx
from mxgraph.utils import tree_flatten, tree_unflatten


def _is_module(x):
    return isinstance(x, Module)


def _default_leaf(module, key, value):
    return not isinstance(value, (Module, dict, list))


def _select(owner, key, value, filter_fn, map_fn, is_leaf_fn):
    """The filtered, mapped view of one member `value` found at `key` in `owner`.

    Inside plain dicts and lists the keys grow dotted ("d.b") and are still
    judged by the owning module; entries the filter rejects become {}."""
    if is_leaf_fn(owner, key, value):
        return map_fn(value)
    if isinstance(value, Module):
        return value.filter_and_map(filter_fn, map_fn, is_leaf_fn)
    if isinstance(value, (dict, list)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        picked = {}
        for k, v in items:
            sub = f"{key}.{k}"
            keep = filter_fn(owner, sub, v)
            picked[k] = _select(owner, sub, v, filter_fn, map_fn, is_leaf_fn) if keep else {}
        return picked if isinstance(value, dict) else list(picked.values())
    raise RuntimeError(f"[Module] Unexpected leaf of type {type(value).__name__} under '{key}'.")


class Module(dict):
    """Base class of layers and models.

    Arrays, sub-modules, lists and dicts assigned as attributes are stored as
    dict entries (the module's state); other attributes are ordinary Python
    attributes. Members whose names start with "_" are not parameters.
    """

    def __init__(self):
        self._no_grad = set()
        self._training = True

    @property
    def training(self):
        """True in training mode (see train() and eval())."""
        return self._training

    @property
    def state(self):
        """The module itself: its dict of members, by reference."""
        return self

    def _extra_repr(self) -> str:
        return ""

    def __repr__(self):
        children = tree_flatten(self.children(), is_leaf=_is_module)
        text = f"{type(self).__name__}({self._extra_repr()}"
        for key, child in children:
            text += "\n" + textwrap.indent(f"({key}): {child!r}", "  ")
        return text + ("\n)" if children else ")")

    def __getattr__(self, key: str):
        if key in self:
            return self[key]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {key!r}")

    def __setattr__(self, key: str, val: Any):
        if isinstance(val, (mx.array, dict, list, tuple)):
            if key in self.__dict__:
                del self.__dict__[key]
            self[key] = val
        else:
            super().__setattr__(key, val)
            self.pop(key, None)

    def __delattr__(self, key):
        if key in self:
            del self[key]
        else:
            super().__delattr__(key)

    # Filters, as static methods so subclasses and users can combine them.
    @staticmethod
    def is_module(value):
        return isinstance(value, Module)

    @staticmethod
    def valid_child_filter(module, key, value):
        return isinstance(value, (dict, list))

    @staticmethod
    def valid_parameter_filter(module, key, value):
        return isinstance(value, (dict, list, mx.array)) and not key.startswith("_")

    @staticmethod
    def trainable_parameter_filter(module, key, value):
        return Module.valid_parameter_filter(module, key, value) and key not in module._no_grad

    def filter_and_map(self, filter_fn, map_fn=None, is_leaf_fn=None):
        """The members (recursively) that filter_fn(module, key, value) keeps,
        with map_fn applied to the leaves, as a tree of dicts and lists."""
        map_fn = map_fn or (lambda x: x)
        is_leaf_fn = is_leaf_fn or _default_leaf
        return {
            k: _select(self, k, v, filter_fn, map_fn, is_leaf_fn)
            for k, v in self.items()
            if filter_fn(self, k, v)
        }

    def parameters(self):
        """All array members, recursively, as a tree of dicts and lists."""
        return self.filter_and_map(self.valid_parameter_filter)

    def trainable_parameters(self):
        """The array members that are not frozen, recursively."""
        return self.filter_and_map(self.trainable_parameter_filter)

    def children(self):
        """The direct sub-modules, inside the dicts and lists that hold them."""
        return self.filter_and_map(self.valid_child_filter, is_leaf_fn=lambda m, k, v: _is_module(v))

    def leaf_modules(self):
        """The sub-modules that hold no other module."""

        def is_leaf(m, k, v):
            return _is_module(v) and not tree_flatten(v.children())

        return self.filter_and_map(self.valid_child_filter, is_leaf_fn=is_leaf)

    def update(self, parameters: dict, strict: bool = True) -> "Module":
        """Replaces the arrays at the places `parameters` names (a full or partial
        tree like parameters()). With strict, unknown names, non-arrays where an
        array is and arrays of another shape raise ValueError."""
        _update_params(self, parameters, strict, "")
        return self

    def apply(self, map_fn: Callable, filter_fn: Optional[Callable] = None) -> "Module":
        """Replaces each parameter (those filter_fn keeps) with map_fn(parameter)."""
        filter_fn = filter_fn or Module.valid_parameter_filter
        return self.update(self.filter_and_map(filter_fn, map_fn))

    def update_modules(self, modules: dict, strict: bool = True) -> "Module":
        """Replaces the sub-modules at the places `modules` names."""
        _update_modules(self, modules, strict)
        return self

    def apply_to_modules(self, apply_fn: Callable[[str, "Module"], Any]) -> "Module":
        """Calls apply_fn(dotted name, module) on this module and every sub-module."""
        stack = [("", self)]
        while stack:
            name, mod = stack.pop()
            apply_fn(name, mod)
            prefix = "." + name if name else ""
            stack.extend(tree_flatten(mod.children(), prefix=prefix, is_leaf=_is_module))
        return self

    def modules(self):
        """This module and all its sub-modules, as a list."""
        out = []
        self.apply_to_modules(lambda k, m: out.append(m))
        return out

    def named_modules(self):
        """(dotted name, module) for this module ("") and all sub-modules."""
        out = []
        self.apply_to_modules(lambda k, m: out.append((k, m)))
        return out

    def _keys_to_list(self, keys, strict):
        keys = keys if isinstance(keys, list) else [keys]
        if strict:
            for k in keys:
                if k not in self:
                    raise KeyError(f"[Module] The module has no member {k}.")
        return keys

    def _check_keys_somewhere(self, keys):
        keys = keys if isinstance(keys, list) else [keys]
        mods = self.modules()
        for k in keys:
            if not any(k in m for m in mods):
                raise KeyError(f"[Module] No module in the model has a member {k}.")

    def freeze(self, *, recurse: bool = True, keys: Optional[Union[str, List[str]]] = None,
               strict: bool = False) -> "Module":
        """Stops gradients for the named parameters (default: all of them), in
        this module and, with recurse, in its sub-modules."""

        def freeze_one(_, m):
            local = keys
            if local is None:
                own = m.filter_and_map(
                    lambda mm, k, v: not _is_module(v) and mm.valid_parameter_filter(mm, k, v)
                )
                local = [k for k, _ in tree_flatten(own)]
            m._no_grad.update(m._keys_to_list(local, strict_local))

        strict_local = strict
        if recurse:
            if strict and keys is not None:
                self._check_keys_somewhere(keys)
                strict_local = False
            self.apply_to_modules(freeze_one)
        else:
            freeze_one("", self)
        return self

    def unfreeze(self, *, recurse: bool = True, keys: Optional[Union[str, List[str]]] = None,
                 strict: bool = False) -> "Module":
        """Undoes freeze() for the named parameters (default: all of them)."""

        def unfreeze_one(_, m):
            if keys is None:
                m._no_grad.clear()
            else:
                m._no_grad.difference_update(m._keys_to_list(keys, strict_local))

        strict_local = strict
        if recurse:
            if strict and keys is not None:
                self._check_keys_somewhere(keys)
                strict_local = False
            self.apply_to_modules(unfreeze_one)
        else:
            unfreeze_one("", self)
        return self

    def _set_training_mode(self, mode: bool):
        self._training = mode

    def train(self, mode: bool = True) -> "Module":
        """Sets training mode (Dropout drops, BatchNorm updates its statistics)."""
        self.apply_to_modules(lambda _, m: m._set_training_mode(mode))
        return self

    def eval(self) -> "Module":
        """Sets evaluation mode: train(False)."""
        return self.train(False)

    def set_dtype(self, dtype, predicate=lambda t: mx.issubdtype(t, mx.floating)):
        """Casts the parameters whose dtype predicate accepts (floating ones by default)."""
        keep = predicate or (lambda _: True)
        self.apply(lambda x: x.astype(dtype) if keep(x.dtype) else x)

    def save_weights(self, file: str):
        """Saves parameters() to a .npz or .safetensors file (by the extension)."""
        flat = tree_flatten(self.parameters(), destination={})
        if file.endswith(".npz"):
            mx.savez(file, **flat)
        elif file.endswith(".safetensors"):
            mx.save_safetensors(file, flat)
        else:
            raise ValueError(
                f"[Module.save_weights] Unsupported file extension for {file}. "
                "Use '.npz' or '.safetensors'."
            )

    def load_weights(self, file_or_weights, strict: bool = True) -> "Module":
        """Loads weights from a .npz/.safetensors file or a list of (name, array).

        Files are read lazily: each array's bytes are read when it is evaluated.
        With strict, the names must match parameters() exactly and the shapes
        must agree (ValueError otherwise); without it, unknown names are ignored.
        """
        weights = file_or_weights
        if isinstance(weights, str):
            weights = list(mx.load(weights).items())
        elif isinstance(weights, dict):
            weights = list(weights.items())
        if strict:
            _check_weights(dict(weights), tree_flatten(self.parameters(), destination={}))
        if weights:
            self.update(tree_unflatten(weights), strict=False)
        return self

    def __call__(self, *args, **kwargs):
        raise NotImplementedError(f"[Module] {type(self).__name__} does not define __call__.")


def _check_weights(new, current):
    extra = sorted(new.keys() - current.keys())
    if extra:
        raise ValueError(
            f"[Module.load_weights] Received {len(extra)} parameters not in model: \n"
            + ",\n".join(extra) + "."
        )
    missing = sorted(current.keys() - new.keys())
    if missing:
        raise ValueError(
            f"[Module.load_weights] Missing {len(missing)} parameters: \n" + ",\n".join(missing) + "."
        )
    for k, v in current.items():
        w = new[k]
        if not isinstance(w, mx.array):
            raise ValueError(
                f"[Module.load_weights] Expected mx.array but received {type(w)} for parameter {k}"
            )
        if w.shape != v.shape:
            raise ValueError(
                f"[Module.load_weights] Expected shape {v.shape} but received shape "
                f"{w.shape} for parameter {k}"
            )


def _set_leaf(dst, k, new, strict, path):
    cur = dst[k]
    if strict:
        if not isinstance(new, mx.array):
            raise ValueError(
                f"[Module.update] Received invalid type: {type(new).__name__} for parameter {path}."
            )
        if new.shape != cur.shape:
            raise ValueError(
                f"[Module.update] Expected shape {cur.shape} but received shape {new.shape} "
                f"for parameter {path}."
            )
    dst[k] = new


def _update_params(dst, params, strict, path):
    join = (lambda k: f"{path}.{k}") if path else str
    if isinstance(params, dict):
        for k, new in params.items():
            if not isinstance(dst, dict) or k not in dst:
                if strict:
                    raise ValueError(f'[Module.update] Module does not have parameter named "{join(k)}".')
                continue
            if isinstance(dst[k], mx.array):
                _set_leaf(dst, k, new, strict, join(k))
            else:
                _update_params(dst[k], new, strict, join(k))
    elif isinstance(params, list):
        if not isinstance(dst, list):
            if strict:
                raise ValueError(f"[Module.update] Received invalid type: list for {path or 'the module'}.")
            return
        for i, new in enumerate(params):
            if i >= len(dst):
                if strict:
                    raise ValueError(
                        f"[Module.update] List index {i} is out of bounds for {path} of length {len(dst)}."
                    )
                continue
            if isinstance(dst[i], mx.array):
                _set_leaf(dst, i, new, strict, join(i))
            else:
                _update_params(dst[i], new, strict, join(i))
    elif strict:
        raise ValueError(
            f"[Module.update] Received invalid type: {type(params).__name__} for {path or 'the module'}."
        )


def _update_modules(dst, modules, strict):
    if isinstance(modules, dict):
        items = modules.items()
    elif isinstance(modules, list):
        items = enumerate(modules)
    else:
        if strict:
            raise ValueError(f"[Module.update_modules] Received invalid type: {type(modules).__name__}.")
        return
    for k, new in items:
        present = (k in dst) if isinstance(dst, dict) else (isinstance(k, int) and k < len(dst))
        if not present:
            if strict:
                raise ValueError(f'[Module.update_modules] Module does not have sub-module named "{k}".')
            continue
        cur = dst[k]
        if _is_module(cur) and _is_module(new):
            dst[k] = new
        elif isinstance(cur, (dict, list)):
            _update_modules(cur, new, strict)
        elif strict and new != {}:
            raise ValueError(f"[Module.update_modules] Received invalid type: {type(new).__name__}.")
