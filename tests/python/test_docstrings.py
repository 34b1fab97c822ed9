"""Every public function, class, method and property of mxgraph.core, nn, optimizers and
utils has a docstring in MLX's style: what it does, Args: for its parameters, Returns:
when it returns something, and an Example: whose >>> lines run and print what they
claim. The names come from the modules themselves (scripts/api_reference.py), so a name
added later fails here, by name, until it has its docstring (C++ functions: a table in
bindings/python/src/docs_<area>.cpp; Python ones: in place)."""

import doctest
import inspect
import os
import re
import sys

import numpy as np
import pytest

import mxgraph.core as mx
import mxgraph.nn as nn
import mxgraph.optimizers as optim
import mxgraph.utils as utils

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
try:
    import api_reference
finally:
    sys.path.pop(0)

# pybind11's signature lines ("f(a: object) -> array", "1. f(...)", "Overloaded function.").
SIGNATURE = re.compile(r"^(\d+\.\s+)?[A-Za-z_][\w.]*\(.*\)(\s*->\s*.+)?$|^Overloaded function\.$")
SECTION = re.compile(r"^(Args|Returns|Example|Examples|Raises|Yields|Note|Attributes):\s*$")


def _module_of(name):
    return {"mxgraph.core": mx, "mxgraph.nn": nn, "mxgraph.nn.losses": nn.losses,
            "mxgraph.nn.init": nn.init, "mxgraph.optimizers": optim,
            "mxgraph.utils": utils}.get(name) or getattr(mx, name.rsplit(".", 1)[-1])


def _own_members(cls):
    """The public methods and properties a class of mxgraph defines (inherited ones are
    checked on the class that defines them)."""
    for name, value in vars(cls).items():
        if name.startswith("_") or not (callable(value) or isinstance(value, property)
                                        or inspect.isdatadescriptor(value)):
            continue
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        yield name, value


def documented_objects():
    """[(qualified name, object, kind)] once per object: aliases share one docstring."""
    seen, out = set(), []

    def add(qual, obj, kind):
        # a method is (class, name, value): an override without a docstring inherits
        # its base's, as help() and Sphinx show it
        key = (id(obj[2] if isinstance(obj, tuple) else obj), kind)
        if key not in seen:
            seen.add(key)
            out.append((qual, obj, kind))

    for _, _, module, names in api_reference.groups():
        mod = _module_of(module)
        for name, kind in names:
            obj = getattr(mod, name)
            if kind == "data":
                continue
            if kind == "class":
                add(f"{module}.{name}", obj, "class")
                mxgraph_bases = [c for c in obj.__mro__
                                 if str(getattr(c, "__module__", "")).startswith("mxgraph")]
                for cls in mxgraph_bases:
                    for member, value in _own_members(cls):
                        kind_m = "property" if not callable(value) or isinstance(value, property) \
                            else "method"
                        add(f"{module}.{cls.__name__}.{member}", (cls, member, value), kind_m)
            else:
                add(f"{module}.{name}", obj, "function")
    return out


def split_signatures(doc):
    """(pybind11's signature lines at the top of a docstring, the rest)."""
    lines = inspect.cleandoc(doc or "").splitlines()
    i = 0
    while i < len(lines) and (not lines[i].strip() or SIGNATURE.match(lines[i].strip())):
        i += 1
    return [ln for ln in lines[:i] if ln.strip()], "\n".join(lines[i:]).strip()


def body(doc):
    """The docstring without pybind11's signature lines."""
    return split_signatures(doc)[1]


def sections(text):
    found, name = {"": []}, ""
    for line in text.splitlines():
        m = SECTION.match(line)
        if m:
            name = m.group(1)
            found[name] = []
        else:
            found[name].append(line)
    return found


