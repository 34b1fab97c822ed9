"""Tests fail rather than skip: a skip or xfail in tests/python must be one of the kinds
allowed below and say why. A skip is for an optional peer that is genuinely absent
(PyTorch, Graphviz, MPI, a CMake build folder, a Unix-only module); a known difference is
a strict xfail with its reason. An unconditional skip is never allowed."""

import ast
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def _calls():
    """(file, line, name, call) for every pytest.<skip-like> call in the test files."""
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".py"):
            continue
        tree = ast.parse(open(os.path.join(HERE, name), encoding="utf-8").read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                dotted = ast.unparse(node.func)
                if dotted.startswith("pytest.") and dotted.split(".")[-1] in (
                        "skip", "skipif", "importorskip", "xfail"):
                    yield name, node.lineno, dotted, node


def _keyword(call, key):
    return next((k.value for k in call.keywords if k.arg == key), None)


def _has_text(node):
    return isinstance(node, (ast.Constant, ast.JoinedStr)) and bool(ast.unparse(node).strip("'\" f"))


def test_every_skip_and_xfail_says_why():
    bad = []
    for name, line, dotted, call in _calls():
        where = f"{name}:{line} {dotted}"
        if dotted == "pytest.mark.skip":
            bad.append(f"{where}: an unconditional skip hides whatever it skips")
        elif dotted == "pytest.mark.skipif" and not _has_text(_keyword(call, "reason")):
            bad.append(f"{where}: no reason=")
        elif dotted == "pytest.importorskip" and not _has_text(_keyword(call, "reason")):
            bad.append(f"{where}: no reason= (say which optional peer is absent)")
        elif dotted == "pytest.skip" and not (call.args and _has_text(call.args[0])):
            bad.append(f"{where}: no message")
        elif dotted in ("pytest.mark.xfail", "pytest.xfail"):
            strict = _keyword(call, "strict")
            if dotted == "pytest.xfail" or not (isinstance(strict, ast.Constant) and strict.value is True):
                bad.append(f"{where}: an xfail must be a strict mark (strict=True)")
            if not _has_text(_keyword(call, "reason")):
                bad.append(f"{where}: no reason=")
    assert bad == [], "\n".join(bad)


def test_the_check_sees_the_skips_there_are():
    kinds = {dotted for _, _, dotted, _ in _calls()}
    assert {"pytest.mark.skipif", "pytest.importorskip", "pytest.mark.xfail"} <= kinds
