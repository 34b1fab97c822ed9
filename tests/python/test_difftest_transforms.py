"""Transforms on generated graphs, driven by hypothesis: random compositions of 3 to 30
ops from the differentiable families (test_compile_property.Program with its shape,
scan and normalisation families added) checked for compile(f), compile(grad(f)),
grad(compile(f)), vmap(f), vmap(compile(f)) and compile(vmap(f)) against the plain
function or a Python loop, jvp against vjp, grad against central finite differences in
float64, and .mxfn export -> import -> call against the original.

test_compile_property.py keeps its 300 fixed seeds of the base families; this file
draws new programs each long run (scripts/difftest.sh) and a derandomized few in CI.
A failure prints the program (its ops); its (seed, n_ops) becomes an @example here."""

import tempfile

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import mxgraph.core as mx
from difftest_support import scaled
from test_compile_property import (EXTENDED_OPS, Program, check_export_seed, check_finite_differences_seed,
                                   check_jvp_vjp_seed, check_seed, check_vmap_seed, extended_op)

PROGRAMS = dict(seed=st.integers(0, 2**32 - 1), n_ops=st.integers(3, 30))


@settings(max_examples=scaled(20))
@given(**PROGRAMS)
def test_compile_and_grad(seed, n_ops):
    check_seed(seed, n_ops=n_ops, extended=True)


@settings(max_examples=scaled(20))
@given(**PROGRAMS)
def test_vmap_of_plain_and_compiled(seed, n_ops):
    check_vmap_seed(seed, n_ops=n_ops, extended=True)


@settings(max_examples=scaled(20))
@given(**PROGRAMS)
def test_jvp_vjp_consistent(seed, n_ops):
    check_jvp_vjp_seed(seed, n_ops=n_ops, extended=True)


@settings(max_examples=scaled(20))
@given(**PROGRAMS)
def test_grad_against_finite_differences(seed, n_ops):
    check_finite_differences_seed(seed, n_ops=n_ops, extended=True)


@settings(max_examples=scaled(8))
@given(**PROGRAMS)
def test_export_import_call(seed, n_ops):
    with tempfile.TemporaryDirectory() as folder:
        check_export_seed(seed, folder, n_ops=n_ops, extended=True)


@pytest.mark.parametrize("name", EXTENDED_OPS)
def test_each_extended_op_is_differentiable(name):
    """Every extended op alone: grad against finite differences in float64, vmap
    against a loop, and compile against plain (so a new op's failure names it)."""
    rng = np.random.default_rng(0)
    a, b, va = (mx.array(rng.standard_normal((4, 6)), dtype=mx.float64) for _ in range(3))
    f = lambda x: mx.sum(extended_op(name, x, b) * mx.cos(x))  # noqa: E731
    g = mx.grad(f)(a)
    eps = 1e-6
    numeric = (f(a + eps * va).item() - f(a - eps * va).item()) / (2 * eps)
    assert abs(mx.sum(g * va).item() - numeric) <= 1e-5 * (1 + abs(numeric)), name
    xs = mx.stack([a, a * 0.5, -a])
    got = mx.vmap(lambda x: extended_op(name, x, b))(xs)
    want = mx.stack([extended_op(name, xs[k], b) for k in range(3)])
    np.testing.assert_allclose(np.asarray(got), np.asarray(want), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(np.asarray(mx.compile(f)(a)), np.asarray(f(a)), rtol=1e-10)
