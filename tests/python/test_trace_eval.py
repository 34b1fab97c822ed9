"""Reading a value while vmap or compile traces the function is an error (the value
would be that of a stand-in, baked into the result); grad allows it (it traces on the
real values)."""
import numpy as np
import pytest

import mxgraph.core as mx


def scale_by_item(x):
    return x * x.sum().item()


@pytest.mark.parametrize("trigger", [
    lambda y: y.item(),
    lambda y: bool(y > 0),
    lambda y: np.array(y),
    lambda y: repr(y),
    lambda y: mx.eval(y),
])
def test_vmap_refuses_reading_a_traced_value(trigger):
    def f(x):
        trigger(x.sum())
        return x

    with pytest.raises(ValueError, match=r"\[vmap\] Cannot evaluate an array while tracing"):
        mx.vmap(f)(mx.ones((3, 2)))


def test_compile_refuses_reading_a_traced_value():
    with pytest.raises(ValueError, match=r"\[compile\] Cannot evaluate"):
        mx.compile(scale_by_item)(mx.ones((3,)))


def test_compiled_function_still_works_after_the_error():
    cf = mx.compile(scale_by_item)
    with pytest.raises(ValueError):
        cf(mx.ones((2,)))
    assert mx.compile(lambda x: x * 2)(mx.ones((2,))).tolist() == [2.0, 2.0]
    # arrays that are not traced (captured constants) may be evaluated while tracing
    w = mx.arange(3.0)
    assert mx.vmap(lambda x: x * w.sum().item())(mx.ones((2, 3))).tolist() == [[3.0] * 3] * 2


def test_grad_still_allows_reading_values():
    g = mx.grad(lambda x: scale_by_item(x).sum())(mx.array([1.0, 2.0]))
    # d/dx sum(x * s) with s = sum(x) = 3 read as a constant
    np.testing.assert_allclose(np.array(g), [3.0, 3.0])


def test_compile_disabled_runs_the_plain_function():
    mx.disable_compile()
    try:
        np.testing.assert_allclose(np.array(mx.compile(scale_by_item)(mx.ones((3,)))), [3.0] * 3)
    finally:
        mx.enable_compile()
