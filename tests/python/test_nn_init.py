"""nn.init: initializer factories, their shapes, dtypes and statistics."""

import math

import numpy as np
import pytest

import mxgraph.core as mx
import mxgraph.nn as nn
from mxgraph.nn import init
from mxgraph.utils import tree_flatten


def sample(fn, shape, *args, **kwargs):
    mx.random.seed(0)
    return fn(mx.zeros(shape), *args, **kwargs)


def test_constant_and_identity():
    a = sample(init.constant(0.5), (2, 3))
    assert a.shape == (2, 3) and a.dtype == mx.float32 and np.all(np.array(a) == 0.5)
    assert init.constant(1, dtype=mx.float16)(mx.zeros((2,))).dtype == mx.float16
    np.testing.assert_array_equal(np.array(init.identity()(mx.zeros((3, 3)))), np.eye(3))
    assert init.identity(dtype=mx.float64)(mx.zeros((2, 2))).dtype == mx.float64
    with pytest.raises(ValueError, match="square"):
        init.identity()(mx.zeros((2, 3)))
    with pytest.raises(ValueError, match="square"):
        init.identity()(mx.zeros((3,)))


def test_normal_and_uniform_statistics():
    a = np.array(sample(init.normal(mean=2.0, std=0.5), (200, 200)))
    assert abs(a.mean() - 2.0) < 0.01 and abs(a.std() - 0.5) < 0.01
    u = np.array(sample(init.uniform(low=-2.0, high=1.0), (200, 200)))
    assert u.min() >= -2.0 and u.max() < 1.0
    assert abs(u.mean() + 0.5) < 0.02 and abs(u.std() - 3 / math.sqrt(12)) < 0.02
    assert init.normal(dtype=mx.float16)(mx.zeros((2,))).dtype == mx.float16


def test_fans_use_the_receptive_field():
    # (out=64, 3, 3, in=32): fan_in = 32*9, fan_out = 64*9
    fan_in, fan_out = 32 * 9, 64 * 9
    a = np.array(sample(init.glorot_uniform(), (64, 3, 3, 32)))
    limit = math.sqrt(6 / (fan_in + fan_out))
    assert a.max() <= limit and a.min() >= -limit and a.max() > 0.95 * limit
    g = np.array(sample(init.glorot_normal(), (64, 3, 3, 32), gain=2.0))
    assert abs(g.std() - 2.0 * math.sqrt(2 / (fan_in + fan_out))) < 0.003
    h = np.array(sample(init.he_normal(), (64, 3, 3, 32), mode="fan_out"))
    assert abs(h.std() - 1 / math.sqrt(fan_out)) < 0.003
    hu = np.array(sample(init.he_uniform(), (300, 200)))
    lim = math.sqrt(3 / 200)
    assert hu.max() <= lim and hu.min() >= -lim and abs(hu.std() - lim / math.sqrt(3)) < 0.002
    hn = np.array(sample(init.he_normal(), (300, 200), gain=3.0))
    assert abs(hn.std() - 3 / math.sqrt(200)) < 0.005


def test_fan_errors():
    with pytest.raises(ValueError, match="at least 2 dimensional"):
        init.glorot_uniform()(mx.zeros((3,)))
    with pytest.raises(ValueError, match="Invalid mode"):
        init.he_uniform()(mx.zeros((3, 3)), mode="fan_avg")


def test_initializers_follow_the_random_seed():
    a = sample(init.normal(), (4,))
    b = sample(init.normal(), (4,))
    assert np.array_equal(np.array(a), np.array(b))


def test_apply_an_initializer_to_a_model():
    model = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 2))
    model.apply(init.constant(0.25))
    for k, v in tree_flatten(model.parameters()):
        assert np.all(np.array(v) == 0.25), k


@pytest.mark.parametrize("sparsity,shape", [(0.5, (6, 10)), (0.25, (40, 7)), (0.0, (3, 4)),
                                            (1.0, (3, 4))])
def test_sparse_zeroes_a_fixed_count_per_row(sparsity, shape):
    mx.random.seed(5)
    w = np.array(init.sparse(sparsity, mean=2.0, std=0.5)(mx.zeros(shape)))
    zeros = math.ceil(sparsity * shape[1])
    assert w.shape == shape and w.dtype == np.float32
    np.testing.assert_array_equal((w == 0).sum(axis=1), [zeros] * shape[0])
    # The rows differ in which columns they drop.
    if 0 < zeros < shape[1]:
        assert len({tuple(r) for r in (w == 0)}) > 1


def test_sparse_values_are_normal_samples():
    mx.random.seed(0)
    w = np.array(init.sparse(0.5, mean=1.0, std=2.0)(mx.zeros((400, 100))))
    nz = w[w != 0]
    assert nz.size == 400 * 50
    assert abs(nz.mean() - 1.0) < 0.05 and abs(nz.std() - 2.0) < 0.05
    assert init.sparse(0.5, dtype=mx.float16)(mx.zeros((2, 2))).dtype == mx.float16


def test_sparse_errors():
    with pytest.raises(ValueError, match=r"\[init.sparse\] Only tensors with 2 dimensions"):
        init.sparse(0.5)(mx.zeros((2, 3, 4)))
    for bad in (-0.5, 1.5):
        with pytest.raises(ValueError, match=r"\[init.sparse\] sparsity must be in \[0, 1\]"):
            init.sparse(bad)