def parameters(obj, doc):
    """The parameter names a caller passes, or None when they cannot be read."""
    if inspect.isclass(obj):
        obj = obj.__init__
    try:
        sig = inspect.signature(obj)
        names = [p.name for p in sig.parameters.values()
                 if p.name not in ("self", "cls") and p.kind not in (p.VAR_KEYWORD,)]
        returns = sig.return_annotation
        return names, returns
    except (TypeError, ValueError):
        pass
    params, returns = [], inspect.Signature.empty
    for line in split_signatures(doc)[0]:
        m = re.match(r"^(?:\d+\.\s+)?[A-Za-z_][\w.]*\((.*)\)(?:\s*->\s*(.+))?$", line.strip())
        if not m or line.strip().startswith(("Overloaded", "__")):
            continue
        depth, cur, parts = 0, "", []
        for ch in m.group(1):
            depth += ch in "([{"
            depth -= ch in ")]}"
            if ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
            else:
                cur += ch
        parts.append(cur)
        for p in parts:
            p = p.strip().lstrip("*")
            name = re.split(r"[:=\s]", p, maxsplit=1)[0]
            if name and name not in ("/", "self", "kwargs") and name not in params:
                params.append(name)
        returns = m.group(2) or returns
    return params, returns


def returns_nothing(obj, returns):
    return returns in (None, "None", type(None)) or (inspect.isclass(obj))


def doc_of(obj):
    if isinstance(obj, tuple):
        cls, name, value = obj
        return inspect.getdoc(value if isinstance(value, property) else getattr(cls, name))
    return obj.__doc__


def callable_of(obj):
    return getattr(obj[0], obj[1]) if isinstance(obj, tuple) else obj


def problems_of(qual, obj, kind):
    doc = doc_of(obj)
    obj = callable_of(obj)
    text = body(doc)
    if not text:
        return ["no docstring"]
    found = sections(text)
    summary = [ln for ln in found[""] if ln.strip()]
    if not summary:
        return ["no summary line"]
    if kind == "property":
        return []
    out = []
    params, returns = parameters(obj, doc)
    args = "\n".join(found.get("Args", []))
    if params and params != ["args"]:
        if "Args" not in found:
            out.append(f"no Args: (it takes {', '.join(params)})")
        else:
            listed = set(re.findall(r"^\s{0,8}\**(\w+)\s*(?:\(|:)", args, re.M))
            missing = [p for p in params if p not in listed and p != "args"]
            if missing:
                out.append(f"Args: does not describe {', '.join(missing)}")
    if kind != "class" and not returns_nothing(obj, returns) and "Returns" not in found:
        out.append("no Returns:")
    example = "\n".join(found.get("Example", []) + found.get("Examples", []))
    if ">>>" not in example:
        out.append("no Example: with >>> lines")
    return out


def test_every_public_name_has_a_docstring_in_mlx_style():
    objects = documented_objects()
    assert len(objects) > 500
    bad = {}
    for qual, obj, kind in objects:
        p = problems_of(qual, obj, kind)
        if p:
            bad[qual] = p
    report = "\n".join(f"  {q}: {'; '.join(p)}" for q, p in sorted(bad.items()))
    assert not bad, (f"{len(bad)} public names lack a docstring in MLX's style (C++ names: "
                     f"add an entry to bindings/python/src/docs_<area>.cpp):\n{report}")


def run_examples(qual, doc):
    text = body(doc)
    found = sections(text)
    example = inspect.cleandoc("\n".join(found.get("Example", []) + found.get("Examples", [])))
    test = doctest.DocTestParser().get_doctest(
        example, {"mx": mx, "nn": nn, "optim": optim, "utils": utils, "np": np}, qual, None, 0)
    out = []
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    mx.random.seed(0)
    runner.run(test, out=out.append)
    return "".join(out)


def test_every_example_runs_and_prints_what_it_claims():
    failures, seen = [], set()
    for qual, obj, kind in documented_objects():
        doc = doc_of(obj)
        if kind == "property" or not doc or ">>>" not in doc or doc in seen:
            continue
        seen.add(doc)  # an inherited docstring runs once
        report = run_examples(qual, doc)
        if report:
            failures.append(report)
    assert not failures, f"{len(failures)} docstring examples fail:\n" + "\n".join(failures)[:20000]


@pytest.mark.parametrize("name", ["exp", "sum", "reshape"])
def test_the_signature_stays_on_the_first_line(name):
    # Sphinx and the stubs read pybind11's signature from the first line.
    first = getattr(mx, name).__doc__.splitlines()[0]
    assert first.startswith(f"{name}(") or first.startswith(f"{name}(*args"), first


def test_generated_one_liners_are_gone():
    assert "Elementwise exp." not in mx.exp.__doc__
    assert "Args:" in mx.exp.__doc__ and "Example:" in mx.exp.__doc__
