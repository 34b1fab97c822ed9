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
    """The base class of layers and models, as ``mlx.nn.Module``: a dict of its members.

    Arrays, sub-modules, lists and dicts assigned as attributes are stored as dict
    entries (the module's state); other attributes are ordinary Python attributes.
    Members whose names start with ``_`` are not parameters.

    Example:
        >>> class Scale(nn.Module):
        ...     def __init__(self):
        ...         super().__init__()
        ...         self.w = mx.array([2.0])
        ...     def __call__(self, x):
        ...         return self.w * x
        >>> m = Scale()
        >>> m(mx.array([1.0, 3.0]))
        array([2, 6], dtype=float32)
        >>> m.parameters()
        {'w': array([2], dtype=float32)}
    """

    def __init__(self):
        self._no_grad = set()
        self._training = True

    @property
    def training(self):
        """True in training mode (see :meth:`train` and :meth:`eval`)."""
        return self._training

    @property
    def state(self):
        """The module itself: its dict of members, by reference (what :func:`compile` takes as ``inputs``/``outputs``)."""
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
        """Tells whether a value is a :class:`Module`.

        Args:
            value: Any value.

        Returns:
            bool: True for a module.

        Example:
            >>> nn.Module.is_module(nn.Linear(1, 1)), nn.Module.is_module(mx.array(1))
            (True, False)
        """
        return isinstance(value, Module)

    @staticmethod
    def valid_child_filter(module, key, value):
        """The filter :meth:`children` uses: keeps modules and the dicts and lists that may hold them.

        Args:
            module (Module): The module that holds the member.
            key (str): The member's name.
            value: The member.

        Returns:
            bool: True to keep the member.

        Example:
            >>> nn.Module.valid_child_filter(None, "l", nn.Linear(1, 1))
            True
        """
        return isinstance(value, (dict, list))

    @staticmethod
    def valid_parameter_filter(module, key, value):
        """The filter :meth:`parameters` uses: keeps arrays, dicts and lists whose names do not start with ``_``.

        Args:
            module (Module): The module that holds the member.
            key (str): The member's name.
            value: The member.

        Returns:
            bool: True to keep the member.

        Example:
            >>> nn.Module.valid_parameter_filter(None, "weight", mx.zeros(1))
            True
        """
        return isinstance(value, (dict, list, mx.array)) and not key.startswith("_")

    @staticmethod
    def trainable_parameter_filter(module, key, value):
        """The filter :meth:`trainable_parameters` uses: :meth:`valid_parameter_filter`, less the frozen members.

        Args:
            module (Module): The module that holds the member.
            key (str): The member's name.
            value: The member.

        Returns:
            bool: True to keep the member.

        Example:
            >>> m = nn.Linear(1, 1)
            >>> m.freeze(keys="bias")
            Linear(input_dims=1, output_dims=1, bias=True)
            >>> nn.Module.trainable_parameter_filter(m, "bias", m.bias)
            False
        """
        return Module.valid_parameter_filter(module, key, value) and key not in module._no_grad

    def filter_and_map(self, filter_fn, map_fn=None, is_leaf_fn=None):
        """The members, recursively, that ``filter_fn`` keeps, with ``map_fn`` applied to the leaves, as a tree of dicts and lists.

        Args:
            filter_fn (callable): ``filter_fn(module, key, value) -> bool``.
            map_fn (callable, optional): Applied to each kept leaf. Default: the identity.
            is_leaf_fn (callable, optional): ``is_leaf_fn(module, key, value) -> bool``: stop descending there.

        Returns:
            dict: The tree of kept (and mapped) members.

        Example:
            >>> m = nn.Linear(2, 1)
            >>> m.filter_and_map(nn.Module.valid_parameter_filter, lambda a: a.shape)
            {'weight': (1, 2), 'bias': (1,)}
        """
        map_fn = map_fn or (lambda x: x)
        is_leaf_fn = is_leaf_fn or _default_leaf
        return {
            k: _select(self, k, v, filter_fn, map_fn, is_leaf_fn)
            for k, v in self.items()
            if filter_fn(self, k, v)
        }

    def parameters(self):
        """All array members, recursively, as a tree of dicts and lists.

        Returns:
            dict: The parameters, by name.

        Example:
            >>> m = nn.Linear(2, 1)
            >>> {k: v.shape for k, v in m.parameters().items()}
            {'weight': (1, 2), 'bias': (1,)}
        """
        return self.filter_and_map(self.valid_parameter_filter)

    def trainable_parameters(self):
        """The array members that are not frozen, recursively, as a tree.

        Returns:
            dict: The trainable parameters, by name.

        Example:
            >>> m = nn.Linear(2, 1)
            >>> m.freeze(keys="bias")
            Linear(input_dims=2, output_dims=1, bias=True)
            >>> list(m.trainable_parameters())
            ['weight']
        """
        return self.filter_and_map(self.trainable_parameter_filter)

    def children(self):
        """The direct sub-modules, inside the dicts and lists that hold them.

        Returns:
            dict: The sub-modules, by member name.

        Example:
            >>> model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
            >>> len(model.children()["layers"])
            3
        """
        return self.filter_and_map(self.valid_child_filter, is_leaf_fn=lambda m, k, v: _is_module(v))

    def leaf_modules(self):
        """The sub-modules that hold no other module, as a tree.

        Returns:
            dict: The leaf modules, by member name.

        Example:
            >>> model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
            >>> model.leaf_modules()["layers"][1]
            ReLU()
        """

        def is_leaf(m, k, v):
            return _is_module(v) and not tree_flatten(v.children())

        return self.filter_and_map(self.valid_child_filter, is_leaf_fn=is_leaf)

    def update(self, parameters: dict, strict: bool = True) -> "Module":
        """Replaces the arrays at the places ``parameters`` names (a full or partial tree, as :meth:`parameters` gives).

        Args:
            parameters (dict): A tree of new arrays.
            strict (bool, optional): Raise ``ValueError`` for a name that is not a parameter or an array of another shape. Default: ``True``.

        Returns:
            Module: The module itself.

        Example:
            >>> m = nn.Linear(2, 1)
            >>> m.update({"bias": mx.array([5.0])}).bias
            array([5], dtype=float32)
        """
        _update_params(self, parameters, strict, "")
        return self

    def apply(self, map_fn: Callable, filter_fn: Optional[Callable] = None) -> "Module":
        """Replaces each parameter that ``filter_fn`` keeps with ``map_fn(parameter)``.

        Args:
            map_fn (callable): Maps an array to its replacement.
            filter_fn (callable, optional): Which parameters to map. Default: :meth:`valid_parameter_filter`.

        Returns:
            Module: The module itself.

        Example:
            >>> m = nn.Linear(2, 1).apply(lambda a: a.astype(mx.float16))
            >>> m.weight.dtype
            mxgraph.core.float16
        """
        filter_fn = filter_fn or Module.valid_parameter_filter
        return self.update(self.filter_and_map(filter_fn, map_fn))

    def update_modules(self, modules: dict, strict: bool = True) -> "Module":
        """Replaces the sub-modules at the places ``modules`` names.

        Args:
            modules (dict): A tree of new modules.
            strict (bool, optional): Raise ``ValueError`` for a name that is not a sub-module. Default: ``True``.

        Returns:
            Module: The module itself.

        Example:
            >>> model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
            >>> model.update_modules({"layers": [nn.Linear(2, 3), nn.GELU(), nn.Linear(3, 1)]}).layers[1]
            GELU()
        """
        _update_modules(self, modules, strict)
        return self

    def apply_to_modules(self, apply_fn: Callable[[str, "Module"], Any]) -> "Module":
        """Calls ``apply_fn(dotted name, module)`` on this module and every sub-module.

        Args:
            apply_fn (callable): ``apply_fn(name, module)``.

        Returns:
            Module: The module itself.

        Example:
            >>> model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
            >>> names = []
            >>> _ = model.apply_to_modules(lambda name, m: names.append(name))
            >>> names
            ['', 'layers.2', 'layers.1', 'layers.0']
        """
        stack = [("", self)]
        while stack:
            name, mod = stack.pop()
            apply_fn(name, mod)
            prefix = "." + name if name else ""
            stack.extend(tree_flatten(mod.children(), prefix=prefix, is_leaf=_is_module))
        return self

    def modules(self):
        """This module and all its sub-modules.

        Returns:
            list(Module): The modules.

        Example:
            >>> model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
            >>> len(model.modules())
            4
        """
        out = []
        self.apply_to_modules(lambda k, m: out.append(m))
        return out

    def named_modules(self):
        """This module (named ``""``) and all its sub-modules, with their dotted names.

        Returns:
            list(tuple(str, Module)): ``(name, module)`` pairs.

        Example:
            >>> model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
            >>> [name for name, _ in model.named_modules()]
            ['', 'layers.2', 'layers.1', 'layers.0']
        """
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
        """Stops gradients for the named parameters (all of them by default), in this module and, with ``recurse``, its sub-modules.

        Args:
            recurse (bool, optional): Freeze the sub-modules too. Default: ``True``.
            keys (str or list(str), optional): The parameter names to freeze; ``None`` freezes all.
            strict (bool, optional): Raise ``KeyError`` for a name no module has. Default: ``False``.

        Returns:
            Module: The module itself.

        Example:
            >>> m = nn.Linear(2, 1).freeze()
            >>> m.trainable_parameters()
            {}
        """

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
        """Undoes :meth:`freeze` for the named parameters (all of them by default).

        Args:
            recurse (bool, optional): Unfreeze the sub-modules too. Default: ``True``.
            keys (str or list(str), optional): The parameter names; ``None`` unfreezes all.
            strict (bool, optional): Raise ``KeyError`` for a name no module has. Default: ``False``.

        Returns:
            Module: The module itself.

        Example:
            >>> m = nn.Linear(2, 1).freeze().unfreeze(keys="bias")
            >>> list(m.trainable_parameters())
            ['bias']
        """

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
        """Sets training mode, in which :class:`Dropout` drops and :class:`BatchNorm` updates its statistics.

        Args:
            mode (bool, optional): True for training, False for evaluation. Default: ``True``.

        Returns:
            Module: The module itself.

        Example:
            >>> nn.Dropout(0.5).train(False).training
            False
        """
        self.apply_to_modules(lambda _, m: m._set_training_mode(mode))
        return self

    def eval(self) -> "Module":
        """Sets evaluation mode, ``train(False)``.

        Returns:
            Module: The module itself.

        Example:
            >>> nn.Dropout(0.5).eval().training
            False
        """
        return self.train(False)

    def set_dtype(self, dtype, predicate=lambda t: mx.issubdtype(t, mx.floating)) -> None:
        """Casts the parameters whose dtype ``predicate`` accepts (the floating ones by default).

        Args:
            dtype (Dtype): The new dtype.
            predicate (callable, optional): ``predicate(dtype) -> bool``.

        Example:
            >>> m = nn.Linear(2, 1)
            >>> m.set_dtype(mx.bfloat16)
            >>> m.weight.dtype
            mxgraph.core.bfloat16
        """
        keep = predicate or (lambda _: True)
        self.apply(lambda x: x.astype(dtype) if keep(x.dtype) else x)

    def save_weights(self, file: str) -> None:
        """Saves :meth:`parameters` to a ``.npz`` or ``.safetensors`` file, chosen by the extension.

        Args:
            file (str): The path.

        Example:
            >>> import os, tempfile
            >>> path = os.path.join(tempfile.mkdtemp(), "w.safetensors")
            >>> nn.Linear(2, 1).save_weights(path)
            >>> sorted(mx.load(path))
            ['bias', 'weight']
        """
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
        """Loads weights from a ``.npz`` or ``.safetensors`` file, or a list of
        ``(name, array)`` pairs. Files are read lazily: each array's bytes are read when
        it is evaluated.

        Args:
            file_or_weights (str or list): A path, or ``(dotted name, array)`` pairs.
            strict (bool, optional): The names must match :meth:`parameters` exactly and
                the shapes must agree (``ValueError`` otherwise); without it, unknown names
                are ignored. Default: ``True``.

        Returns:
            Module: The module itself.

        Example:
            >>> m = nn.Linear(2, 1)
            >>> m.load_weights([("bias", mx.array([3.0]))], strict=False).bias
            array([3], dtype=float32)
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
